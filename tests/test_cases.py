"""Construction cases kept as data: ``tests/cases/quotes.yaml`` and ``hedges.yaml``.

Each case is a short text with the quotes or hedge cues it must give, run on both
backends through the public API (:func:`geotext.extract_quotes`,
:func:`geotext.detect_hedges`). A case's ``xfail`` maps a backend to the reason it
misses there today; those run as strict xfails, so a fix makes the suite say so.

Quote case fields: ``name``, ``text``, ``expect`` (a list of quotes, each with any of
``kind``, ``cue``, ``source``, ``content``; ``source: null`` means no source), or
``expect: []`` for a text with no quote. Hedge case fields: ``name``, ``text``,
``expect`` (each ``cue`` with ``category`` and optionally ``stance``) and ``absent``
(cue texts that must not be found).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import geotext

CASES = Path(__file__).parent / "cases"
BACKENDS = ("rules", "stanza")


def _load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data.get("schema") == 1, name
    cases: list[dict[str, Any]] = data["cases"]
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), f"{name}: case names must be unique"
    return cases


def _params(name: str) -> list[Any]:
    out = []
    for case in _load(name):
        for backend in BACKENDS:
            marks: list[Any] = [pytest.mark.stanza] if backend == "stanza" else []
            reason = (case.get("xfail") or {}).get(backend)
            if reason:
                marks.append(pytest.mark.xfail(reason=str(reason), strict=True))
            out.append(pytest.param(case, backend, marks=marks, id=f"{case['name']}-{backend}"))
    return out


def _quote_fields(q: geotext.Quote) -> dict[str, object]:
    return {
        "kind": q.kind,
        "cue": q.cue.text if q.cue is not None else None,
        "source": q.source.text if q.source is not None else None,
        "content": q.text,
    }


@pytest.mark.parametrize(("case", "backend"), _params("quotes.yaml"))
def test_quote_case(case: dict[str, Any], backend: str) -> None:
    found = [_quote_fields(q) for q in geotext.extract_quotes(case["text"], backend=backend)]
    expected: list[dict[str, object]] = case["expect"]
    if not expected:
        assert found == [], found
    for want in expected:
        assert any(all(got.get(k) == v for k, v in want.items()) for got in found), (want, found)


@pytest.mark.parametrize(("case", "backend"), _params("hedges.yaml"))
def test_hedge_case(case: dict[str, Any], backend: str) -> None:
    hedges = geotext.detect_hedges(case["text"], backend=backend)
    found = [{"cue": h.text, "category": h.category, "stance": h.stance} for h in hedges]
    for want in case.get("expect", []):
        assert any(all(got.get(k) == v for k, v in want.items()) for got in found), (want, found)
    texts = {h.text.lower() for h in hedges}
    for cue in case.get("absent", []):
        assert cue.lower() not in texts, (cue, found)
