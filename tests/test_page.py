"""The HTML view: escaping and structure here, and the page in a real headless Chromium.

The browser tests drive Debian's ``chromium`` (``/usr/bin/chromium``, or the path in
``GEOTEXT_CHROMIUM``) through Playwright; they are skipped, saying why, when either is
missing. ``.ci/run`` installs both. The screenshot is written to
``tests/artefacts/view-seed.png`` (or ``$GEOTEXT_ARTEFACTS``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import geotext
from geotext.page import HEDGE_COLOURS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
ARTEFACTS = Path(os.environ.get("GEOTEXT_ARTEFACTS", ROOT / "tests" / "artefacts"))

HOSTILE = (
    "<script>alert(1)</script> “We will </span> & \"never\" '<b>' yield,” Putin said.\r\n"
    "It is likely that NATO's <img src=x onerror=alert(2)> leaders met in Minsk.\n"
)


def _spans(analysis: geotext.Analysis) -> dict[str, tuple[int, int]]:
    """Every annotation id of the page with its (start, end), as the view names them."""
    out: dict[str, tuple[int, int]] = {}
    for i, q in enumerate(analysis.quotes):
        for j, p in enumerate(q.content):
            out[f"q{i}c{j}"] = (p.start, p.end)
        if q.cue:
            out[f"q{i}k"] = (q.cue.start, q.cue.end)
        if q.source:
            out[f"q{i}s"] = (q.source.start, q.source.end)
    for i, h in enumerate(analysis.hedges):
        for j, p in enumerate(h.cue):
            out[f"h{i}p{j}"] = (p.start, p.end)
    for i, a in enumerate(analysis.actors):
        for j, m in enumerate(a.mentions):
            out[f"a{i}m{j}"] = (m.start, m.end)
    return {k: v for k, v in out.items() if v[1] > v[0]}


def test_page_is_standalone_and_escaped() -> None:
    a = geotext.analyze(HOSTILE, backend="rules")
    page = a.to_html(title="<i>title</i>")
    assert "<script>alert" not in page and "<img" not in page and "<i>title" not in page
    assert "script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x" in page
    # Nothing is fetched: no external URL in any src/href, and a CSP forbids it anyway.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "default-src 'none'" in page
    # Exactly one script and one style element: ours.
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    assert "&#13;" in page  # a CR survives parsing as itself


def test_page_marks_every_annotation() -> None:
    a = geotext.analyze(SEED.read_text(encoding="utf-8"), backend="rules", date="2022-12-20")
    page = a.to_html()
    for ann in _spans(a):
        assert re.search(rf'data-a="[^"]*\b{ann}\b', page), ann
    assert all(f"h-{c}" in page for c in HEDGE_COLOURS)
    probable = [h for h in a.hedges if h.probability]
    assert probable and "ICD 203 probability" in page
    for actor in a.actors:
        assert actor.id in page and actor.name in page


def test_empty_text_gives_a_page() -> None:
    page = geotext.analyze("", backend="rules").to_html()
    assert "Actors (0)" in page and "Quotes (0)" in page


# --- the page in a real browser -------------------------------------------------

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    path = os.environ.get("GEOTEXT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium: install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: pip install -e '.[dev]' brings it")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=exe, headless=True, args=FLAGS, viewport={"width": 1400, "height": 1000}
        )
        try:
            yield context
        finally:
            context.close()


def _load(browser: Any, page_html: str, tmp_path: Path) -> tuple[Any, list[str]]:
    path = tmp_path / "page.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: None if r.url.startswith("file:") else problems.append(f"request {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def _texts(page: Any) -> dict[str, str]:
    """Each annotation's text as the browser shows it: its segments' text in page order."""
    result: dict[str, str] = page.evaluate(
        """() => {
        const out = {};
        document.querySelectorAll('article span[data-a]').forEach(e => {
          e.getAttribute('data-a').split(' ').forEach(id => { out[id] = (out[id] || '') + e.textContent; });
        });
        return out;
      }"""
    )
    return result


def test_seed_page_in_chromium(browser: Any, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    a = geotext.analyze(text, backend="rules", date="2022-12-20")
    page, problems = _load(browser, a.to_html(title=SEED.name), tmp_path)
    try:
        assert problems == []
        # The article as displayed is the original text, character for character.
        assert page.evaluate("() => document.getElementById('text').textContent") == text
        shown = _texts(page)
        expected = {k: text[s:e] for k, (s, e) in _spans(a).items()}
        assert shown == expected
        # Clicking a speaker lights up every mention of the actor it resolves to.
        q = next(i for i, q in enumerate(a.quotes) if q.source and q.actor)
        actor = next(i for i, x in enumerate(a.actors) if x.id == a.quotes[q].actors[0].id)
        page.click(f'article span[data-a~="q{q}s"] >> nth=0')
        lit = page.evaluate(
            "() => Array.from(document.querySelectorAll('article .on')).map(e => e.getAttribute('data-act'))"
        )
        assert lit and all(f"a{actor}" in (x or "").split() for x in lit)
        mention_text = "".join(
            page.evaluate(
                "() => Array.from(document.querySelectorAll('article .on')).map(e => e.textContent)"
            )
        )
        assert mention_text == "".join(text[m.start : m.end] for m in a.actors[actor].mentions)
        # A hedge with a probability shows it on hover (the title tooltip).
        h = next(i for i, h in enumerate(a.hedges) if h.probability)
        tip = page.get_attribute(f'article span[data-a~="h{h}p0"] >> nth=0', "title")
        assert tip is not None and "ICD 203 probability" in tip
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        shot = ARTEFACTS / "view-seed.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        assert problems == []
    finally:
        page.close()


def test_hostile_page_in_chromium(browser: Any, tmp_path: Path) -> None:
    a = geotext.analyze(HOSTILE, backend="rules")
    page, problems = _load(browser, a.to_html(title="<script>alert(3)</script>"), tmp_path)
    try:
        assert page.evaluate("() => document.querySelectorAll('script').length") == 1
        assert page.evaluate("() => document.querySelectorAll('article *:not(span)').length") == 0
        assert page.evaluate("() => document.getElementById('text').textContent") == HOSTILE
        assert _texts(page) == {k: HOSTILE[s:e] for k, (s, e) in _spans(a).items()}
        assert page.title() == "<script>alert(3)</script>"
        assert problems == []
    finally:
        page.close()
