"""Shared fixtures.

The stanza tests use the model directory in ``GEOTEXT_STANZA_DIR``; when it is unset
they fall back to ``../shared/stanza_resources`` beside the checkout (the layout CI
uses). Missing models make those tests fail loudly rather than skip, so a broken
model set cannot pass unnoticed; set ``GEOTEXT_SKIP_STANZA=1`` to skip them on purpose.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
SEED_DATE = "2022-12-20"
"""Publication date of the seed article (Putin's visit to Minsk, 19 December 2022)."""

_shared = ROOT.parent / "shared" / "stanza_resources"
if not os.environ.get("GEOTEXT_STANZA_DIR") and _shared.is_dir():
    os.environ["GEOTEXT_STANZA_DIR"] = str(_shared)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("GEOTEXT_SKIP_STANZA") == "1":
        skip = pytest.mark.skip(reason="GEOTEXT_SKIP_STANZA=1")
        for item in items:
            if "stanza" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article, exactly as shipped."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text: str):  # type: ignore[no-untyped-def]
    """The seed article annotated by the stanza backend (built once per session)."""
    import datetime

    from geotext.backends import annotate

    return annotate([seed_text], backend="stanza", date=datetime.date.fromisoformat(SEED_DATE))[0]


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):  # type: ignore[no-untyped-def]
    """The full analysis of the seed article (stanza backend, dated), built once."""
    import geotext

    return geotext.analyze(seed_text, date=SEED_DATE)


@pytest.fixture
def empty_csc(tmp_path: Path) -> Path:
    """A countries-states-cities source directory with headers and no rows, for KB
    builds that test another source (``build({"csc": empty_csc, ...})``)."""
    csc = tmp_path / "csc"
    (csc / "cities").mkdir(parents=True)
    (csc / "countries.csv").write_text("id,name,iso3,iso2,wikiDataId\n", encoding="utf-8")
    (csc / "states.csv").write_text(
        "id,name,country_code,iso2,type,level,parent_id,wikiDataId\n", encoding="utf-8"
    )
    (csc / "cities" / "BE.json").write_text("[]", encoding="utf-8")
    return csc
