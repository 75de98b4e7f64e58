"""``method="combined"`` and ``method="auto"`` on our own sentences, both backends.

The merge policy (:mod:`geotext.quotes._merge`) keeps the rules' fixed-form and
high-confidence constructions as the rules built them, and the rules' vetoes keep
the tagger from making quotes of scare quotes, evidential passives and questions.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import geotext

BACKENDS = ("rules", pytest.param("stanza", marks=pytest.mark.stanza))


def _combined(text: str, backend: str) -> list[geotext.Quote]:
    return geotext.extract_quotes(text, backend=backend, method="combined")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "evidence", "source", "content"),
    [
        (
            "Power was cut to the eastern districts, the Odesa Courier reports.",
            "indirect:clause-before",
            "the Odesa Courier",
            "Power was cut to the eastern districts",
        ),
        (
            "The ferry will resume service in June.  This was announced by the port authority.",
            "indirect:reported-by",
            "the port authority",
            "The ferry will resume service in June",
        ),
        (
            "“We will keep the corridor open” – Naval Command",
            "direct:dash-source",
            "Naval Command",
            "We will keep the corridor open",
        ),
        (
            "The grain deal has collapsed, according to two diplomats in Ankara.",
            "according-to:after",
            "two diplomats in Ankara",
            "The grain deal has collapsed",
        ),
    ],
)
def test_protected_constructions_survive_the_tagger(
    backend: str, text: str, evidence: str, source: str, content: str
) -> None:
    found = _combined(text, backend)
    assert len(found) == 1, found
    q = found[0]
    assert q.evidence == evidence  # kept as the rules built it, no part relabelled
    assert q.source is not None and q.source.text == source
    assert q.text == content
    assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "The mayor called the new tax “a gift to landlords” during the debate.",
        "Locals dubbed the checkpoint “the needle” years ago.",
        "The so-called “peace dividend” never arrived.",
        "Fighters said to be from the north held the bridge.",
        "Did the governor say the roads were safe?",
        "Notice: the museum stays closed until spring.",
        "The hope that the ceasefire would hold faded by March.",
    ],
)
def test_the_tagger_makes_no_quote_the_rules_refuse(backend: str, text: str) -> None:
    assert _combined(text, backend) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_report_the_rules_read_keeps_its_cue_and_source_conventions(backend: str) -> None:
    found = _combined("“The shelter is full,” Ilse Brandt, a nurse, said on Tuesday.", backend)
    assert [(q.cue and q.cue.text, q.source and q.source.text) for q in found] == [
        ("said", "Ilse Brandt, a nurse")
    ]


def test_auto_is_the_rules_on_the_rules_backend_without_torch() -> None:
    code = (
        "import geotext, sys; "
        "a = geotext.analyze('“We will rebuild,” the mayor said. She added that the port would reopen.', "
        "backend='rules'); "
        "print(a.quote_method, len(a.quotes), 'torch' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["rules", "2", "False"]


@pytest.mark.stanza
def test_auto_is_combined_on_the_stanza_backend() -> None:
    a = geotext.analyze("“We will rebuild the port,” the mayor said on Monday.")
    assert a.quote_method == "combined"
    (q,) = a.quotes
    assert q.evidence.startswith("direct:cue-after") and q.source is not None and q.source.text == "the mayor"
    rules = geotext.analyze("“We will rebuild the port,” the mayor said on Monday.", method="rules")
    assert rules.quote_method == "rules" and rules.quotes[0].confidence == 0.9
    # the stored analysis is reused when "auto" means what it was made with
    assert geotext.extract_quotes(a, method="auto") == list(a.quotes)


def test_auto_is_a_method_everywhere() -> None:
    from geotext.api import check_method
    from geotext.quotes import METHODS, resolve_method

    assert METHODS[0] == "auto" and check_method("auto") == "auto"
    assert resolve_method("auto", "rules") == "rules" and resolve_method("auto", "stanza") == "combined"
    assert resolve_method("combined", "rules") == "combined"


def test_auto_falls_back_to_rules_only_when_no_tagger_ships(monkeypatch: pytest.MonkeyPatch) -> None:
    """``auto`` gives ``rules`` on a backend with no tagger file; an explicit
    ``combined`` with its files missing raises DataError, never a silent fallback."""
    import geotext.quotes as quotes
    from geotext.backends import annotate
    from geotext.errors import DataError
    from geotext.learn import weights

    assert quotes.resolve_method("auto", "stanza") == "combined"
    missing = weights.weights_path("no_such_model")
    uncached = weights.load_weights.__wrapped__
    monkeypatch.setattr(weights, "weights_path", lambda name: missing)
    monkeypatch.setattr(weights, "load_weights", uncached)
    monkeypatch.setattr("geotext.quotes._tagger.load_weights", uncached, raising=False)
    monkeypatch.setattr("geotext.quotes._bilstm.bilstm_for", quotes._bilstm.bilstm_for.__wrapped__)
    assert quotes.resolve_method("auto", "stanza") == "rules"
    assert quotes.resolve_method("combined", "stanza") == "combined"
    [doc] = annotate(["Power was cut, the Odesa Courier reports."], backend="rules")
    with pytest.raises(DataError, match="missing"):
        quotes.drafts(doc, "combined")


def test_find_marks_hands_each_caller_its_own_list() -> None:
    """The pairs of marks are kept per text; a caller changing its list changes no one else's."""
    from geotext.quotes._marks import find_marks

    text = "“We will win,” she said. He called it “a disaster”."
    first = find_marks(text)
    assert len(first) == 2
    first.clear()
    assert len(find_marks(text)) == 2


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "KYIV, Ukraine \u2014 Ukraine's foreign minister said talks had stalled.",
            "Ukraine's foreign minister",
        ),
        ("OSLO (Reuters) - A government spokeswoman said talks had stalled.", "A government spokeswoman"),
        # Not a dateline: the first word is not in capitals.
        ("Oslo \u2014 the capital \u2014 said nothing.", "Oslo \u2014 the capital"),
    ],
)
def test_a_dateline_is_no_part_of_a_tagger_source(text: str, source: str) -> None:
    from geotext.backends import annotate
    from geotext.quotes._features import paragraphs
    from geotext.quotes._tagger import after_dateline

    doc = annotate([text], backend="rules")[0]
    para = paragraphs(doc)[0]
    words = para.words
    verb = next(k for k, w in enumerate(words) if w.form == "said")
    end = verb if text[words[verb - 1].start : words[verb - 1].end] != "\u2014" else verb - 1
    a, b = after_dateline(para, (0, end))
    assert text[words[a].start : words[b - 1].end] == source


@pytest.mark.stanza
def test_the_minister_after_a_dateline_speaks() -> None:
    text = (
        "KYIV, Ukraine \u2014 Ukraine's foreign minister said on Tuesday that talks with Hungary had stalled."
    )
    a = geotext.analyze(text, date="2026-12-01")
    q = next(q for q in a.quotes if q.content and "stalled" in text[q.content[-1].start : q.content[-1].end])
    assert q.source is not None and q.source.text == "Ukraine's foreign minister"
    assert [x.id for x in q.actors] == ["person:andrii-sybiha"]


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
@pytest.mark.parametrize("dateline", ["WASHINGTON (AP) \u2014 ", "WASHINGTON, March 3 (Reuters) - "])
def test_a_dateline_is_no_part_of_a_content(backend: str, dateline: str) -> None:
    text = dateline + "The Pentagon is unlikely to approve the missiles, two officials said Thursday."
    a = geotext.analyze(text, backend=backend, method="rules")
    (q,) = a.quotes
    assert text[q.content[0].start : q.content[-1].end] == "The Pentagon is unlikely to approve the missiles"


def test_dateline_end_needs_capitals_and_a_capital_after_the_dash() -> None:
    from geotext.language.view import dateline_end

    assert dateline_end(["WASHINGTON", "(", "AP", ")", "\u2014", "The", "Pentagon"]) == 5
    assert dateline_end(["NATO", "\u2014", "which", "has", "members"]) == 0
    assert dateline_end(["NATO", ",", "which", "has", "\u2014", "The"]) == 0
    assert dateline_end(["Oslo", "\u2014", "The", "capital"]) == 0


@pytest.mark.parametrize(
    ("backend", "text"),
    [
        ("rules", "Peskov told reporters the deployment \u201cwill not go unanswered\u201d."),
        ("rules", "Peskov said the deployment \u201cwill not go unanswered\u201d."),
        pytest.param(
            "stanza",
            "Peskov said the deployment \u201cwill not go unanswered\u201d.",
            marks=pytest.mark.stanza,
        ),
    ],
)
def test_a_quote_opening_before_the_verb_of_a_zero_that_clause(backend: str, text: str) -> None:
    a = geotext.analyze(text, backend=backend, method="rules")
    (q,) = a.quotes
    assert q.kind == "mixed" and q.evidence == "indirect:zero-that"
    assert text[q.content[0].start : q.content[-1].end] == "the deployment \u201cwill not go unanswered\u201d"
