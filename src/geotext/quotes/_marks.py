"""Quote marks found on the original text and paired by type.

The marks are read from ``doc.text`` itself, not from the repaired word forms, so
the mark type is known: curly and straight double quotes, low-9 marks („ ‚),
guillemets (« » and reversed » «), single curly and straight quotes used as marks,
and CJK corner brackets, and ASCII double quotes typed as two characters (two
backticks or two apostrophes for each mark). Marks of one family pair with each
other only.

Whether a mark opens or closes is decided by what flanks it (a mark after a space
and before a letter opens), as in CommonMark's emphasis rules; the glyph is only a
tie-breaker. So the seed's ``“mutual supplies of weapons“,`` closes on its second
(left-hand) mark. Straight and curly double marks are one mark typed two ways: a
closing one with no open mark of its own family closes an open one of the other
(``"I don’t think so,” he said``). Single marks between letters (``won’t``) or after a plural ``s``
with no single quote open (``Belarus’ involvement``) are apostrophes. An unclosed
mark is closed at the end of its paragraph unless the next paragraph opens with a
mark of the same family: that is the news convention for a quote running over
several paragraphs (every paragraph opens a mark, only the last closes).

The glyphs and their families are ``data/quote_marks.yaml``.
"""

from __future__ import annotations

import functools

import regex
from attrs import define, field, frozen

from geotext.language.view import mark_inventory

__all__ = ["MarkSpan", "find_marks"]

_FAMILY = mark_inventory().families
_OPENING_GLYPHS = mark_inventory().opening
_CLOSING_GLYPHS = mark_inventory().closing
# every character that may be (half of) a mark: the one test each character passes
_MARK_CHARS = frozenset(_FAMILY) | {"'", "`"}
# Finds the next mark character: a paragraph is not walked character by character.
_MARK_RE = regex.compile("[" + regex.escape("".join(sorted(_MARK_CHARS))) + "]")
_SINGLE = frozenset({"single", "straight-single", "single-guillemet"})
# Families that are one mark typed two ways: a closing mark with nothing of its own
# family open closes the other's open mark.
_PARTNER = {"double": "straight", "straight": "double"}
_BEFORE_OPEN = frozenset("([{—–-/")
_AFTER_CLOSE = frozenset(".,;:!?)]}…—–-/")


@frozen(kw_only=True)
class MarkSpan:
    """Text between a pair of quote marks (possibly over several paragraphs).

    ``segments`` are the content ranges inside the marks, one per paragraph,
    trimmed of spaces; ``open``/``close`` are the mark offsets (``-1`` where a mark
    was missing and the span was recovered, see ``recovered``).
    """

    segments: tuple[tuple[int, int], ...]
    open: int
    close: int
    marks: str
    recovered: str = ""

    @property
    def start(self) -> int:
        """Offset of the opening mark, or of the content if it was missing."""
        return self.open if self.open >= 0 else self.segments[0][0]

    @property
    def end(self) -> int:
        """Offset after the closing mark, or after the content if it was missing."""
        return self.close + 1 if self.close >= 0 else self.segments[-1][1]

    @property
    def content_start(self) -> int:
        """Start of the quoted words."""
        return self.segments[0][0]

    @property
    def content_end(self) -> int:
        """End of the quoted words."""
        return self.segments[-1][1]


def _flanks(text: str, i: int, width: int = 1) -> tuple[bool, bool]:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    left = not nxt.isspace() and (prev.isspace() or prev in _BEFORE_OPEN or prev in _FAMILY)
    right = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE or nxt in _FAMILY)
    return left, right


def _is_apostrophe(text: str, i: int, single_open: bool) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return True  # won’t, Belarus’s, rock’n’roll
    if nxt.isdigit() and not prev.isalnum():
        return True  # ’90s
    # the Smiths’ house, Belarus’ involvement
    return prev in "sSzZ" and not single_open


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_marks(text: str) -> list[MarkSpan]:
    """Find and pair the quote marks of ``text``; never raises on unbalanced marks.

    Example:
        >>> t = "He said “no,” and “mutual supplies of weapons“, as well as ‘we won’t’."
        >>> [t[s.content_start : s.content_end] for s in find_marks(t)]
        ['no,', 'mutual supplies of weapons', 'we won’t']
    """
    return list(_pairs(text))


@functools.lru_cache(maxsize=2)
def _pairs(text: str) -> tuple[MarkSpan, ...]:
    """The pairs of :func:`find_marks`, kept for the last two texts: the rules, the
    tagger's features and the combine step each ask for the same document's marks,
    one after the other (the pairs are immutable; each caller gets its own list; two
    texts only, so a long text's pairs are not held for long)."""
    pr = _Pairing(text)
    paragraphs = _paragraphs(text)
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        _pair_paragraph(pr, p_start, p_end)
        nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
        _end_paragraph(pr, p_end, nxt)
    pr.spans.sort(key=lambda s: (s.start, -s.end))
    return tuple(pr.spans)


# what a pending (open) mark holds: its offset, the segments so far (one per
# paragraph it ran over), its glyph(s), where its current segment starts
_Pending = tuple[int, list[tuple[int, int]], str, int]


@define
class _Pairing:
    """The marks of one text being paired: those still open, by family, and the
    pairs found."""

    text: str
    pending: dict[str, _Pending] = field(factory=dict)
    spans: list[MarkSpan] = field(factory=list)


def _pair_paragraph(pr: _Pairing, p_start: int, p_end: int) -> None:
    """Read the marks of the paragraph ``[p_start, p_end)`` one by one."""
    text = pr.text
    first_mark_seen: set[str] = set()
    skip_to = -1
    for found in _MARK_RE.finditer(text, p_start, p_end):
        i = found.start()
        ch = found.group()
        if i < skip_to:
            continue
        width = 1
        family: str | None
        if ch in "'`" and i + 1 < p_end and text[i + 1] == ch and (i == p_start or text[i - 1] != ch):
            # ASCII double quotes typed as two singles: ``…'' or ''…''
            family, width, skip_to = "straight-ascii-double", 2, i + 2
            ch = text[i : i + 2]
        else:
            family = _FAMILY.get(ch)
        if family is None:
            continue
        is_first = family not in first_mark_seen and not text[p_start:i].strip()
        first_mark_seen.add(family)
        if family in _SINGLE and _is_apostrophe(text, i, family in pr.pending):
            continue
        _pair_mark(pr, i, ch, width, family, is_first, p_start)


def _open_close(pr: _Pairing, i: int, ch: str, width: int, family: str) -> tuple[bool, bool, bool]:
    """Whether the mark at ``i`` is left-flanking, may open, may close."""
    state = pr.pending.get(family)
    left, right = _flanks(pr.text, i, width)
    can_open = left or (not right and (ch in _OPENING_GLYPHS or family.startswith("straight")))
    can_close = right or (not left and (ch in _CLOSING_GLYPHS or family.startswith("straight")))
    if width == 2 and ch == "``":
        can_open, can_close = True, False  # `` only ever opens
    if family in ("guillemet", "single-guillemet"):
        # « French » (spaced inside), »German«, »Danish»: the glyph pairs
        # with its mirror image, whatever the spacing
        can_open = state is None or ch == state[2]
        can_close = state is not None and ch != state[2]
    return left, can_open, can_close


def _pair_mark(pr: _Pairing, i: int, ch: str, width: int, family: str, is_first: bool, p_start: int) -> None:
    """Open, close or continue a pair with the mark ``ch`` at ``i``."""
    text, pending = pr.text, pr.pending
    left, can_open, can_close = _open_close(pr, i, ch, width, family)
    state = pending.get(family)
    partner = _PARTNER.get(family)
    if state is None and partner in pending and can_close and not left:
        # '"I don’t think so,” he said': a straight and a curly double mark
        # are one quotation mark typed two ways; they pair with each other
        open_at, segments, marks, seg_start = pending.pop(partner)
        segments.append(_trim(text, seg_start, i))
        pr.spans.append(MarkSpan(segments=tuple(segments), open=open_at, close=i, marks=marks + ch))
        return
    if state is None:
        if can_open:
            pending[family] = (i, [], ch, i + width)
        elif can_close and family not in _SINGLE:
            s, e = _trim(text, p_start, i)
            if e > s:
                pr.spans.append(
                    MarkSpan(segments=((s, e),), open=-1, close=i, marks=ch, recovered="unopened")
                )
        return
    open_at, segments, marks, seg_start = state
    if is_first and segments and can_open and not can_close:
        # the continuation mark that opens a paragraph inside a running quote
        pending[family] = (open_at, segments, marks, i + width)
    elif can_close:
        segments.append(_trim(text, seg_start, i))
        close = i + width - 1
        pr.spans.append(MarkSpan(segments=tuple(segments), open=open_at, close=close, marks=marks + ch))
        del pending[family]
    elif can_open:
        if family not in _SINGLE:
            segments.append(_trim(text, seg_start, i))
            pr.spans.append(
                MarkSpan(segments=tuple(segments), open=open_at, close=-1, marks=marks, recovered="unclosed")
            )
        pending[family] = (i, [], ch, i + width)


def _end_paragraph(pr: _Pairing, p_end: int, nxt: tuple[int, int] | None) -> None:
    """At a paragraph's end an open mark runs on when the next paragraph opens with
    a mark of its family (the news convention); otherwise it is closed there."""
    text = pr.text
    for family in list(pr.pending):
        open_at, segments, marks, seg_start = pr.pending[family]
        segment = _trim(text, seg_start, p_end)
        head = text[nxt[0] : nxt[1]].lstrip()[:2] if nxt is not None else ""
        doubled = len(head) == 2 and head[0] in "'`" and head[1] == head[0]
        follows = (
            (("straight-ascii-double" if doubled else _FAMILY.get(head[:1])) == family) if head else False
        )
        if follows and family not in _SINGLE:
            pr.pending[family] = (open_at, [*segments, segment], marks, seg_start)
            continue
        del pr.pending[family]
        if family in _SINGLE:
            continue  # an unpaired single mark is more likely an apostrophe
        segs = [s for s in [*segments, segment] if s[1] > s[0]]
        if segs:
            pr.spans.append(
                MarkSpan(segments=tuple(segs), open=open_at, close=-1, marks=marks, recovered="unclosed")
            )
