"""The learned quote tagger: a linear-chain CRF over source / cue / content tags.

Trained on PolNeAR (``python -m geotext.training quotes``, model card
``docs/cards/quote_tagger.rst``) with python-crfsuite; what ships is the CRF's
weights as tensors (``data/models/quote_tagger_<backend>.pt``: the feature strings,
the state weights, the transition weights and the isotonic calibration maps), so
tagging needs only numpy: Viterbi for the tags, forward-backward for their
marginal probabilities.

:func:`tag_document` turns the tags into relations (a cue with its contents and its
source, all in the same paragraph), :func:`candidates` scores the rules' drafts by
the tag marginals, and :func:`combine` puts the two together with the merge policy
of :mod:`geotext.quotes._merge`: a rule draft the tagger keeps (or a protected
construction) stays as the rules built it (marks, split and multi-paragraph quotes,
"according to", floating quotes) and takes the parts it lacks from the tagger, a
tagger relation no rule found is added unless the rules veto it, and each
candidate's probability comes from its calibrated score.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import define, frozen

from geotext.errors import DataError
from geotext.language.reporting import lexicon
from geotext.language.view import dateline_end
from geotext.learn.weights import ModelWeights, load_weights, table_strings
from geotext.model import Document, Word
from geotext.quotes._features import (
    LABELS,
    Paragraph,
    mark_segments,
    paragraph_features,
    paragraphs,
    rule_spans,
)
from geotext.quotes._marks import MarkSpan, find_marks
from geotext.quotes._merge import Policy, merge
from geotext.quotes._state import Draft, top_level

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "Candidate",
    "CrfTagger",
    "Relation",
    "candidates",
    "combine",
    "model_name",
    "select",
    "tag_document",
    "tagger_for",
]


def model_name(backend: str, stacked: bool = True) -> str:
    """The packaged model file stem for ``backend`` (``quote_tagger_stanza``...)."""
    return f"quote_tagger_{backend}" + ("" if stacked else "_alone")


@frozen
class Isotonic:
    """A monotone step map from a raw score to a probability (pool-adjacent-violators fit)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def __call__(self, x: float) -> float:
        if not self.xs:
            return x
        k = bisect.bisect_right(self.xs, x) - 1
        return self.ys[max(0, k)]


def fit_isotonic(scores: Sequence[float], labels: Sequence[int]) -> Isotonic:
    """Fit an increasing step function from ``scores`` to the rate of ``labels`` (PAV).

    Example:
        >>> iso = fit_isotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1])
        >>> iso(0.15), iso(0.35)
        (0.0, 0.5)
    """
    pairs = sorted(zip(scores, labels, strict=True))
    blocks: list[list[float]] = []  # [sum of labels, count, first score]
    for s, y in pairs:
        blocks.append([float(y), 1.0, s])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            top = blocks.pop()
            blocks[-1][0] += top[0]
            blocks[-1][1] += top[1]
    return Isotonic(tuple(b[2] for b in blocks), tuple(b[0] / b[1] for b in blocks))


class CrfTagger:
    """A linear-chain CRF read from a geotext model file."""

    def __init__(self, weights: ModelWeights) -> None:
        try:
            names = table_strings(weights.tensors["attributes"])
            self.state: npt.NDArray[np.float32] = weights.tensors["state"].float().numpy()
            self.trans: npt.NDArray[np.float32] = weights.tensors["transitions"].float().numpy()
            self.labels: tuple[str, ...] = tuple(weights.meta["labels"])
            self.stacked = bool(weights.meta["stacked"])
            self.threshold = float(weights.meta.get("threshold", 0.5))
            self.calibration = {
                key: Isotonic(
                    tuple(float(x) for x in weights.tensors[f"cal_{key}_x"].tolist()),
                    tuple(float(y) for y in weights.tensors[f"cal_{key}_y"].tolist()),
                )
                for key in ("rule", "tagger")
                if f"cal_{key}_x" in weights.tensors
            }
        except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
            raise DataError(
                f"geotext model {weights.name!r} is not a quote tagger ({exc}); retrain it with "
                "`python -m geotext.training quotes`"
            ) from None
        if self.state.shape != (len(names), len(self.labels)) or self.trans.shape != (
            len(self.labels),
            len(self.labels),
        ):
            raise DataError(f"geotext model {weights.name!r} has tensors of the wrong shape; retrain it")
        self.index = {name: i for i, name in enumerate(names)}
        self._padded: npt.NDArray[np.float32] | None = None
        self.meta: dict[str, Any] = dict(weights.meta)

    def _emissions(self, words: Sequence[Sequence[str]], block: int = 8192) -> npt.NDArray[np.float64]:
        """Each word's state scores (``[words, labels]``): the sum of its features'
        rows, unknown features reading a row of zeros; in blocks of ``block`` words
        to bound memory."""
        import numpy as np

        if self._padded is None:
            self._padded = np.vstack([self.state, np.zeros((1, self.state.shape[1]), dtype=self.state.dtype)])
        padded, get, unknown = self._padded, self.index.get, len(self.index)
        out = np.zeros((len(words), padded.shape[1]), dtype=np.float64)
        for lo in range(0, len(words), block):
            part = words[lo : lo + block]
            sizes = [len(f) for f in part]
            rows = np.fromiter(
                map(get, itertools.chain.from_iterable(part), itertools.repeat(unknown)), dtype=np.int64
            )
            if not len(rows):
                continue
            starts = np.cumsum([0, *sizes[:-1]])
            nonempty = np.asarray(sizes) > 0
            sums = np.add.reduceat(padded[rows].astype(np.float64), starts[nonempty], axis=0)
            out[lo : lo + len(part)][nonempty] = sums
        return out

    def tag(self, features: Sequence[Sequence[str]]) -> tuple[list[str], npt.NDArray[np.float64]]:
        """Return the best tag sequence and each word's tag marginals (``[n, labels]``)."""
        return self.tag_many([features])[0]

    def tag_many(
        self, sequences: Sequence[Sequence[Sequence[str]]]
    ) -> list[tuple[list[str], npt.NDArray[np.float64]]]:
        """Tag several sequences at once (Viterbi and forward-backward run over
        sequences of similar length together: each batch holds lengths within a
        factor of two, so padding never more than doubles the work, however one
        long paragraph compares with the rest)."""
        groups: dict[int, list[int]] = {}
        for k, seq in enumerate(sequences):
            groups.setdefault(len(seq).bit_length(), []).append(k)
        out: list[tuple[list[str], npt.NDArray[np.float64]] | None] = [None] * len(sequences)
        for members in groups.values():
            for k, result in zip(members, self._tag_batch([sequences[k] for k in members]), strict=True):
                out[k] = result
        return [r for r in out if r is not None]

    def _tag_batch(
        self, sequences: Sequence[Sequence[Sequence[str]]]
    ) -> list[tuple[list[str], npt.NDArray[np.float64]]]:
        import numpy as np

        k = len(self.labels)
        lengths = [len(seq) for seq in sequences]
        if not sequences or max(lengths) == 0:
            return [([], np.zeros((0, k))) for _ in sequences]
        flat = self._emissions([feats for seq in sequences for feats in seq])
        n_seq, width = len(sequences), max(lengths)
        emit = np.zeros((n_seq, width, k))
        length = np.asarray(lengths)
        active = np.arange(width)[None, :] < length[:, None]
        emit[active] = flat
        trans = self.trans.astype(np.float64)
        # Viterbi over all sequences at once; a finished sequence keeps its delta
        back = np.zeros((n_seq, width, k), dtype=np.int64)
        delta = emit[:, 0].copy()
        for t in range(1, width):
            scores = delta[:, :, None] + trans[None]
            back[:, t] = scores.argmax(axis=1)
            new = scores.max(axis=1) + emit[:, t]
            delta = np.where(active[:, t, None], new, delta)
        rows_ix = np.arange(n_seq)
        cur = delta.argmax(axis=1)
        path = np.zeros((n_seq, width), dtype=np.int64)
        for t in range(width - 1, -1, -1):
            path[:, t] = cur
            if t:
                cur = np.where(t <= length - 1, back[rows_ix, t, cur], cur)
        # forward-backward with scaling, in probability space
        pe = np.exp(emit - emit.max(axis=2, keepdims=True))
        pt = np.exp(trans - trans.max())
        alpha = np.empty((n_seq, width, k))
        a = pe[:, 0]
        alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
        for t in range(1, width):
            a = (alpha[:, t - 1] @ pt) * pe[:, t]
            alpha[:, t] = a / a.sum(axis=1, keepdims=True)
        beta = np.ones((n_seq, width, k))
        for t in range(width - 2, -1, -1):
            b = (pe[:, t + 1] * beta[:, t + 1]) @ pt.T
            b /= b.sum(axis=1, keepdims=True)
            beta[:, t] = np.where(active[:, t + 1, None], b, 1.0)
        marg = alpha * beta
        marg /= marg.sum(axis=2, keepdims=True)
        labels = self.labels
        return [
            ([labels[i] for i in path[p, : lengths[p]].tolist()], marg[p, : lengths[p]]) for p in range(n_seq)
        ]


@functools.cache
def tagger_for(backend: str, stacked: bool = True) -> CrfTagger:
    """The packaged tagger for ``backend``, loaded once per process.

    Raises:
        DataError: If the model file is missing or damaged.
    """
    return CrfTagger(load_weights(model_name(backend, stacked)))


@define
class Relation:
    """A relation read off the tags: word-index segments into one paragraph."""

    para: Paragraph
    cue: tuple[int, int]
    contents: list[tuple[int, int]]
    source: tuple[int, int] | None
    score: float


def _segments(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        bio, role = tag.split("-", 1)
        if bio == "I" and out and out[-1][0] == role and out[-1][2] == i:
            out[-1] = (role, out[-1][1], i + 1)
        else:
            out.append((role, i, i + 1))
    return out


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _mean(marg: npt.NDArray[np.float64], seg: tuple[int, int], role: str) -> float:
    b, i = LABELS.index("B-" + role), LABELS.index("I-" + role)
    return float((marg[seg[0] : seg[1], b] + marg[seg[0] : seg[1], i]).mean())


def _nearest(pool: Sequence[tuple[int, int]], seg: tuple[int, int]) -> tuple[int, int] | None:
    """The cue of ``pool`` (disjoint from ``seg`` and from each other, in text order)
    with the fewest words between it and ``seg``; the earlier one on a tie."""
    k = bisect.bisect_left(pool, seg)
    near = [pool[j] for j in (k - 1, k) if 0 <= j < len(pool)]
    return min(near, key=lambda c: (_gap(c, seg), c)) if near else None


class _CueIndex:
    """The cues of one paragraph, by sentence: a segment finds its nearest cue by
    bisecting a few sentences' cue lists, not by a scan of every cue of the
    paragraph, so a paragraph with thousands of quotes stays linear."""

    def __init__(self, cues: Sequence[tuple[int, int]], sentence_of: Sequence[int]) -> None:
        self.cues = sorted(cues)
        self.by_sentence: dict[int, list[tuple[int, int]]] = {}
        for c in self.cues:
            self.by_sentence.setdefault(sentence_of[c[0]], []).append(c)

    def nearest(self, seg: tuple[int, int], sentences: set[int] | None = None) -> tuple[int, int] | None:
        """The nearest cue to ``seg`` whose first word is in one of ``sentences``
        (anywhere in the paragraph when ``None``)."""
        if sentences is None:
            return _nearest(self.cues, seg)
        found = [c for k in sentences if (c := _nearest(self.by_sentence.get(k, []), seg)) is not None]
        return min(found, key=lambda c: (_gap(c, seg), c)) if found else None


def relations(para: Paragraph, tags: Sequence[str], marg: npt.NDArray[np.float64]) -> list[Relation]:
    """Group a paragraph's tag segments into relations around their cues.

    A source or content segment goes to the nearest cue (fewest words between) in
    its own sentence(s); failing that, in the sentences next to them; a content
    segment with no cue that near goes to the nearest cue of the paragraph.
    """
    segs = _segments(tags)
    cues = [(s, e) for role, s, e in segs if role == "CUE"]
    if not cues:
        return []
    rels = {c: Relation(para, c, [], None, 0.0) for c in cues}
    sent = para.sentence_of
    index = _CueIndex(cues, sent)
    for role, s, e in segs:
        if role == "CUE":
            continue
        seg = (s, e)
        own = {sent[s], sent[e - 1]}
        best = index.nearest(seg, own)
        if best is None:
            best = index.nearest(seg, {k + d for k in own for d in (-1, 0, 1)})
        if role == "SRC":
            if best is None:
                continue
            current = rels[best].source
            if current is None or _gap(best, seg) < _gap(best, current):
                rels[best].source = seg
        else:
            if best is None:
                best = index.nearest(seg)
            assert best is not None
            rels[best].contents.append(seg)
    out = []
    for rel in rels.values():
        if not rel.contents:
            continue
        rel.contents.sort()
        parts = [_mean(marg, c, "CON") for c in rel.contents]
        content_p = sum(p * (c[1] - c[0]) for p, c in zip(parts, rel.contents, strict=True)) / sum(
            c[1] - c[0] for c in rel.contents
        )
        score = content_p * _mean(marg, rel.cue, "CUE")
        if rel.source is not None:
            score *= _mean(marg, rel.source, "SRC")
        rel.score = score
        out.append(rel)
    return out


def tag_document(
    doc: Document, tagger: CrfTagger, drafts: Sequence[Draft] | None
) -> tuple[list[Relation], list[tuple[Paragraph, npt.NDArray[np.float64]]]]:
    """Tag every paragraph of ``doc``; return the relations and each paragraph's marginals."""
    marks = mark_segments(doc)
    rels: list[Relation] = []
    margs = []
    paras = paragraphs(doc)
    spans = rule_spans(drafts) if tagger.stacked and drafts is not None else None
    feats = [paragraph_features(doc, para, spans, marks) for para in paras]
    for para, (tags, marg) in zip(paras, tagger.tag_many(feats), strict=True):
        rels.extend(relations(para, tags, marg))
        margs.append((para, marg))
    return rels, margs


# --- from relations to drafts ---------------------------------------------------------
def _span(words: Sequence[Word], seg: tuple[int, int]) -> tuple[int, int]:
    return words[seg[0]].start, words[seg[1] - 1].end


def _is_punct(w: Word) -> bool:
    return w.upos == "PUNCT" or not any(ch.isalnum() for ch in w.form)


def trimmed(words: Sequence[Word], seg: tuple[int, int]) -> tuple[int, int]:
    """``seg`` without punctuation at either edge (the rules' convention for a cue or
    a source: "Hugh Hill, a doctor", not "Hugh Hill, a doctor,"); a segment of
    punctuation alone (a colon cue) stays as it is."""
    a, b = seg
    while a < b and _is_punct(words[a]) and words[a].form not in _OPENING:
        a += 1
    while b > a and _is_punct(words[b - 1]):
        closing = _CLOSING.get(words[b - 1].form)
        if closing is not None and any(w.form == closing for w in words[a : b - 1]):
            break  # "Governor Ellen Marsh (R-TX)": the bracket closes one inside
        b -= 1
    return (a, b) if a < b else seg


_CLOSING = {")": "(", "]": "["}
_OPENING = frozenset("([")


def after_dateline(para: Paragraph, seg: tuple[int, int]) -> tuple[int, int]:
    """``seg`` without a dateline that opens its paragraph ("KYIV, Ukraine —
    Ukraine's foreign minister" is the minister; see
    :func:`geotext.language.view.dateline_end`). The rules never take a dateline
    into a speaker phrase or a content; the tagger sometimes does."""
    a, b = seg
    if a != 0:
        return seg
    end = dateline_end([w.form for w in para.words[:10]])
    return (end, b) if 0 < end < b else seg


def _head(para: Paragraph, seg: tuple[int, int]) -> tuple[int, int]:
    """The head word of a source segment: the word whose head lies outside it."""
    words = para.words[seg[0] : seg[1]]
    ids = {(para.sentence_of[seg[0] + k], w.id) for k, w in enumerate(words)}
    for k, w in enumerate(words):
        outside = w.head != 0 and (para.sentence_of[seg[0] + k], w.head) not in ids
        if outside and w.upos in ("NOUN", "PROPN", "PRON", "NUM"):
            return w.start, w.end
    nouns = [w for w in words if w.upos in ("NOUN", "PROPN", "PRON")]
    w = nouns[-1] if nouns else words[-1]
    return w.start, w.end


_THAT = ("that", "to", "whether", "if")


class MarkIndex:
    """The quote marks of a document by the offset of their opening mark, so the
    marks inside a span are found by bisection (in the order of ``marks``)."""

    def __init__(self, marks: Sequence[MarkSpan]) -> None:
        self.marks = list(marks)
        order = sorted(range(len(self.marks)), key=lambda k: self.marks[k].open)
        self.opens = [self.marks[k].open for k in order]
        self.order = order

    def within(self, a: int, b: int) -> list[MarkSpan]:
        """The marks that open at or after ``a`` and end by ``b + 1`` (a mark left
        unclosed ends with its quoted words)."""
        lo = bisect.bisect_left(self.opens, a)
        hi = bisect.bisect_left(self.opens, b + 1)
        hits = sorted(k for k in self.order[lo:hi] if self.marks[k].end <= b + 1)
        return [self.marks[k] for k in hits]


def relation_draft(doc: Document, rel: Relation, marks: MarkIndex) -> Draft:
    """A :class:`Draft` for a tagger relation, in the rules' span conventions."""
    text = doc.text
    words = rel.para.words
    parts = [after_dateline(rel.para, rel.contents[0]), *rel.contents[1:]]
    contents = [_span(words, c) for c in parts]
    evidence = "tagger"
    first = words[parts[0][0]]
    if first.form.lower() in _THAT and parts[0][1] - parts[0][0] > 1:
        nxt = words[parts[0][0] + 1]
        contents[0] = (nxt.start, contents[0][1])
        evidence = "tagger:that-clause" if first.form.lower() != "to" else "tagger:to-infinitive"
    cue_words = words[rel.cue[0] : rel.cue[1]]
    cue_text = " ".join(w.form.lower() for w in cue_words)
    lex = lexicon()
    entry = lex.verb_forms.get(tuple(w.form.lower() for w in cue_words)) or lex.phrases.get(
        tuple(w.form.lower() for w in cue_words)
    )
    if cue_text.startswith("according"):
        cue_type = "according_to"
    elif cue_text in (":", "—", "-"):
        cue_type = "colon"
    elif any(w.upos in ("VERB", "AUX") for w in cue_words):
        cue_type = "verb"
    elif any(w.upos == "NOUN" for w in cue_words):
        cue_type = "noun"
        entry = entry or lex.nouns.get(cue_words[-1].lemma.lower())
    elif any(w.upos == "ADJ" for w in cue_words):
        cue_type = "adjective"
        entry = entry or lex.adjectives.get(cue_words[-1].lemma.lower())
    else:
        cue_type = "verb"
    if entry is None:
        lemma = tuple(w.lemma.lower() for w in cue_words)
        entry = lex.verb_forms.get(lemma)
    a, b = contents[0][0], contents[-1][1]
    inside = marks.within(a, b)
    src = trimmed(words, after_dateline(rel.para, rel.source)) if rel.source is not None else None
    source = _span(words, src) if src is not None else None
    sentence = rel.para.sentences[rel.para.sentence_of[rel.cue[0]]].index
    del text
    return Draft(
        content=contents,
        cue=_span(words, trimmed(words, rel.cue)),
        cue_type=cue_type,
        stance=entry.stance if entry is not None else None,
        source=source,
        heads=[_head(rel.para, src)] if src is not None else [],
        pp_start=None,
        confidence=rel.score,
        evidence=evidence,
        sentence=sentence,
        marks=inside,
        cue_class=entry.cls if entry is not None else ("speech" if cue_type == "colon" else None),
    )


def _tokens(spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e)
        out.update(range(lo, hi))
    return out


def _overlap(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


class RoleMass:
    """Each word's marginal probability of each role (``B-`` plus ``I-``), over the
    whole document in text order, as running sums: the mean over any span's
    non-punctuation words is two bisections and two differences."""

    def __init__(self, margs: Sequence[tuple[Paragraph, npt.NDArray[np.float64]]]) -> None:
        import numpy as np

        words = [w for para, _ in margs for w in para.words]
        self.starts = [w.start for w in words]
        self.ends = [w.end for w in words]
        keep = np.asarray([w.upos != "PUNCT" for w in words], dtype=np.float64)
        self.count = np.concatenate([[0.0], np.cumsum(keep)])
        stacked = [m for _, m in margs if len(m)]
        marg = np.concatenate(stacked) if stacked else np.zeros((0, len(LABELS)))
        self.mass: dict[str, npt.NDArray[np.float64]] = {}
        for role in ("CON", "CUE", "SRC"):
            b, i = LABELS.index("B-" + role), LABELS.index("I-" + role)
            self.mass[role] = np.concatenate([[0.0], np.cumsum((marg[:, b] + marg[:, i]) * keep)])

    def add(self, role: str, s: int, e: int) -> tuple[float, float]:
        """Sum and count of ``role``'s marginal over the non-punctuation words that
        overlap ``[s, e)``."""
        lo = bisect.bisect_right(self.ends, s)  # the first word ending after s
        hi = bisect.bisect_left(self.starts, e)  # the words starting before e
        if hi <= lo:
            return 0.0, 0.0
        m = self.mass[role]
        return float(m[hi] - m[lo]), float(self.count[hi] - self.count[lo])


def _rule_score(draft: Draft, mass: RoleMass) -> float:
    """How much the tagger agrees with a rule draft: the product over its roles
    (content, cue, source) of the mean marginal of the role over the draft's words
    in that role."""
    parts = [("CON", s, e) for s, e in draft.content]
    if draft.cue is not None:
        parts.append(("CUE", *draft.cue))
    if draft.source is not None:
        parts.append(("SRC", *draft.source))
    sums: dict[str, list[float]] = {}
    for role, s, e in parts:
        total, n = mass.add(role, s, e)
        acc = sums.setdefault(role, [0.0, 0.0])
        acc[0] += total
        acc[1] += n
    score = 1.0
    for total, n in sums.values():
        if n:
            score *= total / n
    return score


@define
class Candidate:
    """A draft with the probability that decided it and what decided."""

    draft: Draft
    probability: float
    decided: str
    """``rules+tagger`` (a rule draft the tagger scored), ``rules`` (a protected
    construction kept whatever the tagger says, :data:`geotext.quotes._merge.KEPT`)
    or ``tagger``."""
    raw: float = 0.0
    """The uncalibrated score (product of the mean tag marginals over its parts)."""
    tokens: frozenset[int] = frozenset()
    """Word indices of the content, to tell overlaps."""


def candidates(doc: Document, drafts: Sequence[Draft], tagger: CrfTagger) -> list[Candidate]:
    """Every candidate with its raw score: the rule drafts, then the tagger's relations."""
    rels, margs = tag_document(doc, tagger, drafts)
    marks = MarkIndex(find_marks(doc.text))
    mass = RoleMass(margs)
    starts = [w.start for _, w in doc.words]
    out = []
    for d in drafts:
        raw = _rule_score(d, mass)
        out.append(Candidate(d, raw, "rules+tagger", raw, frozenset(_tokens(d.content, starts))))
    for r in rels:
        d = relation_draft(doc, r, marks)
        out.append(Candidate(d, r.score, "tagger", r.score, frozenset(_tokens(d.content, starts))))
    return out


def select(
    doc: Document,
    cands: Sequence[Candidate],
    calibration: dict[str, Isotonic],
    threshold: float,
    mode: str = "combined",
    policy: Policy | None = None,
) -> list[Candidate]:
    """Calibrate the candidates and decide which are quotes.

    ``combined``: the merge policy of :mod:`geotext.quotes._merge` (rule drafts kept
    by their probability or their construction, completed part by part by the
    best-overlapping tagger relation; the tagger's other relations added unless
    the rules veto them); ``tagger``: the tagger's relations at or over
    ``threshold``, alone.
    """
    identity = Isotonic((), ())
    cal_rule = calibration.get("rule", identity)
    cal_tag = calibration.get("tagger", identity)
    tagged = [(c.draft, cal_tag(c.raw), c.tokens) for c in cands if c.decided == "tagger"]
    if mode == "tagger":
        out = [
            Candidate(d, p, "tagger", c.raw, t)
            for c, (d, p, t) in zip((c for c in cands if c.decided == "tagger"), tagged, strict=True)
            if p >= threshold
        ]
        out.sort(key=lambda c: c.draft.content[0][0])
        return out
    rules = [(c.draft, cal_rule(c.raw), c.tokens) for c in cands if c.decided != "tagger"]
    marks = top_level(find_marks(doc.text))
    merged = merge(doc, rules, tagged, marks, threshold, policy or Policy())
    return [Candidate(m.draft, m.probability, m.decided, m.probability) for m in merged]


def combine(
    doc: Document, drafts: Sequence[Draft], tagger: CrfTagger, mode: str = "combined"
) -> list[Candidate]:
    """Put the rules' drafts and the tagger's relations together (see the module docstring).

    Args:
        doc: The document.
        drafts: The rules' drafts.
        tagger: The tagger for ``doc``'s backend.
        mode: ``combined`` (default), or ``tagger`` for the tagger's relations alone.
    """
    return select(doc, candidates(doc, drafts, tagger), tagger.calibration, tagger.threshold, mode)
