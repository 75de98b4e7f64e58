"""Approximate name matching: misspelt people and near-miss organisation names.

People (:func:`match_person`): a name that the gazetteer did not find exactly is
compared with the KB's person names with rapidfuzz's normalised Levenshtein
similarity (1 - distance / length of the longer string). The surname must reach
:data:`FUZZY_THRESHOLD` (0.8: at most one edit per five letters) **and**

* start and end with the same letters: the final letter carries gender in
  many naming systems (Russian, Polish, Czech, Lithuanian ...), so ``Peskova``
  is not ``Peskov`` (similarity 0.86) while ``Peshkov`` is (0.86, same
  ``-v``), and ``Stephanopolous`` is ``Stephanopoulos`` (0.86);
* be at least five letters long (short names are too close to each other);

the given names, when present, must agree (equal after transliteration
folding, or an initial, or similar at the same threshold with the same first
and last letter: ``Bill`` is not ``Hillary``); and generational suffixes must
agree (``Donald Trump Jr.`` is not ``Donald Trump``). A tie between two
different people resolves to nobody.

With the document date (``day``), a second, looser step is tried when the first
finds nobody, among the people holding a dated role on that day only: the
surname's final letters may differ unless one of them is ``a`` or ``e``, the
letters that mark a woman's surname (Russian ``-ova``, Polish ``-ska``, Czech
``-ová``, Lithuanian ``-ienė``): ``Lavrow`` is Lavrov and ``Netanyahoo`` is
Netanyahu, while ``Peskova`` and ``Zelenska`` stay strangers; the rest of the
rules are unchanged.

Organisations (:func:`match_org`): a company's legal name is its KB name once the
legal-form words are dropped (``PJSC Gazprom``, ``Rosneft Oil Company``: the
sector word goes only beside a legal-form word; both lists are in
``data/actors/company_words.yaml``). Otherwise the candidate's content words (stop
words dropped, plurals stemmed) are compared with each organisation name's by Jaccard
overlap; :data:`OVERLAP_THRESHOLD` (0.75) with at least two shared words accepts
``Institute for War Studies`` for ``Institute for the Study of War`` (overlap
1.0) and rejects ``European Council`` for ``Council of the European Union``
(0.67).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import cache

from attrs import frozen
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from geotext.actors.gazetteer import SUFFIXES
from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize, stem
from geotext.data import word_set

__all__ = [
    "FUZZY_THRESHOLD",
    "OVERLAP_THRESHOLD",
    "FuzzyHit",
    "loose_surname_similarity",
    "match_org",
    "match_person",
    "surname_similarity",
]

FUZZY_THRESHOLD = 0.8
"""Minimum normalised Levenshtein similarity of two surnames (and given names)."""

OVERLAP_THRESHOLD = 0.75
"""Minimum Jaccard overlap of two organisation names' content words."""

_STOP = frozenset({"the", "of", "for", "and", "on", "in", "at", "to", "a", "an", "de", "la"})
_ORG_TYPES = frozenset(
    {"igo", "body", "think_tank", "party", "media", "company", "armed_group", "organization"}
)


@frozen(kw_only=True)
class FuzzyHit:
    """A KB actor found by approximate matching, with its score and the form matched."""

    actor: str
    score: float
    form: str


@frozen(kw_only=True)
class _Name:
    actor: str
    given: tuple[str, ...]
    last: str
    suffix: str
    form: str


class _Index:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.full: dict[tuple[str, str], list[_Name]] = {}  # by first and last letter
        self.single: dict[str, dict[str, set[str]]] = {}
        self.orgs: list[tuple[str, frozenset[str], str]] = []
        self.by_word: dict[str, list[int]] = {}
        self.companies: dict[tuple[str, ...], dict[str, str]] = {}  # name words -> actor -> form
        self.people: list[tuple[str, _Name | None, str]] = []  # (actor, full name or None, surname)
        self.records = {r.id: r for r in kb if r.type == "person" and r.roles}
        for record in kb:
            if record.type == "company":
                for form in (record.name, *record.aliases):
                    key = tuple(normalize(form).split())
                    if key:
                        self.companies.setdefault(key, {}).setdefault(record.id, form)
            if record.type == "person":
                for form in (record.name, *record.aliases):
                    words = normalize(form).split()
                    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
                    if len(words) >= 2:
                        name = _Name(
                            actor=record.id,
                            given=tuple(words[:-1]),
                            last=words[-1],
                            suffix=suffix,
                            form=form,
                        )
                        self.full.setdefault((words[-1][0], words[-1][-1]), []).append(name)
                        if record.roles:
                            self.people.append((record.id, name, words[-1]))
                    elif words and not suffix:
                        bucket = self.single.setdefault(words[0][0], {})
                        bucket.setdefault(words[0], set()).add(record.id)
                        if record.roles:
                            self.people.append((record.id, None, words[0]))
            elif record.type in _ORG_TYPES:
                for form in (record.name, *record.aliases):
                    content = _content(normalize(form).split())
                    if len(content) >= 2:
                        for word in content:
                            self.by_word.setdefault(word, []).append(len(self.orgs))
                        self.orgs.append((record.id, content, form))
        # The people in office by the first letter of their surname, in KB order:
        # the looser step looks at one letter's people, not at all of them.
        self.people_by_initial: dict[str, list[tuple[str, _Name | None, str]]] = {}
        for person in self.people:
            self.people_by_initial.setdefault(person[2][0], []).append(person)
        # match_person's answers by (words, day): names recur within and across texts.
        self.person_hits: dict[tuple[tuple[str, ...], datetime.date | None], FuzzyHit | None] = {}


def _index(kb: KnowledgeBase) -> _Index:
    cached = kb.cached("fuzzy")
    if isinstance(cached, _Index):
        return cached
    index = _Index(kb)
    kb.remember("fuzzy", index)
    return index


def _content(words: Sequence[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words if w not in _STOP)


def surname_similarity(a: str, b: str) -> float:
    """Similarity of two folded surnames under the rules above (0.0 when they fail).

    >>> surname_similarity("peshkov", "peskov") > 0, surname_similarity("peskova", "peskov")
    (True, 0.0)
    """
    return _surname_score(a, b, loose=False)


_GENDERED_ENDINGS = frozenset("ae")


def _surname_score(a: str, b: str, *, loose: bool) -> float:
    """The surname rules: equal, else five letters or more, the same first letter and
    the same last letter (``loose``: different last letters unless one is ``a``/``e``),
    and a similarity reaching :data:`FUZZY_THRESHOLD`."""
    if a == b:
        return 1.0
    if len(a) < 5 or len(b) < 5 or a[0] != b[0]:
        return 0.0
    if a[-1] != b[-1] and (not loose or a[-1] in _GENDERED_ENDINGS or b[-1] in _GENDERED_ENDINGS):
        return 0.0
    score = Levenshtein.normalized_similarity(a, b)
    return score if score >= FUZZY_THRESHOLD else 0.0


def loose_surname_similarity(a: str, b: str) -> float:
    """Like :func:`surname_similarity`, but the final letters may differ unless one is ``a``/``e``.

    Used only for people in office on the document date (see the module text).

    Args:
        a: A normalised surname as written.
        b: A KB person's normalised surname.

    Returns:
        The normalised Levenshtein similarity when it reaches
        :data:`FUZZY_THRESHOLD` (1.0 for equal names), else 0.0: names shorter
        than five letters, with different first letters, or whose different final
        letters include ``a`` or ``e`` (the letters of women's surnames) score 0.0.

    Example:
        >>> loose_surname_similarity("lavrow", "lavrov") > 0, loose_surname_similarity("zelenska", "zelensky")
        (True, 0.0)
    """
    return _surname_score(a, b, loose=True)


def _given_ok(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.9 if a[0] == b[0] else 0.0
    if a[0] != b[0] or a[-1] != b[-1]:
        return 0.0
    score = Levenshtein.normalized_similarity(a, b)
    return score if score >= FUZZY_THRESHOLD else 0.0


def match_person(
    words: Sequence[str], kb: KnowledgeBase, day: datetime.date | None = None
) -> FuzzyHit | None:
    """Find the KB person that the normalised ``words`` misspell, if exactly one.

    With ``day``, people in office that day are also tried under the looser surname
    rule (:func:`loose_surname_similarity`) when the strict rules find nobody.

    >>> from geotext.actors.records import ActorRecord
    >>> kb = KnowledgeBase([
    ...     ActorRecord(id="person:dp", type="person", name="Dmitry Peskov", aliases=("Peskov",)),
    ...     ActorRecord(id="person:bc", type="person", name="Bill Clinton")])
    >>> match_person(["dmitry", "peshkov"], kb).actor
    'person:dp'
    >>> match_person(["peskova"], kb), match_person(["hillary", "clinton"], kb)
    (None, None)
    >>> import datetime
    >>> from geotext.actors.records import Role
    >>> kb = KnowledgeBase([ActorRecord(id="person:sl", type="person", name="Sergei Lavrov",
    ...     roles=(Role(role="foreign_minister", country="RUS", start=datetime.date(2004, 3, 9)),))])
    >>> words = normalize("Sergei Lavrow").split()
    >>> match_person(words, kb), match_person(words, kb, datetime.date(2024, 1, 1)).actor
    (None, 'person:sl')
    >>> match_person(words, kb, datetime.date(2000, 1, 1)) is None  # not yet in office
    True
    """
    index = _index(kb)
    memo = (tuple(words), day)
    if memo in index.person_hits:
        return index.person_hits[memo]
    if len(index.person_hits) > _MEMO_MAX:
        index.person_hits.clear()
    hit = index.person_hits[memo] = _match_person(list(words), index, day)
    return hit


_MEMO_MAX = 100_000


def _match_person(words: list[str], index: _Index, day: datetime.date | None) -> FuzzyHit | None:
    """:func:`match_person` on the KB's index, not memoised."""
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
    if not words or not words[-1]:
        return None
    last = words[-1]
    best: dict[str, FuzzyHit] = {}
    if len(words) >= 2:
        for name in index.full.get((last[0], last[-1]), ()):
            if name.suffix != suffix:
                continue
            s_last = surname_similarity(last, name.last)
            s_given = _given_ok(words[0], name.given[0]) if s_last else 0.0
            if s_last and s_given:
                score = (s_last + s_given) / 2
                if name.actor not in best or best[name.actor].score < score:
                    best[name.actor] = FuzzyHit(actor=name.actor, score=score, form=name.form)
    elif not suffix:
        bucket = index.single.get(last[0], {})
        for form, score, _ in process.extract(
            last,
            list(bucket),
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=FUZZY_THRESHOLD,
            limit=8,
        ):
            if surname_similarity(last, form):
                for actor in bucket[form]:
                    if actor not in best or best[actor].score < score:
                        best[actor] = FuzzyHit(actor=actor, score=float(score), form=form)
    if not best and day is not None:
        return _in_office(words, suffix, index, day)
    return _unique(best)


def _in_office(words: list[str], suffix: str, index: _Index, day: datetime.date) -> FuzzyHit | None:
    """The looser step: people holding a dated role on ``day``, final letters free (not a/e)."""
    last = words[-1]
    best: dict[str, FuzzyHit] = {}
    for actor, name, surname in index.people_by_initial.get(last[0], ()):
        if name is not None and name.suffix != suffix:
            continue
        if len(words) >= 2 and name is None:
            continue
        s_last = loose_surname_similarity(last, surname)
        if not s_last or s_last == 1.0:
            continue
        record = index.records.get(actor)
        if record is None or not any(role.holds_on(day) for role in record.roles):
            continue
        score = s_last
        if len(words) >= 2 and name is not None:
            s_given = _given_ok(words[0], name.given[0])
            if not s_given:
                continue
            score = (s_last + s_given) / 2
        form = name.form if name is not None else surname
        if actor not in best or best[actor].score < score:
            best[actor] = FuzzyHit(actor=actor, score=score, form=form)
    return _unique(best)


@cache
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    name = "actors/company_words.yaml"
    return word_set(name, "designators"), word_set(name, "sectors")


def _company(words: Sequence[str], index: _Index) -> FuzzyHit | None:
    """A KB company named by its legal name: designators (and then sector words) dropped."""
    designators, sectors = _company_words()
    core = [w for w in words if w not in designators]
    if len(core) == len(words) or not core:
        return None
    while len(core) > 1 and core[-1] in sectors:
        core.pop()
    found = index.companies.get(tuple(core), {})
    if len(found) != 1:
        return None
    ((actor, form),) = found.items()
    return FuzzyHit(actor=actor, score=1.0, form=form)


def _unique(best: dict[str, FuzzyHit]) -> FuzzyHit | None:
    ranked = sorted(best.values(), key=lambda h: -h.score)
    if not ranked or (len(ranked) > 1 and ranked[1].score == ranked[0].score):
        return None
    return ranked[0]


def match_org(words: Sequence[str], kb: KnowledgeBase) -> FuzzyHit | None:
    """Find the KB organisation whose name shares most content words with ``words``.

    >>> from geotext.actors.records import ActorRecord
    >>> kb = KnowledgeBase([ActorRecord(id="org:isw", type="think_tank",
    ...                                 name="Institute for the Study of War")])
    >>> match_org(normalize("Institute for War Studies").split(), kb).actor
    'org:isw'
    >>> match_org(normalize("Institute for Peace Studies").split(), kb) is None
    True
    >>> kb = KnowledgeBase([ActorRecord(id="org:rosneft", type="company", name="Rosneft")])
    >>> [getattr(match_org(normalize(n).split(), kb), "actor", None)
    ...  for n in ("Rosneft Oil Company", "PJSC Rosneft", "Rosneft Oil")]
    ['org:rosneft', 'org:rosneft', None]
    """
    index = _index(kb)
    company = _company(words, index)
    if company is not None:
        return company
    content = _content(words)
    if len(content) < 2:
        return None
    shared: dict[int, int] = {}
    for word in content:
        for n in index.by_word.get(word, ()):
            shared[n] = shared.get(n, 0) + 1
    best: dict[str, FuzzyHit] = {}
    for n, count in shared.items():
        actor, other, form = index.orgs[n]
        score = count / len(content | other)
        better = actor not in best or best[actor].score < score
        if count >= 2 and score >= OVERLAP_THRESHOLD and better:
            best[actor] = FuzzyHit(actor=actor, score=score, form=form)
    return _unique(best)
