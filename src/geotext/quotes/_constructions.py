"""The table of quote constructions: one row per way the rules make a quote.

Each construction is a small function registered here with :func:`construction`:
its ``name`` is the ``evidence`` string the quote carries (``direct:cue-after``,
``indirect:that-clause``, ``according-to:before`` …), its ``kind`` the quote kind
its one-line ``example`` yields, its ``confidence`` the draft's confidence with a
parse. Indirect constructions lose ``unparsed_penalty`` (0.1) on a backend without
a parse (the ``rules`` backend), where their clause boundaries are surface guesses.
A suffix may follow the name in ``evidence``: ``+split`` (further marks joined after
the cue), ``+inherited`` (the speaker is an earlier attribution's), and with
``method="combined"`` ``+tagger-cue``, ``+tagger-source``, ``+tagger-content`` (or
several, ``+tagger-cue-source``: the parts the learned tagger supplied).

The constructions run in the passes of :data:`geotext.quotes._extract.PASSES`
(``stage`` names a construction's pass); within a pass, in the order of the pass's
step list (``_direct.DIRECT``, ``_complements.COMPLEMENTS``). :func:`table_rst`
renders the table, pass by pass, for the architecture page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from attrs import frozen

from geotext.quotes.records import QuoteKind

__all__ = ["PASS_NAMES", "TABLE", "Construction", "confidence", "construction", "table_rst"]

PASS_NAMES = ("direct", "pull-quote", "indirect", "reported-by", "floating")
"""The passes, in run order (:data:`geotext.quotes._extract.PASSES` runs them)."""


@frozen(kw_only=True)
class Construction:
    """One row of the table (see the module docstring)."""

    name: str
    kind: QuoteKind
    confidence: float
    example: str
    stage: str
    """The pass that runs it (one of :data:`PASS_NAMES`)."""
    function: str
    """The qualified name of the function that makes it."""
    unparsed_penalty: float = 0.0

    def confidence_for(self, has_parse: bool) -> float:
        """The draft's confidence on a backend with or without a parse."""
        return self.confidence - (self.unparsed_penalty if not has_parse else 0.0)


TABLE: dict[str, Construction] = {}
"""Every construction by name, in the order they were registered."""

F = TypeVar("F", bound=Callable[..., Any])


def construction(
    name: str, *, kind: QuoteKind, confidence: float, example: str, stage: str, unparsed_penalty: float = 0.0
) -> Callable[[F], F]:
    """Register the decorated function as the maker of construction ``name``.

    Raises:
        ValueError: If ``name`` is registered twice or ``stage`` is no pass.
    """
    if stage not in PASS_NAMES:
        raise ValueError(f"{name}: stage must be one of {', '.join(PASS_NAMES)}, not {stage!r}")

    def register(fn: F) -> F:
        if name in TABLE:
            raise ValueError(f"construction {name!r} is registered twice")
        TABLE[name] = Construction(
            name=name,
            kind=kind,
            confidence=confidence,
            example=example,
            stage=stage,
            function=f"{fn.__module__}.{fn.__qualname__}",
            unparsed_penalty=unparsed_penalty,
        )
        return fn

    return register


def confidence(name: str, has_parse: bool) -> float:
    """The confidence of a draft made by construction ``name``."""
    return TABLE[name].confidence_for(has_parse)


def ordered() -> list[Construction]:
    """The constructions in run order: by pass, then as registered."""
    rank = {p: k for k, p in enumerate(PASS_NAMES)}
    return sorted(TABLE.values(), key=lambda c: rank[c.stage])


def table_rst() -> str:
    """The table as a reStructuredText list-table (the architecture page holds it;
    a test checks the page against the registry)."""
    lines = [
        ".. list-table:: Quote constructions, in run order",
        "   :header-rows: 1",
        "   :widths: 12 30 8 8 42",
        "",
        "   * - pass",
        "     - name (``evidence``)",
        "     - kind",
        "     - confidence",
        "     - example",
    ]
    for c in ordered():
        conf = f"{c.confidence:g}" + (f" (−{c.unparsed_penalty:g})" if c.unparsed_penalty else "")
        lines += [
            f"   * - {c.stage}",
            f"     - ``{c.name}``",
            f"     - {c.kind}",
            f"     - {conf}",
            f"     - {c.example}",
        ]
    return "\n".join(lines) + "\n"
