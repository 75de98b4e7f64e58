"""The command line's failure modes: one line on stderr, a documented exit code, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geotext.cli import EXIT_INPUT, EXIT_OUTPUT, EXIT_PIPE, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "geotext", "analyze", *args]


def _sh(line: str, text: str = "Putin said the talks had failed.") -> subprocess.CompletedProcess[str]:
    """Run ``line`` in sh with ``$GT`` as the geotext command and ``text`` as a file ``$IN``."""
    return subprocess.run(
        ["sh", "-c", line],
        env={**_env(), "GT": " ".join(_cmd()), "IN": _write_input(text)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _write_input(text: str) -> str:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"geotext-cli-{os.getpid()}.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_broken_pipe_exits_quietly() -> None:
    proc = subprocess.Popen(
        _cmd("-", "--backend", "rules", "--format", "jsonl"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None and proc.stdin is not None
    proc.stdout.close()  # the reader is gone before anything is written
    proc.stdin.write(b"Putin said the talks had failed. " * 200)
    proc.stdin.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_PIPE
    assert err == ""


def test_closed_stdout_is_an_error_not_silence() -> None:
    proc = _sh('$GT "$IN" --backend rules >&-')
    assert proc.returncode == EXIT_OUTPUT
    assert "standard output is closed" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_disk_full() -> None:
    proc = _sh('$GT "$IN" --backend rules > /dev/full')
    assert proc.returncode == EXIT_OUTPUT
    assert "No space left" in proc.stderr and "Traceback" not in proc.stderr


def test_closed_stdin() -> None:
    proc = _sh("$GT - --backend rules <&-")
    assert proc.returncode == EXIT_INPUT
    assert "standard input is closed" in proc.stderr and "Traceback" not in proc.stderr


def test_input_size_limit_and_flag() -> None:
    proc = _sh('$GT "$IN" --backend rules --max-bytes 10 --format text')
    assert proc.returncode == EXIT_INPUT
    assert "larger than 10 bytes" in proc.stderr and "--max-bytes" in proc.stderr
    proc = _sh('$GT "$IN" --backend rules --max-bytes 1000 --format text')
    assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_endless_input_is_refused() -> None:
    proc = _sh("$GT /dev/zero --backend rules --max-bytes 100000")
    assert proc.returncode == EXIT_INPUT
    assert "larger than 100,000 bytes" in proc.stderr


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_bad_batch_size(value: str) -> None:
    proc = _sh(f'$GT "$IN" --backend rules --batch-size {value}')
    assert proc.returncode == EXIT_USAGE
    assert "--batch-size" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_date_is_named() -> None:
    proc = _sh('$GT "$IN" --backend rules --date 2024-13-40')
    assert proc.returncode == EXIT_USAGE
    assert "--date" in proc.stderr and "not an ISO date" in proc.stderr


def test_model_errors_speak_cli(tmp_path: Path) -> None:
    proc = _sh(f'$GT "$IN" --models {tmp_path / "none"}')
    assert proc.returncode == 3
    assert "--backend rules" in proc.stderr and "backend='rules'" not in proc.stderr


def test_models_pointing_at_a_file(tmp_path: Path) -> None:
    f = tmp_path / "resources.json"
    f.write_text("{}")
    proc = _sh(f'$GT "$IN" --models {f}')
    assert proc.returncode == 3
    assert "is a file, not a directory" in proc.stderr
