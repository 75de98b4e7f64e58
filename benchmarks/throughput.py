"""Throughput of raw stanza, geotext on stanza, and the rules backend, in one run.

Usage::

    GEOTEXT_STANZA_DIR=../shared/stanza_resources python benchmarks/throughput.py [--copies N]

Corpus: the seed article repeated ``--copies`` times as separate documents, plus (when
``../shared/data/polnear`` is present) the first ``--polnear`` PolNeAR articles, read in
place. Prints words/second for

* raw stanza ``Pipeline.bulk_process`` on the texts (no geotext at all),
* ``geotext.backends.annotate`` (repair + stanza + document model),
* ``geotext.analyze_many`` (all of the above plus actors, quotes and hedges),
* the rules backend (``annotate`` and ``analyze_many``) in MB/s on a >= 5 MB text,

and the ratios against raw stanza measured in the same run, plus peak RSS.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="seed copies in the stanza corpus")
    ap.add_argument("--polnear", type=int, default=20, help="PolNeAR articles added to the corpus")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2, help="interleaved rounds; the best is kept")
    ap.add_argument("--rules-mb", type=float, default=5.0, help="size of the rules-backend text")
    args = ap.parse_args()

    os.environ.setdefault("GEOTEXT_STANZA_DIR", str(ROOT.parent / "shared" / "stanza_resources"))
    import torch

    torch.set_num_threads(1)  # one core, so the figures compare like with like

    import stanza

    import geotext
    from geotext.backends import annotate, get_backend

    seed = SEED.read_text(encoding="utf-8")
    texts = [seed] * args.copies
    if POLNEAR.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[: args.polnear]]
    chars = sum(len(t) for t in texts)

    backend = get_backend("stanza")  # loads the models once, outside the timings
    nlp = stanza.Pipeline(
        "en",
        dir=os.environ["GEOTEXT_STANZA_DIR"],
        processors="tokenize,mwt,pos,lemma,depparse,ner",
        download_method=None,
        logging_level="WARN",
        use_gpu=False,
    )
    nlp.bulk_process([stanza.Document([], text=seed)])  # warm-up

    def timed(fn):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = fn()
        return time.perf_counter() - t, out

    def raw_run() -> int:
        n = 0
        for i in range(0, len(texts), args.batch_size):
            docs = nlp.bulk_process([stanza.Document([], text=t) for t in texts[i : i + args.batch_size]])
            n += sum(len(s.words) for d in docs for s in d.sentences)
        return n

    def annotate_run() -> None:
        for i in range(0, len(texts), args.batch_size):
            annotate(texts[i : i + args.batch_size], backend=backend)

    # Interleaved rounds, best of each: the machine's other load hits all three alike.
    raw_s = ann_s = full_s = float("inf")
    words = n_found = 0
    for _ in range(args.rounds):
        dt, words = timed(raw_run)
        raw_s = min(raw_s, dt)
        dt, _ = timed(annotate_run)
        ann_s = min(ann_s, dt)
        dt, analyses = timed(lambda: list(geotext.analyze_many(texts, batch_size=args.batch_size)))
        full_s = min(full_s, dt)
        n_found = sum(len(a.actors) + len(a.quotes) + len(a.hedges) for a in analyses)

    big = (seed + "\n\n") * int(args.rules_mb * 1_000_000 / (len(seed) + 2) + 1)
    mb = len(big.encode("utf-8")) / 1_000_000
    rules_ann_s, rdocs = timed(lambda: annotate([big], backend="rules"))
    rules_words = sum(len(s.words) for s in rdocs[0].sentences)
    rules_full_s, _ = timed(lambda: geotext.analyze(big, backend="rules"))

    print(f"corpus: {len(texts)} texts, {chars:,} characters, {words:,} stanza words; torch threads: 1")
    print(f"{'what':44} {'seconds':>8} {'words/s':>9} {'vs raw':>7}")
    for name, secs in (
        ("raw stanza (bulk_process)", raw_s),
        ("geotext annotate (repair+stanza+model)", ann_s),
        ("geotext analyze_many (+actors/quotes/hedges)", full_s),
    ):
        print(f"{name:44} {secs:8.2f} {words / secs:9.0f} {secs / raw_s - 1:+7.1%}")
    print(f"results found by analyze_many: {n_found:,}")
    print(f"rules backend on {mb:.1f} MB ({rules_words:,} words):")
    print(
        f"  annotate      {rules_ann_s:6.2f} s  {mb / rules_ann_s:5.2f} MB/s  {rules_words / rules_ann_s:,.0f} words/s"
    )
    print(f"  analyze       {rules_full_s:6.2f} s  {mb / rules_full_s:5.2f} MB/s")
    print(f"peak RSS: {_peak_rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
