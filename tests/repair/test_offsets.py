from __future__ import annotations

import pytest

from geotext.repair.offsets import Edit, OffsetMap


def test_identity_without_edits() -> None:
    m = OffsetMap("abc")
    assert m.repaired == "abc"
    assert m.span(0, 3) == (0, 3)
    assert m.counts() == ()


def test_insertion_deletion_replacement() -> None:
    text = "ab\u200bcd“e”"
    edits = [
        Edit(start=2, end=3, replacement="", rule="invisible"),
        Edit(start=1, end=1, replacement=" ", rule="glue"),
        Edit(start=5, end=6, replacement='"', rule="q"),
        Edit(start=7, end=8, replacement='"', rule="q"),
    ]
    m = OffsetMap(text, edits)
    assert m.repaired == 'a bcd"e"'
    assert m.span(2, 4) == (1, 4)  # "bc" spans the deleted character between them
    assert text[slice(*m.span(2, 4))] == "b\u200bc"
    assert text[slice(*m.span(5, 8))] == "“e”"
    assert m.counts() == (("glue", 1), ("invisible", 1), ("q", 2))


def test_overlapping_edits_are_rejected() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        OffsetMap(
            "abcdef",
            [
                Edit(start=1, end=3, replacement="x", rule="a"),
                Edit(start=2, end=4, replacement="y", rule="b"),
            ],
        )


def test_edit_validates_its_range() -> None:
    with pytest.raises(ValueError):
        Edit(start=3, end=2, replacement="", rule="bad")
    with pytest.raises(ValueError):
        Edit(start=-1, end=2, replacement="", rule="bad")
