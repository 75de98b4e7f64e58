from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geotext.cli import main

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_b5ed231f78873f5b.txt"


class _Stdin(io.TextIOWrapper):
    pass


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=_Stdin(io.BytesIO(stdin), encoding="utf-8"), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.stanza
def test_seed_json_through_python_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geotext", "analyze", str(SEED), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert 17 <= len(data["sentences"]) <= 23
    for s in data["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_stdin_jsonl_and_text() -> None:
    code, out, _ = run(["analyze", "-", "--backend", "rules", "--format", "jsonl"], b"One. Two.")
    assert code == 0
    rec = json.loads(out)
    assert rec["source"] == "<stdin>" and len(rec["sentences"]) == 2
    code, out, _ = run(["analyze", "-", "--backend", "rules", "--format", "text"], b"One.")
    assert code == 0 and out.startswith("== <stdin>: 1 sentences")


def test_exit_codes_for_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = tmp_path / "good.txt"
    good.write_text("Fine text.")
    code, out, err = run(
        [
            "analyze",
            str(bad),
            str(empty),
            str(good),
            str(tmp_path / "missing.txt"),
            str(tmp_path),
            "--backend",
            "rules",
            "--format",
            "json",
        ]
    )
    assert code == 1
    assert "not UTF-8" in err and "no such file" in err and "is a directory" in err
    assert "empty input" in err
    assert "Traceback" not in err
    data = json.loads(out)
    assert [Path(d["source"]).name for d in data] == ["empty.txt", "good.txt"]


def test_usage_errors() -> None:
    assert run(["analyze", "-", "--date", "yesterday", "--backend", "rules"])[0] == 2
    assert run(["analyze"])[0] == 2
    assert run(["frobnicate"])[0] == 2


def test_missing_models_exit_code(tmp_path: Path) -> None:
    code, _, err = run(["analyze", "-", "--models", str(tmp_path / "none")], b"Text.")
    assert code == 3
    assert "does not exist" in err and "Traceback" not in err
