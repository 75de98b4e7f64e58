"""Property tests: offsets always slice the caller's original text exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geotext.backends import annotate
from geotext.repair import repair
from geotext.repair.offsets import Edit, OffsetMap

# Text that stresses the repairs: any Unicode, plus the characters they act on.
_special = st.sampled_from(
    [*list("“”‘’„«»‹›′″\xa0\u200b\ufeff\xad\x00\r\n\t .!?'\"-"), "theWord", "StudiesLukashenko"]
)
texts = st.lists(st.one_of(st.text(max_size=8), _special), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_repair_maps_every_token_back(text: str) -> None:
    doc = annotate([text], backend="rules")[0]
    assert doc.text is text
    prev_end = 0
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert sent.start >= prev_end
        prev_end = sent.end
        for tok in sent.tokens:
            assert sent.start <= tok.start < tok.end <= sent.end
            assert text[tok.start : tok.end] == tok.text
            for w in tok.words:
                assert text[w.start : w.end] == w.text


@settings(max_examples=300, deadline=None)
@given(texts)
def test_no_visible_character_is_dropped(text: str) -> None:
    """Every character that is not whitespace, a control or an invisible format
    character ends up inside some token."""
    doc = annotate([text], backend="rules")[0]
    covered = bytearray(len(text))
    for sent in doc.sentences:
        for tok in sent.tokens:
            covered[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
    m = repair(text)
    dropped = {e.start for e in m.edits if e.replacement.strip() == "" and e.end > e.start}
    for i, ch in enumerate(text):
        if ch.isspace() or i in dropped:
            continue
        assert covered[i], f"character {ch!r} at {i} was dropped"


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(min_size=1, max_size=40))
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    edits = []
    for a, b in zip(points[::2], points[1::2], strict=False):
        edits.append(Edit(start=a, end=b, replacement=draw(st.text(max_size=3)), rule="r"))
    return text, edits


@settings(max_examples=300, deadline=None)
@given(edited())
def test_offset_map_is_monotonic_and_total(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    m = OffsetMap(text, edits)
    n = len(m.repaired)
    assert m.span(0, n)[0] == 0 or (edits and edits[0].start == 0)
    last = -1
    for r in range(n + 1):
        o = m.start(r)
        assert 0 <= o <= len(text)
        assert o >= last
        last = o
    for r in range(n):
        s, e = m.span(r, r + 1)
        assert 0 <= s <= e <= len(text)
