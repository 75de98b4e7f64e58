"""Actor resolution: KB load time, resolver throughput and peak memory.

Usage::

    python benchmarks/actors.py [--mb 2] [--stanza-docs 0] [--cameo]

Figures printed:

* KB load: the shipped YAML files parsed, pycountry merged, governments derived
  (cold, caches cleared), then the gazetteer automaton and fuzzy indexes built;
* resolver alone: mentions/second and MB/second of :func:`geotext.actors.resolve`
  on a large text already annotated by the rules backend (annotation not timed).
  The text is the PolNeAR training articles read in place from
  ``../shared/data/polnear`` (US election news) when present, else the seed
  article, joined and repeated up to ``--mb`` megabytes;
* optionally the same on ``--stanza-docs`` stanza-annotated articles (NER and
  parse: more candidates, subjects from the parse), and a merge of the Phoenix
  CAMEO dictionaries (``--cameo``, read in place);
* peak traced Python memory of each step (tracemalloc) and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear" / "train" / "text"
PHOENIX = SHARED / "data" / "phoenix"
T = TypeVar("T")


def measure(label: str, fn: Callable[[], T], *, trace: bool = False) -> tuple[T, float]:
    """Run ``fn`` once and print its wall time; with ``trace``, run it again under
    tracemalloc (which slows Python down severalfold) for its peak memory."""
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    extra = ""
    if trace:
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        extra = f"   peak {peak / 2**20:7.1f} MiB"
    print(f"{label:<48} {elapsed:8.3f} s{extra}")
    return result, elapsed


def corpus(megabytes: float) -> list[str]:
    """Articles (PolNeAR if present, else the seed) repeated to the size asked."""
    if POLNEAR.is_dir():
        articles = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    else:
        articles = [SEED.read_text(encoding="utf-8")]
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for a in articles:
            out.append(a)
            size += len(a)
            if size >= megabytes * 1e6:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of the rules-backend text")
    ap.add_argument("--stanza-docs", type=int, default=0, help="stanza-annotated articles")
    ap.add_argument("--cameo", action="store_true", help="also merge the Phoenix dictionaries")
    args = ap.parse_args()

    from geotext.actors import KnowledgeBase, load_cameo, resolve
    from geotext.actors import kb as kb_module
    from geotext.actors.fuzzy import match_person
    from geotext.actors.gazetteer import Gazetteer
    from geotext.backends import annotate
    from geotext.data import load_yaml

    def cold_load() -> KnowledgeBase:
        load_yaml.cache_clear()
        kb_module._default.cache_clear()
        return KnowledgeBase.default()

    kb, _ = measure("KB load, cold (YAML + pycountry + derived)", cold_load, trace=True)
    gazetteer, _ = measure("gazetteer automaton build", lambda: Gazetteer.build(kb), trace=True)
    measure("fuzzy index build", lambda: match_person(["x", "y"], kb))
    people = sum(1 for r in kb if r.type == "person")
    print(f"KB: {len(kb)} actors ({people} people), {len(gazetteer)} gazetteer keys")

    texts = corpus(args.mb)
    source = "PolNeAR train" if POLNEAR.is_dir() else "seed"
    # One large document: many articles joined by blank lines.
    big = "\n\n".join(texts)
    [doc] = annotate([big], backend="rules", date=datetime.date(2016, 11, 1))
    Gazetteer.for_kb(kb)  # built once per KB, as in use
    actors, elapsed = measure(
        f"resolve, rules, {len(big) / 1e6:.2f} MB ({source})", lambda: resolve(doc, kb=kb), trace=True
    )
    mentions = sum(len(a.mentions) for a in actors)
    print(
        f"  {mentions} mentions of {len(actors)} actors: {mentions / elapsed:,.0f} mentions/s, "
        f"{len(big) / 1e6 / elapsed:.2f} MB/s"
    )

    if args.stanza_docs:
        os.environ.setdefault("GEOTEXT_STANZA_DIR", str(SHARED / "stanza_resources"))
        docs = annotate(texts[: args.stanza_docs], backend="stanza", date=datetime.date(2016, 11, 1))

        def run_all() -> int:
            return sum(len(a.mentions) for d in docs for a in resolve(d, kb=kb))

        count, elapsed = measure(f"resolve, stanza, {len(docs)} articles", run_all)
        chars = sum(len(d.text) for d in docs)
        print(f"  {count} mentions: {count / elapsed:,.0f} mentions/s, {chars / 1e6 / elapsed:.2f} MB/s")

    if args.cameo and PHOENIX.is_dir():
        files = sorted(PHOENIX.glob("*.actors.txt"))
        cameo, _ = measure("CAMEO import (Phoenix actor files)", lambda: load_cameo(*files))
        merged, _ = measure("merge into the shipped KB", lambda: kb.merge(cameo))
        measure("gazetteer build, merged KB", lambda: Gazetteer.for_kb(merged))  # cached for the run
        _, elapsed = measure("resolve, rules, merged KB", lambda: resolve(doc, kb=merged))
        print(f"  merged KB: {len(merged)} actors")

    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
