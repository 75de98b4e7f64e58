"""CPU time of the rules backend's full analysis on PolNeAR training articles.

Usage::

    python benchmarks/cpu.py [--articles 100:400] [--concat MB] [--many] [--runs 2]

Analyses the training articles ``--articles`` (a ``start:stop`` slice in file-name
order, within the 681 of the train part) one ``geotext.analyze(text, backend="rules")``
each, or, with ``--concat``, the first ``MB`` megabytes of all 681 joined by blank
lines as one document; with ``--many``, the articles go through one
``geotext.analyze_many`` call (batches of 32) instead. Prints the best CPU time (``time.process_time``, which other
processes on a shared machine do not add to) over ``--runs`` runs and MB/s. The first
article is analysed once beforehand so that lexicons, KB and models are loaded.

Run it from a checkout with ``PYTHONPATH=src`` to measure that checkout's code.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parents[1] / "shared" / "data" / "polnear" / "train" / "text"
if not DATA.exists():  # a worktree under /work/wt/<name>
    DATA = Path("/work/shared/data/polnear/train/text")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", default="100:400", help="start:stop of the training articles")
    ap.add_argument("--concat", type=float, default=None, help="MB of the joined articles, as one text")
    ap.add_argument("--many", action="store_true", help="one analyze_many call instead of analyze per text")
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    import geotext

    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.iterdir())[:681]]
    geotext.analyze(texts[0], backend="rules")
    if args.concat is not None:
        work = ["\n\n".join(texts)[: int(args.concat * 1e6)]]
    else:
        a, b = (int(x) for x in args.articles.split(":"))
        work = texts[a:b]
    size = sum(len(t) for t in work) / 1e6
    runs = []
    for _ in range(args.runs):
        t0 = time.process_time()
        if args.many:
            for _ in geotext.analyze_many(work, backend="rules", date="2016-01-01"):
                pass
        else:
            for text in work:
                geotext.analyze(text, backend="rules", date="2016-01-01")
        runs.append(time.process_time() - t0)
    shown = ", ".join(f"{r:.2f}" for r in runs)
    print(
        f"{len(work)} text(s), {size:.2f} MB: best CPU {min(runs):.2f} s ({shown}) -> {size / min(runs):.3f} MB/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
