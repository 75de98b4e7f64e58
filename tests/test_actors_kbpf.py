"""Parties' Wikidata ids from the Party Facts data (geotext.training.kb_pf) and the shipped result."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import pytest

from geotext.actors import KnowledgeBase
from geotext.actors.kb import kb_info
from geotext.actors.records import ActorRecord
from geotext.training import kb_pf
from geotext.training.kb import build

ROWS = (
    "country,partyfacts_id,wikidata_id,name,name_short,name_native\n"
    "EXA,1,Q11,Examplian Labour Party,Lab,\n"
    "EXA,2,Q11,Examplian Labour Party,,\n"  # the same party twice: one id
    "EXB,3,Q12,Examplian Labour Party,,\n"  # another country
    "EXA,4,Q13,Union of the Centre,UC,Unia Centrum\n"
    "EXA,5,Q14,Union of the Centre,,\n"  # two ids for one name: a conflict
    "EXA,6,Q15,Green Alliance,GA,\n"
    "EXA,7,Q16,Green Alliance–Left,,\n"
    "EXA,8,X17,Broken Party,,\n"
    "EXAMPLE,9,Q18,Bad Country Party,,\n"
)


def _party(pid: str, name: str, country: str = "EXA", aliases: tuple[str, ...] = ()) -> ActorRecord:
    return ActorRecord(id=pid, type="party", name=name, aliases=aliases, country=country, source="test")


@pytest.fixture
def pf(tmp_path: Path) -> Path:
    (tmp_path / "wikidata.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "COMMIT").write_text("abc123 2026-03-11\n", encoding="utf-8")
    return tmp_path


def test_name_country_and_conflicts(pf: Path) -> None:
    kb = KnowledgeBase(
        [
            _party("party:lab", "Examplian Labour Party"),
            _party("party:lab-b", "Examplian Labour Party", country="EXB"),
            _party("party:uc", "Union of the Centre"),
            # The name matches one row; the alias names another party (an alliance): the name wins.
            _party("party:ga", "Green Alliance", aliases=("Green Alliance-Left",)),
            # Only an alias (the native name) matches.
            _party("party:uc2", "Centre Union", country="EXA", aliases=("Unia Centrum",)),
            _party("party:none", "Nobody's Party"),
        ]
    )
    rejected: list[kb_pf._Rejected] = []
    matches, conflicts, counts = kb_pf.match_parties(pf, kb, rejected)
    got = {m.org: m.qid for m in matches}
    assert got == {"party:lab": "Q11", "party:lab-b": "Q12", "party:ga": "Q15", "party:uc2": "Q13"}
    assert conflicts == ["party:uc: Party Facts rows name Q13, Q14 (none taken)"]
    assert [(r.line, "wikidata" in r.reason or "country" in r.reason) for r in rejected] == [
        (9, True),
        (10, True),
    ]
    assert counts["matched"] == 4 and counts["conflicts"] == 1
    [lab] = [m for m in matches if m.org == "party:lab"]
    assert lab.evidence[0] == "wikidata.csv line 2 (Party Facts id 1, EXA)" and len(lab.evidence) == 2


def test_build_writes_party_ids_with_provenance(pf: Path, tmp_path: Path) -> None:
    csc = tmp_path / "csc"
    (csc / "cities").mkdir(parents=True)
    (csc / "countries.csv").write_text("id,name,iso3,iso2,capital,wikiDataId\n", encoding="utf-8")
    (csc / "states.csv").write_text(
        "id,name,country_code,iso2,iso3166_2,type,level,parent_id,wikiDataId,population\n", encoding="utf-8"
    )
    (csc / "cities" / "XX.json").write_text("[]", encoding="utf-8")
    kb = KnowledgeBase([_party("party:lab", "Examplian Labour Party")])
    out = tmp_path / "out"
    manifest = build({"csc": csc, "pf": pf}, out, date=datetime.date(2026, 1, 2), kb=kb)
    data = json.loads(gzip.decompress((out / "kb_orgs.json.gz").read_bytes()))
    [record] = data["actors"]
    assert record["id"] == "party:lab" and record["wikidata"] == "Q11"
    assert "MIT" in record["source"] and "line 2" in record["source"]
    assert manifest["counts"]["parties with wikidata from pf"] == 1  # type: ignore[index]
    [entry] = [s for s in manifest["sources"] if s["name"] == "pf"]  # type: ignore[attr-defined]
    assert (
        entry["commit"] == "abc123"
        and entry["files"]["partyfacts"]["path"] == "import/wikipedia/wikidata.csv"
    )


def test_shipped_parties_have_ids() -> None:
    kb = KnowledgeBase.default()
    parties = [r for r in kb if r.type == "party"]
    with_id = [r for r in parties if r.wikidata]
    assert len(with_id) >= 19 and all("Party Facts id" in r.source for r in with_id)
    assert kb.get("party:cdu").wikidata == "Q49762"  # type: ignore[union-attr]
    info = kb_info()
    assert any(s.get("name") == "pf" and "MIT" in str(s.get("licence")) for s in info["sources"])  # type: ignore[attr-defined]
