"""The actor knowledge base: schema-1 YAML files, merged, indexed, loaded once.

The shipped KB is ``data/actors/{states,organizations,people}.yaml`` (format in
``docs/actors.rst``). Loading a KB also

* merges pycountry's ISO 3166 names and codes into every state that has an
  ``iso3`` (official and common names become aliases, ``iso2`` is filled in);
* derives, for every state, a government actor ``gov:<iso3>`` whose metonyms
  (``Kremlin``, the capital ...) stand for it, and a ``place:<slug>`` actor for
  each of those metonyms, used when the word names the place ("in Minsk");
* indexes dated roles: ``(role, country-or-org) -> [(start, end, person id)]``.

Users add their own files with :meth:`KnowledgeBase.load` or combine bases with
:meth:`KnowledgeBase.merge`; later sources override scalar fields and extend
list fields, and a person whose full name is already known is folded into the
existing record rather than duplicated.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs
import pycountry
import yaml

from geotext.actors.normalize import normalize, slug
from geotext.actors.records import ACTOR_TYPES, LIST_FIELDS, SCALAR_FIELDS, ActorRecord, Role
from geotext.data import check_schema, has_data, load_json, load_yaml, parse_yaml
from geotext.errors import DataError

__all__ = ["BUILTIN_FILES", "MANIFEST", "KnowledgeBase", "KnowledgeBaseError", "handwritten", "kb_info"]

BUILTIN_FILES = ("actors/states.yaml", "actors/organizations.yaml", "actors/people.yaml")
"""The hand-written KB files, relative to ``geotext/data``."""
MANIFEST = "actors/kb_build.json"
"""The build manifest of the generated KB files (``python -m geotext.training kb``)."""

_STATE_TYPES = frozenset({"state", "historical_state"})


class KnowledgeBaseError(DataError):
    """A knowledge-base file is missing, unreadable or breaks the schema."""


def _date(value: object, where: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeBaseError(
            f"{where}: date {value!r} is not YYYY-MM-DD; write it as e.g. 2012-05-07"
        ) from None


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None and str(v).strip())
    raise KnowledgeBaseError(f"{where}: expected a string or a list of strings, got {value!r}")


def _optional(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def parse_record(entry: Mapping[str, object], where: str) -> ActorRecord:
    """Build an :class:`ActorRecord` from one YAML ``actors`` entry.

    Raises:
        KnowledgeBaseError: if ``id``, ``type`` or ``name`` is missing or invalid.
    """
    actor_id, kind, name = entry.get("id"), entry.get("type"), entry.get("name")
    if not isinstance(actor_id, str) or ":" not in actor_id:
        raise KnowledgeBaseError(f"{where}: 'id' must look like 'person:vladimir-putin'")
    where = f"{where} ({actor_id})"
    if kind not in ACTOR_TYPES:
        raise KnowledgeBaseError(f"{where}: 'type' {kind!r} is not one of {sorted(ACTOR_TYPES)}")
    if not isinstance(name, str) or not name.strip():
        raise KnowledgeBaseError(f"{where}: 'name' is missing")
    roles = []
    raw_roles = entry.get("roles") or []
    if not isinstance(raw_roles, list):
        raise KnowledgeBaseError(f"{where}: 'roles' must be a list")
    for i, raw in enumerate(raw_roles):
        if not isinstance(raw, Mapping) or not raw.get("role"):
            raise KnowledgeBaseError(f"{where}: roles[{i}] needs at least 'role'")
        roles.append(
            Role(
                role=str(raw["role"]),
                title=str(raw.get("title") or ""),
                country=_optional(raw.get("country")),
                org=_optional(raw.get("org")),
                start=_date(raw.get("start"), f"{where} roles[{i}].start"),
                end=_date(raw.get("end"), f"{where} roles[{i}].end"),
            )
        )
    fields: dict[str, object] = {f: _strings(entry.get(f), f"{where}.{f}") for f in LIST_FIELDS}
    fields.update({f: _optional(entry.get(f)) for f in SCALAR_FIELDS})
    if kind in _STATE_TYPES and fields["iso3"] is None and actor_id.startswith("state:"):
        fields["iso3"] = actor_id.split(":", 1)[1].upper()
    return ActorRecord(
        id=actor_id,
        type=str(kind),
        name=name.strip(),
        roles=tuple(roles),
        start=_date(entry.get("start"), f"{where}.start"),
        end=_date(entry.get("end"), f"{where}.end"),
        source=str(entry.get("source") or ""),
        **fields,  # type: ignore[arg-type]
    )


def parse_file(data: object, where: str) -> list[ActorRecord]:
    """Parse a loaded schema-1 document (``{"schema": 1, "actors": [...]}``)."""
    data = check_schema(data, f"{where} (actor file)", error=KnowledgeBaseError)
    entries = data.get("actors") or []
    if not isinstance(entries, list):
        raise KnowledgeBaseError(f"{where}: 'actors' must be a list")
    out = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            raise KnowledgeBaseError(f"{where}: actors[{i}] is not a mapping")
        fast = _simple_place(entry)
        out.append(fast if fast is not None else parse_record(entry, f"{where}: actors[{i}]"))
    return out


_SIMPLE_KEYS = frozenset({"id", "type", "name", "aliases", "country", "wikidata", "parent", "source"})


def _simple_place(entry: Mapping[str, object]) -> ActorRecord | None:
    """The record of a generated place entry (string fields only), or ``None`` when
    the entry needs :func:`parse_record`'s full checks (5,000 places load faster)."""
    if entry.get("type") != "place" or not _SIMPLE_KEYS.issuperset(entry):
        return None
    actor_id, name, aliases = entry.get("id"), entry.get("name"), entry.get("aliases", [])
    if not isinstance(actor_id, str) or ":" not in actor_id or not isinstance(name, str) or not name.strip():
        return None
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        return None
    scalars = [entry.get(k) for k in ("country", "wikidata", "parent", "source")]
    if not all(v is None or (isinstance(v, str) and v) for v in scalars):
        return None
    country, wikidata, parent, source = scalars
    return ActorRecord(
        id=actor_id,
        type="place",
        name=name.strip(),
        aliases=tuple(aliases),
        country=country,  # type: ignore[arg-type]
        wikidata=wikidata,  # type: ignore[arg-type]
        parent=parent,  # type: ignore[arg-type]
        source=source or "",  # type: ignore[arg-type]
    )


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    seen = dict.fromkeys(a)
    seen.update(dict.fromkeys(b))
    return tuple(seen)


def merge_records(base: ActorRecord, extra: ActorRecord) -> ActorRecord:
    """Combine two records of one actor: ``extra`` wins on scalars, lists are joined."""
    changes: dict[str, object] = {f: _union(getattr(base, f), getattr(extra, f)) for f in LIST_FIELDS}
    for f in SCALAR_FIELDS:
        value = getattr(extra, f)
        if value is not None:
            changes[f] = value
    roles = base.roles + tuple(r for r in extra.roles if r not in base.roles)
    if extra.name != base.name:
        changes["aliases"] = _union(changes["aliases"], (extra.name,))  # type: ignore[arg-type]
    source = "; ".join(dict.fromkeys(s for s in (*base.source.split("; "), extra.source) if s))
    return attrs.evolve(base, roles=roles, source=source, **changes)  # type: ignore[arg-type]


def _pycountry_names(iso3: str) -> tuple[str | None, tuple[str, ...]]:
    """Return (alpha_2, names) for an ISO alpha-3 code, current or historic."""
    country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if country is None:
        return None, ()
    names = []
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None)
        # "Korea, Republic of" style inverted names never occur in running text.
        if isinstance(value, str) and "," not in value:
            names.append(value)
    alpha2 = getattr(country, "alpha_2", None)
    return (alpha2 if isinstance(alpha2, str) else None), tuple(names)


def _with_iso(record: ActorRecord) -> ActorRecord:
    if record.type not in _STATE_TYPES or not record.iso3:
        return record
    alpha2, names = _pycountry_names(record.iso3)
    return attrs.evolve(
        record,
        iso2=record.iso2 or alpha2,
        country=record.country or record.iso3,
        aliases=_union(record.aliases, tuple(n for n in names if n != record.name)),
    )


def _derived(state: ActorRecord) -> list[ActorRecord]:
    """The government and place actors that a state's metonyms point at."""
    code = state.iso3.lower() if state.iso3 else state.id.split(":", 1)[1]
    metonyms = _union(state.metonyms, (state.capital,) if state.capital else ())
    names = _union((state.name,), state.aliases[:1])
    aliases = [f"{n} government" for n in names] + [f"government of {n}" for n in names]
    aliases += [f"{a} government" for a in state.adjectives]
    aliases += [f"{a} authorities" for a in state.adjectives]
    source = f"derived from {state.id}"
    out = [
        ActorRecord(
            id=f"gov:{code}",
            type="government",
            name=f"Government of {state.name}",
            aliases=tuple(aliases),
            metonyms=metonyms,
            country=state.iso3,
            cameo=f"{state.iso3}GOV" if state.iso3 else None,
            start=state.start,
            end=state.end,
            source=source,
        )
    ]
    for place in metonyms:
        out.append(
            ActorRecord(
                id=f"place:{slug(place)}",
                type="place",
                name=place,
                country=state.iso3,
                source=source,
            )
        )
    return out


def _spelling_of_capital(extra: ActorRecord, state: ActorRecord, by_id: Mapping[str, ActorRecord]) -> bool:
    """Whether a derived metonym place is another spelling of the state's capital:
    the capital's place record lists it among its aliases (the KB build takes such
    aliases from the city's source line)."""
    if extra.type != "place" or not state.capital:
        return False
    capital = by_id.get(f"place:{slug(state.capital)}")
    if capital is None or capital.id == extra.id:
        return False
    return normalize(extra.name) in {normalize(a) for a in capital.aliases}


class KnowledgeBase:
    """An immutable set of actor records with the indexes resolution needs.

    Build one with :meth:`default` (the shipped data, cached), :meth:`load`
    (shipped data plus your files) or from records directly.

    >>> kb = KnowledgeBase([ActorRecord(id="person:ada-example", type="person",
    ...                                 name="Ada Example", aliases=("Example",))])
    >>> kb.get("person:ada-example").name, len(kb)
    ('Ada Example', 1)
    """

    __slots__ = ("_by_id", "_cache", "_roles")

    def __init__(self, records: Iterable[ActorRecord] = ()) -> None:
        by_id: dict[str, ActorRecord] = {}
        for record in records:
            old = by_id.get(record.id)
            by_id[record.id] = record if old is None else merge_records(old, record)
        for record in [r for r in by_id.values() if r.type in _STATE_TYPES]:
            by_id[record.id] = record = _with_iso(record)
            for extra in _derived(record):
                if _spelling_of_capital(extra, record, by_id):
                    continue  # "Kiev" is an alias of the place Kyiv, not a place of its own
                old = by_id.get(extra.id)
                by_id[extra.id] = extra if old is None else merge_records(extra, old)
        self._by_id = by_id
        roles: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        for record in by_id.values():
            for role in record.roles:
                for scope in (role.country, role.org):
                    if scope:
                        roles.setdefault((role.role, scope), []).append((role, record.id))
        self._roles = roles
        # Lazily built indexes (gazetteer automaton, fuzzy tables), keyed by name.
        self._cache: dict[str, object] = {}

    # -- construction ---------------------------------------------------------

    @classmethod
    def default(cls) -> KnowledgeBase:
        """Return the shipped knowledge base (loaded once per process).

        >>> kb = KnowledgeBase.default()
        >>> kb.get("person:vladimir-putin").name, kb.get("gov:rus").type
        ('Vladimir Putin', 'government')

        Raises:
            KnowledgeBaseError: if a shipped file is missing or invalid.
        """
        return _default()

    @classmethod
    def from_files(cls, paths: Sequence[str | os.PathLike[str]]) -> KnowledgeBase:
        """Load schema-1 YAML or JSON actor files (no shipped data).

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
        >>> _ = path.write_text('{"schema": 1, "actors": [{"id": "org:x", "type": "company", "name": "X Ltd"}]}')
        >>> [r.name for r in KnowledgeBase.from_files([path])]
        ['X Ltd']

        Raises:
            KnowledgeBaseError: naming the file, if it cannot be read or breaks the schema.
        """
        records: list[ActorRecord] = []
        for path in paths:
            name = os.fspath(path)
            try:
                with open(name, encoding="utf-8") as fh:
                    data = json.load(fh) if name.endswith(".json") else parse_yaml(fh)
            except (OSError, ValueError, yaml.YAMLError) as exc:
                raise KnowledgeBaseError(
                    f"cannot read actor file {name}: {exc}; pass a readable schema-1 file"
                ) from exc
            except RecursionError:
                raise KnowledgeBaseError(
                    f"cannot read actor file {name}: it is nested too deeply to be an actor file; "
                    "pass a schema-1 file (a list of flat actor records)"
                ) from None
            try:
                records += parse_file(data, name)
            except RecursionError:
                raise KnowledgeBaseError(
                    f"actor file {name} is nested too deeply to be an actor file"
                ) from None
        return cls(records)

    @classmethod
    def load(cls, paths: Sequence[str | os.PathLike[str]] = (), *, builtin: bool = True) -> KnowledgeBase:
        """Return the shipped KB (unless ``builtin=False``) merged with ``paths``.

        >>> len(KnowledgeBase.load([])) == len(KnowledgeBase.default())
        True

        Raises:
            KnowledgeBaseError: naming the file and entry that breaks the schema.
        """
        user = cls.from_files(paths)
        return cls.default().merge(user) if builtin else user

    def merge(self, other: KnowledgeBase, *, match_names: bool = True) -> KnowledgeBase:
        """Return a new KB with ``other``'s records added to this one's.

        Records with the same id are merged (``other`` wins on scalar fields). With
        ``match_names``, a person of ``other`` whose normalised name equals a
        multi-word name of a person here, or a non-person whose name or
        abbreviation matches one here of the same type, is folded into that
        record, so an imported dictionary does not create a second Putin.

        >>> extra = KnowledgeBase([ActorRecord(id="cameo:putin", type="person",
        ...     name="Vladimir Putin", aliases=("President Putin",))])
        >>> merged = KnowledgeBase.default().merge(extra)
        >>> "President Putin" in merged.get("person:vladimir-putin").aliases, "cameo:putin" in merged
        (True, False)
        """
        index: dict[tuple[bool, str], str] = {}
        if match_names:
            for record in self._by_id.values():
                if record.type == "place":
                    continue
                for form in (record.name, *record.aliases, *record.abbreviations):
                    key = normalize(form)
                    if record.type != "person" or " " in key:
                        index.setdefault((record.type == "person", key), record.id)
        records = dict(self._by_id)
        for record in other._by_id.values():
            if record.type in ("government", "place") and record.source.startswith("derived"):
                continue  # re-derived below from the merged state
            target = record.id if record.id in records else None
            if target is None and match_names:
                for form in (record.name, *record.aliases):
                    key = normalize(form)
                    found = index.get((record.type == "person", key))
                    same_type = found and records[found].type == record.type
                    if found and (record.type == "person" or same_type):
                        target = found
                        break
            if target is None:
                records[record.id] = record
            else:
                records[target] = merge_records(records[target], attrs.evolve(record, id=target))
        return KnowledgeBase(records.values())

    def __getstate__(self) -> tuple[dict[str, ActorRecord], dict[tuple[str, str], list[tuple[Role, str]]]]:
        # Worker processes get the records; the indexes are rebuilt there on first use.
        return self._by_id, self._roles

    def __setstate__(
        self, state: tuple[dict[str, ActorRecord], dict[tuple[str, str], list[tuple[Role, str]]]]
    ) -> None:
        self._by_id, self._roles = state
        self._cache = {}

    # -- access ---------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[ActorRecord]:
        return iter(self._by_id.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def get(self, actor_id: str) -> ActorRecord | None:
        """Return the record with this id, or ``None``."""
        return self._by_id.get(actor_id)

    def holders(self, role: str, scope: str, day: datetime.date) -> list[ActorRecord]:
        """Who holds ``role`` of ``scope`` (ISO3 country or org id) on ``day``.

        Latest start first; usually one record, more for shared offices.

        >>> kb = KnowledgeBase([ActorRecord(id="person:a", type="person", name="A",
        ...     roles=(Role(role="head_of_state", country="XXX",
        ...                 start=datetime.date(2000, 1, 1), end=datetime.date(2010, 1, 1)),)),
        ...     ActorRecord(id="person:b", type="person", name="B",
        ...     roles=(Role(role="head_of_state", country="XXX",
        ...                 start=datetime.date(2010, 1, 1)),))])
        >>> [r.id for r in kb.holders("head_of_state", "XXX", datetime.date(2005, 6, 1))]
        ['person:a']
        >>> [r.id for r in kb.holders("head_of_state", "XXX", datetime.date(2024, 6, 1))]
        ['person:b']
        """
        found = [
            (role.start or datetime.date.min, rid)
            for role, rid in self._roles.get((role, scope), ())
            if role.holds_on(day)
        ]
        found.sort(reverse=True)
        return [self._by_id[rid] for _, rid in dict.fromkeys(found)]

    def former_holder(self, role: str, scope: str, day: datetime.date) -> ActorRecord | None:
        """The most recent holder of ``role`` of ``scope`` whose term ended by ``day``."""
        ended = [
            (r.end, rid)
            for r, rid in self._roles.get((role, scope), ())
            if r.end is not None and r.end <= day
        ]
        current = {r.id for r in self.holders(role, scope, day)}
        ended = [(end, rid) for end, rid in ended if rid not in current]
        return self._by_id[max(ended)[1]] if ended else None

    def metonym_place(self, form: str) -> str | None:
        """The place actor a state's metonym names when it is read as a place.

        Args:
            form: A metonym as written ("Minsk", "Kiev", "Kremlin").

        Returns:
            ``place:<slug of the form>`` when that record exists, else the capital's
            place when the form is another spelling of the capital that its record
            lists as an alias ("Kiev" names ``place:kyiv``), else ``None``.

        Example:
            >>> kb = KnowledgeBase.default()
            >>> kb.metonym_place("Minsk"), kb.metonym_place("Kiev"), kb.metonym_place("Nowhere")
            ('place:minsk', 'place:kyiv', None)
        """
        own = f"place:{slug(form)}"
        if own in self._by_id:
            return own
        cached = self._cache.get("metonym_places")
        index: dict[str, str] = {}
        if isinstance(cached, dict):
            index = cached
        else:
            for state in self._by_id.values():
                capital = self._by_id.get(f"place:{slug(state.capital)}") if state.capital else None
                if state.type not in _STATE_TYPES or capital is None:
                    continue
                aliases = {normalize(a) for a in capital.aliases}
                for metonym in state.metonyms:
                    if normalize(metonym) in aliases:
                        index.setdefault(slug(metonym), capital.id)
            self._cache["metonym_places"] = index
        return index.get(slug(form))

    def state_for(self, iso3: str) -> ActorRecord | None:
        """Return the state record with this ISO alpha-3 code."""
        return self._by_id.get(f"state:{iso3.lower()}")

    def cached(self, name: str) -> object | None:
        """Return an index built earlier by :meth:`remember` (internal)."""
        return self._cache.get(name)

    def remember(self, name: str, value: object) -> None:
        """Keep an index built from this KB (internal; the KB itself never changes)."""
        self._cache[name] = value


def _shipped(name: str) -> object:
    try:
        return load_json(name) if name.endswith((".json", ".json.gz")) else load_yaml(name)
    except Exception as exc:
        raise KnowledgeBaseError(
            f"shipped actor file geotext/data/{name} cannot be loaded ({exc}); "
            "reinstall geotext or pass your own files to KnowledgeBase.load(builtin=False)"
        ) from exc


def _manifest() -> Mapping[str, object]:
    if not has_data(MANIFEST):
        return {}
    data = _shipped(MANIFEST)
    if not isinstance(data, Mapping) or data.get("schema") != 1:
        raise KnowledgeBaseError(f"geotext/data/{MANIFEST} is not a schema-1 build manifest")
    return data


def _generated_files() -> list[str]:
    files = _manifest().get("files") or []
    if not isinstance(files, list):
        raise KnowledgeBaseError(f"geotext/data/{MANIFEST}: 'files' must be a list")
    return [f"actors/{f}" for f in files if str(f).endswith((".json", ".json.gz"))]


@functools.cache
def _handwritten() -> tuple[ActorRecord, ...]:
    records: list[ActorRecord] = []
    for name in BUILTIN_FILES:
        records += parse_file(_shipped(name), f"geotext/data/{name}")
    return tuple(records)


def handwritten() -> KnowledgeBase:
    """The KB of the hand-written YAML files only (what the KB build aligns with).

    >>> len(handwritten()) < len(KnowledgeBase.default())
    True
    """
    return KnowledgeBase(_handwritten())


@functools.cache
def _default() -> KnowledgeBase:
    records = list(_handwritten())
    for name in _generated_files():
        records += parse_file(_shipped(name), f"geotext/data/{name}")
    return KnowledgeBase(records)


def kb_info(kb: KnowledgeBase | None = None) -> dict[str, object]:
    """What the shipped KB holds: build date, sources and licences, counts, ids.

    Returns:
        A JSON-ready dict: ``built`` (build date of the generated files),
        ``sources`` (name, title, licence, url, commit of each), ``records`` by
        type, ``wikidata`` (records with a QID, by type), ``wikipedia`` (records
        with an English Wikipedia title, by type), ``files``.

    >>> info = kb_info()
    >>> info["records"]["state"] == info["wikidata"]["state"]
    True
    """
    kb = kb or KnowledgeBase.default()
    manifest = _manifest()
    records: dict[str, int] = {}
    qids: dict[str, int] = {}
    titles: dict[str, int] = {}
    for record in kb:
        records[record.type] = records.get(record.type, 0) + 1
        qids[record.type] = qids.get(record.type, 0) + bool(record.wikidata)
        if record.wikipedia:
            titles[record.type] = titles.get(record.type, 0) + 1
    sources = [
        {
            "name": "hand-written",
            "title": "geotext YAML files",
            "licence": "MIT (geotext)",
            "files": list(BUILTIN_FILES),
        }
    ]
    for src in manifest.get("sources") or []:  # type: ignore[attr-defined]
        if isinstance(src, Mapping):
            keys = ("name", "title", "licence", "url", "commit", "commit_date", "records", "rejected")
            entry = {k: src[k] for k in keys if k in src}
            if isinstance(src.get("repositories"), Mapping):
                entry["repositories"] = len(src["repositories"])
            if isinstance(src.get("files"), Mapping):  # several source files: url, path, commit each
                entry["files"] = {
                    str(k): f"{v.get('url', '')}/blob/{v.get('commit', '')}/{v.get('path', '')}"
                    for k, v in src["files"].items()
                    if isinstance(v, Mapping)
                }
            sources.append(entry)
    return {
        "built": manifest.get("built"),
        "version": manifest.get("version"),
        "command": manifest.get("command"),
        "files": list(BUILTIN_FILES) + _generated_files(),
        "sources": sources,
        "total": len(kb),
        "with_wikidata": sum(qids.values()),
        "records": dict(sorted(records.items())),
        "wikidata": dict(sorted(qids.items())),
        "wikipedia": dict(sorted(titles.items())),
        "build_counts": manifest.get("counts") or {},
    }
