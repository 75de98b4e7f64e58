"""The scope of a cue: the clause or phrase it governs.

With a dependency parse (stanza backend) the scope follows the BioScope guidelines
(Vincze et al. 2008): it starts at the cue and runs to the end of the constituent the
cue governs, which depends on how the cue attaches:

* a modal, adverb, particle or copula (``aux``, ``advmod``, ``cop``, ``mark``) governs
  its head's clause;
* an adjective or determiner inside a noun phrase (``amod``, ``det``) governs that noun
  phrase ("possible use of ammunition"); a negating determiner on a subject or object
  governs the clause ("has no interest in ...");
* a preposition (``case``: "without", "according to") governs its object's phrase;
* a verb, adjective or noun that is itself a predicate governs its own clause.

A clause excludes its ``parataxis`` dependents and non-restrictive clauses set off by
a comma (``..., whereas ...``). When nothing but the cue lies to its right (a predicate
at the end: "... remains unlikely"), the scope reaches back to the subject. Negators
take the auxiliary they attach to ("did not go", "won't succeed").

Without a parse (rules backend) the scope runs from the cue to the next clause
boundary (punctuation or a subordinating word), or back to the previous one when the
cue ends its clause.
"""

from __future__ import annotations

from collections.abc import Collection

from geotext.hedges._match import Match, Unit
from geotext.model import Sentence, Word

__all__ = ["boundaries", "scope_span"]

_CLAUSAL = frozenset({"advcl", "conj", "parataxis", "ccomp"})
_SUBJECT = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"})
_VERB_GROUP = frozenset({"aux", "aux:pass", "cop"})
_MODIFIER = frozenset({"aux", "aux:pass", "advmod", "discourse", "cop", "mark", "cc"})
_NOMINAL_MOD = frozenset({"amod", "det", "nummod", "compound", "nmod:poss"})
_BOUNDARY_WORDS = frozenset(
    [
        "but",
        "whereas",
        "while",
        "although",
        "though",
        "because",
        "since",
        "unless",
        "which",
        "who",
        "whom",
        "whose",
        "where",
    ]
)
_BOUNDARY_PUNCT = frozenset(",;:()[]\"'«»–—!?.")
_LIGHT = frozenset(["be", "have", "do", "get", "make", "see", "find", "show", "there"])


def _subtree_ids(sentence: Sentence, word: Word) -> set[int]:
    return {w.id for w in sentence.subtree(word)}


def _clause_ids(sentence: Sentence, head: Word, exclude: Collection[int]) -> set[int]:
    """Ids of ``head``'s clause: its subtree minus parataxis, comma-set clauses and
    any ids in ``exclude`` (an attribution's source phrase)."""
    ids = _subtree_ids(sentence, head)
    for child in sentence.children(head):
        cut = child.deprel == "parataxis"
        if not cut and child.deprel.split(":")[0] in _CLAUSAL and child.id > head.id:
            sub = sorted(_subtree_ids(sentence, child))
            before = sentence.word(sub[0] - 1) if sub[0] > 1 else None
            own_subject = any(c.deprel in _SUBJECT for c in sentence.children(child))
            cut = before is not None and before.form in {",", ";", ":", "-", "–", "—"} and own_subject
        if cut:
            ids -= _subtree_ids(sentence, child)
    return ids - set(exclude)


def _span_from(sentence: Sentence, ids: set[int], first: int) -> tuple[int, int] | None:
    """Character span from word ``first`` to the last id in ``ids`` at or after it,
    without edge punctuation."""
    ordered = [i for i in sorted(ids) if i >= first]
    words = [sentence.word(i) for i in ordered]
    while words and words[-1].upos == "PUNCT":
        words.pop()
    while words and words[0].upos == "PUNCT":
        words.pop(0)
    if not words:
        return None
    return words[0].start, words[-1].end


def _verb_group_start(sentence: Sentence, head: Word, cue_first: int) -> int:
    """Start at the auxiliaries right before a negator ("did not", "wo n't")."""
    start = cue_first
    for child in sentence.children(head):
        if child.deprel in _VERB_GROUP and child.id == start - 1:
            start = child.id
    return start


def _cue_head(sentence: Sentence, m: Match) -> Word:
    ids = {u.word.id for u in m.units}
    for u in m.units:
        if u.word.head not in ids:
            return u.word
    return m.units[0].word


def _parse_scope(sentence: Sentence, m: Match, exclude: Collection[int]) -> tuple[int, int] | None:
    e = m.entry
    h = _cue_head(sentence, m)
    first = min(u.word.id for u in m.units)
    head = sentence.head_of(h)
    rel = h.deprel
    if e.category == "negation" and h.upos == "INTJ" and head is None:
        return None  # a bare "No!" answers; it has no clause of its own
    if rel in {"case", "fixed"} and head is not None:
        if e.category == "attribution":
            pred = sentence.head_of(head)
            # "again according to X", "an attempt to cover it up, according to X": the
            # attribution covers the clause above an adverb, a noun or a noun's clause.
            while pred is not None and (
                pred.upos in {"ADV", "ADP", "PART", "PUNCT", "NOUN", "PROPN"} or pred.deprel.startswith("acl")
            ):
                pred = sentence.head_of(pred)
            source = _subtree_ids(sentence, head) | {u.word.id for u in m.units}
            ids = (
                _clause_ids(sentence, pred, exclude) if pred is not None else {w.id for w in sentence.words}
            ) - source
            if not any(sentence.word(i).upos != "PUNCT" for i in ids):
                ids = {w.id for w in sentence.words} - source
            return _span_from(sentence, ids, 1)
        return _span_from(sentence, _subtree_ids(sentence, head) | {h.id}, first)
    if e.scope == "complement" or (
        e.category != "negation" and rel not in _MODIFIER and rel not in _NOMINAL_MOD
    ):
        ids = _clause_ids(sentence, h, exclude)
        span = _span_from(sentence, ids, first)
        if span is not None and span[1] > h.end:
            return span
        subject = [c.id for c in sentence.children(h) if c.deprel in _SUBJECT]
        return _span_from(sentence, ids, min([first, *subject]))
    if head is None:
        return _span_from(sentence, _clause_ids(sentence, h, exclude), first)
    if rel in _NOMINAL_MOD:
        pred = sentence.head_of(head)
        if e.category == "negation" and pred is not None:
            ids = _clause_ids(sentence, pred, exclude)
            if head.deprel in _SUBJECT:
                return _span_from(sentence, ids, first)
            start = pred.id if pred.id < first and pred.lemma.lower() in _LIGHT else first
            return _span_from(sentence, ids, start)
        return _span_from(sentence, _subtree_ids(sentence, head), first)
    ids = _clause_ids(sentence, head, exclude) | {w.id for u in m.units for w in [u.word]}
    start = _verb_group_start(sentence, head, first) if e.category == "negation" else first
    span = _span_from(sentence, ids, start)
    if span is not None and span[1] > m.units[-1].end:
        return span
    subject = [c.id for c in sentence.children(head) if c.deprel in _SUBJECT]
    return _span_from(sentence, ids, min([start, *subject]))


def _is_boundary(u: Unit) -> bool:
    # Every boundary mark is punctuation, so the form alone decides.
    return u.form in _BOUNDARY_WORDS or u.form in _BOUNDARY_PUNCT


def boundaries(us: list[Unit]) -> tuple[list[int], list[int]]:
    """Clause boundaries of a sentence's units, for scopes found in constant time.

    Returns ``(nxt, prv)``: ``nxt[k]`` is the first boundary at or after ``k``
    (``len(us)`` if none), ``prv[k]`` the last one at or before ``k`` (-1 if none).
    Walking from each cue to the next boundary instead cost the sentence's length
    per cue (``"said " * 20000`` was quadratic).
    """
    n = len(us)
    flags = [_is_boundary(u) for u in us]
    nxt = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        nxt[k] = k if flags[k] else nxt[k + 1]
    prv = [-1] * n
    last = -1
    for k in range(n):
        if flags[k]:
            last = k
        prv[k] = last
    return nxt, prv


def _first_content(
    us: list[Unit], lo: int, hi: int, step: int, skip: frozenset[str] = frozenset()
) -> Unit | None:
    """The first non-punctuation unit from ``lo`` towards ``hi`` (exclusive), by ``step``."""
    for k in range(lo, hi, step):
        u = us[k]
        if not u.punct and u.form not in skip:
            return u
    return None


_CONJ = frozenset({"but", "and"})


def _rules_scope(us: list[Unit], m: Match, bounds: tuple[list[int], list[int]]) -> tuple[int, int] | None:
    e = m.entry
    nxt, prv = bounds
    n = len(us)
    i, j = m.units[0].index, m.units[-1].index
    if e.category == "negation" and m.units[0].form == "no" and (j + 1 >= n or us[j + 1].punct):
        return None  # "No!"
    if e.category == "attribution" and e.slots[0] == frozenset({"according"}):
        k = nxt[j + 1]
        # "S, according to X" attributes what precedes; "According to X, S" what follows.
        if i > 0 and us[i - 1].form == ",":
            first = _first_content(us, 0, i, 1, _CONJ)
            if first is not None:
                last = _first_content(us, i - 1, -1, -1, _CONJ)
                assert last is not None
                return first.start, last.end
        first = _first_content(us, k, n, 1)
        if first is not None:
            last = _first_content(us, n - 1, k - 1, -1)
            assert last is not None
            return first.start, last.end
        first = _first_content(us, 0, i, 1, _CONJ)
        if first is None:
            return None
        last = _first_content(us, i - 1, -1, -1, _CONJ)
        assert last is not None
        return first.start, last.end
    start = i
    if e.category == "negation" and m.units[0].keys & {"not", "never"}:
        while start > 0 and (
            us[start - 1].keys & {"be", "have", "do", "will", "can"}
            or us[start - 1].form in {"would", "could", "should", "might", "must", "may", "shall"}
        ):
            start -= 1
    if e.category == "negation" and m.units[0].form == "no" and start > 0 and us[start - 1].keys & _LIGHT:
        start -= 1
    end = nxt[j + 1] - 1 if j + 1 < n else j
    if end == j and start > 0:
        start = prv[start - 1] + 1
    return us[start].start, us[end].end


def scope_span(
    sentence: Sentence,
    us: list[Unit],
    m: Match,
    has_parse: bool,
    exclude: Collection[int] = (),
    bounds: tuple[list[int], list[int]] | None = None,
) -> tuple[tuple[int, int] | None, str]:
    """Return the cue's scope as ``(start, end)`` (or ``None``) and how it was found.

    Args:
        sentence: The sentence holding the cue.
        us: The sentence's units (see :func:`geotext.hedges._match.units`).
        m: The cue match.
        has_parse: Whether the words carry a dependency parse.
        exclude: Word ids that no clause scope may include (attribution sources).
        bounds: :func:`boundaries` of ``us``, computed once per sentence by the
            caller (computed here when not given).
    """
    if has_parse:
        span = _parse_scope(sentence, m, exclude)
        if span is not None and m.entry.category == "attribution":
            return span, "scope:parse (sentence minus the source)"
        if span is not None:
            lo = min(span[0], m.units[0].start)
            return (lo, max(span[1], m.units[-1].end)), "scope:parse"
        if m.entry.category == "negation" and m.units[0].word.upos == "INTJ":
            return None, "scope:none (interjection)"
    span = _rules_scope(us, m, bounds if bounds is not None else boundaries(us))
    if span is None:
        return None, "scope:none"
    if m.entry.category == "attribution":
        return span, "scope:surface (sentence minus the source)"
    return (min(span[0], m.units[0].start), max(span[1], m.units[-1].end)), "scope:surface"
