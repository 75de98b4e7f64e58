"""The table of hedge cue handling: complete, documented, and each example yields its
row on the rules backend (through the public API)."""

from __future__ import annotations

from pathlib import Path

import pytest

import geotext
from geotext.hedges import CATEGORIES
from geotext.hedges._handling import STAGES, TABLE, Handling, ordered, table_rst

DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.rst"


def test_every_category_and_stage_has_a_row() -> None:
    rows = ordered()
    assert {r.category for r in rows if r.stage == "cues"} == set(CATEGORIES)
    assert {r.stage for r in rows} == set(STAGES)
    assert len(TABLE) >= 20


@pytest.mark.parametrize("r", ordered(), ids=lambda r: r.name)
def test_every_row_has_its_fields(r: Handling) -> None:
    assert r.name.partition(":")[0] in {*STAGES, "category", "holder"} and ":" in r.name
    assert r.category in CATEGORIES and r.cue and r.example.strip()
    assert r.function.startswith("geotext.hedges.")


@pytest.mark.parametrize("r", ordered(), ids=lambda r: r.name)
def test_every_example_yields_its_row(r: Handling) -> None:
    hedges = geotext.analyze(r.example, backend="rules").hedges
    assert any(r.made(h) for h in hedges), [(h.text, h.category, h.evidence) for h in hedges]


def test_the_architecture_page_holds_the_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(".. hedge-handling-table-start\n") + len(".. hedge-handling-table-start\n")
    end = text.index(".. hedge-handling-table-end\n")
    assert text[start:end].strip() == table_rst().strip()
