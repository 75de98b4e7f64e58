"""Load and save the weights of geotext's shipped models.

A model file holds one dictionary with two keys: ``"tensors"`` (name -> tensor) and
``"meta"`` (a JSON-like dictionary: ``format``, ``model`` name, training data, settings,
scores, vocabularies). Only tensors, strings, numbers, lists and dicts are stored, so
``torch.load(..., weights_only=True)`` can read it safely. torch is imported only when a
model is first used, never by ``import geotext``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from geotext.errors import DataError

if TYPE_CHECKING:
    import torch

__all__ = [
    "FORMAT",
    "ModelWeights",
    "load_weights",
    "read_weights",
    "save_weights",
    "string_table",
    "table_strings",
    "weights_path",
]

FORMAT = 1
"""Version of the model file layout; a file of another version is rejected."""


@frozen
class ModelWeights:
    """The content of one model file.

    Attributes:
        name: The model's name (the file stem, e.g. ``"quote_tagger"``).
        tensors: Parameter name -> tensor.
        meta: Metadata written at training time (vocabularies, settings, scores).
    """

    name: str
    tensors: Mapping[str, torch.Tensor]
    meta: Mapping[str, Any]


def string_table(items: Sequence[str]) -> torch.Tensor:
    """``items`` as one UTF-8 byte tensor, newline-separated: how model files store a
    vocabulary (one tensor instead of a JSON list in the metadata)."""
    import torch

    return torch.tensor(list("\n".join(items).encode("utf-8")), dtype=torch.uint8)


def table_strings(t: torch.Tensor) -> list[str]:
    """The strings :func:`string_table` stored (none for an empty tensor).

    Raises:
        UnicodeDecodeError: If the bytes are not UTF-8.
    """
    text = bytes(t.numpy().tobytes()).decode("utf-8")
    return text.split("\n") if text else []


def weights_path(name: str) -> Path:
    """Return the path of the packaged model file ``name`` (``data/models/<name>.pt``).

    Example:
        >>> from geotext.learn import weights_path
        >>> weights_path("quote_tagger").name
        'quote_tagger.pt'
    """
    return Path(str(resources.files("geotext.data").joinpath("models").joinpath(f"{name}.pt")))


def _check_json_like(value: object, where: str) -> None:
    if value is None or isinstance(value, (str, bool, int)):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where} is not a finite number")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_json_like(item, f"{where}[{i}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{where} has a non-string key {key!r}")
            _check_json_like(item, f"{where}.{key}")
        return
    raise ValueError(f"{where} has a value of type {type(value).__name__}; use str, numbers, lists or dicts")


def save_weights(path: str | Path, tensors: Mapping[str, torch.Tensor], meta: Mapping[str, Any]) -> Path:
    """Write a model file that :func:`load_weights` reads (used by ``geotext.training``).

    Args:
        path: Where to write (``.pt``).
        tensors: Parameter name -> tensor; stored contiguous, on the CPU.
        meta: JSON-like metadata; ``format`` is added.

    Returns:
        The path written.

    Raises:
        ValueError: If ``meta`` holds something other than JSON-like values.
    """
    import torch

    _check_json_like(dict(meta), "meta")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "tensors": {k: v.detach().to("cpu").contiguous() for k, v in tensors.items()},
        "meta": {**meta, "format": FORMAT},
    }
    torch.save(payload, out)
    return out


def read_weights(path: str | Path, name: str | None = None) -> ModelWeights:
    """Read a model file from ``path`` (not cached; :func:`load_weights` caches).

    Raises:
        DataError: If the file is missing, truncated, not a geotext model file, or of
            another format version. The message names the file and the fix.
    """
    import torch

    p = Path(path)
    label = name or p.stem
    fix = "reinstall geotext, or retrain it with `python -m geotext.training`"
    if not p.is_file():
        raise DataError(f"geotext model {label!r} is missing at {p}; {fix}")
    try:
        payload = torch.load(p, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many types for a damaged file
        raise DataError(
            f"geotext model file {p} is damaged or not a model file ({type(exc).__name__}); {fix}"
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("tensors"), dict):
        raise DataError(f"geotext model file {p} is not a geotext model file; {fix}")
    meta = payload.get("meta")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise DataError(f"geotext model file {p} has format {found!r}, expected {FORMAT}; {fix}")
    tensors = payload["tensors"]
    if not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in tensors.items()):
        raise DataError(f"geotext model file {p} holds something other than tensors; {fix}")
    return ModelWeights(name=label, tensors=tensors, meta=meta)


@functools.cache
def load_weights(name: str) -> ModelWeights:
    """Load the packaged model ``name`` once per process.

    Args:
        name: The file stem under ``geotext/data/models`` (e.g. ``"quote_tagger"``).

    Raises:
        DataError: If the file is missing or damaged (see :func:`read_weights`).

    Example:
        >>> from geotext.learn import load_weights
        >>> load_weights("no_such_model")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        geotext.errors.DataError: geotext model 'no_such_model' is missing at ...
    """
    return read_weights(weights_path(name), name)
