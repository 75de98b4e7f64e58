"""Gazetteer: every KB alias and role noun matched in one pass over the text.

The document's words become a stream of :class:`Tok` (one per name token; glued
words are split, see :mod:`geotext.actors.normalize`). Their keys are joined
with single spaces into one string, and a pyahocorasick automaton holding every
normalised alias (with a space on each side, so matches fall on word
boundaries) finds all occurrences at once: the cost grows with the text, not
with the number of aliases. The automaton is built once per knowledge base.

Matches then pass the case rules: a capitalised alias word must be capitalised
in the text ("West" but not "west"), an all-capitals abbreviation of up to three
letters must be in capitals ("US" but not "us"), lower-case words ("for", "the")
match any case. A match may not cross punctuation such as commas or brackets,
nor a sentence boundary. Overlaps are settled longest first, then leftmost.

Why :class:`Tok` is not the language layer's :class:`~geotext.language.view.View`:
the view is one sentence's *words* (lemma, UPOS, head, relation) for reading
clauses; the gazetteer needs a *document-wide* stream of *name tokens*, which are
not words: a glued word is several tokens ("theInstitute" → "the", "institute"),
a possessive is dropped ("Putin's" → "putin"), keys are case- and
diacritic-folded for the automaton, and each token carries whether punctuation or
a sentence boundary separates it from the one before (``brk``), so that one index
runs across sentences for the automaton's matches and for the resolver's windows.
:func:`stream` is a thin adapter over the same :class:`~geotext.model.Document`
words the view reads (no tokenizer of its own): every token names its sentence
and word (``sentence``, ``word``), so ``View(doc.sentences[t.sentence], ...)
.words[t.word - 1]`` is the word a token came from.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import ahocorasick
import regex
from attrs import define, frozen

from geotext.actors.kb import KnowledgeBase
from geotext.actors.names import given_name_gender
from geotext.actors.normalize import name_tokens, normalize, pieces
from geotext.actors.records import ActorRecord
from geotext.data import has_data, load_text_lines, load_yaml, word_set
from geotext.model import Document

__all__ = ["Entry", "Gazetteer", "Match", "RoleVocabulary", "Tok", "roles_vocabulary", "stream"]

# Punctuation that no multi-word name spans (periods may: "St. Petersburg").
_BREAKS = frozenset(',;:!?()[]{}"\u201c\u201d\u00ab\u00bb\u201e/|\u2026')
_BREAK_RE = regex.compile("[" + regex.escape("".join(sorted(_BREAKS))) + "]")
# Generational suffixes: "Donald Trump Jr." is not Donald Trump.
SUFFIXES = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})
# Capitalised words that may follow a name without being part of it.
_CALENDAR = word_set("closed_class.yaml", "calendar", "weekdays") | word_set(
    "closed_class.yaml", "calendar", "months"
)
# Persons before non-persons when one alias names both; then states, governments.
_TYPE_ORDER = {"person": 0, "state": 1, "government": 2, "historical_state": 3}
# KB places (regions, cities) come last: rank 6.


@define(kw_only=True)
class Tok:
    """A name token of the document (see :class:`~geotext.actors.normalize.NameToken`).

    ``brk`` is true when punctuation or a sentence boundary separates this token
    from the previous one; ``word`` is the 1-based id of the word it came from
    in sentence ``sentence`` (for the parse). Not frozen: a document makes one
    per word, and frozen attrs classes are several times slower to build.
    """

    key: str
    surface: str
    start: int
    end: int
    shape: str
    sentence: int
    word: int
    brk: bool
    first: bool
    """Whether this is the first token of its sentence."""


ACTOR_KINDS = frozenset({"name", "alias", "abbreviation", "adjective", "demonym", "metonym"})
"""Entry kinds that name an actor (the others are title vocabulary)."""


@frozen(kw_only=True)
class Entry:
    """What a gazetteer key stands for: an actor (by id) or a role noun.

    ``kind`` is one of ``name``, ``alias``, ``abbreviation``, ``adjective``,
    ``demonym``, ``metonym`` (actor entries) or ``role``, ``leader``,
    ``counterpart``, ``description``, ``former``, ``blocking`` (vocabulary);
    ``shapes`` holds the case each token must have (``any``, ``cap``, ``upper``).
    """

    target: str
    kind: str
    form: str
    shapes: tuple[str, ...]
    rank: int = 9
    guarded: bool = False
    """A KB place named like a common word or a given name ("Mobile", "Charlotte"):
    it counts only with a locative cue (see :func:`geotext.actors.resolve`)."""


@frozen(kw_only=True)
class Match:
    """Tokens ``i`` to ``j`` (exclusive) of the stream and what they may mean."""

    i: int
    j: int
    entries: tuple[Entry, ...]

    @property
    def actor_entries(self) -> tuple[Entry, ...]:
        """Entries that name an actor."""
        return tuple(e for e in self.entries if e.kind in ACTOR_KINDS)

    @property
    def vocab(self) -> Entry | None:
        """The role/description vocabulary entry of this match, if any."""
        return next((e for e in self.entries if e.kind not in ACTOR_KINDS), None)


@frozen(kw_only=True)
class RoleVocabulary:
    """The title vocabulary of ``data/roles.yaml``: noun key -> (kind, role key)."""

    nouns: Mapping[str, tuple[str, str]]


@functools.cache
def roles_vocabulary() -> RoleVocabulary:
    """Load ``data/roles.yaml`` once.

    >>> roles_vocabulary().nouns["boss"], roles_vocabulary().nouns["top diplomat"]
    (('leader', 'leader'), ('role', 'foreign_minister'))
    """
    data = load_yaml("roles.yaml")
    if not isinstance(data, Mapping):
        raise TypeError("roles.yaml must hold a mapping")
    nouns: dict[str, tuple[str, str]] = {}
    for role, words in dict(data.get("roles") or {}).items():
        for word in words:
            nouns[normalize(str(word))] = ("role", str(role))
    sections = {
        "leader": "leader",
        "counterpart": "counterpart",
        "descriptions": "description",
        "former": "former",
        "blocking": "blocking",
    }
    for section, kind in sections.items():
        for word in data.get(section) or ():
            nouns.setdefault(normalize(str(word)), (kind, kind))
    return RoleVocabulary(nouns=nouns)


def _shapes(form: str) -> tuple[str, ...]:
    out = []
    for tok in name_tokens(form):
        if tok.shape == "upper" and len(tok.key) <= 3:
            out.append("upper")
        elif tok.shape in ("upper", "cap"):
            out.append("cap")
        else:
            out.append("any")
    return tuple(out)


@functools.cache
def _guarded_places() -> frozenset[str]:
    """Normalised place names that need a locative cue (``data/actors/place_guard.txt``,
    written by the KB build)."""
    if not has_data("actors/place_guard.txt"):
        return frozenset()
    return frozenset(load_text_lines("actors/place_guard.txt"))


# Organisations whose metonyms ("Brussels" for the EU, "Langley" for the CIA) enter
# the gazetteer; a government's metonyms always do.
_METONYM_TYPES = frozenset({"government", "igo", "body"})


# Compass words name regions of some states ("North", "Southwest" in Cameroon), but
# alone in a text they are directions, parts of road names or "the North" of wherever
# the text is about: a place is never matched by one of them alone.
_COMPASS = frozenset(
    {
        *("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"),
        *("north-east", "north-west", "south-east", "south-west", "centre", "center", "central"),
        *("midwest", "north east", "north west", "south east", "south west"),
    }
)


def _entries_of(record: ActorRecord) -> list[Entry]:
    if record.type == "place" and record.source.startswith("derived"):
        return []  # a capital or seat: the government's metonym entry covers it
    rank = _TYPE_ORDER.get(record.type, 6 if record.type == "place" else 5)
    forms: list[tuple[str, str]] = [(record.name, "name")]
    # Every full or partial name of a person is a name; other actors have aliases.
    forms += [(a, "name" if record.type == "person" else "alias") for a in record.aliases]
    forms += [(a, "abbreviation") for a in record.abbreviations]
    if record.type in _METONYM_TYPES:
        forms += [(m, "metonym") for m in record.metonyms]
    forms += [(a, "adjective") for a in record.adjectives]
    forms += [(d, "demonym") for d in record.demonyms if d not in record.adjectives]
    guard = _guarded_places() if record.type == "place" else frozenset()
    if record.type == "place":
        forms = [(f, k) for f, k in forms if normalize(f) not in _COMPASS]
    return [
        Entry(
            target=record.id,
            kind=kind,
            form=form,
            shapes=_shapes(form),
            rank=rank,
            guarded=normalize(form) in guard,
        )
        for form, kind in forms
    ]


class Gazetteer:
    """An Aho-Corasick automaton over normalised KB aliases and role nouns.

    >>> from geotext.actors.kb import KnowledgeBase
    >>> kb = KnowledgeBase([ActorRecord(id="org:isw", type="think_tank",
    ...     name="Institute for the Study of War", abbreviations=("ISW",))])
    >>> g = Gazetteer.for_kb(kb)
    >>> toks = [Tok(key=t.key, surface=t.surface, start=t.start, end=t.end, shape=t.shape,
    ...             sentence=0, word=0, brk=False, first=i == 0)
    ...         for i, t in enumerate(name_tokens("said the ISW and isw"))]
    >>> [(m.i, m.j, m.entries[0].target) for m in g.scan(toks)]
    [(2, 3, 'org:isw')]
    """

    def __init__(self, table: Mapping[str, Sequence[Entry]]) -> None:
        self._table = {k: tuple(v) for k, v in table.items() if k}
        self._automaton = ahocorasick.Automaton()
        for key in self._table:
            self._automaton.add_word(f" {key} ", key)
        if self._table:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def for_kb(cls, kb: KnowledgeBase) -> Gazetteer:
        """Return the gazetteer of ``kb`` (built on first use, then cached on it)."""
        cached = kb.cached("gazetteer")
        if isinstance(cached, Gazetteer):
            return cached
        gazetteer = cls.build(kb)
        kb.remember("gazetteer", gazetteer)
        return gazetteer

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Gazetteer:
        """Build a gazetteer of ``kb``'s aliases and the role vocabulary (uncached)."""
        table: dict[str, list[Entry]] = {}
        for record in kb:
            for entry in _entries_of(record):
                key = normalize(entry.form)
                bucket = table.setdefault(key, [])
                if not any(e.target == entry.target and e.kind == entry.kind for e in bucket):
                    bucket.append(entry)
        for key, (kind, role) in roles_vocabulary().nouns.items():
            table.setdefault(key, []).append(
                Entry(target=role, kind=kind, form=key, shapes=("any",) * (key.count(" ") + 1))
            )
        for bucket in table.values():
            if any(e.kind == "metonym" for e in bucket):
                # "Moscow" stands for the government; an imported dictionary that
                # lists it as a name of the state must not take that away.
                bucket[:] = [e for e in bucket if e.kind == "metonym" or not e.target.startswith("state:")]
            bucket.sort(key=lambda e: e.rank)
        return cls(table)

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Entries for a normalised key (no case rules applied)."""
        return self._table.get(key, ())

    def entries_over(self, toks: Sequence[Tok], i: int, j: int) -> tuple[Entry, ...]:
        """Entries whose form is exactly tokens ``i``..``j``, with the case rules of
        :meth:`scan` (an upper-case abbreviation needs upper-case tokens)."""
        entries = self._table.get(" ".join(t.key for t in toks[i:j]), ())
        return tuple(e for e in entries if _fits(e, toks, i, j))

    def scan(self, toks: Sequence[Tok]) -> list[Match]:
        """Return the accepted matches over ``toks`` (longest first, then leftmost), in order."""
        if not toks or not self._table:
            return []
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        parts = []
        pos = 1
        for n, tok in enumerate(toks):
            starts[pos] = n
            parts.append(tok.key)
            pos += len(tok.key)
            ends[pos] = n
            pos += 1
        haystack = " " + " ".join(parts) + " "
        found: list[Match] = []
        for end, key in self._automaton.iter(haystack):
            i = starts.get(end - len(key))
            j = ends.get(end)
            if i is None or j is None:
                continue
            j += 1
            if any(toks[k].brk for k in range(i + 1, j)):
                continue
            entries = tuple(e for e in self._table[key] if _fits(e, toks, i, j))
            if entries:
                found.append(Match(i=i, j=j, entries=entries))
        # Longest first, then leftmost: "the UN Security Council" is one match
        # although the alias "the UN" starts a token earlier.
        found.sort(key=lambda m: (-(m.j - m.i), m.i))
        taken = [False] * len(toks)
        out: list[Match] = []
        for m in found:
            if not any(taken[m.i : m.j]):
                out.append(m)
                taken[m.i : m.j] = [True] * (m.j - m.i)
        out.sort(key=lambda m: m.i)
        firsts = {m.i for m in out}
        return [m for m in (_inside_longer_name(m, toks, firsts) for m in out) if m.entries]


@functools.cache
def _person_roles() -> frozenset[str]:
    """Single-word person role nouns of ``data/actors/entity_nouns.yaml`` ("governor")."""
    return frozenset(w for w in word_set("actors/entity_nouns.yaml", "person_roles") if " " not in w)


def _inside_longer_name(m: Match, toks: Sequence[Tok], starts: set[int]) -> Match:
    """Drop name entries that continue into an unknown capitalised word.

    "the West Coast", "Trump Tower"-like names of things the KB does not know:
    a state, metonym, collective or organisation alias followed directly by a
    capitalised word that starts no other match is part of a longer name.
    People (a date may follow: "Putin Wednesday"), adjectives ("Russian Army")
    and vocabulary entries are kept; so is a name before a possessive ("China's
    New Year") or before a given name and another capitalised word (a person's
    name: "the United States John Smith").
    """
    j = m.j
    if j >= len(toks) or toks[j].brk or toks[j].shape not in ("cap", "upper") or j in starts:
        return m
    if toks[j].key in _CALENDAR:
        return m
    if toks[j].start - toks[j - 1].end > 2:
        return m  # a possessive between: "China's New Year", "London 's Webber Academy"
    person = j + 1 < len(toks) and toks[j + 1].shape == "cap" and not toks[j + 1].brk
    if person and given_name_gender(toks[j].surface) is not None and toks[j].key not in _person_roles():
        return m  # "Ambassador to the United States John Smith": a person's name follows
    if toks[j].key in _person_roles():
        # "Texas Governor Greg Abbott": a title follows the place, not a longer name.
        keep = tuple(e for e in m.entries if e.target.startswith("place:") or e.kind not in ACTOR_KINDS)
        if keep:
            return Match(i=m.i, j=m.j, entries=keep)
    keep = tuple(
        e for e in m.entries if e.rank == 0 or e.kind in ("adjective", "demonym") or e.kind not in ACTOR_KINDS
    )
    return m if len(keep) == len(m.entries) else Match(i=m.i, j=m.j, entries=keep)


def _fits(entry: Entry, toks: Sequence[Tok], i: int, j: int) -> bool:
    for shape, tok in zip(entry.shapes, toks[i:j], strict=True):
        if shape == "upper" and tok.shape != "upper":
            return False
        if shape == "cap" and tok.shape not in ("cap", "upper"):
            return False
    if entry.kind == "name" and j < len(toks) and not toks[j].brk:
        # "Donald Trump Jr." must not match the alias "Donald Trump".
        return toks[j].key not in SUFFIXES or toks[j].shape == "lower"
    return True


def _tok(
    key: str, surface: str, start: int, end: int, shape: str, sentence: int, word: int, brk: bool, first: bool
) -> Tok:
    """``Tok(key=key, ...)`` without the keyword ``__init__`` (a document makes one per
    word; setting the slots directly costs less than half as much)."""
    t: Tok = object.__new__(Tok)
    t.key, t.surface, t.start, t.end, t.shape = key, surface, start, end, shape
    t.sentence, t.word, t.brk, t.first = sentence, word, brk, first
    return t


def stream(doc: Document) -> list[Tok]:
    """Turn a document's words into name tokens with sentence and break marks."""
    text = doc.text
    out: list[Tok] = []
    last_end = -1  # end of the previous name token: the gap to it shows breaks
    covered = -1  # end of the previous word: multi-word tokens share a range
    for sentence in doc.sentences:
        first = True
        for word in sentence.words:
            if word.start < covered:
                continue
            covered = word.end
            # word.text is text[word.start:word.end] (the model's invariant), and a
            # shared string: its hash is cached for the pieces() look-up.
            for key, surface, s, e, shape in pieces(word.text):
                start = s + word.start
                if first:
                    brk = True
                else:
                    gap = text[last_end:start] if last_end >= 0 else ""
                    brk = gap not in ("", " ") and _BREAK_RE.search(gap) is not None
                out.append(
                    _tok(key, surface, start, e + word.start, shape, sentence.index, word.id, brk, first)
                )
                first = False
                last_end = e + word.start
    return out
