"""More Wikidata ids for the KB's people, from two CC0 lists of Wikidata query results.

Sources (both CC0-1.0 by their own licence files, both Wikidata facts):

``captainfact``
    ``CaptainFact/captain-fact-dev-data``, ``Wikidata/data/politicians_born_after_1945_having_a_picture.csv``
    (the query beside it: every item with occupation politician, a picture, a date of
    birth after 1945, a "name in native language" and a citizenship; 2017). Columns
    ``politician`` (the item URI), ``politicianDescription``, ``name_in_native_language``,
    ``date_of_birth``, ``country`` (ISO 3166-1 alpha-2 of a citizenship).
``uscl``
    ``unitedstates/congress-legislators``, ``executive.yaml``: every US president and
    vice-president with dated terms (``prez``, ``viceprez``), Wikidata id and enwiki title.

Two steps, both build-time only (the package never reads these files at run time):

1. :func:`export` copies the files out of git snapshots (the newest version under the
   snapshot tool's size limit) into one directory, with ``SOURCES.json`` (URL, path,
   commit, date, licence)::

       python -m geotext.training kb_wd --mirror MIRROR --out WD_DIR

2. The ``wd`` source of ``python -m geotext.training kb`` (:func:`match_people`) gives
   an id to a hand-written person that the ``epol`` step left without one:

   * ``uscl``: the person's name or a multi-word alias equals the officeholder's
     ``official_full`` name or first + last name (normalised), and a KB role of the
     same kind (president: head of state or government; vice-president:
     ``deputy_head_of_government``) of the United States overlaps the term's years;
   * ``captainfact`` (name and state only): the person's full name or a multi-word alias
     equals the native name (normalised) and the row's country is the person's or a
     role's state; the row is evidence of a politician of that name and citizenship.

   Rows naming two different items for one person give none (a conflict). For a
   person the ``epol`` step matched, an agreeing or disagreeing row is counted
   (``kb_build.json``: ``cross-checked``, ``disagreements``) as a check of both.

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "captainfact.csv").write_text(
    ...     "politician,politicianDescription,image,name_in_native_language,date_of_birth,country\\n"
    ...     "http://www.wikidata.org/entity/Q42,Examplian politician,,Ann Example,1960-01-01,EX\\n")
    >>> [(r.qid, r.label, r.country) for r in read_captainfact(d / "captainfact.csv", {"EX": "EXA"})]
    [('Q42', 'Ann Example', 'EXA')]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pycountry
import yaml
from attrs import define

from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize
from geotext.actors.records import ActorRecord
from geotext.training.kb_epol import Match, git_text

__all__ = [
    "FILES",
    "WD",
    "Row",
    "add_arguments",
    "export",
    "match_people",
    "read_captainfact",
    "read_executive",
    "records",
    "run",
]

WD = {
    "title": "Wikidata query results: CaptainFact politicians list, unitedstates/congress-legislators",
    "licence": "CC0-1.0 (both repositories' licence files; Wikidata content)",
    "note": "build-time only: no source row ships, only the QID (and enwiki title where the "
    "row gives one) of a matched hand-written person.",
}

# name -> (snapshot directory <owner>+<repo>, path in the repository, file in the export)
FILES: dict[str, tuple[str, str, str]] = {
    "captainfact": (
        "CaptainFact+captain-fact-dev-data",
        "Wikidata/data/politicians_born_after_1945_having_a_picture.csv",
        "captainfact.csv",
    ),
    "uscl": ("unitedstates+congress-legislators", "executive.yaml", "executive.yaml"),
}

_QID = re.compile(r"Q[1-9][0-9]*")
_ROLE = {"prez": ("head_of_state", "head_of_government"), "viceprez": ("deputy_head_of_government",)}


@define(kw_only=True)
class Row:
    """One source row: item, label, state, role kinds it proves (empty: none), years."""

    qid: str
    label: str
    country: str
    kinds: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    wikipedia: str | None = None
    where: str = ""


def export(mirror: Path, out: Path) -> dict[str, dict[str, str]]:
    """Copy each source file's newest readable version out of ``mirror``; return ``SOURCES.json``.

    A snapshot may lack a version of a file (files of 4 MiB and more are absent); the
    newest version present is taken and its commit recorded.
    """
    out.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict[str, str]] = {}
    for name, (repo, path, target) in FILES.items():
        git_dir = mirror / repo / "repo"
        if not git_dir.is_dir():
            continue
        log = git_text(git_dir, "log", "--all", "--format=%H %cs", "--", path)
        for line in log.split("\n"):
            if not line.strip():
                continue
            commit, date = line.split()
            text = git_text(git_dir, "show", f"{commit}:{path}")
            if text:
                (out / target).write_text(text, encoding="utf-8")
                owner, _, rname = repo.partition("+")
                # The licence file beside the data, else the repository's (that commit's or HEAD's).
                licence = ""
                for rev in (commit, "HEAD"):
                    for where in (f"{path.split('/')[0]}/LICENSE", "LICENSE"):
                        licence = licence or git_text(git_dir, "show", f"{rev}:{where}")
                sources[name] = {
                    "url": f"https://github.com/{owner}/{rname}",
                    "path": path,
                    "file": target,
                    "commit": commit,
                    "commit_date": date,
                    "licence": "CC0-1.0" if "CC0 1.0 Universal" in licence else "unknown",
                }
                break
    (out / "SOURCES.json").write_text(json.dumps(sources, indent=1) + "\n", encoding="utf-8")
    return sources


def _alpha2_to_3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def read_captainfact(path: Path, alpha3: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Rows of the CaptainFact politicians file (one per item, name and country)."""
    alpha3 = alpha3 if alpha3 is not None else _alpha2_to_3()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        for row in reader:
            qid = (row.get("politician") or "").rsplit("/", 1)[-1]
            label = (row.get("name_in_native_language") or "").strip()
            country = alpha3.get((row.get("country") or "").strip(), "")
            if not _QID.fullmatch(qid) or not label or not country:
                continue
            description = (row.get("politicianDescription") or "").strip()
            yield Row(
                qid=qid,
                label=label,
                country=country,
                where=f"{path.name} line {reader.line_num}: {description or 'politician'}",
            )


def read_executive(path: Path) -> Iterator[Row]:
    """Rows of ``executive.yaml``: one per term of a US president or vice-president."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for index, entry in enumerate(entries):
        ids = entry.get("id") or {}
        qid = str(ids.get("wikidata") or "")
        if not _QID.fullmatch(qid):
            continue
        name = entry.get("name") or {}
        labels = {str(name.get("official_full") or ""), f"{name.get('first', '')} {name.get('last', '')}"}
        for term in entry.get("terms") or ():
            kinds = _ROLE.get(str(term.get("type")), ())
            start, end = str(term.get("start") or ""), str(term.get("end") or "")
            for label in sorted(x.strip() for x in labels if x.strip()):
                yield Row(
                    qid=qid,
                    label=label,
                    country="USA",
                    kinds=kinds,
                    start=int(start[:4]) if start[:4].isdigit() else None,
                    end=int(end[:4]) if end[:4].isdigit() else None,
                    wikipedia=str(ids.get("wikipedia") or "") or None,
                    where=f"{path.name} entry {index + 1}: {term.get('type')} {start}..{end}",
                )


def _rows(directory: Path) -> list[Row]:
    rows: list[Row] = []
    if (directory / "captainfact.csv").is_file():
        rows.extend(read_captainfact(directory / "captainfact.csv"))
    if (directory / "executive.yaml").is_file():
        rows.extend(read_executive(directory / "executive.yaml"))
    return rows


def _agrees(person: ActorRecord, row: Row) -> bool:
    def year(d: datetime.date | None, default: int) -> int:
        return d.year if d else default

    return any(
        role.role in row.kinds
        and (role.country or person.country) == row.country
        and year(role.start, -10_000) <= (row.end if row.end is not None else 10_000)
        and (row.start if row.start is not None else -10_000) <= year(role.end, 10_000)
        for role in person.roles
    )


def match_people(
    directory: Path, kb: KnowledgeBase, matched: Mapping[str, str]
) -> tuple[list[Match], list[str], dict[str, int]]:
    """Ids for the KB's people not in ``matched`` (person id -> QID from ``epol``).

    Returns the matches, the conflicts and counts (including the cross-check of the
    rows against ``matched``).
    """
    rows = _rows(directory)
    by_label: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_label.setdefault((normalize(row.label), row.country), []).append(row)
    matches: list[Match] = []
    conflicts: list[str] = []
    checked = disagree = 0
    people = [r for r in kb if r.type == "person"]
    for person in people:
        countries = sorted(c for c in {person.country, *(r.country for r in person.roles)} if c)
        forms = sorted({f for f in (normalize(x) for x in (person.name, *person.aliases)) if " " in f})
        found = [row for f in forms for c in countries for row in by_label.get((f, c), ())]
        with_role = [row for row in found if row.kinds and _agrees(person, row)]
        # A role row is the evidence when there is one; otherwise name and state only.
        evidence = with_role or [row for row in found if not row.kinds]
        qids = sorted({row.qid for row in evidence})
        if person.id in matched:
            if qids:
                checked += 1
                disagree += qids != [matched[person.id]]
            continue
        if len(qids) > 1:
            conflicts.append(f"{person.id}: rows name {', '.join(qids)} (none taken)")
            continue
        if qids:
            how = "" if with_role else "name and state only: "
            title = next((row.wikipedia for row in evidence if row.wikipedia), None)
            matches.append(
                Match(
                    person=person.id,
                    qid=qids[0],
                    wikipedia=title,
                    evidence=sorted({how + row.where for row in evidence}),
                )
            )
    counts = {
        "people": len(people),
        "source rows": len(rows),
        "matched": len(matches),
        "matched by name and state only": sum(1 for m in matches if m.evidence[0].startswith("name and")),
        "cross-checked against epol": checked,
        "disagreements with epol": disagree,
        "conflicts": len(conflicts),
    }
    return matches, conflicts, counts


def records(
    matches: Iterable[Match], kb: KnowledgeBase, sources: Mapping[str, Mapping[str, str]]
) -> list[dict[str, object]]:
    """Schema-1 records adding ``wikidata`` (and ``wikipedia``) to matched people."""
    by_file = {str(info.get("file")): name for name, info in sources.items()}
    out: list[dict[str, object]] = []
    for match in matches:
        person = kb.get(match.person)
        if person is None:
            continue
        record: dict[str, object] = {"id": person.id, "type": "person", "name": person.name}
        record["wikidata"] = match.qid
        if match.wikipedia:
            record["wikipedia"] = match.wikipedia
        first = match.evidence[0]
        file = first.removeprefix("name and state only: ").split(" ", 1)[0]
        name = by_file.get(file, "")
        commit = str(sources.get(name, {}).get("commit", ""))[:12]
        record["source"] = f"wd {name} (CC0-1.0, commit {commit}): {first}" + (
            f" (+{len(match.evidence) - 1} rows)" if len(match.evidence) > 1 else ""
        )
        out.append(record)
    return out


def sources_info(directory: Path) -> dict[str, dict[str, str]]:
    """The ``SOURCES.json`` of an export directory (empty when absent)."""
    path = directory / "SOURCES.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m geotext.training kb_wd``."""
    parser.add_argument(
        "--mirror", type=Path, required=True, help="directory of <owner>+<repo>/repo git dirs"
    )
    parser.add_argument("--out", type=Path, required=True, help="directory for the copied files")
    parser.add_argument("--seed", type=int, default=0, help="unused (the export is deterministic)")


def run(args: argparse.Namespace) -> int:
    """Copy the source files and print what was found."""
    sources = export(args.mirror, args.out)
    for name, info in sources.items():
        print(f"{name}\t{info['commit'][:12]}\t{info['commit_date']}\t{info['licence']}\t{info['path']}")
    return 0 if sources else 1
