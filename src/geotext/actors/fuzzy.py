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

Organisations (:func:`match_org`): the candidate's content words (stop words
dropped, plurals stemmed) are compared with each organisation name's by Jaccard
overlap; :data:`OVERLAP_THRESHOLD` (0.75) with at least two shared words accepts
``Institute for War Studies`` for ``Institute for the Study of War`` (overlap
1.0) and rejects ``European Council`` for ``Council of the European Union``
(0.67).
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from geotext.actors.gazetteer import SUFFIXES
from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import normalize, stem

__all__ = [
    "FUZZY_THRESHOLD",
    "OVERLAP_THRESHOLD",
    "FuzzyHit",
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
        for record in kb:
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
                    elif words and not suffix:
                        bucket = self.single.setdefault(words[0][0], {})
                        bucket.setdefault(words[0], set()).add(record.id)
            elif record.type in _ORG_TYPES:
                for form in (record.name, *record.aliases):
                    content = _content(normalize(form).split())
                    if len(content) >= 2:
                        for word in content:
                            self.by_word.setdefault(word, []).append(len(self.orgs))
                        self.orgs.append((record.id, content, form))


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
    if a == b:
        return 1.0
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or a[-1] != b[-1]:
        return 0.0
    score = Levenshtein.normalized_similarity(a, b)
    return score if score >= FUZZY_THRESHOLD else 0.0


def _given_ok(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.9 if a[0] == b[0] else 0.0
    if a[0] != b[0] or a[-1] != b[-1]:
        return 0.0
    score = Levenshtein.normalized_similarity(a, b)
    return score if score >= FUZZY_THRESHOLD else 0.0


def match_person(words: Sequence[str], kb: KnowledgeBase) -> FuzzyHit | None:
    """Find the KB person that the normalised ``words`` misspell, if exactly one.

    >>> from geotext.actors.records import ActorRecord
    >>> kb = KnowledgeBase([
    ...     ActorRecord(id="person:dp", type="person", name="Dmitry Peskov", aliases=("Peskov",)),
    ...     ActorRecord(id="person:bc", type="person", name="Bill Clinton")])
    >>> match_person(["dmitry", "peshkov"], kb).actor
    'person:dp'
    >>> match_person(["peskova"], kb), match_person(["hillary", "clinton"], kb)
    (None, None)
    """
    words = list(words)
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else ""
    if not words or not words[-1]:
        return None
    index = _index(kb)
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
    return _unique(best)


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
    """
    content = _content(words)
    if len(content) < 2:
        return None
    index = _index(kb)
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
