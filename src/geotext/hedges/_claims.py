"""Claim certainty: combine the cues of a sentence (or of one quoted claim in it).

The scale is FactBank's (Saurí & Pustejovsky 2009): a modality (certain CT, probable
PR, possible PS) and a polarity (+/-), plus Uu when the holder does not commit. Each
cue contributes a modality and a polarity:

* booster: CT+ (CT- for a negative-leaning one, "impossible"); negated ("not
  clear", "not impossible") PS+.
* hedge: its lexicon value (PS+ "may", PR+ "seem", PR- "doubt"); negated, "not
  possible" is CT- and "does not seem" PR- (negative raising), and a negative-leaning
  hedge flips the other way ("nobody doubts" PR+).
* estimative: from its ICD 203 range: >= 95% CT+, <= 5% CT-, midpoint above 55% PR+,
  below 45% PR-, else PS+; a negative event ("unlikely to fail") flips the polarity.
* negation: flips the polarity, unless another cue already accounts for it (it sits
  in that cue's scope, or negates that cue) or it is half of a double negative.
* evidential or unnamed attribution ("reportedly", "some say") held by the author:
  the author is uncommitted (Uu) unless a hedge gives a weaker value.
* approximators, weasels, peacocks and reporting verbs do not bear on truth (the reporting cue's stance
  is kept as ``author_stance``).

The claim's modality is the weakest contributed (CT > PR > PS), its polarity the
product of the polarities.
"""

from __future__ import annotations

from collections.abc import Sequence

from geotext.hedges._sources import QuoteLike, per_sentence, quote_holder
from geotext.hedges.records import AUTHOR, CERTAINTY, Certainty, Claim, Hedge, Holder
from geotext.model import Document, Sentence

__all__ = ["claims"]

_RANK = {"CT": 3, "PR": 2, "PS": 1}
_LABEL: dict[tuple[int, int], Certainty] = {
    (3, 1): "certain",
    (2, 1): "probable",
    (1, 1): "possible",
    (1, -1): "doubtful",
    (2, -1): "improbable",
    (3, -1): "negated",
}


def _inside(h: Hedge, lo: int, hi: int) -> bool:
    return lo <= h.start and h.end <= hi


def _estimative(h: Hedge) -> tuple[int, int]:
    assert h.probability is not None
    lo, hi = h.probability
    mid = (lo + hi) / 2
    if lo >= 0.95:
        rank, pol = 3, 1
    elif hi <= 0.05:
        rank, pol = 3, -1
    elif mid > 0.55:
        rank, pol = 2, 1
    elif mid < 0.45:
        rank, pol = 2, -1
    else:
        rank, pol = 1, 1
    return rank, -pol if h.polarity == "negative" else pol


def _contribution(h: Hedge) -> tuple[int, int] | None:
    if h.category == "estimative" and h.probability is not None:
        return _estimative(h)
    base, lean = h.modality.removesuffix("-"), -1 if h.modality.endswith("-") else 1
    event = -1 if h.polarity == "negative" else 1
    if h.category == "booster" and base in _RANK:
        return (1, 1) if h.negated else (3, lean * event)
    if h.category == "hedge" and base in _RANK:
        rank = _RANK[base]
        if h.negated:
            return (3, -lean) if rank == 1 else (rank, -lean)
        return rank, lean * event
    return None


def _consumed(n: Hedge, cues: Sequence[Hedge]) -> bool:
    """Whether negation ``n`` is already accounted for by the cue it modifies."""
    return n.modifies is not None and any(h.start == n.modifies.start for h in cues)


def _double(n: Hedge, negs: Sequence[Hedge]) -> bool:
    """Whether ``n`` is half of a double negative."""
    if n.negated:
        return True
    return any(m is not n and n.scope is not None and _inside(m, n.scope.start, n.scope.end) for m in negs)


def _combine(cues: Sequence[Hedge], holder: Holder) -> tuple[Certainty, tuple[float, float] | None, str]:
    rank, pol, uncommitted = 3, 1, False
    prob: tuple[float, float] | None = None
    negs = [h for h in cues if h.category == "negation"]
    notes: list[str] = []
    for h in cues:
        if h.category == "negation":
            if _double(h, negs):
                notes.append(f"{h.text!r}: double negative")
            elif _consumed(h, cues):
                notes.append(f"{h.text!r}: counted with another cue")
            else:
                pol = -pol
                notes.append(f"{h.text!r}: polarity -")
            continue
        if h.category in {"evidential", "attribution"}:
            if holder.kind == "author" and h.holder.kind == "author":
                uncommitted = True
                notes.append(f"{h.text!r}: author uncommitted")
            continue
        got = _contribution(h)
        if got is None:
            continue
        r, p = got
        if h.probability is not None and prob is None:
            prob = h.probability
        rank, pol = min(rank, r), pol * p
        notes.append(f"{h.text!r}: {['CT', 'PR', 'PS'][3 - r]}{'+' if p > 0 else '-'}")
    certainty: Certainty = _LABEL[(rank, pol)]
    if uncommitted and certainty == "certain":
        certainty = "uncommitted"
    return certainty, prob, "; ".join(notes) or "no cue: plain assertion"


def _segments(
    doc: Document, s: Sentence, quotes: Sequence[tuple[int, QuoteLike]]
) -> list[tuple[int, int, Holder, str | None]]:
    out: list[tuple[int, int, Holder, str | None]] = []
    for i, q in quotes:
        for p in q.content:
            lo, hi = max(p.start, s.start), min(p.end, s.end)
            if lo < hi and doc.text[lo:hi].strip():
                out.append((lo, hi, quote_holder(doc, q, i), q.stance))
    return out


def _claim(
    doc: Document, start: int, end: int, sentence: int, holder: Holder, stance: str | None, cues: list[Hedge]
) -> Claim:
    """The claim over ``doc.text[start:end]`` with the certainty its cues give it."""
    certainty, prob, rule = _combine(cues, holder)
    return Claim(
        text=doc.text[start:end],
        start=start,
        end=end,
        sentence=sentence,
        holder=holder,
        certainty=certainty,
        factbank=CERTAINTY[certainty],
        probability=prob,
        author_stance=stance,
        evidence=tuple(cues),
        rule=rule,
    )


def claims(doc: Document, hedges: Sequence[Hedge], *, quotes: Sequence[QuoteLike] = ()) -> tuple[Claim, ...]:
    """Return one claim per sentence (the author's or an "according to" source's)
    and one per quoted stretch inside a sentence, each with its certainty.

    Args:
        doc: The document the hedges were found in.
        hedges: The result of :func:`geotext.hedges.detect` on ``doc``.
        quotes: The quotes passed to ``detect``: each quote's content inside a
            sentence becomes a claim of its speaker.

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.hedges import detect
        >>> doc = annotate(["Moscow may not retaliate. It is almost certain to win."], backend="rules")[0]
        >>> [(c.text, c.certainty, c.probability) for c in claims(doc, detect(doc))]
        [('Moscow may not retaliate.', 'doubtful', None), ('It is almost certain to win.', 'certain', (0.95, 0.99))]
    """
    out: list[Claim] = []
    by_sentence: dict[int, list[Hedge]] = {}
    for h in hedges:
        by_sentence.setdefault(h.sentence, []).append(h)
    quotes_at, _ = per_sentence(doc, quotes, ())
    for s in doc.sentences:
        cues = by_sentence.get(s.index, [])
        segments = _segments(doc, s, quotes_at[s.index])
        quoted: list[Hedge] = []
        for lo, hi, holder, stance in segments:
            inner = [h for h in cues if _inside(h, lo, hi)]
            quoted += inner
            out.append(_claim(doc, lo, hi, s.index, holder, stance, inner))
        rest = [h for h in cues if not any(h is q for q in quoted)]
        covered = sum(hi - lo for lo, hi, _, _ in segments)
        if segments and covered >= len(s.text.strip()) - 2:
            continue
        holder = next((h.holder for h in rest if h.holder.evidence == "according-to"), AUTHOR)
        stance = next((h.stance for h in rest if h.category == "reporting_stance"), None)
        out.append(_claim(doc, s.start, s.end, s.index, holder, stance, rest))
    out.sort(key=lambda c: (c.start, c.end))
    return tuple(out)
