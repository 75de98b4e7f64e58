"""Direct quotes: a pair of marks and the cue right after or before it.

Each top-level pair of marks looks for a reporting clause right after it (``"…,"
said X`` / ``"…," X said`` / ``"…," X, a doctor, said``), then right before it (``X
said: "…"``, ``X told reporters: "…"``, ``X: "…"``). Marks that continue the same
utterance after the cue (``"A," he said, "B."`` or ``"A," he said. "B."`` in one
paragraph) join it as further content spans. A whole-sentence quote with no cue is
kept for the floating-quote rule.
"""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import (
    SUBJECT_PRONOUNS,
    View,
)
from geotext.quotes._marks import MarkSpan
from geotext.quotes._reporting_clause import cue_before, ends_sentence, has_cue_after, loose_tail, tail_at
from geotext.quotes._shape import (
    has_alnum,
    np_speaker,
    skippable,
)
from geotext.quotes._speaker_phrase import speaker_of
from geotext.quotes._state import Draft, State, cueless_draft, make_direct


def direct_marks(st: State) -> None:
    for k, m in enumerate(st.marks):
        if k in st.used_marks:
            continue
        direct_at(st, k, m)


def direct_at(st: State, k: int, m: MarkSpan) -> None:
    text = st.doc.text
    close_view = st.view_at(m.end - 1) or st.view_at(m.content_end - 1)
    open_view = st.view_at(m.start)
    if close_view is None or open_view is None:
        return
    tail = None
    t = close_view.first_at_or_after(m.end)
    lead = text[open_view.sentence.start : m.start].rstrip()
    if has_alnum(lead) and not lead.endswith((":", "—", "–")):
        t = len(close_view)  # 'put it in a “red file,” the Guardian reported': the cue takes the clause
    if t < len(close_view):
        tail = tail_at(st, close_view, t)
    elif close_view.sentence.index + 1 < len(st.views) and not has_alnum(lead):
        # the splitter cut after the closing mark: '“… in Vienna!” Tusk said.'
        nxt = st.views[close_view.sentence.index + 1]
        gap = text[m.end : nxt.words[0].start] if len(nxt) else "\n"
        if not gap.strip() and "\n" not in gap:
            tail = tail_at(st, nxt, 0)
            if tail is not None and (nxt.words[0].text[:1].islower() or ends_sentence(st, nxt, tail[4])):
                close_view = nxt
            else:
                tail = None
    if tail is not None:
        cs, ce, cue, speaker, end = tail
        d = make_direct(st, [m], close_view, cs, ce, cue, speaker, 0.9, "direct:cue-after")
        split_continuation(st, d, close_view, end, cue)
        return
    if t < len(close_view) and quote_shaped(st, m, open_view):
        # '“…,” said a senior official who spoke on condition of anonymity': the
        # reporting clause goes on past what the tail pattern reads; the quote
        # stays a direct quote, with its cue and speaker when they are found
        loose = loose_tail(st, close_view, t)
        if loose is not None:
            cs, ce, cue, who = loose
            make_direct(st, [m], close_view, cs, ce, cue, who, 0.7, "direct:cue-after-loose")
            return
        inner = text[m.content_start : m.content_end].rstrip()
        if len(inner.split()) >= 3:  # "''Border Stories,'' whose …" is a title, not an utterance
            keep_unattributed(st, k, m, open_view, floating=inner.endswith((".", "!", "?")))
        return
    p = open_view.last_before(m.start)
    if p < 0 and open_view.sentence.index > 0:
        # the splitter ended the sentence at the colon: 'Scholz continued: | “…”'
        prev = st.views[open_view.sentence.index - 1]
        if len(prev) and prev.forms[-1] == ":" and not text[prev.sentence.end : m.start].strip():
            open_view, p = prev, len(prev) - 1
    if p >= 0:
        if open_view.forms[p] == "that":
            return  # "noted that “…”": the indirect rules take the whole clause
        before = cue_before(st, open_view, p)
        if before is not None:
            cs, ce, cue = before
            who = speaker_of(st, open_view, cs, ce)
            make_direct(st, [m], open_view, cs, ce, cue, who, 0.85, "direct:cue-before")
            return
        if open_view.forms[p] == ":":
            start = open_view.clause_start(p)
            np = open_view.np_ending_at(p, max_words=6)
            if (
                np is not None
                and np.start == start
                and any(
                    open_view.is_capitalized(h) or open_view.forms[h] in SUBJECT_PRONOUNS for h in np.heads
                )
            ):
                d = make_direct(
                    st, [m], open_view, p, p + 1, None, np_speaker(open_view, np), 0.7, "direct:colon"
                )
                d.cue_type = "colon"
                return
    if full_sentences(st, m, open_view, close_view):
        keep_unattributed(st, k, m, open_view, floating=True)


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
        gap = text[at:]
        stripped = gap.lstrip(" \t")
        if stripped[:1] == "\n" and not joined:
            return
        pos = at + len(gap) - len(stripped)
        k = st.mark_starting_at(pos)
        if k is None and stripped[:2] in ("''", "``"):
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
