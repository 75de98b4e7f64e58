"""Import PETRARCH/Phoenix CAMEO actor and agent dictionaries (TABARI format).

Event-data users keep actor lists in this format; :func:`load_cameo` turns them
into a :class:`~geotext.actors.kb.KnowledgeBase` to merge with the shipped one
(``KnowledgeBase.default().merge(load_cameo(path))``). The format::

    VLADIMIR_PUTIN_  # a comment
    +PUTIN_
    +PRIME_MINISTER_VLADIMIR_PUTIN_
        [RUSGOV 991231-080507]
        [RUSGOV >080508]
        [RUSELI]

* a root name, words joined by ``_`` (a trailing ``_`` marks the end of the
  phrase), then synonyms on ``+`` lines; ``#`` starts a comment;
* codes in brackets, on the root line or on indented lines: a country code
  (``RUS``) followed by sector codes (``GOV`` government, ``ELI`` elite,
  ``MIL`` military ...), or an international prefix (``IGO``, ``NGO``);
  ``[---]`` means no code;
* a code may be dated: ``a-b`` a range, ``>a`` from, ``<b`` until; dates are
  ``YYMMDD`` (two-digit years up to 30 are 20YY, others 19YY) or ``YYYYMMDD``.

How entries become records. An entry whose only code is a bare ISO 3166
alpha-3 code is that state, ``state:<iso3>``, so that merging adds its names
to the KB's state (CAMEO's own country codes such as ``KSV`` or ``USR`` give
``cameo:<slug>`` states, merged by name). An entry with a dated code, or an elite (``ELI``) code, is a
person; each dated code becomes a role ``cameo`` whose ``title`` is the code
(``RUSGOV``) and whose ``country`` is the code's country (CAMEO does not say
which office, so these roles never answer "the Russian President"; the KB's own
roles do). Any other entry is an organisation typed by its codes (``REB``,
``INS``, ``SEP``, ``UAF``: armed group; ``IGO``: igo; ``MNC``, ``BUS``:
company; ``MED``: media; ``PTY``: party; else body). Ids are
``cameo:<slug of the root name>``. Names are upper case in CAMEO; they are
title-cased (function words lower case, one-word names of up to four letters
kept as abbreviations) so that the gazetteer's case rules apply. Agents files (role nouns such as ``PRESIDENT [~GOV]``, with
``!MACRO!`` substitution sets) are read by :func:`read_cameo_agents`.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Iterable, Sequence

import pycountry
import regex
from attrs import frozen

from geotext.actors.kb import KnowledgeBase, KnowledgeBaseError, merge_records
from geotext.actors.normalize import normalize, slug
from geotext.actors.records import ActorRecord, Role

__all__ = ["CameoCode", "CameoImport", "load_cameo", "read_cameo", "read_cameo_agents"]

_CODE = regex.compile(r"\[([^\]]*)\]")
_DATE = regex.compile(r"^(?:\d{6}|\d{8})$")
_FUNCTION = frozenset({"of", "the", "and", "for", "de", "du", "la", "le", "on", "in", "al", "el"})
_INTERNATIONAL = ("IGO", "NGO", "NGM", "MNC", "INT", "IMG", "UIS", "ELI")
_ARMED = frozenset({"REB", "INS", "SEP", "UAF"})
# Sector codes that make an entry a person or an organisation, not a territory.
_SECTORS = frozenset(
    [
        "GOV",
        "ELI",
        "MIL",
        "OPP",
        "LEG",
        "JUD",
        "COP",
        "SPY",
        "PTY",
        "REB",
        "INS",
        "SEP",
        "UAF",
        "CVL",
        "BUS",
        "MED",
        "LAB",
        "EDU",
        "HLH",
        "REF",
        "CRM",
        "AGR",
        "ENV",
        "HRI",
        "DEV",
        "RAD",
        "IGO",
        "NGO",
        "MNC",
    ]
)
# Country codes CAMEO uses that are not current ISO codes (USSR, Yugoslavia,
# Czechoslovakia, East Germany, Timor-Leste, Kosovo, Serbia and Montenegro, FR Yugoslavia).
_CAMEO_ONLY = frozenset({"USR", "YUG", "CSK", "DDR", "TMP", "KSV", "SCG", "FRY"})


@frozen(kw_only=True)
class CameoCode:
    """One bracketed code, with its validity dates if any."""

    code: str
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def dated(self) -> bool:
        """Whether the code carries a date restriction."""
        return self.start is not None or self.end is not None


@frozen(kw_only=True)
class CameoImport:
    """The result of reading one dictionary: records, counts and what was skipped."""

    records: tuple[ActorRecord, ...]
    entries: int
    roles: int
    skipped: tuple[str, ...]
    """One line per skipped entry or code: ``file:line: reason``."""


def _year(two: str) -> int:
    value = int(two)
    return 2000 + value if value <= 30 else 1900 + value


def _date(text: str) -> datetime.date:
    if not _DATE.match(text):
        raise ValueError(text)
    if len(text) == 8:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return datetime.date(_year(text[:2]), int(text[2:4]), int(text[4:]))


def parse_code(text: str) -> CameoCode | None:
    """Parse the inside of one ``[...]`` code; ``None`` for ``---``.

    >>> parse_code("RUSGOV 991231-080507")
    CameoCode(code='RUSGOV', start=datetime.date(1999, 12, 31), end=datetime.date(2008, 5, 7))
    >>> parse_code("RUSGOV >080508").start, parse_code("USRARM <900823").end
    (datetime.date(2008, 5, 8), datetime.date(1990, 8, 23))

    Raises:
        ValueError: for a malformed date.
    """
    parts = text.split()
    if not parts or parts[0].strip("-") == "":
        return None
    code = parts[0]
    when = "".join(parts[1:])
    if not when:
        return CameoCode(code=code)
    if when.startswith(">"):
        return CameoCode(code=code, start=_date(when[1:]))
    if when.startswith("<"):
        return CameoCode(code=code, end=_date(when[1:]))
    a, sep, b = when.partition("-")
    if not sep:
        raise ValueError(when)
    return CameoCode(code=code, start=_date(a), end=_date(b))


def _display(raw: str) -> str:
    """``VLADIMIR_PUTIN_`` -> ``Vladimir Putin``; ``IAEA_`` -> ``IAEA``."""
    words = [w for w in regex.split(r"[_\s]+", raw.strip("_ ")) if w]
    if len(words) == 1 and len(words[0]) <= 4:
        return words[0]
    out = []
    for n, word in enumerate(words):
        if "." in word and len(word) <= 6:
            out.append(word)  # U.N., U.S.
        elif n and word.casefold() in _FUNCTION:
            out.append(word.casefold())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def _entries(lines: Iterable[str], where: str) -> Iterable[tuple[int, list[str], list[str], list[str]]]:
    """Yield (line number, raw names, raw codes, problems) per entry."""
    current: tuple[int, list[str], list[str], list[str]] | None = None
    for number, line in enumerate(lines, 1):
        body = line.split("#", 1)[0].rstrip()
        body = regex.sub(r"\{[^}]*\}", "", body)
        if not body.strip():
            continue
        codes = _CODE.findall(body)
        name = _CODE.sub("", body).strip()
        if body[:1].isspace() and not name:
            if current is None:
                yield number, [], [], [f"{where}:{number}: code line before any name"]
            else:
                current[2].extend(codes)
            continue
        if name.startswith("+"):
            if current is None:
                yield number, [], [], [f"{where}:{number}: synonym before any name"]
            else:
                current[1].append(name[1:])
                current[2].extend(codes)
            continue
        if current is not None:
            yield current
        current = (number, [name], list(codes), [])
    if current is not None:
        yield current


def _type_of(codes: Sequence[CameoCode]) -> str:
    first = codes[0].code
    sectors = {c.code[k : k + 3] for c in codes for k in range(0, len(c.code), 3)}
    if sectors & _ARMED:
        return "armed_group"
    if first.startswith("IGO"):
        return "igo"
    if sectors & {"MNC", "BUS"}:
        return "company"
    if "MED" in sectors:
        return "media"
    if "PTY" in sectors:
        return "party"
    return "body"


@functools.cache
def _is_country(code: str) -> bool:
    return code in _CAMEO_ONLY or pycountry.countries.get(alpha_3=code) is not None


@functools.cache
def _country(code: str) -> str | None:
    """The country part of a code (``RUS`` of ``RUSGOV``; ``USR`` the USSR), if any."""
    head = code[:3]
    return head if head not in _INTERNATIONAL and _is_country(head) else None


def read_cameo(source: str | os.PathLike[str] | Sequence[str], *, name: str = "") -> CameoImport:
    """Read a CAMEO actor dictionary from a path or from its lines.

    >>> result = read_cameo(["VLADIMIR_PUTIN_", "+PUTIN_", "  [RUSGOV >080508]"], name="t")
    >>> result.records[0].name, result.records[0].aliases, result.roles
    ('Vladimir Putin', ('Putin',), 1)

    Raises:
        KnowledgeBaseError: if the file cannot be read.
    """
    if isinstance(source, (str, os.PathLike)) and not isinstance(source, list):
        where = name or os.fspath(source)
        try:
            with open(source, encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read CAMEO dictionary {where}: {exc}") from exc
    else:
        lines, where = list(source), name or "<lines>"
    records: dict[str, ActorRecord] = {}
    skipped: list[str] = []
    entries = roles = 0
    for number, names, raw_codes, problems in _entries(lines, where):
        skipped += problems
        if not names:
            continue
        entries += 1
        codes: list[CameoCode] = []
        for raw in raw_codes:
            try:
                code = parse_code(raw)
            except ValueError:
                skipped.append(f"{where}:{number}: bad date in [{raw}] (code dropped)")
                continue
            if code is not None:
                codes.append(code)
        if not codes:
            skipped.append(f"{where}:{number}: {names[0]!r} has no code")
            continue
        if not any(_display(n) for n in names):
            skipped.append(f"{where}:{number}: entry has no name before its code")
            continue
        if "!" in names[0]:
            skipped.append(f"{where}:{number}: macro {names[0]!r} in an actor file")
            continue
        record = _record(names, codes, where, number)
        if record.type == "person":
            roles += len(record.roles)
        old = records.get(record.id)
        records[record.id] = record if old is None else merge_records(old, record)
    return CameoImport(records=tuple(records.values()), entries=entries, roles=roles, skipped=tuple(skipped))


def _record(names: list[str], codes: list[CameoCode], where: str, number: int) -> ActorRecord:
    display = [_display(n) for n in names]
    display = list(dict.fromkeys(d for d in display if d))
    source = f"CAMEO {os.path.basename(where)}:{number}"
    bare = [c.code for c in codes if not c.dated]
    latest = max(codes, key=lambda c: c.start or datetime.date.min).code
    if len(latest) == 3 and _is_country(latest) and not any(c.code[3:6] in _SECTORS for c in codes):
        # A territory: "[RUS]", or a history of codes ("[YUGKSV <920428]", "[KSV >080217]").
        code = latest
        iso = pycountry.countries.get(alpha_3=code) is not None
        historical = code in ("USR", "YUG", "CSK", "DDR", "SCG")
        return ActorRecord(
            id=f"state:{code.lower()}" if iso else f"cameo:{slug(display[0])}",
            type="historical_state" if historical else "state",
            name=display[0],
            aliases=tuple(display[1:]),
            iso3=code if iso else None,
            country=code,
            cameo=code,
            source=source,
        )
    dated = [c for c in codes if c.dated]
    if dated or any(c.code.endswith("ELI") for c in codes):
        roles = tuple(
            Role(
                role="cameo",
                title=c.code,
                country=_country(c.code),
                start=c.start,
                end=c.end,
            )
            for c in dated
        )
        current = max(dated, key=lambda c: c.start or datetime.date.min) if dated else codes[0]
        return ActorRecord(
            id=f"cameo:{slug(display[0])}",
            type="person",
            name=display[0],
            aliases=tuple(display[1:]),
            country=_country(current.code),
            cameo=bare[0] if bare else current.code,
            roles=roles,
            source=source,
        )
    return ActorRecord(
        id=f"cameo:{slug(display[0])}",
        type=_type_of(codes),
        name=display[0],
        aliases=tuple(display[1:]),
        country=_country(codes[0].code),
        cameo=codes[0].code,
        source=source,
    )


def load_cameo(*paths: str | os.PathLike[str]) -> KnowledgeBase:
    """Read CAMEO actor dictionaries into a knowledge base (to merge with another).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mini.actors.txt"
    >>> _ = path.write_text("ISW_ [NGOTHK]\\n+INSTITUTE_FOR_THE_STUDY_OF_WAR_\\n")
    >>> [(r.name, r.aliases, r.type) for r in load_cameo(path)]
    [('ISW', ('Institute for the Study of War',), 'body')]
    """
    records: list[ActorRecord] = []
    for path in paths:
        records += read_cameo(path).records
    return KnowledgeBase(records)


def read_cameo_agents(source: str | os.PathLike[str] | Sequence[str]) -> dict[str, str]:
    """Read a CAMEO agents file: normalised noun phrase -> agent code (``~GOV``).

    ``!NAME! = A, B`` lines define substitution sets; ``X!NAME!`` expands to
    ``XA``, ``XB``.

    >>> read_cameo_agents(["!PERSON! = MAN, WOMAN", "POLICE!PERSON! [~COP]", "PRESIDENT_ [~GOV]"])
    {'policeman': '~COP', 'policewoman': '~COP', 'president': '~GOV'}
    """
    if isinstance(source, (str, os.PathLike)) and not isinstance(source, list):
        with open(source, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    else:
        lines = list(source)
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for line in lines:
        body = regex.sub(r"\{[^}]*\}", "", line.split("#", 1)[0]).strip()
        macro = regex.match(r"^!(\w+)!\s*=\s*(.+)$", body)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(body)
        phrase = _CODE.sub("", body).strip().lstrip("+")
        if not codes or not phrase:
            continue
        forms = [phrase]
        for key, values in macros.items():
            forms = (
                [f.replace(f"!{key}!", v) for f in forms for v in values] if f"!{key}!" in phrase else forms
            )
        for form in forms:
            key = normalize(form.replace("_", " "))
            if key and "!" not in form:
                out.setdefault(key, codes[0].split()[0])
    return out
