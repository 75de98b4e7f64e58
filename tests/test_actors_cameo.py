"""The CAMEO (PETRARCH/Phoenix, TABARI format) dictionary importer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from geotext.actors import KnowledgeBase, load_cameo, read_cameo, read_cameo_agents, resolve
from geotext.actors.cameo import parse_code
from geotext.backends import annotate

SAMPLE = Path(__file__).parent / "data" / "cameo_sample.actors.txt"
PHOENIX = Path(__file__).resolve().parents[2] / "shared" / "data" / "phoenix"


def test_dates_and_ranges() -> None:
    code = parse_code("RUSGOV 991231-080507")
    assert code is not None
    assert (code.code, code.start, code.end) == (
        "RUSGOV",
        datetime.date(1999, 12, 31),
        datetime.date(2008, 5, 7),
    )
    assert parse_code("RUSGOV >300101").start == datetime.date(2030, 1, 1)  # type: ignore[union-attr]
    assert parse_code("RUSGOV >310101").start == datetime.date(1931, 1, 1)  # type: ignore[union-attr]
    assert parse_code("AFGELI 19270101-730717").start == datetime.date(1927, 1, 1)  # type: ignore[union-attr]
    assert parse_code("USRARM <900823").end == datetime.date(1990, 8, 23)  # type: ignore[union-attr]
    assert parse_code("---") is None
    with pytest.raises(ValueError):
        parse_code("ERSGOV 99123-000101")


def test_sample_file_records() -> None:
    result = read_cameo(SAMPLE)
    by_id = {r.id: r for r in result.records}
    putin = by_id["cameo:vladimir-putin"]
    assert putin.type == "person" and putin.country == "RUS" and putin.cameo == "RUSELI"
    assert putin.aliases == ("Putin", "President Vladimir Putin")
    assert [(r.role, r.title, r.country, r.start, r.end) for r in putin.roles] == [
        ("cameo", "RUSGOV", "RUS", datetime.date(1999, 12, 31), datetime.date(2008, 5, 7)),
        ("cameo", "RUSGOV", "RUS", datetime.date(2008, 5, 8), None),
    ]
    assert by_id["state:rus"].type == "state" and by_id["state:rus"].aliases == ("Russia",)
    assert by_id["cameo:erstland"].type == "body"  # not an ISO code: not a state
    assert by_id["cameo:old-dictator"].roles[0].end == datetime.date(1991, 12, 25)
    assert by_id["cameo:johanna-example"].roles[0].start == datetime.date(1995, 1, 1)
    assert by_id["cameo:northern-liberation-front"].type == "armed_group"
    assert by_id["cameo:northern-liberation-front"].aliases == ("NLF",)
    assert by_id["cameo:world-example-organization"].type == "igo"
    assert result.entries == 10 and result.roles == 5
    assert len(result.skipped) == 3
    assert any("bad date" in s for s in result.skipped)
    assert any("'BROKEN_DATE_' has no code" in s for s in result.skipped)
    assert any("'NO_CODE_AT_ALL_' has no code" in s for s in result.skipped)
    assert all(s.startswith(str(SAMPLE)) for s in result.skipped)


def test_import_merges_into_the_kb_without_duplicates() -> None:
    base = KnowledgeBase.load([Path(__file__).parent / "data" / "actors_kb.yaml"], builtin=False)
    merged = base.merge(load_cameo(SAMPLE))
    putin = merged.get("person:vladimir-putin")
    assert putin is not None and "President Vladimir Putin" in putin.aliases
    assert merged.get("cameo:vladimir-putin") is None
    # Alyaksandr Lukashenka folds into Alexander Lukashenko through transliteration.
    assert merged.get("cameo:alyaksandr-lukashenka") is None
    assert "Alyaksandr Lukashenka" in merged.get("person:alexander-lukashenko").aliases  # type: ignore[union-attr]
    doc = annotate(["The Northern Liberation Front (NLF) attacked. Erstlandia protested."], backend="rules")[
        0
    ]
    found = {a.id: [m.text for m in a.mentions] for a in resolve(doc, kb=merged)}
    assert found["cameo:northern-liberation-front"] == ["Northern Liberation Front", "NLF"]
    assert found["cameo:erstland"] == ["Erstlandia"]


def test_agents_with_macros() -> None:
    agents = read_cameo_agents(
        [
            "# agents",
            "!MINIST! = MINISTER, MINISTRY",
            "FOREIGN_!MINIST! [~GOV]",
            "CHAMBER_OF_COMMERCE {X} [~BUS]",
        ]
    )
    assert agents == {"foreign minister": "~GOV", "foreign ministry": "~GOV", "chamber of commerce": "~BUS"}


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    from geotext.actors import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError, match=r"nowhere\.txt"):
        read_cameo(tmp_path / "nowhere.txt")


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="shared/data/phoenix is not beside the checkout")
def test_real_phoenix_dictionaries() -> None:
    countries = read_cameo(PHOENIX / "Phoenix.Countries.actors.txt")
    international = read_cameo(PHOENIX / "Phoenix.International.actors.txt")
    armed = read_cameo(PHOENIX / "Phoenix.MilNonState.actors.txt")
    agents = read_cameo_agents(PHOENIX / "Phoenix.agents.txt")
    # The README counts 18,390 / 7,841 / 1,021 entries; a few malformed ones are skipped.
    assert (countries.entries, international.entries, armed.entries) == (18390, 7841, 1021)
    assert len(countries.skipped) < 100 and len(international.skipped) < 20
    assert countries.roles > 20000 and len(agents) > 2000
    kb = KnowledgeBase.default().merge(
        KnowledgeBase(countries.records + international.records + armed.records)
    )
    assert kb.get("cameo:vladimir-putin") is None  # folded into person:vladimir-putin
    assert any(r.role == "cameo" and r.title == "RUSGOV" for r in kb.get("person:vladimir-putin").roles)  # type: ignore[union-attr]
    doc = annotate(["Moscow said the Kremlin agreed."], backend="rules")[0]
    found = {a.id for a in resolve(doc, kb=kb, date=datetime.date(2022, 1, 1))}
    assert found == {"gov:rus"}  # CAMEO lists Moscow as a name of Russia; metonymy wins
