"""Build geotext :class:`~geotext.model.Document` objects from backend output.

Backends describe what they found in named tuples (cheap to build by the million)
with offsets into the REPAIRED text;
this module maps every offset back through the :class:`OffsetMap` before a single
model record is built, so nothing downstream ever sees a repaired offset.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from geotext.model import Document, Entity, Sentence, Token, Word, _token_builder, _word_builder
from geotext.repair.offsets import OffsetMap

__all__ = ["NER_LABELS", "RawEntity", "RawSentence", "RawToken", "RawWord", "build_document", "map_label"]


class RawWord(NamedTuple):
    """A word as the backend produced it (``head``: 1-based within the sentence)."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str


class RawToken(NamedTuple):
    """A token with its repaired-text offsets, its words and its BIOES NER tag."""

    start: int
    end: int
    words: tuple[RawWord, ...]
    ner: str = "O"


class RawEntity(NamedTuple):
    """An entity span in repaired-text offsets with the model's own label."""

    start: int
    end: int
    label: str


class RawSentence(NamedTuple):
    """A sentence: its tokens and entities, offsets into the repaired text."""

    tokens: tuple[RawToken, ...]
    entities: tuple[RawEntity, ...] = ()
    split: bool = False
    """Whether this is a piece of a longer run cut by :func:`split_long_sentences`."""


NER_LABELS: dict[str, str] = {
    # CoNLL-2003 (the shipped news model) keeps its tags.
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "MISC": "MISC",
    # OntoNotes (stanza's official English NER) mapped onto the CoNLL set where
    # the types correspond; the other OntoNotes types keep their own names.
    "PERSON": "PER",
    "GPE": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
"""Model NER label -> geotext label. Labels not listed are kept as they are."""


def map_label(label: str) -> str:
    """Map a CoNLL or OntoNotes NER label onto geotext's label set.

    Example:
        >>> from geotext.backends._build import map_label
        >>> map_label("GPE"), map_label("PER"), map_label("DATE")
        ('LOC', 'PER', 'DATE')
    """
    return NER_LABELS.get(label, label)


# Positional constructors that set the slots directly: a corpus builds millions of
# words and tokens, and the frozen classes' keyword __init__ was most of their cost.
_new_word = _word_builder()
_new_token = _token_builder()


def _map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return tag
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{map_label(label)}"


def build_document(
    omap: OffsetMap,
    sentences: list[RawSentence],
    *,
    backend: str,
    has_parse: bool,
    has_ner: bool,
    date: datetime.date | None,
    warnings: tuple[str, ...] = (),
) -> Document:
    """Turn raw backend sentences (repaired offsets) into a :class:`Document`."""
    original = omap.original
    span = omap.span if omap.edits else _identity
    token_spans = iter(omap.spans([(t.start, t.end) for raw in sentences for t in raw.tokens]))
    out: list[Sentence] = []
    # Word texts repeat ("the", ",", a quote mark): one string object per distinct
    # text instead of one per word (a one-character str costs 50-76 bytes).
    seen: dict[str, str] = {}
    new_word, new_token = _new_word, _new_token
    for raw in sentences:
        tokens: list[Token] = []
        words: list[Word] = []
        for rt in raw.tokens:
            s, e = next(token_spans)
            ttext = original[s:e]
            ttext = seen.setdefault(ttext, ttext)
            tner = rt.ner if rt.ner == "O" else _map_tag(rt.ner)
            if len(rt.words) == 1:
                # The common case: one word, the token's own span.
                rw = rt.words[0]
                tword: tuple[Word, ...] = (
                    new_word(
                        len(words) + 1,
                        ttext,
                        rw.form,
                        rw.lemma,
                        rw.upos,
                        rw.xpos,
                        rw.feats,
                        rw.head,
                        rw.deprel,
                        s,
                        e,
                        tner,
                    ),
                )
            else:
                tword = tuple(
                    new_word(
                        len(words) + k + 1,
                        original[ws:we],
                        rw.form,
                        rw.lemma,
                        rw.upos,
                        rw.xpos,
                        rw.feats,
                        rw.head,
                        rw.deprel,
                        ws,
                        we,
                        tner,
                    )
                    for k, (rw, (ws, we)) in enumerate(
                        zip(rt.words, [span(a, b) for a, b in _word_spans(omap.repaired, rt)], strict=True)
                    )
                )
            words.extend(tword)
            tokens.append(new_token(ttext, s, e, tword))
        if not tokens:
            continue
        index = len(out)
        start, end = tokens[0].start, tokens[-1].end
        ents = []
        for re_ in raw.entities:
            es, ee = span(re_.start, re_.end)
            if ee > es:
                ents.append(
                    Entity(
                        text=original[es:ee],
                        start=es,
                        end=ee,
                        label=map_label(re_.label),
                        raw_label=re_.label,
                        sentence=index,
                    )
                )
        out.append(
            Sentence(
                index=index,
                text=original[start:end],
                start=start,
                end=end,
                tokens=tuple(tokens),
                words=tuple(words),
                entities=tuple(ents),
            )
        )
    return Document(
        text=original,
        sentences=tuple(out),
        backend=backend,
        has_parse=has_parse,
        has_ner=has_ner,
        date=date,
        repairs=omap.counts(),
        warnings=warnings,
    )


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def _word_spans(repaired: str, token: RawToken) -> list[tuple[int, int]]:
    """Character spans (repaired text) of each word of a token.

    stanza gives multi-word tokens (``Putin's`` -> ``Putin`` + ``'s``) no offsets per
    word. When the word forms spell the token text in order, each word gets its own
    slice; otherwise (``du`` -> ``de le``) every word shares the token's span.
    """
    if len(token.words) == 1:
        return [(token.start, token.end)]
    text = repaired[token.start : token.end]
    spans: list[tuple[int, int]] = []
    pos = 0
    for w in token.words:
        if text.startswith(w.form, pos):
            spans.append((token.start + pos, token.start + pos + len(w.form)))
            pos += len(w.form)
        else:
            return [(token.start, token.end)] * len(token.words)
    if pos != len(text):
        return [(token.start, token.end)] * len(token.words)
    return spans


MAX_SENTENCE_WORDS = 250
"""Longest sentence (in tokens) any backend hands on. A longer run with no sentence
break (a list, a table, a paste without punctuation, ``"said " * 20000``) is split
before parsing at safe points: after ``;`` or ``:``, else after a comma or dash, else
at a space between tokens, else after exactly this many tokens; never inside an
entity. Real news sentences stay far below it (parsing grows faster than linearly
with sentence length, and so do the per-sentence scans of quotes and hedges)."""

_STRONG = frozenset(";:")
_WEAK = frozenset(",\u2013\u2014-")


def split_long_sentences(
    text: str, sentences: list[RawSentence], limit: int = MAX_SENTENCE_WORDS
) -> list[RawSentence]:
    """Split every sentence of more than ``limit`` tokens at safe points (see
    :data:`MAX_SENTENCE_WORDS`); offsets index ``text``.

    Heads pointing out of a piece become 0 (the piece keeps every word).

    Example:
        >>> from geotext.backends._build import RawSentence, RawToken, RawWord, split_long_sentences
        >>> text = "a b , c d"
        >>> w = RawWord("x", "x", "X", "_", "_", 0, "dep")
        >>> toks = tuple(RawToken(i, i + 1, (w,)) for i in range(0, 9, 2))
        >>> [[text[t.start] for t in s.tokens] for s in split_long_sentences(text, [RawSentence(toks)], 4)]
        [['a', 'b', ','], ['c', 'd']]
    """
    if all(len(s.tokens) <= limit for s in sentences):
        return sentences
    out: list[RawSentence] = []
    for sent in sentences:
        tokens = sent.tokens
        start = first = 0  # first: words before the piece
        while len(tokens) - start > limit:
            cut = cut_point(text, tokens, start, limit, sent.entities)
            out.append(_piece(sent, start, cut, first))
            first += sum(len(t.words) for t in tokens[start:cut])
            start = cut
        out.append(_piece(sent, start, len(tokens), first) if start else sent)
    return out


def split_warnings(sentences: list[RawSentence]) -> tuple[str, ...]:
    """The warning to record when some sentences are pieces of longer runs."""
    pieces = sum(s.split for s in sentences)
    if not pieces:
        return ()
    return (
        f"runs of more than {MAX_SENTENCE_WORDS} words without a sentence break were split "
        f"at safe points into {pieces} sentences (geotext.backends.MAX_SENTENCE_WORDS)",
    )


def cut_point(
    text: str, tokens: tuple[RawToken, ...], start: int, limit: int, entities: tuple[RawEntity, ...] = ()
) -> int:
    """The token index (exclusive end of the piece) where to cut after ``start``:
    the last safe point among the tokens ``start + limit // 2 .. start + limit``
    (needs more than ``limit`` tokens after ``start``)."""
    lo, hi = start + max(1, limit // 2), start + limit
    near = [e for e in entities if e.end > tokens[lo - 1].start and e.start < tokens[hi].end]
    best: dict[int, int] = {}
    for i in range(hi, lo - 1, -1):  # a cut before token i
        if any(e.start < tokens[i].start < e.end for e in near):
            continue  # never inside an entity
        prev = text[tokens[i - 1].start : tokens[i - 1].end]
        rank = (
            3 if prev in _STRONG else 2 if prev in _WEAK else 1 if tokens[i - 1].end < tokens[i].start else 0
        )
        if rank not in best:
            best[rank] = i
            if rank == 3:
                break
    for rank in (3, 2, 1, 0):
        if rank in best:
            return best[rank]
    return hi


def _piece(sent: RawSentence, a: int, b: int, first: int) -> RawSentence:
    """Tokens ``a:b`` of ``sent`` (``first`` words before them) as a sentence."""
    tokens = sent.tokens[a:b]
    n = sum(len(t.words) for t in tokens)
    if any(w.head for t in tokens for w in t.words):
        tokens = tuple(
            t._replace(
                words=tuple(
                    w._replace(head=w.head - first if first < w.head <= first + n else 0) for w in t.words
                )
            )
            for t in tokens
        )
    lo, hi = tokens[0].start, tokens[-1].end
    ents = tuple(e for e in sent.entities if e.start >= lo and e.end <= hi)
    return RawSentence(tokens=tokens, entities=ents, split=True)
