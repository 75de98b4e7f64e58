"""The commands that train geotext's shipped models (never run by CI or at import).

Each trainer is one module of this package with two functions, ``add_arguments(parser)``
and ``run(args) -> int``; ``python -m geotext.training NAME --help`` lists its options.
Every trainer takes ``--data`` (the training files, read in place), ``--out`` (the
directory the weights and the model card are written to) and ``--seed``, holds out the
part of its data named in its model card, and prints the held-out scores.

Example:
    >>> from geotext.training import trainers
    >>> isinstance(trainers(), dict)
    True
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from typing import Protocol, cast

__all__ = ["Trainer", "main", "trainers"]


class Trainer(Protocol):
    """What a trainer module provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def trainers() -> dict[str, Trainer]:
    """Return the trainer modules of this package by name (the module's name)."""
    found: dict[str, Trainer] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(module, "add_arguments", None)) and callable(getattr(module, "run", None)):
            found[info.name] = cast(Trainer, module)
    return dict(sorted(found.items()))


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen trainer; return its exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m geotext.training", description="Train one of geotext's shipped models."
    )
    sub = parser.add_subparsers(dest="model", required=True, metavar="MODEL")
    runners: dict[str, Callable[[argparse.Namespace], int]] = {}
    for name, trainer in trainers().items():
        doc = (getattr(trainer, "__doc__", None) or name).strip().splitlines()[0]
        trainer.add_arguments(sub.add_parser(name, help=doc, description=doc))
        runners[name] = trainer.run
    args = parser.parse_args(argv)
    return runners[args.model](args)
