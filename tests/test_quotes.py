"""Quote attribution on short texts written for each case (both backends)."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geotext
from geotext.actors import resolve
from geotext.backends import annotate
from geotext.data import load_yaml
from geotext.language.morphology import verb_forms
from geotext.language.reporting import lexicon
from geotext.language.view import ADJUNCT_ADP, NP_INNER_ADP
from geotext.model import Document
from geotext.quotes import CUE_CLASSES, STANCES, Quote, TextSpan, extract
from geotext.quotes._marks import find_marks

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]


def quotes(text: str, backend: str) -> tuple[Quote, ...]:
    doc: Document = annotate([text], backend=backend)[0]
    found = extract(doc)
    for q in found:  # every span slices the caller's text exactly
        for span in (*q.content, q.cue, q.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return found


def only(found: tuple[Quote, ...]) -> Quote:
    assert len(found) == 1, [q.to_dict() for q in found]
    return found[0]


# --- quote marks -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("Er sagte „wir gewinnen“ heute.", ["wir gewinnen"]),
        ("Il a dit « nous gagnerons » hier.", ["nous gagnerons"]),
        ("Han sagde »vi vinder« i går.", ["vi vinder"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ("He said 'we will win' today.", ["we will win"]),
    ],
)
def test_marks_of_every_kind(text: str, inner: list[str]) -> None:
    assert [text[m.content_start : m.content_end] for m in find_marks(text)] == inner


def test_apostrophes_are_not_marks() -> None:
    text = "They won’t go to Belarus’ capital or the Smiths’ house, it’s ’90s rock’n’roll."
    assert find_marks(text) == []


def test_single_marks_keep_inner_apostrophes() -> None:
    text = "She said ‘we won’t go’ and left."
    assert [text[m.content_start : m.content_end] for m in find_marks(text)] == ["we won’t go"]


def test_unbalanced_mark_recovered_by_context() -> None:
    text = "such as “mutual supplies of weapons“, as well as “joint manufacture”."
    spans = find_marks(text)
    assert [text[m.content_start : m.content_end] for m in spans] == [
        "mutual supplies of weapons",
        "joint manufacture",
    ]
    assert spans[0].marks == "““"


def test_unclosed_mark_closes_at_paragraph_end() -> None:
    text = "He said “we will win.\nNext paragraph here."
    (span,) = find_marks(text)
    assert span.recovered == "unclosed"
    assert text[span.content_start : span.content_end] == "we will win."


def test_stray_closing_mark_does_not_raise() -> None:
    text = "we will win,” he said. And ” then « and » «."
    find_marks(text)  # no exception whatever the balance


def test_paragraph_continuation_is_one_span() -> None:
    text = "“First paragraph of the quote.\n“Second paragraph,” she said."
    (span,) = find_marks(text)
    assert len(span.segments) == 2
    assert text[span.segments[1][0] : span.segments[1][1]] == "Second paragraph,"


# --- direct quotes -------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Sergei Lavrov said: “The talks are over.”", "said", "Sergei Lavrov"),
        ("Sergei Lavrov said, “The talks are over.”", "said", "Sergei Lavrov"),
        ("“The talks are over,” said the foreign minister.", "said", "the foreign minister"),
        ("“The talks are over,” Lavrov said.", "said", "Lavrov"),
        ("“The talks are over,” he told reporters.", "told", "he"),
        ("“The talks are over,” Hugh Hill, a doctor, said.", "said", "Hugh Hill, a doctor"),
    ],
)
def test_cue_on_either_side(backend: str, text: str, cue: str, source: str) -> None:
    q = only(quotes(text, backend))
    assert q.kind == "direct"
    assert q.text.startswith("The talks are over")
    assert q.cue is not None and q.cue.text == cue
    assert q.source is not None and q.source.text == source
    assert q.actors == () and q.actor is None  # no resolver given: no guess


@pytest.mark.parametrize("backend", BACKENDS)
def test_apposition_before_verb(backend: str) -> None:
    q = only(quotes("Hugh Hill, a doctor, said: “We have no beds left.”", backend))
    assert q.source is not None and q.source.text == "Hugh Hill, a doctor"


@pytest.mark.parametrize("backend", BACKENDS)
def test_multi_sentence_quote_is_one_quote(backend: str) -> None:
    text = "“We are ready. We have always been ready. Nobody doubts it,” the general said."
    q = only(quotes(text, backend))
    assert q.kind == "direct" and len(q.sentences) >= 2
    assert q.text == "We are ready. We have always been ready. Nobody doubts it"


@pytest.mark.parametrize("backend", BACKENDS)
def test_split_quote_has_two_content_spans(backend: str) -> None:
    text = "“The war is not over,” he said, “and it will not end soon.”"
    q = only(quotes(text, backend))
    assert [s.text for s in q.content] == ["The war is not over", "and it will not end soon."]
    assert q.source is not None and q.source.text == "he"


@pytest.mark.parametrize("backend", BACKENDS)
def test_floating_quote_inherits_speaker(backend: str) -> None:
    text = "“We will rebuild the bridge,” the mayor said.\n“It will take two years.”\nThe weather was cold."
    first, second = quotes(text, backend)
    assert second.text == "It will take two years."
    assert second.cue is None and second.evidence == "direct:floating"
    assert second.source == first.source


@pytest.mark.parametrize("backend", BACKENDS)
def test_unattributed_quote_has_no_source(backend: str) -> None:
    q = only(quotes("The weather was cold.\n\n“Nobody expected this.”", backend))
    assert q.source is None and q.actors == () and q.evidence == "direct:unattributed"


@pytest.mark.parametrize("backend", BACKENDS)
def test_paragraph_continuation_quote(backend: str) -> None:
    text = "The minister spoke at length.\n“We will not give up.\n“We will win,” he said."
    q = only(quotes(text, backend))
    assert [s.text for s in q.content] == ["We will not give up.", "We will win"]
    assert q.source is not None and q.source.text == "he"


@pytest.mark.parametrize("backend", BACKENDS)
def test_colon_cue(backend: str) -> None:
    q = only(quotes("Zelensky: “We will not surrender.”", backend))
    assert q.cue_type == "colon" and q.source is not None and q.source.text == "Zelensky"


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_marks_of_other_kinds_attributed(backend: str) -> None:
    q = only(quotes("« Nous ne céderons pas », said the French minister.", backend))
    assert q.quote_marks == ("«»",) and q.source is not None and q.source.text == "the French minister"


@pytest.mark.parametrize("backend", BACKENDS)
def test_scare_quotes_are_not_quotes(backend: str) -> None:
    assert quotes("The so-called “special operation” began in February.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_headline_without_cue(backend: str) -> None:
    assert quotes("Ukraine, bombings on Kyiv, but the war has stalled: the latest news", backend) == ()


# --- indirect speech --------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_reporting_verb_with_that_clause(backend: str) -> None:
    q = only(quotes("The spokesman stated that the president did not travel to Minsk.", backend))
    assert q.kind == "indirect" and q.cue is not None and q.cue.text == "stated"
    assert q.text == "the president did not travel to Minsk"
    assert q.source is not None and q.source.text == "The spokesman"
    assert q.stance == "neutral"


@pytest.mark.parametrize("backend", BACKENDS)
def test_content_stops_before_participle_cue(backend: str) -> None:
    text = "Peskov stated that the trip was routine, noting that such speculation was unfounded."
    first, second = quotes(text, backend)
    assert first.text == "the trip was routine"
    assert second.cue is not None and second.cue.text == "noting"
    assert second.text == "such speculation was unfounded"
    assert second.source == first.source  # the participle shares its speaker


@pytest.mark.parametrize("backend", BACKENDS)
def test_according_to_before(backend: str) -> None:
    q = only(quotes("According to Western officials, the offensive has stalled near Bakhmut.", backend))
    assert q.cue_type == "according_to" and q.cue is not None and q.cue.text == "According to"
    assert q.source is not None and q.source.text == "Western officials"
    assert q.text == "the offensive has stalled near Bakhmut"


@pytest.mark.parametrize("backend", BACKENDS)
def test_according_to_after(backend: str) -> None:
    q = only(quotes("But the offensive has stalled near Bakhmut, according to Western officials.", backend))
    assert q.text == "the offensive has stalled near Bakhmut"
    assert q.source is not None and q.source.text == "Western officials"


@pytest.mark.parametrize("backend", BACKENDS)
def test_according_to_inside_gives_two_spans(backend: str) -> None:
    text = "This reflects the fact that Minsk, according to the think tank, avoided any commitment."
    q = only(quotes(text, backend))
    assert q.cue_type == "according_to"
    assert [s.text for s in q.content] == ["Minsk", "avoided any commitment"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_mixed_quote_keeps_one_speaker(backend: str) -> None:
    text = "The minister announced that cooperation would grow in “all sectors” of the economy."
    q = only(quotes(text, backend))
    assert q.kind == "mixed" and q.quote_marks == ("“”",)
    assert q.text == "cooperation would grow in “all sectors” of the economy"


@pytest.mark.parametrize("backend", BACKENDS)
def test_restricting_wrapper(backend: str) -> None:
    q = only(quotes("Putin limited himself to announcing that talks would continue.", backend))
    assert q.cue is not None and q.cue.text == "limited himself to announcing"
    assert q.stance == "restricting" and q.source is not None and q.source.text == "Putin"


@pytest.mark.parametrize("backend", BACKENDS)
def test_cue_after_clause(backend: str) -> None:
    q = only(quotes("The bridge will reopen next week, the mayor said.", backend))
    assert q.text == "The bridge will reopen next week"
    assert q.source is not None and q.source.text == "the mayor"


@pytest.mark.parametrize("backend", BACKENDS)
def test_plural_speaker(backend: str) -> None:
    text = "During the meeting, both refrained from comment, noting that the threat remained."
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text == "both"


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_quote_without_complement(backend: str) -> None:
    assert quotes("The expected meeting took place in Minsk. He said nothing.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_passive_is_not_a_speaker(backend: str) -> None:
    assert quotes("The plan was announced on Monday.", backend) == ()


# --- records, lexicon -----------------------------------------------------------------------
def test_to_dict_is_json_ready() -> None:
    q = only(quotes("“The talks are over,” said the minister.", "rules"))
    d = q.to_dict()
    json.dumps(d)
    assert d["content"] == [{"text": "The talks are over", "start": 1, "end": 19}]
    assert d["actors"] == [] and d["kind"] == "direct"


def test_text_span_rejects_reversed_offsets() -> None:
    with pytest.raises(ValueError, match="must not be before"):
        TextSpan(text="", start=5, end=2)


def test_lexicon_entries_are_complete() -> None:
    lex = lexicon()
    for cue in (*lex.verb_forms.values(), *lex.nouns.values(), *lex.phrases.values()):
        assert cue.cls in CUE_CLASSES, cue
        assert cue.stance in STANCES, cue
    assert lex.verb_forms[("emphasizing",)].stance == "strengthening"
    assert lex.verb_forms[("claimed",)].stance == "distancing"
    assert lex.verb_forms[("confirmed",)].stance == "factive"
    assert ("limited", "@refl", "to") in lex.wrappers


@pytest.mark.parametrize("entry", [{"stance": "smug"}, {"class": "rumour"}])
def test_lexicon_rejects_unknown_stance_or_class(entry: dict[str, str]) -> None:
    from geotext.errors import DataError
    from geotext.language.reporting import _cue

    with pytest.raises(DataError, match="unknown"):
        _cue(entry, "mutter")


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("warn", ("warn", "warns", "warned", "warning")),
        ("reply", ("reply", "replies", "replied", "replying")),
        ("tell", ("tell", "tells", "told", "telling")),
    ],
)
def test_verb_forms(lemma: str, forms: tuple[str, ...]) -> None:
    assert verb_forms(lemma) == forms


@pytest.mark.parametrize("backend", BACKENDS)
def test_reporting_noun_with_possessor(backend: str) -> None:
    q = only(quotes("Moscow's claim that the drones came from Kyiv was rejected.", backend))
    assert q.cue_type == "noun" and q.cue is not None and q.cue.text == "claim"
    assert q.stance == "distancing" and q.source is not None and q.source.text == "Moscow's"
    assert q.text.startswith("the drones came from Kyiv")


@pytest.mark.parametrize("backend", BACKENDS)
def test_reporting_noun_without_holder_is_not_a_quote(backend: str) -> None:
    assert quotes("The fear that the war would spread grew.", backend) == ()


_PIECES = [
    *"“”\"'‘’«»„,.:;\n—",
    *[
        "said",
        "that",
        "according",
        "to",
        "he",
        "The",
        "minister",
        "Putin",
        "noting",
        "limited",
        "himself",
        "announcing",
        "both",
        "claim",
        "his",
        "'s",
    ],
    *["told", "reporters", "won’t", "Belarus’", "X"],
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_spans_always_slice_the_text(pieces: list[str]) -> None:
    """Whatever the marks and cues, extraction never raises and every span is exact."""
    for q in quotes(" ".join(pieces), "rules"):  # quotes() checks every span's text
        assert q.content and all(s.start <= s.end for s in q.content)
        assert 0.0 <= q.confidence <= 1.0


@pytest.mark.parametrize("backend", BACKENDS)
def test_comment_clause_with_as(backend: str) -> None:
    q = only(quotes("As Reuters reported, the convoy crossed the border at dawn.", backend))
    assert q.text == "the convoy crossed the border at dawn"
    assert q.source is not None and q.source.text == "Reuters"


@pytest.mark.parametrize("backend", BACKENDS)
def test_parenthetical_cue_splits_content(backend: str) -> None:
    q = only(quotes("The talks, the envoy said, will resume in Geneva.", backend))
    assert [s.text for s in q.content] == ["The talks", "will resume in Geneva"]
    assert q.source is not None and q.source.text == "the envoy"


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_opening_a_longer_clause_is_mixed(backend: str) -> None:
    text = "The premier said “it makes us angry” every time the border is shelled."
    q = only(quotes(text, backend))
    assert q.kind == "mixed" and q.text == "“it makes us angry” every time the border is shelled"


@pytest.mark.parametrize("backend", BACKENDS)
def test_partial_quote_before_tail_cue_is_mixed(backend: str) -> None:
    text = "He filed the ceasefire map in a “locked drawer,” the Guardian reported."
    q = only(quotes(text, backend))
    assert q.kind == "mixed" and q.text.startswith("He filed the ceasefire map")
    assert q.source is not None and q.source.text == "the Guardian"


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_followed_by_main_clause_is_not_a_tail(backend: str) -> None:
    text = "On “World Report,” Kallas said the envoy’s “mandate” is in question."
    found = quotes(text, backend)
    assert all(q.text != "World Report" for q in found)
    if backend == "stanza":  # the zero-that clause needs the parse
        q = only(found)
        assert q.cue is not None and q.cue.text == "said" and q.kind == "mixed"
        assert q.text == "the envoy’s “mandate” is in question"


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_resumed_after_cue_sentence(backend: str) -> None:
    text = "“We are ready,” the general said. “Nobody doubts it.” “We will win,” his aide added."
    first, second = quotes(text, backend)
    assert [s.text for s in first.content] == ["We are ready", "Nobody doubts it."]
    assert first.evidence == "direct:cue-after+split"
    assert second.text == "We will win" and second.source is not None and second.source.text == "his aide"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Amira Haddad, 58, says that she will vote.", "Amira Haddad, 58"),
        # a non-restrictive relative clause is an aside, not part of the source
        ("Omar Nasser, who heads the delegation, says that the truce failed.", "Omar Nasser"),
        (
            "Lena Fischer — a farmer from Bavaria — says that she will vote.",
            "Lena Fischer — a farmer from Bavaria",
        ),
    ],
)
def test_asides_between_subject_and_verb(backend: str, text: str, source: str) -> None:
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text == source


@pytest.mark.parametrize("backend", BACKENDS)
def test_participle_after_dash_shares_subject(backend: str) -> None:
    q = only(quotes("Erdogan changed his position – saying that Sweden would join.", backend))
    assert q.cue is not None and q.cue.text == "saying"
    assert q.source is not None and q.source.text == "Erdogan"


@pytest.mark.parametrize("backend", BACKENDS)
def test_content_stops_at_new_reporting_clause(backend: str) -> None:
    text = "He vowed to stay at the talks, his aide said later that evening."
    found = quotes(text, backend)
    vow = next(q for q in found if q.cue is not None and q.cue.text == "vowed")
    assert vow.text == "stay at the talks"


@pytest.mark.parametrize("backend", BACKENDS)
def test_adjuncts_between_verb_and_that(backend: str) -> None:
    text = "Stoltenberg said in a call with the ambassadors last week that he would not comment."
    q = only(quotes(text, backend))
    assert q.cue is not None and q.cue.text == "said"
    assert q.text == "he would not comment"


@pytest.mark.parametrize("backend", BACKENDS)
def test_addressee_and_adjuncts_before_that(backend: str) -> None:
    text = "Modi hailed the accord, telling journalists during a trip on Friday that it was a historic step."
    q = only(quotes(text, backend))
    assert q.text == "it was a historic step" and q.source is not None and q.source.text == "Modi"


@pytest.mark.parametrize("backend", BACKENDS)
def test_parenthesis_after_name(backend: str) -> None:
    q = only(quotes("Governor Ellen Marsh (R-TX) said that the sanctions were divisive.", backend))
    assert q.source is not None and q.source.text == "Governor Ellen Marsh (R-TX)"


@pytest.mark.stanza
def test_inverted_subject_with_modifiers() -> None:
    text = "“It is a way to save face,” says a diplomat involved in the alliance’s founding."
    q = only(quotes(text, "stanza"))
    assert q.source is not None and q.source.text == "a diplomat involved in the alliance’s founding"


@pytest.mark.stanza
def test_noun_phrase_object_content() -> None:
    q = only(quotes("The foreign minister announced his resignation.", "stanza"))
    assert q.cue is not None and q.cue.text == "announced" and q.text == "his resignation"


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
def test_according_to_an_object_pronoun(backend: str) -> None:
    import geotext

    a = geotext.analyze("Putin spoke on Monday. According to him, the talks failed.", backend=backend)
    q = only(a.quotes)
    assert (q.kind, q.text, q.source.text if q.source else None) == ("indirect", "the talks failed", "him")
    assert [r.id for r in q.actors] == ["person:vladimir-putin"]


@pytest.mark.parametrize("text", ["<<,he said", ",he said", '"" he said', "“”, said Putin", ", according to"])
def test_cues_with_nothing_to_report_give_no_quote(text: str) -> None:
    """Found by the whole-analysis property test: a cue with empty content raised."""
    assert quotes(text, "rules") == ()


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Theresa May said that talks failed.", "Theresa May"),  # "May" the name, not the modal
        ("The US President said that talks failed.", "The US President"),  # "US", not "us"
        ("Russia may say that talks failed.", "Russia"),
    ],
)
def test_source_phrase_is_not_cut_by_names_that_look_like_function_words(
    text: str, source: str, backend: str
) -> None:
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text == source


# --- cognition and intention cues, zero "that", coordinated cues ----------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        ("The senator wants to repeal the law.", "wants", "The senator", "repeal the law"),
        ("Analysts fear the ceasefire will collapse.", "fear", "Analysts", "the ceasefire will collapse"),
        ("Merkel thinks the deal is dead.", "thinks", "Merkel", "the deal is dead"),
        ("Macron hopes the talks will resume.", "hopes", "Macron", "the talks will resume"),
        ("The general knows his troops are tired.", "knows", "The general", "his troops are tired"),
    ],
)
def test_cognition_and_desire_verbs(backend: str, text: str, cue: str, source: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.kind, q.cue and q.cue.text, q.source and q.source.text, q.text) == (
        "indirect",
        cue,
        source,
        content,
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Putin said the talks failed.", "Putin", "the talks failed"),
        ("Merkel told reporters the deal is dead.", "Merkel", "the deal is dead"),
        ("Obama said it was time.", "Obama", "it was time"),
        ("He's said he takes his cues from the treaty.", "He", "he takes his cues from the treaty"),
    ],
)
def test_zero_that_after_any_subject(backend: str, text: str, source: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.source and q.source.text, q.text, q.evidence) == (source, content, "indirect:zero-that")


@pytest.mark.parametrize("backend", BACKENDS)
def test_zero_that_needs_a_verb(backend: str) -> None:
    assert quotes("The minister said nothing new.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_coordinated_cues_share_the_speaker(backend: str) -> None:
    text = "Some diplomats fear that Moscow has missed a chance and warn that the truce is not enough."
    found = quotes(text, backend)
    assert [(q.cue and q.cue.text, q.source and q.source.text, q.text) for q in found] == [
        ("fear", "Some diplomats", "Moscow has missed a chance"),
        ("warn", "Some diplomats", "the truce is not enough"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Erdogan told the Chancellor that if she wants our bases, she can come.",
            "if she wants our bases, she can come",
        ),
        (
            "They argue that, while the tariff may fall, farmers will not see gains.",
            "while the tariff may fall, farmers will not see gains",
        ),
        (
            "The survey shows that Macron, more than his allies, would lose.",
            "Macron, more than his allies, would lose",
        ),
        ("Lawmakers asked the envoy whether Moscow lied.", "whether Moscow lied"),
    ],
)
def test_complement_after_that_or_addressee(backend: str, text: str, content: str) -> None:
    assert only(quotes(text, backend)).text == content


# --- direct quotes whose reporting clause the tail pattern cannot read ----------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "“We will not back down,” said a senior US official who spoke on condition of anonymity.",
            "a senior",
        ),
        (
            "“We will not back down,” a senior US official said on condition of anonymity because he was not allowed to speak.",
            "a senior",
        ),
        ("“We will not back down,” said one of the officials.", "one of the officials"),
    ],
)
def test_direct_quote_with_long_reporting_clause_is_kept(backend: str, text: str, source: str) -> None:
    q = only(quotes(text, backend))
    assert (q.kind, q.text, q.cue and q.cue.text) == ("direct", "We will not back down", "said")
    assert q.source is not None and q.source.text.startswith(source)


@pytest.mark.parametrize("backend", BACKENDS)
def test_direct_quote_without_readable_cue_is_unattributed(backend: str) -> None:
    found = quotes("“We will never give in,” and the crowd cheered loudly at the rally.", backend)
    q = only(found)
    assert (q.kind, q.text, q.cue, q.source, q.evidence) == (
        "direct",
        "We will never give in",
        None,
        None,
        "direct:unattributed",
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_before_main_clause_keeps_the_clause_for_indirect(backend: str) -> None:
    # the one-word fragment with no reporting clause of its own is no quote; the
    # verb after it keeps its complement clause
    found = quotes("“Briefing,” Kallas said Moscow’s plan would fail.", backend)
    assert [(q.kind, q.text) for q in found] == [("indirect", "Moscow’s plan would fail")]
    assert found[0].source is not None and found[0].source.text == "Kallas"


# --- prepositions from data/closed_class.yaml -----------------------------------------------
def test_prepositions_come_from_one_data_list() -> None:
    data = load_yaml("closed_class.yaml")
    assert frozenset(data["prepositions"]["attaching"]) == NP_INNER_ADP
    assert NP_INNER_ADP | frozenset(data["prepositions"]["adjunct"]) == ADJUNCT_ADP


@pytest.mark.parametrize("backend", BACKENDS)
def test_adjunct_between_addressee_and_that_clause(backend: str) -> None:
    q = only(quotes("Trump told reporters outside the White House that the talks failed.", backend))
    assert (q.source and q.source.text, q.text) == ("Trump", "the talks failed")


# --- a speaker phrase with a prepositional complement ---------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The Prime Minister of the UK said that the deal was done.", "The Prime Minister of the UK"),
        (
            "A spokesman for the State Department said that the talks failed.",
            "A spokesman for the State Department",
        ),
        ("After the meeting in the capital the minister said that the talks failed.", "the minister"),
    ],
)
def test_speaker_phrase_takes_its_of_complement(backend: str, text: str, source: str) -> None:
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text == source


@pytest.mark.parametrize("backend", BACKENDS)
def test_speaker_phrase_with_of_resolves_to_one_actor(backend: str) -> None:
    text = "The Prime Minister of the UK said that the deal was done."
    doc = annotate([text], backend=backend)[0]
    q = only(extract(doc, resolve(doc)))
    assert [a.id for a in q.actors] == ["person:keir-starmer"]


# --- colon cues -------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_source_colon_content_line(backend: str) -> None:
    text = "Kremlin spokesman Dmitry Peskov: there are no talks with Kyiv."
    doc = annotate([text], backend=backend)[0]
    q = only(extract(doc, resolve(doc)))
    assert (q.kind, q.cue_type, q.text) == ("indirect", "colon", "there are no talks with Kyiv")
    assert q.source is not None and q.source.text == "Kremlin spokesman Dmitry Peskov"
    assert [a.id for a in q.actors] == ["person:dmitry-peskov"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "Update: the vote was postponed until next week.",
        "Ukraine, but Putin’s war has stalled: the front has not moved.",
    ],
)
def test_colon_line_without_a_speaker_is_no_quote(backend: str, text: str) -> None:
    doc = annotate([text], backend=backend)[0]
    assert extract(doc, resolve(doc)) == ()


# --- attitude adjectives, further verbs ----------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The minister is confident that the deal will hold.",
            "is confident",
            "The minister",
            "the deal will hold",
        ),
        (
            "Kallas was adamant that she had broken no rule.",
            "was adamant",
            "Kallas",
            "she had broken no rule",
        ),
        ("Zelensky is eager to meet Putin.", "is eager", "Zelensky", "meet Putin"),
    ],
)
def test_attitude_adjective_with_clause(backend: str, text: str, cue: str, source: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.cue_type, q.source and q.source.text, q.text) == (
        cue,
        "adjective",
        source,
        content,
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_attitude_adjective_needs_a_holder_and_a_clause(backend: str) -> None:
    assert quotes("The road is sure to be closed.", backend) == ()
    assert quotes("The minister is confident.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_infinitive_opening_with_a_quote(backend: str) -> None:
    q = only(quotes("And he vowed to “carry our case” to every capital.", backend))
    assert (q.kind, q.cue and q.cue.text, q.text) == ("mixed", "vowed", "“carry our case” to every capital")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            '"Villagers were dancing" before the shelling, she said.',
            '"Villagers were dancing" before the shelling',
        ),
        (
            "Europe needs envoys “who grasp that sanctions can cause hardship,” Scholz said.",
            "Europe needs envoys “who grasp that sanctions can cause hardship,”",
        ),
    ],
)
def test_clause_before_cue_may_open_with_or_hold_a_quote(backend: str, text: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.kind, q.text) == ("mixed", content)


@pytest.mark.parametrize("backend", BACKENDS)
def test_tail_with_apposition_and_long_adjunct(backend: str) -> None:
    text = (
        "“He should resign!” the opposition leader, Donald Tusk, tweeted Sunday after a raid on a TV station."
    )
    q = only(quotes(text, backend))
    assert (q.kind, q.cue and q.cue.text, q.source and q.source.text) == (
        "direct",
        "tweeted",
        "the opposition leader, Donald Tusk",
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_addressee_of_an_order(backend: str) -> None:
    q = only(quotes("The general ordered the troops to withdraw from the town.", backend))
    assert (q.cue and q.cue.text, q.text) == ("ordered", "withdraw from the town")


# --- light verbs, appositions, tails cut off by the splitter, floating quotes ---------------
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "Diplomats expressed concern that the ceasefire would fail.",
            "expressed concern",
            "Diplomats",
            "the ceasefire would fail",
        ),
        (
            "The ambassador made the argument that the blockade was illegal.",
            "made the argument",
            "The ambassador",
            "the blockade was illegal",
        ),
    ],
)
def test_light_verb_with_reporting_noun(backend: str, text: str, cue: str, source: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.cue_type, q.source and q.source.text, q.text) == (
        cue,
        "noun",
        source,
        content,
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_reporting_noun_in_a_passive_has_no_holder(backend: str) -> None:
    assert quotes("Concerns were raised that the vote was rigged.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_long_apposition_in_tail(backend: str) -> None:
    text = (
        "“Sanctions alone will not work,” Pavel Novak, director of the Border Security Project at the "
        "Central European Policy Institute, said in a briefing."
    )
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text.startswith("Pavel Novak, director of")
    assert q.source.text.endswith("Institute") and q.evidence == "direct:cue-after"


@pytest.mark.parametrize("backend", BACKENDS)
def test_tail_in_the_sentence_after_the_marks(backend: str) -> None:
    q = only(quotes("“Good talks — wish we had another day in Vienna!” Tusk said.", backend))
    assert (q.cue and q.cue.text, q.source and q.source.text) == ("said", "Tusk")


@pytest.mark.parametrize("backend", BACKENDS)
def test_floating_quote_after_a_long_reporting_sentence(backend: str) -> None:
    text = (
        "“We held,” said analyst Tomas Berg, who was then part of the negotiating team and "
        "now advises the ministry. “She saw the deal through.”"
    )
    found = quotes(text, backend)
    assert [(q.evidence, q.source and q.source.text) for q in found] == [
        ("direct:cue-after", "analyst Tomas Berg"),
        ("direct:floating", "analyst Tomas Berg"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_content_ends_before_a_coordinated_reporting_clause(backend: str) -> None:
    text = "The ministry wanted to comment and Kremlin aides later said the report was false."
    found = quotes(text, backend)
    assert [(q.cue and q.cue.text, q.source and q.source.text, q.text) for q in found] == [
        ("wanted", "The ministry", "comment"),
        ("said", "Kremlin aides", "the report was false"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "She urged European leaders to shun Mr. Lukashenko and has repeatedly called him reckless.",
            "shun Mr. Lukashenko",
        ),
        (
            "While they agree that the alliance must act, they differ on the cost.",
            "the alliance must act",
        ),
    ],
)
def test_content_ends_where_its_clause_type_must_end(backend: str, text: str, content: str) -> None:
    assert only(quotes(text, backend)).text == content


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "Experts expect the summit to be staged like a show.",
            "expect",
            "the summit to be staged like a show",
        ),
        (
            "Lea Moreau told the BBC her ministry never negotiated with the junta.",
            "told",
            "her ministry never negotiated with the junta",
        ),
    ],
)
def test_object_before_infinitive_or_clause(backend: str, text: str, cue: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.text) == (cue, content)


@pytest.mark.stanza
def test_noun_object_with_clause_after_a_full_verb() -> None:
    q = only(quotes("The minister dismissed the argument that the embargo would fail.", "stanza"))
    assert (q.cue and q.cue.text, q.text) == ("dismissed", "the argument that the embargo would fail")


@pytest.mark.parametrize("backend", BACKENDS)
def test_quote_resumed_after_cue_with_time_adjunct(backend: str) -> None:
    text = "“This is the turning point,” Kallas said Tuesday evening. “They told us the talks had no future.” Others agreed."
    q = only(quotes(text, backend))
    assert [c.text for c in q.content] == [
        "This is the turning point",
        "They told us the talks had no future.",
    ]


@pytest.mark.stanza
def test_quote_resumed_after_cue_with_doubled_marks() -> None:
    text = "''That's what the region needs,'' Guterres said. ''This truce - that's the peace we're working for.''"
    q = only(quotes(text, "stanza"))
    assert len(q.content) == 2 and q.evidence == "direct:cue-after+split"


def test_straight_and_curly_double_marks_pair() -> None:
    text = '"I don’t think so,” Borrell said. “We agreed," she said.'
    assert [text[m.content_start : m.content_end] for m in find_marks(text)] == [
        "I don’t think so,",
        "We agreed,",
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_mixed_marks_quote_is_attributed(backend: str) -> None:
    q = only(quotes('"I don’t think it’s helping the talks,” Borrell said.', backend))
    assert (q.kind, q.source and q.source.text) == ("direct", "Borrell")


@pytest.mark.parametrize("backend", BACKENDS)
def test_comment_clause_ending_the_sentence(backend: str) -> None:
    q = only(quotes("The union will protest the summit, the Kyiv Independent reports.", backend))
    assert (q.cue and q.cue.text, q.source and q.source.text, q.text) == (
        "reports",
        "the Kyiv Independent",
        "The union will protest the summit",
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_participle_after_its_own_subject(backend: str) -> None:
    text = "Allies were quick to react, with Boris Johnson tweeting that it was a disaster for Moscow."
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.source and q.source.text) == ("tweeting", "Boris Johnson")


def test_participle_after_by_takes_the_main_subject() -> None:
    q = only(quotes("Scholz continued by saying, “Berlin will contest this ruling.”", "rules"))
    assert (q.cue and q.cue.text, q.source and q.source.text) == ("saying", "Scholz")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Macron called on Tehran to release the prisoners.", "called on", "release the prisoners"),
        ("Poland called for an embargo on grain.", "called for", "an embargo on grain"),
        ("He was unaware that the files were secret.", "was unaware", "the files were secret"),
    ],
)
def test_request_with_particle_and_awareness(backend: str, text: str, cue: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.text) == (cue, content)


@pytest.mark.parametrize("backend", BACKENDS)
def test_call_on_without_infinitive_is_no_quote(backend: str) -> None:
    assert quotes("She called on Monday.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
def test_relative_pronoun_is_the_source_and_resolves_through_its_antecedent(backend: str) -> None:
    text = "Putin, who said that the talks failed, left early."
    doc = annotate([text], backend=backend)[0]
    q = only(extract(doc, resolve(doc)))
    assert (q.source and q.source.text, q.text) == ("who", "the talks failed")
    assert [a.id for a in q.actors] == ["person:vladimir-putin"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_restrictive_relative_clause_cue(backend: str) -> None:
    q = only(quotes("It could worry allies who had hoped that the dispute would ease.", backend))
    assert (q.source and q.source.text, q.text) == ("who", "the dispute would ease")


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("``We won,'' he said.", ["We won,"]),
        ("He said ''we won'' today.", ["we won"]),
        (
            "''Many took a 'wait and see' approach,'' he said.",
            ["Many took a 'wait and see' approach,"],
        ),
    ],
)
def test_ascii_double_quotes_typed_as_two_characters(text: str, inner: list[str]) -> None:
    top = [m for m in find_marks(text) if m.marks in ("``''", "''''")]
    assert [text[m.content_start : m.content_end] for m in top] == inner


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "If Vienna can broker a truce, he observed this week, then Ankara can broker one.",
            "observed",
            "If Vienna can broker a truce … then Ankara can broker one",
        ),
        (
            "The ministry replaced its envoys with diplomats opposing the treaty, the reports show.",
            "show",
            "The ministry replaced its envoys with diplomats opposing the treaty",
        ),
    ],
)
def test_comment_clause_with_adjunct_or_that_verb(backend: str, text: str, cue: str, content: str) -> None:
    q = only(quotes(text, backend))
    assert (q.cue and q.cue.text, q.text) == (cue, content)


@pytest.mark.parametrize("backend", BACKENDS)
def test_that_clause_opening_with_an_aside(backend: str) -> None:
    q = only(quotes("Polls indicate that — for the time being — the coalition leads.", backend))
    assert q.text == "for the time being — the coalition leads"


@pytest.mark.parametrize("backend", BACKENDS)
def test_tail_with_hyphenated_words_and_a_long_name(backend: str) -> None:
    q = only(
        quotes("“Nothing prepares you for a war,” the two-term chancellor will say in the address.", backend)
    )
    assert (q.cue and q.cue.text, q.source and q.source.text) == ("say", "the two-term chancellor")
    text = "“It would be a stretch,” Ingrid Holm of the Anders Lund Center for Disarmament Studies wrote."
    q = only(quotes(text, backend))
    assert q.source is not None and q.source.text.endswith("Disarmament Studies")


@pytest.mark.parametrize("backend", BACKENDS)
def test_short_quoted_title_with_no_cue_is_not_a_quote(backend: str) -> None:
    assert quotes("“Border Stories,” whose heyday came in the 1980s, is back.", backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "cue_class"),
    [
        ("“We will not retreat,” the general said.", "speech"),
        ("According to the ministry, the convoy turned back.", "speech"),
        ("The minister believes that the truce will hold.", "cognition"),
        ("Satellite images show that the depot burned.", "evidence"),
        ("Kyiv learned that the bridge had fallen.", "perception"),
    ],
)
def test_cue_class_says_what_the_cue_reports(backend: str, text: str, cue_class: str) -> None:
    q = only(quotes(text, backend))
    assert q.cue_class == cue_class
    assert q.to_dict()["cue_class"] == cue_class


def test_unattributed_quote_has_no_cue_class() -> None:
    q = Quote(
        kind="direct",
        content=(TextSpan(text="x", start=1, end=2),),
        cue=None,
        cue_type="none",
        stance=None,
        source=None,
    )
    assert q.cue_class is None
    with pytest.raises(ValueError):
        Quote(
            kind="direct",
            content=(TextSpan(text="x", start=1, end=2),),
            cue=None,
            cue_type="none",
            stance=None,
            source=None,
            cue_class="rumour",
        )


# --- precision guards found by a user review ----------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "text",
    [
        "Russia: a timeline of the war",
        "Ukraine: bombings on Kyiv continue",
        "Kyiv: the capital remained calm on Sunday.",
        "Biden: a life in politics",
        "Warning: the following video contains graphic images.",
        "Note: the figures are provisional and may change.",
        "“”“”‘’«»„“ “”“”",
        "The vote, which NATO believes was rigged, drew protests.",
        "Troops said to be from Chechnya crossed the river.",
        "Did the president say the war was over?",
        "Do you think the war will end this year?",
        "Tell me what happened in Bucha.",
        "Hopes that the war would end soon faded in winter.",
    ],
)
def test_labels_and_lookalikes_are_not_quotes(backend: str, text: str) -> None:
    assert quotes(text, backend) == ()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Zelensky: we will not give up.", "Zelensky", "we will not give up"),
        ("The minister warned: the truce will not hold.", "The minister", "the truce will not hold"),
        (
            "The front line has not moved, the Kyiv Independent reports.",
            "the Kyiv Independent",
            "The front line has not moved",
        ),
        ("The bridge was hit twice, officials said.", "officials", "The bridge was hit twice"),
    ],
)
def test_true_colon_and_comment_clause_attributions_stay(
    backend: str, text: str, source: str, content: str
) -> None:
    q = only(geotext.extract_quotes(text, backend=backend))  # with actors: a colon needs a person
    assert (q.source and q.source.text, q.text) == (source, content)


def test_stanza_comment_clause_needs_a_clause_before_it() -> None:
    pytest.importorskip("stanza")
    if not os.environ.get("GEOTEXT_STANZA_DIR"):
        pytest.skip("needs GEOTEXT_STANZA_DIR")
    assert quotes("That being said, the offensive continues.", "stanza") == ()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("text", "source", "actor"),
    [
        ("Kuleba, who met Blinken in Washington, said the talks failed.", "Kuleba", "person:dmytro-kuleba"),
        ("“We will win,” said Kuleba, who met Blinken in Washington.", "Kuleba", "person:dmytro-kuleba"),
        (
            "The foreign minister, Dmytro Kuleba, told reporters the talks failed.",
            "The foreign minister, Dmytro Kuleba",
            "person:dmytro-kuleba",
        ),
    ],
)
def test_relative_clauses_leave_the_source_and_appositive_names_resolve(
    backend: str, text: str, source: str, actor: str
) -> None:
    q = only(geotext.extract_quotes(text, backend=backend))
    assert q.source is not None and q.source.text == source
    assert [a.id for a in q.actors] == [actor]


def test_verb_at_finds_the_longest_verb_cue_and_skips_other_words_fast() -> None:
    """``Lexicon.verb_at`` (which returns early for a word no cue starts with) agrees
    with trying every length at every position, one past the end included."""
    lex = lexicon()
    forms = ["she", "pointed", "out", "that", "the", "minister", "made", "it", "clear", "and", "said", "so"]

    def slow(i: int) -> tuple[object, int] | None:
        for n in range(min(lex.max_verb_len, len(forms) - i), 0, -1):
            cue = lex.verb_forms.get(tuple(forms[i : i + n]))
            if cue is not None:
                return cue, n
        return None

    found = [lex.verb_at(forms, i) for i in range(len(forms) + 1)]
    assert found == [slow(i) for i in range(len(forms) + 1)]
    assert found[1] is not None and found[1][1] == 2  # "pointed out"
    assert found[10] is not None and found[10][1] == 1  # "said"
    assert found[0] is None and found[len(forms)] is None
