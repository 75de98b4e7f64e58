"""The command line on corpora: --output (directory or JSONL), resuming, --jobs,
progress over analysed documents, render, --version, bare geotext, option checks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import geotext
from geotext.cli import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "Putin said the talks had failed.",
    "“We will not give up,” Zelensky said.",
    "NATO met in Brussels. It is likely that ministers agreed.",
]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(argv: list[str], err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err if err is not None else io.StringIO()
    code = main(argv, stdin=io.TextIOWrapper(io.BytesIO(b"")), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    paths = []
    for i, text in enumerate(TEXTS):
        p = tmp_path / "in" / f"doc{i}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths


def _expected(text: str) -> dict[str, object]:
    return geotext.analyze(text, backend="rules").to_dict()


def test_output_dir_one_json_per_input_and_resume(corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(["analyze", *corpus[:2], "--backend", "rules", "--output", str(out)])
    assert code == EXIT_OK and stdout == ""
    assert sorted(os.listdir(out)) == ["doc0.json", "doc1.json"]
    rec = json.loads((out / "doc1.json").read_text(encoding="utf-8"))
    assert rec["source"] == corpus[1] and {k: v for k, v in rec.items() if k != "source"} == _expected(
        TEXTS[1]
    )
    assert "2 written" in err
    before = (out / "doc0.json").stat().st_mtime_ns
    code, _, err = run(["analyze", *corpus, "--backend", "rules", "--output", str(out)])
    assert code == EXIT_OK
    assert "1 written" in err and "2 already there (skipped)" in err
    assert (out / "doc0.json").stat().st_mtime_ns == before
    assert sorted(os.listdir(out)) == ["doc0.json", "doc1.json", "doc2.json"]


def test_output_jsonl_resumes_after_a_cut_line(corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    code, _, _ = run(["analyze", *corpus[:2], "--backend", "rules", "--format", "jsonl", "-o", str(out)])
    assert code == EXIT_OK
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["source"] for x in lines] == corpus[:2]
    # An interrupted run leaves half a record: it is dropped and that input redone.
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"source": corpus[2], "schema": "x"})[:25])
    code, _, err = run(["analyze", *corpus, "--backend", "rules", "--format", "jsonl", "-o", str(out)])
    assert code == EXIT_OK and "1 written" in err and "2 already there" in err
    records = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"] for r in records] == corpus
    assert {k: v for k, v in records[2].items() if k != "source"} == _expected(TEXTS[2])


def test_output_errors(corpus: list[str], tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    code, _, err = run(["analyze", corpus[0], "--backend", "rules", "--output", str(file)])
    assert code == EXIT_OUTPUT and "is not a directory" in err
    other = tmp_path / "other"
    other.mkdir()
    (other / "doc0.txt").write_text("Another.")
    code, _, err = run(
        ["analyze", corpus[0], str(other / "doc0.txt"), "--backend", "rules", "-o", str(tmp_path / "o")]
    )
    assert code == EXIT_USAGE and "would both be written" in err
    code, _, err = run(
        ["analyze", corpus[0], "--backend", "rules", "--format", "text", "-o", str(tmp_path / "o")]
    )
    assert code == EXIT_USAGE and "--output writes JSON" in err


def test_unreadable_inputs_with_output(corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run(
        ["analyze", corpus[0], str(tmp_path / "missing.txt"), "--backend", "rules", "-o", str(out)]
    )
    assert code == EXIT_INPUT and "no such file" in err
    assert os.listdir(out) == ["doc0.json"]


def test_words_with_text_format_is_refused() -> None:
    code, _, err = run(["analyze", "-", "--backend", "rules", "--format", "text", "--words"])
    assert code == EXIT_USAGE and "--words" in err and "--format text" in err


def test_version_and_bare_geotext() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geotext", "--version"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"geotext {geotext.__version__}"
    code, out, err = run([])
    assert code == EXIT_USAGE and out == ""
    assert "geotext analyze" in err and "--backend rules" in err and "--help" in err


def test_progress_counts_analysed_documents(corpus: list[str]) -> None:
    err = _Tty()
    code, _, text = run(["analyze", *corpus, "--backend", "rules", "--format", "jsonl"], err=err)
    assert code == EXIT_OK
    assert "3/3" in text and "doc" in text  # tqdm's counter, in documents


def test_jobs_gives_the_same_results(corpus: list[str], tmp_path: Path) -> None:
    options = ["--backend", "rules", "--format", "jsonl", "--jobs", "2", "--batch-size", "1"]
    proc = subprocess.run(
        [sys.executable, "-m", "geotext", "analyze", *corpus, *options],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["source"] for r in records] == corpus
    assert [{k: v for k, v in r.items() if k != "source"} for r in records] == [_expected(t) for t in TEXTS]


def test_render_writes_pages(corpus: list[str], tmp_path: Path) -> None:
    out = tmp_path / "pages"
    code, stdout, err = run(["render", *corpus, "--backend", "rules", "-o", str(out)])
    assert code == EXIT_OK and stdout == "" and "3 written" in err
    assert sorted(os.listdir(out)) == ["doc0.html", "doc1.html", "doc2.html"]
    page = (out / "doc1.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>doc1.txt</title>" in page
    assert page.strip() == geotext.analyze(TEXTS[1], backend="rules").to_html(title="doc1.txt").strip()


def test_render_needs_an_output_dir(corpus: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["render", corpus[0], "--backend", "rules"])
    assert code == EXIT_USAGE and "--output" in capsys.readouterr().err  # argparse's own message


def test_backend_failure_with_output_is_one_line(corpus: list[str], tmp_path: Path) -> None:
    code, _, err = run(["analyze", corpus[0], "--models", str(tmp_path / "none"), "-o", str(tmp_path / "o")])
    assert code == 3 and len(err.strip().splitlines()) == 1 and "does not exist" in err
