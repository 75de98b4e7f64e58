"""Hedge detection on short texts, one mechanism per test (rules backend, no models)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geotext.backends import annotate
from geotext.errors import DataError
from geotext.hedges import CATEGORIES, CERTAINTY, Claim, Hedge, claims, detect, icd203, lexicon
from geotext.hedges._lexicon import _entry
from geotext.model import Document


def _doc(text: str) -> Document:
    return annotate([text], backend="rules")[0]


def _hedges(text: str) -> tuple[Hedge, ...]:
    return detect(_doc(text))


def _one(text: str, cue: str) -> Hedge:
    found = [h for h in _hedges(text) if h.text == cue]
    assert len(found) == 1, f"{cue!r} in {[h.text for h in _hedges(text)]}"
    return found[0]


def _texts(text: str) -> list[str]:
    return [h.text for h in _hedges(text)]


# --- cues and false friends -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "category"),
    [
        ("The ceasefire may collapse.", "may", "hedge"),
        ("Moscow might retaliate.", "might", "hedge"),
        ("The strike possibly hit a depot.", "possibly", "hedge"),
        ("The convoy apparently turned back.", "apparently", "hedge"),
        ("The talks seemed to stall.", "seemed", "hedge"),
        ("The data suggests a build-up.", "suggests", "hedge"),
        ("It is clearly a provocation.", "clearly", "booster"),
        ("The strike was reportedly ordered by Moscow.", "reportedly", "evidential"),
        ("Some experts say the talks failed.", "Some experts", "attribution"),
        ("It is believed that the talks failed.", "It is believed", "attribution"),
        ("About 200 troops crossed.", "About", "approximator"),
        ("Some 200 troops crossed.", "Some", "approximator"),
        ("Some of the troops crossed.", "Some", "weasel"),
        ("The strikes hit several towns.", "several", "weasel"),
        ("A number of ministers resigned.", "A number of", "weasel"),
        ("The renowned general resigned.", "renowned", "peacock"),
        ("He is one of the greatest negotiators.", "greatest", "peacock"),
    ],
)
def test_cue_categories(text: str, cue: str, category: str) -> None:
    assert _one(text, cue).category == category


def test_multiword_cue_it_would_appear() -> None:
    h = _one("It would appear that the offensive has stalled.", "It would appear")
    assert h.category == "hedge"
    assert h.rule == "hedge_cues.yaml:it would appear"


def test_seems_to_have_is_found_from_inflected_form() -> None:
    assert _one("Putin seems to have accepted the terms.", "seems").category == "hedge"


@pytest.mark.parametrize(
    "text",
    [
        "The summit took place on 5 May 2022.",
        "In May the army advanced.",
        "The offensive began in late May.",
        "Talks resumed on May 9.",
        "The treaty was signed last May in Minsk.",
    ],
)
def test_may_the_month_is_not_a_hedge(text: str) -> None:
    assert not [h for h in _hedges(text) if h.text.lower() == "may"]


def test_sentence_initial_modal_may_is_a_hedge() -> None:
    assert _one("May Russia now escalate further?", "May").category == "hedge"


@pytest.mark.parametrize(
    "text",
    [
        "Russia showed its military might in the parade.",
        "The might of the navy was on display.",
        "They fought with all their might.",
    ],
)
def test_might_the_noun_is_not_a_hedge(text: str) -> None:
    assert not [h for h in _hedges(text) if h.text.lower() == "might"]


def test_heir_apparent_is_not_a_hedge() -> None:
    assert "apparent" not in _texts("The crown prince is the heir apparent to the throne.")
    assert _one("The apparent failure embarrassed Moscow.", "apparent").category == "hedge"


def test_about_needs_a_number() -> None:
    assert "about" not in _texts("They talked about sanctions.")
    assert _one("They fired about a dozen missiles.", "about").category == "approximator"


def test_attributive_clear_is_not_a_booster() -> None:
    assert "clear" not in _texts("The pilots had a clear view of the border.")
    assert _one("It is clear that the talks failed.", "clear").category == "booster"


def test_lexicon_entries_have_sources_and_known_categories() -> None:
    lex = lexicon()
    assert lex.entries
    for e in lex.entries:
        assert e.sources, e.name
        assert e.category in CATEGORIES, e.name


def test_unquoted_yaml_boolean_cue_is_rejected() -> None:
    with pytest.raises(DataError, match="quote it"):
        _entry({"cue": False}, "x.yaml", {}, "negation", 2)


def test_unknown_guard_is_rejected() -> None:
    with pytest.raises(DataError, match="unknown guard"):
        _entry({"cue": "may", "guard": "moon"}, "x.yaml", {}, "hedge", 1)


# --- estimative probability -------------------------------------------------------


def test_icd203_table() -> None:
    table = [(lv.term, lv.lo, lv.hi) for lv in icd203()]
    assert table == [
        ("almost no chance", 0.01, 0.05),
        ("very unlikely", 0.05, 0.2),
        ("unlikely", 0.2, 0.45),
        ("roughly even chance", 0.45, 0.55),
        ("likely", 0.55, 0.8),
        ("very likely", 0.8, 0.95),
        ("almost certain(ly)", 0.95, 0.99),
    ]


@pytest.mark.parametrize(
    ("text", "cue", "level", "probability"),
    [
        ("An attack remains unlikely.", "unlikely", "unlikely", (0.2, 0.45)),
        ("An attack is highly unlikely.", "highly unlikely", "very_unlikely", (0.1, 0.2)),
        ("An attack is improbable.", "improbable", "unlikely", (0.2, 0.45)),
        ("Kyiv will probably hold.", "probably", "likely", (0.55, 0.8)),
        ("Kyiv will almost certainly hold.", "almost certainly", "almost_certain", (0.95, 0.99)),
        ("There is a remote chance of a deal.", "remote chance", "almost_no_chance", (0.01, 0.05)),
        (
            "There is a realistic possibility of escalation.",
            "realistic possibility",
            "roughly_even_chance",
            (0.4, 0.5),
        ),
        ("Escalation is very likely.", "very likely", "very_likely", (0.8, 0.95)),
    ],
)
def test_estimative_levels(text: str, cue: str, level: str, probability: tuple[float, float]) -> None:
    h = _one(text, cue)
    assert (h.category, h.level, h.probability) == ("estimative", level, probability)


def test_not_likely_reads_as_unlikely() -> None:
    h = _one("An attack is not likely.", "likely")
    assert h.negated
    assert (h.level, h.probability) == ("unlikely", (0.2, 0.45))


def test_not_unlikely_is_litotes() -> None:
    h = _one("An attack is not unlikely.", "unlikely")
    assert h.negated
    assert h.probability == (0.45, 0.8)


def test_unlikely_to_fail_has_a_negative_event() -> None:
    h = _one("The talks are unlikely to fail.", "unlikely")
    assert (h.probability, h.polarity) == ((0.2, 0.45), "negative")
    assert h.positive_probability == (0.55, 0.8)


# --- negation and its scope -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "scope"),
    [
        ("Putin did not go to Belarus.", "not", "did not go to Belarus"),
        ("They won't succeed.", "n't", "won't succeed"),
        ("They won’t succeed.", "n’t", "won’t succeed"),
        ("Russia has no interest in it.", "no", "has no interest in it"),
        ("It just doesn’t make sense.", "n’t", "doesn’t make sense"),
        ("We cannot do without them.", "not", "cannot do without them"),
        ("He never signed the deal.", "never", "never signed the deal"),
    ],
)
def test_negation_scope(text: str, cue: str, scope: str) -> None:
    h = _one(text, cue)
    assert h.category == "negation"
    assert h.scope is not None and h.scope.text == scope


def test_double_negative_is_marked() -> None:
    hs = _hedges("We cannot do without them.")
    inner = next(h for h in hs if h.text == "without")
    assert inner.negated
    assert "double negative" in inner.evidence
    (claim,) = claims(_doc("We cannot do without them."), hs)
    assert claim.certainty == "certain"


def test_not_only_is_not_negation() -> None:
    assert "not" not in _texts("Not only Russia but also Belarus joined.")


def test_negated_booster_becomes_uncertain() -> None:
    doc = _doc("It is not clear that Minsk will join.")
    hs = detect(doc)
    booster = next(h for h in hs if h.text == "clear")
    assert booster.negated
    assert [c.certainty for c in claims(doc, hs)] == ["possible"]


def test_negated_hedge_becomes_negated_claim() -> None:
    doc = _doc("A deal is not possible.")
    assert [c.certainty for c in claims(doc, detect(doc))] == ["negated"]


def test_may_not_negates_the_event() -> None:
    h = _one("Moscow may not retaliate.", "may")
    assert (h.negated, h.polarity) == (False, "negative")
    neg = _one("Moscow may not retaliate.", "not")
    assert neg.modifies is not None and neg.modifies.text == "may"


def test_bare_no_has_no_scope() -> None:
    assert _one("No!", "No").scope is None


# --- scope of other cues ----------------------------------------------------------


def test_hedge_scope_is_the_clause_not_the_sentence() -> None:
    h = _one("Troops massed at the border, but the attack may be delayed until spring.", "may")
    assert h.scope is not None and h.scope.text == "may be delayed until spring"


def test_predicate_at_clause_end_reaches_back() -> None:
    h = _one("Belarus joining the war remains unlikely.", "unlikely")
    assert h.scope is not None and h.scope.text == "Belarus joining the war remains unlikely"


# --- holders and reporting stance -------------------------------------------------


def test_hedge_without_source_belongs_to_author() -> None:
    assert _one("The convoy apparently turned back.", "apparently").holder.kind == "author"


def test_according_to_names_the_holder() -> None:
    h = _one("According to ISW analysts, an attack remains unlikely.", "unlikely")
    assert h.holder.kind == "source"
    assert h.holder.name == "ISW analysts"
    assert h.holder.evidence == "according-to"


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("Peskov stated that the talks failed.", "stated", "neutral"),
        ("Peskov noted that the talks failed.", "noted", "neutral"),
        ("Putin confirmed that the talks failed.", "confirmed", "factive"),
        ("Kyiv claimed that the talks failed.", "claimed", "distancing"),
        ("Putin stressed that the talks failed.", "stressed", "strengthening"),
        ("Putin limited himself to announcing a deal.", "limited himself to announcing", "restricting"),
    ],
)
def test_reporting_stance(text: str, cue: str, stance: str) -> None:
    h = _one(text, cue)
    assert (h.category, h.stance) == ("reporting_stance", stance)


# --- claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("Minsk joined the war.", "certain"),
        ("Minsk did not join the war.", "negated"),
        ("Minsk may join the war.", "possible"),
        ("Minsk may not join the war.", "doubtful"),
        ("Minsk seems to have joined the war.", "probable"),
        ("Minsk is unlikely to join the war.", "improbable"),
        ("Minsk reportedly joined the war.", "uncommitted"),
    ],
)
def test_claim_certainty(text: str, certainty: str) -> None:
    doc = _doc(text)
    (claim,) = claims(doc, detect(doc))
    assert isinstance(claim, Claim)
    assert claim.certainty == certainty
    assert claim.factbank == CERTAINTY[certainty]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        # Negative-leaning cues (FactBank PR-/CT-) and the double negatives they make.
        ("It is impossible that Minsk joins the war.", "negated"),
        ("It is not impossible that Minsk joins the war.", "possible"),
        ("It is doubtful that Minsk joins the war.", "improbable"),
        ("It is not possible that Minsk joins the war.", "negated"),
        ("It is not clear that Minsk joins the war.", "possible"),
        ("There is no doubt that Minsk joins the war.", "certain"),
    ],
)
def test_negative_leaning_cues_and_double_negatives(text: str, certainty: str) -> None:
    doc = _doc(text)
    (claim,) = claims(doc, detect(doc))
    assert claim.certainty == certainty, claim.rule


def test_negated_doubt_is_no_longer_doubtful() -> None:
    doc = _doc("Nobody doubts that Minsk joined the war.")
    (doubt,) = [h for h in detect(doc) if h.text == "doubts"]
    assert doubt.negated and doubt.modality == "PR-"
    assert {c.certainty for c in claims(doc, detect(doc))} <= {"probable", "certain"}
    plain = _doc("Analysts doubt that Minsk joined the war.")
    assert "improbable" in {c.certainty for c in claims(plain, detect(plain))}


@pytest.mark.parametrize(
    "text",
    [
        "Great Britain joined the talks.",
        "He met the Popular Front and the Famous Five.",
        "The war is leading to ruin.",
        "A great many soldiers deserted.",
    ],
)
def test_peacock_words_in_names_and_other_senses_are_not_cues(text: str) -> None:
    assert not [h for h in _hedges(text) if h.category == "peacock"], _texts(text)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Analysts say the talks failed.", True),
        ("Senior officials said the talks failed.", True),
        ("Many experts are of the opinion that the talks failed.", True),
        ("ISW analysts say the talks failed.", False),
        ("The analysts said the talks failed.", False),
        ("Putin's advisers believe the talks failed.", False),
        ("The talks failed, Kremlin officials said.", False),
        ("The vote was fair, Florida election officials said.", False),
        ("It is widely believed that the talks failed.", True),
        ("He is often described as a hawk.", True),
        ("The candidate often mentions her granddaughter.", False),
    ],
)
def test_bare_plural_sources_are_unnamed_attributions(text: str, vague: bool) -> None:
    assert any(h.category == "attribution" for h in _hedges(text)) is vague, _texts(text)


def test_weasel_and_peacock_leave_claim_certainty_alone() -> None:
    doc = _doc("Many renowned experts attended the talks.")
    found = detect(doc)
    assert {h.category for h in found} >= {"weasel", "peacock"}
    (claim,) = claims(doc, found)
    assert claim.certainty == "certain"


def test_attributive_impossible_is_not_a_cue() -> None:
    assert "impossible" not in _texts("An impossible task awaits the negotiators.")


def test_unknown_value_is_rejected() -> None:
    with pytest.raises(DataError, match="unknown value"):
        _entry({"cue": "perhaps", "value": "XX"}, "t.yaml", {}, "hedge", 1)


def test_rules_backend_reporting_verb_needs_one_of_its_frames() -> None:
    # "signal" takes a that-clause, not a quotation: a comma after it is no cue.
    assert "signaling" not in _texts("TGF-beta signaling, which is impaired, recovered.")
    (cue,) = [h for h in _hedges("Moscow signaled that talks could resume.") if h.text == "signaled"]
    assert cue.category == "reporting_stance" and cue.stance == "tentative"


def test_to_dict_is_json_ready() -> None:
    import json

    doc = _doc("According to ISW, Minsk is unlikely to join.")
    hs = detect(doc)
    for h in hs:
        d = h.to_dict()
        json.dumps(d)
        assert (d["start"], d["end"]) == (h.cue[0].start, h.cue[-1].end)
        assert doc.text[h.start : h.end] == h.cue[0].text or len(h.cue) > 1
        if h.scope is not None:
            assert doc.text[h.scope.start : h.scope.end] == h.scope.text
    for c in claims(doc, hs):
        json.dumps(c.to_dict())


def test_offsets_slice_the_original_text() -> None:
    text = "“Russia won’t attack,” he said, though an attack is not impossible in  May 2023."
    doc = _doc(text)
    for h in detect(doc):
        for part in h.cue:
            assert text[part.start : part.end] == part.text
        if h.scope is not None:
            assert text[h.scope.start : h.scope.end] == h.scope.text


def test_inherently_negative_verb_is_not_a_negation() -> None:
    assert [h.category for h in _hedges("The talks failed.")] == []
    doc = _doc("The talks failed.")
    assert [c.certainty for c in claims(doc, detect(doc))] == ["certain"]


def test_according_to_after_the_clause_scopes_backwards() -> None:
    h = _one("The talks failed, according to ISW.", "according to")
    assert h.scope is not None and h.scope.text == "The talks failed"
    assert h.holder.name == "ISW"


_WORDS = ["may", "not", "May", "5", "might", "the", "unlikely", "to", "fail", "according", "ISW", ",", ".", "“", "”",
          "won’t", "cannot", "without", "heir", "apparent", "about", "seems", "clear", "is", "no", "doubt", "neither",
          "nor", "Putin", "said", "that", "reportedly", "some", "experts", "almost", "certainly", "\n\n", "é", "’s"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.text(max_size=30))
def test_spans_always_slice_the_original(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    doc = _doc(text)
    hs = detect(doc)
    for h in hs:
        assert h.cue and all(text[p.start : p.end] == p.text for p in h.cue)
        if h.scope is not None:
            assert text[h.scope.start : h.scope.end] == h.scope.text
    for c in claims(doc, hs):
        assert text[c.start : c.end] == c.text


def test_empty_text() -> None:
    doc = _doc("")
    assert detect(doc) == ()
    assert claims(doc, ()) == ()


_DEPRELS = ["root", "nsubj", "obj", "obl", "case", "fixed", "advmod", "aux", "cop", "amod", "det", "ccomp",
            "xcomp", "advcl", "conj", "parataxis", "punct", "mark", "acl", "nmod"]  # fmt: skip
_UPOS = ["NOUN", "VERB", "AUX", "ADJ", "ADV", "ADP", "PRON", "DET", "PUNCT", "PROPN", "INTJ"]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_parse_gives_valid_spans(data: st.DataObject) -> None:
    """Whatever tree a parser returns, detect() must not fail and spans must slice the text."""
    from geotext.model import Sentence, Token, Word

    forms = data.draw(st.lists(st.sampled_from([w for w in _WORDS if w.strip()]), min_size=1, max_size=14))
    text, words, tokens = "", [], []
    for i, form in enumerate(forms, start=1):
        start = len(text)
        text += form + " "
        word = Word(
            id=i,
            text=form,
            form=form,
            lemma=form.lower(),
            upos=data.draw(st.sampled_from(_UPOS)),
            xpos="_",
            feats="_",
            head=data.draw(st.integers(0, len(forms))),
            deprel=data.draw(st.sampled_from(_DEPRELS)),
            start=start,
            end=start + len(form),
        )
        words.append(word)
        tokens.append(Token(text=form, start=start, end=word.end, words=(word,)))
    sentence = Sentence(index=0, text=text, start=0, end=len(text), tokens=tuple(tokens), words=tuple(words))
    doc = Document(text=text, sentences=(sentence,), backend="stanza", has_parse=True, has_ner=False)
    hs = detect(doc)
    for h in hs:
        assert all(text[p.start : p.end] == p.text for p in h.cue)
        if h.scope is not None:
            assert text[h.scope.start : h.scope.end] == h.scope.text
    claims(doc, hs)


def test_reporter_is_not_guessed_from_a_modifier() -> None:
    """No parse subject: an actor is the reporter only right before the verb."""
    import geotext

    told = next(
        h
        for h in geotext.detect_hedges("“It is over,” a senior US official told Reuters.", backend="rules")
        if h.text == "told"
    )
    assert told.holder.actor_id is None
    said = next(
        h for h in geotext.detect_hedges("Putin has said talks failed.", backend="rules") if h.text == "said"
    )
    assert said.holder.actor_id == "person:vladimir-putin"
