"""Annotator backends behind one small interface.

Two backends ship:

``stanza`` (default)
    stanza's tokenize, mwt, pos, lemma, depparse and ner processors. Models come
    from the ``models`` argument, else ``GEOTEXT_STANZA_DIR``, else
    ``STANZA_RESOURCES_DIR``, else stanza's default directory (downloaded there by
    stanza for users with a network).
``rules``
    No models: regex sentences and tokens, surface POS guesses, no parse, no NER.
    Works anywhere and is the fast path for very large corpora.

stanza is imported lazily, only when the stanza backend is first used.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import os
from collections.abc import Iterator, Sequence
from typing import Protocol

import regex

from geotext.backends._build import (
    MAX_SENTENCE_WORDS,
    RawEntity,
    RawSentence,
    RawToken,
    build_document,
    split_long_sentences,
    split_warnings,
)
from geotext.errors import BackendError
from geotext.model import Document
from geotext.repair import repair
from geotext.repair.offsets import OffsetMap

__all__ = ["BACKENDS", "MAX_SENTENCE_WORDS", "Backend", "annotate", "gc_paused", "get_backend"]

BACKENDS = ("stanza", "rules")
"""Names accepted by :func:`get_backend`."""

#: Repaired texts longer than this go through stanza in paragraph-aligned chunks, so
#: memory stays bounded however long the input is.
MAX_CHUNK = 20_000


class Backend(Protocol):
    """What a backend provides: a name, its capabilities, and batch annotation."""

    name: str
    has_parse: bool
    has_ner: bool

    def annotate(self, texts: list[str]) -> list[list[RawSentence]]:
        """Annotate a batch of (repaired) texts; offsets index each text."""
        ...


@functools.cache
def _cached_backend(name: str, directory: str | None, may_download: bool) -> Backend:
    if name == "rules":
        from geotext.backends._rules import RulesBackend

        return RulesBackend()
    from geotext.backends._stanza import StanzaBackend

    return StanzaBackend(str(directory), may_download=may_download)


def get_backend(name: str = "stanza", models: str | os.PathLike[str] | None = None) -> Backend:
    """Return the backend called ``name``, built once per process and reused.

    Args:
        name: ``"stanza"`` or ``"rules"``.
        models: The stanza model directory (stanza backend only).

    Raises:
        BackendError: If ``name`` is not a known backend.
        ModelNotFoundError: If the stanza models cannot be found.

    Example:
        >>> from geotext.backends import get_backend
        >>> get_backend("rules").name
        'rules'
    """
    if not isinstance(name, str) or name not in BACKENDS:
        raise BackendError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "stanza":
        # Resolve the directory now so the environment at call time decides.
        from geotext.backends._stanza import resolve_models_dir

        directory, may_download = resolve_models_dir(models)
        return _cached_backend(name, str(directory), may_download)
    return _cached_backend(name, None, False)


_BREAKS = regex.compile(r"\n\s*\n|(?<=[.!?][\"')\]]?)\s+(?=\S)|\s+")


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """Split ``text`` into spans of at most ``limit`` characters at paragraph breaks,
    else sentence ends, else any whitespace (a hard cut only inside a run of
    ``limit`` characters with no whitespace at all)."""
    if len(text) <= limit:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for pattern in (r"\n\s*\n", r"[.!?][\"')\]]?\s+", r"\s+"):
            last = None
            for m in regex.finditer(pattern, window):
                last = m
            if last is not None and last.end() > limit // 4:
                cut = start + last.end()
                break
        if cut <= start:
            cut = start + limit
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def _shift(sentences: list[RawSentence], by: int) -> list[RawSentence]:
    if not by:
        return sentences
    return [
        s._replace(
            tokens=tuple(
                RawToken(start=t.start + by, end=t.end + by, words=t.words, ner=t.ner) for t in s.tokens
            ),
            entities=tuple(RawEntity(start=e.start + by, end=e.end + by, label=e.label) for e in s.entities),
        )
        for s in sentences
    ]


def annotate(
    texts: Sequence[str],
    *,
    backend: str | Backend = "stanza",
    models: str | os.PathLike[str] | None = None,
    date: datetime.date | None = None,
) -> list[Document]:
    """Repair and annotate a batch of texts, returning one :class:`Document` each.

    The texts must already be validated ``str`` objects (see
    :func:`geotext.api.analyze` for the checks on user input). Every offset in the
    returned documents indexes the corresponding original text.

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["Putin met Lukashenko. They talked."], backend="rules")[0]
        >>> [s.text for s in doc.sentences]
        ['Putin met Lukashenko.', 'They talked.']
    """
    be = get_backend(backend, models) if isinstance(backend, str) else backend
    with gc_paused():
        return _annotate(texts, be, date)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built.

    Annotation allocates millions of small acyclic objects (tokens, words); each
    allocation burst triggers generation-0 collections that find nothing to free and
    cost more than the work itself (measured: rules backend 0.6 -> 1.2 MB/s). The
    objects hold no reference cycles, so pausing is safe; reference counting still
    frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _annotate(texts: Sequence[str], be: Backend, date: datetime.date | None) -> list[Document]:
    maps: list[OffsetMap] = [repair(t) for t in texts]
    limit = (
        MAX_CHUNK if be.name == "stanza" else max(MAX_CHUNK, max((len(m.repaired) for m in maps), default=0))
    )
    pieces: list[str] = []
    owners: list[tuple[int, int]] = []  # (text index, chunk offset)
    for i, m in enumerate(maps):
        for s, e in _chunks(m.repaired, limit):
            if m.repaired[s:e].strip():
                pieces.append(m.repaired[s:e])
                owners.append((i, s))
    results = be.annotate(pieces) if pieces else []
    per_text: list[list[RawSentence]] = [[] for _ in texts]
    for (i, offset), sents in zip(owners, results, strict=True):
        per_text[i].extend(_shift(sents, offset))
    docs: list[Document] = []
    for i, m in enumerate(maps):
        sents = split_long_sentences(m.repaired, per_text[i])
        warnings = split_warnings(sents)
        docs.append(
            build_document(
                m,
                sents,
                backend=be.name,
                has_parse=be.has_parse,
                has_ner=be.has_ner,
                date=date,
                warnings=warnings,
            )
        )
    return docs
