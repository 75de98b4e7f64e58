"""Train the hedge disambiguator (hedge_disambiguator): cue model and sentence model.

Two L2-regularised logistic models over sparse binary features
(:func:`geotext.hedges.disambiguate.cue_features` and
:func:`~geotext.hedges.disambiguate.sentence_features`), fitted full-batch with
L-BFGS on one torch thread:

* cue model: every speculation candidate the lexicon finds in the BioScope abstracts
  (``detect(doc, learned=False)``), labelled by whether it overlaps a gold
  speculation cue;
* sentence model: every CoNLL-2010 Wikipedia row, labelled by its ``uncertain`` flag
  (a row the backend splits into several sentences is one example over the union of
  their features).

Splits (see :func:`split`): BioScope abstracts, the last 10% of lines held out, the
10% before them dev; Wikipedia, every tenth line (line number ending in 9, 0-based)
held out and every line ending in 8 dev: the file lists its certain sentences
first, so its last lines are all uncertain and would measure recall only. The L2
weight and the decision threshold are chosen on dev; the final model is refitted on
train + dev and scored once on the held-out part.

    python -m geotext.training hedges --data /work/shared/data/hedges --out DIR \\
        --seed 13 --cache /work/cache/i13-hedges

Annotations are cached as the pickles ``benchmarks/hedges.py --cache`` writes.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import pickle
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from geotext.hedges._sentence_rnn import Token
from geotext.model import Document

if TYPE_CHECKING:
    import torch

    from geotext.hedges._sentence_rnn import SentenceRnn
    from geotext.hedges.disambiguate import _Linear

_T = TypeVar("_T")

__all__ = ["add_arguments", "annotated", "read_rows", "run", "split"]

Split = Literal["train", "dev", "test"]
_L2_GRID = (1e-4, 3e-4, 1e-3, 3e-3)
_MIX_GRID = (0.25, 0.5, 0.75, 1.0)
"""Weights of the logistic model in the sentence probability tried on dev (the BiLSTM
has the rest; 1: the logistic model alone)."""
_THRESHOLDS = [t / 100 for t in range(10, 91, 2)]
_RNN: dict[str, float] = {
    "dim": 50,
    "tag_dim": 16,
    "hidden": 64,
    "dropout": 0.5,
    "lr": 2e-3,
    "batch": 32,
    "clip": 5.0,
    "max_epochs": 10,
}
"""The sentence BiLSTM's sizes and training settings (word embeddings trained from
scratch on the training rows' forms seen at least twice)."""
_MIN_COUNT = 2
_MIN_SUPPORT = 10


def split(corpus: str, index: int, size: int) -> Split:
    """The part of ``corpus`` (``wikipedia`` or ``bioscope``) row ``index`` of ``size`` is in.

    Example:
        >>> split("wikipedia", 19, 100), split("wikipedia", 18, 100), split("bioscope", 95, 100)
        ('test', 'dev', 'test')
    """
    if corpus == "wikipedia":
        return "test" if index % 10 == 9 else "dev" if index % 10 == 8 else "train"
    if index >= size - size // 10:
        return "test"
    return "dev" if index >= size - 2 * (size // 10) else "train"


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def annotated(
    texts: Sequence[str], backend: str, cache: Path | Sequence[Path] | None, batch: int = 32
) -> list[Document]:
    """Annotate ``texts`` in batches; with ``cache``, reuse the pickle of the same texts.

    The cache key covers the backend and the exact texts (the layout of
    ``benchmarks/hedges.py --cache``). With several directories the first one holding
    the pickle is read, and a new pickle is written to the first directory.
    """
    from geotext.backends import annotate

    dirs = [] if cache is None else [cache] if isinstance(cache, Path) else list(cache)
    path = None
    if dirs:
        digest = hashlib.sha256("\x00".join([backend, *texts]).encode("utf-8")).hexdigest()[:20]
        name = f"hedges-{backend}-{digest}.pickle"
        for d in dirs:
            if (d / name).is_file():
                with (d / name).open("rb") as fh:
                    cached: list[Document] = pickle.load(fh)
                return cached
        path = dirs[0] / name
    docs: list[Document] = []
    for i in range(0, len(texts), batch):
        docs.extend(annotate(list(texts[i : i + batch]), backend=backend))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            pickle.dump(docs, fh)
    return docs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``hedges`` command."""
    parser.add_argument("--data", type=Path, required=True, help="directory with the two .jsonl files")
    parser.add_argument("--out", type=Path, required=True, help="directory for hedge_disambiguator.pt")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--backend",
        default="stanza",
        choices=("stanza", "rules", "both"),
        help="annotations to train on; both: the rules and the stanza annotations of every row "
        "(only with --features shared)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        action="append",
        default=None,
        help="directory of annotated documents (pickles) to reuse; repeat to read several "
        "(new pickles go to the first)",
    )
    parser.add_argument(
        "--features",
        default="shared",
        choices=("shared", "full"),
        help="shared: only features every backend computes alike (default); full: the backend's own "
        "lemmas, POS and parse",
    )
    parser.add_argument(
        "--sentence",
        default="logistic",
        choices=("logistic", "mixed"),
        help="sentence model: the logistic model alone (default, the shipped file), or mixed with a "
        "BiLSTM over words, POS and cue tags (epochs, weight and threshold chosen on dev; not shipped, "
        "see the model card)",
    )
    parser.add_argument(
        "--sentence-features",
        default="words",
        choices=("words", "words+tags"),
        help="logistic sentence features: word n-grams and candidates (default), or with lemma and POS "
        "n-grams too",
    )
    parser.add_argument(
        "--dev-only",
        action="store_true",
        help="choose on dev and write the model fitted on train alone (to score on dev with "
        "benchmarks/hedges.py --model); the held-out part is not read",
    )


Examples = list[tuple[list[str], int]]


def _cue_examples(rows: list[dict[str, Any]], docs: list[Document], shared: bool) -> dict[str, Examples]:
    from geotext.hedges import detect
    from geotext.hedges.disambiguate import _decides, cue_features

    out: dict[str, Examples] = {"train": [], "dev": [], "test": []}
    for i, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        gold = [p for g in row["cues"] if g["type"] == "speculation" for p in g["parts"]]
        part = split("bioscope", i, len(rows))
        for h in detect(doc, learned=False):
            if not _decides(h):
                continue
            label = int(any(c.start < ge and gs < c.end for c in h.cue for gs, ge in gold))
            out[part].append((cue_features(doc, h, shared=shared), label))
    return out


Sequences = list[tuple[list[Token], int]]


def _sentence_examples(
    rows: list[dict[str, Any]], docs: list[Document], shared: bool, cue: _Linear, tag_ngrams: bool = False
) -> tuple[dict[str, Examples], dict[str, Sequences]]:
    """Per part: each row's logistic features (the union over the row's sentences) and
    its words as the BiLSTM reads them (the row's sentences one after another), with
    ``cue`` (the cue model just fitted) marking the candidates it keeps or rejects."""
    from geotext.hedges import detect
    from geotext.hedges.disambiguate import _sentence_tokens, sentence_features

    out: dict[str, Examples] = {"train": [], "dev": [], "test": []}
    seqs: dict[str, Sequences] = {"train": [], "dev": [], "test": []}
    for i, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        hedges = detect(doc, learned=False)
        feats: set[str] = set()
        tokens: list[Token] = []
        for s in doc.sentences:
            mine = [h for h in hedges if h.sentence == s.index]
            feats.update(sentence_features(doc, s, mine, shared=shared, tag_ngrams=tag_ngrams))
            tokens += _sentence_tokens(doc, s, mine, cue, shared)
        part = split("wikipedia", i, len(rows))
        label = int(bool(row["uncertain"]))
        out[part].append((sorted(feats), label))
        seqs[part].append((tokens, label))
    return out, seqs


def _merge(parts: Sequence[dict[str, list[_T]]]) -> dict[str, list[_T]]:
    """The examples of each part, from every backend's annotations, concatenated."""
    return {k: [e for p in parts for e in p[k]] for k in ("train", "dev", "test")}


def _matrix(examples: Examples, index: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    import torch

    rows: list[int] = []
    cols: list[int] = []
    for r, (feats, _) in enumerate(examples):
        for f in set(feats):
            c = index.get(f)
            if c is not None:
                rows.append(r)
                cols.append(c)
    x = torch.sparse_coo_tensor(
        torch.tensor([rows, cols], dtype=torch.long),
        torch.ones(len(rows), dtype=torch.float64),
        (len(examples), len(index)),
        check_invariants=True,
    ).coalesce()
    y = torch.tensor([lab for _, lab in examples], dtype=torch.float64)
    return x, y


def _fit(examples: Examples, l2: float, min_count: int = _MIN_COUNT) -> tuple[list[str], list[float]]:
    """Vocabulary (features seen at least twice) and weights of one logistic model.

    Each binary feature is scaled by its naive-Bayes log-count ratio before the
    logistic fit (NBSVM, Wang & Manning 2012): with few examples per n-gram this
    regularises rare features toward their class ratio. The stored weight is the
    product, so the model is still one weight per feature.
    """
    import torch

    counts = Counter(f for feats, _ in examples for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    index = {f: i for i, f in enumerate(vocab)}
    pos = Counter(f for feats, y in examples if y for f in set(feats))
    n_pos = sum(y for _, y in examples)
    n_neg = len(examples) - n_pos
    ratio = torch.tensor(
        [
            1.0
            if f == "bias"
            else math.log((pos[f] + 1) / (n_pos + 1)) - math.log((counts[f] - pos[f] + 1) / (n_neg + 1))
            for f in vocab
        ],
        dtype=torch.float64,
    )
    x, y = _matrix(examples, index)
    w = torch.zeros(len(vocab), dtype=torch.float64, requires_grad=True)
    penalty = torch.ones(len(vocab), dtype=torch.float64)
    penalty[index["bias"]] = 0.0
    optimiser = torch.optim.LBFGS([w], max_iter=300, line_search_fn="strong_wolfe")

    def closure() -> float:
        optimiser.zero_grad()
        z = torch.sparse.mm(x, (w * ratio).unsqueeze(1)).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y) + l2 * (penalty * w * w).sum()
        loss.backward()  # type: ignore[no-untyped-call]
        return float(loss.detach())

    optimiser.step(closure)  # type: ignore[no-untyped-call]
    return vocab, [round(v, 5) for v in (w * ratio).detach().tolist()]


def _probabilities(examples: Examples, vocab: list[str], weights: list[float]) -> list[float]:
    from geotext.hedges.disambiguate import _Linear

    model = _Linear(vocab, weights, 0.5)
    return [model.probability(feats) for feats, _ in examples]


def _f1(probs: list[float], labels: list[int], threshold: float, missed: int = 0) -> float:
    """F1 of the positive class; ``missed`` gold positives no example stands for."""
    tp = sum(p >= threshold and y for p, y in zip(probs, labels, strict=True))
    fp = sum(p >= threshold and not y for p, y in zip(probs, labels, strict=True))
    fn = sum(p < threshold and y for p, y in zip(probs, labels, strict=True)) + missed
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _train(
    name: str, data: dict[str, Examples], missed: dict[str, int], dev_only: bool, copies: int = 1
) -> dict[str, Any]:
    """Choose L2 and threshold on dev, refit on train + dev, score on test (with
    ``dev_only``: keep the fit on train alone and leave test unread). ``copies``: how
    many backends' annotations of each row the examples hold; a feature must be seen in
    ``_MIN_COUNT`` rows, not twice in one row's two annotations."""
    thresholds = _THRESHOLDS
    best = (-1.0, 0.0, 0.5)
    labels = {k: [y for _, y in v] for k, v in data.items()}
    for l2 in _L2_GRID:
        vocab, weights = _fit(data["train"], l2, _MIN_COUNT * copies)
        probs = _probabilities(data["dev"], vocab, weights)
        f, t = max((_f1(probs, labels["dev"], t, missed["dev"]), t) for t in thresholds)
        print(f"  {name}: l2 {l2:g}: dev F1 {100 * f:.1f} at threshold {t:.2f}")
        if f > best[0]:
            best = (f, l2, t)
    dev_f1, l2, threshold = best
    if dev_only:
        vocab, weights = _fit(data["train"], l2, _MIN_COUNT * copies)
        print(
            f"  {name}: chosen l2 {l2:g}, threshold {threshold:.2f}; dev F1 {100 * dev_f1:.1f} (fitted on train)"
        )
        return {
            "vocab": vocab,
            "weights": weights,
            "threshold": threshold,
            "l2": l2,
            "examples": {k: len(v) for k, v in data.items() if k != "test"},
            "scores": {"dev_f1": round(100 * dev_f1, 2)},
        }
    vocab, weights = _fit(data["train"] + data["dev"], l2, _MIN_COUNT * copies)
    probs = _probabilities(data["test"], vocab, weights)
    test_f1 = _f1(probs, labels["test"], threshold, missed["test"])
    keep_all = _f1([1.0] * len(labels["test"]), labels["test"], 0.5, missed["test"])
    print(
        f"  {name}: chosen l2 {l2:g}, threshold {threshold:.2f}; dev F1 {100 * dev_f1:.1f}; "
        f"held-out F1 {100 * test_f1:.1f} (every candidate kept / every row uncertain: {100 * keep_all:.1f})"
    )
    return {
        "vocab": vocab,
        "weights": weights,
        "threshold": threshold,
        "l2": l2,
        "examples": {k: len(v) for k, v in data.items()},
        "scores": {
            "dev_f1": round(100 * dev_f1, 2),
            "test_f1": round(100 * test_f1, 2),
            "test_f1_all_positive": round(100 * keep_all, 2),
        },
    }


def _rnn_vocab(seqs: Sequences, min_count: int) -> dict[str, list[str]]:
    """The BiLSTM's vocabularies: forms seen ``min_count`` times, every POS and tag."""
    forms = Counter(f for toks, _ in seqs for f, _, _ in toks)
    return {
        "words": sorted(f for f, n in forms.items() if n >= min_count and "\n" not in f),
        "upos": sorted({p for toks, _ in seqs for _, p, _ in toks}),
        "tags": sorted({t for toks, _ in seqs for _, _, t in toks}),
    }


def _fit_rnn(
    seqs: Sequences,
    epochs: int,
    seed: int,
    min_count: int,
    on_epoch: Callable[[int, SentenceRnn], None] | None = None,
) -> SentenceRnn:
    """Train the sentence BiLSTM on ``seqs`` for ``epochs`` (Adam, shuffled mini-batches,
    seeded); ``on_epoch(epoch, model)`` is called after each epoch. The weights end
    rounded to float16, as the model file stores them."""
    import random

    import torch

    from geotext.hedges._sentence_rnn import SentenceRnn, build_network

    vocab = _rnn_vocab(seqs, min_count)
    torch.manual_seed(seed)
    net = build_network({k: len(v) + 2 for k, v in vocab.items()}, _RNN)
    rnn = SentenceRnn(net, vocab)
    optimiser = torch.optim.Adam(net.parameters(), lr=float(_RNN["lr"]))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    order = list(range(len(seqs)))
    rng = random.Random(seed)
    batch = int(_RNN["batch"])
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        for i in range(0, len(order), batch):
            part = [seqs[j] for j in order[i : i + batch]]
            optimiser.zero_grad()
            y = torch.tensor([float(lab) for _, lab in part])
            loss = loss_fn(rnn.logits([t for t, _ in part], train=True), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), float(_RNN["clip"]))
            optimiser.step()
        if on_epoch is not None:
            on_epoch(epoch, rnn)
    with torch.no_grad():
        for param in net.parameters():
            param.copy_(param.half().float())
    net.eval()
    return rnn


def _train_sentence(
    data: dict[str, Examples], seqs: dict[str, Sequences], dev_only: bool, seed: int, copies: int = 1
) -> dict[str, Any]:
    """The sentence model: the logistic model (L2 chosen on dev as in :func:`_train`) and
    the BiLSTM, fitted on train; the BiLSTM's epochs, the mixing weight of the two
    probabilities and the threshold chosen together on dev; then both refitted on
    train + dev (the BiLSTM for the chosen epochs, same seed) and scored once on test
    (with ``dev_only``: the fits on train alone, test unread). A mixing weight of 1
    (the logistic model alone) ships no BiLSTM."""
    import copy

    lr_part = _train("sentence (logistic)", data, {"train": 0, "dev": 0, "test": 0}, True, copies)
    l2 = float(lr_part["l2"])
    lr_dev = _probabilities(data["dev"], lr_part["vocab"], lr_part["weights"])
    dev_labels = [y for _, y in seqs["dev"]]
    best: dict[str, Any] = {"f1": -1.0}

    def score(epoch: int, rnn: SentenceRnn) -> None:
        q = rnn.probabilities([t for t, _ in seqs["dev"]])
        line = []
        for mix in _MIX_GRID:
            probs = [mix * a + (1 - mix) * b for a, b in zip(lr_dev, q, strict=True)]
            f, t = max((_f1(probs, dev_labels, t), t) for t in _THRESHOLDS)
            line.append(f"mix {mix:g}: {100 * f:.1f}@{t:.2f}")
            if f > best["f1"]:
                best.update(
                    f1=f, epoch=epoch, mix=mix, threshold=t, state=copy.deepcopy(rnn.net.state_dict())
                )
        print(f"  sentence (BiLSTM): epoch {epoch}: dev F1 {', '.join(line)}", flush=True)

    min_count = _MIN_COUNT * copies
    rnn = _fit_rnn(seqs["train"], int(_RNN["max_epochs"]), seed, min_count, score)
    epoch, mix, threshold, dev_f1 = (
        int(best["epoch"]),
        float(best["mix"]),
        float(best["threshold"]),
        best["f1"],
    )
    print(
        f"  sentence: chosen l2 {l2:g}, BiLSTM epochs {epoch}, logistic weight {mix:g}, threshold "
        f"{threshold:.2f}; dev F1 {100 * dev_f1:.1f} (logistic alone {lr_part['scores']['dev_f1']:.1f})"
    )
    out: dict[str, Any] = {"l2": l2, "threshold": threshold, "mix": mix, "epochs": epoch}
    if dev_only:
        rnn.net.load_state_dict(best["state"])
        import torch

        with torch.no_grad():
            for param in rnn.net.parameters():
                param.copy_(param.half().float())
        out.update(
            vocab=lr_part["vocab"],
            weights=lr_part["weights"],
            rnn=rnn if mix < 1.0 else None,
            examples={k: len(v) for k, v in data.items() if k != "test"},
            scores={"dev_f1": round(100 * dev_f1, 2), "dev_f1_logistic": lr_part["scores"]["dev_f1"]},
        )
        return out
    vocab, weights = _fit(data["train"] + data["dev"], l2, min_count)
    full = _fit_rnn(seqs["train"] + seqs["dev"], epoch, seed, min_count) if mix < 1.0 else None
    lr_test = _probabilities(data["test"], vocab, weights)
    q = full.probabilities([t for t, _ in seqs["test"]]) if full is not None else lr_test
    labels = [y for _, y in seqs["test"]]
    test_f1 = _f1([mix * a + (1 - mix) * b for a, b in zip(lr_test, q, strict=True)], labels, threshold)
    print(f"  sentence: held-out F1 {100 * test_f1:.1f} (scored once, after the choice)")
    out.update(
        vocab=vocab,
        weights=weights,
        rnn=full,
        examples={k: len(v) for k, v in data.items()},
        scores={
            "dev_f1": round(100 * dev_f1, 2),
            "dev_f1_logistic": lr_part["scores"]["dev_f1"],
            "test_f1": round(100 * test_f1, 2),
        },
    )
    return out


def run(args: argparse.Namespace) -> int:
    """Annotate (or read the cache), train both models, write ``hedge_disambiguator.pt``."""
    import torch

    from geotext.learn import save_weights

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    started = time.perf_counter()
    shared = args.features == "shared"
    wiki_rows = read_rows(args.data / "wikiweasel_train.jsonl")
    bio_rows = read_rows(args.data / "bioscope_abstracts.jsonl")
    backends = ("rules", "stanza") if args.backend == "both" else (args.backend,)
    if len(backends) > 1 and not shared:
        raise SystemExit("--backend both needs --features shared: one model reads both backends' documents")
    bio_texts = [str(r["text"]) for r in bio_rows]
    cue_data = _merge(
        [_cue_examples(bio_rows, annotated(bio_texts, b, args.cache), shared) for b in backends]
    )
    # Gold speculation cues of each part, so the cue model's F1 counts the cues no
    # lexicon candidate reaches (the benchmark's matching is one-to-one by overlap).
    gold = {k: 0 for k in ("train", "dev", "test")}
    for i, r in enumerate(bio_rows):
        gold[split("bioscope", i, len(bio_rows))] += len(backends) * sum(
            g["type"] == "speculation" for g in r["cues"]
        )
    missed = {k: max(0, gold[k] - sum(y for _, y in v)) for k, v in cue_data.items()}
    print(f"cue model: candidates { ({k: len(v) for k, v in cue_data.items()}) }, gold cues {gold}")
    cue = _train("cue", cue_data, missed, args.dev_only, len(backends))
    # Per entry: [negative, positive] training candidates. The model decides only for
    # entries it saw used both ways; an entry BioScope never marks is a convention of
    # that corpus, not an ambiguity the model learned to resolve.
    support: dict[str, list[int]] = {}
    for feats, y in cue_data["train"] + ([] if args.dev_only else cue_data["dev"]):
        rule = next((f[5:] for f in feats if f.startswith("rule=")), "")
        support.setdefault(rule, [0, 0])[y] += 1
    # With both backends every occurrence counts once per backend: the mean.
    support = {k: [n // len(backends) for n in v] for k, v in support.items()}
    from geotext.hedges.disambiguate import _Linear
    from geotext.learn.weights import string_table as blob

    cue_model = _Linear(cue["vocab"], cue["weights"], float(cue["threshold"]))
    wiki_texts = [str(r["text"]) for r in wiki_rows]
    tag_ngrams = args.sentence_features == "words+tags"
    examples = [
        _sentence_examples(wiki_rows, annotated(wiki_texts, b, args.cache), shared, cue_model, tag_ngrams)
        for b in backends
    ]
    sent_data = _merge([e[0] for e in examples])
    sent_seqs = _merge([e[1] for e in examples])
    print(f"sentence model: rows { ({k: len(v) for k, v in sent_data.items()}) }")
    rnn: SentenceRnn | None = None
    if args.sentence == "mixed":
        sent = _train_sentence(sent_data, sent_seqs, args.dev_only, args.seed, len(backends))
        rnn = sent["rnn"]
    else:
        sent = _train("sentence", sent_data, {"train": 0, "dev": 0, "test": 0}, args.dev_only, len(backends))
    meta = {
        "model": "hedge_disambiguator",
        "data": {
            "cue": "BioScope abstracts (bioscope_abstracts.jsonl), speculation cues; held out: last 10% of lines",
            "sentence": "CoNLL-2010 Wikipedia (wikiweasel_train.jsonl); held out: lines with index % 10 == 9",
        },
        "backend": args.backend,
        "features": args.features,
        "fitted_on": "train" if args.dev_only else "train+dev",
        "settings": {
            "seed": args.seed,
            "optimiser": "LBFGS strong-wolfe, 300 iterations, full batch",
            "feature_scaling": "naive-Bayes log-count ratio (NBSVM), add-one smoothing",
            "l2_grid": list(_L2_GRID),
            "min_feature_count": _MIN_COUNT,
        },
        "cue": {
            "threshold": cue["threshold"],
            "l2": cue["l2"],
            "support": {k: n for k, n in sorted(support.items()) if k},  # [negative, positive]
            "min_support": _MIN_SUPPORT,
            "examples": cue["examples"],
            "scores": cue["scores"],
        },
        "sentence": {
            "threshold": sent["threshold"],
            "l2": sent["l2"],
            "features": args.sentence_features,
            "mix": sent["mix"] if rnn is not None else 1.0,
            "examples": sent["examples"],
            "scores": sent["scores"],
            **({"rnn": {**_RNN, "epochs": sent["epochs"], "seed": args.seed}} if rnn is not None else {}),
        },
        "date": datetime.date.today().isoformat(),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    tensors = {
        "cue.weight": torch.tensor(cue["weights"], dtype=torch.float32),
        "cue.vocab": blob(cue["vocab"]),
        "sentence.weight": torch.tensor(sent["weights"], dtype=torch.float32),
        "sentence.vocab": blob(sent["vocab"]),
    }
    if rnn is not None:
        # Vocabularies as UTF-8 blobs, the network in float16 (it was rounded so in training).
        vocab = {k: [s for s, _ in sorted(v.items(), key=lambda kv: kv[1])] for k, v in rnn.index.items()}
        tensors.update({f"sentence_rnn.{k}": blob(v) for k, v in vocab.items()})
        tensors.update({f"sentence_rnn.net.{k}": v.half() for k, v in rnn.net.state_dict().items()})
    path = save_weights(args.out / "hedge_disambiguator.pt", tensors, meta)
    print(f"written {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0
