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
"""

from __future__ import annotations

import argparse
import csv
import pickle
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import geotext
from geotext.model import Document
from geotext.quotes import Quote, extract

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train"

PUBLISHED = {
    # PolNeAR test compartment, exact-match F1 (source, cue, content); README of the data.
    "rule-based baseline": (10.7, 22.8, 5.6),
    "CoreNLP quote attribution": (13.9, None, 17.5),
    "CRF": (50.6, 53.4, 28.6),
    "BERT-CRF": (82.2, 74.9, 71.0),
    "BERT-Cofe (COLING 2022)": (83.2, 75.3, 72.9),
}
PUBLISHED_JACCARD = {"BERT-Cofe (COLING 2022)": (76.4, 69.4, 73.2)}

PRONOUNS = frozenset(
    [
        "i",
        "me",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "we",
        "us",
        "they",
        "them",
        "who",
        "whom",
        "this",
        "that",
        "these",
        "those",
        "one",
        "someone",
        "everyone",
        "anyone",
        "somebody",
        "nobody",
    ]
)
QUOTE_CHARS = frozenset("\"“”„‟«»‘’‚'")
TOKEN = re.compile(r"\w+", re.UNICODE)

Spans = tuple[tuple[int, int], ...]


# --- gold ----------------------------------------------------------------------------
class GoldAttribution:
    """One gold attribution: its spans (possibly discontinuous) by role."""

    def __init__(self, source: Spans | None, cue: Spans | None, content: Spans | None) -> None:
        self.source = source
        self.cue = cue
        self.content = content


def _spans(field: str) -> Spans:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def read_ann(path: Path) -> list[GoldAttribution]:
    """Read a brat ``.ann`` file into attributions (Discuss/Discard ignored)."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        # a span's text may run over a line break: only "T<n>\t" lines are spans
        if re.match(r"T\d+\t", line):
            tid, middle, *_ = line.split("\t")
            label, _, offsets = middle.partition(" ")
            spans[tid] = (label, _spans(offsets))
        elif re.match(r"E\d+\t", line):
            _, body = line.split("\t", 1)
            roles = dict(part.split(":", 1) for part in body.split())
            events.append(roles)
    out = []
    for roles in events:
        found = {role: spans[tid][1] for role, tid in roles.items() if tid in spans}
        out.append(GoldAttribution(found.get("Source"), found.get("Cue"), found.get("Content")))
    return out


def load_corpus(data: Path, limit: int | None) -> list[tuple[str, str, str | None, list[GoldAttribution]]]:
    """Articles as ``(name, text, date, gold)``, in file-name order."""
    dates: dict[str, str] = {}
    meta = data / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                dates[row["filename"]] = row["publication_date"]
    anns: dict[str, Path] = {}
    for path in sorted((data / "attributions").glob("*.ann")):
        name = path.stem.rsplit("_", 1)[0]
        anns.setdefault(name, path)  # sorted: the lowest annotator suffix comes first
    out = []
    for path in sorted((data / "text").glob("*.txt")):
        name = path.stem
        if name not in anns:
            continue
        date = dates.get(name)
        valid = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
        out.append((name, path.read_text(encoding="utf-8"), valid, read_ann(anns[name])))
        if limit is not None and len(out) >= limit:
            break
    return out


# --- predictions ---------------------------------------------------------------------
def _quotes_for(doc: Document) -> tuple[Quote, ...]:
    """Quotes of a cached document through the public API when it takes documents."""
    public = getattr(geotext, "extract_quotes", None)
    if public is not None:
        return tuple(public(doc))
    try:
        import geotext.actors as actors_module
    except ImportError:
        return extract(doc)
    resolve = getattr(actors_module, "resolve", None)
    if not callable(resolve):  # the resolver is not installed in this checkout
        return extract(doc)
    return extract(doc, resolve(doc, date=doc.date))


def predict(
    corpus: Sequence[tuple[str, str, str | None, list[GoldAttribution]]],
    backend: str,
    batch_size: int,
    cache: Path | None,
) -> dict[str, tuple[Document, tuple[Quote, ...]]]:
    """Run geotext over the corpus (or reuse cached parses) and return quotes."""
    out: dict[str, tuple[Document, tuple[Quote, ...]]] = {}
    todo = []
    for name, text, date, _ in corpus:
        cached = cache / backend / f"{name}.pkl" if cache else None
        if cached is not None and cached.exists():
            with cached.open("rb") as fh:
                doc = pickle.load(fh)
            out[name] = (doc, _quotes_for(doc))
        else:
            todo.append((name, text, date))
    items: Iterable[tuple[str, str | None]] = ((t, d) for _, t, d in todo)
    started = time.perf_counter()
    for k, ((name, _, _), analysis) in enumerate(
        zip(todo, geotext.analyze_many(items, backend=backend, batch_size=batch_size), strict=True)
    ):
        doc = analysis.document
        quotes = tuple(q for q in analysis.quotes if isinstance(q, Quote)) or _quotes_for(doc)
        out[name] = (doc, quotes)
        if cache is not None:
            (cache / backend).mkdir(parents=True, exist_ok=True)
            with (cache / backend / f"{name}.pkl").open("wb") as fh:
                pickle.dump(doc, fh)
        if (k + 1) % 20 == 0:
            rate = (k + 1) / (time.perf_counter() - started)
            print(f"  {k + 1}/{len(todo)} articles annotated ({rate:.2f}/s)", file=sys.stderr, flush=True)
    return out


def _extend_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the quote marks (and inner trailing punctuation) around a span."""
    s = start
    while s > 0 and text[s - 1] in QUOTE_CHARS:
        s -= 1
    e = end
    while e < len(text) and text[e] in ",.?!" and e + 1 < len(text) and text[e + 1] in QUOTE_CHARS:
        e += 1
    while e < len(text) and text[e] in QUOTE_CHARS:
        e += 1
    return s, e


def parc_content(quote: Quote, text: str) -> Spans:
    """The quote's content in PolNeAR's convention (see the module docstring)."""
    spans = []
    for i, span in enumerate(quote.content):
        s, e = span.start, span.end
        if quote.kind in ("direct", "partial"):
            s, e = _extend_marks(text, s, e)
        if i == 0 and ("that-clause" in quote.evidence or "to-infinitive" in quote.evidence):
            m = re.search(r"\b(that|to)\s+$", text[max(0, s - 8) : s])
            if m:
                s = max(0, s - 8) + m.start()
        spans.append((s, e))
    return tuple(spans)


# --- scoring -------------------------------------------------------------------------
def _first_token(text: str, spans: Spans) -> tuple[int, int]:
    s = spans[0][0]
    m = TOKEN.search(text, s, spans[-1][1])
    return (m.start(), m.end()) if m else (s, s)


def _chars(spans: Spans) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _tokens(text: str, spans: Spans) -> set[int]:
    return {m.start() for s, e in spans for m in TOKEN.finditer(text, s, e)}


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


class PRF:
    """Accumulates precision and recall numerators and denominators."""

    def __init__(self) -> None:
        self.tp_p = 0.0
        self.n_p = 0
        self.tp_r = 0.0
        self.n_r = 0

    def scores(self) -> tuple[float, float, float]:
        p = self.tp_p / self.n_p if self.n_p else 0.0
        r = self.tp_r / self.n_r if self.n_r else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return 100 * p, 100 * r, 100 * f


def score_component(text: str, pred: list[Spans], gold: list[Spans], acc: dict[str, PRF]) -> None:
    """Add one document's spans of one component to exact/first-token/Jaccard."""
    gset, pset = set(gold), set(pred)
    exact = acc["exact"]
    exact.tp_p += sum(1 for p in pred if p in gset)
    exact.tp_r += sum(1 for g in gold if g in pset)
    gf = {_first_token(text, g) for g in gold}
    pf = {_first_token(text, p) for p in pred}
    first = acc["first-token"]
    first.tp_p += sum(1 for p in pred if _first_token(text, p) in gf)
    first.tp_r += sum(1 for g in gold if _first_token(text, g) in pf)
    gc = [_chars(g) for g in gold]
    pc = [_chars(p) for p in pred]
    jac = acc["jaccard"]
    jac.tp_p += sum(max((_jaccard(p, g) for g in gc), default=0.0) for p in pc)
    jac.tp_r += sum(max((_jaccard(g, p) for p in pc), default=0.0) for g in gc)
    for a in acc.values():
        a.n_p += len(pred)
        a.n_r += len(gold)


def _overlap(text: str, a: Spans, b: Spans) -> float:
    ta, tb = _tokens(text, a), _tokens(text, b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / max(len(ta), len(tb))


def _sources_match(a: Spans | None, b: Spans | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(_chars(a) & _chars(b))


def _cue_type_gold(text: str, cue: Spans | None, doc: Document) -> str:
    if cue is None:
        return "other"
    words = " ".join(text[s:e] for s, e in cue).strip().lower()
    if words.startswith("according to"):
        return "according-to"
    if words in (":", "—", "-"):
        return "colon"
    s, e = cue[0][0], cue[-1][1]
    if any(w.upos == "VERB" for _, w in doc.words if s <= w.start and w.end <= e):
        return "verb"
    return "other"


def _cue_type_pred(q: Quote) -> str:
    return {"verb": "verb", "according_to": "according-to", "colon": "colon"}.get(q.cue_type, "other")


def _source_type(text: str, src: Spans | None, doc: Document) -> str:
    if src is None:
        return "none"
    words = " ".join(text[s:e] for s, e in src).strip()
    if words.lower() in PRONOUNS:
        return "pronoun"
    s, e = src[0][0], src[-1][1]
    named = any(
        en.start < e and s < en.end and en.label in ("PER", "ORG", "LOC", "MISC") for en in doc.entities
    )
    return "named" if named else "description"


def _quoted(text: str, content: Spans | None) -> str:
    if content is None:
        return "unquoted"
    return (
        "quoted" if any(c in QUOTE_CHARS - {"'", "’"} for s, e in content for c in text[s:e]) else "unquoted"
    )


def score(
    corpus: Sequence[tuple[str, str, str | None, list[GoldAttribution]]],
    predictions: dict[str, tuple[Document, tuple[Quote, ...]]],
) -> tuple[dict[str, dict[str, PRF]], PRF, dict[str, PRF]]:
    """Score every component, the relations, and the breakdowns."""
    comps: dict[str, dict[str, PRF]] = {
        c: {m: PRF() for m in ("exact", "first-token", "jaccard")} for c in ("source", "cue", "content")
    }
    rel = PRF()
    breakdown: dict[str, PRF] = defaultdict(PRF)
    for name, text, _, gold in corpus:
        doc, quotes = predictions[name]
        pred_rel: list[tuple[Spans | None, Spans | None, Spans, Quote]] = []
        for q in quotes:
            src: Spans | None = ((q.source.start, q.source.end),) if q.source else None
            cue: Spans | None = ((q.cue.start, q.cue.end),) if q.cue else None
            pred_rel.append((src, cue, parc_content(q, text), q))
        predicted = {
            "source": [r[0] for r in pred_rel if r[0]],
            "cue": [r[1] for r in pred_rel if r[1]],
            "content": [r[2] for r in pred_rel if r[2]],
        }
        for comp, p_spans in predicted.items():
            g_spans = [s for g in gold if (s := getattr(g, comp)) is not None]
            score_component(text, p_spans, g_spans, comps[comp])
        used: set[int] = set()
        matched_pred: set[int] = set()
        for g in gold:
            if g.content is None:
                continue
            best, best_o = None, 0.5
            for pi, (src, _, content, _) in enumerate(pred_rel):
                if pi in used:
                    continue
                o = _overlap(text, content, g.content)
                if o >= best_o and _sources_match(src, g.source):
                    best, best_o = pi, o
            if best is not None:
                used.add(best)
                matched_pred.add(best)
            cats = (
                f"content:{_quoted(text, g.content)}",
                f"cue:{_cue_type_gold(text, g.cue, doc)}",
                f"source:{_source_type(text, g.source, doc)}",
            )
            for cat in cats:
                breakdown[cat].n_r += 1
                breakdown[cat].tp_r += best is not None
            rel.n_r += 1
            rel.tp_r += best is not None
        for pi, (src, _, _, q) in enumerate(pred_rel):
            cats = (
                f"content:{'unquoted' if q.kind == 'indirect' else 'quoted'}",
                f"cue:{_cue_type_pred(q)}",
                f"source:{_source_type(text, src, doc)}",
            )
            for cat in cats:
                breakdown[cat].n_p += 1
                breakdown[cat].tp_p += pi in matched_pred
            rel.n_p += 1
            rel.tp_p += pi in matched_pred
    return comps, rel, breakdown


def report(
    comps: dict[str, dict[str, PRF]], rel: PRF, breakdown: dict[str, PRF], n_docs: int, backend: str
) -> str:
    """Format the scores as plain-text tables."""
    lines = [f"PolNeAR train, {n_docs} articles, backend={backend} (character-level spans)", ""]
    lines.append(f"{'component':<9} {'matching':<12} {'P':>6} {'R':>6} {'F1':>6}   gold  pred")
    for comp, accs in comps.items():
        for m, a in accs.items():
            p, r, f = a.scores()
            lines.append(f"{comp:<9} {m:<12} {p:6.1f} {r:6.1f} {f:6.1f}  {a.n_r:5d} {a.n_p:5d}")
    p, r, f = rel.scores()
    lines.append(f"{'relation':<9} {'overlap>=.5':<12} {p:6.1f} {r:6.1f} {f:6.1f}  {rel.n_r:5d} {rel.n_p:5d}")
    lines += [
        "",
        "Exact-match F1 beside published systems (published: PolNeAR test, sentence-level instances)",
    ]
    lines.append(f"{'system':<28} {'source':>7} {'cue':>7} {'content':>8}")
    for system, vals in PUBLISHED.items():
        cells = [f"{v:7.1f}" if v is not None else f"{'-':>7}" for v in vals]
        lines.append(f"{system:<28} {cells[0]} {cells[1]} {cells[2]:>8}")
    ours = [comps[c]["exact"].scores()[2] for c in ("source", "cue", "content")]
    lines.append(f"{'geotext (train, ours)':<28} {ours[0]:7.1f} {ours[1]:7.1f} {ours[2]:8.1f}")
    jac = [comps[c]["jaccard"].scores()[2] for c in ("source", "cue", "content")]
    for system, vals in PUBLISHED_JACCARD.items():
        lines.append(f"{system + ' Jaccard':<28} {vals[0]:7.1f} {vals[1]:7.1f} {vals[2]:8.1f}")
    lines.append(f"{'geotext Jaccard':<28} {jac[0]:7.1f} {jac[1]:7.1f} {jac[2]:8.1f}")
    lines += ["", "Relation breakdown (recall over gold of the category, precision over ours)"]
    lines.append(f"{'category':<24} {'P':>6} {'R':>6} {'F1':>6}   gold  pred")
    for cat in sorted(breakdown):
        a = breakdown[cat]
        p, r, f = a.scores()
        lines.append(f"{cat:<24} {p:6.1f} {r:6.1f} {f:6.1f}  {a.n_r:5d} {a.n_p:5d}")
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
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(f"no PolNeAR data at {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    limit = None if args.limit is None else args.skip + args.limit
    corpus = load_corpus(args.data, limit)[args.skip :]
    if args.cached_only:
        if args.cache is None:
            parser.error("--cached-only needs --cache DIR")
        corpus = [c for c in corpus if (args.cache / args.backend / f"{c[0]}.pkl").exists()]
    started = time.perf_counter()
    predictions = predict(corpus, args.backend, args.batch_size, args.cache)
    elapsed = time.perf_counter() - started
    comps, rel, breakdown = score(corpus, predictions)
    print(report(comps, rel, breakdown, len(corpus), args.backend))
    print(f"\n{len(corpus)} articles in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
