"""Articles per second against Dask workers, with in-process analyze_many as the baseline.

Usage::

    GEOTEXT_STANZA_DIR=../shared/stanza_resources python benchmarks/dask_scaling.py \
        [--articles 40] [--workers 1 2] [--backend stanza rules]

Corpus: the first ``--articles`` PolNeAR train articles (read in place from
``--polnear``, default ``../shared/data/polnear/train/text``), else the seed article
repeated. For each backend it times

* ``geotext.analyze_many`` in this process (one torch thread), records made with
  ``to_dict()`` as the workers make them,
* ``geotext.dask.analyze_bag`` on a ``LocalCluster`` of N worker processes, one thread
  each, the pipeline loaded by ``worker_plugin`` before the clock starts (the start-up,
  cluster and models, is printed apart),

with the bag split into ``4 × N`` partitions. Needs ``pip install 'geotext[dask]'``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def _corpus(n: int, polnear: Path) -> list[dict[str, str]]:
    if polnear.is_dir():
        paths = sorted(polnear.glob("*.txt"))[:n]
        return [{"source": p.name, "text": p.read_text(encoding="utf-8")} for p in paths]
    seed = SEED.read_text(encoding="utf-8")
    return [{"source": f"seed{i}", "text": seed} for i in range(n)]


def _load() -> str:
    """The machine's 1-minute load average: other work running skews every figure."""
    return f"{os.getloadavg()[0]:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--backend", nargs="+", default=["stanza", "rules"], choices=("stanza", "rules"))
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--polnear", type=Path, default=POLNEAR, help="folder of PolNeAR .txt articles")
    args = ap.parse_args()

    os.environ.setdefault("GEOTEXT_STANZA_DIR", str(ROOT.parent / "shared" / "stanza_resources"))
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    sys.path.insert(0, str(ROOT / "src"))
    import dask.bag as db
    import distributed
    import torch

    import geotext
    from geotext import dask as gd

    torch.set_num_threads(1)
    items = _corpus(args.articles, args.polnear)
    words = sum(len(it["text"].split()) for it in items)
    print(f"corpus: {len(items)} articles, {words:,} words; cores: {os.cpu_count()}; load {_load()}")
    print(
        f"{'backend':8} {'how':28} {'start-up s':>10} {'seconds':>8} {'articles/s':>10} {'vs 1 process':>12}"
    )
    for backend in args.backend:
        gd.prepare(backend)  # models and data loaded before the clock, as on the workers
        t0 = time.perf_counter()
        # The same product as the workers': the JSON records.
        n = len([a.to_dict() for a in geotext.analyze_many([it["text"] for it in items], backend=backend,
                                                           batch_size=args.batch_size)])  # fmt: skip
        base = time.perf_counter() - t0
        assert n == len(items)
        print(
            f"{backend:8} {'analyze_many, this process':28} {'–':>10} {base:8.2f} {n / base:10.2f} {'1.00':>12}   (load {_load()})"
        )
        for workers in args.workers:
            t0 = time.perf_counter()
            cluster = distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = distributed.Client(cluster)
            client.register_plugin(gd.worker_plugin(backend))
            startup = time.perf_counter() - t0
            bag = db.from_sequence(items, npartitions=4 * workers)
            t0 = time.perf_counter()
            out = gd.analyze_bag(bag, backend=backend, batch_size=args.batch_size).compute()
            took = time.perf_counter() - t0
            assert len(out) == len(items)
            client.close()
            cluster.close()
            print(
                f"{backend:8} {f'Dask, {workers} worker(s)':28} {startup:10.1f} {took:8.2f} "
                f"{len(out) / took:10.2f} {base / took:12.2f}   (load {_load()})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
