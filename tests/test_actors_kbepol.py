"""People's Wikidata ids from EveryPolitician data (geotext.training.kb_epol) and the shipped result."""

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
from geotext.training import kb_epol
from geotext.training.kb import build

HOLDERS = (
    "position,person,personID,start,end,commit\n"
    "Minister of Foreign Affairs,Ann Example,Q101,2019-05-01,2023-01-02,c0ffee\n"
    "Deputy Minister of Foreign Affairs,Bob Sample,Q102,2020-01-01,,c0ffee\n"
    "Prime Minister,Cy Twin,Q103,2010-01-01,2012-01-01,c0ffee\n"
    "Defence Minister,Cy Twin,Q104,2011-01-01,2012-01-01,c0ffee\n"
    "Minister of Foreign Affairs,Dee Later,Q105,2030-01-01,,c0ffee\n"
)
BIO = "id,name,enwiki,commit\nQ101,Ann Example,Ann Example (politician),c0ffee\n"
LEADERS = (
    "countryid,country,position,positionLabel,officeholder,officeholderLabel,start_year,end_year,commit\n"
    "Q7,Examplia,Q70,President of Examplia,Q106,Eve Leader,2021,,beef\n"
    "Q7,Examplia,Q70,President of Examplia,Q107,Q107,2022,,beef\n"
)


def _person(
    pid: str, name: str, *roles: tuple[str, int, int | None], aliases: tuple[str, ...] = ()
) -> ActorRecord:
    return ActorRecord(
        id=pid,
        type="person",
        name=name,
        aliases=aliases,
        country="EXA",
        roles=tuple(
            Role(
                role=r, country="EXA", start=datetime.date(s, 1, 1), end=datetime.date(e, 1, 1) if e else None
            )
            for r, s, e in roles
        ),
        source="test",
    )


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            ActorRecord(
                id="state:exa", type="state", name="Examplia", iso3="EXA", wikidata="Q7", source="test"
            ),
            _person("person:ann", "Ann Example", ("foreign_minister", 2019, 2023)),
            _person("person:bob", "Bob Sample", ("foreign_minister", 2020, None)),
            _person(
                "person:cy", "Cy Twin", ("head_of_government", 2010, 2012), ("defence_minister", 2011, 2012)
            ),
            _person("person:dee", "Dee Later", ("foreign_minister", 2019, 2020)),
            _person(
                "person:eve", "Evelyn Leader", ("head_of_state", 2021, None), aliases=("Eve Leader", "Leader")
            ),
        ]
    )


@pytest.fixture
def epol(tmp_path: Path) -> Path:
    repo = "every-politician-scrapers+us-cabinet"  # any repository of REPO_COUNTRY; its country is patched
    (tmp_path / f"{repo}.holders.csv").write_text(HOLDERS, encoding="utf-8")
    (tmp_path / f"{repo}.bio.csv").write_text(BIO, encoding="utf-8")
    (tmp_path / f"{kb_epol.LEADERS_REPO}.leaders.csv").write_text(LEADERS, encoding="utf-8")
    return tmp_path


def test_match_by_name_country_role_and_years(
    kb: KnowledgeBase, epol: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(kb_epol.REPO_COUNTRY, "every-politician-scrapers+us-cabinet", "EXA")
    matches, conflicts, counts = kb_epol.match_people(epol, kb)
    got = {m.person: (m.qid, m.wikipedia) for m in matches}
    # Ann: same name, country, role kind and years; her enwiki title comes from bio.csv.
    assert got["person:ann"] == ("Q101", "Ann Example (politician)")
    # Eve: by alias, from the world-leaders file (country from the state's QID).
    assert got["person:eve"] == ("Q106", None)
    # Bob (a deputy post is not the KB's foreign-minister role) and Dee (the years do
    # not overlap) agree on no role: the weaker name-and-state step takes the one
    # item of that full name in their state, and says so.
    evidence = {m.person: m.evidence[0] for m in matches}
    assert got["person:bob"] == ("Q102", None) and evidence["person:bob"].startswith("name and state only")
    assert got["person:dee"] == ("Q105", None) and evidence["person:dee"].startswith("name and state only")
    assert evidence["person:ann"].startswith("every-politician")
    assert "person:cy" not in got and conflicts == ["person:cy: rows name Q103, Q104 (none taken)"]
    assert counts["matched"] == 4 and counts["conflicts"] == 1
    assert counts["matched by name and state only"] == 2


def test_name_and_state_needs_the_state_and_one_item(kb: KnowledgeBase, tmp_path: Path) -> None:
    repo = "every-politician-scrapers+us-cabinet"  # country USA: not Examplia's
    (tmp_path / f"{repo}.holders.csv").write_text(HOLDERS, encoding="utf-8")
    (tmp_path / f"{repo}.bio.csv").write_text(
        "id,name,enwiki,commit\nQ201,Zed Twin,Zed Twin (actor),c\nQ202,Zed Twin,,c\n", encoding="utf-8"
    )
    zed = ActorRecord(id="person:zed", type="person", name="Zed Twin", country="USA", source="test")
    matches, conflicts, _ = kb_epol.match_people(tmp_path, KnowledgeBase([*kb, zed]))
    assert not matches  # Examplia's people are not in a US file; Zed has two items
    assert conflicts == ["person:zed: rows name Q201, Q202 (none taken)"]


def test_build_writes_people_file(
    kb: KnowledgeBase, epol: Path, tmp_path: Path, empty_csc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(kb_epol.REPO_COUNTRY, "every-politician-scrapers+us-cabinet", "EXA")
    csc = empty_csc
    out = tmp_path / "out"
    manifest = build({"csc": csc, "epol": epol}, out, date=datetime.date(2026, 1, 2), kb=kb)
    assert "kb_people.json.gz" in manifest["files"]  # type: ignore[operator]
    people = json.loads(gzip.decompress((out / "kb_people.json.gz").read_bytes()))["actors"]
    assert {p["id"]: p["wikidata"] for p in people} == {
        "person:ann": "Q101",
        "person:bob": "Q102",
        "person:dee": "Q105",
        "person:eve": "Q106",
    }
    assert all("CC0" in p["source"] and "line" in p["source"] for p in people)
    merged = KnowledgeBase([*kb, *(ActorRecord(**p) for p in people)])
    ann = merged.get("person:ann")
    assert ann is not None and ann.wikipedia == "Ann Example (politician)" and ann.roles


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_export_unites_the_history(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (work / "html").mkdir()
    header = "position,person,personID,start,end\n"
    for body in ("Prime Minister,Old One,Q1,2000,2010\n", "Prime Minister,New One,Q2,2010,\n"):
        (work / "html" / "holders21.csv").write_text(header + body, encoding="utf-8")
        git("add", "-A")
        git("commit", "-qm", "update")
    mirror = tmp_path / "mirror" / "every-politician-scrapers+russia-cabinet"
    mirror.mkdir(parents=True)
    shutil.copytree(work / ".git", mirror / "repo")
    sources = kb_epol.export_history(tmp_path / "mirror", tmp_path / "out")
    assert sources["every-politician-scrapers+russia-cabinet"]["country"] == "RUS"
    text = (tmp_path / "out" / "every-politician-scrapers+russia-cabinet.holders.csv").read_text(
        encoding="utf-8"
    )
    assert "Old One,Q1" in text and "New One,Q2" in text  # both versions of the file


def test_shipped_people_carry_ids() -> None:
    kb = KnowledgeBase.default()
    putin = kb.get("person:vladimir-putin")
    assert putin is not None and putin.wikidata == "Q7747" and putin.roles
    people = [r for r in kb if r.type == "person"]
    with_qid = [r for r in people if r.wikidata]
    assert len(with_qid) >= 222 and all(r.wikidata.startswith("Q") for r in with_qid)  # type: ignore[union-attr]
    # The Belgian and Luxembourg cabinet files: a prime minister by role and years, one by
    # name and state only (his KB role is the Commission's presidency).
    michel, juncker = kb.get("person:charles-michel"), kb.get("person:jean-claude-juncker")
    assert michel is not None and michel.wikidata == "Q950958" and "belgium-cabinet" in michel.source
    assert juncker is not None and juncker.wikidata == "Q57661" and "name and state only" in juncker.source
    assert all(
        "epol (CC0" in r.source or "wd captainfact (CC0" in r.source or "wd uscl (CC0" in r.source
        for r in with_qid
    )
    info = kb_info()
    assert info["wikidata"]["person"] == len(with_qid)  # type: ignore[index]
    assert any(s["name"] == "epol" and s.get("repositories") for s in info["sources"])  # type: ignore[attr-defined]
