"""Score geotext's quote attribution on the PolNeAR training articles.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 840
political news articles with brat standoff spans: Source, Cue and Content, tied
together by ``Attribution`` events. This script runs the articles through
:func:`geotext.analyze_many`, maps each :class:`~geotext.quotes.Quote` to the
corpus conventions and scores, at the character level:

* per component (source, cue, content): precision, recall and F1 under *exact*
  span match, *first-token* match (the spans start with the same token) and
  *Jaccard* (soft: each span scores the best character Jaccard it reaches against
  the other side);
* relations: a predicted quote matches a gold attribution (one-to-one) when their
  contents overlap by at least half of the longer one's tokens and their sources
  overlap (or both have none);
* relation recall/precision broken down by quoted vs unquoted content, by cue type
  (verb / according-to / colon / other) and by source type (pronoun / named /
  description).

Annotator choice: 16 articles were annotated by several annotators; we always
score against the ``.ann`` file with the lowest annotator suffix (lexicographic
order of the 4-hex suffix).

Convention mapping (PARC/PolNeAR style, applied to predictions only): a direct
quote's content includes its quote marks and the punctuation inside them; an
indirect content includes the complementiser ``that`` (and ``to`` of an
infinitive) that introduces it.

The data are read in place (``--data``); nothing is copied. Usage::

    python benchmarks/polnear.py --limit 50 --backend stanza
    python benchmarks/polnear.py --cache /tmp/polnear-cache   # reuse parses
    python benchmarks/polnear.py --skip 420 --limit 420        # the second half
    python benchmarks/polnear.py --heldout --cache /work/cache/polnear   # rules / tagger / combined

``--heldout`` scores only the held-out articles of the quote tagger's split
(:mod:`geotext.training.polnear`: articles 756-839 in file-name order, never trained
or tuned on) three times: the rules alone, the tagger alone and the two combined
(what ``method="auto"``, the default of :func:`geotext.analyze`, does on the
stanza backend), with words per second of quote extraction
from parsed documents. ``--method`` picks one of them for a plain run.

The reading of the ``.ann`` files, the split and the scoring live in the package
(:mod:`geotext.training.polnear`, :mod:`geotext.training.polnear_score`), shared with
the tagger's trainer.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import geotext
from geotext.model import Document
from geotext.quotes import METHODS, Method, Quote, extract
from geotext.training.polnear import SPLIT, Article, load_corpus
from geotext.training.polnear_score import report, score, summary

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"


# --- predictions ---------------------------------------------------------------------
def _quotes_for(doc: Document, method: Method = "auto") -> tuple[Quote, ...]:
    """Quotes of a cached document, with its resolved actors."""
    from geotext.actors import resolve

    return extract(doc, resolve(doc, date=doc.date), method=method)


def _load(cache: Path, backend: str, name: str) -> Document | None:
    cached = cache / backend / f"{name}.pkl"
    if not cached.exists():
        return None
    with cached.open("rb") as fh:
        doc: Document = pickle.load(fh)
    return doc


def predict(
    corpus: Sequence[Article], backend: str, batch_size: int, cache: Path | None, method: Method = "auto"
) -> dict[str, tuple[Document, tuple[Quote, ...]]]:
    """Run geotext over the corpus (or reuse cached parses) and return quotes."""
    out: dict[str, tuple[Document, tuple[Quote, ...]]] = {}
    todo = []
    for a in corpus:
        doc = _load(cache, backend, a.name) if cache else None
        if doc is not None:
            out[a.name] = (doc, _quotes_for(doc, method))
        else:
            todo.append(a)
    items: Iterable[tuple[str, str | None]] = ((a.text, a.date) for a in todo)
    started = time.perf_counter()
    for k, (a, analysis) in enumerate(
        zip(todo, geotext.analyze_many(items, backend=backend, batch_size=batch_size), strict=True)
    ):
        doc = analysis.document
        quotes = _quotes_for(doc, method)
        out[a.name] = (doc, tuple(quotes))
        if cache is not None:
            (cache / backend).mkdir(parents=True, exist_ok=True)
            with (cache / backend / f"{a.name}.pkl").open("wb") as fh:
                pickle.dump(doc, fh)
        if (k + 1) % 20 == 0:
            rate = (k + 1) / (time.perf_counter() - started)
            print(f"  {k + 1}/{len(todo)} articles annotated ({rate:.2f}/s)", file=sys.stderr, flush=True)
    return out


def heldout(
    corpus: Sequence[Article],
    backend: str,
    cache: Path,
    part: str = "heldout",
    methods: Sequence[Method] = ("rules", "tagger", "combined"),
) -> str:
    """Each of ``methods`` (rules alone, tagger alone, combined) on the articles of
    ``part`` of the split (``heldout`` or ``dev``), from cached parses."""
    docs = [(a, _load(cache, backend, a.name)) for a in corpus]
    missing = [a.name for a, d in docs if d is None]
    if missing:
        return f"{len(missing)} {part} articles have no {backend} parse in {cache}; run with --cache first"
    from geotext.actors import resolve

    actors = {a.name: resolve(d, date=d.date) for a, d in docs if d is not None}
    words = sum(len(s.words) for _, d in docs if d is not None for s in d.sentences)
    lines = [
        f"PolNeAR {part} articles {SPLIT[part][0]}-{SPLIT[part][1] - 1} ({len(corpus)}), backend={backend}",
        "method      exact F1 source cue content | Jaccard F1 source cue content | relation P R F1 | words/s",
    ]
    for method in methods:
        started = time.perf_counter()
        preds = {a.name: (d, extract(d, actors[a.name], method=method)) for a, d in docs if d is not None}
        wps = words / (time.perf_counter() - started)
        comps, rel, _ = score(corpus, preds)
        sc = summary(comps, rel, wps)
        e, j, r = sc.exact, sc.jaccard, sc.relation
        lines.append(
            f"{method:<10} {e[0]:6.1f} {e[1]:5.1f} {e[2]:5.1f}        | {j[0]:6.1f} {j[1]:5.1f} {j[2]:5.1f}"
            f"              | {r[0]:5.1f} {r[1]:5.1f} {r[2]:5.1f} | {wps:,.0f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR train directory")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles only")
    parser.add_argument(
        "--skip", type=int, default=0, help="leave out the first N articles (file-name order)"
    )
    parser.add_argument("--backend", default="stanza", choices=("stanza", "rules"))
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--cache", type=Path, default=None, help="directory to keep parsed documents in")
    parser.add_argument(
        "--cached-only", action="store_true", help="score only the articles whose parse is in --cache"
    )
    parser.add_argument("--method", default="auto", choices=METHODS, help="how quotes are decided")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="score rules / tagger / combined on the held-out articles 756-839 (needs --cache)",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="as --heldout, on the dev articles 681-755 (where settings are chosen)",
    )
    parser.add_argument(
        "--methods",
        default=None,
        help="with --heldout/--dev: a comma-separated subset of the methods (default: all)",
    )
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(f"no PolNeAR data at {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    if args.heldout or args.dev:
        part = "heldout" if args.heldout else "dev"
        if args.cache is None:
            parser.error(f"--{part} needs --cache DIR (parse the articles once with --cache)")
        chosen: tuple[Method, ...] = ("rules", "tagger", "combined")
        if args.methods:
            names = args.methods.split(",")
            bad = [m for m in names if m not in METHODS]
            if bad:
                parser.error(f"--methods: unknown {', '.join(bad)}")
            chosen = tuple(m for m in METHODS if m in names)
        print(heldout(load_corpus(args.data, [part]), args.backend, args.cache, part, chosen))
        return 0
    limit = None if args.limit is None else args.skip + args.limit
    corpus = load_corpus(args.data)[args.skip : limit]
    if args.cached_only:
        if args.cache is None:
            parser.error("--cached-only needs --cache DIR")
        corpus = [c for c in corpus if (args.cache / args.backend / f"{c.name}.pkl").exists()]
    started = time.perf_counter()
    predictions = predict(corpus, args.backend, args.batch_size, args.cache, args.method)
    elapsed = time.perf_counter() - started
    comps, rel, breakdown = score(corpus, predictions)
    print(report(comps, rel, breakdown, len(corpus), args.backend))
    print(f"\n{len(corpus)} articles in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
