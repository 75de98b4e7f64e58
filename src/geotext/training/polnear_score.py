"""Scoring geotext's quotes against PolNeAR's attributions (used by the quote trainer
and by ``benchmarks/polnear.py``).

At the character level, per component (source, cue, content): precision, recall and
F1 under *exact* span match, *first-token* match and *Jaccard* (each span scores the
best character Jaccard it reaches on the other side); relations: a predicted quote
matches a gold attribution (one-to-one) when their contents overlap by at least half
of the longer one's tokens and their sources overlap (or both have none).

Convention mapping (PARC/PolNeAR style, applied to predictions only): a direct
quote's content includes its quote marks and the punctuation inside them; an
indirect content includes the complementiser ``that`` (and ``to`` of an
infinitive) that introduces it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from attrs import frozen

from geotext.model import Document
from geotext.quotes import Quote, quotes_from_drafts
from geotext.quotes._state import Draft
from geotext.training.polnear import Article, Spans

__all__ = ["PRF", "Scores", "draft_quotes", "matched", "parc_content", "report", "score", "score_documents"]

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
    corpus: Sequence[Article],
    predictions: dict[str, tuple[Document, tuple[Quote, ...]]],
) -> tuple[dict[str, dict[str, PRF]], PRF, dict[str, PRF]]:
    """Score every component, the relations, and the breakdowns."""
    comps: dict[str, dict[str, PRF]] = {
        c: {m: PRF() for m in ("exact", "first-token", "jaccard")} for c in ("source", "cue", "content")
    }
    rel = PRF()
    breakdown: dict[str, PRF] = defaultdict(PRF)
    for article in corpus:
        name, text, gold = article.name, article.text, article.gold
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
    comps: dict[str, dict[str, PRF]],
    rel: PRF,
    breakdown: dict[str, PRF],
    n_docs: int,
    backend: str,
    part: str = "train",
) -> str:
    """Format the scores as plain-text tables."""
    lines = [f"PolNeAR {part}, {n_docs} articles, backend={backend} (character-level spans)", ""]
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
    lines.append(f"{'geotext (ours)':<28} {ours[0]:7.1f} {ours[1]:7.1f} {ours[2]:8.1f}")
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


@frozen
class Scores:
    """The headline figures of one run (percentages)."""

    exact: tuple[float, float, float]
    """Exact-match F1 of source, cue, content."""
    jaccard: tuple[float, float, float]
    """Jaccard F1 of source, cue, content."""
    relation: tuple[float, float, float]
    """Relation precision, recall, F1."""
    words_per_second: float

    def line(self) -> str:
        """One line: exact S/C/C, Jaccard content, relation P/R/F1, words/s."""
        e, j, r = self.exact, self.jaccard, self.relation
        return (
            f"exact {e[0]:5.1f} {e[1]:5.1f} {e[2]:5.1f}  jaccard {j[0]:5.1f} {j[1]:5.1f} {j[2]:5.1f}  "
            f"relation P {r[0]:5.1f} R {r[1]:5.1f} F1 {r[2]:5.1f}  {self.words_per_second:,.0f} words/s"
        )

    def as_dict(self) -> dict[str, list[float]]:
        """JSON-like form for a model file's metadata."""
        return {
            "exact_source_cue_content": [round(x, 2) for x in self.exact],
            "jaccard_source_cue_content": [round(x, 2) for x in self.jaccard],
            "relation_p_r_f1": [round(x, 2) for x in self.relation],
            "words_per_second": [round(self.words_per_second, 1)],
        }


def summary(comps: dict[str, dict[str, PRF]], rel: PRF, words_per_second: float) -> Scores:
    """The :class:`Scores` of :func:`score`'s output."""
    parts = ("source", "cue", "content")
    exact = tuple(comps[c]["exact"].scores()[2] for c in parts)
    jaccard = tuple(comps[c]["jaccard"].scores()[2] for c in parts)
    return Scores(
        exact=(exact[0], exact[1], exact[2]),
        jaccard=(jaccard[0], jaccard[1], jaccard[2]),
        relation=rel.scores(),
        words_per_second=words_per_second,
    )


def draft_quotes(doc: Document, drafts: Sequence[Draft]) -> tuple[Quote, ...]:
    """The quotes the drafts make (no actors), as :func:`geotext.quotes.extract` builds them."""
    return quotes_from_drafts(doc, drafts, ())


def score_documents(
    preds: Sequence[tuple[Article, Document, tuple[Quote, ...]]], words_per_second: float
) -> Scores:
    """Score predictions article by article and summarise."""
    corpus = [a for a, _, _ in preds]
    comps, rel, _ = score(corpus, {a.name: (d, q) for a, d, q in preds})
    return summary(comps, rel, words_per_second)


def matched(article: Article, doc: Document, drafts: Sequence[Draft]) -> list[bool]:
    """For each draft, whether it matches a gold attribution of ``article`` (the
    relation criterion of :func:`score`, one-to-one, gold in text order)."""
    text = article.text
    built = [quotes_from_drafts(doc, [d], ()) for d in drafts]
    pred: list[tuple[Spans | None, Spans] | None] = []
    for q in built:
        if not q:
            pred.append(None)
            continue
        src: Spans | None = ((q[0].source.start, q[0].source.end),) if q[0].source else None
        pred.append((src, parc_content(q[0], text)))
    used: set[int] = set()
    for g in article.gold:
        if g.content is None:
            continue
        best, best_o = None, 0.5
        for pi, p in enumerate(pred):
            if p is None or pi in used:
                continue
            o = _overlap(text, p[1], g.content)
            if o >= best_o and _sources_match(p[0], g.source):
                best, best_o = pi, o
        if best is not None:
            used.add(best)
    return [i in used for i in range(len(drafts))]
