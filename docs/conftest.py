"""The doctest of json.rst runs the stanza backend on the seed article: mark it, so
``pytest -m "not stanza"`` leaves it out with the other model tests."""

from __future__ import annotations

import pytest

NEEDS_STANZA = {"json.rst"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in NEEDS_STANZA and item.path.parent.name == "docs":
            item.add_marker(pytest.mark.stanza)
