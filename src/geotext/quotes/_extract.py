"""The attribution pipeline: the passes of quote constructions, in order.

Order of work, for one document (:data:`PASSES`, over one :class:`State`):

1. Pair the quote marks on the original text (:mod:`._marks`; done when the state
   is made).
2. ``direct``: each top-level pair of marks looks for a cue right after it
   (``"…," said X`` / ``"…," X said``), then right before it (``X said: "…"``,
   ``X: "…"``). A second pair right after the cue clause continues a split quote.
3. ``pull-quote``: quote marks followed by a dash and a name (``“…” – General
   Staff``), for marks no direct construction took or took without a speaker.
4. ``indirect``: every reporting cue outside the quotes found so far takes its
   content from its complement (``that``/zero-``that`` clause, ``to``-infinitive,
   object) or, for a cue after its clause (``…, he said``), from the clause before
   it; ``according to X`` takes the clause around it; then ``Source: content``
   lines. Marks inside such content make the quote ``mixed`` instead of standing
   alone.
5. ``reported-by``: "This was reported by X." for the sentence before it.
6. ``floating``: full-sentence quotes with no cue inherit the speaker of the quote
   just before them in the same or the previous paragraph; others stay
   unattributed.

Each pass reads what the earlier ones made (the state's ``drafts``, ``claimed``
characters and ``used_marks``): the order is part of the behaviour.
"""

from __future__ import annotations

from collections.abc import Callable

from geotext.language.reporting import lexicon
from geotext.model import Document
from geotext.quotes._constructions import confidence, construction, table_rst
from geotext.quotes._direct import direct_marks
from geotext.quotes._indirect import indirect_cues
from geotext.quotes._reported import pull_quotes, reported_by
from geotext.quotes._state import Draft, State

__all__ = ["PASSES", "Draft", "State", "find_drafts", "run", "table_rst"]


@construction(
    "direct:floating",
    kind="direct",
    confidence=0.6,
    example="“We will win,” the minister said.\n\n“The army is ready.”",
    stage="floating",
)
def floating_quotes(st: State) -> None:
    ordered = sorted(st.drafts, key=lambda d: d.content[0][0])
    previous: Draft | None = None
    for d in ordered:
        if d.floating and previous is not None and previous.source is not None:
            # the rest of the previous quote's reporting sentence ("…,” said X,
            # who runs the campaign.) does not part the two quotes
            last = max(previous.content[-1][1], (previous.cue or (0, 0))[1], previous.source[1])
            sentence = st.doc.sentence_at(max(0, last - 1))
            after = max(last, sentence.end) if sentence is not None else last
            between = st.doc.text[min(after, d.content[0][0]) : d.content[0][0]]
            if not has_cue_text(between, previous):
                d.source, d.heads, d.pp_start = previous.source, previous.heads, previous.pp_start
                d.confidence = confidence("direct:floating", st.doc.has_parse)
                d.evidence = "direct:floating"
        if d.source is not None:
            previous = d
        elif not d.floating:
            previous = None


def has_cue_text(between: str, previous: Draft) -> bool:
    """Whether prose other than the previous quote's own cue clause lies between
    (blank lines between paragraphs do not count)."""
    words = [w for w in between[:2000].split() if any(c.isalpha() for c in w)]
    return len(words) > 8


PASSES: tuple[tuple[str, Callable[[State], None]], ...] = (
    ("direct", direct_marks),
    ("pull-quote", pull_quotes),
    ("indirect", indirect_cues),
    ("reported-by", reported_by),
    ("floating", floating_quotes),
)
"""The passes in the order they run (see the module docstring)."""


def run(st: State) -> list[Draft]:
    """Run every pass of :data:`PASSES` over ``st``; the drafts in text order."""
    for _name, apply in PASSES:
        apply(st)
    return sorted(st.drafts, key=lambda d: d.content[0][0])


def find_drafts(doc: Document) -> list[Draft]:
    """Run every construction over ``doc`` (see the module docstring)."""
    return run(State.of(doc, lexicon()))
