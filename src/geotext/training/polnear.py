"""PolNeAR (Newell, Margolin & Ruths, LREC 2018): reading the attributions, and the split.

The one place that says which PolNeAR training articles geotext learns from. In
file-name order of ``train/text/*.txt`` (articles with an ``.ann`` file):

* ``train``: articles 0-680 (681 articles), the tagger's training data;
* ``dev``: articles 681-755 (75), for choosing settings and calibrating confidences;
* ``heldout``: articles 756-839 (84), never trained or tuned on: the figures we report.

Used by the quote tagger's trainer (``python -m geotext.training quotes``) and by
``benchmarks/polnear.py --heldout``. Annotator choice: 16 articles have several
``.ann`` files; the one with the lowest annotator suffix is used.

Example:
    >>> from geotext.training.polnear import SPLIT, part_of
    >>> SPLIT["dev"], part_of(700)
    ((681, 756), 'dev')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

__all__ = ["SPLIT", "Article", "GoldAttribution", "Spans", "load_corpus", "part_of", "read_ann", "split"]

Spans = tuple[tuple[int, int], ...]

SPLIT: dict[str, tuple[int, int]] = {"train": (0, 681), "dev": (681, 756), "heldout": (756, 840)}
"""Part name -> ``[first, last + 1)`` article indices in file-name order."""


def part_of(index: int) -> str:
    """The part (``train``, ``dev``, ``heldout``) of the article at ``index``."""
    for name, (a, b) in SPLIT.items():
        if a <= index < b:
            return name
    raise ValueError(f"article index {index} is outside the PolNeAR split (0-839)")


@frozen
class GoldAttribution:
    """One gold attribution: its spans (possibly discontinuous) by role."""

    source: Spans | None
    cue: Spans | None
    content: Spans | None


@frozen
class Article:
    """One PolNeAR article: its name, text, publication date and attributions."""

    index: int
    name: str
    text: str
    date: str | None
    gold: tuple[GoldAttribution, ...]


def _spans(field: str) -> Spans:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def read_ann(path: Path) -> list[GoldAttribution]:
    """Read a brat ``.ann`` file into attributions (``Discuss``/``Discard`` ignored)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # a span's text may run over a line break: only "T<n>\t" lines are spans
        if re.match(r"T\d+\t", line):
            tid, middle, *_ = line.split("\t")
            label, _, offsets = middle.partition(" ")
            spans[tid] = (label, _spans(offsets))
        elif re.match(r"E\d+\t", line):
            _, body = line.split("\t", 1)
            roles = dict(part.split(":", 1) for part in body.split())
            events.append(roles)
    out = []
    for roles in events:
        found = {role: spans[tid][1] for role, tid in roles.items() if tid in spans}
        out.append(GoldAttribution(found.get("Source"), found.get("Cue"), found.get("Content")))
    return out


def load_corpus(data: Path, parts: Sequence[str] | None = None) -> list[Article]:
    """The articles of ``data`` (a PolNeAR ``train`` directory) in file-name order.

    Args:
        data: The directory holding ``text/``, ``attributions/`` and ``metadata.tsv``.
        parts: Keep only these parts of :data:`SPLIT`; all articles when ``None``.
    """
    dates: dict[str, str] = {}
    meta = data / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                dates[row["filename"]] = row["publication_date"]
    anns: dict[str, Path] = {}
    for path in sorted((data / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        anns.setdefault(name, path)  # sorted: the lowest annotator suffix comes first
    out = []
    index = 0
    for path in sorted((data / "text").glob("*.txt")):
        name = path.stem
        if name not in anns:
            continue
        if parts is None or (index < 840 and part_of(index) in parts):
            date = dates.get(name)
            valid = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
            text = path.read_text(encoding="utf-8")
            out.append(Article(index, name, text, valid, tuple(read_ann(anns[name]))))
        index += 1
    return out


def split(articles: Sequence[Article]) -> dict[str, list[Article]]:
    """Group articles by part of :data:`SPLIT`."""
    out: dict[str, list[Article]] = {name: [] for name in SPLIT}
    for a in articles:
        out[part_of(a.index)].append(a)
    return out
