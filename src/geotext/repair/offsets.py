"""Edits and the offset map: the only place where offsets move.

Every repair is expressed as :class:`Edit` records in the coordinates of the
*original* string. :class:`OffsetMap` applies them to build the repaired text and maps
any span of the repaired text back to the original. The map is sparse (one entry per
edit, searched with :mod:`bisect`), so a 5 MB text with few repairs costs almost nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from attrs import field, frozen
from attrs.validators import ge, instance_of

__all__ = ["Edit", "OffsetMap"]


@frozen(kw_only=True)
class Edit:
    """Replace ``original[start:end]`` by ``replacement``.

    ``start == end`` is an insertion, an empty ``replacement`` a deletion.
    ``rule`` names the repair that made the edit.
    """

    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=instance_of(int))
    replacement: str
    rule: str

    @end.validator
    def _check_end(self, attribute: object, value: int) -> None:
        if value < self.start:
            raise ValueError(f"edit end {value} is before its start {self.start}")


class OffsetMap:
    """Apply non-overlapping edits to ``original`` and map offsets back.

    Args:
        original: The caller's text.
        edits: Edits in original coordinates. They are sorted here; overlapping edits
            raise :class:`ValueError` (an insertion may sit at the start of another edit).

    Example:
        >>> from geotext.repair.offsets import Edit, OffsetMap
        >>> m = OffsetMap("a“b”", [Edit(start=1, end=2, replacement='"', rule="q"),
        ...                        Edit(start=3, end=4, replacement='"', rule="q")])
        >>> m.repaired
        'a"b"'
        >>> m.span(1, 4)
        (1, 4)
        >>> m2 = OffsetMap("theInstitute", [Edit(start=3, end=3, replacement=" ", rule="g")])
        >>> m2.repaired, m2.span(4, 13), "theInstitute"[3:12]
        ('the Institute', (3, 12), 'Institute')
    """

    __slots__ = ("_orig_end", "_orig_start", "_rep_end", "_rep_start", "edits", "original", "repaired")

    def __init__(self, original: str, edits: Iterable[Edit] = ()) -> None:
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        pieces: list[str] = []
        self._rep_start: list[int] = []
        self._rep_end: list[int] = []
        self._orig_start: list[int] = []
        self._orig_end: list[int] = []
        pos = 0  # position in original
        rlen = 0  # length of repaired text built so far
        for e in ordered:
            if e.start < pos or e.end > len(original):
                raise ValueError(f"edit {e!r} overlaps another edit or runs past the text")
            pieces.append(original[pos : e.start])
            rlen += e.start - pos
            self._rep_start.append(rlen)
            pieces.append(e.replacement)
            rlen += len(e.replacement)
            self._rep_end.append(rlen)
            self._orig_start.append(e.start)
            self._orig_end.append(e.end)
            pos = e.end
        pieces.append(original[pos:])
        self.original = original
        self.edits: tuple[Edit, ...] = tuple(ordered)
        self.repaired = "".join(pieces) if ordered else original

    def start(self, r: int) -> int:
        """Map a start offset in the repaired text to the original text."""
        i = bisect.bisect_right(self._rep_start, r) - 1
        if i < 0:
            return r
        if r < self._rep_end[i]:
            return self._orig_start[i]
        return self._orig_end[i] + (r - self._rep_end[i])

    def end(self, r: int) -> int:
        """Map an (exclusive) end offset in the repaired text to the original text."""
        if r <= 0:
            return self.start(r)
        last = r - 1
        i = bisect.bisect_right(self._rep_start, last) - 1
        if i < 0:
            return r
        if last < self._rep_end[i]:
            return self._orig_end[i]
        return self._orig_end[i] + (last - self._rep_end[i]) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the repaired span ``[start, end)`` to the original text.

        An empty repaired span maps to an empty original span at the mapped start.
        """
        s = self.start(start)
        if end <= start:
            return s, s
        return s, max(s, self.end(end))

    def spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Map many repaired spans at once; equivalent to ``[self.span(s, e) for ...]``.

        With spans sorted by start (as tokens are), one walk over the edits replaces a
        binary search per offset, which matters for millions of tokens.

        Example:
            >>> from geotext.repair import repair
            >>> m = repair("a “b” c")
            >>> m.spans([(2, 5), (0, 1)]) == [m.span(2, 5), m.span(0, 1)]
            True
        """
        if not self.edits:
            return [(s, e) if e > s else (s, s) for s, e in spans]
        out: list[tuple[int, int]] = []
        rs, re_, os_, oe = self._rep_start, self._rep_end, self._orig_start, self._orig_end
        n = len(rs)
        i = -1  # index of the last edit with rep_start <= current offset
        prev = -1
        for s, e in spans:
            if s < prev or e <= s:
                out.append(self.span(s, e))
                continue
            prev = s
            while i + 1 < n and rs[i + 1] <= s:
                i += 1
            if i < 0:
                ms = s
            elif s < re_[i]:
                ms = os_[i]
            else:
                ms = oe[i] + (s - re_[i])
            last = e - 1
            j = i
            while j + 1 < n and rs[j + 1] <= last:
                j += 1
            if j < 0:
                me = e
            elif last < re_[j]:
                me = oe[j]
            else:
                me = oe[j] + (last - re_[j]) + 1
            out.append((ms, max(ms, me)))
        return out

    def counts(self) -> tuple[tuple[str, int], ...]:
        """Return ``(rule, number of edits)`` pairs, sorted by rule name."""
        seen: dict[str, int] = {}
        for e in self.edits:
            seen[e.rule] = seen.get(e.rule, 0) + 1
        return tuple(sorted(seen.items()))
