"""The shipped BiLSTM-CRF quote taggers: present for both backends, loaded once per
process, chosen by the combine step (and for ``method="tagger"``), their card figures
and their word-vector table in their metadata; the feature CRF no longer ships."""

from __future__ import annotations

import pytest

from geotext.backends import annotate
from geotext.errors import DataError
from geotext.learn.vectors import word_vectors
from geotext.learn.weights import load_weights, weights_path
from geotext.quotes import _combine_tagger, extract
from geotext.quotes._bilstm import BiLstmTagger, bilstm_for, model_name
from geotext.quotes._constructions import TABLE
from geotext.quotes._features import LABELS
from geotext.quotes._tagger import model_name as crf_model_name
from geotext.quotes._tagger import tagger_for


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
    assert isinstance(tagger, BiLstmTagger) and tagger is bilstm_for("rules")
    assert set(tagger.calibration) == {"rule", "tagger"}
    assert _combine_tagger("rules", alone=False) is tagger
    assert _combine_tagger("stanza", alone=False) is bilstm_for("stanza")
    # the feature CRF's files no longer ship (2026-12-04: the shipped models' 25 MB)
    for backend in ("stanza", "rules"):
        assert not weights_path(crf_model_name(backend)).is_file()
    with pytest.raises(DataError, match="missing"):
        tagger_for.__wrapped__("rules")


def test_the_rules_bilstm_reads_the_shipped_glove_table() -> None:
    meta = load_weights(model_name("rules")).meta
    assert meta["network"]["vectors"] == "glove50_v1" and meta["network"]["layers"] == 2
    table = word_vectors("glove50_v1")
    assert bilstm_for("rules").vectors is table  # loaded once per process
    assert table.dim == 50 and table.id("said") > 0 and table.id("no-such-word-here") == 0
    assert "PDDL-1.0" in str(table.meta["licence"]) and "GloVe 6B 50d" in str(table.meta["source"])
    assert weights_path("glove50_v1").with_suffix(".md").is_file()


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
    alone = extract(doc, method="tagger")  # the BiLSTM's own relations
    assert alone and all(q.evidence.startswith("tagger") for q in alone)
    with pytest.raises(ValueError, match="method"):
        extract(doc, method="guess")  # type: ignore[arg-type]
