"""Actor records: knowledge-base entries and resolved actors with their mentions.

:class:`ActorRecord` and :class:`Role` are what the knowledge base holds (one per
YAML entry); :class:`Actor` and :class:`Mention` are what resolution returns for
one document. All are frozen, slotted, keyword-only attrs classes.
"""

from __future__ import annotations

import bisect
import datetime

from attrs import field, frozen

LIST_FIELDS = ("aliases", "abbreviations", "adjectives", "demonyms", "metonyms")
"""Record fields holding lists of surface forms (merged by union)."""
SCALAR_FIELDS = (
    "gender",
    "country",
    "iso2",
    "iso3",
    "un",
    "capital",
    "leader_role",
    "parent",
    "wikidata",
    "wikipedia",
    "cameo",
    "successor",
)
"""Record fields holding one optional value (a merge keeps the first one set)."""

__all__ = [
    "ACTOR_TYPES",
    "MENTION_KINDS",
    "Actor",
    "ActorRecord",
    "Mention",
    "Role",
]

ACTOR_TYPES = frozenset(
    {
        "person",
        "state",
        "government",
        "body",
        "igo",
        "armed_group",
        "party",
        "media",
        "think_tank",
        "company",
        "collective",
        "historical_state",
        "place",
        "organization",
    }
)
"""Valid ``type`` values (``organization`` is used for unknown organisations)."""

MENTION_KINDS = frozenset({"name", "alias", "abbreviation", "title", "description", "pronoun", "metonym"})
"""Valid :attr:`Mention.kind` values."""


def _iso(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


@frozen(kw_only=True)
class Role:
    """A dated role: ``role`` of ``country`` (or ``org``) from ``start`` until ``end``.

    Both dates are inclusive (on a handover day the outgoing holder's ``end``
    equals the incoming holder's ``start``; :meth:`KnowledgeBase.holders` puts
    the later start first). ``end`` is ``None`` while the role is held;
    ``start`` ``None`` means "since before our records".

    >>> r = Role(role="head_of_state", country="RUS", title="President of Russia",
    ...          start=datetime.date(2012, 5, 7))
    >>> r.holds_on(datetime.date(2024, 1, 1)), r.holds_on(datetime.date(2010, 1, 1))
    (True, False)
    """

    role: str
    title: str = ""
    country: str | None = None
    org: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    def holds_on(self, day: datetime.date) -> bool:
        """Whether the role is held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "role": self.role,
            "title": self.title,
            "country": self.country,
            "org": self.org,
            "start": _iso(self.start),
            "end": _iso(self.end),
        }


@frozen(kw_only=True)
class ActorRecord:
    """One knowledge-base entry (see ``docs/actors.rst`` for the YAML fields).

    Aliases, abbreviations, adjectives, demonyms and metonyms are surface forms;
    the KB normalises them for matching. State-only fields (``iso2``, ``un``,
    ``capital``, ``leader_role``) are empty for other types.
    """

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    gender: str | None = None
    country: str | None = None
    iso2: str | None = None
    iso3: str | None = None
    un: str | None = None
    capital: str | None = None
    leader_role: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    wikipedia: str | None = None
    cameo: str | None = None
    roles: tuple[Role, ...] = ()
    start: datetime.date | None = None
    end: datetime.date | None = None
    successor: str | None = None
    source: str = ""

    def exists_on(self, day: datetime.date) -> bool:
        """Whether the actor existed on ``day`` (historical states have dates)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict (empty fields left out)."""
        out: dict[str, object] = {"id": self.id, "type": self.type, "name": self.name}
        for key in LIST_FIELDS:
            values: tuple[str, ...] = getattr(self, key)
            if values:
                out[key] = list(values)
        for key in SCALAR_FIELDS:
            value: str | None = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.start is not None or self.end is not None:
            out["start"], out["end"] = _iso(self.start), _iso(self.end)
        if self.roles:
            out["roles"] = [r.to_dict() for r in self.roles]
        if self.source:
            out["source"] = self.source
        return out


def _check_kind(instance: object, attribute: object, value: str) -> None:
    if value not in MENTION_KINDS:
        raise ValueError(f"mention kind {value!r} is not one of {sorted(MENTION_KINDS)}")


@frozen(kw_only=True)
class Mention:
    """One place in the text that refers to an actor.

    ``start``/``end`` index the document's original text; ``kind`` says how the
    text refers (``name``, ``alias``, ``abbreviation``, ``title``,
    ``description``, ``pronoun``, ``metonym``); ``evidence`` says which rule
    resolved it; ``metonymic`` marks a place name standing for a government.
    """

    text: str
    start: int
    end: int
    kind: str = field(validator=_check_kind)
    evidence: str
    sentence: int
    metonymic: bool = False

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "evidence": self.evidence,
            "sentence": self.sentence,
            "metonymic": self.metonymic,
        }


def _in_order(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    return tuple(sorted(mentions, key=lambda m: (m.start, m.end)))


def _mention_start(m: Mention) -> int:
    return m.start


@frozen(kw_only=True)
class Actor:
    """A resolved actor with every mention of it in one document.

    ``id`` is the KB id (``person:vladimir-putin``, ``state:rus``, ``gov:rus``,
    ``org:isw``) or, for people and organisations the KB lacks,
    ``unk:person:<slug>`` / ``unk:org:<slug>`` / ``unk:place:<slug>``, the slug
    of the canonical name: the KB's name when linked, else the fullest name form
    in the text. ``record`` is the KB entry, or ``None`` for unknown actors.
    Mentions are kept in text order. ``roles`` are the role phrases the text
    gives the actor ("analyst", "chief executive"); ``affiliations`` the ids of
    the actors those roles belong to ("Harbor Bank analyst Tomas Reyes").
    """

    id: str
    name: str
    type: str
    record: ActorRecord | None
    mentions: tuple[Mention, ...] = field(converter=_in_order)
    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    _longest: int = field(init=False, eq=False, repr=False, default=0)

    def __attrs_post_init__(self) -> None:
        longest = max((m.end - m.start for m in self.mentions), default=0)
        object.__setattr__(self, "_longest", longest)

    def overlap(self, start: int, end: int) -> int:
        """The longest overlap of one of the mentions with ``[start, end)``; 0 if none.

        Binary search over the mentions: quote attribution calls this for every
        speaker of a long text.

        >>> m = Mention(text="Ada", start=4, end=7, kind="name", evidence="", sentence=0)
        >>> a = Actor(id="unk:person:ada", name="Ada", type="person", record=None, mentions=(m,))
        >>> a.overlap(0, 5), a.overlap(0, 100), a.overlap(7, 9)
        (1, 3, 0)
        """
        mentions = self.mentions
        k = bisect.bisect_left(mentions, end, key=_mention_start)
        best = 0
        while k > 0:
            k -= 1
            m = mentions[k]
            if m.start + self._longest <= start:
                break
            best = max(best, min(end, m.end) - max(start, m.start))
        return best

    @property
    def start(self) -> int:
        """Start offset of the first mention."""
        return self.mentions[0].start if self.mentions else 0

    @property
    def end(self) -> int:
        """End offset of the first mention."""
        return self.mentions[0].end if self.mentions else 0

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict: id, name, type, record (or ``None``), mentions,
        roles, affiliations."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "record": None if self.record is None else self.record.to_dict(),
            "mentions": [m.to_dict() for m in self.mentions],
            "roles": list(self.roles),
            "affiliations": list(self.affiliations),
        }
