"""The author's inference over a reported fact: who holds a hedge after "indicating that".

"A source reported X, indicating that forces likely took Y": the source reports X;
the participial "indicating that ..." hangs on the whole report and is the writer's
own reading of it, so "likely" is the author's, even where the quote layer reads the
participle as a second reporting verb of the source. "Russia would likely need six
months, said a commander" has no such inference: "likely" stays the commander's.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from geotext.hedges._handling import handling
from geotext.hedges.records import AUTHOR, Hedge
from geotext.model import Document, Word

__all__ = ["INFERENCE_VERBS", "author_inferences"]

INFERENCE_VERBS = frozenset({"indicate", "suggest", "imply", "mean", "signal", "show", "point"})
"""Verbs whose participial or ", which ..." use after a report states an inference."""
_STEMS = ("indicat", "suggest", "impl", "mean", "signal", "show", "point")  # rules backend: no lemmas


def _inference_word(doc: Document, h: Hedge) -> Word | None:
    """The verb of ``h`` when ``h`` is an inference adjunct (", indicating that ...",
    ", which suggests ..."), else ``None``."""
    s = doc.sentences[h.sentence]
    words = [w for w in s.words if w.start < h.cue[0].end and h.cue[0].start < w.end]
    if not words:
        return None
    w = words[0]
    lemma = (w.lemma or "").lower()
    form = w.text.lower()
    if lemma not in INFERENCE_VERBS and not form.startswith(_STEMS):
        return None
    i = s.words.index(w)
    prev = [x.text.lower() for x in s.words[max(0, i - 2) : i]]
    participle = form.endswith("ing") and prev[-1:] == [","]
    relative = prev == [",", "which"]
    # Right after the comma, so no subject of its own stands between: "..., officials
    # suggesting that" (an absolute clause) is the officials' inference, not ours.
    return w if participle or relative else None


@handling(
    "inference:author",
    stage="inference",
    category="estimative",
    cue="likely",
    example="A source reported shelling, indicating that forces likely took the bridge.",
    marker="holder: the author, inside the inference",
)
def author_inferences(doc: Document, hedges: Sequence[Hedge]) -> tuple[Hedge, ...]:
    """Give the author the hedges inside an author-held inference adjunct's scope.

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.hedges import detect
        >>> from geotext.quotes import extract
        >>> text = "A source reported shelling, indicating that forces likely took the bridge."
        >>> doc = annotate([text], backend="rules")[0]
        >>> [(h.text, h.holder.kind) for h in detect(doc, quotes=extract(doc))]
        [('indicating', 'author'), ('likely', 'author')]
    """
    inferences = [
        g
        for g in hedges
        if g.holder.kind == "author" and g.scope is not None and _inference_word(doc, g) is not None
    ]
    if not inferences:
        return tuple(hedges)
    out = []
    for h in hedges:
        g = next(
            (
                g
                for g in inferences
                if g.sentence == h.sentence
                and g.scope is not None
                and g.end <= h.start
                and h.end <= g.scope.end
                and h.holder.kind == "source"
            ),
            None,
        )
        if g is not None:
            h = evolve(
                h,
                holder=evolve(AUTHOR, evidence="author-inference"),
                evidence=f"{h.evidence}; holder: the author, inside the inference {g.text!r} over a report",
            )
        out.append(h)
    return tuple(out)
