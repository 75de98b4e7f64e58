"""Property: every span object of every result record slices the original text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import geotext

_pieces = st.sampled_from(
    [
        *list("“”‘’„«»‹›\"'\u00a0\x00\n.,:;!?"),
        "he said",
        " said that ",
        "according to",
        " Putin ",
        "the Kremlin",
        "may",
        "not",
        "unlikely",
        "ISW",
        "(ISW)",
        "both",
        "Lukashenko’s",
        "Minsk",
    ]
)
texts = st.lists(st.one_of(st.text(max_size=6), _pieces), max_size=40).map("".join)


def _spans(d: object) -> list[dict[str, object]]:
    """Every dict with text/start/end below ``d`` except records' own extents."""
    out: list[dict[str, object]] = []
    if isinstance(d, dict):
        for key, value in d.items():
            if isinstance(value, dict) and {"text", "start", "end"} <= set(value):
                out.append(value)
            if key in {"content", "cue", "mentions", "evidence"} and isinstance(value, list):
                out += [v for v in value if isinstance(v, dict) and {"text", "start", "end"} <= set(v)]
            out += _spans(value)
    elif isinstance(d, list):
        for v in d:
            out += _spans(v)
    return out


@settings(max_examples=200, deadline=None)
@given(texts)
def test_every_reported_span_slices_the_original(text: str) -> None:
    a = geotext.analyze(text, backend="rules")
    d = json.loads(a.to_json())
    spans = _spans({k: d[k] for k in ("actors", "quotes", "hedges", "claims")})
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]  # type: ignore[index,misc]
    for q in a.quotes:
        if len(q.content) == 1:
            assert text[q.start : q.end] == q.text
