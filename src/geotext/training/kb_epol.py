"""Wikidata ids (and English Wikipedia titles) for the KB's people, from EveryPolitician data.

Source: the ``every-politician-scrapers`` repositories on GitHub (successors of
EveryPolitician by the same maintainers). Their data files are Wikidata Query
Service results: Wikidata content is CC0-1.0, and only Wikidata facts (item id,
English label, position label, start and end dates, enwiki title) are taken. The
repositories have no licence file of their own; ``kb_build.json`` records each one's
URL and commit.

Two steps, both build-time only (the package never reads these files at run time):

1. :func:`export_history` flattens git snapshots of those repositories (bare git
   directories, e.g. from a mirror) into plain CSV files, one per repository and
   kind, uniting every version of the file in the history (a cabinet file of 2021
   still names the ministers of 2021), each row with the newest commit it appears in::

       python -m geotext.training kb_epol --mirror DIR --out EPOL_DIR

2. The ``epol`` source of ``python -m geotext.training kb`` (:func:`match_people`)
   matches each hand-written person to source rows by

   * name: the person's name or one of its aliases equals the row's English
     label after :func:`~geotext.actors.normalize.normalize` (exact; no fuzzy step),
   * country: the row's country (the repository's state, or the country column of
     the world-leaders file) equals the person's country or a role's country, and
   * role and date: a role of the person of the same kind (head of state, head of
     government, foreign or defence minister, ...), mapped from the position label,
     whose years overlap the row's term.

   When no row agrees on the role (the data end in 2022, so a later appointment is
   missing), a second, weaker step takes the item whose English label or enwiki
   title (disambiguator removed) equals the person's full name among all rows of
   the person's state: officeholders of any position and biographies; its source
   says "name and state only".

   A person whose matching rows carry two different item ids gets none (reported as
   a conflict). A row of a position kind that the KB does not type (e.g. a deputy
   minister) never matches.

Files read by :func:`match_people` in ``EPOL_DIR``:

``<owner>+<repo>.holders.csv``
    ``position,person,personID,start,end,commit``: officeholders of a cabinet
    repository's positions (its ``html/holders21.csv``).
``<owner>+<repo>.bio.csv``
    ``id,name,enwiki,commit``: English Wikipedia titles (its ``html/bio.csv``).
``<owner>+<repo>.leaders.csv``
    ``countryid,country,position,positionLabel,officeholder,officeholderLabel,
    start_year,end_year,commit``: heads of state and government of every state
    (``world-leaders-2021``'s ``data/wikidata.csv``).
``SOURCES.json``
    ``{repo: {"url", "commit", "commit_date", "country"}}``, written by the export.

Example:
    >>> role_kind("Minister of Foreign Affairs"), role_kind("Defence Minister")
    ('foreign_minister', 'defence_minister')
    >>> role_kind("Prime Minister of Russia"), role_kind("Deputy Prime Minister")
    ('head_of_government', None)
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from attrs import define, field

from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize
from geotext.actors.records import ActorRecord

__all__ = [
    "EPOL",
    "REPO_COUNTRY",
    "Match",
    "add_arguments",
    "export_history",
    "git_text",
    "match_people",
    "role_kind",
    "run",
]

EPOL = {
    "title": "every-politician-scrapers (EveryPolitician successors): Wikidata query results",
    "url": "https://github.com/every-politician-scrapers",
    "licence": "CC0-1.0 (Wikidata content)",
    "note": "data files are Wikidata Query Service results (Wikidata is CC0); only item ids, "
    "English labels, position labels, term dates and enwiki titles are used; the repositories "
    "carry no licence file of their own. Build-time only: no source row ships, only the QID "
    "and title of a matched hand-written person.",
}

# Repository -> ISO alpha-3 of the state its cabinet files describe.
REPO_COUNTRY: dict[str, str] = {
    "every-politician-scrapers+argentina-ministers": "ARG",
    "every-politician-scrapers+australia-cabinet": "AUS",
    "every-politician-scrapers+belgium-cabinet": "BEL",
    "every-politician-scrapers+belarus-ministers": "BLR",
    "every-politician-scrapers+brazil-ministers": "BRA",
    "every-politician-scrapers+canada-cabinet": "CAN",
    "every-politician-scrapers+china-ministers": "CHN",
    "every-politician-scrapers+france-cabinet": "FRA",
    "every-politician-scrapers+india-ministers": "IND",
    "every-politician-scrapers+indonesia-ministers": "IDN",
    "every-politician-scrapers+iran-ministers": "IRN",
    "every-politician-scrapers+israel-ministers": "ISR",
    "every-politician-scrapers+italy-ministers": "ITA",
    "every-politician-scrapers+japan-ministers": "JPN",
    "every-politician-scrapers+luxembourg-cabinet": "LUX",
    "every-politician-scrapers+mexico-ministers": "MEX",
    "every-politician-scrapers+north-korea": "PRK",
    "every-politician-scrapers+russia-cabinet": "RUS",
    "every-politician-scrapers+saudi-ministers": "SAU",
    "every-politician-scrapers+south-africa-cabinet": "ZAF",
    "every-politician-scrapers+south-korea-ministers": "KOR",
    "every-politician-scrapers+syria": "SYR",
    "every-politician-scrapers+taiwan": "TWN",
    "every-politician-scrapers+turkey-ministers": "TUR",
    "every-politician-scrapers+ukraine-cabinet": "UKR",
    "every-politician-scrapers+united-kingdom-cabinet": "GBR",
    "every-politician-scrapers+us-cabinet": "USA",
    "every-politician-scrapers+venezuela": "VEN",
}
LEADERS_REPO = "every-politician-scrapers+world-leaders-2021"

_QID = re.compile(r"Q[1-9][0-9]*")
_EXPORTS = {
    "holders": ("html/holders21.csv", ("position", "person", "personID", "start", "end")),
    "bio": ("html/bio.csv", ("id", "name", "enwiki")),
    "leaders": (
        "data/wikidata.csv",
        (
            "countryid",
            "country",
            "position",
            "positionLabel",
            "officeholder",
            "officeholderLabel",
            "start_year",
            "end_year",
        ),
    ),
}

# Position label -> KB role key. Order matters: "deputy" and "vice" exclude first.
_ROLE_PATTERNS: tuple[tuple[str, str | None], ...] = (
    (r"\b(deputy|vice|first deputy|assistant|under|junior)\b", None),
    (r"\bspokes(person|man|woman)\b|\bpress secretary\b", "spokesperson"),
    (
        r"\bforeign (affairs|minister|secretary)\b|\bsecretary of state\b(?!.* for )|\bexternal affairs\b"
        r"|\bforeign\b.*\bminister\b|\bminister\b.*\bforeign\b",
        "foreign_minister",
    ),
    (r"\bdefen[cs]e\b|\barmed forces\b|\bnational defen", "defence_minister"),
    (
        r"\bprime minister\b|\bpremier\b|\bchancellor\b(?!.*exchequer)|\bchairman of the government\b"
        r"|\bpresident of the (council|government)\b|\btaoiseach\b",
        "head_of_government",
    ),
    (
        r"\bpresident\b|\bmonarch\b|\bking\b|\bqueen\b|\bemperor\b|\bemir\b|\bsultan\b"
        r"|\bsupreme leader\b|\bhead of state\b",
        "head_of_state",
    ),
)
# A US-style president heads the government too; the KB types either role.
_COMPATIBLE = {
    "head_of_state": {"head_of_state", "head_of_government"},
    "head_of_government": {"head_of_government", "head_of_state"},
}


def role_kind(position: str) -> str | None:
    """The KB role key of a position label, or ``None`` (deputy posts, other ministries)."""
    label = position.lower()
    if label == "president" or label.startswith("president of"):
        # "President of the Government" (Spain) heads the government.
        return "head_of_government" if re.search(r"of the (council|government)", label) else "head_of_state"
    for pattern, kind in _ROLE_PATTERNS:
        if re.search(pattern, label):
            return kind
    return None


@define(kw_only=True)
class Match:
    """One person's matched Wikidata item: id, enwiki title, the rows that agreed."""

    person: str
    qid: str
    wikipedia: str | None = None
    evidence: list[str] = field(factory=list)


# -- export (git history -> plain CSV) --------------------------------------------


def git_text(git_dir: Path, *args: str) -> str:
    """The standard output of ``git --git-dir=GIT_DIR ARGS...``; empty when git fails."""
    out = subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if out.returncode != 0:
        return ""
    return out.stdout


def export_history(mirror: Path, out: Path) -> dict[str, dict[str, str]]:
    """Write the union of every version of each repository's data file to ``out``.

    ``mirror`` holds ``<owner>+<repo>/repo`` git directories (the layout of the search
    tool's snapshots); only repositories named in :data:`REPO_COUNTRY` or
    :data:`LEADERS_REPO` are read. Returns the ``SOURCES.json`` mapping.
    """
    out.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict[str, str]] = {}
    for name in sorted({*REPO_COUNTRY, LEADERS_REPO}):
        git_dir = mirror / name / "repo"
        if (git_dir / ".git").is_dir():
            git_dir = git_dir / ".git"
        if not git_dir.is_dir():
            continue
        head = git_text(git_dir, "log", "--all", "-1", "--format=%H %cs").split()
        kinds = ("leaders",) if name == LEADERS_REPO else ("holders", "bio")
        for kind in kinds:
            path, columns = _EXPORTS[kind]
            commits = git_text(git_dir, "log", "--all", "--format=%H", "--", path).split()
            rows: dict[tuple[str, ...], str] = {}
            for commit in reversed(commits):  # oldest first: a row keeps its newest commit
                text = git_text(git_dir, "show", f"{commit}:{path}")
                reader = csv.DictReader(text.splitlines())
                if not reader.fieldnames or not set(columns) <= set(reader.fieldnames):
                    continue
                for row in reader:
                    key = tuple((row.get(c) or "").strip() for c in columns)
                    rows.pop(key, None)
                    rows[key] = commit
            if not rows:
                continue
            with (out / f"{name}.{kind}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow([*columns, "commit"])
                for key, commit in sorted(rows.items()):
                    writer.writerow([*key, commit])
        owner, _, repo = name.partition("+")
        sources[name] = {
            "url": f"https://github.com/{owner}/{repo}",
            "commit": head[0] if head else "",
            "commit_date": head[1] if len(head) > 1 else "",
            "country": REPO_COUNTRY.get(name, ""),
        }
    (out / "SOURCES.json").write_text(json.dumps(sources, indent=1) + "\n", encoding="utf-8")
    return sources


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m geotext.training kb_epol``."""
    parser.add_argument(
        "--mirror", type=Path, required=True, help="directory of <owner>+<repo>/repo git dirs"
    )
    parser.add_argument("--out", type=Path, required=True, help="directory for the flattened CSV files")
    parser.add_argument("--seed", type=int, default=0, help="unused (the export is deterministic)")


def run(args: argparse.Namespace) -> int:
    """Flatten the snapshots and print the repositories found."""
    sources = export_history(args.mirror, args.out)
    for name, info in sources.items():
        print(f"{name}\t{info['commit'][:12]}\t{info['commit_date']}\t{info['country']}")
    return 0 if sources else 1


# -- matching ---------------------------------------------------------------------


@define(kw_only=True)
class _Row:
    qid: str
    label: str
    country: str
    kind: str | None
    start: int | None
    end: int | None
    where: str


def _year(value: str) -> int | None:
    match = re.match(r"\s*(\d{3,4})", value or "")
    return int(match.group(1)) if match else None


def _read(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}


def _state_iso3(kb: KnowledgeBase) -> dict[str, str]:
    return {
        str(r.wikidata): str(r.iso3)
        for r in kb
        if r.type in ("state", "historical_state") and r.wikidata and r.iso3
    }


def _rows(directory: Path, kb: KnowledgeBase) -> tuple[list[_Row], dict[str, str]]:
    rows: list[_Row] = []
    titles: dict[str, str] = {}
    iso3_of = _state_iso3(kb)
    for path in sorted(directory.glob("*.csv")):
        repo, _, kind = path.name.removesuffix(".csv").rpartition(".")
        if kind == "bio":
            country = REPO_COUNTRY.get(repo, "")
            for line, row in _read(path):
                qid = row.get("id", "")
                if not _QID.fullmatch(qid):
                    continue
                if row.get("enwiki"):
                    titles.setdefault(qid, row["enwiki"])
                # Names only (no position): evidence for the name-and-state step.
                where = f"{path.name} line {line} (commit {row.get('commit', '')[:12]}): biography"
                labels = {row.get("name", ""), re.sub(r"\s*\([^)]*\)$", "", row.get("enwiki", ""))}
                for label in sorted(x for x in labels if x and not _QID.fullmatch(x)):
                    if country:
                        rows.append(
                            _Row(
                                qid=qid,
                                label=label,
                                country=country,
                                kind=None,
                                start=None,
                                end=None,
                                where=where,
                            )
                        )
            continue
        for line, row in _read(path):
            if kind == "holders":
                qid, label, position = row.get("personID", ""), row.get("person", ""), row.get("position", "")
                country = REPO_COUNTRY.get(repo, "")
                start, end = _year(row.get("start", "")), _year(row.get("end", ""))
            elif kind == "leaders":
                qid, label = row.get("officeholder", ""), row.get("officeholderLabel", "")
                position = row.get("positionLabel", "")
                country = iso3_of.get(row.get("countryid", ""), "")
                start, end = _year(row.get("start_year", "")), _year(row.get("end_year", ""))
            else:
                continue
            if not _QID.fullmatch(qid) or not label or _QID.fullmatch(label) or not country:
                continue
            where = f"{path.name} line {line} (commit {row.get('commit', '')[:12]}): {position}"
            rows.append(
                _Row(
                    qid=qid,
                    label=label,
                    country=country,
                    kind=role_kind(position),
                    start=start,
                    end=end,
                    where=where,
                )
            )
    return rows, titles


def _overlaps(role_start: datetime.date | None, role_end: datetime.date | None, row: _Row) -> bool:
    a0 = role_start.year if role_start else -10_000
    a1 = role_end.year if role_end else 10_000
    b0 = row.start if row.start is not None else -10_000
    b1 = row.end if row.end is not None else 10_000
    return a0 <= b1 and b0 <= a1


def _agrees(person: ActorRecord, row: _Row) -> bool:
    if row.kind is None:
        return False
    kinds = _COMPATIBLE.get(row.kind, {row.kind})
    return any(
        role.role in kinds
        and (role.country or person.country) == row.country
        and _overlaps(role.start, role.end, row)
        for role in person.roles
    )


def match_people(directory: Path, kb: KnowledgeBase) -> tuple[list[Match], list[str], dict[str, int]]:
    """Match the KB's people to the exported rows; return matches, conflicts, counts."""
    rows, titles = _rows(directory, kb)
    by_label: dict[tuple[str, str], list[_Row]] = {}
    for row in rows:
        by_label.setdefault((normalize(row.label), row.country), []).append(row)
    people = [r for r in kb if r.type == "person"]
    matches: list[Match] = []
    conflicts: list[str] = []
    for person in people:
        countries = {person.country, *(r.country for r in person.roles)} - {None}
        forms = {normalize(f) for f in (person.name, *person.aliases)}
        # A bare surname alias ("Putin") is no evidence of identity on its own.
        forms = {f for f in forms if " " in f}
        found = [
            row
            for form in sorted(forms)
            for country in sorted(c for c in countries if c)
            for row in by_label.get((form, country), ())
            if _agrees(person, row)
        ]
        qids = sorted({row.qid for row in found})
        how = ""
        if not qids:
            # Name and state only: the full name is an officeholder's or biography's
            # label (or enwiki title) in the person's state, and only one item has it.
            found = [
                row
                for form in sorted(forms)
                for country in sorted(c for c in countries if c)
                for row in by_label.get((form, country), ())
            ]
            qids = sorted({row.qid for row in found})
            how = "name and state only: "
        if len(qids) > 1:
            conflicts.append(f"{person.id}: rows name {', '.join(qids)} (none taken)")
            continue
        if qids:
            evidence = sorted({how + row.where for row in found})
            matches.append(
                Match(person=person.id, qid=qids[0], wikipedia=titles.get(qids[0]), evidence=evidence)
            )
    counts = {
        "people": len(people),
        "source rows": len(rows),
        "matched": len(matches),
        "matched by name and state only": sum(1 for m in matches if m.evidence[0].startswith("name and")),
        "with enwiki title": sum(1 for m in matches if m.wikipedia),
        "conflicts": len(conflicts),
    }
    return matches, conflicts, counts


def records(matches: Iterable[Match], kb: KnowledgeBase) -> list[dict[str, object]]:
    """Schema-1 records adding ``wikidata`` (and ``wikipedia``) to matched people."""
    out: list[dict[str, object]] = []
    for match in matches:
        person = kb.get(match.person)
        if person is None:
            continue
        record: dict[str, object] = {
            "id": person.id,
            "type": "person",
            "name": person.name,
            "wikidata": match.qid,
        }
        if match.wikipedia:
            record["wikipedia"] = match.wikipedia
        record["source"] = f"epol ({EPOL['licence']}): {match.evidence[0]}" + (
            f" (+{len(match.evidence) - 1} rows)" if len(match.evidence) > 1 else ""
        )
        out.append(record)
    return out


def sources_info(directory: Path) -> Mapping[str, object]:
    """The ``SOURCES.json`` of an export directory (empty when absent)."""
    path = directory / "SOURCES.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
