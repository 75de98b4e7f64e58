"""Issue 13: learned cue disambiguation, sentence uncertainty, inference holders."""

from __future__ import annotations

import functools

import pytest

from geotext.backends import annotate
from geotext.hedges import SentenceUncertainty, detect, uncertainty
from geotext.hedges.disambiguate import _models, cue_features
from geotext.model import Document
from geotext.quotes import extract

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]


@functools.cache
def _doc(text: str, backend: str) -> Document:
    return annotate([text], backend=backend)[0]


def _holders(text: str, backend: str) -> dict[str, tuple[str, str | None]]:
    doc = _doc(text, backend)
    return {h.text: (h.holder.kind, h.holder.name) for h in detect(doc, quotes=extract(doc))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_author_inference_over_a_report_is_the_authors(backend: str) -> None:
    text = "A source reported heavy shelling near the city, indicating that forces likely took the bridge."
    holders = _holders(text, backend)
    assert holders["likely"] == ("author", None)
    assert holders["indicating"][0] == "author"


@pytest.mark.parametrize("backend", BACKENDS)
def test_hedge_inside_reported_speech_is_the_speakers(backend: str) -> None:
    for text in (
        "Russia would likely need six months to rebuild, said a commander.",
        "Russia would likely need six months to rebuild, a commander said.",
    ):
        assert _holders(text, backend)["likely"] == ("source", "a commander")


@pytest.mark.parametrize("backend", BACKENDS)
def test_inference_without_a_report_changes_nothing(backend: str) -> None:
    text = "Officials said the army would probably withdraw."
    assert _holders(text, backend)["probably"][0] == "source"


@pytest.mark.parametrize("backend", BACKENDS)
def test_learned_cues_carry_a_probability(backend: str) -> None:
    doc = _doc("These results suggest that the protein may be involved in repair.", backend)
    learned = detect(doc)
    assert {h.text for h in learned} >= {"suggest", "may"}
    for h in learned:
        assert h.cue_probability is not None and 0.0 <= h.cue_probability <= 1.0
        assert "hedge_disambiguator cue model" in h.evidence
    assert all(h.cue_probability is None for h in detect(doc, learned=False))
    assert detect(doc)[0].to_dict()["cue_probability"] == learned[0].cue_probability


@pytest.mark.parametrize("backend", BACKENDS)
def test_model_drops_exactly_what_it_rejects(backend: str) -> None:
    m = _models()
    texts = [
        "The protein can bind DNA, and either form may be active.",
        "It is possible that the drug could reduce the risk, but whether it does is unclear.",
        "The attack was apparently not planned, and the army may withdraw.",
    ]
    for text in texts:
        doc = _doc(text, backend)
        kept = {h.start for h in detect(doc)}
        for h in detect(doc, learned=False):
            if h.category not in {"hedge", "estimative"}:
                assert h.start in kept
                continue
            p = m.cue.probability(cue_features(doc, h))
            decided = m.support.get(h.rule, 0) >= m.min_support
            assert (h.start in kept) == (p >= m.cue.threshold or not decided)


@pytest.mark.parametrize("backend", BACKENDS)
def test_news_cues_the_biomedical_model_cannot_judge_survive(backend: str) -> None:
    doc = _doc("Some experts say the talks failed, according to diplomats.", backend)
    cats = {h.text: h.category for h in detect(doc)}
    assert cats.get("Some experts") == "attribution"
    assert cats.get("according to") == "attribution"
    assert "apparently" in {h.text for h in detect(_doc("The attack was apparently not planned.", backend))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_sentence_uncertainty(backend: str) -> None:
    text = "Some critics argue that the treaty is widely considered a failure. The bridge opened in 1932."
    doc = _doc(text, backend)
    out = uncertainty(doc)
    assert [u.sentence for u in out] == [0, 1]
    weasel, fact = out
    assert isinstance(weasel, SentenceUncertainty)
    assert text[weasel.start : weasel.end] == weasel.text
    assert weasel.uncertain and not fact.uncertain
    assert weasel.probability > fact.probability
    assert "hedge_disambiguator sentence model" in weasel.evidence
    assert weasel.to_dict()["probability"] == weasel.probability


def test_uncertainty_of_an_empty_document_is_empty() -> None:
    assert uncertainty(_doc("", "rules")) == ()
    assert uncertainty(_doc("   \n ", "rules")) == ()


def test_sentence_uncertainty_validates_probability() -> None:
    with pytest.raises(ValueError, match="probability"):
        SentenceUncertainty(sentence=0, text="x", start=0, end=1, probability=1.5, uncertain=True)
