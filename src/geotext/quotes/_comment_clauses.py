"""Comment clauses: a reporting clause after or around what it reports
(``The war will end, he said.``, ``The war, he said, will end.``, ``As Reuters
reported, the war …``, ``…, as he said.``; Quirk et al. 1985, 15.53)."""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import View
from geotext.quotes._clauses import clause_spans, trimmed_span
from geotext.quotes._complements import Span
from geotext.quotes._constructions import construction
from geotext.quotes._shape import plausible_speaker, skip_adjuncts
from geotext.quotes._state import State

__all__ = ["as_clause", "clause_start_outside_marks", "content_before"]


@construction(
    "indirect:clause-before",
    confidence=0.7,
    example="The war will end soon, the minister said.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def content_before(st: State, view: View, cs: int, ce: int, cue: Cue) -> tuple[list[Span], str] | None:
    """``The war will end, he said.`` / ``The war, he said, will end.`` /
    ``As Reuters reported, the war …`` / ``…, as he said.``"""
    if not (cue.frames & {"quote", "inversion", "that"}) or view.forms[ce - 1].endswith("ing"):
        return None
    np = view.subject_before(cs)
    if np is not None and not plausible_speaker(view, np):
        return None
    start = np.start if np is not None else cs
    if start >= 1 and view.forms[start - 1] == "as" and np is not None:
        return as_clause(st, view, start - 1, ce)
    if not (cue.frames & {"quote", "inversion"}) and np is None:
        return None  # "…, the reports show." needs its subject before the verb
    after = ce
    if np is None:
        inverted = view.subject_after(ce)
        if inverted is None:
            return None
        after = inverted.end
    if start >= 2 and st.is_mark(view, start - 1) and view.forms[start - 2] == ",":
        left_end = start  # '… a “red file,” the Guardian reported': the comma sits inside the marks
    elif start >= 2 and view.forms[start - 1] == ",":
        left_end = start - 1
    else:
        return None
    n = len(view)
    after = skip_adjuncts(st, view, after)
    left_start = clause_start_outside_marks(st, view, left_end)
    opening = st.in_marks(view.words[left_start].start)
    if left_start >= left_end - 1 or (
        opening is not None
        and (
            opening.start != view.words[left_start].start
            or st.mark_index[opening.start] in st.used_marks
            or opening.end > view.words[left_end - 1].end
        )
    ):
        return None  # a quote the direct rules took, or one running past the clause
    spans = [trimmed_span(st, view, left_start, left_end)]
    if after < n and view.forms[after] == ",":
        spans.extend(clause_spans(st, view, after + 1, None))
    elif after < n and not view.is_punct(after):
        return None
    return [s for s in spans if s[1] > s[0]], "indirect:clause-before"


def clause_start_outside_marks(st: State, view: View, before: int) -> int:
    """:meth:`View.clause_start`, where a boundary word inside a pair of marks
    that closes before ``before`` ('leaders “who understand that …,”') does
    not count: the clause starts before the marks."""
    start = view.clause_start(before)
    for _ in range(3):
        m = st.in_marks(view.words[start].start)
        if m is None or m.start == view.words[start].start or m.end > view.words[before - 1].end:
            return start
        opening = view.first_at_or_after(m.start)
        if opening >= start:
            return start
        start = view.clause_start(opening)
    return start


@construction(
    "indirect:as-clause",
    confidence=0.7,
    example="As the minister said, the war will end soon.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def as_clause(st: State, view: View, as_word: int, ce: int) -> tuple[list[Span], str] | None:
    """A comment clause (Quirk et al. 15.53): ``As X observed, CLAUSE`` and
    ``CLAUSE, as X said.``"""
    n = len(view)
    after = ce
    while after < n and view.is_between(after):
        after += 1
    initial = view.clause_start(as_word) >= as_word
    if initial and after < n and view.forms[after] == ",":
        spans = clause_spans(st, view, after + 1, None)
        return ([s for s in spans if s[1] > s[0]] or None) and (spans, "indirect:as-clause")
    if (
        not initial
        and as_word >= 1
        and view.forms[as_word - 1] == ","
        and (after >= n or view.is_punct(after))
    ):
        left = view.clause_start(as_word - 1)
        if left < as_word - 1:
            return [trimmed_span(st, view, left, as_word - 1)], "indirect:as-clause"
    return None
