"""Growth of the rules backend's full analysis with input size, per input shape.

Usage::

    python benchmarks/growth.py [--sizes 0.1,0.5,1,2] [--kinds prose,said,...]

Each shape is built to each size (MB of text), analysed with ``geotext.analyze(...,
backend="rules")`` and written with ``to_json()`` in a fresh worker process (so peak
RSS is per run). Prints CPU seconds, MB/s, peak RSS and JSON size per run, and the
time ratio between the largest and smallest size against the size ratio: linear
work has a ratio near 1 (``time ratio / size ratio``).

The workers import ``geotext`` as the interpreter finds it: to measure a checkout (a
branch's worktree) rather than the installed package, run with ``PYTHONPATH=src``
from its root.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_b5ed231f78873f5b.txt").read_text(encoding="utf-8")

SHAPES: dict[str, Callable[[int], str]] = {
    "prose": lambda n: (SEED + "\n\n") * (n // (len(SEED) + 2) + 1),
    "one-line prose": lambda n: SEED.replace("\n", " ") * (n // len(SEED) + 1),
    "no spaces": lambda n: "".join(SEED.split()) * (n // len("".join(SEED.split())) + 1),
    "repeated cue words": lambda n: "said " * (n // 5 + 1),
    "quote marks only": lambda n: "“" * n,
    "many quotes": lambda n: "“Yes,” he said. " * (n // 16 + 1),
    "tab-separated sentences": lambda n: "Yes.\tNo.\t" * (n // 9 + 1),
    "CRLF": lambda n: SEED.replace("\n", "\r\n") * (n // len(SEED) + 1),
    "emoji": lambda n: SEED.replace(" ", " 😀 ") * (n // len(SEED) + 1),
}


def _run(kind: str, size: int, out: multiprocessing.Queue[dict[str, object]]) -> None:
    import geotext

    geotext.analyze(SEED, backend="rules")  # load lexicons, KB and models first
    text = SHAPES[kind](size)[:size]
    t0 = time.process_time()
    a = geotext.analyze(text, backend="rules")
    js = a.to_json()
    cpu = time.process_time() - t0
    out.put(
        {
            "kind": kind,
            "mb": size / 1e6,
            "cpu": cpu,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "json_mb": len(js) / 1e6,
            "warnings": len(a.warnings),
        }
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="0.1,0.5,1,2", help="MB, comma-separated")
    ap.add_argument("--kinds", default=",".join(SHAPES), help="shapes, comma-separated")
    args = ap.parse_args()
    sizes = [int(float(s) * 1e6) for s in args.sizes.split(",")]
    ctx = multiprocessing.get_context("spawn")
    print("| shape | " + " | ".join(f"{s / 1e6:g} MB" for s in sizes) + " | time ratio / size ratio |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for kind in args.kinds.split(","):
        rows = []
        for size in sizes:
            q: multiprocessing.Queue[dict[str, object]] = ctx.Queue()
            p = ctx.Process(target=_run, args=(kind, size, q))
            p.start()
            rows.append(q.get())
            p.join()
        cells = [f"{r['cpu']:.2f} s, {r['rss']:.0f} MB" for r in rows]
        first, last = rows[0], rows[-1]
        ratio = (float(last["cpu"]) / max(float(first["cpu"]), 1e-3)) / (sizes[-1] / sizes[0])  # type: ignore[arg-type]
        print(f"| {kind} | " + " | ".join(cells) + f" | {ratio:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
