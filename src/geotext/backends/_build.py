"""Build geotext :class:`~geotext.model.Document` objects from backend output.

Backends describe what they found in named tuples (cheap to build by the million)
with offsets into the REPAIRED text;
this module maps every offset back through the :class:`OffsetMap` before a single
model record is built, so nothing downstream ever sees a repaired offset.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from geotext.model import Document, Entity, Sentence, Token, Word
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
) -> Document:
    """Turn raw backend sentences (repaired offsets) into a :class:`Document`."""
    original = omap.original
    span = omap.span if omap.edits else _identity
    token_spans = iter(omap.spans([(t.start, t.end) for raw in sentences for t in raw.tokens]))
    out: list[Sentence] = []
    for raw in sentences:
        tokens: list[Token] = []
        words: list[Word] = []
        for rt in raw.tokens:
            s, e = next(token_spans)
            ttext = original[s:e]
            tner = rt.ner if rt.ner == "O" else _map_tag(rt.ner)
            if len(rt.words) == 1:
                # The common case: one word, the token's own span.
                rw = rt.words[0]
                tword: tuple[Word, ...] = (
                    Word(
                        id=len(words) + 1,
                        text=ttext,
                        form=rw.form,
                        lemma=rw.lemma,
                        upos=rw.upos,
                        xpos=rw.xpos,
                        feats=rw.feats,
                        head=rw.head,
                        deprel=rw.deprel,
                        start=s,
                        end=e,
                        ner=tner,
                    ),
                )
            else:
                tword = tuple(
                    Word(
                        id=len(words) + k + 1,
                        text=original[ws:we],
                        form=rw.form,
                        lemma=rw.lemma,
                        upos=rw.upos,
                        xpos=rw.xpos,
                        feats=rw.feats,
                        head=rw.head,
                        deprel=rw.deprel,
                        start=ws,
                        end=we,
                        ner=tner,
                    )
                    for k, (rw, (ws, we)) in enumerate(
                        zip(rt.words, [span(a, b) for a, b in _word_spans(omap.repaired, rt)], strict=True)
                    )
                )
            words.extend(tword)
            tokens.append(Token(text=ttext, start=s, end=e, words=tword))
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
