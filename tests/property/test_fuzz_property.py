"""Fuzz the whole analysis (rules backend) with adversarial text (issue 16).

Bounded examples so CI stays in budget; ``benchmarks/fuzz.py`` runs the same checks
for longer.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geotext

_PIECES = [
    *list("“”‘’„«»‹›\"'\u00a0\x00\t\r\n.,:;!?()[]—–-…"),
    "\r\n",
    "\ud800",
    "\udcff",
    "😀",
    "👍🏽",
    "said ",
    "he said that ",
    "according to ",
    "neither ",
    "Mr...",
    "Mr. ",
    "Yes.\tNo.\t",
    "“Yes,” he said. ",
    " Putin ",
    "the Kremlin",
    "may not",
    "unlikely",
    "Lukashenko’s",
    "a" * 30,
]
texts = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_PIECES)), max_size=60).map("".join)


@pytest.fixture(autouse=True, scope="module")
def _warm() -> None:
    """Load the lexicons, KB and learned models first: the time bound is per text."""
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_b5ed231f78873f5b.txt"
    geotext.analyze(seed.read_text(encoding="utf-8"), backend="rules")


def visible(ch: str) -> bool:
    """A character the reader sees: printable and not a space (invisible format
    characters, controls and lone surrogates are repaired away)."""
    return ch.isprintable() and not ch.isspace() and not ("\ud800" <= ch <= "\udfff")


def check(text: str) -> None:
    """The properties every analysis must have (shared with benchmarks/fuzz.py)."""
    t0 = time.process_time()
    a = geotext.analyze(text, backend="rules")
    out = a.to_json()
    elapsed = time.process_time() - t0
    # JSON round-trips and always encodes as UTF-8.
    back = json.loads(out.encode("utf-8"))
    assert back["text_length"] == len(text)
    # Every span slices the original text.
    for s in back["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
    for h in a.hedges:
        for p in h.cue:
            assert text[p.start : p.end] == p.text
        if h.scope is not None:
            assert text[h.scope.start : h.scope.end] == h.scope.text
    for q in a.quotes:
        for p in q.content:
            assert text[p.start : p.end] == p.text
    for actor in a.actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
    # Every visible character is in a token.
    covered = bytearray(len(text))
    for sent in a.sentences:
        for tok in sent.tokens:
            assert text[tok.start : tok.end] == tok.text
            covered[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
    missing = [(i, ch) for i, ch in enumerate(text) if visible(ch) and not covered[i]]
    assert not missing, missing[:5]
    # Time per character is bounded (generously: linear work is ~10 µs a character).
    assert elapsed < 2.0 + 0.002 * len(text), (elapsed, len(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fuzz_whole_analysis(text: str) -> None:
    check(text)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PIECES), st.integers(min_value=200, max_value=2000))
def test_fuzz_long_repeats(piece: str, n: int) -> None:
    check(piece * n)
