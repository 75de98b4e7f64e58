"""Packaged data files: lexicons and the actor knowledge base.

This is the only module that opens files under ``geotext/data``. Each file is read
and parsed once per process (cached), whatever number of texts are analysed.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import IO

import yaml

from geotext.errors import DataError

__all__ = ["check_schema", "data_path", "load_schema", "load_text_lines", "load_yaml", "word_set"]

SCHEMA = 1
"""The schema version every packaged data file declares (``schema: 1``)."""

#: libyaml's C parser when PyYAML was built with it (the wheels are), else the pure
#: Python one; both build the same safe objects. The C parser reads the shipped data
#: (~0.5 MB, mostly the actor KB) about ten times faster, which dominated the cold
#: start of small runs.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(stream: str | IO[str]) -> object:
    """Parse one YAML document safely, with libyaml's C parser when available.

    Example:
        >>> from geotext.data import parse_yaml
        >>> parse_yaml("a: [1, on]")
        {'a': [1, True]}
    """
    return yaml.load(stream, Loader=_SafeLoader)  # a safe loader (C or Python)


def data_path(name: str) -> Path:
    """Return the filesystem path of the packaged data file ``name``.

    Args:
        name: A path relative to ``geotext/data``, such as ``"reporting_verbs.yaml"``
            or ``"actors/people.yaml"``.

    Raises:
        DataError: If no such file is packaged.
    """
    path = Path(str(resources.files("geotext.data").joinpath(name)))
    if not path.is_file():
        raise DataError(f"geotext data file {name!r} is missing at {path}; reinstall geotext")
    return path


@functools.cache
def load_yaml(name: str) -> object:
    """Parse the packaged YAML file ``name`` once and return its content.

    Callers must not mutate the returned object: it is shared.

    Args:
        name: A path relative to ``geotext/data``.

    Raises:
        DataError: If the file is missing or is not valid YAML.

    Example:
        >>> from geotext.data import load_yaml
        >>> isinstance(load_yaml("repair.yaml"), dict)
        True
    """
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return parse_yaml(fh)
    except yaml.YAMLError as exc:
        raise DataError(f"geotext data file {name!r} is not valid YAML: {exc}") from exc


def check_schema(
    data: object, where: str, version: int = SCHEMA, error: type[DataError] = DataError
) -> dict[str, object]:
    """Return ``data`` when it is a mapping declaring ``schema: version``.

    The one check every geotext data file (packaged or the caller's own knowledge
    base) passes before it is read.

    Args:
        data: A parsed YAML or JSON document.
        where: What to name in the error (a file name).
        version: The schema version expected.
        error: The :class:`~geotext.errors.DataError` subclass to raise.

    Raises:
        DataError: If ``data`` is not a mapping or declares another schema.

    Example:
        >>> from geotext.data import check_schema
        >>> check_schema({"schema": 1, "verbs": []}, "x.yaml")
        {'schema': 1, 'verbs': []}
        >>> check_schema({"verbs": []}, "x.yaml")
        Traceback (most recent call last):
        ...
        geotext.errors.DataError: x.yaml: not a schema-1 file (needs 'schema: 1')
    """
    if not isinstance(data, dict) or data.get("schema") != version:
        raise error(f"{where}: not a schema-{version} file (needs 'schema: {version}')")
    return data


def load_schema(name: str, version: int = SCHEMA) -> dict[str, object]:
    """Parse the packaged YAML file ``name`` once and check its schema version.

    Raises:
        DataError: If the file is missing, not valid YAML, or of another schema.

    Example:
        >>> from geotext.data import load_schema
        >>> load_schema("reporting_verbs.yaml")["schema"]
        1
    """
    return check_schema(load_yaml(name), name, version)


@functools.cache
def load_text_lines(name: str) -> tuple[str, ...]:
    """Return the non-empty, non-comment lines of the packaged text file ``name``."""
    path = data_path(name)
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s for line in lines if (s := line.strip()) and not s.startswith("#"))


def word_set(name: str, *keys: str) -> frozenset[str]:
    """Return the list of words at ``keys`` in the YAML file ``name``, lower-cased.

    Args:
        name: A path relative to ``geotext/data``.
        keys: The mapping keys leading to the list.

    Raises:
        DataError: If a key is missing or the value there is not a list of strings.

    Example:
        >>> from geotext.data import word_set
        >>> "monday" in word_set("closed_class.yaml", "calendar", "weekdays")
        True
    """
    value = load_yaml(name)
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    where = f"{name}: {'.'.join(keys)}"
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise DataError(f"{where} must be a list of words (quote yes/no/on/off)")
    return frozenset(w.lower() for w in value)
