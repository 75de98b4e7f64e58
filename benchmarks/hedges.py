"""Hedge and negation detection scored on CoNLL-2010 Wikipedia and BioScope.

Usage::

    GEOTEXT_STANZA_DIR=../shared/stanza_resources python benchmarks/hedges.py \
        [--backend stanza|rules] [--limit N] [--data ../shared/data/hedges] \
        [--part test|dev|all] [--cache DIR] [--model FILE]

Figures are on the held-out part by default (``--part test``), the split of
:func:`geotext.training.hedges.split` that the hedge disambiguator never saw: the
BioScope abstracts' last 10% of lines, and the Wikipedia lines whose 0-based index
ends in 9 (the file lists its certain sentences first, so its last lines would all
be uncertain).

Reads the files of ``../shared/data/hedges`` in place (see the README there) and
prints, beside the best published results:

* Wikipedia weasel sentences (CoNLL-2010 Task 1, ``wikiweasel_train.jsonl``):
  precision/recall/F1 of the "uncertain" class. The corpus's "uncertain" mixes three
  discourse-level classes (Vincze 2013): hedges, weasels (vague source or quantity)
  and peacocks (unattributed puffery). A sentence is predicted uncertain when one of
  its :func:`geotext.hedges.claims` is not plainly ``certain`` or ``negated`` (the
  hedges), or when it holds an author's ``weasel`` or ``peacock`` cue. The two parts
  are also reported separately (published best, on the official test set: F1 60.2).
* BioScope abstracts (``bioscope_abstracts.jsonl``): sentence-level uncertain F1
  (published best, CoNLL-2010 Task 1 biomedical: 86.4); cue-level P/R/F1 for
  speculation and negation cues (a predicted cue matches a gold cue of the same type
  when their characters overlap; exact matches reported too); scope-level token
  overlap F1 over word tokens; and CoNLL-2010 Task 2 style cue+scope F1, where both
  the cue and the scope's boundaries must match (published best: 57.3).
  Speculation = our ``hedge``, ``estimative``, ``evidential`` and ``attribution``
  cues and tentative reporting verbs; negation = ``negation`` cues.
* The learned path (:mod:`geotext.hedges.disambiguate`) beside the lexicon alone:
  Wikipedia sentences by the sentence model (:func:`geotext.hedges.uncertainty`),
  BioScope cues and scopes with and without the cue model (``detect(doc,
  learned=False)``).
* Throughput: hedge detection alone, in cues/second and words/second, on one large
  text made of the corpora's sentences (annotation time reported separately).

The lexicons were written from the literature (see each YAML header), not fitted to
these files: the figures measure how well that transfers to other domains.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from geotext.hedges import Hedge
    from geotext.model import Document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "hedges"
SPECULATION = frozenset({"hedge", "estimative", "evidential", "attribution"})
# Discourse-level uncertainty that does not change a claim's certainty (Vincze 2013).
DISCOURSE = frozenset({"weasel", "peacock"})
_WORD = regex.compile(r"\w+")

PUBLISHED = {
    "wiki_sentence_f1": 60.2,
    "bio_sentence_f1": 86.4,
    "cue_scope_f1": 57.3,
}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


PART = "test"
"""Which part of each file to score (``--part``): ``test`` (held out), ``dev`` or ``all``."""

CACHE: Path | None = None
"""Directory for pickled annotated documents (``--cache``), or ``None``."""


def _read(path: Path, limit: int | None, corpus: str) -> tuple[list[dict[str, Any]], list[Document] | None]:
    """The rows of ``--part`` of a JSON-lines file, and their documents when the whole
    file's annotation is cached; with ``limit``, that many rows spread evenly."""
    from geotext.training.hedges import read_rows, split

    rows = read_rows(path)
    docs = None
    if CACHE is not None and limit is None:
        docs = _annotate([str(r["text"]) for r in rows], BACKEND, BATCH)
    keep = [i for i in range(len(rows)) if PART == "all" or split(corpus, i, len(rows)) == PART]
    if limit is not None and limit < len(keep):
        keep = [keep[i * len(keep) // limit] for i in range(limit)]
    return [rows[i] for i in keep], [docs[i] for i in keep] if docs is not None else None


BACKEND = "stanza"
BATCH = 32


def _annotate(texts: Sequence[str], backend: str, batch: int) -> list[Document]:
    """Annotate in batches; with ``--cache``, reuse documents annotated before (the
    cache key covers the backend and the exact texts, so edited data re-annotates)."""
    from geotext.training.hedges import annotated

    return annotated(texts, backend, CACHE, batch)


def _speculative(h: Hedge) -> bool:
    return h.category in SPECULATION or (h.category == "reporting_stance" and h.stance == "tentative")


def _kind(h: Hedge) -> str | None:
    if h.category == "negation":
        return "negation"
    return "speculation" if _speculative(h) else None


def wikipedia(path: Path, backend: str, limit: int | None, batch: int) -> dict[str, float]:
    from geotext.hedges import claims, detect, uncertainty

    rows, docs = _read(path, limit, "wikipedia")
    t = time.perf_counter()
    if docs is None:
        docs = _annotate([str(r["text"]) for r in rows], backend, batch)
    annotate_s = time.perf_counter() - t
    t = time.perf_counter()
    counts = {k: [0, 0, 0] for k in ("rule", "claim", "cue", "learned")}
    for row, doc in zip(rows, docs, strict=True):
        hedges = detect(doc, learned=False)
        gold = bool(row["uncertain"])
        by_claim = any(c.certainty not in {"certain", "negated"} for c in claims(doc, hedges))
        preds = {
            "rule": by_claim or any(h.category in DISCOURSE and h.holder.kind == "author" for h in hedges),
            "claim": by_claim,
            "cue": any(_speculative(h) for h in hedges),
            "learned": any(u.uncertain for u in uncertainty(doc, hedges)),
        }
        for k, pred in preds.items():
            counts[k][0] += gold and pred
            counts[k][1] += pred and not gold
            counts[k][2] += gold and not pred
    detect_s = time.perf_counter() - t
    prf = {k: _prf(*c) for k, c in counts.items()}
    print(
        f"\nWikipedia weasel sentences, part {PART} ({len(rows)} sentences, {sum(bool(x['uncertain']) for x in rows)} uncertain)"
    )
    labels = {
        "learned": "learned sentence model (default)  ",
        "rule": "lexicon: claims + weasel/peacock  ",
        "claim": "lexicon: claim certainty only     ",
        "cue": "lexicon: any speculation cue      ",
    }
    for k, label in labels.items():
        p, r, f = prf[k]
        note = f"   (published best F1 {PUBLISHED['wiki_sentence_f1']})" if k == "learned" else ""
        print(f"  uncertain, {label} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}{note}")
    print(f"  annotate {annotate_s:.1f}s, detect+claims+uncertainty {detect_s:.1f}s")
    return {
        "wiki_p": prf["learned"][0],
        "wiki_r": prf["learned"][1],
        "wiki_f1": prf["learned"][2],
        "wiki_rule_f1": prf["rule"][2],
        "wiki_cue_f1": prf["cue"][2],
        "wiki_claim_f1": prf["claim"][2],
    }


def _tokens(text: str, ranges: Iterable[Sequence[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for s, e in ranges:
        out.update((m.start() + s, m.end() + s) for m in _WORD.finditer(text[s:e]))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Scope boundaries without surrounding spaces and punctuation."""
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def bioscope(path: Path, backend: str, limit: int | None, batch: int) -> dict[str, float]:
    rows, docs = _read(path, limit, "bioscope")
    texts = [str(r["text"]) for r in rows]
    t = time.perf_counter()
    if docs is None:
        docs = _annotate(texts, backend, batch)
    annotate_s = time.perf_counter() - t
    out: dict[str, float] = {}
    n_sent = sum(len(r["sentences"]) for r in rows)
    print(
        f"\nBioScope abstracts, part {PART} ({len(rows)} abstracts, {n_sent} sentences); annotate {annotate_s:.1f}s"
    )
    for learned in (True, False):
        print("  with the learned cue model (default):" if learned else "  lexicon alone (learned=False):")
        scores = _bioscope_scores(rows, docs, learned)
        out.update({(k if learned else f"lexicon_{k}"): v for k, v in scores.items()})
    return out


def _bioscope_scores(rows: list[dict[str, Any]], docs: list[Document], learned: bool) -> dict[str, float]:
    from geotext.hedges import detect

    counts = {
        k: {
            "tp": 0,
            "fp": 0,
            "fn": 0,
            "exact": 0,
            "stp": 0,
            "sfp": 0,
            "sfn": 0,
            "cs": 0,
            "pred": 0,
            "gold": 0,
        }
        for k in ("speculation", "negation")
    }
    sent = {"tp": 0, "fp": 0, "fn": 0}
    for row, doc in zip(rows, docs, strict=True):
        text = str(row["text"])
        gold_cues = row["cues"]
        assert isinstance(gold_cues, list)
        predicted = [(h, k) for h in detect(doc, learned=learned) if (k := _kind(h)) is not None]
        for kind, c in counts.items():
            gold = [g for g in gold_cues if g["type"] == kind]
            pred = [h for h, k in predicted if k == kind]
            c["gold"] += len(gold)
            c["pred"] += len(pred)
            used: set[int] = set()
            for h in pred:
                parts = [(p.start, p.end) for p in h.cue]
                match = next(
                    (
                        i
                        for i, g in enumerate(gold)
                        if i not in used and any(s < ge and gs < e for s, e in parts for gs, ge in g["parts"])
                    ),
                    None,
                )
                ptoks = _tokens(text, [(h.scope.start, h.scope.end)]) if h.scope else set()
                if match is None:
                    c["fp"] += 1
                    c["sfp"] += len(ptoks)
                    continue
                used.add(match)
                g = gold[match]
                c["tp"] += 1
                gparts = sorted(tuple(p) for p in g["parts"])
                c["exact"] += sorted(_trim(text, s, e) for s, e in parts) == sorted(
                    _trim(text, s, e) for s, e in gparts
                )
                gtoks = _tokens(text, g["scope"])
                c["stp"] += len(ptoks & gtoks)
                c["sfp"] += len(ptoks - gtoks)
                c["sfn"] += len(gtoks - ptoks)
                if h.scope is not None and g["scope"]:
                    gs = _trim(text, min(s for s, _ in g["scope"]), max(e for _, e in g["scope"]))
                    c["cs"] += _trim(text, h.scope.start, h.scope.end) == gs
            for i, g in enumerate(gold):
                if i not in used:
                    c["fn"] += 1
                    c["sfn"] += len(_tokens(text, g["scope"]))
        sentences = row["sentences"]
        assert isinstance(sentences, list)
        for s in sentences:
            lo, hi = int(s["start"]), int(s["end"])
            gold_unc = any(g["type"] == "speculation" and lo <= g["parts"][0][0] < hi for g in gold_cues)
            pred_unc = any(k == "speculation" and lo <= h.start < hi for h, k in predicted)
            sent["tp"] += gold_unc and pred_unc
            sent["fp"] += pred_unc and not gold_unc
            sent["fn"] += gold_unc and not pred_unc
    sp, sr, sf = _prf(sent["tp"], sent["fp"], sent["fn"])
    print(
        f"    sentence uncertain               P {sp:5.1f}  R {sr:5.1f}  F1 {sf:5.1f}   (published best F1 {PUBLISHED['bio_sentence_f1']})"
    )
    out = {"bio_sentence_f1": sf}
    for kind, c in counts.items():
        p, r, f = _prf(c["tp"], c["fp"], c["fn"])
        ep, er, ef = _prf(c["exact"], c["pred"] - c["exact"], c["gold"] - c["exact"])
        tp_, tr_, tf_ = _prf(c["stp"], c["sfp"], c["sfn"])
        cp, cr, cf = _prf(c["cs"], c["pred"] - c["cs"], c["gold"] - c["cs"])
        print(
            f"    {kind:<11} cues (overlap)        P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}   gold {c['gold']}, predicted {c['pred']}"
        )
        print(f"    {kind:<11} cues (exact)          P {ep:5.1f}  R {er:5.1f}  F1 {ef:5.1f}")
        print(f"    {kind:<11} scope tokens          P {tp_:5.1f}  R {tr_:5.1f}  F1 {tf_:5.1f}")
        note = f"   (published best F1 {PUBLISHED['cue_scope_f1']})" if kind == "speculation" else ""
        print(f"    {kind:<11} cue+scope exact       P {cp:5.1f}  R {cr:5.1f}  F1 {cf:5.1f}{note}")
        out.update(
            {
                f"{kind}_cue_f1": f,
                f"{kind}_cue_exact_f1": ef,
                f"{kind}_scope_f1": tf_,
                f"{kind}_cue_scope_f1": cf,
            }
        )
    return out


def throughput(paths: Sequence[Path], backend: str, chars: int) -> dict[str, float]:
    from geotext.hedges import detect

    pieces: list[str] = []
    size = 0
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = str(json.loads(line)["text"])
                pieces.append(text)
                size += len(text) + 2
                if size >= chars:
                    break
        if size >= chars:
            break
    big = "\n\n".join(pieces)
    t = time.perf_counter()
    (doc,) = _annotate([big], backend, 1)
    annotate_s = time.perf_counter() - t
    words = sum(len(s.words) for s in doc.sentences)
    detect(_annotate(["It may rain."], backend, 1)[0])  # load the learned models (once per process) untimed
    # One untimed pass over the text fills the per-word caches (lemmas, lexicon keys), so
    # the first timed call does not pay for them and both timings see the same state.
    detect(doc, learned=False)
    t, c = time.perf_counter(), time.process_time()
    lexicon_n = len(detect(doc, learned=False))
    lexicon_s, lexicon_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    hedges = detect(doc)
    detect_s, detect_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"\nThroughput on one {len(big):,}-character text ({words:,} words, {backend} backend)")
    print("  (annotate time is 0 when the documents came from --cache; CPU = this process's CPU time,")
    print("  less affected than wall time by other work on a shared machine)")
    print(
        f"  annotate {annotate_s:.1f}s; detect {len(hedges):,} cues in {detect_s:.2f}s wall, {detect_cpu:.2f}s CPU: "
        f"{len(hedges) / detect_s:,.0f} cues/s wall, {len(hedges) / detect_cpu:,.0f} cues/s CPU, "
        f"{words / detect_cpu:,.0f} words/s CPU"
    )
    print(
        f"  lexicon alone (learned=False): {lexicon_n:,} cues in {lexicon_s:.2f}s wall, {lexicon_cpu:.2f}s CPU: "
        f"{lexicon_n / lexicon_s:,.0f} cues/s wall, {lexicon_n / lexicon_cpu:,.0f} cues/s CPU"
    )
    return {
        "cues_per_s": len(hedges) / detect_s,
        "cues_per_cpu_s": len(hedges) / detect_cpu,
        "words_per_s": words / detect_s,
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--backend", default="stanza", choices=["stanza", "rules"])
    ap.add_argument("--limit", type=int, default=None, help="use N rows of each file, spread evenly")
    ap.add_argument(
        "--bioscope-limit", type=int, default=None, help="abstracts to use from BioScope (default: --limit)"
    )
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory holding the two .jsonl files")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--throughput-chars", type=int, default=1_000_000, help="size of the throughput text")
    ap.add_argument("--skip", nargs="*", default=[], choices=["wikipedia", "bioscope", "throughput"])
    ap.add_argument("--cache", type=Path, default=None, help="keep annotated documents here between runs")
    ap.add_argument(
        "--model",
        type=Path,
        default=None,
        help="a hedge_disambiguator.pt to score in place of the packaged one (e.g. fitted on train "
        "alone by `python -m geotext.training hedges --dev-only`, to score on --part dev)",
    )
    ap.add_argument(
        "--part",
        default="test",
        choices=["test", "dev", "all"],
        help="which part of each file (default: held out)",
    )
    args = ap.parse_args(argv)
    global CACHE, PART, BACKEND, BATCH
    CACHE, PART, BACKEND, BATCH = args.cache, args.part, args.backend, args.batch_size
    if args.model is not None:
        from geotext.hedges.disambiguate import _use_weights

        _use_weights(args.model)
    if args.backend == "stanza":
        os.environ.setdefault("GEOTEXT_STANZA_DIR", str(ROOT.parent / "shared" / "stanza_resources"))
        import torch

        torch.set_num_threads(1)  # one core: comparable figures, no oversubscription
    wiki = args.data / "wikiweasel_train.jsonl"
    bio = args.data / "bioscope_abstracts.jsonl"
    for p in (wiki, bio):
        if not p.is_file():
            print(f"missing {p}; pass --data DIR with the files described in its README", file=sys.stderr)
            return 2
    print(
        f"geotext hedges benchmark: backend={args.backend}, limit={args.limit}, bioscope limit={args.bioscope_limit or args.limit}"
        f", part={args.part}, model={args.model or 'packaged'}"
    )
    if "wikipedia" not in args.skip:
        wikipedia(wiki, args.backend, args.limit, args.batch_size)
    if "bioscope" not in args.skip:
        bioscope(bio, args.backend, args.bioscope_limit or args.limit, args.batch_size)
    if "throughput" not in args.skip:
        throughput([wiki, bio], args.backend, args.throughput_chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
