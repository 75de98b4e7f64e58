"""Wikidata ids (and English Wikipedia titles) for the KB's organisations, from ROR records.

Source: the Research Organization Registry (ROR, https://ror.org). ROR's data is
released under CC0-1.0 (ror.org/licensing); the ``ror-community/ror-records``
repository that publishes each release's new and changed records carries an MIT
LICENSE file. Both are MIT-compatible. ROR lists research bodies, but also many
of the organisations news quotes: IGOs and UN agencies, ministries, intelligence
and police agencies, armed forces, central banks, broadcasters and think tanks,
each with its Wikidata id (``external_ids``, type ``wikidata``).

Build-time only (the package never reads ROR at run time): the ``ror`` source of
``python -m geotext.training kb`` (:func:`match_orgs`) reads a directory of ROR
record files, either a checkout of ``ror-records`` (one JSON object per file in
release folders ``v1.0`` ... ``v2.9``; of several versions of a record the one of
the newest release wins) or an unpacked ROR data dump (one JSON array). Schema
v1 and v2 records are both read. A checkout from a bare git snapshot::

    mkdir ROR_DIR && git --git-dir=MIRROR/ror-community+ror-records/repo archive HEAD | tar -x -C ROR_DIR

Matching (exact, no fuzzy step; an id comes only from a ROR record):

* name: the organisation's name or one of its aliases (never an abbreviation:
  "ICC" is also a Catalan institute) equals a ROR name (label or alias; ROR
  acronyms are not used) after :func:`~geotext.actors.normalize.normalize`;
* country: a national organisation's country equals the ROR record's; an
  international one (no country) matches only ROR records of the types
  government, funder, nonprofit, other or archive (not a university, hospital,
  company or facility of the same name); a news outlet matches only a record
  whose English Wikipedia title is one of its names (ROR's "New York Times" is
  the publishing company, whose article is "The New York Times Company");
* the record is not ``withdrawn`` and has one Wikidata id (its preferred one);
  two ROR records naming different ids give none (a conflict).

Malformed files (not JSON, no ``id``, a Wikidata id not of the form ``Q<digits>``)
are rejected with file and line number.

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "v1.0").mkdir()
    >>> _ = (d / "v1.0" / "0abc.json").write_text(
    ...     '{"id": "https://ror.org/0abc", "name": "Example Agency", "status": "active",\\n'
    ...     ' "types": ["Government"], "country": {"country_code": "DE"},\\n'
    ...     ' "external_ids": {"Wikidata": {"all": ["Q42"], "preferred": null}}}\\n')
    >>> [(r.ror, r.country, r.wikidata) for r in read_records(d, [])]
    [('0abc', 'DEU', 'Q42')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pycountry
from attrs import define, field

from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize

__all__ = ["ORG_TYPES", "ROR", "OrgMatch", "RorRecord", "match_orgs", "read_records", "records"]

ROR = {
    "title": "Research Organization Registry (ROR): ror-community/ror-records",
    "url": "https://github.com/ror-community/ror-records",
    "licence": "CC0-1.0 (ROR data); repository LICENSE file: MIT",
    "note": "ROR releases its registry data under CC0 (ror.org/licensing); the release "
    "repository's own LICENSE file is MIT. Only the Wikidata id and English Wikipedia title "
    "of a ROR record matching a hand-written organisation ship; no ROR record ships.",
}
# KB record types that ROR can identify.
ORG_TYPES = frozenset({"igo", "body", "party", "think_tank", "media", "company", "armed_group"})
# ROR types an international organisation (no country) may be matched to.
_IGO_ROR_TYPES = frozenset({"government", "funder", "nonprofit", "other", "archive"})
_QID = re.compile(r"Q[1-9][0-9]*")


@define(kw_only=True)
class RorRecord:
    """What the KB build takes from one ROR record."""

    ror: str
    names: tuple[str, ...]
    country: str
    types: frozenset[str]
    status: str
    wikidata: str | None
    wikipedia: str | None
    where: str


@define(kw_only=True)
class _Rejected:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def _version(path: Path, root: Path) -> tuple[int, ...]:
    """Release order of a ``ror-records`` path (``v1.10`` after ``v1.9``)."""
    top = path.relative_to(root).parts[0]
    return tuple(int(n) for n in re.findall(r"\d+", top)) if top.startswith("v") else ()


def _iso3(iso2: str) -> str:
    country = pycountry.countries.get(alpha_2=iso2.upper()) if iso2 else None
    if country is None:
        return "XKX" if iso2.upper() == "XK" else ""
    return str(country.alpha_3)


def _line_of(text: str, value: str) -> int:
    at = text.find(value)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _title(url: str) -> str | None:
    match = re.match(r"https?://en\.wikipedia\.org/wiki/(.+)", url or "")
    return unquote(match.group(1)).replace("_", " ") if match else None


def _parse(entry: dict[str, object], text: str, where: str, rejected: list[_Rejected]) -> RorRecord | None:
    file = where.split(" ")[0]
    rid = str(entry.get("id") or "").rsplit("/", 1)[-1]
    if not rid:
        rejected.append(_Rejected(file=file, line=1, reason="record without id"))
        return None
    names: list[str] = []
    wikis: list[str] = []
    preferred: str | None = None
    wikipedia: str | None = None
    raw_names = entry.get("names")
    if isinstance(raw_names, list):  # schema v2
        for item in raw_names:
            if isinstance(item, dict) and "acronym" not in (item.get("types") or ()):
                names.append(str(item.get("value") or ""))
        locations = entry.get("locations") or []
        first = locations[0] if isinstance(locations, list) and locations else {}
        details = first.get("geonames_details", {}) if isinstance(first, dict) else {}
        country = _iso3(str(details.get("country_code") or "")) if isinstance(details, dict) else ""
        for ext in entry.get("external_ids") or []:  # type: ignore[attr-defined]
            if isinstance(ext, dict) and ext.get("type") == "wikidata":
                wikis = [str(v) for v in ext.get("all") or []]
                preferred = str(ext["preferred"]) if ext.get("preferred") else None
        for link in entry.get("links") or []:  # type: ignore[attr-defined]
            if isinstance(link, dict) and link.get("type") == "wikipedia":
                wikipedia = _title(str(link.get("value") or ""))
    else:  # schema v1
        names = [str(entry.get("name") or "")]
        names += [str(a) for a in entry.get("aliases") or []]  # type: ignore[attr-defined]
        names += [str(lb.get("label") or "") for lb in entry.get("labels") or [] if isinstance(lb, dict)]  # type: ignore[attr-defined]
        raw_country = entry.get("country")
        country = _iso3(str(raw_country.get("country_code") or "")) if isinstance(raw_country, dict) else ""
        ext = (entry.get("external_ids") or {}).get("Wikidata")  # type: ignore[attr-defined]
        if isinstance(ext, dict):
            values = ext.get("all") or []
            wikis = [str(values)] if isinstance(values, str) else [str(v) for v in values]
            preferred = str(ext["preferred"]) if ext.get("preferred") else None
        wikipedia = _title(str(entry.get("wikipedia_url") or ""))
    names = [n.strip() for n in names if n and n.strip()]
    if not names:
        rejected.append(_Rejected(file=file, line=1, reason=f"record {rid} has no name"))
        return None
    for value in [*wikis, *([preferred] if preferred else [])]:
        if not _QID.fullmatch(value):
            line = _line_of(text, value)
            rejected.append(_Rejected(file=file, line=line, reason=f"wikidata id {value!r} is not Q<digits>"))
            return None
    qid = preferred or (wikis[0] if len(set(wikis)) == 1 else None)
    return RorRecord(
        ror=rid,
        names=tuple(dict.fromkeys(names)),
        country=country,
        types=frozenset(str(t).lower() for t in entry.get("types") or []),  # type: ignore[attr-defined]
        status=str(entry.get("status") or "active"),
        wikidata=qid,
        wikipedia=wikipedia,
        where=where,
    )


def read_records(directory: Path, rejected: list[_Rejected]) -> list[RorRecord]:
    """The newest version of each ROR record under ``directory``; malformed files
    are appended to ``rejected`` (items with ``file``, ``line``, ``reason``)."""
    files = sorted(
        (
            p
            for p in directory.rglob("*.json")
            if not any(x.startswith(".") for x in p.relative_to(directory).parts)
        ),
        key=lambda p: (_version(p, directory), str(p)),
    )
    latest: dict[str, RorRecord] = {}
    for path in files:
        name = str(path.relative_to(directory))
        for record in _records_in(path, name, rejected):
            latest[record.ror] = record
    return sorted(latest.values(), key=lambda r: r.ror)


def _records_in(path: Path, name: str, rejected: list[_Rejected]) -> Iterator[RorRecord]:
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        rejected.append(_Rejected(file=name, line=exc.lineno, reason=f"not valid JSON ({exc.msg})"))
        return
    except (OSError, UnicodeDecodeError) as exc:
        rejected.append(_Rejected(file=name, line=1, reason=f"cannot be read ({exc})"))
        return
    entries = data if isinstance(data, list) else [data]
    for k, entry in enumerate(entries):
        if not isinstance(entry, dict):
            rejected.append(_Rejected(file=name, line=1, reason=f"entry {k} is not an object"))
            continue
        where = name if len(entries) == 1 else f"{name} entry {k}"
        record = _parse(entry, text if len(entries) == 1 else "", where, rejected)
        if record is not None:
            yield record


@define(kw_only=True)
class OrgMatch:
    """One organisation's Wikidata id and the ROR record it came from."""

    org: str
    qid: str
    wikipedia: str | None
    evidence: list[str] = field(factory=list)


def match_orgs(
    directory: Path, kb: KnowledgeBase, rejected: list[_Rejected]
) -> tuple[list[OrgMatch], list[str], dict[str, int]]:
    """Match the KB's organisations to ROR records; return matches, conflicts, counts."""
    ror = read_records(directory, rejected)
    by_name: dict[str, list[RorRecord]] = {}
    for record in ror:
        if record.status == "withdrawn" or not record.wikidata:
            continue
        for name in record.names:
            key = normalize(name)
            if key:
                by_name.setdefault(key, []).append(record)
    orgs = [r for r in kb if r.type in ORG_TYPES]
    matches: list[OrgMatch] = []
    conflicts: list[str] = []
    for org in orgs:
        forms = {normalize(f) for f in (org.name, *org.aliases)}
        found: dict[str, RorRecord] = {}
        for form in sorted(f for f in forms if f):
            for record in by_name.get(form, ()):
                if org.country and record.country != org.country:
                    continue
                if not org.country and not (record.types & _IGO_ROR_TYPES):
                    continue
                if org.type == "media" and normalize(record.wikipedia or "") not in forms:
                    continue  # the publisher, not the paper ("The New York Times Company")
                found.setdefault(record.ror, record)
        qids = sorted({str(r.wikidata) for r in found.values()})
        if len(qids) > 1:
            conflicts.append(f"{org.id}: ROR records name {', '.join(qids)} (none taken)")
            continue
        if qids:
            hits = sorted(found.values(), key=lambda r: r.ror)
            title = next((r.wikipedia for r in hits if r.wikipedia), None)
            evidence = [f"{r.where} (ror.org/{r.ror}, {r.country or 'no country'})" for r in hits]
            matches.append(OrgMatch(org=org.id, qid=qids[0], wikipedia=title, evidence=evidence))
    counts = {
        "organisations": len(orgs),
        "ror records": len(ror),
        "ror records with wikidata": sum(1 for r in ror if r.wikidata),
        "matched": len(matches),
        "with enwiki title": sum(1 for m in matches if m.wikipedia),
        "conflicts": len(conflicts),
    }
    return matches, conflicts, counts


def records(
    matches: list[OrgMatch],
    kb: KnowledgeBase,
    *,
    source: str = "ror",
    licence: str = ROR["licence"],
    unit: str = "records",
) -> list[dict[str, object]]:
    """Schema-1 records adding ``wikidata`` (and ``wikipedia``) to matched organisations.

    ``source``, ``licence`` and ``unit`` name the source file in each record's
    ``source`` line (``ror (CC0-1.0): <evidence> (+2 records)``); the Party Facts
    importer passes its own.
    """
    out: list[dict[str, object]] = []
    for match in matches:
        org = kb.get(match.org)
        if org is None:
            continue
        record: dict[str, object] = {"id": org.id, "type": org.type, "name": org.name, "wikidata": match.qid}
        if match.wikipedia:
            record["wikipedia"] = match.wikipedia
        extra = f" (+{len(match.evidence) - 1} {unit})" if len(match.evidence) > 1 else ""
        record["source"] = f"{source} ({licence}): {match.evidence[0]}{extra}"
        out.append(record)
    return out
