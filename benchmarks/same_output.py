"""Check that a change leaves the analysis output byte for byte the same.

Usage::

    python benchmarks/same_output.py write DIR [--articles 681] [--stanza 60]
    python benchmarks/same_output.py compare DIR [--articles 681] [--stanza 60]

``write`` stores, one file per input, the ``to_json(words=True)`` of the rules
backend's full analysis of the PolNeAR training articles (file-name order, the first
``--articles`` of the 681), the seed article and each ``growth.py`` shape cut to
30,000 characters; and, for the first ``--stanza`` cached stanza parses of training
articles (``--cache``), the JSON of the capabilities (``method="rules"``) run over the
cached document. ``compare`` recomputes the same outputs and prints every file that
differs (exit status 1 if any does), with the first differing character.

Run it from a checkout with ``PYTHONPATH=src`` to measure that checkout's code.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from growth import SEED, SHAPES  # noqa: E402

DATA = ROOT.parents[1] / "shared" / "data" / "polnear" / "train"
if not DATA.exists():  # a worktree under /work/wt/<name>
    DATA = Path("/work/shared/data/polnear/train")
CACHE = Path("/work/cache/polnear")
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
SHAPE_CHARS = 30_000


def _inputs(articles: int) -> Iterator[tuple[str, str, str | None]]:
    """Yield ``(name, text, date)`` for every rules-backend input."""
    yield "seed", SEED, None
    for kind, make in SHAPES.items():
        yield "shape-" + kind.replace(" ", "_"), make(SHAPE_CHARS)[:SHAPE_CHARS], "2020-01-01"
    names = sorted(p.name for p in (DATA / "text").iterdir())[:articles]
    for name in names:
        m = _DATE.search(name)
        text = (DATA / "text" / name).read_text(encoding="utf-8")
        yield "polnear-" + Path(name).stem, text, m.group(1) if m else "2016-01-01"


def outputs(articles: int, stanza: int, cache: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(file name, JSON)`` for every input."""
    import geotext
    from geotext.api import _finish

    for name, text, date in _inputs(articles):
        yield f"rules-{name}.json", geotext.analyze(text, date=date, backend="rules").to_json(words=True)
    if stanza:
        pkls = sorted((cache / "stanza").glob("*.pkl"))
        names = sorted(p.name for p in (DATA / "text").iterdir())[:681]
        train = {Path(n).stem for n in names}
        for pkl in [p for p in pkls if p.stem in train][:stanza]:
            with pkl.open("rb") as fh:
                doc = pickle.load(fh)
            yield f"stanza-{pkl.stem}.json", _finish(doc, method="rules").to_json(words=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["write", "compare"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--articles", type=int, default=681, help="PolNeAR training articles (of 681)")
    ap.add_argument("--stanza", type=int, default=60, help="cached stanza parses of training articles")
    ap.add_argument("--cache", type=Path, default=CACHE, help="PolNeAR parse cache (holds stanza/*.pkl)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    t0 = time.process_time()
    n = bad = 0
    for fname, js in outputs(args.articles, args.stanza, args.cache):
        n += 1
        path = args.dir / fname
        if args.mode == "write":
            path.write_text(js, encoding="utf-8")
            continue
        if not path.exists():
            print(f"missing reference: {fname}")
            bad += 1
            continue
        ref = path.read_text(encoding="utf-8")
        if ref != js:
            bad += 1
            at = next(
                (i for i, (a, b) in enumerate(zip(ref, js, strict=False)) if a != b), min(len(ref), len(js))
            )
            print(
                f"DIFFERS: {fname} at char {at}: {ref[max(0, at - 60) : at + 60]!r} -> {js[max(0, at - 60) : at + 60]!r}"
            )
    print(f"{args.mode}: {n} outputs, {bad} differ, {time.process_time() - t0:.1f} s CPU")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
