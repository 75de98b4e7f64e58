"""The explicit state the quote constructions work on, and the drafts they make.

One :class:`State` per document: its sentence views and top-level quote marks
(read once), and what the constructions have made so far: the ``drafts``, the
``claimed`` characters (one byte per character: already attributed text no later
construction takes again) and the ``used_marks`` (indices of marks some quote
has taken). Every construction receives the state as its first argument; the
order the constructions run in is :data:`geotext.quotes._extract.PASSES`.
"""

from __future__ import annotations

import bisect

from attrs import define, field

from geotext.language.reporting import Cue, Lexicon
from geotext.language.view import View
from geotext.model import Document
from geotext.quotes._constructions import confidence
from geotext.quotes._marks import MarkSpan, find_marks

__all__ = ["Draft", "Speaker", "State", "cueless_draft", "make_direct", "make_indirect", "top_level"]


@define
class Draft:
    """A quote under construction (character offsets into ``doc.text``)."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_type: str
    stance: str | None
    source: tuple[int, int] | None
    heads: list[tuple[int, int]]
    pp_start: int | None
    confidence: float
    evidence: str
    sentence: int
    marks: list[MarkSpan] = field(factory=list)
    floating: bool = False
    cue_class: str | None = None
    """The lexicon class of the cue (speech, cognition, evidence); ``speech`` for a
    colon; ``None`` without a cue."""


def cueless_draft(m: MarkSpan, sentence: int, evidence: str, floating: bool = False) -> Draft:
    """A direct quote of the marks ``m`` with no cue and no speaker yet (confidence 0.3):
    a floating or unattributed quote, or one a later rule gives a speaker."""
    return Draft(
        content=list(m.segments),
        cue=None,
        cue_type="none",
        stance=None,
        source=None,
        heads=[],
        pp_start=None,
        confidence=confidence("direct:unattributed", True),
        evidence=evidence,
        sentence=sentence,
        marks=[m],
        floating=floating,
    )


@define
class Speaker:
    """A speaker phrase: its characters, its head words, where a PP starts in it."""

    source: tuple[int, int]
    heads: list[tuple[int, int]]
    pp_start: int | None
    inherited: bool = False


def top_level(spans: list[MarkSpan]) -> list[MarkSpan]:
    """The outermost pairs of marks: a pair inside another is part of its content."""
    out: list[MarkSpan] = []
    reach = -1
    for m in spans:  # sorted by start, longest first
        if m.end <= reach:
            continue
        out.append(m)
        reach = max(reach, m.end)
    return out


@define
class State:
    """One document under attribution: what is read once, and what is made so far.

    Build it with :meth:`of`. ``marks`` are the top-level pairs of marks (they do
    not nest, so they sort by start: ``mark_starts`` bisects them, ``mark_index``
    finds one by its start).
    """

    doc: Document
    lex: Lexicon
    views: list[View]
    marks: list[MarkSpan]
    mark_starts: list[int]
    mark_index: dict[int, int]
    claimed_mask: bytearray
    drafts: list[Draft] = field(factory=list)
    used_marks: set[int] = field(factory=set)
    mark_ends: list[int] = field(factory=list)
    """``marks[k].end`` for each ``k`` (read for every word: ``end`` is computed)."""

    @classmethod
    def of(cls, doc: Document, lex: Lexicon) -> State:
        """The state before any construction has run over ``doc``."""
        single = frozenset(f[0] for f in lex.verb_forms if len(f) == 1)
        views = [View(s, doc.has_parse, frozenset() if doc.has_parse else single) for s in doc.sentences]
        marks = top_level(find_marks(doc.text))
        return cls(
            doc=doc,
            lex=lex,
            views=views,
            marks=marks,
            mark_starts=[m.start for m in marks],
            mark_index={m.start: k for k, m in enumerate(marks)},
            claimed_mask=bytearray(len(doc.text) + 1),
            mark_ends=[m.end for m in marks],
        )

    def view_at(self, offset: int) -> View | None:
        """The view of the sentence holding ``offset``."""
        s = self.doc.sentence_at(offset)
        return None if s is None else self.views[s.index]

    def in_marks(self, offset: int) -> MarkSpan | None:
        """The top-level pair of marks around ``offset``, if any."""
        starts, ends = self.mark_starts, self.mark_ends
        k = bisect.bisect_right(starts, offset) - 1
        # crossed marks of two families can overlap; look at a few neighbours
        for j in range(k, max(-1, k - 3), -1):
            if starts[j] <= offset < ends[j]:
                return self.marks[j]
        return None

    def marks_within(self, start: int, end: int) -> list[MarkSpan]:
        """The top-level pairs of marks whose words lie inside ``[start, end)``."""
        lo = bisect.bisect_left(self.mark_starts, start - 1)
        hi = bisect.bisect_left(self.mark_starts, end)
        return [m for m in self.marks[lo:hi] if start <= m.content_start and m.content_end <= end]

    def claim(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as attributed."""
        self.claimed_mask[start:end] = b"\x01" * max(0, end - start)

    def claimed(self, offset: int) -> bool:
        """Whether the character at ``offset`` is attributed already."""
        return bool(self.claimed_mask[offset])

    def mark_starting_at(self, offset: int) -> int | None:
        """The index of the top-level pair of marks opening at ``offset``."""
        return self.mark_index.get(offset)

    def is_mark(self, view: View, i: int) -> bool:
        """Whether word ``i`` is a quote mark that closes a pair of marks."""
        m = self.in_marks(view.words[i].start)
        return m is not None and m.close == view.words[i].start

    def is_opening(self, view: View, k: int) -> bool:
        """Whether word ``k`` is a quote mark that opens a pair of marks."""
        m = self.in_marks(view.words[k].start)
        return m is not None and m.start == view.words[k].start


def make_direct(
    st: State,
    marks: list[MarkSpan],
    view: View,
    cs: int,
    ce: int,
    cue: Cue | None,
    speaker: Speaker | None,
    name: str,
) -> Draft:
    """Add the draft of direct construction ``name``: the ``marks``, the cue at words
    ``[cs, ce)`` of ``view`` (``cue`` is ``None`` for a colon), the speaker; marks,
    cue and speaker are used and claimed."""
    for m in marks:
        idx = st.mark_index[m.start]
        st.used_marks.add(idx)
        st.claim(m.start, m.end)
    words = view.words
    d = Draft(
        content=[seg for m in marks for seg in m.segments],
        cue=(words[cs].start, words[ce - 1].end),
        cue_type="verb" if cue is not None else "colon",
        stance=cue.stance if cue is not None else None,
        cue_class=cue.cls if cue is not None else "speech",
        source=speaker.source if speaker else None,
        heads=speaker.heads if speaker else [],
        pp_start=speaker.pp_start if speaker else None,
        confidence=confidence(name, view.has_parse),
        evidence=name + ("+inherited" if speaker and speaker.inherited else ""),
        sentence=view.sentence.index,
        marks=list(marks),
    )
    if speaker is not None:
        st.claim(*speaker.source)
    st.claim(*(d.cue or (0, 0)))
    st.drafts.append(d)
    return d


def make_indirect(
    st: State,
    view: View,
    spans: list[tuple[int, int]],
    cue_words: tuple[int, int],
    cue_type: str,
    stance: str | None,
    speaker: Speaker | None,
    name: str,
    *,
    cue_class: str | None,
) -> Draft:
    """Add the draft of indirect construction ``name`` (its ``evidence``): the content
    ``spans``, the cue at words ``cue_words`` of ``view``, the speaker; the marks
    inside the content are used and the content claimed."""
    words = view.words
    inside = [m for s, e in spans for m in st.marks_within(s, e)]
    for m in inside:
        st.used_marks.add(st.mark_index[m.start])
    d = Draft(
        content=spans,
        cue=(words[cue_words[0]].start, words[cue_words[1] - 1].end),
        cue_type=cue_type,
        stance=stance,
        source=speaker.source if speaker else None,
        heads=speaker.heads if speaker else [],
        pp_start=speaker.pp_start if speaker else None,
        confidence=confidence(name, view.has_parse),
        evidence=name,
        sentence=view.sentence.index,
        marks=inside,
        cue_class=cue_class,
    )
    if speaker is not None and speaker.inherited:
        d.evidence += "+inherited"
    st.drafts.append(d)
    for s, e in spans:
        st.claim(s, e)
    return d
