"""The table of hedge cue handling: one row per category and per rule that makes,
holds or relates a cue — the same shape as :mod:`geotext.quotes._constructions`.

A row names what it does (``category:hedge``, ``reporting:verb``,
``holder:quote-cue``, ``negation:cue`` …), the ``stage`` of :func:`geotext.hedges.detect`
that runs it (:data:`STAGES`, in run order), a one-line ``example``, the ``cue`` text
and ``category`` of the hedge the example yields, and the ``marker``: the words that
hedge's ``evidence`` carries when this row made or changed it (empty for the
category rows, whose hedge is told by its category and its lexicon entry, ``rule``).
:func:`table_rst` renders the table for the architecture page;
``tests/test_hedge_handling.py`` checks that every example yields its row.

Rules are registered with :func:`handling` on the function that implements them;
the category rows point at the lexicon matcher (:func:`geotext.hedges._match.find`),
since a category is data (``data/hedge_cues.yaml``), not code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from attrs import frozen

from geotext.hedges.records import CATEGORIES, Hedge

__all__ = ["STAGES", "TABLE", "Handling", "handling", "ordered", "register", "table_rst"]

STAGES = ("cues", "reporting", "holders", "negation", "inference", "learned")
"""The stages of :func:`geotext.hedges.detect`, in run order, per sentence for the
first four: lexicon matches (``cues``), reporting verbs and their stance
(``reporting``), whose each cue is (``holders``), negation relations (``negation``);
then over the document, the author's inferences (``inference``) and the learned
cue model (``learned``, :func:`geotext.hedges.disambiguate.disambiguate`)."""


@frozen(kw_only=True)
class Handling:
    """One row of the table (see the module docstring)."""

    name: str
    stage: str
    category: str
    """The category of the hedge the example yields."""
    cue: str
    """The cue text of the hedge the example yields."""
    marker: str
    """Words in that hedge's ``evidence`` that show this row made or changed it."""
    example: str
    function: str
    """The qualified name of the function that implements it."""

    def made(self, h: Hedge) -> bool:
        """Whether hedge ``h`` is this row's work (category, cue text and marker)."""
        return h.category == self.category and h.text == self.cue and self.marker in h.evidence


TABLE: dict[str, Handling] = {}
"""Every row by name, in the order registered."""

F = TypeVar("F", bound=Callable[..., Any])


def register(
    name: str, *, stage: str, category: str, cue: str, example: str, function: str, marker: str = ""
) -> Handling:
    """Add one row.

    Raises:
        ValueError: If ``name`` is registered twice, ``stage`` is no stage or
            ``category`` no category.
    """
    if stage not in STAGES:
        raise ValueError(f"{name}: stage must be one of {', '.join(STAGES)}, not {stage!r}")
    if category not in CATEGORIES:
        raise ValueError(f"{name}: category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    if name in TABLE:
        raise ValueError(f"hedge handling {name!r} is registered twice")
    row = Handling(
        name=name, stage=stage, category=category, cue=cue, marker=marker, example=example, function=function
    )
    TABLE[name] = row
    return row


def handling(
    name: str, *, stage: str, category: str, cue: str, example: str, marker: str
) -> Callable[[F], F]:
    """Register the decorated function as the implementation of row ``name``."""

    def decorate(fn: F) -> F:
        register(
            name,
            stage=stage,
            category=category,
            cue=cue,
            example=example,
            marker=marker,
            function=f"{fn.__module__}.{fn.__qualname__}",
        )
        return fn

    return decorate


_FIND = "geotext.hedges._match.find"
_CATEGORY_EXAMPLES = {
    # category: (example, cue)
    "hedge": ("The plan may fail.", "may"),
    "booster": ("The plan will certainly fail.", "certainly"),
    "estimative": ("Russia is unlikely to attack in May.", "unlikely"),
    "evidential": ("The bridge was reportedly destroyed.", "reportedly"),
    "attribution": ("According to officials, the bridge fell.", "According to"),
    "approximator": ("About 30 people died.", "About"),
    "weasel": ("Several bridges fell.", "Several"),
    "peacock": ("The legendary bridge fell.", "legendary"),
    "negation": ("The bridge did not fall.", "not"),
    "reporting_stance": ("He limited himself to saying that the bridge fell.", "limited himself to saying"),
}
for _category, (_example, _cue) in _CATEGORY_EXAMPLES.items():
    register(
        f"category:{_category}",
        stage="cues",
        category=_category,
        cue=_cue,
        example=_example,
        function=_FIND,
    )


def ordered() -> list[Handling]:
    """The rows in run order: by stage, then as registered."""
    import geotext.hedges.disambiguate  # noqa: F401  (the modules whose functions register rows)

    rank = {s: k for k, s in enumerate(STAGES)}
    return sorted(TABLE.values(), key=lambda r: rank[r.stage])


def table_rst() -> str:
    """The table as a reStructuredText list-table (the architecture page holds it;
    a test checks the page against the registry)."""
    lines = [
        ".. list-table:: Hedge cue handling, in run order",
        "   :header-rows: 1",
        "   :widths: 10 24 14 18 34",
        "",
        "   * - stage",
        "     - name (evidence marker)",
        "     - category",
        "     - cue",
        "     - example",
    ]
    for r in ordered():
        marker = f" (``{r.marker.strip()}``)" if r.marker.strip() else ""
        lines += [
            f"   * - {r.stage}",
            f"     - ``{r.name}``{marker}",
            f"     - {r.category}",
            f"     - {r.cue}",
            f"     - {r.example}",
        ]
    return "\n".join(lines) + "\n"
