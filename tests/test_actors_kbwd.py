"""People's Wikidata ids from CC0 Wikidata query lists (geotext.training.kb_wd) and the shipped result."""

from __future__ import annotations

import datetime
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from geotext.actors import KnowledgeBase
from geotext.actors.kb import kb_info
from geotext.actors.records import ActorRecord, Role
from geotext.training import kb_wd
from geotext.training.kb import build

CAPTAINFACT = (
    "politician,politicianDescription,image,name_in_native_language,date_of_birth,country,,,\n"
    "http://www.wikidata.org/entity/Q301,Examplian politician,,Ann Example,1960-01-01T00:00:00Z,DE,,,\n"
    "http://www.wikidata.org/entity/Q302,Examplian politician,,Zed Twin,1961-01-01T00:00:00Z,DE,,,\n"
    "http://www.wikidata.org/entity/Q303,Examplian footballer,,Zed Twin,1990-01-01T00:00:00Z,DE,,,\n"
    "http://www.wikidata.org/entity/Q304,Otherlandish politician,,Bob Sample,1962-01-01T00:00:00Z,FR,,,\n"
    "http://www.wikidata.org/entity/Q305,Examplian politician,,Cy Known,1963-01-01T00:00:00Z,DE,,,\n"
    "not-an-item,Examplian politician,,Dee Bad,1963-01-01T00:00:00Z,DE,,,\n"
)
EXECUTIVE = """\
- id: {wikidata: Q401, wikipedia: Vi Deputy}
  name: {first: Vi, last: Deputy}
  terms:
  - {type: viceprez, start: '2021-01-20', end: '2025-01-20'}
- id: {wikidata: Q402}
  name: {first: Vi, last: Deputy, official_full: Vi Deputy}
  terms:
  - {type: prez, start: '1990-01-20', end: '1994-01-20'}
"""


def _person(pid: str, name: str, country: str, *roles: Role) -> ActorRecord:
    return ActorRecord(id=pid, type="person", name=name, country=country, roles=roles, source="test")


@pytest.fixture
def kb() -> KnowledgeBase:
    vice = Role(role="deputy_head_of_government", country="USA", start=datetime.date(2021, 1, 20), end=None)
    return KnowledgeBase(
        [
            _person("person:ann", "Ann Example", "DEU"),
            _person("person:zed", "Zed Twin", "DEU"),
            _person("person:bob", "Bob Sample", "DEU"),
            _person("person:cy", "Cy Known", "DEU"),
            _person("person:vi", "Vi Deputy", "USA", vice),
        ]
    )


@pytest.fixture
def wd(tmp_path: Path) -> Path:
    d = tmp_path / "wd"
    d.mkdir()
    (d / "captainfact.csv").write_text(CAPTAINFACT, encoding="utf-8")
    (d / "executive.yaml").write_text(EXECUTIVE, encoding="utf-8")
    sources = {
        "captainfact": {"file": "captainfact.csv", "commit": "c0ffee", "url": "u", "path": "p"},
        "uscl": {"file": "executive.yaml", "commit": "beef", "url": "u", "path": "p"},
    }
    (d / "SOURCES.json").write_text(json.dumps(sources), encoding="utf-8")
    return d


def test_match_by_native_name_and_state_or_by_dated_term(kb: KnowledgeBase, wd: Path) -> None:
    rows = list(kb_wd.read_captainfact(wd / "captainfact.csv"))
    assert [r.qid for r in rows] == ["Q301", "Q302", "Q303", "Q304", "Q305"]  # the bad URI is skipped
    matches, conflicts, counts = kb_wd.match_people(wd, kb, {"person:cy": "Q305"})
    got = {m.person: m.qid for m in matches}
    # Vi: two items share the name, but only Q401's vice-presidential term overlaps the KB role.
    assert got["person:vi"] == "Q401" and not matches[-1].evidence[0].startswith("name and")
    # Zed: two items of that name in his state give none; Bob's row is another state's;
    # Cy was matched before (by epol), which the row confirms.
    assert "person:zed" not in got and "person:bob" not in got and "person:cy" not in got
    assert conflicts == ["person:zed: rows name Q302, Q303 (none taken)"]
    assert counts["cross-checked against epol"] == 1 and counts["disagreements with epol"] == 0


def test_captainfact_name_and_state(wd: Path, kb: KnowledgeBase) -> None:
    matches, _, counts = kb_wd.match_people(wd, kb, {})
    got = {m.person: m for m in matches}
    assert got["person:ann"].qid == "Q301" and got["person:cy"].qid == "Q305"
    assert got["person:ann"].evidence == ["name and state only: captainfact.csv line 2: Examplian politician"]
    assert counts["matched by name and state only"] == 2 and "person:bob" not in got


def test_build_adds_wd_people_after_epol(
    kb: KnowledgeBase, wd: Path, tmp_path: Path, empty_csc: Path
) -> None:
    csc = empty_csc
    (wd / "captainfact.csv").unlink()
    out = tmp_path / "out"
    manifest = build({"csc": csc, "wd": wd}, out, date=datetime.date(2026, 1, 2), kb=kb)
    assert "kb_people.json.gz" in manifest["files"]  # type: ignore[operator]
    assert "--source wd=DIR" in str(manifest["command"])
    people = json.loads(gzip.decompress((out / "kb_people.json.gz").read_bytes()))["actors"]
    assert [(p["id"], p["wikidata"], p.get("wikipedia")) for p in people] == [
        ("person:vi", "Q401", "Vi Deputy")
    ]
    assert people[0]["source"].startswith("wd uscl (CC0-1.0, commit beef)")


def test_shipped_wd_people() -> None:
    kb = KnowledgeBase.default()
    merz = kb.get("person:friedrich-merz")
    assert merz is not None and merz.wikidata == "Q566257" and merz.roles  # hand-written roles kept
    assert "; wd captainfact (CC0-1.0, commit 30ea5b826a61): name and state only:" in merz.source
    vance = kb.get("person:jd-vance")
    assert vance is not None and vance.wikidata == "Q28935729" and vance.wikipedia == "JD Vance"
    wd = next(s for s in kb_info()["sources"] if s["name"] == "wd")  # type: ignore[attr-defined]
    assert wd["records"] >= 18 and "CC0" in wd["licence"]
    assert "captain-fact-dev-data/blob/" in wd["files"]["captainfact"]
    assert wd["files"]["captainfact"].endswith(
        "/Wikidata/data/politicians_born_after_1945_having_a_picture.csv"
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_export_takes_the_newest_readable_version(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "Wikidata" / "data").mkdir(parents=True)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (work / "Wikidata" / "LICENSE").write_text("Creative Commons Legal Code\n\nCC0 1.0 Universal\n")
    path = work / "Wikidata" / "data" / "politicians_born_after_1945_having_a_picture.csv"
    for body in (CAPTAINFACT.splitlines()[1], CAPTAINFACT.splitlines()[2]):
        path.write_text(CAPTAINFACT.splitlines()[0] + "\n" + body + "\n", encoding="utf-8")
        git("add", "-A")
        git("commit", "-qm", "update")
    mirror = tmp_path / "mirror" / "CaptainFact+captain-fact-dev-data"
    mirror.mkdir(parents=True)
    shutil.copytree(work / ".git", mirror / "repo")
    sources = kb_wd.export(tmp_path / "mirror", tmp_path / "out")
    assert set(sources) == {"captainfact"} and sources["captainfact"]["licence"] == "CC0-1.0"
    text = (tmp_path / "out" / "captainfact.csv").read_text(encoding="utf-8")
    assert "Q302" in text and "Q301" not in text  # the newest version
    assert json.loads((tmp_path / "out" / "SOURCES.json").read_text())["captainfact"]["file"] == (
        "captainfact.csv"
    )
