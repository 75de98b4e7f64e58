"""The shipped quote taggers: present for both backends, loaded once, used by extraction."""

from __future__ import annotations

import pytest

from geotext.backends import annotate
from geotext.learn.weights import weights_path
from geotext.quotes import extract
from geotext.quotes._constructions import TABLE
from geotext.quotes._tagger import model_name, tagger_for


@pytest.mark.parametrize("backend", ["rules"])
def test_shipped_tagger_loads_and_extract_uses_it(backend: str) -> None:
    tagger = tagger_for(backend)
    assert tagger.stacked and 0.0 < tagger.threshold < 1.0
    assert set(tagger.calibration) == {"rule", "tagger"}
    text = (
        "The minister said on Tuesday that the border would stay closed.\n\n"
        "Analysts reckon the ceasefire will not hold, a diplomat in Geneva conceded."
    )
    doc = annotate([text], backend=backend)[0]
    combined = extract(doc, method="combined")
    rules = extract(doc, method="rules")
    assert any(q.cue is not None and q.cue.text == "said" for q in rules)
    for q in combined:
        # the construction that built it (with any part the tagger supplied), or the tagger's own
        name = q.evidence.split("+")[0]
        assert name in TABLE or name.startswith("tagger"), q.evidence
        assert 0.0 <= q.confidence <= 1.0
        for span in (*q.content, q.cue, q.source):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text
    alone = extract(doc, method="tagger")
    assert all(q.evidence.startswith("tagger") for q in alone)
    with pytest.raises(ValueError, match="method"):
        extract(doc, method="guess")  # type: ignore[arg-type]


def test_shipped_files_exist_for_both_backends() -> None:
    for backend in ("stanza", "rules"):
        assert weights_path(model_name(backend)).is_file()
