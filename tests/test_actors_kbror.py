"""Organisations' Wikidata ids from ROR records (geotext.training.kb_ror) and the shipped result."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

import pytest

from geotext.actors import KnowledgeBase
from geotext.actors.kb import kb_info
from geotext.actors.records import ActorRecord
from geotext.training import kb_ror
from geotext.training.kb import BuildError, build


def _v1(rid: str, name: str, cc: str, qid: str, *, types: str = "Government", aliases: str = "") -> str:
    return (
        f'{{"id": "https://ror.org/{rid}", "name": "{name}", "status": "active",\n'
        f' "aliases": [{aliases}], "acronyms": ["ICC"], "types": ["{types}"],\n'
        f' "country": {{"country_code": "{cc}"}},\n'
        f' "external_ids": {{"Wikidata": {{"all": ["{qid}"], "preferred": null}}}}}}\n'
    )


def _v2(rid: str, name: str, cc: str, qid: str, *, types: str = "government", wiki: str = "") -> str:
    link = f', {{"type": "wikipedia", "value": "https://en.wikipedia.org/wiki/{wiki}"}}' if wiki else ""
    return json.dumps(
        {
            "id": f"https://ror.org/{rid}",
            "status": "active",
            "types": [types],
            "names": [
                {"lang": "en", "types": ["label", "ror_display"], "value": name},
                {"lang": None, "types": ["acronym"], "value": "EXA"},
            ],
            "locations": [{"geonames_details": {"country_code": cc}}],
            "external_ids": [{"type": "wikidata", "all": [qid], "preferred": qid}],
            "links": json.loads(f'[{{"type": "website", "value": "https://x.example"}}{link}]'),
        },
        indent=2,
    )


@pytest.fixture
def ror(tmp_path: Path) -> Path:
    root = tmp_path / "ror"
    for version in ("v1.9", "v1.10", "v2.1"):
        (root / version).mkdir(parents=True)
    # An old version of a record, then the newer one (v1.10 sorts after v1.9).
    (root / "v1.9" / "01.json").write_text(_v1("01", "Examplian Ministry of Defence", "DE", "Q1"), "utf-8")
    (root / "v1.10" / "01.json").write_text(_v1("01", "Examplian Ministry of Defence", "DE", "Q11"), "utf-8")
    # A world body (no country in the KB), in the v2 schema with an enwiki link.
    (root / "v2.1" / "02.json").write_text(
        _v2(
            "02", "World Example Organization", "CH", "Q2", types="funder", wiki="World_Example_Organization"
        ),
        "utf-8",
    )
    # Same name as the world body, but a university: never an IGO's record.
    (root / "v2.1" / "03.json").write_text(
        _v2("03", "World Example Organization", "US", "Q3", types="education"), "utf-8"
    )
    # Two records of one name and country with different ids: a conflict.
    (root / "v2.1" / "04.json").write_text(_v2("04", "Twin Institute", "FR", "Q4"), "utf-8")
    (root / "v2.1" / "05.json").write_text(_v2("05", "Twin Institute", "FR", "Q5"), "utf-8")
    # Malformed: not JSON (line 3), and a Wikidata id that is not Q<digits> (line 4).
    (root / "v2.1" / "06.json").write_text('{"id": "x",\n "name": "Broken",\n  oops\n}', "utf-8")
    (root / "v1.10" / "07.json").write_text(_v1("07", "Bad Id Agency", "DE", "https://wikidata/Q7"), "utf-8")
    return root


@pytest.fixture
def kb() -> KnowledgeBase:
    def org(oid: str, kind: str, name: str, country: str | None, abbr: tuple[str, ...] = ()) -> ActorRecord:
        return ActorRecord(id=oid, type=kind, name=name, country=country, abbreviations=abbr, source="test")

    return KnowledgeBase(
        [
            org("body:deu-mod", "body", "Examplian Ministry of Defence", "DEU"),
            org("body:fra-mod", "body", "Examplian Ministry of Defence", "FRA"),  # wrong country
            org("igo:weo", "igo", "World Example Organization", None),
            org("org:twin", "think_tank", "Twin Institute", "FRA"),
            org("igo:icc", "igo", "International Example Court", None, abbr=("ICC",)),  # acronym only
        ]
    )


def test_read_records_newest_release_and_rejects(ror: Path) -> None:
    rejected: list[kb_ror._Rejected] = []
    records = {r.ror: r for r in kb_ror.read_records(ror, rejected)}
    assert records["01"].wikidata == "Q11" and records["01"].where == "v1.10/01.json"
    assert records["02"].country == "CHE" and records["02"].wikipedia == "World Example Organization"
    assert "EXA" not in records["02"].names  # acronyms are not names
    assert sorted(str(r) for r in rejected) == [
        "v1.10/07.json:4: wikidata id 'https://wikidata/Q7' is not Q<digits>",
        "v2.1/06.json:3: not valid JSON (Expecting property name enclosed in double quotes)",
    ]


def test_match_by_name_and_country(ror: Path, kb: KnowledgeBase) -> None:
    matches, conflicts, counts = kb_ror.match_orgs(ror, kb, [])
    got = {m.org: (m.qid, m.wikipedia) for m in matches}
    assert got == {"body:deu-mod": ("Q11", None), "igo:weo": ("Q2", "World Example Organization")}
    assert conflicts == ["org:twin: ROR records name Q4, Q5 (none taken)"]
    assert counts["matched"] == 2 and counts["conflicts"] == 1


def test_build_writes_orgs_file_and_rejects(
    ror: Path, kb: KnowledgeBase, tmp_path: Path, empty_csc: Path
) -> None:
    csc = empty_csc
    out = tmp_path / "out"
    manifest = build({"csc": csc, "ror": ror}, out, date=datetime.date(2026, 1, 2), kb=kb)
    assert "kb_orgs.json.gz" in manifest["files"]  # type: ignore[operator]
    assert any("ror/v2.1/06.json:3" in r for r in manifest["rejected"])  # type: ignore[attr-defined]
    [entry] = [s for s in manifest["sources"] if s["name"] == "ror"]  # type: ignore[attr-defined, index]
    assert "CC0" in entry["licence"] and entry["records"] == 2
    orgs = json.loads(gzip.decompress((out / "kb_orgs.json.gz").read_bytes()))["actors"]
    assert all("ror.org/" in o["source"] and "CC0" in o["source"] for o in orgs)
    merged = KnowledgeBase([*kb, *(ActorRecord(**o) for o in orgs)])
    weo = merged.get("igo:weo")
    assert weo is not None and weo.wikidata == "Q2" and weo.wikipedia == "World Example Organization"
    with pytest.raises(BuildError, match=r"malformed source line ror/v1\.10/07\.json:4"):
        build({"csc": csc, "ror": ror}, tmp_path / "strict", strict=True, kb=kb)


def test_shipped_organisations_have_ror_ids() -> None:
    kb = KnowledgeBase.default()
    expected = {
        "igo:nato": "Q7184",
        "igo:who": "Q7817",
        "body:usa-cia": "Q37230",
        "org:chatham-house": "Q263016",
    }
    for oid, qid in expected.items():
        record = kb.get(oid)
        assert record is not None and record.wikidata == qid, oid
    nyt = kb.get("org:nyt")
    assert nyt is not None and nyt.wikidata is None  # ROR's record is the publishing company
    info = kb_info()
    assert info["wikidata"]["igo"] >= 15  # type: ignore[index]
    assert any(s["name"] == "ror" and "CC0" in s["licence"] for s in info["sources"])  # type: ignore[attr-defined]
