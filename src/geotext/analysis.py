"""The result of :func:`geotext.analyze`: a document and what was found in it."""

from __future__ import annotations

import json

import regex
from attrs import frozen

from geotext.actors import Actor
from geotext.backends import gc_paused
from geotext.hedges import Claim, Hedge
from geotext.model import Document, Sentence, Word
from geotext.quotes import Method, Quote

__all__ = ["SCHEMA", "Analysis", "dumps"]

SCHEMA = "geotext.analysis/1"
"""Identifier of the JSON layout written by :meth:`Analysis.to_dict`. It changes only
when a key is renamed or removed; new keys may appear within one schema."""


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
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


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
            ``"tagger"``; the ``method`` argument of :func:`geotext.analyze`).
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
            return self._as_dict(words, share=False)

    def _as_dict(self, words: bool, *, share: bool) -> dict[str, object]:
        """:meth:`to_dict`; with ``share`` the claims' evidence reuses the hedges'
        dicts (the same objects twice: fine for JSON text, not for callers who
        edit the data, so only :meth:`to_json` shares)."""
        doc = self.document
        hedges = [h.to_dict() for h in self.hedges]
        hedge_dict = None
        if share:
            made = {id(h): d for h, d in zip(self.hedges, hedges, strict=True)}

            def hedge_dict(h: Hedge) -> dict[str, object]:
                d = made.get(id(h))
                return h.to_dict() if d is None else d

        return {
            "schema": SCHEMA,
            "backend": doc.backend,
            "quote_method": self.quote_method,
            "date": doc.date.isoformat() if doc.date else None,
            "text_length": len(doc.text),
            "repairs": dict(doc.repairs),
            "sentences": [_sentence_dict(s, words) for s in doc.sentences],
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "hedges": hedges,
            "claims": [c.to_dict(hedge_dict=hedge_dict) for c in self.claims],
            "warnings": list(self.warnings),
        }

    def to_json(self, *, words: bool = False, indent: int | None = None) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept as they are;
        lone surrogates escaped, see :func:`dumps`, so it always encodes as UTF-8).

        Example:
            >>> import geotext, json
            >>> json.loads(geotext.analyze("", backend="rules").to_json())["sentences"]
            []
        """
        with gc_paused():
            return dumps(self._as_dict(words, share=True), indent=indent)

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
