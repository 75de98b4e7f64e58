"""The README's Python snippet runs as written, from a checkout with ../shared beside it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _snippet() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert blocks, "README.md has no python block"
    return str(blocks[0])


@pytest.mark.stanza
def test_readme_snippet_runs_as_written(tmp_path: Path) -> None:
    models = Path(os.environ.get("GEOTEXT_STANZA_DIR") or ROOT.parent / "shared" / "stanza_resources")
    if not models.is_dir():
        pytest.skip(f"no stanza models at {models}")
    # The layout the README assumes: a checkout, and ../shared/stanza_resources beside it.
    checkout = tmp_path / "geotext"
    checkout.mkdir()
    (checkout / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "stanza_resources").symlink_to(models.resolve())
    env = {k: v for k, v in os.environ.items() if k not in ("GEOTEXT_STANZA_DIR", "STANZA_RESOURCES_DIR")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run(
        [sys.executable, "-c", _snippet()],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Vladimir Putin" in proc.stdout and "unlikely" in proc.stdout
    page = (checkout / "seed.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
