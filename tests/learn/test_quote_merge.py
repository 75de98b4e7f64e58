"""The combine step's merge policy (:mod:`geotext.quotes._merge`) on hand-made drafts.

The drafts stand for what the rules and the tagger would propose on our own
sentences; the merge is checked part by part, without a model.
"""

from __future__ import annotations

import pytest

from geotext.backends import annotate
from geotext.model import Document
from geotext.quotes._marks import find_marks
from geotext.quotes._merge import FIXED, KEPT, Merged, Policy, merge, vetoed
from geotext.quotes._state import Draft, top_level


def _doc(text: str) -> Document:
    return annotate([text], backend="rules")[0]


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def _draft(
    text: str,
    content: str,
    cue: str | None,
    source: str | None,
    evidence: str,
    *,
    marks: bool = False,
) -> Draft:
    span = _at(text, content)
    found = [m for m in top_level(find_marks(text)) if m.content_start <= span[0] < m.end] if marks else []
    return Draft(
        content=[span],
        cue=_at(text, cue) if cue else None,
        cue_type="verb" if cue else "none",
        stance=None,
        source=_at(text, source) if source else None,
        heads=[_at(text, source)] if source else [],
        pp_start=None,
        confidence=0.5,
        evidence=evidence,
        sentence=0,
        marks=found,
    )


def _tokens(doc: Document, d: Draft) -> frozenset[int]:
    starts = [w.start for _, w in doc.words]
    a, b = d.content[0][0], d.content[-1][1]
    return frozenset(k for k, s in enumerate(starts) if a <= s < b)


def _run(
    doc: Document,
    rules: list[tuple[Draft, float]],
    tagged: list[tuple[Draft, float]],
    policy: Policy | None = None,
) -> list[Merged]:
    return merge(
        doc,
        [(d, p, _tokens(doc, d)) for d, p in rules],
        [(d, p, _tokens(doc, d)) for d, p in tagged],
        top_level(find_marks(doc.text)),
        0.3,
        policy or Policy(),
    )


def test_the_tagger_gives_its_longer_source_to_a_marked_quote_and_the_cue_stays_the_verb() -> None:
    text = "“We will not retreat,” the defence minister has said on Monday."
    doc = _doc(text)
    rule = _draft(text, "We will not retreat,", "said", "minister", "direct:cue-after", marks=True)
    tag = _draft(text, "“We will not retreat,”", "has said", "the defence minister", "tagger")
    (out,) = _run(doc, [(rule, 0.8)], [(tag, 0.7)])
    d = out.draft
    assert text[slice(*d.cue)] == "said" and text[slice(*d.source)] == "the defence minister"
    assert d.content == rule.content and d.marks == rule.marks  # the marks keep the content
    assert d.evidence == "direct:cue-after+tagger-source" and out.probability == 0.8 == d.confidence
    # PolNeAR's cue convention (the verb group), as an option
    (ext,) = _run(doc, [(rule, 0.8)], [(tag, 0.7)], Policy(extend_cue=True))
    assert (
        text[slice(*ext.draft.cue)] == "has said"
        and ext.draft.evidence == "direct:cue-after+tagger-cue-source"
    )


def test_a_shorter_tagger_source_does_not_cut_the_rules() -> None:
    text = "Theresa May said that the talks had failed."
    doc = _doc(text)
    rule = _draft(text, "the talks had failed", "said", "Theresa May", "indirect:that-clause")
    tag = _draft(text, "the talks had failed", "said", "Theresa", "tagger:that-clause")
    (out,) = _run(doc, [(rule, 0.8)], [(tag, 0.7)])
    assert text[slice(*out.draft.source)] == "Theresa May" and out.draft.evidence == "indirect:that-clause"


def test_a_relative_clause_stays_out_of_the_source() -> None:
    text = "Kuleba, who met Blinken on Monday, said that the talks had failed."
    doc = _doc(text)
    rule = _draft(text, "the talks had failed", "said", "Kuleba", "indirect:that-clause")
    tag = _draft(
        text, "the talks had failed", "said", "Kuleba, who met Blinken on Monday", "tagger:that-clause"
    )
    (out,) = _run(doc, [(rule, 0.8)], [(tag, 0.7)])
    assert text[slice(*out.draft.source)] == "Kuleba"


def test_a_cue_the_tagger_does_not_contain_stays_the_rules() -> None:
    text = "“We will not retreat,” the minister said, adding a warning."
    doc = _doc(text)
    rule = _draft(text, "We will not retreat,", "said", "the minister", "direct:cue-after", marks=True)
    tag = _draft(text, "“We will not retreat,”", "adding", "the minister", "tagger")
    (out,) = _run(doc, [(rule, 0.8)], [(tag, 0.7)])
    assert text[slice(*out.draft.cue)] == "said" and out.draft.evidence == "direct:cue-after"


def test_an_unattributed_quote_takes_the_taggers_cue_and_source() -> None:
    text = "The session was long. “Nobody expected this outcome.” Lavrov told the press afterwards."
    doc = _doc(text)
    rule = _draft(text, "Nobody expected this outcome.", None, None, "direct:unattributed", marks=True)
    tag = _draft(text, "“Nobody expected this outcome.”", "told", "Lavrov", "tagger")
    tag.cue_class, tag.stance = "speech", "neutral"
    (out,) = _run(doc, [(rule, 0.5)], [(tag, 0.6)])
    d = out.draft
    assert (text[slice(*d.cue)], text[slice(*d.source)], d.cue_type, d.cue_class) == (
        "told",
        "Lavrov",
        "verb",
        "speech",
    )
    assert d.evidence == "direct:unattributed+tagger-cue-source"


def test_a_that_clause_takes_the_taggers_earlier_end_when_both_start_it_alike() -> None:
    text = "The governor said that the bridge would reopen in May after repairs, officials added."
    doc = _doc(text)
    rule = _draft(
        text,
        "the bridge would reopen in May after repairs, officials added",
        "said",
        "The governor",
        "indirect:that-clause",
    )
    tag = _draft(
        text, "the bridge would reopen in May after repairs", "said", "The governor", "tagger:that-clause"
    )
    (out,) = _run(doc, [(rule, 0.7)], [(tag, 0.6)])
    assert text[slice(*out.draft.content[0])] == "the bridge would reopen in May after repairs"
    assert out.draft.evidence == "indirect:that-clause+tagger-content"
    # a zero-that draft has no complementiser to agree on: its content stays
    rule.evidence = "indirect:zero-that"
    (out,) = _run(doc, [(rule, 0.7)], [(tag, 0.6)])
    assert out.draft.content == rule.content and out.draft.evidence == "indirect:zero-that"
    # a tagger content running on past the rule's is not taken
    rule.evidence = "indirect:that-clause"
    longer = _draft(
        text,
        "the bridge would reopen in May after repairs, officials added.",
        "said",
        "The governor",
        "tagger:that-clause",
    )
    short = _draft(text, "the bridge would reopen in May", "said", "The governor", "indirect:that-clause")
    (out,) = _run(doc, [(short, 0.7)], [(longer, 0.6)])
    assert out.draft.content == short.content


@pytest.mark.parametrize("evidence", sorted(KEPT))
def test_protected_constructions_are_kept_whatever_the_tagger_says(evidence: str) -> None:
    text = "The bridge will reopen in May, according to the regional office in Lviv."
    doc = _doc(text)
    rule = _draft(text, "The bridge will reopen in May", "according to", "the regional office", evidence)
    tag = _draft(
        text, "The bridge will reopen in May", "according to", "the regional office in Lviv", "tagger"
    )
    (out,) = _run(doc, [(rule, 0.1)], [(tag, 0.9)])  # under the threshold, and the tagger disagrees
    assert out.decided == "rules" and out.probability == 0.1 == out.draft.confidence
    if evidence in FIXED:  # fixed forms take no part from the tagger
        assert out.draft.source == rule.source and out.draft.evidence == evidence
    else:
        assert out.draft.source == tag.source and out.draft.evidence == evidence + "+tagger-source"
    # without the protection the draft falls under the threshold and the tagger's relation stands
    (alone,) = _run(doc, [(rule, 0.1)], [(tag, 0.9)], policy=Policy(protect=False))
    assert alone.decided == "tagger" and alone.draft.source == tag.source


def test_other_drafts_under_the_threshold_are_dropped() -> None:
    text = "The mayor said the roads were closed."
    doc = _doc(text)
    rule = _draft(text, "the roads were closed", "said", "The mayor", "indirect:zero-that")
    assert _run(doc, [(rule, 0.1)], []) == []


def test_a_tagger_relation_over_a_kept_draft_is_not_added_twice() -> None:
    text = "The mayor said the roads were closed."
    doc = _doc(text)
    rule = _draft(text, "the roads were closed", "said", "The mayor", "indirect:zero-that")
    tag = _draft(text, "roads were closed", "said", "mayor", "tagger")
    assert [m.decided for m in _run(doc, [(rule, 0.6)], [(tag, 0.9)])] == ["rules+tagger"]


def test_the_tagger_adds_a_relation_no_rule_found() -> None:
    text = "The mayor reckons the roads will stay closed."
    doc = _doc(text)
    tag = _draft(text, "the roads will stay closed", "reckons", "The mayor", "tagger")
    (out,) = _run(doc, [], [(tag, 0.6)])
    assert out.decided == "tagger" and out.draft.evidence == "tagger" and out.draft.confidence == 0.6


@pytest.mark.parametrize(
    ("text", "content", "cue", "source", "reason"),
    [
        (
            "The spokesman called the plan “a dangerous provocation” on Monday.",
            "the plan “a dangerous provocation”",
            "called",
            "The spokesman",
            "scare-quotes",
        ),
        (
            "Witnesses dubbed the convoy “the ghost column” last week.",
            "the convoy “the ghost column”",
            "dubbed",
            "Witnesses",
            "scare-quotes",
        ),
        (
            "Troops said to be from Chechnya crossed the river.",
            "be from Chechnya",
            "said",
            "Troops",
            "evidential-passive",
        ),
        ("Did the president say the war was over?", "the war was over", "say", "the president", "question"),
        ("The minister said nothing.", "nothing", "said", "The minister", "no-content"),
    ],
)
def test_the_rules_vetoes_keep_the_tagger_from_making_a_quote(
    text: str, content: str, cue: str, source: str, reason: str
) -> None:
    doc = _doc(text)
    tag = _draft(text, content, cue, source, "tagger")
    passed_over = top_level(find_marks(text))
    assert vetoed(doc, tag, passed_over) == reason
    assert _run(doc, [], [(tag, 0.9)]) == []
    assert len(_run(doc, [], [(tag, 0.9)], policy=Policy(veto=False))) == 1


def test_quoted_words_after_a_reporting_cue_are_not_vetoed() -> None:
    text = "The spokesman said the plan was “a dangerous provocation” on Monday."
    doc = _doc(text)
    tag = _draft(text, "the plan was “a dangerous provocation”", "said", "The spokesman", "tagger")
    tag.cue_class = "speech"
    assert vetoed(doc, tag, top_level(find_marks(text))) is None


def test_a_tagger_relation_names_someone_or_is_left_out() -> None:
    text = "Warning: the footage shows the shelling of the port."
    doc = _doc(text)
    tag = _draft(text, "the footage shows the shelling of the port", "Warning", None, "tagger")
    assert vetoed(doc, tag, []) == "no-source"
    text = "The fear that the war would spread grew."
    doc = _doc(text)
    tag = _draft(text, "the war would spread", "fear", "The", "tagger:that-clause")
    assert vetoed(doc, tag, []) == "no-speaker"
