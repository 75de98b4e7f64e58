"""The seed article's quotes, one test per line of issue 4 (stanza backend).

The speaker assertions go through the actor resolver (:mod:`geotext.actors`): a
quote's actors are those with a mention over its source words.
"""

from __future__ import annotations

import pytest

from geotext.actors import resolve
from geotext.model import Document
from geotext.quotes import Quote, extract

pytestmark = pytest.mark.stanza

PUTIN = "person:vladimir-putin"
LUKASHENKO = "person:alexander-lukashenko"
PESKOV = "person:dmitry-peskov"
ISW = "org:isw"


@pytest.fixture(scope="module")
def seed_quotes(seed_doc: Document) -> tuple[Quote, ...]:
    return extract(seed_doc, resolve(seed_doc, date=seed_doc.date))


def by_cue(quotes: tuple[Quote, ...], cue: str, contains: str) -> Quote:
    hits = [q for q in quotes if q.cue is not None and q.cue.text == cue and contains in q.text]
    assert len(hits) == 1, [q.to_dict() for q in quotes]
    return hits[0]


def ids(q: Quote) -> list[str]:
    return [a.id for a in q.actors]


def test_line_01_according_to_isw_analysts(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "According to", "remains unlikely")
    assert q.kind == "indirect" and q.cue_type == "according_to"
    assert q.text.startswith("despite yesterday’s meeting") and q.text.endswith("remains unlikely")
    assert ids(q) == [ISW]


def test_line_02_putin_announcement_is_one_mixed_quote(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "limited himself to announcing", "all sectors")
    assert q.kind == "mixed" and q.stance == "restricting"
    for fragment in ("“all sectors”", "“to ensure their security”", "“mutual supplies of weapons“"):
        assert fragment in q.text
    assert ids(q) == [PUTIN]
    fragments = ("all sectors", "to ensure their security", "mutual supplies of weapons")
    assert not [x for x in seed_quotes if x is not q and any(f in x.text for f in fragments)]


def test_line_03_lukashenko_four_sentences(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "said", "Russia can do without us")
    assert q.kind == "direct" and len(q.sentences) == 4 and len(q.content) == 1
    assert q.text.endswith("they won’t succeed")
    assert q.source is not None and q.source.text == "the Belarusian counterpart"
    assert ids(q) == [LUKASHENKO]


def test_line_04_according_to_experts_glued(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "according to", "aid to Moscow")
    assert q.kind == "indirect"
    assert q.content[0].text.startswith("Lukashenko’s")
    assert q.source is not None and "Lukashenko" not in q.source.text
    assert ids(q) == [ISW]


def test_line_05_emphasizing_direct_two_sentences(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "emphasizing", "Belarus’ involvement")
    assert q.kind == "direct" and len(q.sentences) == 2
    assert q.text.startswith("Belarus’ involvement") and q.text.endswith("supports this assessment.")
    assert q.stance == "strengthening"
    assert ids(q) == [ISW]


def test_line_06_again_according_to_isw(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "according to", "used the rhetoric")
    assert q.content[0].text == "Lukashenko"
    assert ids(q) == [ISW]


def test_line_07_both_noting_is_mixed_with_two_speakers(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "noting", "Belarus still faces")
    assert q.kind == "mixed" and "“the Western threat.”" in q.text
    assert q.source is not None and q.source.text == "both"
    assert sorted(ids(q)) == sorted([PUTIN, LUKASHENKO])


def test_line_08_peskov_stated_and_noting(seed_quotes: tuple[Quote, ...]) -> None:
    stated = by_cue(seed_quotes, "stated", "did not go to Belarus")
    assert stated.kind == "indirect"
    assert stated.text == "Putin did not go to Belarus to persuade Lukashenko to join War"
    assert ids(stated) == [PESKOV]
    noting = by_cue(seed_quotes, "noting", "speculation")
    assert noting.kind == "mixed" and noting.text.endswith("“silly”")
    assert ids(noting) == [PESKOV]


def test_line_09_kremlin_boss_confirmed(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "confirmed", "this")
    assert q.source is not None and q.source.text.startswith("The Kremlin boss")
    assert q.stance == "factive"
    assert ids(q) == [PUTIN]


def test_line_10_he_said_is_putin(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "said", "Russia has no interest")
    assert q.kind == "direct" and q.text.endswith("doesn’t make sense")
    assert q.source is not None and q.source.text == "he"
    assert ids(q) == [PUTIN]


def test_line_11_according_to_isw_analysts_after(seed_quotes: tuple[Quote, ...]) -> None:
    q = by_cue(seed_quotes, "according to", "double negative")
    assert q.text == "that double negative is more of an attempt to cover it up"
    assert ids(q) == [ISW]


@pytest.mark.parametrize(
    "line", ["Turn on notifications to get updates", "Ukraine, bombings on Kyiv, but Putin’s war has stalled"]
)
def test_no_quote_in_headline_lines(seed_doc: Document, seed_quotes: tuple[Quote, ...], line: str) -> None:
    start = seed_doc.text.index(line)
    end = seed_doc.text.index("\n", start)
    touching = [
        q
        for q in seed_quotes
        for span in (*q.content, q.cue, q.source)
        if span is not None and span.start < end and start < span.end
    ]
    assert touching == []


def test_every_quote_has_a_cue_and_speaker(seed_quotes: tuple[Quote, ...]) -> None:
    assert len(seed_quotes) == 12
    assert all(q.cue is not None and q.source is not None and q.actors for q in seed_quotes)


def test_rules_backend_finds_the_same_attributions(seed_text: str) -> None:
    from geotext.backends import annotate

    doc = annotate([seed_text], backend="rules")[0]
    found = extract(doc, resolve(doc))
    cues = sorted(q.cue.text for q in found if q.cue is not None)
    assert cues.count("according to") + cues.count("According to") == 4
    assert {"said", "stated", "emphasizing", "limited himself to announcing"} <= set(cues)
