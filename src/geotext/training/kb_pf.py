"""Wikidata ids for the KB's political parties, from the Party Facts data.

Source: Party Facts (Döring and Regel, https://partyfacts.herokuapp.com), the
``hdigital/partyfactsdata`` repository, file ``import/wikipedia/wikidata.csv``: one
row per Party Facts core party linked to English Wikipedia, with its country
(ISO 3166-1 alpha-3), Party Facts id, Wikidata id, English name, short name and
native name. The repository, data included, is under the MIT licence
(``LICENSE.md``, ``CITATION.cff``); the Wikidata ids themselves are Wikidata facts
(CC0). Only the Wikidata id of a row matching a hand-written party ships, with the
row's file, line and Party Facts id as provenance.

Build-time only: the ``pf`` source of ``python -m geotext.training kb`` reads a
directory holding ``wikidata.csv`` (and an optional ``COMMIT`` file: commit id and
date), e.g. from a git snapshot::

    mkdir PF_DIR && git --git-dir=MIRROR/hdigital+partyfactsdata/repo show \\
        HEAD:import/wikipedia/wikidata.csv > PF_DIR/wikidata.csv

Matching (exact, no fuzzy step; an id comes only from a row):

* the party's country equals the row's ``country``;
* the party's name equals the row's English or native name after
  :func:`~geotext.actors.normalize.normalize` (short names are never used: "DP"
  is several parties); only when the name matches no row, an alias may ("Sluha
  Narodu", "Alternative für Deutschland");
* the matching rows name one Wikidata id (several rows of one party may repeat
  it); rows naming two ids give none (a conflict, reported).

Malformed rows (wrong number of fields, a Wikidata id not of the form
``Q<digits>``, a country code that is not three letters) are rejected with their
line number.

Example:
    >>> import pathlib, tempfile
    >>> from geotext.actors.kb import KnowledgeBase
    >>> from geotext.actors.records import ActorRecord
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "wikidata.csv").write_text(
    ...     "country,partyfacts_id,wikidata_id,name,name_short,name_native\\n"
    ...     "XXA,1,Q101,Example Party,EP,\\n"
    ...     "XXB,2,Q102,Example Party,EP,\\n")
    >>> kb = KnowledgeBase([ActorRecord(id="party:ex", type="party", name="Example Party",
    ...                                 country="XXA")])
    >>> matches, conflicts, counts = match_parties(d, kb, [])
    >>> [(m.org, m.qid) for m in matches], counts["matched"]
    ([('party:ex', 'Q101')], 1)
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from attrs import define

from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize
from geotext.training import kb_ror
from geotext.training.kb_ror import OrgMatch

__all__ = ["FILE", "PF", "PartyRow", "match_parties", "read_rows", "records"]

PF = {
    "title": "Party Facts: hdigital/partyfactsdata, import/wikipedia/wikidata.csv",
    "url": "https://github.com/hdigital/partyfactsdata",
    "licence": "MIT (repository LICENSE.md and CITATION.cff, data included); Wikidata ids CC0",
    "note": "Copyright (c) 2022 Party Facts authors (Bederke, Döring, Regel), MIT licence: "
    "the notice is kept in kb_build.json. Only the Wikidata id of a row matching a "
    "hand-written party ships, no row.",
}
FILE = "wikidata.csv"
_QID = re.compile(r"Q[1-9][0-9]*")
_COLUMNS = ("country", "partyfacts_id", "wikidata_id", "name", "name_short", "name_native")


@define(kw_only=True)
class PartyRow:
    """What the KB build takes from one Party Facts row."""

    country: str
    partyfacts: str
    wikidata: str
    names: tuple[str, ...]
    line: int


@define(kw_only=True)
class _Rejected:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def read_rows(directory: Path, rejected: list[_Rejected]) -> list[PartyRow]:
    """The rows of ``directory/wikidata.csv``; malformed rows go to ``rejected``."""
    path = directory / FILE
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        rejected.append(_Rejected(file=FILE, line=0, reason=f"cannot be read ({exc})"))
        return []
    rows: list[PartyRow] = []
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            rejected.append(_Rejected(file=FILE, line=1, reason=f"header lacks {', '.join(missing)}"))
            return []
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                rejected.append(_Rejected(file=FILE, line=line, reason="wrong number of fields"))
                continue
            qid, country = row["wikidata_id"].strip(), row["country"].strip().upper()
            if not _QID.fullmatch(qid):
                rejected.append(
                    _Rejected(file=FILE, line=line, reason=f"wikidata id {qid!r} is not Q<digits>")
                )
                continue
            if not re.fullmatch(r"[A-Z]{3}", country):
                rejected.append(
                    _Rejected(file=FILE, line=line, reason=f"country {country!r} is not ISO alpha-3")
                )
                continue
            names = tuple(n.strip() for n in (row["name"], row["name_native"]) if n and n.strip())
            rows.append(
                PartyRow(
                    country=country,
                    partyfacts=row["partyfacts_id"].strip(),
                    wikidata=qid,
                    names=names,
                    line=line,
                )
            )
    return rows


def match_parties(
    directory: Path, kb: KnowledgeBase, rejected: list[_Rejected]
) -> tuple[list[OrgMatch], list[str], dict[str, int]]:
    """Match the KB's parties to Party Facts rows; return matches, conflicts, counts."""
    rows = read_rows(directory, rejected)
    by_name: dict[tuple[str, str], list[PartyRow]] = {}
    for row in rows:
        for name in row.names:
            key = normalize(name)
            if key:
                by_name.setdefault((row.country, key), []).append(row)
    parties = [r for r in kb if r.type == "party"]
    matches: list[OrgMatch] = []
    conflicts: list[str] = []
    for party in parties:
        if not party.country:
            continue
        hits = by_name.get((party.country, normalize(party.name)), [])
        if not hits:
            forms = sorted({normalize(a) for a in party.aliases} - {""})
            hits = [row for form in forms for row in by_name.get((party.country, form), [])]
        qids = sorted({row.wikidata for row in hits})
        if len(qids) > 1:
            conflicts.append(f"{party.id}: Party Facts rows name {', '.join(qids)} (none taken)")
            continue
        if qids:
            ordered = sorted({row.line: row for row in hits}.values(), key=lambda r: r.line)
            evidence = [
                f"{FILE} line {row.line} (Party Facts id {row.partyfacts}, {row.country})" for row in ordered
            ]
            matches.append(OrgMatch(org=party.id, qid=qids[0], wikipedia=None, evidence=evidence))
    counts = {
        "parties": len(parties),
        "party facts rows": len(rows),
        "matched": len(matches),
        "conflicts": len(conflicts),
    }
    return matches, conflicts, counts


def records(matches: list[OrgMatch], kb: KnowledgeBase) -> list[dict[str, object]]:
    """Schema-1 records adding ``wikidata`` to the matched parties (the ROR importer's
    :func:`geotext.training.kb_ror.records`, naming Party Facts rows)."""
    return kb_ror.records(matches, kb, source="pf", licence=str(PF["licence"]), unit="rows")
