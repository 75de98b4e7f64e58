"""The packaged data files parse as intended."""

from __future__ import annotations

from pathlib import Path

import pytest

from geotext.data import load_yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "geotext" / "data"
FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.yaml"))


def _booleans(x: object, path: str) -> list[str]:
    if isinstance(x, bool):
        return [path]
    if isinstance(x, dict):
        return [b for k, v in x.items() for b in _booleans(v, f"{path}.{k}")]
    if isinstance(x, list):
        return [b for i, v in enumerate(x) for b in _booleans(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("name", FILES)
def test_no_word_was_read_as_a_boolean(name: str) -> None:
    """YAML 1.1 reads bare on/off/yes/no as booleans: a word list holding "on" or "no"
    must quote them, or the word silently disappears from the lexicon."""
    data = load_yaml(name)
    assert isinstance(data, dict) and data.get("schema") == 1
    assert _booleans(data, name) == []


def test_every_data_file_is_found() -> None:
    assert {"repair.yaml", "closed_class.yaml", "place_context.yaml", "reporting_verbs.yaml"} <= set(FILES)
