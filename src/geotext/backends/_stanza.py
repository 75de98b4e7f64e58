"""The stanza backend: tokenize, mwt, pos, lemma, depparse, ner.

stanza (and torch) are imported only when this backend is first used, so
``import geotext`` stays light. One pipeline per model directory is built and
reused; texts go through stanza in batches (``Pipeline.bulk_process``).
"""

from __future__ import annotations

import functools
import logging
import os
import socket
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from geotext.backends._build import (
    MAX_SENTENCE_WORDS,
    RawEntity,
    RawSentence,
    RawToken,
    RawWord,
    cut_point,
)
from geotext.errors import BackendError, InputError, ModelNotFoundError

if TYPE_CHECKING:
    import stanza

__all__ = ["PROCESSORS", "StanzaBackend", "resolve_models_dir"]

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
_REQUIRED = ("tokenize", "pos", "lemma", "depparse", "ner")
_ENV_VARS = ("GEOTEXT_STANZA_DIR", "STANZA_RESOURCES_DIR")


def _default_stanza_dir() -> Path:
    return Path(os.path.expanduser("~")) / "stanza_resources"


def _has_models(directory: Path) -> list[str]:
    """Return the processors whose English models are missing from ``directory``."""
    if not (directory / "resources.json").is_file():
        return ["resources.json"]
    en = directory / "en"
    return [p for p in _REQUIRED if not any((en / p).glob("*.pt"))]


def resolve_models_dir(models: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """Find the stanza model directory geotext should use.

    Order: the ``models`` argument, then ``GEOTEXT_STANZA_DIR``, then
    ``STANZA_RESOURCES_DIR``, then stanza's default ``~/stanza_resources``.

    Returns:
        ``(directory, may_download)``. Only the default directory may be filled by
        stanza's own download; a directory the caller named must already hold models.

    Raises:
        ModelNotFoundError: A named directory is missing or lacks a required model.
    """
    named: Path | None = None
    source = ""
    if models is not None:
        if not isinstance(models, (str, os.PathLike)):
            raise InputError(
                f"models must be a directory path (str or os.PathLike), not {type(models).__name__}"
            )
        if not os.fspath(models).strip():
            raise InputError("models is an empty path; pass a stanza model directory or leave models unset")
        named, source = Path(models), "the models= argument"
    else:
        for var in _ENV_VARS:
            value = os.environ.get(var)
            if value:
                named, source = Path(value), f"${var}"
                break
    if named is None:
        return _default_stanza_dir(), True
    if named.exists() and not named.is_dir():
        raise ModelNotFoundError(
            f"stanza model directory {str(named)!r} (from {source}) is a file, not a directory; "
            "point GEOTEXT_STANZA_DIR or models= at the directory holding resources.json",
            directory=str(named),
        )
    if not named.is_dir():
        raise ModelNotFoundError(
            f"stanza model directory {str(named)!r} (from {source}) does not exist; "
            "point GEOTEXT_STANZA_DIR or models= at a directory holding stanza's English "
            "models (resources.json and en/<processor>/*.pt), or use backend='rules'",
            directory=str(named),
        )
    missing = _has_models(named)
    if missing:
        raise ModelNotFoundError(
            f"stanza model directory {str(named)!r} (from {source}) has no "
            f"{', '.join(missing)}; copy a complete English model set there "
            "(python -c \"import stanza; stanza.download('en', model_dir=DIR)\" on a "
            "machine with a network), or use backend='rules'",
            directory=str(named),
        )
    return named, False


def _network_reachable(host: str = "raw.githubusercontent.com", port: int = 443) -> bool:
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


@functools.cache
def _pipeline(directory: str, may_download: bool) -> stanza.Pipeline:
    try:
        import stanza
    except ImportError as exc:  # pragma: no cover - stanza is a hard dependency
        raise BackendError("the stanza backend needs the 'stanza' package: pip install stanza") from exc
    path = Path(directory)
    download_method = None
    if may_download and _has_models(path):
        # stanza's download would block for minutes on a machine without a network;
        # fail fast with the fix instead.
        if not _network_reachable():
            raise ModelNotFoundError(
                f"no stanza models in {directory!r} and stanza's download server is not "
                "reachable; set GEOTEXT_STANZA_DIR (or pass models=) to a directory holding "
                "stanza's English models, or use backend='rules'",
                directory=directory,
            )
        download_method = stanza.DownloadMethod.REUSE_RESOURCES
    try:
        return stanza.Pipeline(
            "en",
            dir=directory,
            processors=PROCESSORS,
            download_method=download_method,
            logging_level="WARN",
            use_gpu=False,
            tokenize_no_ssplit=False,
        )
    except Exception as exc:  # a damaged .pt raises EOFError, UnpicklingError, struct.error ...
        reason = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise BackendError(
            f"stanza could not load its models from {directory!r} ({type(exc).__name__}: {reason}); "
            "a model file may be damaged or incomplete: check the directory holds a complete "
            "English set (see the geotext docs, 'Models'), or use backend='rules'"
        ) from exc


class StanzaBackend:
    """Annotate with stanza's neural pipeline (the default backend)."""

    name = "stanza"
    has_parse = True
    has_ner = True

    def __init__(self, directory: str, *, may_download: bool = False) -> None:
        """Load (once per process) the pipeline for ``directory``.

        Use :func:`geotext.backends.get_backend`, which resolves the directory
        (:func:`resolve_models_dir`) and caches the backend.
        """
        self.directory = directory
        logging.getLogger("stanza").setLevel(logging.WARNING)
        self._nlp = _pipeline(directory, may_download)

    def annotate(self, texts: list[str]) -> list[list[RawSentence]]:
        """Annotate repaired texts in one batch; offsets index each text."""
        import stanza

        if not texts:
            return []
        docs = [stanza.Document([], text=t) for t in texts]
        # Tokenize first, split runs longer than MAX_SENTENCE_WORDS at safe points,
        # then tag and parse: parsing time grows about cubically with sentence
        # length (2,000 words with no sentence break took 65 s).
        docs = self._nlp.process(docs, processors="tokenize,mwt")
        split = [_split_long(d) for d in docs]
        done = self._nlp.process([d for d, _ in split], processors="pos,lemma,depparse,ner")
        return [_convert(d, pieces) for d, (_, pieces) in zip(done, split, strict=True)]


def _split_long(doc: stanza.Document, limit: int = MAX_SENTENCE_WORDS) -> tuple[stanza.Document, set[int]]:
    """Return ``doc`` (tokenized, not yet tagged) with every sentence of more than
    ``limit`` tokens cut at safe points (see :func:`geotext.backends._build.cut_point`),
    and the indices of the sentences that are such pieces. Multi-word tokens stay
    whole; word ids are renumbered per piece."""
    import stanza

    if all(len(s.tokens) <= limit for s in doc.sentences):
        return doc, set()
    pieces: list[list[dict[str, object]]] = []
    cut_up: set[int] = set()
    for sent in doc.to_dict():
        # Group the entries into tokens: a multi-word token's range entry and its words.
        tokens: list[list[dict[str, object]]] = []
        pending = 0
        for entry in sent:
            if pending:
                tokens[-1].append(entry)
                pending -= 1
                continue
            tokens.append([entry])
            ident = entry["id"]
            if isinstance(ident, tuple):
                pending = int(ident[1]) - int(ident[0]) + 1
        spans = tuple(RawToken(int(t[0]["start_char"]), int(t[0]["end_char"]), ()) for t in tokens)  # type: ignore[call-overload]
        start = first = 0  # first: words before the piece
        was_cut = len(tokens) > limit
        while start < len(tokens):
            cut = len(tokens) if len(tokens) - start <= limit else cut_point(doc.text, spans, start, limit)
            piece: list[dict[str, object]] = []
            for t in tokens[start:cut]:
                for entry in t:
                    e = dict(entry)
                    ident = e["id"]
                    e["id"] = (
                        (int(ident[0]) - first, int(ident[1]) - first)
                        if isinstance(ident, tuple)
                        else int(ident) - first  # type: ignore[call-overload]
                    )
                    piece.append(e)
            if was_cut:
                cut_up.add(len(pieces))
            pieces.append(piece)
            first += sum(len(t) - (len(t) > 1) for t in tokens[start:cut])
            start = cut
    return stanza.Document(pieces, text=doc.text), cut_up


def _convert(doc: stanza.Document, pieces: Collection[int] = ()) -> list[RawSentence]:
    out: list[RawSentence] = []
    for index, sent in enumerate(doc.sentences):
        tokens: list[RawToken] = []
        for tok in sent.tokens:
            words = tuple(
                RawWord(
                    form=w.text,
                    lemma=w.lemma if w.lemma is not None else w.text,
                    upos=w.upos or "X",
                    xpos=w.xpos or "_",
                    feats=w.feats or "_",
                    head=int(w.head) if w.head is not None else 0,
                    deprel=w.deprel or "dep",
                )
                for w in tok.words
            )
            tokens.append(RawToken(start=tok.start_char, end=tok.end_char, words=words, ner=tok.ner or "O"))
        ents = tuple(RawEntity(start=e.start_char, end=e.end_char, label=e.type) for e in sent.ents)
        out.append(RawSentence(tokens=tuple(tokens), entities=ents, split=index in pieces))
    return out
