"""The shipped BiLSTM-CRF quote taggers: present for both backends, loaded once per
process, chosen by the combine step, their card figures in their metadata; the
feature CRF still loads (method ``tagger`` and the fallback)."""

from __future__ import annotations

import pytest

from geotext.backends import annotate
from geotext.learn.weights import load_weights, weights_path
from geotext.quotes import _combine_tagger, extract
from geotext.quotes._bilstm import BiLstmTagger, bilstm_for, model_name
from geotext.quotes._constructions import TABLE
from geotext.quotes._features import LABELS
from geotext.quotes._tagger import CrfTagger, tagger_for


@pytest.mark.parametrize("backend", ["stanza", "rules"])
def test_shipped_bilstm_files_and_metadata(backend: str) -> None:
    assert weights_path(model_name(backend)).is_file()
    meta = load_weights(model_name(backend)).meta
    assert meta["backend"] == backend and meta["stacked"] is True
    assert meta["labels"] == list(LABELS)
    assert 0.0 < meta["threshold"] < 1.0
    assert len(meta["dev"]["relation_p_r_f1"]) == 3 and len(meta["heldout"]["relation_p_r_f1"]) == 3


def test_the_bilstm_is_loaded_once_and_chosen_for_combined() -> None:
    tagger = bilstm_for("rules")
    assert tagger is bilstm_for("rules")
    assert set(tagger.calibration) == {"rule", "tagger"}
    assert _combine_tagger("rules", alone=False) is tagger
    crf = tagger_for("rules")  # the feature CRF still ships and loads
    assert isinstance(crf, CrfTagger) and not isinstance(crf, BiLstmTagger)


def test_extract_with_the_shipped_bilstm() -> None:
    text = (
        "The minister said on Tuesday that the border would stay closed.\n\n"
        "“We will not give in,” the mayor told reporters. Analysts reckon the ceasefire will not hold."
    )
    doc = annotate([text], backend="rules")[0]
    combined = extract(doc, method="combined")
    assert any(q.cue is not None and q.cue.text == "said" for q in combined)
    for q in combined:
        # the construction that built it (with any part the tagger supplied), or the tagger's own
        name = q.evidence.split("+")[0]
        assert name in TABLE or name.startswith("tagger"), q.evidence
        assert 0.0 <= q.confidence <= 1.0
        for span in (*q.content, q.cue, q.source):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text
