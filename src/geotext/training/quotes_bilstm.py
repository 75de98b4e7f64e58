"""Train the BiLSTM-CRF quote tagger (:mod:`geotext.quotes._bilstm`) on PolNeAR.

Command::

    python -m geotext.training quotes_bilstm --data ../shared/data/polnear/train \\
        --out DIR --backend stanza --cache CACHE --seed 12

Same data, split, features, calibration and threshold choice as the feature CRF
(:mod:`geotext.training.quotes`): trained on the train articles (0-680), the epoch
kept, the isotonic maps and the threshold chosen on dev (681-755); with
``--heldout`` the held-out articles (756-839) are scored once at the end. Input per
word: the sum of the embeddings of its feature strings (the stacked tagger's, those
seen at least ``--min-count`` times in train, at most ``--max-features``) and a
character CNN; with ``--vectors FILE`` the word's frozen pretrained vector (a table
built by ``python -m geotext.training word_vectors``; the model names it, and the
packaged file of that name is read at run time); ``--layers`` BiLSTM layers of
``--hidden`` per direction; a linear-chain CRF (negative log-likelihood).
Adam, dropout, one torch thread, a fixed seed. Writes ``quote_bilstm_<backend>.pt``
and a short card to ``--out``.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from geotext.learn.vectors import WordVectors
from geotext.learn.weights import string_table
from geotext.quotes._bilstm import MAX_CHARS, BiLstmTagger, build_network, char_ids, model_name
from geotext.quotes._features import LABELS, mark_segments, paragraph_features, paragraphs, rule_spans
from geotext.training import quotes as crf_trainer
from geotext.training.polnear import SPLIT, load_corpus, split

if TYPE_CHECKING:
    import torch

__all__ = ["add_arguments", "run"]

Example = tuple[list[list[str]], list[str], list[int]]
"""A paragraph's feature strings, word forms and gold tag ids."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the trainer's options to ``parser``."""
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train directory")
    parser.add_argument("--out", type=Path, required=True, help="where to write the weights and card")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--backend", choices=("stanza", "rules"), default="stanza")
    parser.add_argument("--cache", type=Path, default=None, help="directory of parsed documents")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--dev-from", type=int, default=3, help="first epoch scored on dev")
    parser.add_argument("--dim", type=int, default=64, help="feature embedding size")
    parser.add_argument("--char-dim", type=int, default=16)
    parser.add_argument("--filters", type=int, default=32, help="character CNN filters")
    parser.add_argument("--hidden", type=int, default=64, help="LSTM size per direction")
    parser.add_argument("--layers", type=int, default=1, help="BiLSTM layers")
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="a word-vector table (python -m geotext.training word_vectors); its stem must be shipped",
    )
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--lr", type=float, default=0.003)
    parser.add_argument("--batch", type=int, default=32, help="paragraphs per batch")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--max-features", type=int, default=40000)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N train articles only")
    parser.add_argument("--minutes", type=float, default=60.0, help="stop training after this wall time")
    parser.add_argument("--heldout", action="store_true", help="score the held-out articles at the end")


def _examples(docs: crf_trainer.Prepared) -> list[Example]:
    out: list[Example] = []
    for article, doc, drafts in docs:
        marks = mark_segments(doc)
        spans = rule_spans(drafts)
        for para in paragraphs(doc):
            feats = paragraph_features(doc, para, spans, marks)
            tags = [LABELS.index(t) for t in crf_trainer.gold_tags(para, article)]
            out.append((feats, [w.form.lower() for w in para.words], tags))
    return out


def crf_nll(
    emit: torch.Tensor, tags: torch.Tensor, lengths: torch.Tensor, trans: torch.Tensor
) -> torch.Tensor:
    """Mean negative log-likelihood of the gold ``tags`` under a linear-chain CRF."""
    import torch

    width = emit.shape[1]
    mask = torch.arange(width)[None, :] < lengths[:, None]
    gold = emit.gather(2, tags[:, :, None]).squeeze(2)
    pair = trans[tags[:, :-1], tags[:, 1:]]
    score = (gold * mask).sum(1) + (pair * mask[:, 1:]).sum(1)
    alpha = emit[:, 0]
    for t in range(1, width):
        nxt = torch.logsumexp(alpha[:, :, None] + trans[None], dim=1) + emit[:, t]
        alpha = torch.where(mask[:, t, None], nxt, alpha)
    return (torch.logsumexp(alpha, dim=1) - score).mean()


def _batches(
    examples: Sequence[int], lengths: Sequence[int], size: int, rng: random.Random
) -> list[list[int]]:
    """Batches of examples of similar length, in random order."""
    order = sorted(examples, key=lambda k: (lengths[k], rng.random()))
    out = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(out)
    return out


Encoded = tuple[list[list[int]], list[list[int]], list[int], list[int]]
"""A paragraph's feature ids, character ids, word-vector rows and gold tag ids."""


def _tensors_for(
    batch: Sequence[int], encoded: Sequence[Encoded], pad_feature: int
) -> tuple[torch.Tensor, ...]:
    import torch

    ids: list[int] = []
    offsets: list[int] = []
    chars: list[list[int]] = []
    vecs: list[int] = []
    width = max(len(encoded[k][3]) for k in batch)
    tags = torch.zeros((len(batch), width), dtype=torch.long)
    for row, k in enumerate(batch):
        feats, cs, vs, gold = encoded[k]
        for f in feats:
            offsets.append(len(ids))
            ids.extend(f or [pad_feature])
        chars.extend(cs)
        vecs.extend(vs)
        tags[row, : len(gold)] = torch.tensor(gold)
    lengths = torch.tensor([len(encoded[k][3]) for k in batch])
    return (
        torch.tensor(ids),
        torch.tensor(offsets),
        torch.tensor(chars).reshape(-1, MAX_CHARS),
        lengths,
        tags,
        torch.tensor(vecs),
    )


def _weights(
    net: torch.nn.Module, features: list[str], chars: list[str], meta: dict[str, Any], half: bool
) -> dict[str, Any]:
    import torch

    out: dict[str, Any] = {
        "features": string_table(features),
        "chars": string_table(chars),
    }
    for k, v in net.state_dict().items():
        out["net." + k] = (
            v.detach().clone().to(torch.float16 if half and v.dtype == torch.float32 else v.dtype)
        )
    del meta
    return out


def _tagger(tensors: dict[str, Any], meta: dict[str, Any], vectors: WordVectors | None) -> BiLstmTagger:
    from geotext.learn.weights import ModelWeights

    return BiLstmTagger(ModelWeights(name="quote_bilstm", tensors=tensors, meta=meta), vectors)


def run(args: argparse.Namespace) -> int:
    """Train, choose the epoch on dev, calibrate, optionally score held-out, write."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    began = time.perf_counter()
    parts = split(load_corpus(args.data))
    train_articles = parts["train"][: args.limit] if args.limit else parts["train"]
    train = crf_trainer._prepare(train_articles, args.backend, args.cache)
    dev = crf_trainer._prepare(parts["dev"], args.backend, args.cache)
    examples = _examples(train)
    print(
        f"[{args.backend}] {len(train)} train articles, {len(examples)} paragraphs, "
        f"{time.perf_counter() - began:.0f} s to prepare",
        flush=True,
    )
    counts = Counter(f for feats, _, _ in examples for word in feats for f in word)
    features = [f for f, c in counts.most_common(args.max_features) if c >= args.min_count]
    char_counts = Counter(ch for _, forms, _ in examples for form in forms for ch in form[:MAX_CHARS])
    chars = sorted(ch for ch, c in char_counts.items() if c >= 5 and ch != "\n")
    f_index = {f: i for i, f in enumerate(features)}
    c_index = {ch: i + 2 for i, ch in enumerate(chars)}
    pad = len(features)
    vectors: WordVectors | None = None
    if args.vectors is not None:
        from geotext.learn.weights import read_weights

        vectors = WordVectors.from_weights(read_weights(args.vectors))
    encoded: list[Encoded] = [
        (
            [[f_index[f] for f in word if f in f_index] for word in feats],
            [char_ids(form, c_index) for form in forms],
            vectors.ids(forms) if vectors is not None else [0] * len(forms),
            tags,
        )
        for feats, forms, tags in examples
    ]
    settings: dict[str, Any] = {
        "dim": args.dim,
        "char_dim": args.char_dim,
        "filters": args.filters,
        "hidden": args.hidden,
        "labels": len(LABELS),
        "dropout": args.dropout,
    }
    if args.layers != 1:
        settings["layers"] = args.layers
    if vectors is not None:
        settings["vectors"] = vectors.name
        settings["vec_dim"] = vectors.dim
    net = build_network(len(features), len(chars), settings, vectors.table if vectors is not None else None)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    lengths = [len(e[3]) for e in encoded]
    meta: dict[str, Any] = {
        "labels": list(LABELS),
        "stacked": True,
        "threshold": 0.5,
        "backend": args.backend,
        "network": settings,
        "data": f"PolNeAR train articles 0-{len(train) - 1} (file-name order)",
        "settings": {
            "epochs": args.epochs,
            "lr": args.lr,
            "batch": args.batch,
            "min_count": args.min_count,
            "max_features": args.max_features,
            "seed": args.seed,
        },
    }
    best: tuple[float, int, dict[str, Any], dict[str, Any]] | None = None
    train_started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        net.train()
        t0, total, n = time.perf_counter(), 0.0, 0
        for batch in _batches(range(len(encoded)), lengths, args.batch, rng):
            ids, offsets, cs, lens, tags, vecs = _tensors_for(batch, encoded, pad)
            emit = net(ids, offsets, cs, lens, None, vecs if vectors is not None else None)
            loss = crf_nll(emit, tags, lens, cast("torch.Tensor", net.transitions))
            opt.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach()) * len(batch)
            n += len(batch)
        minutes = (time.perf_counter() - train_started) / 60
        print(
            f"[{args.backend}] epoch {epoch}: loss {total / n:.3f}, {time.perf_counter() - t0:.0f} s",
            flush=True,
        )
        last = epoch == args.epochs or minutes >= args.minutes
        if epoch >= args.dev_from or last:
            net.eval()
            tensors = _weights(net, features, chars, meta, half=True)
            tagger = _tagger(tensors, dict(meta), vectors)
            by_threshold = crf_trainer._calibrate(tagger, dev, "combined")
            sc = by_threshold[f"{tagger.threshold:.2f}"]
            print(
                f"[{args.backend}] epoch {epoch} dev combined (threshold {tagger.threshold:.2f}): {sc.line()}",
                flush=True,
            )
            if best is None or sc.relation[2] > best[0]:
                cal = {
                    f"cal_{k}_{xy}": torch.tensor(getattr(iso, xy + "s"), dtype=torch.float64)
                    for k, iso in tagger.calibration.items()
                    for xy in ("x", "y")
                }
                best = (
                    sc.relation[2],
                    epoch,
                    {**tensors, **cal},
                    {**meta, "threshold": tagger.threshold, "epoch": epoch, "dev": sc.as_dict()},
                )
        if last and epoch < args.epochs:
            print(f"[{args.backend}] stopping after {minutes:.0f} min of training", flush=True)
            break
    assert best is not None
    _, epoch, tensors, meta = best
    meta["training_minutes"] = round((time.perf_counter() - train_started) / 60, 1)
    meta["date"] = datetime.date.today().isoformat()
    results: dict[str, Any] = {"dev combined": meta["dev"]}
    if args.heldout:
        heldout = crf_trainer._prepare(parts["heldout"], args.backend, args.cache)
        tagger = _tagger(tensors, meta, vectors)
        for mode in ("combined", "tagger"):
            sc = crf_trainer._evaluate(tagger, heldout, mode)
            print(f"[{args.backend}] held-out {mode}: {sc.line()}", flush=True)
            results[f"heldout {mode}"] = sc.as_dict()
        meta["heldout"] = results["heldout combined"]
    from geotext.learn.weights import save_weights

    args.out.mkdir(parents=True, exist_ok=True)
    path = save_weights(args.out / f"{model_name(args.backend)}.pt", tensors, meta)
    card = [
        f"BiLSTM-CRF quote tagger, {args.backend} backend ({meta['date']})",
        f"Split: train {SPLIT['train']}, dev {SPLIT['dev']}, held-out {SPLIT['heldout']}; trained on {len(train)}.",
        f"Network: {settings}; kept epoch {epoch}; threshold {meta['threshold']:.2f}; "
        f"{meta['training_minutes']} min of training.",
        *(f"  {k}: {v}" for k, v in results.items()),
    ]
    (args.out / f"{model_name(args.backend)}.txt").write_text("\n".join(card) + "\n", encoding="utf-8")
    print("\n".join(card), flush=True)
    print(
        f"[{args.backend}] wrote {path} ({path.stat().st_size // 1024} KiB) in "
        f"{time.perf_counter() - began:.0f} s",
        flush=True,
    )
    return 0
