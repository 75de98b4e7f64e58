"""Regression tests for issue 16's findings outside the command line (see
``tests/test_cli_reliability.py`` for those): dropped characters, argument checks,
importers, and the size of the work done on adversarial input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import geotext
from geotext.actors.cameo import read_cameo
from geotext.actors.kb import KnowledgeBase, KnowledgeBaseError
from geotext.backends import annotate
from geotext.errors import InputError
from geotext.repair.fixes import fix_paragraph_breaks


# Finding 2: characters dropped from tokens.
@pytest.mark.parametrize(
    "text",
    [
        "Talks with Mr... Putin co...uld fail.",
        "Mr.. Gen... Jan.... end.",
        "Dr.Mr..x",
    ],
)
def test_rules_tokenizer_keeps_every_visible_character(text: str) -> None:
    doc = annotate([text], backend="rules")[0]
    covered = [False] * len(text)
    for sent in doc.sentences:
        for tok in sent.tokens:
            assert text[tok.start : tok.end] == tok.text
            for i in range(tok.start, tok.end):
                covered[i] = True
    missing = [(i, c) for i, c in enumerate(text) if not c.isspace() and not covered[i]]
    assert missing == []


# Finding 4: bad arguments raise geotext errors naming the argument.
@pytest.mark.parametrize(
    ("kwargs", "named"),
    [
        ({"backend": None}, "backend"),
        ({"backend": 123}, "backend"),
        ({"kb": "x"}, "kb"),
        ({"models": 123}, "models"),
    ],
)
def test_bad_options_name_the_argument(kwargs: dict[str, object], named: str) -> None:
    for fn in (geotext.analyze, geotext.extract_quotes, geotext.detect_hedges, geotext.resolve_actors):
        with pytest.raises(InputError, match=rf"^{named} must be"):
            fn("Putin said so.", **{"backend": "rules", **kwargs})  # type: ignore[arg-type]
    with pytest.raises(InputError, match=rf"^{named} must be"):
        list(geotext.analyze_many(["Putin said so."], **{"backend": "rules", **kwargs}))  # type: ignore[arg-type]


def test_analyze_many_none() -> None:
    with pytest.raises(InputError, match="texts must be an iterable"):
        list(geotext.analyze_many(None, backend="rules"))  # type: ignore[arg-type]


def test_analyze_many_keeps_results_before_a_bad_item() -> None:
    texts: list[object] = ["One."] * 5 + [None] + ["Two."]
    got = []
    with pytest.raises(InputError, match=r"texts\[5\]"):
        for a in geotext.analyze_many(texts, backend="rules", batch_size=2):  # type: ignore[arg-type]
            got.append(a)
    assert len(got) == 5


def test_bad_date_names_its_index() -> None:
    with pytest.raises(InputError, match=r"texts\[1\]"):
        list(geotext.analyze_many([("One.", "2020-01-01"), ("Two.", "yesterday")], backend="rules"))


# Finding 4: importers reject malformed lines with the line number.
@pytest.mark.parametrize("line", ["[AUS]", "___ [RUS]", "0[]", "_ [USA]"])
def test_cameo_nameless_entries_are_skipped_with_line_number(line: str) -> None:
    result = read_cameo(["VLADIMIR_PUTIN_", "  [RUSGOV]", line, "ANGELA_MERKEL_ [DEUGOV]"], name="t.txt")
    assert {r.name for r in result.records} == {"Vladimir Putin", "Angela Merkel"}
    assert any(s.startswith("t.txt:3:") for s in result.skipped), result.skipped


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_deeply_nested_kb_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    depth = 100_000
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(KnowledgeBaseError, match=r"actor file .*deep"):
        KnowledgeBase.from_files([path])


# Finding 1: the paragraph-repair pattern that backtracked on long lines.
def test_paragraph_repair_is_linear_on_long_lines() -> None:
    # 20,000 letters took 9.6 s (quadratic: 60,000 would take ~90 s); linear work stays
    # far below the bound even on a loaded CI machine.
    text = "a" * 60_000 + "1\nB c."
    t0 = time.process_time()
    fix_paragraph_breaks(text)
    assert time.process_time() - t0 < 5.0


def test_long_line_analysis_is_small() -> None:
    text = "a" * 20_000 + "1\nB c."
    a = geotext.analyze(text, backend="rules")
    assert len(a.to_json()) < 20 * len(text)
    json.loads(a.to_json())
