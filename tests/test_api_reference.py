"""docs/api.rst documents every name of ``geotext.__all__``."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import geotext

API = Path(__file__).resolve().parents[1] / "docs" / "api.rst"


def documented(text: str) -> set[str]:
    """The fully qualified names api.rst documents: ``auto*``/``py:*`` directives, and
    the members of each ``automodule`` (its ``:members:`` list, else its ``__all__``)."""
    names: set[str] = set()
    module = ""
    for m in re.finditer(r"^\.\. (?:auto|py:)(\w+):: (\S+)|^   :members:(.*)$", text, re.M):
        kind, target, members = m.group(1), m.group(2), m.group(3)
        if kind is not None:
            if kind == "module":
                module = target
            else:
                names.add(target if "." in target else f"geotext.{target}")
            continue
        listed = [w.strip() for w in members.split(",") if w.strip()]
        if not listed:
            listed = list(getattr(importlib.import_module(module), "__all__", []))
        names.update(f"{module}.{w}" for w in listed)
    return names


def test_every_public_name_is_in_the_api_reference() -> None:
    names = documented(API.read_text(encoding="utf-8"))
    missing = []
    for name in geotext.__all__:
        obj = getattr(geotext, name)
        home = getattr(obj, "__module__", "geotext")
        if f"geotext.{name}" not in names and f"{home}.{name}" not in names:
            missing.append(name)
    assert missing == []


def test_the_check_sees_a_missing_name() -> None:
    text = API.read_text(encoding="utf-8").replace(".. autodata:: geotext.SCHEMA", "")
    assert "geotext.SCHEMA" not in documented(text)
