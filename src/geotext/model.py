"""The geotext document model: frozen, slotted, typed records.

A :class:`Document` holds the text exactly as the caller gave it. Every offset in
the model (``start``/``end`` on sentences, tokens, words and entities) indexes that
original string, even when the backend saw a repaired copy: the repair layer maps
offsets back before any record here is built. ``doc.text[x.start:x.end]`` is always
the caller's own characters.

The hierarchy follows stanza's (Document -> Sentence -> Token -> Word) without its
mutable setters and back-pointers. Words carry the syntax: ``head`` is the 1-based
index of the governing word inside the same sentence (0 for the root), ``id`` the
word's own 1-based index. Capability modules (actors, quotes, hedges) read only this
module; they never see a backend's objects.

This module imports nothing from the rest of geotext.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Iterator
from operator import attrgetter

from attrs import field, frozen
from attrs import fields as attrs_fields
from attrs.validators import ge, instance_of

_start = attrgetter("start")

__all__ = ["Document", "Entity", "Sentence", "TextSpan", "Token", "Word"]


def _end_not_before_start(instance: object, attribute: object, value: int) -> None:
    start: int = instance.start  # type: ignore[attr-defined]
    if value < start:
        raise ValueError(f"end ({value}) must not be before start ({start})")


@frozen(kw_only=True)
class TextSpan:
    """A stretch of the original text: ``doc.text[start:end] == text``.

    The span type of every result record (quote content, cue, source, hedge scope).

    Example:
        >>> from geotext.model import TextSpan
        >>> TextSpan(text="said", start=4, end=8).to_dict()
        {'text': 'said', 'start': 4, 'end': 8}
    """

    text: str
    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=[instance_of(int), _end_not_before_start])

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextSpan:
        """Return the span of ``text[start:end]`` (``text`` being the whole document).

        Example:
            >>> from geotext.model import TextSpan
            >>> TextSpan.of("He said no.", 3, 7)
            TextSpan(text='said', start=3, end=7)
        """
        return cls(text=text[start:end], start=start, end=end)

    def to_dict(self) -> dict[str, object]:
        """Return ``{"text", "start", "end"}``."""
        return {"text": self.text, "start": self.start, "end": self.end}


@frozen(kw_only=True)
class Word:
    """One syntactic word.

    ``text`` is the slice of the original document; ``form`` is what the backend
    saw after repair (``'`` for ``’``, for instance). ``head`` and ``id`` are
    1-based indices into :attr:`Sentence.words` (``head == 0`` marks the root).

    No validators run here: a corpus builds millions of words and the builder
    guarantees the invariants (checked by the property tests instead).
    """

    id: int
    text: str
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    ner: str = "O"
    """The word's BIOES entity tag (``O`` outside entities), labels mapped to geotext's."""

    @property
    def is_root(self) -> bool:
        """Whether this word is the root of its sentence's parse."""
        return self.head == 0


@frozen(kw_only=True)
class Token:
    """A stretch of original text that the tokenizer treated as one token.

    A token holds one word, or several for multi-word tokens (``won't`` ->
    ``wo`` + ``n't``), all sharing the token's character range.
    """

    text: str
    start: int
    end: int
    words: tuple[Word, ...]


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    setter: Callable[[object, object], None] = cls.__dict__[name].__set__
    return setter


def _word_builder() -> Callable[[int, str, str, str, str, str, str, int, str, int, int, str], Word]:
    """Return a positional constructor of :class:`Word` for backends building many.

    ``build(id, text, form, lemma, upos, xpos, feats, head, deprel, start, end, ner)``
    returns the same record as ``Word(id=id, ...)`` at about half the cost: it sets
    the slots directly instead of going through the frozen class's keyword
    ``__init__`` (a ``Word`` has no validators or converters to skip).

    Example:
        >>> from geotext.model import Word, _word_builder
        >>> w = _word_builder()(1, "Said", "Said", "say", "X", "_", "_", 0, "dep", 0, 4, "O")
        >>> w == Word(id=1, text="Said", form="Said", lemma="say", upos="X", xpos="_",
        ...           feats="_", head=0, deprel="dep", start=0, end=4, ner="O")
        True
    """
    new = object.__new__
    s_id, s_text, s_form, s_lemma, s_upos, s_xpos, s_feats, s_head, s_deprel, s_start, s_end, s_ner = (
        _slot_setter(Word, a.name) for a in attrs_fields(Word)
    )

    def build(
        id: int,
        text: str,
        form: str,
        lemma: str,
        upos: str,
        xpos: str,
        feats: str,
        head: int,
        deprel: str,
        start: int,
        end: int,
        ner: str,
    ) -> Word:
        w: Word = new(Word)
        s_id(w, id)
        s_text(w, text)
        s_form(w, form)
        s_lemma(w, lemma)
        s_upos(w, upos)
        s_xpos(w, xpos)
        s_feats(w, feats)
        s_head(w, head)
        s_deprel(w, deprel)
        s_start(w, start)
        s_end(w, end)
        s_ner(w, ner)
        return w

    return build


def _token_builder() -> Callable[[str, int, int, tuple[Word, ...]], Token]:
    """Return a positional constructor of :class:`Token`: ``build(text, start, end,
    words)`` equals ``Token(text=text, start=start, end=end, words=words)`` (see
    ``_word_builder``).

    Example:
        >>> from geotext.model import Token, _token_builder
        >>> _token_builder()("no", 3, 5, ()) == Token(text="no", start=3, end=5, words=())
        True
    """
    new = object.__new__
    s_text, s_start, s_end, s_words = (_slot_setter(Token, a.name) for a in attrs_fields(Token))

    def build(text: str, start: int, end: int, words: tuple[Word, ...]) -> Token:
        t: Token = new(Token)
        s_text(t, text)
        s_start(t, start)
        s_end(t, end)
        s_words(t, words)
        return t

    return build


@frozen(kw_only=True)
class Entity:
    """A named-entity span found by the backend's NER.

    ``label`` is geotext's label set: ``PER``, ``ORG``, ``LOC``, ``MISC`` (stanza's
    CoNLL tags as they are; OntoNotes tags mapped: PERSON -> PER, GPE/LOC/FAC -> LOC,
    NORP -> MISC, ORG -> ORG) and, for OntoNotes types with no CoNLL equivalent
    (DATE, MONEY ...), the OntoNotes name itself. ``raw_label`` keeps the model's tag.
    """

    text: str
    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=[instance_of(int), _end_not_before_start])
    label: str
    raw_label: str
    sentence: int = field(validator=[instance_of(int), ge(0)])
    """Index of the sentence that holds the entity."""


@frozen(kw_only=True)
class Sentence:
    """A sentence: its original text, its tokens and words, and its entities."""

    index: int
    text: str
    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=[instance_of(int), _end_not_before_start])
    tokens: tuple[Token, ...]
    words: tuple[Word, ...]
    entities: tuple[Entity, ...] = ()

    def word(self, id: int) -> Word:
        """Return the word with 1-based index ``id`` (as used by ``Word.head``)."""
        return self.words[id - 1]

    def head_of(self, word: Word) -> Word | None:
        """Return the syntactic head of ``word``, or ``None`` for the root."""
        return None if word.head == 0 else self.words[word.head - 1]

    def children(self, word: Word) -> Iterator[Word]:
        """Yield the direct dependents of ``word`` in sentence order."""
        return (w for w in self.words if w.head == word.id)

    def subtree(self, word: Word) -> list[Word]:
        """Return ``word`` and all its descendants, in sentence order."""
        inside = {word.id}
        changed = True
        while changed:
            changed = False
            for w in self.words:
                if w.id not in inside and w.head in inside:
                    inside.add(w.id)
                    changed = True
        return [w for w in self.words if w.id in inside]


@frozen(kw_only=True)
class Document:
    """An annotated text.

    Attributes:
        text: The text exactly as the caller passed it.
        sentences: The sentences, in order, with offsets into ``text``.
        backend: The name of the backend that annotated the text (``stanza`` or
            ``rules``).
        has_parse: Whether words carry a real dependency parse, POS tags and lemmas.
            The ``rules`` backend has none: its words have ``upos`` guessed from
            the surface form, ``head == 0`` and ``deprel == "dep"``.
        has_ner: Whether ``entities`` come from a statistical NER model.
        date: The publication date, used to resolve dated roles.
        repairs: The repair steps applied before annotation, as
            ``(name, count)`` pairs, for the record.
        warnings: What the backend bounded on this text (sentences longer than
            :data:`geotext.backends.MAX_SENTENCE_WORDS` split at safe points).
    """

    text: str = field(validator=instance_of(str))
    sentences: tuple[Sentence, ...]
    backend: str
    has_parse: bool
    has_ner: bool
    date: datetime.date | None = None
    repairs: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def entities(self) -> tuple[Entity, ...]:
        """All entity spans of the document, in order."""
        return tuple(e for s in self.sentences for e in s.entities)

    @property
    def words(self) -> Iterator[tuple[Sentence, Word]]:
        """Yield ``(sentence, word)`` for every word of the document, in order."""
        return ((s, w) for s in self.sentences for w in s.words)

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence containing character ``offset``, or ``None``.

        Sentences are in text order and do not overlap: the last one starting at or
        before ``offset`` is the only candidate (a C bisection).
        """
        k = bisect.bisect_right(self.sentences, offset, key=_start) - 1
        if k >= 0 and offset < self.sentences[k].end:
            return self.sentences[k]
        return None
