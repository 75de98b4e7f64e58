"""Direct quotes: a pair of marks and the cue right after or before it.

Each top-level pair of marks looks for a reporting clause right after it (``"…,"
said X`` / ``"…," X said`` / ``"…," X, a doctor, said``), then right before it (``X
said: "…"``, ``X told reporters: "…"``, ``X: "…"``). Marks that continue the same
utterance after the cue (``"A," he said, "B."`` or ``"A," he said. "B."`` in one
paragraph) join it as further content spans. A whole-sentence quote with no cue is
kept for the floating-quote rule.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import define

from geotext.language.reporting import Cue
from geotext.language.view import (
    SUBJECT_PRONOUNS,
    View,
)
from geotext.quotes._constructions import construction
from geotext.quotes._marks import MarkSpan
from geotext.quotes._reporting_clause import cue_before, ends_sentence, has_cue_after, loose_tail, tail_at
from geotext.quotes._shape import (
    has_alnum,
    np_speaker,
    skippable,
)
from geotext.quotes._speaker_phrase import speaker_of
from geotext.quotes._state import Draft, State, cueless_draft, make_direct


@define
class Around:
    """A top-level pair of marks and what surrounds it, read once for the direct
    constructions (:data:`DIRECT`)."""

    k: int
    """The index of the marks in ``State.marks``."""
    m: MarkSpan
    open_view: View
    close_view: View
    t: int
    """The first word after the marks in ``close_view``; ``len(close_view)`` when
    prose stands before the marks, so that a cue after them takes their whole
    clause ('put it in a “red file,” the Guardian reported')."""
    lead: str
    """The sentence's text before the marks, right-stripped."""
    before_view: View
    """The view of the word before the marks: the previous sentence when the
    splitter ended it at the colon ('Scholz continued: | “…”')."""
    p: int
    """That word's index in ``before_view``, ``-1`` if none."""


def around(st: State, k: int, m: MarkSpan) -> Around | None:
    """What surrounds the marks ``m`` (``None`` outside every sentence)."""
    text = st.doc.text
    close_view = st.view_at(m.end - 1) or st.view_at(m.content_end - 1)
    open_view = st.view_at(m.start)
    if close_view is None or open_view is None:
        return None
    t = close_view.first_at_or_after(m.end)
    lead = text[open_view.sentence.start : m.start].rstrip()
    if has_alnum(lead) and not lead.endswith((":", "—", "–")):
        t = len(close_view)
    before_view, p = open_view, open_view.last_before(m.start)
    if p < 0 and open_view.sentence.index > 0:
        prev = st.views[open_view.sentence.index - 1]
        if len(prev) and prev.forms[-1] == ":" and not text[prev.sentence.end : m.start].strip():
            before_view, p = prev, len(prev) - 1
    return Around(k, m, open_view, close_view, t, lead, before_view, p)


def direct_marks(st: State) -> None:
    """The ``direct`` pass: each top-level pair of marks no construction took yet
    tries the steps of :data:`DIRECT` in order; the first that answers settles it."""
    for k, m in enumerate(st.marks):
        if k in st.used_marks:
            continue
        a = around(st, k, m)
        if a is None:
            continue
        for step in DIRECT:
            if step(st, a):
                break


@construction(
    "direct:cue-after",
    confidence=0.9,
    example="“We will win,” the minister said.",
    kind="direct",
    stage="direct",
)
def cue_after(st: State, a: Around) -> bool:
    """``"…," said X`` / ``"…," X said`` right after the marks, also when the
    splitter cut after the closing mark ('“… in Vienna!” Tusk said.')."""
    text = st.doc.text
    view = a.close_view
    tail = None
    if a.t < len(view):
        tail = tail_at(st, view, a.t)
    elif view.sentence.index + 1 < len(st.views) and not has_alnum(a.lead):
        nxt = st.views[view.sentence.index + 1]
        gap = text[a.m.end : nxt.words[0].start] if len(nxt) else "\n"
        if not gap.strip() and "\n" not in gap:
            tail = tail_at(st, nxt, 0)
            if tail is not None and (nxt.words[0].text[:1].islower() or ends_sentence(st, nxt, tail[4])):
                view = nxt
            else:
                tail = None
    if tail is None:
        return False
    cs, ce, cue, speaker, end = tail
    d = make_direct(st, [a.m], view, cs, ce, cue, speaker, "direct:cue-after")
    split_continuation(st, d, view, end, cue)
    return True


@construction(
    "direct:cue-after-loose",
    confidence=0.7,
    example="“We will win,” said a senior official who spoke on condition of anonymity on Monday.",
    kind="direct",
    stage="direct",
)
def cue_after_loose(st: State, a: Around) -> bool:
    """'“…,” said a senior official who spoke on condition of anonymity': the
    reporting clause goes on past what the tail pattern reads; the quote stays a
    direct quote, with its cue and speaker."""
    if not (a.t < len(a.close_view) and quote_shaped(st, a.m, a.open_view)):
        return False
    loose = loose_tail(st, a.close_view, a.t)
    if loose is None:
        return False
    cs, ce, cue, who = loose
    make_direct(st, [a.m], a.close_view, cs, ce, cue, who, "direct:cue-after-loose")
    return True


def unread_tail(st: State, a: Around) -> bool:
    """A quoted utterance whose reporting clause could not be read stays a direct
    quote without a cue ("''Border Stories,'' whose …" is a title, not an
    utterance: fewer than three words are left alone)."""
    if not (a.t < len(a.close_view) and quote_shaped(st, a.m, a.open_view)):
        return False
    inner = st.doc.text[a.m.content_start : a.m.content_end].rstrip()
    if len(inner.split()) >= 3:
        keep_unattributed(st, a.k, a.m, a.open_view, floating=inner.endswith((".", "!", "?")))
    return True


def that_before(st: State, a: Around) -> bool:
    """ "noted that “…”": the indirect constructions take the whole clause."""
    return a.p >= 0 and a.before_view.forms[a.p] == "that"


@construction(
    "direct:cue-before",
    confidence=0.85,
    example="The minister said: “We will win.”",
    kind="direct",
    stage="direct",
)
def cue_before_marks(st: State, a: Around) -> bool:
    """``X said: "…"``, ``X told reporters: "…"``: a cue right before the marks."""
    if a.p < 0:
        return False
    before = cue_before(st, a.before_view, a.p)
    if before is None:
        return False
    cs, ce, cue = before
    who = speaker_of(st, a.before_view, cs, ce)
    make_direct(st, [a.m], a.before_view, cs, ce, cue, who, "direct:cue-before")
    return True


@construction(
    "direct:colon", confidence=0.7, example="Zelensky: “We will win.”", kind="direct", stage="direct"
)
def colon_before(st: State, a: Around) -> bool:
    """``X: "…"``: a name or pronoun phrase opening the clause, then a colon."""
    view, p = a.before_view, a.p
    if p < 0 or view.forms[p] != ":":
        return False
    start = view.clause_start(p)
    np = view.np_ending_at(p, max_words=6)
    if (
        np is None
        or np.start != start
        or not any(view.is_capitalized(h) or view.forms[h] in SUBJECT_PRONOUNS for h in np.heads)
    ):
        return False
    d = make_direct(st, [a.m], view, p, p + 1, None, np_speaker(view, np), "direct:colon")
    d.cue_type = "colon"
    return True


def whole_sentences(st: State, a: Around) -> bool:
    """Marks around whole sentences with no cue: a floating quote (the
    ``floating`` pass may give it the speaker of the quote before it)."""
    if full_sentences(st, a.m, a.before_view, a.close_view):
        keep_unattributed(st, a.k, a.m, a.before_view, floating=True)
    return True


DIRECT: tuple[Callable[[State, Around], bool], ...] = (
    cue_after,
    cue_after_loose,
    unread_tail,
    that_before,
    cue_before_marks,
    colon_before,
    whole_sentences,
)
"""The steps a pair of marks tries, in order (:func:`direct_marks`)."""


@construction(
    "direct:unattributed",
    confidence=0.3,
    example="The vote is on Sunday.\n\n“We will win.”",
    kind="direct",
    stage="direct",
)
def keep_unattributed(st: State, k: int, m: MarkSpan, view: View, *, floating: bool) -> None:
    """Keep the marks as a direct quote with no cue: a floating quote (a later
    rule may give it the speaker of the quote before it) or one whose reporting
    clause could not be read."""
    st.used_marks.add(k)
    st.drafts.append(cueless_draft(m, view.sentence.index, "direct:unattributed", floating))
    st.claim(m.start, m.end)


def quote_shaped(st: State, m: MarkSpan, open_view: View) -> bool:
    """Whether the marks hold a quoted utterance, not a fragment: they open the
    sentence and their words end with the punctuation of a sentence or with the
    comma that stands for its full stop before a reporting clause ('“We won,” …')."""
    text = st.doc.text
    lead = text[open_view.sentence.start : m.start]
    inner = text[m.content_start : m.content_end].rstrip()
    return not has_alnum(lead) and inner.endswith((",", ".", "!", "?"))


def full_sentences(st: State, m: MarkSpan, open_view: View, close_view: View) -> bool:
    text = st.doc.text
    before = text[open_view.sentence.start : m.start]
    after = text[m.end : close_view.sentence.end]
    return not has_alnum(before) and not has_alnum(after)


def split_continuation(st: State, d: Draft, view: View, end: int, cue: Cue) -> None:
    """Join the marks that continue the quote after its cue: '“A,” he said,
    “B.”' and, in the same paragraph, '“A,” he said. “B.” “C.”' (one utterance
    around its reporting clause; a quote-only paragraph after it is a floating
    quote instead)."""
    text = st.doc.text
    if end < len(view) and view.forms[end] in (",", ":") and end + 1 < len(view):
        at = view.words[end + 1].start
    else:
        last = len(view)
        while last > end and view.is_punct(last - 1):
            last -= 1
        if not skippable(st, view, end, last, cue):
            return  # more than adjuncts after the cue: the quote does not resume
        at = view.sentence.end
    joined = ""
    while True:
        pos = at  # skip spaces and tabs in place: slicing text[at:] copied the rest of the document per quote
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if text[pos : pos + 1] == "\n" and not joined:
            return
        k = st.mark_starting_at(pos)
        if k is None and text[pos : pos + 2] in ("''", "``"):
            k = st.mark_starting_at(pos + 1)  # a doubled mark pairs from its second half
        if k is None or k in st.used_marks or has_cue_after(st, st.marks[k]):
            break
        m2 = st.marks[k]
        st.used_marks.add(k)
        d.content.extend(m2.segments)
        d.marks.append(m2)
        st.claim(m2.start, m2.end)
        joined = "+split"
        close = st.view_at(m2.end - 1)
        if close is None or has_alnum(text[m2.end : close.sentence.end]):
            break
        at = close.sentence.end
    d.evidence += joined
