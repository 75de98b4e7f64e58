"""Token features for the learned quote tagger (:mod:`._tagger`).

A document is tagged one paragraph at a time (sentences joined by no line break
form one sequence). Each word gets a list of string features, the kind a
linear-chain CRF reads: its form, lemma, tags and shape, its relation to the
nearest candidate reporting cue of the lexicon (through the parse on the stanza
backend, by position on both), whether it is inside quote marks, its entity type,
and the same for its neighbours. The *stacked* variant adds what the hand rules
(:mod:`._extract`) decided for the word (``rule=B-CON``, ``rev=direct``), so the
tagger learns where the rules are right and what they miss.

Nothing here is tied to a corpus: the features read only the document model, the
lexicon (``data/reporting_verbs.yaml``) and the rules.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

from attrs import frozen

from geotext.language.reporting import Lexicon, lexicon
from geotext.model import Document, Sentence, Word
from geotext.quotes._marks import find_marks
from geotext.quotes._state import Draft

__all__ = ["LABELS", "Paragraph", "RuleSpans", "paragraph_features", "paragraphs", "rule_spans", "rule_tags"]

LABELS: tuple[str, ...] = ("O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON")
"""The tag set: BIO over source, cue and content."""

_PRONOUNS = frozenset(
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
        "this",
        "that",
        "these",
        "those",
        "one",
        "someone",
    ]
)
_QUOTE_CHARS = frozenset("\"“”„‟«»‘’‚'`")


@frozen
class Paragraph:
    """One tagging sequence: the words of consecutive sentences with no line break between."""

    sentences: tuple[Sentence, ...]
    words: tuple[Word, ...]
    sentence_of: tuple[int, ...]
    """For each word, the index (into ``sentences``) of its sentence."""


def paragraphs(doc: Document) -> list[Paragraph]:
    """Group the sentences of ``doc`` into paragraphs (a line break starts a new one)."""
    groups: list[list[Sentence]] = []
    previous_end: int | None = None
    for s in doc.sentences:
        if not s.words:
            continue
        if previous_end is None or "\n" in doc.text[previous_end : s.start] or not groups:
            groups.append([s])
        else:
            groups[-1].append(s)
        previous_end = s.end
    out = []
    for g in groups:
        words = tuple(w for s in g for w in s.words)
        sentence_of = tuple(k for k, s in enumerate(g) for _ in s.words)
        out.append(Paragraph(sentences=tuple(g), words=words, sentence_of=sentence_of))
    return out


@functools.lru_cache(maxsize=65536)
def _shape(text: str) -> str:
    out: list[str] = []
    for ch in text[:8]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def _cue_classes(sentence: Sentence, lex: Lexicon) -> list[str | None]:
    """For each word of the sentence, the lexicon class of a cue starting or lying there."""
    forms = [w.form.lower() for w in sentence.words]
    out: list[str | None] = [None] * len(forms)
    for i, w in enumerate(sentence.words):
        if out[i] is not None:
            continue
        found = lex.verb_at(forms, i)
        if found is not None and w.upos not in ("NOUN", "PROPN", "ADJ", "DET", "ADP"):
            cue, n = found
            for k in range(i, min(len(forms), i + n)):
                out[k] = "v:" + cue.cls
            continue
        phrase = lex.phrase_at(forms, i)
        if phrase is not None:
            cue, n = phrase
            for k in range(i, min(len(forms), i + n)):
                out[k] = "p:" + cue.cls
            continue
        lemma = w.lemma.lower()
        if w.upos == "NOUN" and lemma in lex.nouns:
            out[i] = "n:" + lex.nouns[lemma].cls
        elif w.upos == "ADJ" and lemma in lex.adjectives:
            out[i] = "a:" + lex.adjectives[lemma].cls
    if not sentence.words:
        return out
    for i, w in enumerate(sentence.words):
        if w.form == ":" and out[i] is None:
            out[i] = "colon"
    return out


def _cue_path(sentence: Sentence, classes: Sequence[str | None], parsed: bool) -> list[str | None]:
    """For each word, ``deprel-below-cue|cue-class`` of the nearest cue above it in the parse."""
    out: list[str | None] = [None] * len(sentence.words)
    if not parsed:
        return out
    words = sentence.words
    for i, w in enumerate(words):
        child = w
        for _ in range(12):
            if child.head == 0 or child.head > len(words):
                break
            head_i = child.head - 1
            cls = classes[head_i]
            if cls is not None and cls != "colon":
                out[i] = f"{child.deprel.split(':')[0]}|{cls}"
                break
            child = words[head_i]
    return out


def _inside_marks(doc: Document) -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for m in find_marks(doc.text):
        for s, e in m.segments:
            starts.append(s)
            ends.append(e)
    return starts, ends


@frozen
class RuleSpans:
    """The rules' drafts of one document as role spans sorted by start, built once
    per document (:func:`rule_spans`) and read by every paragraph."""

    spans: tuple[tuple[int, int, str, str], ...]
    """``(start, end, role, evidence family)``."""
    starts: tuple[int, ...]


def rule_spans(drafts: Sequence[Draft]) -> RuleSpans:
    """Index the source, cue and content spans of ``drafts`` for :func:`rule_tags`."""
    spans: list[tuple[int, int, str, str]] = []
    for d in drafts:
        family = d.evidence.split(":")[0]
        if d.source is not None:
            spans.append((d.source[0], d.source[1], "SRC", family))
        if d.cue is not None:
            spans.append((d.cue[0], d.cue[1], "CUE", family))
        for s, e in d.content:
            spans.append((s, e, "CON", family))
    spans.sort()
    return RuleSpans(tuple(spans), tuple(s[0] for s in spans))


def rule_tags(words: Sequence[Word], drafts: Sequence[Draft] | RuleSpans) -> list[tuple[str, str]]:
    """The rules' decision for each word: ``(BIO tag, evidence family)``."""
    index = drafts if isinstance(drafts, RuleSpans) else rule_spans(drafts)
    spans, starts = index.spans, index.starts
    out: list[tuple[str, str]] = []
    previous: tuple[int, int, str, str] | None = None
    for w in words:
        k = bisect.bisect_right(starts, w.start) - 1
        hit = None
        for j in range(max(0, k - 3), min(len(spans), k + 2)):
            s, e, role, _ = spans[j]
            if s < w.end and w.start < e:
                hit = spans[j]
                if role == "CUE":
                    break
        if hit is None:
            out.append(("O", "-"))
        else:
            prefix = "I" if hit == previous else "B"
            out.append((f"{prefix}-{hit[2]}", hit[3]))
        previous = hit
    return out


def paragraph_features(
    doc: Document,
    para: Paragraph,
    drafts: Sequence[Draft] | RuleSpans | None,
    marks: tuple[list[int], list[int]] | None = None,
) -> list[list[str]]:
    """The feature strings of each word of ``para``.

    Args:
        doc: The document the paragraph belongs to.
        para: One paragraph from :func:`paragraphs`.
        drafts: The rules' drafts for the stacked tagger (or their
            :func:`rule_spans`, built once for the document: a document's drafts
            indexed again for each of its paragraphs would cost paragraphs x drafts),
            or ``None`` for the tagger on its own.
        marks: The mark segments of ``doc`` (:func:`find_marks`), computed once per
            document by the caller; found here when ``None``.
    """
    lex = lexicon()
    mark_starts, mark_ends = marks if marks is not None else _inside_marks(doc)
    parsed = doc.has_parse
    words = para.words
    n = len(words)
    classes: list[str | None] = []
    paths: list[str | None] = []
    for s in para.sentences:
        cls = _cue_classes(s, lex)
        classes.extend(cls)
        paths.extend(_cue_path(s, cls, parsed))
    low = [w.form.lower() for w in words]
    upos = [w.upos for w in words]
    inq = []
    for w in words:
        k = bisect.bisect_right(mark_starts, w.start) - 1
        inq.append(k >= 0 and mark_starts[k] <= w.start and w.end <= mark_ends[k])
    rules = rule_tags(words, drafts) if drafts is not None else None
    # distance to the nearest cue candidate left and right, inside the sentence
    left: list[int | None] = [None] * n
    right: list[int | None] = [None] * n
    last: int | None = None
    for i in range(n):
        if i and para.sentence_of[i] != para.sentence_of[i - 1]:
            last = None
        left[i] = None if last is None else i - last
        if classes[i] is not None and classes[i] != "colon":
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if i < n - 1 and para.sentence_of[i] != para.sentence_of[i + 1]:
            last = None
        right[i] = None if last is None else last - i
        if classes[i] is not None and classes[i] != "colon":
            last = i
    sent_has_quote = [False] * len(para.sentences)
    for i in range(n):
        if inq[i]:
            sent_has_quote[para.sentence_of[i]] = True
    out: list[list[str]] = []
    for i, w in enumerate(words):
        lo = low[i]
        f = [
            "b",
            "w=" + lo,
            "l=" + w.lemma.lower(),
            "u=" + w.upos,
            "sh=" + _shape(w.text),
            "s3=" + lo[-3:],
            "p3=" + lo[:3],
        ]
        if parsed:
            f.append("x=" + w.xpos)
            f.append("d=" + w.deprel)
            sentence = para.sentences[para.sentence_of[i]]
            head = sentence.head_of(w)
            if head is not None:
                f.append("hl=" + head.lemma.lower())
                f.append("hd=" + w.deprel + "|" + head.upos)
            else:
                f.append("root")
        if w.ner != "O":
            f.append("ne=" + w.ner)
        if lo in _PRONOUNS:
            f.append("pron")
        if not _QUOTE_CHARS.isdisjoint(w.text):
            f.append("qm")
        if inq[i]:
            f.append("inq")
        if sent_has_quote[para.sentence_of[i]]:
            f.append("sq")
        if classes[i] is not None:
            f.append("cue=" + str(classes[i]))
        if paths[i] is not None:
            f.append("path=" + str(paths[i]))
            f.append("pathd=" + str(paths[i]).split("|")[0])
        f.append("lc=" + ("-" if left[i] is None else _bucket(left[i] or 0)))
        f.append("rc=" + ("-" if right[i] is None else _bucket(right[i] or 0)))
        if i == 0 or para.sentence_of[i] != para.sentence_of[i - 1]:
            f.append("bos")
        if i == n - 1 or para.sentence_of[i] != para.sentence_of[i + 1]:
            f.append("eos")
        if para.sentence_of[i] == 0:
            f.append("s0")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                f.append(f"{off}w={low[j]}")
                f.append(f"{off}u={upos[j]}")
                if classes[j] is not None:
                    f.append(f"{off}cue={classes[j]}")
                if rules is not None and abs(off) == 1:
                    f.append(f"{off}r={rules[j][0]}")
            else:
                f.append(f"{off}pad")
        if i > 0:
            f.append(f"bg={low[i - 1]}|{lo}")
        if rules is not None:
            tag, family = rules[i]
            f.append("r=" + tag)
            f.append("rf=" + family + "|" + tag[2:])
        out.append(f)
    return out


def mark_segments(doc: Document) -> tuple[list[int], list[int]]:
    """Start and end offsets of the quoted segments of ``doc``, for :func:`paragraph_features`."""
    return _inside_marks(doc)
