"""Build the generated part of the actor knowledge base from public data files.

Usage (one command regenerates every generated file)::

    python -m geotext.training kb \\
        --source csc=PATH/TO/countries-states-cities \\
        --source words=/usr/share/dict/words \\
        --source epol=PATH/TO/epol-export \\
        --out src/geotext/data/actors

Sources (``NAME=PATH``; each is read in place, nothing is downloaded):

``csc``
    A directory with files of the countries-states-cities database
    (github.com/dr5hn/countries-states-cities-database, ODbL-1.0): ``countries.csv``,
    ``states.csv`` and ``cities/<ISO2>.json`` (the repository's ``csv/`` files and
    ``contributions/cities/`` files), plus an optional ``COMMIT`` file (commit id and
    date, recorded as provenance). Gives Wikidata QIDs of countries, dependent
    territories, first-level regions and cities.
``words``
    A plain word list, one word a line (Debian's ``wamerican``: SCOWL, permissive
    licence). Used only to flag place names that are also common English words
    ("Mobile", "Reading", "Split", "Nice"): those need a locative cue in the text.
``ror``
    (optional) A directory of Research Organization Registry records (a checkout
    of ``ror-community/ror-records`` or an unpacked ROR dump; ROR data CC0, the
    repository MIT): Wikidata QIDs and English Wikipedia titles of the hand-written
    organisations, matched by exact name or alias and country (see
    :mod:`geotext.training.kb_ror`).
``pf``
    (optional) A directory holding Party Facts' ``wikidata.csv``
    (``hdigital/partyfactsdata``, ``import/wikipedia/wikidata.csv``, MIT): Wikidata
    QIDs of the hand-written parties, matched by name (or alias) and country (see
    :mod:`geotext.training.kb_pf`).
``epol``
    (optional) A directory written by ``python -m geotext.training kb_epol`` from
    git snapshots of the every-politician-scrapers repositories (Wikidata query
    results, CC0): Wikidata QIDs and English Wikipedia titles of the hand-written
    people, matched by exact name or alias, country, and a role of the same kind
    whose years overlap (see :mod:`geotext.training.kb_epol`).

What is written to ``--out``:

* ``kb_places.json.gz``: schema-1 actor records (places and the Wikidata ids of
  shipped states that lack one), each with ``source`` naming the file, line and
  licence it came from;
* ``place_guard.txt``: normalised place names that need context to count;
* ``kb_people.json.gz`` (with ``epol``): one record per matched person adding
  ``wikidata`` and ``wikipedia`` to the hand-written record, ``source`` naming the
  repository, file, line and commit of the agreeing row;
* ``kb_orgs.json.gz`` (with ``ror`` and/or ``pf``): one record per matched
  organisation adding ``wikidata`` (and ``wikipedia``), ``source`` naming the ROR
  file and record id or the Party Facts line and id;
* ``kb_build.json``: the build manifest read by ``geotext kb info``: build date,
  sources with licences, commit and file list, record counts, rejected lines.

Ids come only from the source files (never guessed): a record without a QID in
its source has none, nor has a place whose QID the source also gives to a place of
another name (:meth:`Importer.withhold_ambiguous`). Malformed lines are rejected and reported with their file
and line number (``--strict`` makes the first one an error).

Example:
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "states.csv").write_text(
    ...     "id,name,country_code,iso2,iso3166_2,type,level,parent_id,wikiDataId,population\\n"
    ...     "1,Texas,US,TX,US-TX,state,,,Q1439,\\n"
    ...     "2,Bad,US,BD,US-BD,state,,,X12,\\n")
    >>> imp = Importer()
    >>> [r["id"] for r in imp.csc_states(d / "states.csv")], imp.rejected[0].line
    (['place:usa-tx'], 3)
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gzip
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycountry
from attrs import define, field

from geotext.actors.kb import KnowledgeBase, handwritten
from geotext.actors.names import given_name_gender
from geotext.actors.normalize import normalize, slug
from geotext.errors import DataError
from geotext.training import kb_epol, kb_pf, kb_ror, kb_wd

__all__ = ["BuildError", "Importer", "Rejected", "add_arguments", "build", "run"]

SCHEMA = 1
PLACES_FILE = "kb_places.json.gz"
PEOPLE_FILE = "kb_people.json.gz"
ORGS_FILE = "kb_orgs.json.gz"
GUARD_FILE = "place_guard.txt"
MANIFEST_FILE = "kb_build.json"

CSC = {
    "title": "countries-states-cities database (dr5hn)",
    "url": "https://github.com/dr5hn/countries-states-cities-database",
    "licence": "ODbL-1.0",
    "note": "Open Database License 1.0: attribution; the derived kb_places file is a "
    "derivative database under the same licence (share-alike applies to it, not to "
    "geotext's code). Wikidata ids in it are Wikidata facts (CC0).",
}
WORDS = {
    "title": "SCOWL English word list (Debian wamerican)",
    "url": "http://wordlist.aspell.net/",
    "licence": "SCOWL (permissive, MIT-like: use, copy, modify, distribute with notice)",
    "note": "build-time only: flags place names that are common words; no word ships",
}

_QID = re.compile(r"Q[1-9][0-9]*")
# Kinds of the csc city entries that are settlements: cities, capitals, seats of
# government ("gov_seat", GeoNames PPLG) and seats of first- to third-order
# administrative divisions ("adm1" .. "adm3", GeoNames PPLA .. PPLA3: Mukalla, Parakou,
# Czestochowa). Not "district", "county", "prefecture", "municipality", "province" ...
# (areas), nor "adm4" (mixed: some are districts).
_CITY_TYPES = frozenset({"city", "capital", "gov_seat", "adm1", "adm2", "adm3"})


class BuildError(DataError):
    """A source file cannot be read, or (with ``strict``) has a malformed line."""


@define(kw_only=True)
class Rejected:
    """One rejected source line: file, 1-based line number, reason."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def _iso3(iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None and iso2 == "XK":
        return "XKX"  # Kosovo: user-assigned code, as in states.yaml
    return str(country.alpha_3) if country is not None else None


def _fold(name: str) -> str:
    """A name's key for comparing source lines: normalised, only letters and digits."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", normalize(name)).split())


def _agree(a: str, b: str) -> bool:
    """Whether two folded names are one name: equal, or one the other's first words
    ("iksan" and "iksan si", "gweru" and "gweru district")."""
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and long[: len(short)] == short


def _latin(text: str) -> bool:
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN")
        for c in unicodedata.normalize("NFC", text)
    )


@define(kw_only=True)
class Importer:
    """Reads source files into schema-1 record dicts; collects rejected lines.

    ``kb`` is the hand-written KB the generated records are aligned with (state
    names, capitals); by default the shipped YAML files.
    """

    kb: KnowledgeBase = field(factory=lambda: handwritten())
    strict: bool = False
    min_population: int = 100_000
    rejected: list[Rejected] = field(factory=list)
    conflicts: list[str] = field(factory=list)
    # Every csc line's QID and the names it is given (all kinds and sizes): a QID the
    # source gives to two differently named places is withheld (:meth:`withhold_ambiguous`).
    qid_names: dict[str, set[str]] = field(factory=dict)
    withheld: list[str] = field(factory=list)

    def _note(self, qid: object, name: object) -> None:
        """Remember a source line's QID and name for :meth:`withhold_ambiguous`."""
        if not isinstance(qid, str) or not _QID.fullmatch(qid.strip()) or not str(name or "").strip():
            return
        self.qid_names.setdefault(qid.strip(), set()).add(_fold(str(name)))

    def withhold_ambiguous(self, records: list[dict[str, object]]) -> int:
        """Drop the QID of each generated place whose QID the source gives to two
        places whose names disagree.

        The countries-states-cities files copy some QIDs onto neighbouring lines
        (Kyiv's city line carries the item of the village Kvasy, the line before it;
        Bishkek's that of Belovodskoye): such a QID is withheld from every record
        that has it, as the source does not say which place it belongs to. Names
        agree when equal after normalisation or when one is the other's first words
        ("Iksan" and "Iksan-si"); "Urumqi" and "Ürümqi" are one name. The record
        keeps its name and place; ``source`` says why it has no QID. Returns the
        number withheld.

        >>> imp = Importer()
        >>> for qid, name in [("Q1", "Kvasy"), ("Q1", "Kyiv"), ("Q3", "Iksan"), ("Q3", "Iksan-si")]:
        ...     imp._note(qid, name)
        >>> recs = [{"id": "place:kyiv", "name": "Kyiv", "wikidata": "Q1", "source": "csc"},
        ...         {"id": "place:kor-iksan", "name": "Iksan", "wikidata": "Q3", "source": "csc"}]
        >>> imp.withhold_ambiguous(recs), [r.get("wikidata") for r in recs]
        (1, [None, 'Q3'])
        >>> recs[0]["source"]
        'csc; wikidata Q1 withheld: the source gives it to 2 differently named places'
        """
        count = 0
        for record in records:
            qid = record.get("wikidata")
            if not isinstance(qid, str) or not str(record["id"]).startswith("place:"):
                continue
            names = sorted(self.qid_names.get(qid, ()))
            if all(_agree(a, b) for k, a in enumerate(names) for b in names[k + 1 :]):
                continue
            why = f"the source gives it to {len(names)} differently named places"
            del record["wikidata"]
            record["source"] = f"{record['source']}; wikidata {qid} withheld: {why}"
            self.withheld.append(f"{record['id']} {qid}: {why}")
            count += 1
        return count

    def _reject(self, file: Path, line: int, reason: str) -> None:
        item = Rejected(file=file.name, line=line, reason=reason)
        if self.strict:
            raise BuildError(f"malformed source line {item}")
        self.rejected.append(item)

    def _qid(self, value: str, file: Path, line: int) -> str | bool | None:
        """The QID, ``None`` if empty, ``False`` (rejected) if malformed."""
        value = (value or "").strip()
        if not value or value.upper() == "NULL":  # the csc SQL exports' empty marker
            return None
        if not _QID.fullmatch(value):
            self._reject(file, line, f"wikidata id {value!r} is not Q followed by digits")
            return False
        return value

    def _rows(self, path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            fh = path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise BuildError(f"cannot read source file {path}: {exc}") from exc
        with fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or ())]
            if missing:
                raise BuildError(f"{path}: header lacks column(s) {', '.join(missing)}")
            for row in reader:
                line = reader.line_num
                if None in row or any(v is None for v in row.values()):
                    self._reject(path, line, "wrong number of fields")
                    continue
                yield line, row

    # -- csc: countries ------------------------------------------------------------

    def csc_countries(self, path: Path) -> list[dict[str, object]]:
        """QIDs for shipped states lacking one; dependent territories as places."""
        out: list[dict[str, object]] = []
        for line, row in self._rows(path, ("name", "iso3", "iso2", "wikiDataId")):
            iso3 = row["iso3"].strip().upper()
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                self._reject(path, line, f"iso3 {row['iso3']!r} is not three letters")
                continue
            qid = self._qid(row["wikiDataId"], path, line)
            if qid is False:
                continue
            self._note(qid, row["name"])
            name = row["name"].strip()
            if not name:
                self._reject(path, line, "empty name")
                continue
            source = f"csc {path.name} line {line} ({CSC['licence']})"
            state = self.kb.state_for(iso3)
            if state is not None:
                if qid and state.wikidata and state.wikidata != qid:
                    self.conflicts.append(f"{state.id}: shipped {state.wikidata}, csc {qid} (kept shipped)")
                if qid and not state.wikidata:
                    out.append({"id": state.id, "type": state.type, "name": state.name, "wikidata": qid})
                    out[-1]["source"] = source
                continue
            record: dict[str, object] = {"id": f"place:{iso3.lower()}", "type": "place", "name": name}
            record["country"] = iso3
            if qid:
                record["wikidata"] = qid
            record["source"] = source
            out.append(record)
        return out

    # -- csc: first-level regions ----------------------------------------------------

    def csc_states(self, path: Path) -> list[dict[str, object]]:
        """First-level regions (no parent, level empty or 1) as ``place:<iso3>-<code>``."""
        out: list[dict[str, object]] = []
        seen: set[str] = set()
        cols = ("name", "country_code", "iso2", "type", "level", "parent_id", "wikiDataId")
        for line, row in self._rows(path, cols):
            self._note(row["wikiDataId"], row["name"])
            if row["parent_id"].strip() or row["level"].strip() not in ("", "1"):
                continue
            name, code = row["name"].strip(), row["iso2"].strip()
            iso3 = _iso3(row["country_code"].strip().upper())
            if not name or not code or iso3 is None:
                self._reject(path, line, "empty name or code, or unknown country code")
                continue
            qid = self._qid(row["wikiDataId"], path, line)
            if qid is False:
                continue
            rid = f"place:{iso3.lower()}-{slug(code)}"
            if rid in seen:
                self._reject(path, line, f"duplicate region code {code!r} in {iso3}")
                continue
            seen.add(rid)
            record: dict[str, object] = {"id": rid, "type": "place", "name": name, "country": iso3}
            if qid:
                record["wikidata"] = qid
            record["parent"] = f"state:{iso3.lower()}"
            record["source"] = (
                f"csc {path.name} line {line} ({CSC['licence']}); kind {row['type'] or 'region'}"
            )
            out.append(record)
        return out

    # -- csc: cities -----------------------------------------------------------------

    def csc_cities(self, directory: Path) -> list[dict[str, object]]:
        """Capitals and cities of at least ``min_population`` from ``<ISO2>.json`` files."""
        files = sorted(directory.glob("*.json"))
        if not files:
            raise BuildError(f"{directory}: no <ISO2>.json city files")
        best: dict[str, tuple[int, dict[str, object]]] = {}
        for path in files:
            for line, entry in self._json_entries(path):
                self._note(entry.get("wikiDataId"), entry.get("name"))
                record = self._city(path, line, entry)
                if record is None:
                    continue
                population = int(str(record.pop("population")))
                old = best.get(str(record["id"]))
                if old is None or population > old[0]:
                    best[str(record["id"])] = (population, record)
        ranked = sorted(best.values(), key=lambda t: (-t[0], str(t[1]["id"])))
        return [r for _, r in ranked]

    def _json_entries(self, path: Path) -> Iterator[tuple[int, dict[str, object]]]:
        """The entries of a JSON array file with the line each starts on."""
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._reject(path, exc.lineno, f"not valid JSON ({exc.msg})")
            return
        except (OSError, UnicodeDecodeError) as exc:
            raise BuildError(f"cannot read source file {path}: {exc}") from exc
        if not isinstance(data, list):
            self._reject(path, 1, "not a JSON array of cities")
            return
        # Entry k starts at the k-th top-level "{" (pretty-printed files, one key a line).
        starts = [m.start() for m in re.finditer(r'^\s*\{\s*$|^\s*\{\s*"id"', text, re.M)]
        for k, entry in enumerate(data):
            line = text.count("\n", 0, starts[k]) + 1 if k < len(starts) else 0
            if not isinstance(entry, dict):
                self._reject(path, line, "entry is not an object")
                continue
            yield line, entry

    def _city(self, path: Path, line: int, entry: dict[str, object]) -> dict[str, object] | None:
        kind = str(entry.get("type") or "")
        if kind not in _CITY_TYPES:
            return None
        name = str(entry.get("name") or "").strip()
        iso2 = str(entry.get("country_code") or "").strip().upper()
        iso3 = _iso3(iso2)
        if not name or iso3 is None:
            self._reject(path, line, "city without name or with unknown country code")
            return None
        raw = entry.get("population")
        if raw is not None and not isinstance(raw, int):
            self._reject(path, line, f"population {raw!r} is not a whole number")
            return None
        population = raw or 0
        if kind != "capital" and population < self.min_population:
            return None
        qid = self._qid(str(entry.get("wikiDataId") or ""), path, line)
        if qid is False:
            return None
        translations = entry.get("translations")
        english = str(translations.get("en") or "").strip() if isinstance(translations, dict) else ""
        canonical = english or name
        aliases = [a for a in (name,) if a != canonical and _latin(a)]
        state = self.kb.state_for(iso3)
        capital = state.capital if state is not None else None
        forms = {normalize(canonical), normalize(name)}
        is_capital = capital is not None and normalize(capital) in forms
        if not is_capital and state is not None:
            # A city that is one of the state's metonyms (a seat of government such as
            # Cotonou or La Paz, or another spelling of the capital) is that place too.
            capital = next((m for m in state.metonyms if normalize(m) in forms), capital)
            is_capital = capital is not None and normalize(capital) in forms
        rid = (
            f"place:{slug(capital)}" if is_capital and capital else f"place:{iso3.lower()}-{slug(canonical)}"
        )
        if is_capital and capital:
            # The shipped capital's spelling stays canonical (it is the metonym).
            aliases = [a for a in (canonical, *aliases) if a != capital]
            canonical = capital
            if state is not None:
                aliases += _other_spellings(state.metonyms, capital, entry, aliases)
        record: dict[str, object] = {"id": rid, "type": "place", "name": canonical}
        if aliases:
            record["aliases"] = aliases
        record["country"] = iso3
        if qid:
            record["wikidata"] = qid
        region = str(entry.get("state_code") or "").strip()
        if region:
            record["parent"] = f"place:{iso3.lower()}-{slug(region)}"
        record["source"] = (
            f"csc cities/{path.name} line {line} ({CSC['licence']}); {kind}, population {population}"
        )
        record["population"] = population
        return record


def _other_spellings(
    metonyms: Iterable[str], capital: str, entry: dict[str, object], aliases: list[str]
) -> list[str]:
    """The state's metonyms that the capital's source line gives as its name in some
    language ("Kiev", "Teheran", "Peking"): other spellings of the city, not other
    places (unlike "Bankova" or "Kremlin").

    >>> _other_spellings(["Kyiv", "Kiev", "Bankova"], "Kyiv",
    ...                  {"translations": {"br": "Kiev", "uk": "Київ"}}, [])
    ['Kiev']
    """
    translations = entry.get("translations")
    names = [str(v) for v in translations.values()] if isinstance(translations, dict) else []
    names.append(str(entry.get("native") or ""))
    forms = {normalize(n) for n in names if n}
    taken = {normalize(capital), *(normalize(a) for a in aliases)}
    out: list[str] = []
    for metonym in metonyms:
        key = normalize(metonym)
        if key in forms and key not in taken:
            out.append(metonym)
            taken.add(key)
    return out


def _one_per_qid(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Keep the first record of each QID (territories, then cities, then regions):
    Guadeloupe is a territory and a French region, Taipei a capital and a region.
    A ``parent`` naming a dropped record names the kept one instead (the wards of
    the region "Tokyo" have the city Tokyo as parent when both are one item).

    >>> _one_per_qid([{"id": "place:c", "wikidata": "Q1"},
    ...               {"id": "place:r", "wikidata": "Q1"},
    ...               {"id": "place:w", "wikidata": "Q2", "parent": "place:r"}])[-1]["parent"]
    'place:c'
    >>> _one_per_qid([{"id": "place:c", "wikidata": "Q1", "parent": "place:r"},
    ...               {"id": "place:r", "wikidata": "Q1", "parent": "state:x"}])[0]["parent"]
    'state:x'
    """
    kept: dict[object, str] = {}
    renamed: dict[str, str] = {}
    above: dict[str, object] = {}  # a dropped record's own parent
    out = []
    for record in records:
        qid = record.get("wikidata")
        if qid and qid in kept and str(record["id"]).startswith("place:"):
            renamed[str(record["id"])] = kept[qid]
            above[str(record["id"])] = record.get("parent")
            continue
        if qid:
            kept.setdefault(qid, str(record["id"]))
        out.append(record)
    for record in out:
        parent = str(record.get("parent") or "")
        if parent in renamed:
            # The city Beijing inside the region Beijing (one item): the region's parent.
            new = renamed[parent] if renamed[parent] != record["id"] else above[parent]
            if new:
                record["parent"] = new
            else:
                del record["parent"]
    return out


def _island_aliases(records: list[dict[str, object]], words: frozenset[str]) -> int:
    """Add "the Chathams" to "Chatham Islands": the plural short form English uses
    for an island group named "<Word> Islands" (the Falklands, the Chathams), unless
    the word is a common word or a given name ("the Cooks", "the Marshalls" name
    families). Returns the number of aliases added."""
    added = 0
    for record in records:
        if record.get("type") != "place":
            continue
        old = record.get("aliases")
        aliases = [str(a) for a in old] if isinstance(old, list) else []
        for form in (str(record["name"]), *aliases):
            match = re.fullmatch(r"(?:the )?([A-Z][a-z]+) Islands", form)
            if match is None:
                continue
            word = match.group(1)
            if word.endswith("s") or word.lower() in words or given_name_gender(word) is not None:
                continue
            alias = f"the {word}s"
            if alias not in aliases and alias != record["name"]:
                aliases.append(alias)
                added += 1
        if aliases and aliases != old:
            record["aliases"] = aliases
            # keep the key order of the other records: aliases after name
            for key in [k for k in record if k not in ("id", "type", "name", "aliases")]:
                record[key] = record.pop(key)
    return added


def _guarded(records: Iterable[dict[str, object]], words: frozenset[str]) -> list[str]:
    """Normalised place names that are common words or given names (need a cue)."""
    out: set[str] = set()
    for record in records:
        if record.get("type") != "place":
            continue
        aliases = record.get("aliases")
        forms = [str(record["name"])] + ([str(a) for a in aliases] if isinstance(aliases, list) else [])
        for form in forms:
            key = normalize(form)
            parts = key.split()
            if not parts:
                continue
            common = all(p in words for p in parts)
            # Cities named like people ("Charlotte", "Victoria"); regions rarely are
            # (the given-name list has "Arizona" and "Alaska").
            city = "population" in str(record.get("source", ""))
            if common or (city and len(parts) == 1 and given_name_gender(form) is not None):
                out.add(key)
    return sorted(out)


def _read_words(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise BuildError(f"cannot read word list {path}: {exc}") from exc
    # Lower-case entries only: "Texas" is listed as a proper noun, "mobile" as a word.
    return frozenset(w.strip() for w in lines if w.strip() and w.strip().islower() and "'" not in w)


def _commit(directory: Path) -> tuple[str, str]:
    marker = directory / "COMMIT"
    if not marker.is_file():
        return "", ""
    parts = marker.read_text(encoding="utf-8").split()
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else "")


def build(
    sources: dict[str, Path],
    out: Path,
    *,
    date: datetime.date | None = None,
    strict: bool = False,
    min_population: int = 100_000,
    kb: KnowledgeBase | None = None,
) -> dict[str, object]:
    """Read the sources, write the generated KB files to ``out``, return the manifest.

    Raises:
        BuildError: a source is unknown, missing or (with ``strict``) malformed.
    """
    unknown = set(sources) - {"csc", "words", "epol", "wd", "ror", "pf"}
    if unknown:
        raise BuildError(f"unknown source(s) {sorted(unknown)}; known: csc, words, epol, wd, ror, pf")
    if "csc" not in sources:
        raise BuildError("the csc source is required (--source csc=DIR)")
    base = kb or handwritten()
    importer = Importer(kb=base, strict=strict, min_population=min_population)
    csc = sources["csc"]
    for name in ("countries.csv", "states.csv", "cities"):
        if not (csc / name).exists():
            raise BuildError(f"{csc}: missing {name} (see geotext.training.kb)")
    countries = importer.csc_countries(csc / "countries.csv")
    regions = importer.csc_states(csc / "states.csv")
    cities = importer.csc_cities(csc / "cities")
    withheld = importer.withhold_ambiguous(countries + cities + regions)
    records = _one_per_qid(countries + cities + regions)
    words = _read_words(sources["words"]) if "words" in sources else frozenset()
    islands = _island_aliases(records, words)
    guard = _guarded(records, words)
    day = date or datetime.date.today()
    out.mkdir(parents=True, exist_ok=True)
    payload: dict[str, object] = {"schema": SCHEMA, "source": "csc", "licence": CSC["licence"]}
    payload.update(built=day.isoformat(), actors=records)
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    # mtime=0: the same sources give byte-identical files.
    (out / PLACES_FILE).write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    files = [PLACES_FILE, GUARD_FILE]
    epol_entry: dict[str, object] | None = None
    wd_entry: dict[str, object] | None = None
    if "epol" in sources or "wd" in sources:
        epol_entry, wd_entry = _build_people(sources.get("epol"), sources.get("wd"), out, base, day)
        files.append(PEOPLE_FILE)
    ror_entry: dict[str, object] | None = None
    pf_entry: dict[str, object] | None = None
    if "ror" in sources or "pf" in sources:
        ror_entry, pf_entry = _build_orgs(sources.get("ror"), sources.get("pf"), out, base, day, importer)
        files.append(ORGS_FILE)
    header = "# Place names that are common English words or given names: need a locative cue.\n"
    header += f"# Generated by python -m geotext.training kb on {day.isoformat()}; do not edit.\n"
    (out / GUARD_FILE).write_text(header + "".join(f"{g}\n" for g in guard), encoding="utf-8")
    commit, commit_date = _commit(csc)
    counts = {
        "states with wikidata from csc": sum(1 for r in countries if str(r["id"]).startswith("state:")),
        "territories": sum(1 for r in countries if str(r["id"]).startswith("place:")),
        "regions": sum(1 for r in records if "; kind " in str(r.get("source"))),
        "cities": sum(1 for r in records if "population" in str(r.get("source"))),
        "with wikidata": sum(1 for r in records if r.get("wikidata")),
        "wikidata withheld (ambiguous in the source)": withheld,
        "guarded names": len(guard),
        "island-group short forms": islands,
    }
    if epol_entry:
        counts["people with wikidata from epol"] = int(str(epol_entry["records"]))
    if wd_entry:
        counts["people with wikidata from wd"] = int(str(wd_entry["records"]))
    if ror_entry:
        counts["organisations with wikidata from ror"] = int(str(ror_entry["records"]))
    if pf_entry:
        counts["parties with wikidata from pf"] = int(str(pf_entry["records"]))
    csc_entry: dict[str, object] = {"name": "csc", **CSC, "commit": commit, "commit_date": commit_date}
    csc_entry["files"] = ["csv/countries.csv", "csv/states.csv", "contributions/cities/<ISO2>.json"]
    csc_entry["city_files"] = sorted(p.stem for p in (csc / "cities").glob("*.json"))
    csc_entry["records"] = len(records)
    csc_entry["rejected"] = len(importer.rejected)
    manifest: dict[str, object] = {
        "schema": SCHEMA,
        "version": day.isoformat(),
        "built": day.isoformat(),
        "command": "python -m geotext.training kb --source csc=DIR --source words=FILE"
        + (" --source epol=DIR" if epol_entry else "")
        + (" --source wd=DIR" if wd_entry else "")
        + (" --source ror=DIR" if ror_entry else "")
        + (" --source pf=DIR" if pf_entry else "")
        + " --out src/geotext/data/actors",
        "files": files,
        "min_population": min_population,
        "sources": [csc_entry]
        + ([{"name": "words", **WORDS, "words": len(words)}] if words else [])
        + ([epol_entry] if epol_entry else [])
        + ([wd_entry] if wd_entry else [])
        + ([ror_entry] if ror_entry else [])
        + ([pf_entry] if pf_entry else []),
        "counts": counts,
        "conflicts": importer.conflicts,
        "withheld": importer.withheld[:50],
        "rejected": [str(r) for r in importer.rejected[:50]],
    }
    (out / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def _build_orgs(
    ror: Path | None, pf: Path | None, out: Path, kb: KnowledgeBase, day: datetime.date, importer: Importer
) -> tuple[dict[str, object] | None, dict[str, object] | None]:
    """Match the hand-written organisations to ROR records and the parties to Party
    Facts rows; write ``kb_orgs.json.gz``; return the two manifest entries."""
    for directory, module in ((ror, "kb_ror"), (pf, "kb_pf")):
        if directory is not None and not directory.is_dir():
            raise BuildError(f"{directory}: not a directory (see geotext.training.{module})")
    orgs: list[dict[str, object]] = []
    ror_entry: dict[str, object] | None = None
    pf_entry: dict[str, object] | None = None
    if ror is not None:
        bad: list[kb_ror._Rejected] = []
        matches, conflicts, counts = kb_ror.match_orgs(ror, kb, bad)
        _keep_rejected(importer, "ror", bad)
        orgs = kb_ror.records(matches, kb)
        commit, commit_date = _commit(ror)
        ror_entry = {"name": "ror", **kb_ror.ROR, "commit": commit, "commit_date": commit_date}
        ror_entry.update(records=len(orgs), rejected=len(bad), counts=counts, conflicts=conflicts)
    if pf is not None:
        pf_bad: list[kb_pf._Rejected] = []
        pf_matches, pf_conflicts, pf_counts = kb_pf.match_parties(pf, kb, pf_bad)
        _keep_rejected(importer, "pf", pf_bad)
        taken = {str(r["id"]): str(r["wikidata"]) for r in orgs}
        parties = []
        for record in kb_pf.records(pf_matches, kb):
            other = taken.get(str(record["id"]))
            if other is None:
                parties.append(record)
            elif other != record["wikidata"]:
                pf_conflicts.append(f"{record['id']}: ror {other}, pf {record['wikidata']} (kept ror)")
        orgs.extend(parties)
        commit, commit_date = _commit(pf)
        pf_entry = {"name": "pf", **kb_pf.PF, "commit": commit, "commit_date": commit_date}
        pf_entry["files"] = {
            "partyfacts": {
                "url": kb_pf.PF["url"],
                "path": "import/wikipedia/wikidata.csv",
                "file": kb_pf.FILE,
                "commit": commit,
                "commit_date": commit_date,
                "licence": "MIT",
            }
        }
        pf_entry.update(records=len(parties), rejected=len(pf_bad), counts=pf_counts, conflicts=pf_conflicts)
    source = "+".join(n for n, d in (("ror", ror), ("pf", pf)) if d is not None)
    licence = "; ".join(str(e["licence"]) for e in (ror_entry, pf_entry) if e)
    payload: dict[str, object] = {"schema": SCHEMA, "source": source, "licence": licence}
    payload.update(built=day.isoformat(), actors=orgs)
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (out / ORGS_FILE).write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    return ror_entry, pf_entry


def _keep_rejected(importer: Importer, prefix: str, bad: Iterable[object]) -> None:
    """Add a sub-importer's rejected lines (``file``, ``line``, ``reason``) to the build's."""
    for item in bad:
        if importer.strict:
            raise BuildError(f"malformed source line {prefix}/{item}")
        file, line, reason = (getattr(item, k) for k in ("file", "line", "reason"))
        importer.rejected.append(Rejected(file=f"{prefix}/{file}", line=int(line), reason=str(reason)))


def _build_people(
    epol: Path | None, wd: Path | None, out: Path, kb: KnowledgeBase, day: datetime.date
) -> tuple[dict[str, object] | None, dict[str, object] | None]:
    """Match the hand-written people to the ``epol`` export, then the rest to the ``wd``
    lists; write ``kb_people.json.gz``; return the two manifest entries."""
    for directory, module in ((epol, "kb_epol"), (wd, "kb_wd")):
        if directory is not None and not directory.is_dir():
            raise BuildError(f"{directory}: not a directory (see geotext.training.{module})")
    people: list[dict[str, object]] = []
    epol_entry: dict[str, object] | None = None
    wd_entry: dict[str, object] | None = None
    if epol is not None:
        matches, conflicts, counts = kb_epol.match_people(epol, kb)
        people.extend(kb_epol.records(matches, kb))
        epol_entry = {
            "name": "epol",
            **kb_epol.EPOL,
            "repositories": kb_epol.sources_info(epol),
            "records": len(people),
            "counts": counts,
            "conflicts": conflicts,
        }
    if wd is not None:
        matched = {str(r["id"]): str(r["wikidata"]) for r in people}
        wd_matches, wd_conflicts, wd_counts = kb_wd.match_people(wd, kb, matched)
        wd_sources = kb_wd.sources_info(wd)
        wd_people = kb_wd.records(wd_matches, kb, wd_sources)
        people.extend(wd_people)
        wd_entry = {
            "name": "wd",
            **kb_wd.WD,
            "files": wd_sources,
            "records": len(wd_people),
            "counts": wd_counts,
            "conflicts": wd_conflicts,
        }
    source = "+".join(n for n, d in (("epol", epol), ("wd", wd)) if d is not None)
    payload: dict[str, object] = {"schema": SCHEMA, "source": source, "licence": kb_epol.EPOL["licence"]}
    payload.update(built=day.isoformat(), actors=people)
    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (out / PEOPLE_FILE).write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))
    return epol_entry, wd_entry


def _source(text: str) -> tuple[str, Path]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=PATH (e.g. csc=/data/csc)")
    return name, Path(os.path.expanduser(path))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``python -m geotext.training kb``."""
    parser.add_argument(
        "--source",
        type=_source,
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="a source to read, repeatable: csc=DIR (countries-states-cities), words=FILE (word "
        "list), epol=DIR (kb_epol output), wd=DIR (kb_wd output), ror=DIR (ror-records), "
        "pf=DIR (Party Facts wikidata.csv); see docs/actors.rst",
    )
    parser.add_argument("--out", type=Path, default=Path("src/geotext/data/actors"))
    parser.add_argument("--date", type=datetime.date.fromisoformat, help="build date (default today)")
    parser.add_argument("--min-population", type=int, default=100_000)
    parser.add_argument("--strict", action="store_true", help="stop at the first malformed line")
    parser.add_argument("--seed", type=int, default=0, help="unused (the build is deterministic)")


def run(args: argparse.Namespace) -> int:
    """Build the KB files and print the manifest's counts and rejected lines."""
    try:
        manifest = build(
            dict(args.source),
            args.out,
            date=args.date,
            strict=args.strict,
            min_population=args.min_population,
        )
    except BuildError as exc:
        print(f"kb: {exc}")
        return 1
    print(json.dumps(manifest["counts"], indent=1))
    for line in manifest["rejected"]:  # type: ignore[attr-defined]
        print(f"rejected {line}")
    for line in manifest["conflicts"]:  # type: ignore[attr-defined]
        print(f"conflict {line}")
    return 0
