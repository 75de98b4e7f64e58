"""Issue 16: work that must stay linear (counted, never timed) and the input policies
for control characters, lone surrogates and ``repr``."""

from __future__ import annotations

import json

import pytest

import geotext
from geotext.actors import Actor, ActorIndex, Mention, actors_in_span
from geotext.actors.normalize import clean_name

_NAMES = [
    "Ada Quill",
    "Bram Holt",
    "Cora Vane",
    "Dara Finch",
    "Emil Rusk",
    "Fenna Lowe",
    "Gus Marr",
    "Hana Ilves",
]


_SURNAMES = [
    "Abbot",
    "Brisk",
    "Colter",
    "Dunmore",
    "Ellery",
    "Fairlie",
    "Garrow",
    "Hollis",
    "Ingle",
    "Jessop",
    "Kettle",
    "Lydgate",
    "Merrow",
    "Nutley",
    "Orrin",
    "Pellow",
    "Quarry",
    "Rudd",
    "Sallow",
    "Tarrant",
]


def _quoted_people(n: int) -> str:
    """``n`` paragraphs, each a quote of another person (up to 160 people)."""
    return "\n\n".join(
        f"“We will talk again,” {_NAMES[k % 8].split()[0]} {_SURNAMES[k // 8 % 20]} told reporters on Monday."
        for k in range(n)
    )


# -- the speaker look-up goes through an ActorIndex -----------------------------------
def test_speaker_lookup_does_not_ask_every_actor_per_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quote extraction found speakers by asking every actor about every quote
    (``Actor.overlap`` actors x quotes times); through the index it asks none."""
    calls = 0
    real = Actor.overlap

    def counting(self: Actor, start: int, end: int) -> int:
        nonlocal calls
        calls += 1
        return real(self, start, end)

    monkeypatch.setattr(Actor, "overlap", counting)
    counts = []
    for n in (40, 160):
        calls = 0
        a = geotext.analyze(_quoted_people(n), backend="rules")
        assert len(a.quotes) == n
        counts.append(calls)
    # Asking every actor per quote: ~16x from 40 to 160 quotes and people; linear ~4x.
    assert counts[1] <= 5 * max(counts[0], 1)


def test_actor_index_agrees_with_the_plain_look_up() -> None:
    a = geotext.analyze(_quoted_people(24) + " Putin met Xi in Moscow.", backend="rules")
    index = ActorIndex(a.actors)
    text = a.text
    for start in range(0, len(text), 7):
        for width in (1, 5, 30, 200):
            assert actors_in_span(index, start, start + width) == actors_in_span(
                list(a.actors), start, start + width
            )


def test_actor_index_visits_only_nearby_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A look-up reads the mentions that can reach the span, not all of them."""
    mentions = [
        Mention(text="Ada", start=10 * k, end=10 * k + 3, kind="name", evidence="", sentence=k)
        for k in range(2000)
    ]
    actor = Actor(id="unk:person:ada", name="Ada", type="person", record=None, mentions=tuple(mentions))
    index = ActorIndex([actor])

    class Rows(list):  # type: ignore[type-arg]
        reads = 0

        def __getitem__(self, k):  # type: ignore[no-untyped-def]
            Rows.reads += 1
            return super().__getitem__(k)

    index._rows = Rows(index._rows)
    for k in range(0, 2000, 50):
        assert index.in_span(10 * k, 10 * k + 3) == [actor]
    assert Rows.reads <= 40 * 3  # a handful per look-up, not 2,000


# -- control characters in names ----------------------------------------------------
@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1f", "\u200b", "\udcff", "\x00\x00\t"])
def test_names_hold_no_control_characters_but_spans_keep_offsets(bad: str) -> None:
    text = f"“We will win,” John{bad}Smith said. John{bad}Smith left."
    a = geotext.analyze(text, backend="rules")
    people = [x for x in a.actors if x.type == "person"]
    assert people, a.actors
    for actor in a.actors:
        assert actor.name == clean_name(actor.name)
        assert not any(c in actor.name for c in "\x00\x07\x1f\u200b\udcff\t")
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text  # spans are the caller's characters
    assert people[0].name in ("John Smith", "JohnSmith")
    out = a.to_json()
    out.encode("utf-8")
    quotes = json.loads(out)["quotes"]
    assert quotes and quotes[0]["source"]["text"] == f"John{bad}Smith"
    for q in quotes:
        for ref in q["actors"]:
            assert ref["name"] == clean_name(ref["name"])


def test_clean_name() -> None:
    assert clean_name("John\x00Smith") == "John Smith"
    assert clean_name("  Ada \x07\x07 Lovelace\n") == "Ada Lovelace"
    assert clean_name("Kyiv") == "Kyiv"
    assert clean_name("\x00") == ""


# -- lone surrogates ----------------------------------------------------------------
def test_lone_surrogates_stay_in_spans_escaped_in_json() -> None:
    text = "Peter\udcffWexx said the talks had failed. \ud800"
    a = geotext.analyze(text, backend="rules")
    out = a.to_json()
    out.encode("utf-8")
    back = json.loads(out)
    assert back["sentences"][0]["text"] == a.sentences[0].text
    wexx = next(x for x in a.actors if "Wexx" in x.name)
    assert wexx.name == "Peter Wexx"
    assert wexx.mentions[0].text == "Peter\udcffWexx"
    assert "\\udcff" in out


# -- repr ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Putin met Lukashenko in Minsk. Both spoke and may meet again, officials said.",
        "“Yes,” he said. " * 200,
        "\x00\udcff" * 500,
        "😀 " * 3000,
    ],
)
def test_repr_is_short_and_informative(text: str) -> None:
    a = geotext.analyze(text, backend="rules")
    r = repr(a)
    assert len(r) <= 500  # was 7,000-11,000 characters for a 50-character text
    assert r.startswith("Analysis(backend='rules'")
    assert f"text={len(text)} chars" in r
    assert f"quotes={len(a.quotes)}" in r and f"hedges={len(a.hedges)}" in r
    assert f"sentences={len(a.sentences)}" in r


# -- no per-quote copies of the document ------------------------------------------
class _CountingText(str):
    """A document text that counts the characters sliced out of it."""

    copied = 0

    def __getitem__(self, key: object) -> str:  # type: ignore[override]
        out = str.__getitem__(self, key)  # type: ignore[index]
        _CountingText.copied += len(out)
        return out


@pytest.mark.parametrize("unit", ["“Yes,” he said. ", "“", "said ", "Yes.\tNo.\t", "he said that "])
def test_capabilities_copy_text_linearly(unit: str) -> None:
    """Characters the capabilities slice out of the document grow linearly with it
    (counted, not timed): '“A,” he said. “B.”' continuation look-ups sliced
    ``text[at:]``, the rest of the document, for every quote (~4x more per character
    from 200 to 800 quotes)."""
    import attrs

    from geotext.api import _finish
    from geotext.backends import annotate

    per_char = []
    for n in (200, 800):
        doc = annotate([unit * n], backend="rules")[0]
        doc = attrs.evolve(doc, text=_CountingText(doc.text))
        _CountingText.copied = 0
        _finish(doc)
        per_char.append(_CountingText.copied / len(doc.text))
    assert per_char[1] <= 1.5 * per_char[0]


# -- writing the result --------------------------------------------------------------
@pytest.mark.parametrize("write", ["to_json", "to_dict"])
def test_writing_runs_no_garbage_collection(write: str) -> None:
    """The records hold no reference cycles: building their dicts with the cyclic
    collector on ran collections over every object of the document for nothing
    (0.86 -> 0.55 s at 0.1 MB of quotes with it off). Counted through ``gc.callbacks``."""
    import gc

    a = geotext.analyze("“Yes,” he said. It may rain, officials said. " * 300, backend="rules")
    runs = 0

    def count(phase: str, info: dict[str, int]) -> None:
        nonlocal runs
        runs += phase == "start"

    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        getattr(a, write)()
        assert gc.isenabled()  # restored
    finally:
        gc.callbacks.remove(count)
    assert runs <= 1  # the collection a call may start on entry; hundreds before


_REPORTED = "“Yes,” he said. It may rain, officials said. "


def test_claims_refer_to_hedges_by_index() -> None:
    """Schema 2: each hedge is written once; claims list its index (schema 1 repeated
    every evidence hedge in full, most of the output with many quotes)."""
    a = geotext.analyze(_REPORTED * 50, backend="rules")
    out = a.to_json()
    d = json.loads(out)
    assert d["schema"] == geotext.SCHEMA == "geotext.analysis/2"
    assert out.count('"modality": ') == len(a.hedges) == len(d["hedges"])
    with_evidence = [c for c in a.claims if c.evidence]
    assert len(with_evidence) >= 100
    for c, cd in zip(a.claims, d["claims"], strict=True):
        assert all(isinstance(k, int) for k in cd["evidence"])
        assert [a.hedges[k] for k in cd["evidence"]] == list(c.evidence)
    assert a.to_dict() == d


def test_a_claim_with_a_hedge_from_elsewhere_keeps_its_object() -> None:
    import attrs

    a = geotext.analyze("It may rain.", backend="rules")
    b = geotext.analyze("It will probably rain.", backend="rules")
    mixed = attrs.evolve(a, claims=(*a.claims, *b.claims))
    d = json.loads(mixed.to_json())
    assert d["claims"][0]["evidence"] == [0]
    assert d["claims"][-1]["evidence"] == [b.hedges[0].to_dict()]
    # an equal hedge, not the same object, is found by value
    copy = attrs.evolve(a.claims[0], evidence=(attrs.evolve(a.hedges[0]),))
    assert json.loads(attrs.evolve(a, claims=(copy,)).to_json())["claims"][0]["evidence"] == [0]


def test_tables_read_both_schemas() -> None:
    from geotext.tables import records

    a = geotext.analyze(_REPORTED * 3, backend="rules")
    new = json.loads(a.to_json())
    old = json.loads(a.to_json())
    old["schema"] = "geotext.analysis/1"
    for c in old["claims"]:
        c["evidence"] = [old["hedges"][k] for k in c["evidence"]]
    rows = records([a], "claims")
    assert any(r["cues"] for r in rows)
    assert records([new], "claims") == records([old], "claims") == rows


def test_to_json_encodes_record_by_record() -> None:
    """``to_json`` holds the records' strings and the result, never the whole dict
    tree (counted with tracemalloc: 2.7x the result's size before, 1.7x after)."""
    import sys
    import tracemalloc

    from geotext.analysis import dumps

    a = geotext.analyze(_REPORTED * 400, backend="rules")
    tracemalloc.start()
    try:
        out = a.to_json()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out == dumps(a.to_dict())
    assert peak <= 2 * sys.getsizeof(out)


def test_reporting_cues_are_looked_up_only_where_one_may_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quotes and hedges asked the reporting lexicon about every word of every
    sentence (twice per word); words no cue starts with are now skipped before it."""
    from geotext.language.reporting import Lexicon

    asked: list[int] = []
    real = Lexicon.cues_at

    def counting(self: Lexicon, forms, i, lemma=None):  # type: ignore[no-untyped-def]
        asked.append(i)
        return real(self, forms, i, lemma)

    monkeypatch.setattr(Lexicon, "cues_at", counting)
    a = geotext.analyze("The old bridge over the river fell into the water. " * 40, backend="rules")
    assert sum(len(s.words) for s in a.sentences) == 440
    assert asked == []
    geotext.analyze("The minister said the bridge fell.", backend="rules")
    assert asked  # a reporting verb is still looked up


@pytest.mark.parametrize("text", ["“" * 500, "The talks may fail, he said. " * 50])
def test_repeated_word_texts_share_one_string(text: str) -> None:
    """A document keeps one string object per distinct word text, not one per word
    (a one-character string costs 50-76 bytes: most of a quote-marks-only document)."""
    from geotext.backends import annotate

    doc = annotate([text], backend="rules")[0]
    words = [w for s in doc.sentences for w in s.words]
    assert len(words) >= 300
    assert len({id(w.text) for w in words}) == len({w.text for w in words})
    assert all(t.text is t.words[0].text for s in doc.sentences for t in s.tokens if len(t.words) == 1)


def test_verb_cues_are_not_looked_up_for_words_no_cue_starts_with() -> None:
    """``verb_at`` built and looked up up to ``max_verb_len`` word tuples at every word
    (quote marks only: ~5 look-ups per mark); a word no cue starts with costs none."""
    import attrs

    from geotext.language.reporting import lexicon

    class Counting(dict):  # type: ignore[type-arg]
        asked = 0

        def get(self, key, default=None):  # type: ignore[no-untyped-def]
            Counting.asked += 1
            return super().get(key, default)

    lex = lexicon()
    counted = attrs.evolve(lex, verb_forms=Counting(lex.verb_forms))
    forms = ["the", "old", "bridge", "“", "fell", "into", "water", "."]
    assert [counted.verb_at(forms, i) for i in range(len(forms))] == [None] * len(forms)
    assert Counting.asked == 0
    said = ["they", "said", "so"]
    assert counted.verb_at(said, 1) == lex.verb_at(said, 1) is not None


def test_sentence_at_agrees_with_a_linear_search() -> None:
    from geotext.backends import annotate

    text = "One. Two  two.\n\nThree “four.”   Five!\tSix? " * 3
    doc = annotate([text], backend="rules")[0]
    for offset in range(-2, len(text) + 3):
        want = next((s for s in doc.sentences if s.start <= offset < s.end), None)
        assert doc.sentence_at(offset) is want


@pytest.mark.parametrize(
    ("unit", "bound"), [("said ", 60), ("according to ", 35), ("he said that ", 60), ("neither ", 55)]
)
def test_repeated_cue_words_write_each_hedge_once(unit: str, bound: int) -> None:
    """Each sentence's claim lists its (up to 32) cues by index: the JSON of a run of
    cue words is about half what it was (with the hedges repeated in the claims, 98x,
    48x, 100x and 87x the input; now 50x, 27x, 53x and 45x)."""
    text = unit * 2000
    assert len(geotext.analyze(text, backend="rules").to_json()) < bound * len(text)
