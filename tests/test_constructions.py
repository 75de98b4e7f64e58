"""The table of quote constructions: complete, documented, and each example makes
its construction on the rules backend (through the public API)."""

from __future__ import annotations

from pathlib import Path

import pytest

import geotext
from geotext.quotes import KINDS
from geotext.quotes._constructions import PASS_NAMES, TABLE, Construction, ordered, table_rst
from geotext.quotes._extract import PASSES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "architecture.rst"


def test_the_table_is_filled() -> None:
    assert len(TABLE) >= 20
    assert [name for name, _ in PASSES] == list(PASS_NAMES)


@pytest.mark.parametrize("c", ordered(), ids=lambda c: c.name)
def test_every_construction_has_its_fields(c: Construction) -> None:
    assert c.name and ":" in c.name
    assert c.kind in KINDS
    assert 0.0 < c.confidence <= 1.0
    assert 0.0 <= c.unparsed_penalty < c.confidence
    assert c.example.strip() and c.stage in PASS_NAMES
    assert c.function.startswith("geotext.quotes.")


@pytest.mark.parametrize("c", ordered(), ids=lambda c: c.name)
def test_every_example_makes_its_construction(c: Construction) -> None:
    quotes = geotext.analyze(c.example, backend="rules").quotes
    made = [(q.kind, q.evidence.split("+")[0]) for q in quotes]
    assert (c.kind, c.name) in made, made


def test_the_architecture_page_holds_the_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(".. constructions-table-start\n") + len(".. constructions-table-start\n")
    end = text.index(".. constructions-table-end\n")
    assert text[start:end].strip() == table_rst().strip()
