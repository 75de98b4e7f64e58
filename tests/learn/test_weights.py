"""Model files: a round trip, and clear errors for missing, damaged or foreign files."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from geotext.errors import DataError
from geotext.learn import read_weights, save_weights


def test_round_trip(tmp_path: Path) -> None:
    path = save_weights(
        tmp_path / "m.pt", {"w": torch.arange(6.0).reshape(2, 3)}, {"vocab": ["a", "b"], "f1": 0.5}
    )
    model = read_weights(path)
    assert model.name == "m"
    assert torch.equal(model.tensors["w"], torch.arange(6.0).reshape(2, 3))
    assert model.meta["vocab"] == ["a", "b"]
    assert model.meta["format"] == 1


def test_meta_must_be_json_like(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"meta\.bad"):
        save_weights(tmp_path / "m.pt", {}, {"bad": object()})
    with pytest.raises(ValueError, match="finite"):
        save_weights(tmp_path / "m.pt", {}, {"f1": float("nan")})


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is missing"):
        read_weights(tmp_path / "absent.pt")


@pytest.mark.parametrize("content", [b"", b"\x00" * 64, b"not a zip file at all", bytes(range(256)) * 8])
def test_damaged_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.pt"
    path.write_bytes(content)
    with pytest.raises(DataError, match="damaged or not a model file"):
        read_weights(path)


def test_truncated_file(tmp_path: Path) -> None:
    path = save_weights(tmp_path / "m.pt", {"w": torch.zeros(100, 100)}, {})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="damaged"):
        read_weights(path)


def test_foreign_payloads(tmp_path: Path) -> None:
    path = tmp_path / "x.pt"
    torch.save([1, 2, 3], path)
    with pytest.raises(DataError, match="not a geotext model file"):
        read_weights(path)
    torch.save({"tensors": {}, "meta": {"format": 99}}, path)
    with pytest.raises(DataError, match="format 99"):
        read_weights(path)
    torch.save({"tensors": {"w": [1.0]}, "meta": {"format": 1}}, path)
    with pytest.raises(DataError, match="other than tensors"):
        read_weights(path)


def test_all_shipped_model_files_together_stay_within_25_mb() -> None:
    from geotext.learn import weights_path

    models = weights_path("x").parent
    total = sum(p.stat().st_size for p in models.glob("*.pt"))
    assert 0 < total <= 25_000_000, f"{total / 1e6:.1f} MB of model files"
