"""Train the quote tagger (a feature CRF over source / cue / content) on PolNeAR.

Command (one per backend, or ``--backend both``)::

    python -m geotext.training quotes --data ../shared/data/polnear/train --out DIR \\
        --backend both --cache /work/cache/polnear --seed 12

Data and split: :mod:`geotext.training.polnear` (train = articles 0-680, dev =
681-755, held-out = 756-839 in file-name order). For each backend two CRFs are
trained with python-crfsuite (L-BFGS, elastic net ``c1``/``c2``) on the train
articles: the *stacked* tagger, which also sees what the hand rules decided for each
word, and the tagger *alone*, which does not. On the dev articles the trainer fits
the isotonic calibration maps (a rule draft's score, a tagger relation's score ->
probability that it matches a gold attribution) and picks the probability threshold
that maximises relation F1. It then prints rules / tagger / combined figures on the
held-out articles, writes ``quote_tagger_<backend>.pt`` (and ``..._alone.pt``) and
a model card ``quote_tagger_<backend>.rst`` to ``--out``.

Parsed documents are read from ``--cache`` (``<cache>/<backend>/<name>.pkl``, as
written by ``benchmarks/polnear.py --cache``); articles missing there are parsed.
python-crfsuite (MIT) is needed for training only, never at run time.
"""

from __future__ import annotations

import argparse
import datetime
import pickle
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geotext.learn.weights import string_table
from geotext.model import Document
from geotext.quotes._extract import find_drafts
from geotext.quotes._features import (
    LABELS,
    Paragraph,
    mark_segments,
    paragraph_features,
    paragraphs,
    rule_spans,
)
from geotext.quotes._state import Draft
from geotext.quotes._tagger import Candidate, CrfTagger, candidates, fit_isotonic, model_name, select
from geotext.training.polnear import SPLIT, Article, load_corpus, split
from geotext.training.polnear_score import Scores, draft_quotes, score_documents

__all__ = ["add_arguments", "crf_to_tagger", "gold_tags", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the trainer's options to ``parser``."""
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train directory")
    parser.add_argument("--out", type=Path, required=True, help="where to write the weights and card")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--backend", choices=("stanza", "rules", "both"), default="both")
    parser.add_argument("--cache", type=Path, default=None, help="directory of parsed documents")
    parser.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations")
    parser.add_argument("--c1", type=float, default=0.05, help="L1 penalty (sparser weights)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N train articles only")
    parser.add_argument(
        "--stacked-only", action="store_true", help="train the stacked tagger only (not the tagger alone)"
    )


def gold_tags(para: Paragraph, article: Article) -> list[str]:
    """BIO tags of ``para``'s words from the gold attributions (cue over source over content)."""
    tags = ["O"] * len(para.words)
    owner: list[tuple[int, str, int] | None] = [None] * len(para.words)
    if not para.words:
        return tags
    p0, p1 = para.words[0].start, para.words[-1].end
    rank = {"CUE": 3, "SRC": 2, "CON": 1}
    for a_i, g in enumerate(article.gold):
        for role, spans in (("CON", g.content), ("SRC", g.source), ("CUE", g.cue)):
            if spans is None:
                continue
            for part_i, (s, e) in enumerate(spans):
                if e <= p0 or s >= p1:
                    continue
                for k, w in enumerate(para.words):
                    if s < w.end and w.start < e:
                        cur = owner[k]
                        if cur is None or rank[role] > rank[cur[1]]:
                            owner[k] = (a_i, role, part_i)
    previous: tuple[int, str, int] | None = None
    for k, o in enumerate(owner):
        if o is not None:
            tags[k] = ("I-" if o == previous else "B-") + o[1]
        previous = o
    return tags


def _documents(
    articles: Sequence[Article], backend: str, cache: Path | None
) -> Iterator[tuple[Article, Document]]:
    from geotext.backends import annotate

    for a in articles:
        path = cache / backend / f"{a.name}.pkl" if cache is not None else None
        if path is not None and path.exists():
            with path.open("rb") as fh:
                doc = pickle.load(fh)
        else:
            date = datetime.date.fromisoformat(a.date) if a.date else None
            doc = annotate([a.text], backend=backend, date=date)[0]
        yield a, doc


def _prepare(articles: Sequence[Article], backend: str, cache: Path | None) -> Prepared:
    """Each article with its parsed document and the rules' drafts (computed once)."""
    return [(a, doc, find_drafts(doc)) for a, doc in _documents(articles, backend, cache)]


def _train_crf(docs: Prepared, stacked: bool, args: argparse.Namespace, workdir: Path) -> CrfTagger:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for article, doc, drafts in docs:
        marks = mark_segments(doc)
        spans = rule_spans(drafts) if stacked else None
        for para in paragraphs(doc):
            feats = paragraph_features(doc, para, spans, marks)
            trainer.append(feats, gold_tags(para, article))
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    path = workdir / f"crf-{'stacked' if stacked else 'alone'}.crfsuite"
    began = time.perf_counter()
    trainer.train(str(path))
    print(f"  crfsuite: {time.perf_counter() - began:.0f} s, stacked={stacked}", flush=True)
    return crf_to_tagger(path, stacked)


def crf_to_tagger(path: Path, stacked: bool) -> CrfTagger:
    """Read a crfsuite model file into a :class:`CrfTagger` (the weights geotext ships)."""
    import pycrfsuite
    import torch

    from geotext.learn.weights import ModelWeights

    info = pycrfsuite.Tagger()
    info.open(str(path))
    model = info.info()
    labels = list(LABELS)
    attrs = sorted({a for a, _ in model.state_features})
    index = {a: i for i, a in enumerate(attrs)}
    state = torch.zeros(len(attrs), len(labels))
    for (a, label), w in model.state_features.items():
        state[index[a], labels.index(label)] = w
    trans = torch.zeros(len(labels), len(labels))
    for (x, y), w in model.transitions.items():
        trans[labels.index(x), labels.index(y)] = w
    tensors = {"attributes": string_table(attrs), "state": state, "transitions": trans}
    meta = {"labels": labels, "stacked": stacked, "threshold": 0.5}
    return CrfTagger(ModelWeights(name="quote_tagger", tensors=tensors, meta=meta))


def _to_tensors(tagger: CrfTagger) -> dict[str, Any]:
    import torch

    names = sorted(tagger.index, key=tagger.index.__getitem__)
    out: dict[str, Any] = {
        "attributes": string_table(names),
        "state": torch.from_numpy(tagger.state).to(torch.float16),
        "transitions": torch.from_numpy(tagger.trans),
    }
    for key, iso in tagger.calibration.items():
        out[f"cal_{key}_x"] = torch.tensor(iso.xs, dtype=torch.float64)
        out[f"cal_{key}_y"] = torch.tensor(iso.ys, dtype=torch.float64)
    return out


Prepared = list[tuple[Article, Document, list[Draft]]]


def _calibrate(tagger: CrfTagger, dev: Prepared, mode: str) -> dict[str, Scores]:
    """Fit the calibration maps and the threshold on ``dev``; return dev scores per threshold."""
    from geotext.training.polnear_score import matched

    raw: dict[str, tuple[list[float], list[int]]] = {"rule": ([], []), "tagger": ([], [])}
    cands = [candidates(doc, drafts, tagger) for _, doc, drafts in dev]
    for (article, doc, _), cs in zip(dev, cands, strict=True):
        # rule drafts and tagger relations are matched to the gold separately: they
        # often propose the same attribution, and one-to-one matching would mark one
        # of the two wrong
        for key, decided in (("rule", "rules+tagger"), ("tagger", "tagger")):
            if key == "rule" and mode == "tagger":
                continue
            pool = [c for c in cs if c.decided == decided]
            hits = matched(article, doc, [c.draft for c in pool])
            for c, hit in zip(pool, hits, strict=True):
                raw[key][0].append(c.raw)
                raw[key][1].append(int(hit))
    tagger.calibration = {k: fit_isotonic(*v) for k, v in raw.items() if v[0]}
    best: tuple[float, float] = (-1.0, 0.5)
    by_threshold: dict[str, Scores] = {}
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        sc = _score_selected(dev, cands, tagger, t, mode, 0.0)
        by_threshold[f"{t:.2f}"] = sc
        if sc.relation[2] > best[0]:
            best = (sc.relation[2], t)
    tagger.threshold = best[1]
    return by_threshold


def _score_selected(
    docs: Prepared,
    cands: Sequence[Sequence[Candidate]],
    tagger: CrfTagger,
    threshold: float,
    mode: str,
    wps: float,
) -> Scores:
    preds = []
    for (article, doc, _), cs in zip(docs, cands, strict=True):
        chosen = [c.draft for c in select(doc, cs, tagger.calibration, threshold, mode)]
        preds.append((article, doc, draft_quotes(doc, chosen)))
    return score_documents(preds, wps)


def _evaluate(tagger: CrfTagger | None, docs: Prepared, mode: str) -> Scores:
    words = sum(len(s.words) for _, doc, _ in docs for s in doc.sentences)
    started = time.perf_counter()
    if tagger is None:
        preds = [(a, doc, draft_quotes(doc, find_drafts(doc))) for a, doc, _ in docs]
        return score_documents(preds, words / (time.perf_counter() - started))
    cands = [candidates(doc, find_drafts(doc), tagger) for _, doc, _ in docs]
    wps = words / (time.perf_counter() - started)
    return _score_selected(docs, cands, tagger, tagger.threshold, mode, wps)


def _card(backend: str, args: argparse.Namespace, results: dict[str, Any], n_train: int) -> str:
    lines = [
        f"Quote tagger, {backend} backend ({datetime.date.today().isoformat()})",
        "",
        f"Trained on {n_train} PolNeAR train articles (split in geotext.training.polnear: "
        f"train {SPLIT['train']}, dev {SPLIT['dev']}, held-out {SPLIT['heldout']}).",
        f"Settings: python-crfsuite L-BFGS, c1={args.c1}, c2={args.c2}, iterations={args.iterations}, "
        f"seed={args.seed}.",
        "",
        "Held-out articles (756-839): exact F1 source / cue / content, Jaccard F1 content, relation P/R/F1, words/s",
    ]
    for name, sc in results.items():
        lines.append(f"  {name:<10} {sc.line()}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Train, calibrate, score and write the quote taggers."""
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        print(
            "training the quote tagger needs python-crfsuite: pip install 'geotext[train]'", file=sys.stderr
        )
        return 2
    if not (args.data / "text").is_dir():
        print(f"no PolNeAR data at {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    random.seed(args.seed)
    parts = split(load_corpus(args.data))
    backends = ("stanza", "rules") if args.backend == "both" else (args.backend,)
    args.out.mkdir(parents=True, exist_ok=True)
    from geotext.learn.weights import save_weights

    for backend in backends:
        started = time.perf_counter()
        train_articles = parts["train"][: args.limit] if args.limit else parts["train"]
        train = _prepare(train_articles, backend, args.cache)
        dev = _prepare(parts["dev"], backend, args.cache)
        heldout = _prepare(parts["heldout"], backend, args.cache)
        print(f"[{backend}] {len(train)} train, {len(dev)} dev, {len(heldout)} held-out articles", flush=True)
        results: dict[str, Any] = {"rules": _evaluate(None, heldout, "rules")}
        with tempfile.TemporaryDirectory() as tmp:
            for stacked in (True, False):
                tagger = _train_crf(train, stacked, args, Path(tmp))
                mode = "combined" if stacked else "tagger"
                dev_scores = _calibrate(tagger, dev, mode)
                for t, sc in dev_scores.items():
                    print(f"[{backend}] stacked={stacked} dev threshold {t}: {sc.line()}", flush=True)
                held = _evaluate(tagger, heldout, mode)
                results["combined" if stacked else "tagger"] = held
                if stacked:
                    results["stacked-only"] = _evaluate(tagger, heldout, "tagger")
                meta = {
                    "labels": list(tagger.labels),
                    "stacked": stacked,
                    "threshold": tagger.threshold,
                    "backend": backend,
                    "data": "PolNeAR train articles 0-680 (file-name order)",
                    "settings": {
                        "c1": args.c1,
                        "c2": args.c2,
                        "iterations": args.iterations,
                        "seed": args.seed,
                    },
                    "heldout": held.as_dict(),
                    "date": datetime.date.today().isoformat(),
                }
                path = save_weights(
                    args.out / f"{model_name(backend, stacked)}.pt", _to_tensors(tagger), meta
                )
                print(f"[{backend}] wrote {path} ({path.stat().st_size // 1024} KiB)", flush=True)
                print(f"[{backend}] held-out {mode}: {held.line()}", flush=True)
                if args.stacked_only:
                    break
        card = _card(backend, args, results, len(train))
        (args.out / f"quote_tagger_{backend}.txt").write_text(card, encoding="utf-8")
        print(card, flush=True)
        print(f"[{backend}] done in {time.perf_counter() - started:.0f} s", flush=True)
    return 0
