"""The result of :func:`geotext.analyze`: a document and what was found in it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import regex
from attrs import frozen

from geotext.actors import Actor
from geotext.backends import gc_paused
from geotext.hedges import Claim, Hedge
from geotext.model import Document, Sentence, Word
from geotext.quotes import Method, Quote

__all__ = ["SCHEMA", "Analysis", "dumps"]

SCHEMA = "geotext.analysis/2"
"""Identifier of the JSON layout written by :meth:`Analysis.to_dict`. It changes only
when a key is renamed or removed or a value changes form; new keys may appear within
one schema. Version 2: a claim's ``evidence`` lists indices into ``hedges`` (version 1
repeated each hedge object in full)."""


# repr(Analysis) shows this much of the text and of the first actors' ids.
_REPR_TEXT = 40
_REPR_ACTORS = 3
_REPR_ID = 40

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def dumps(data: object, *, indent: int | None = None) -> str:
    r"""JSON text that always encodes as UTF-8: characters are kept as they are, except
    lone surrogates, which are written as ``\udXXX`` escapes.

    Lone surrogates come from text decoded with ``errors="surrogateescape"``. geotext
    keeps them in spans (offsets must index the caller's string), so raw they would
    make the JSON unencodable; escaped, ``json.loads`` gives back the same string.
    Control characters are escaped by :func:`json.dumps` itself.

    Example:
        >>> from geotext.analysis import dumps
        >>> out = dumps({"text": "a\udcff\x00b"})
        >>> out
        '{"text": "a\\udcff\\u0000b"}'
        >>> import json; json.loads(out.encode("utf-8"))["text"] == "a\udcff\x00b"
        True
    """
    out = json.dumps(data, ensure_ascii=False, indent=indent)
    return _escape_surrogates(out)


def _escape_surrogates(out: str) -> str:
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out) if _SURROGATE.search(out) else out


# One encoder for the records of :meth:`Analysis.to_json` (``json.dumps`` with options
# builds a new one per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def _hedge_refs(hedges: tuple[Hedge, ...]) -> Callable[[Hedge], object]:
    """What a claim's ``evidence`` lists for a hedge: its index in ``hedges`` (found by
    identity, else by value), or the hedge's dict when it is not among them (a claim
    built by hand)."""
    by_id = {id(h): k for k, h in enumerate(hedges)}
    by_value: dict[Hedge, int] = {}

    def ref(h: Hedge) -> object:
        k = by_id.get(id(h))
        if k is None:
            if not by_value:
                for k2, h2 in enumerate(hedges):
                    by_value.setdefault(h2, k2)
            k = by_value.get(h)
        return h.to_dict() if k is None else k

    return ref


def _word_dict(w: Word) -> dict[str, object]:
    return {
        "id": w.id,
        "text": w.text,
        "start": w.start,
        "end": w.end,
        "lemma": w.lemma,
        "upos": w.upos,
        "xpos": w.xpos,
        "feats": w.feats,
        "head": w.head,
        "deprel": w.deprel,
        "ner": w.ner,
    }


def _sentence_dict(s: Sentence, words: bool) -> dict[str, object]:
    d: dict[str, object] = {"index": s.index, "text": s.text, "start": s.start, "end": s.end}
    d["entities"] = [{"text": e.text, "start": e.start, "end": e.end, "label": e.label} for e in s.entities]
    if words:
        d["words"] = [_word_dict(w) for w in s.words]
    return d


@frozen(kw_only=True)
class Analysis:
    """A document with the actors, quotes and hedges found in it.

    Attributes:
        document: The annotated document (the caller's text is ``document.text``).
        actors: Resolved actors, each with all its mentions.
        quotes: Attributed quotes (direct, partial, indirect, mixed).
        hedges: Hedge, booster, estimative, negation and stance cues.
        claims: One certainty judgement per sentence and per quoted stretch,
            combining the hedges in it (see :func:`geotext.hedges.claims`).
        warnings: Where geotext bounded its work on this text, one line each: runs
            of words without a sentence break split at safe points
            (:data:`geotext.backends.MAX_SENTENCE_WORDS`), cues beyond
            :data:`geotext.hedges.MAX_CUES_PER_SENTENCE` in a sentence. Empty for
            ordinary prose.
        quote_method: How the quotes were decided (``"combined"``, ``"rules"`` or
            ``"tagger"``: the ``method`` argument of :func:`geotext.analyze`, with
            ``"auto"`` resolved for the document's backend).
    """

    document: Document
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    hedges: tuple[Hedge, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = ()
    quote_method: Method = "rules"

    def __repr__(self) -> str:
        """A short summary: the backend, the text's length and start, and counts.

        Bounded whatever the text (the first 40 characters, the first three actor ids): the whole record
        is in :meth:`to_dict`.

        Example:
            >>> import geotext
            >>> geotext.analyze("Putin met Lukashenko in Minsk. Both spoke.", backend="rules")
            Analysis(backend='rules', text=42 chars 'Putin met Lukashenko in Minsk. Both spok…', sentences=2, actors=3 ['person:vladimir-putin', 'person:alexander-lukashenko', 'place:minsk'], quotes=0, hedges=0, claims=2, warnings=0)
        """
        doc = self.document
        head = doc.text[:_REPR_TEXT]
        preview = repr(head + "…" if len(doc.text) > _REPR_TEXT else head)
        ids = [a.id[:_REPR_ID] for a in self.actors[:_REPR_ACTORS]]
        more = f" +{len(self.actors) - _REPR_ACTORS}" if len(self.actors) > _REPR_ACTORS else ""
        return (
            f"Analysis(backend={doc.backend!r}, text={len(doc.text)} chars {preview}, "
            f"sentences={len(doc.sentences)}, actors={len(self.actors)} {ids}{more}, "
            f"quotes={len(self.quotes)}, hedges={len(self.hedges)}, claims={len(self.claims)}, "
            f"warnings={len(self.warnings)})"
        )

    @property
    def text(self) -> str:
        """The caller's original text."""
        return self.document.text

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The document's sentences."""
        return self.document.sentences

    def to_dict(self, *, words: bool = False) -> dict[str, object]:
        """Return the analysis as JSON-ready data.

        Top-level keys: ``schema``, ``backend``, ``quote_method``, ``date``,
        ``text_length``, ``repairs``, ``sentences``, ``actors``, ``quotes``, ``hedges``,
        ``claims``, ``warnings``. Every span
        object has ``text``, ``start`` and ``end`` (offsets into the original text).

        Args:
            words: Include each sentence's words (form, lemma, POS, head, deprel, NER).

        Example:
            >>> import geotext
            >>> d = geotext.analyze("Putin spoke.", backend="rules").to_dict()
            >>> sorted(d)
            ['actors', 'backend', 'claims', 'date', 'hedges', 'quote_method', 'quotes', 'repairs', 'schema', 'sentences', 'text_length', 'warnings']
            >>> d["sentences"][0]["text"], [a["id"] for a in d["actors"]]
            ('Putin spoke.', ['person:vladimir-putin'])
        """
        with gc_paused():
            return {k: list(v) if isinstance(v, Iterator) else v for k, v in self._fields(words)}

    def _fields(self, words: bool) -> Iterator[tuple[str, object]]:
        """The top-level keys of :meth:`to_dict` in order, each with its value: the
        record lists as iterators of records' dicts (:meth:`to_json` encodes one
        record at a time)."""
        doc = self.document
        yield "schema", SCHEMA
        yield "backend", doc.backend
        yield "quote_method", self.quote_method
        yield "date", doc.date.isoformat() if doc.date else None
        yield "text_length", len(doc.text)
        yield "repairs", dict(doc.repairs)
        yield "sentences", (_sentence_dict(s, words) for s in doc.sentences)
        yield "actors", (a.to_dict() for a in self.actors)
        yield "quotes", (q.to_dict() for q in self.quotes)
        yield "hedges", (h.to_dict() for h in self.hedges)
        ref = _hedge_refs(self.hedges)
        yield "claims", (c.to_dict(hedge_ref=ref) for c in self.claims)
        yield "warnings", iter(self.warnings)

    def to_json(self, *, words: bool = False, indent: int | None = None) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept as they are;
        lone surrogates escaped, see :func:`dumps`, so it always encodes as UTF-8).

        Without ``indent`` the records are encoded one at a time, so the whole dict tree
        of :meth:`to_dict` never exists at once (the text is the same as
        ``dumps(self.to_dict())``).

        Example:
            >>> import geotext, json
            >>> json.loads(geotext.analyze("", backend="rules").to_json())["sentences"]
            []
        """
        with gc_paused():
            if indent is not None:
                return dumps(self.to_dict(words=words), indent=indent)
            parts: list[str] = ["{"]
            for key, value in self._fields(words):
                if len(parts) > 1:
                    parts.append(", ")
                parts.append(_ENCODE(key))
                parts.append(": ")
                if not isinstance(value, Iterator):
                    parts.append(_escape_surrogates(_ENCODE(value)))
                    continue
                parts.append("[")
                for n, record in enumerate(value):
                    if n:
                        parts.append(", ")
                    parts.append(_escape_surrogates(_ENCODE(record)))
                parts.append("]")
            parts.append("}")
            return "".join(parts)

    def to_html(self, *, title: str | None = None) -> str:
        """Return a standalone HTML page showing the text with its quotes, hedges and
        actors highlighted, and side tables of actors and quotes (see
        :mod:`geotext.page`). The page loads nothing from the network.

        Args:
            title: The page title (default ``"geotext analysis"``).

        Example:
            >>> import geotext
            >>> page = geotext.analyze("Putin spoke.", backend="rules").to_html(title="Minsk")
            >>> "<title>Minsk</title>" in page and "person:vladimir-putin" in page
            True
        """
        from geotext.page import render

        return render(self, title=title)
