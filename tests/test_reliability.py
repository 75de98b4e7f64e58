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
from geotext.backends import MAX_SENTENCE_WORDS, annotate
from geotext.errors import InputError
from geotext.hedges import MAX_CUES_PER_SENTENCE
from geotext.repair.fixes import fix_paragraph_breaks

ROOT = Path(__file__).resolve().parents[1]


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


# Finding 1: super-linear work and output. Timing bounds live in benchmarks/; these
# tests bound the size of the work (records, spans, JSON) on inputs that blew it up.
@pytest.mark.parametrize(
    "unit",
    ["said ", "according to ", "he said that ", "neither "],
)
def test_repeated_cue_words_give_bounded_output(unit: str) -> None:
    text = unit * 2000
    a = geotext.analyze(text, backend="rules")
    out = a.to_json()
    # Was 2,275x the input for "said " * 2000 (every cue's scope and every claim's
    # evidence copied most of the sentence): now each sentence is at most
    # MAX_SENTENCE_WORDS words with at most MAX_CUES_PER_SENTENCE cues.
    assert len(out) < 150 * len(text)
    assert all(len(s.tokens) <= MAX_SENTENCE_WORDS for s in a.sentences)
    per_sentence: dict[int, int] = {}
    for h in a.hedges:
        per_sentence[h.sentence] = per_sentence.get(h.sentence, 0) + 1
    assert max(per_sentence.values()) <= MAX_CUES_PER_SENTENCE
    assert a.warnings and "MAX_SENTENCE_WORDS" in a.warnings[0]
    assert json.loads(out)["warnings"] == list(a.warnings)


def test_long_run_is_split_at_safe_points() -> None:
    text = ("word " * 200 + "; ") * 3 + "Angela Merkel " * 300 + "end."
    doc = annotate([text], backend="rules")[0]
    assert all(len(s.tokens) <= MAX_SENTENCE_WORDS for s in doc.sentences)
    # The first cuts fall after a semicolon, and every character stays in a sentence.
    assert doc.sentences[0].text.endswith(";")
    covered = "".join(text[s.start : s.end] for s in doc.sentences).replace(" ", "")
    assert covered == text.replace(" ", "")
    assert doc.warnings


def test_prose_has_no_warnings() -> None:
    text = (ROOT / "seeds" / "000_b5ed231f78873f5b.txt").read_text(encoding="utf-8")
    assert geotext.analyze(text, backend="rules").warnings == ()


def test_rules_scope_does_not_walk_the_sentence_per_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clause boundaries are found once per sentence, not once per cue."""
    from geotext.hedges import _scope

    calls = 0
    real = _scope._is_boundary

    def counting(u: object) -> bool:
        nonlocal calls
        calls += 1
        return real(u)  # type: ignore[arg-type]

    monkeypatch.setattr(_scope, "_is_boundary", counting)
    text = "it may " * 120 + "end."
    a = geotext.analyze(text, backend="rules")
    words = sum(len(s.words) for s in a.sentences)
    assert len(a.hedges) > 30
    assert calls <= 2 * words  # was ~ cues x words


@pytest.mark.parametrize("mark", ['"', "“", "”", "«"])
def test_quote_marks_only(mark: str) -> None:
    text = mark * 3000
    a = geotext.analyze(text, backend="rules")
    assert all(len(s.tokens) <= MAX_SENTENCE_WORDS for s in a.sentences)
    assert sum(len(s.tokens) for s in a.sentences) == len(text)
    assert json.loads(a.to_json())["text_length"] == len(text)


def test_view_offset_lookups_match_a_scan() -> None:
    from geotext.language.view import View

    text = "“Yes,” he said. Mr. Putin’s aides—and others—left at 10.30 a.m. «Non» "
    s = annotate([text], backend="rules")[0].sentences
    for sent in s:
        v = View(sent, False)
        for offset in range(-1, len(text) + 2):
            first = next((i for i, w in enumerate(v.words) if w.start >= offset), len(v.words))
            last = max((i for i, w in enumerate(v.words) if w.end <= offset), default=-1)
            assert (v.first_at_or_after(offset), v.last_before(offset)) == (first, last)


def test_many_quotes_scale_linearly_in_output() -> None:
    one = geotext.analyze("“Yes,” he said. " * 50, backend="rules")
    many = geotext.analyze("“Yes,” he said. " * 400, backend="rules")
    assert len(many.quotes) == 8 * len(one.quotes)
    assert len(many.to_json()) < 8.5 * len(one.to_json())


def test_tab_separated_sentences() -> None:
    text = "Yes.\tNo.\t" * 2000
    a = geotext.analyze(text, backend="rules")
    assert len(a.sentences) >= 2000
    assert a.warnings == ()


# Finding 3: output must not depend on PYTHONHASHSEED.
def test_cli_output_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    seed = (ROOT / "seeds" / "000_b5ed231f78873f5b.txt").read_text(encoding="utf-8")
    path = tmp_path / "in.txt"
    path.write_text(seed + "\nIt isn’t likely, and he won’t say it wasn't.\n", encoding="utf-8")
    outputs = set()
    for hash_seed in ("0", "1", "2", "12345"):
        env = {
            **os.environ,
            "PYTHONHASHSEED": hash_seed,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        }
        proc = subprocess.run(
            [sys.executable, "-m", "geotext", "analyze", str(path), "--backend", "rules"],
            capture_output=True,
            env=env,
            check=True,
            timeout=300,
        )
        outputs.add(proc.stdout)
    assert len(outputs) == 1


# Finding 1: no catastrophic regexes. Every pattern geotext compiles (module-level
# ones and those read from data files) is timed on adversarial strings; a pattern
# that backtracks quadratically takes seconds on 20,000 characters.
def _patterns() -> list[tuple[str, object]]:
    import importlib
    import pkgutil
    import re

    import regex

    import geotext as pkg
    from geotext.actors.normalize import _variants

    found: list[tuple[str, object]] = []
    for info in pkgutil.walk_packages(pkg.__path__, "geotext."):
        if ".training" in info.name or info.name.endswith(("__main__", ".dask")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, (regex.Pattern, re.Pattern)):
                found.append((f"{info.name}.{name}", value))
    for i, (pattern, _) in enumerate(_variants()[1]):
        found.append((f"actors/variants.yaml rule {i}", pattern))
    return found


_ADVERSARIAL = [
    "a" * 20_000 + "1\nB c.",
    " " * 20_000 + "x",
    "a " * 10_000 + "!",
    "." * 20_000,
    "Mr." * 6_000,
    "1," * 10_000 + "x",
    "A." * 10_000 + "a",
    "\n \n" * 6_000,
    "'" * 20_000,
    "“" * 20_000,
    "a-" * 10_000,
    "said that " * 2_000,
]


def test_no_pattern_backtracks_on_adversarial_strings() -> None:
    patterns = _patterns()
    assert len(patterns) > 10
    slow = []
    for name, pattern in patterns:
        for text in _ADVERSARIAL:
            t0 = time.process_time()
            for _ in pattern.finditer(text):  # type: ignore[attr-defined]
                pass
            pattern.search(text)  # type: ignore[attr-defined]
            spent = time.process_time() - t0
            if spent > 1.0:  # linear scans take milliseconds here
                slow.append((name, text[:12], round(spent, 2)))
    assert slow == []


# Finding 6: lone surrogates and control characters.
def test_surrogates_keep_offsets_and_json_encodes() -> None:
    text = "Putin\udcff said the talks\x00 had failed.\ud800"
    a = geotext.analyze(text, backend="rules")
    out = a.to_json()
    out.encode("utf-8")  # raised UnicodeEncodeError before
    assert "\\udcff" in out
    back = json.loads(out)
    assert back["sentences"][0]["text"] == a.sentences[0].text
    assert text[a.sentences[0].start : a.sentences[0].end] == a.sentences[0].text
    # Control characters never reach a token (repair makes them spaces).
    assert all("\x00" not in t.text for s in a.sentences for t in s.tokens)
