from __future__ import annotations

import attrs
import pytest

from geotext.backends import annotate
from geotext.model import Entity


def test_records_are_frozen_and_slotted() -> None:
    doc = annotate(["Putin spoke. Lukashenko listened."], backend="rules")[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.sentences[0].start = 3  # type: ignore[misc]
    assert not hasattr(doc.sentences[0], "__dict__")


def test_sentence_at_and_navigation() -> None:
    doc = annotate(["Putin spoke. Lukashenko listened."], backend="rules")[0]
    assert doc.sentence_at(0) is doc.sentences[0]
    assert doc.sentence_at(14) is doc.sentences[1]
    assert doc.sentence_at(12) is None  # the space between sentences
    s = doc.sentences[0]
    assert s.word(1).text == "Putin"
    assert s.head_of(s.word(1)) is None


@pytest.mark.stanza
def test_parse_navigation_on_stanza(seed_doc) -> None:  # type: ignore[no-untyped-def]
    s = next(s for s in seed_doc.sentences if s.text.startswith("Kremlin spokesman"))
    stated = next(w for w in s.words if w.text == "stated")
    assert stated.lemma == "state"
    sub = s.subtree(stated)
    assert stated in sub
    assert [w.id for w in sub] == sorted(w.id for w in sub)
    # every word of the subtree reaches `stated` by following heads
    for w in sub:
        cur: object = w
        while cur is not None and cur is not stated:
            cur = s.head_of(cur)  # type: ignore[arg-type]
        assert cur is stated
    assert all(s.head_of(w) is None or s.head_of(w) in s.words for w in s.words)


def test_entity_validates_offsets() -> None:
    with pytest.raises(ValueError):
        Entity(text="x", start=5, end=2, label="PER", raw_label="PER", sentence=0)
    with pytest.raises(ValueError):
        Entity(text="x", start=-1, end=2, label="PER", raw_label="PER", sentence=0)
