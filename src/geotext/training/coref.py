"""Train the pronoun mention ranker (coref_ranker) on GUM's coreference layer.

For every third-person pronoun of ``gum/train`` that the resolver's rules leave with
candidates, each (pronoun, candidate actor) pair becomes one example: its features
(:data:`geotext.actors.ranking.FEATURES`) and whether the candidate is the pronoun's
gold entity (the gold entity most of the candidate's name mentions align to). A
logistic model (one weight per feature, L2-regularised, full-batch L-BFGS, one torch
thread) learns to score them; the best-scoring candidate is the antecedent.
Training runs in ``--rounds`` rounds (default 2): in the first, the earlier pronouns
of a chain are resolved by the recency rule while the decisions are collected; in
each later one, by the previous round's model, as at run time. Scored on
``gum/dev``: the share of decisions whose gold antecedent is among the candidates
that pick it, against the recency rule (nearest sentence, subjects first).

    python -m geotext.training coref --data /work/shared/data/coref/gum \\
        --out /tmp/coref --seed 13 --cache /work/cache/gum

The documents are annotated with ``--backend`` (default stanza; pass ``--cache`` to
reuse annotations as pickled documents, the layout ``benchmarks/coref.py`` writes).
"""

from __future__ import annotations

import argparse
import datetime
import pickle
from collections import Counter
from pathlib import Path

from geotext.model import Document
from geotext.training._gum import GoldDocument, GoldMention, read_corpus

__all__ = ["add_arguments", "examples", "run"]

_NAME_KINDS = frozenset({"name", "alias", "abbreviation", "metonym"})
Example = tuple[list[list[float]], list[int]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``coref`` command."""
    parser.add_argument("--data", type=Path, required=True, help="the gum directory (train/, dev/)")
    parser.add_argument("--out", type=Path, required=True, help="directory for coref_ranker.pt")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--backend", default="stanza", choices=("stanza", "rules"))
    parser.add_argument("--cache", type=Path, default=None, help="annotated documents (pickles) to reuse")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument(
        "--rounds", type=int, default=2, help="training rounds (later rounds: chains made by the last ranker)"
    )


def _documents(gold: list[GoldDocument], backend: str, cache: Path | None, split: str) -> list[Document]:
    from geotext.backends import annotate

    out = []
    for g in gold:
        path = cache / backend / split / f"{g.name}.pkl" if cache else None
        if path is not None and path.exists():
            with path.open("rb") as fh:
                out.append(pickle.load(fh))
            continue
        doc = annotate([g.text], backend=backend)[0]
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                pickle.dump(doc, fh)
        out.append(doc)
    return out


def _align(gold: GoldDocument, start: int, end: int) -> GoldMention | None:
    best = None
    for m in gold.mentions:
        if m.start > start:
            break
        if m.end >= end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


def examples(gold: GoldDocument, doc: Document, weights: list[float] | None = None) -> list[Example]:
    """The ranking decisions of one document: (feature rows, labels) per pronoun.

    Earlier decisions feed later ones (chains); they are made by the recency rule,
    or with ``weights`` by that ranker, as at run time.
    """
    from geotext.actors.ranking import Ranker
    from geotext.actors.resolve import run_passes
    from geotext.quotes import drafts, sites

    decisions: list[tuple[int, list[tuple[str, list[float]]]]] = []
    model = Ranker(weights) if weights is not None else None

    def collect(k: int, rows: list[tuple[str, list[float]]]) -> int | None:
        decisions.append((k, rows))
        if model is None:
            return None
        return max(range(len(rows)), key=lambda n: model.probability(rows[n][1]))

    ctx, _ = run_passes(doc, collect=collect, quotes=sites(drafts(doc)))
    votes: dict[str, Counter[int]] = {}
    for work in ctx.mentions:
        if work.kind in _NAME_KINDS:
            g = _align(gold, work.start, work.end)
            if g is not None:
                votes.setdefault(work.actor, Counter())[g.entity] += 1
    entity_of = {a: c.most_common(1)[0][0] for a, c in votes.items()}
    pronouns = {(m.start, m.end): m for m in gold.mentions if m.cls == "pronoun"}
    out = []
    for k, rows in decisions:
        tok = ctx.toks[k]
        m = pronouns.get((tok.start, tok.end))
        if m is None:
            continue
        labels = [int(entity_of.get(actor) == m.entity) for actor, _ in rows]
        if any(labels):
            out.append(([x for _, x in rows], labels))
    return out


def _accuracy(decisions: list[Example], weights: list[float] | None) -> float:
    """Share of decisions whose best candidate is a gold one (``None``: the recency
    rule, i.e. the candidate the collecting run chose first by its rule order)."""
    from geotext.actors.ranking import FEATURES, Ranker

    if not decisions:
        return 0.0
    model = Ranker(weights) if weights is not None else None
    rank = FEATURES.index("recency_rank")
    dist = [FEATURES.index(f) for f in ("same_sentence", "previous_sentence", "two_back", "further_back")]
    subject = FEATURES.index("last_is_subject")
    ok = 0
    for rows, labels in decisions:
        if model is not None:
            best = max(range(len(rows)), key=lambda n: model.probability(rows[n]))
        else:

            def rule(n: int, rows: list[list[float]] = rows) -> tuple[int, float, float]:
                d = next(i for i, f in enumerate(dist) if rows[n][f])
                return d, -rows[n][subject], rows[n][rank]

            best = min(range(len(rows)), key=rule)
        ok += labels[best]
    return ok / len(decisions)


def _fit(train: list[Example], l2: float) -> list[float]:
    """Logistic weights over the (pronoun, candidate) pairs of ``train``."""
    import torch

    from geotext.actors.ranking import FEATURES

    x = torch.tensor([row for rows, _ in train for row in rows], dtype=torch.float64)
    y = torch.tensor([lab for _, labels in train for lab in labels], dtype=torch.float64)
    w = torch.zeros(len(FEATURES), dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS([w], max_iter=500, line_search_fn="strong_wolfe")

    def closure() -> float:
        optimiser.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(x @ w, y) + l2 * (w[1:] ** 2).sum()
        loss.backward()  # type: ignore[no-untyped-call]
        return float(loss.detach())

    optimiser.step(closure)  # type: ignore[no-untyped-call]
    return [float(v) for v in w.detach().tolist()]


def run(args: argparse.Namespace) -> int:
    """Train, score on dev, write ``coref_ranker.pt``; return 0."""
    import torch

    from geotext.actors.ranking import FEATURES
    from geotext.learn import save_weights

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    gold = {split: read_corpus(args.data / split) for split in ("train", "dev")}
    docs = {split: _documents(gold[split], args.backend, args.cache, split) for split in gold}
    weights: list[float] | None = None
    data: dict[str, list[Example]] = {}
    for round_ in range(1, args.rounds + 1):
        # round 1: earlier decisions of a chain by the recency rule; later rounds: by
        # the previous round's ranker, as at run time
        for split in ("train", "dev"):
            pairs = zip(gold[split], docs[split], strict=True)
            data[split] = [e for g, d in pairs for e in examples(g, d, weights)]
            print(
                f"round {round_}, {split}: {len(gold[split])} documents, {len(data[split])} pronoun decisions"
            )
        weights = _fit(data["train"], args.l2)
    assert weights is not None, "--rounds must be at least 1"
    scores = {
        "train_top1": round(_accuracy(data["train"], weights), 4),
        "dev_top1": round(_accuracy(data["dev"], weights), 4),
        "dev_top1_recency_rule": round(_accuracy(data["dev"], None), 4),
    }
    meta = {
        "model": "coref_ranker",
        "features": list(FEATURES),
        "data": "GUM coreference layer (amir-zeldes/gum 72ce5ac), gum/train; scored on gum/dev",
        "backend": args.backend,
        "settings": {
            "seed": args.seed,
            "l2": args.l2,
            "rounds": args.rounds,
            "optimiser": "LBFGS strong-wolfe, 500 iterations",
        },
        "examples": {
            "train_decisions": len(data["train"]),
            "train_pairs": sum(len(labels) for _, labels in data["train"]),
            "dev_decisions": len(data["dev"]),
        },
        "scores": scores,
        "date": datetime.date.today().isoformat(),
    }
    tensor = torch.tensor(weights, dtype=torch.float32)
    path = save_weights(args.out / "coref_ranker.pt", {"weight": tensor}, meta)
    print(f"scores: {scores}")
    print("weights: " + ", ".join(f"{n}={v:+.2f}" for n, v in zip(FEATURES, weights, strict=True)))
    print(f"written {path}")
    return 0
