"""The public functions: analyze, analyze_many (and the capability functions).

Each accepts text as a ``str``; capability functions also accept an existing
:class:`~geotext.model.Document` or :class:`~geotext.analysis.Analysis`, so a
document is annotated once and read many times.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from attrs import evolve

from geotext import actors as _actors
from geotext import hedges as _hedges
from geotext import quotes as _quotes
from geotext.actors import Actor, KnowledgeBase
from geotext.analysis import Analysis
from geotext.backends import annotate, gc_paused
from geotext.errors import InputError
from geotext.hedges import Hedge
from geotext.model import Document
from geotext.quotes import METHODS, Method, Quote

__all__ = [
    "DateLike",
    "analyze",
    "analyze_many",
    "check_method",
    "check_options",
    "detect_hedges",
    "extract_quotes",
    "resolve_actors",
]

DateLike = datetime.date | str | None
"""A publication date: a :class:`datetime.date`/``datetime``, an ISO ``YYYY-MM-DD``
string, or ``None`` (roles are then resolved as of today)."""

TextItem = str | tuple[str, DateLike]
"""An item of :func:`analyze_many`: a text, or ``(text, date)``."""


def check_text(text: object, *, what: str = "text") -> str:
    """Return ``text`` if it is a ``str``; raise :class:`InputError` naming the fix.

    Example:
        >>> from geotext.api import check_text
        >>> check_text(b"abc")
        Traceback (most recent call last):
        ...
        geotext.errors.InputError: text must be str, not bytes; decode it first, e.g. data.decode('utf-8')
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise InputError(
            f"{what} must be str, not {type(text).__name__}; decode it first, e.g. data.decode('utf-8')"
        )
    if text is None:
        raise InputError(f"{what} must be str, not None")
    raise InputError(f"{what} must be str, not {type(text).__name__}")


def parse_date(date: object) -> datetime.date | None:
    """Turn a :data:`DateLike` into a :class:`datetime.date` (or ``None``).

    Example:
        >>> from geotext.api import parse_date
        >>> parse_date("2024-03-01")
        datetime.date(2024, 3, 1)
    """
    if date is None:
        return None
    if isinstance(date, datetime.datetime):
        return date.date()
    if isinstance(date, datetime.date):
        return date
    if isinstance(date, str):
        try:
            return datetime.date.fromisoformat(date.strip())
        except ValueError:
            raise InputError(f"date {date!r} is not an ISO date; write it as YYYY-MM-DD") from None
    raise InputError(f"date must be a datetime.date or a 'YYYY-MM-DD' string, not {type(date).__name__}")


def check_options(backend: object, models: object, kb: object) -> None:
    """Check the options every public function shares; raise :class:`InputError` naming
    the argument at fault (an unknown backend *name* is a
    :class:`~geotext.errors.BackendError`, raised where the backend is built).

    Example:
        >>> from geotext.api import check_options
        >>> check_options("rules", None, "my_kb.yaml")
        Traceback (most recent call last):
        ...
        geotext.errors.InputError: kb must be a geotext.KnowledgeBase or None, not str; load files with KnowledgeBase.load([path])
    """
    if not isinstance(backend, str):
        raise InputError(f"backend must be a str ('stanza' or 'rules'), not {type(backend).__name__}")
    if models is not None and not isinstance(models, (str, os.PathLike)):
        raise InputError(f"models must be a directory path (str or os.PathLike), not {type(models).__name__}")
    if kb is not None and not isinstance(kb, KnowledgeBase):
        raise InputError(
            f"kb must be a geotext.KnowledgeBase or None, not {type(kb).__name__}; "
            "load files with KnowledgeBase.load([path])"
        )


def check_method(method: object) -> Method:
    """Return ``method`` if it names a way to decide quotes (:data:`geotext.quotes.METHODS`);
    raise :class:`InputError` naming the argument otherwise.

    Example:
        >>> from geotext.api import check_method
        >>> check_method("tagger")
        'tagger'
        >>> check_method("crf")
        Traceback (most recent call last):
        ...
        geotext.errors.InputError: method must be one of 'auto', 'combined', 'rules', 'tagger', not 'crf'
    """
    for m in METHODS:
        if method == m and isinstance(method, str):
            return m
    choices = ", ".join(repr(m) for m in METHODS)
    raise InputError(f"method must be one of {choices}, not {method!r}")


def _finish(doc: Document, kb: KnowledgeBase | None = None, method: Method = "auto") -> Analysis:
    """Run the capabilities over an annotated document.

    Order matters: the quote rules find the quotes and their speaker phrases first
    (a pronoun speaker continues the speaker of the previous quote), actor resolution
    then resolves those phrases, quotes name their speakers through the resolved
    actors, and hedges take their holders from the quotes.

    The cyclic garbage collector is paused meanwhile, as in annotation: the
    capabilities build many small records that live to the end, and collecting over
    a large document's words again and again cost about a tenth of the analysis; the
    records hold no cycles, and reference counting frees the rest as usual.
    """
    with gc_paused():
        return _capabilities(doc, kb, method)


def _capabilities(doc: Document, kb: KnowledgeBase | None, method: Method) -> Analysis:
    method = _quotes.resolve_method(method, doc.backend)
    drafts = _quotes.drafts(doc, method)
    actors = _actors.resolve(doc, date=doc.date, kb=kb, quotes=_quotes.sites(drafts))
    quotes = _quotes.extract(doc, actors, found=drafts)
    warnings = list(doc.warnings)
    hedges = _hedges.detect(doc, quotes=quotes, actors=actors, warnings=warnings)
    claims = _hedges.claims(doc, hedges, quotes=quotes)
    return Analysis(
        document=doc,
        actors=actors,
        quotes=quotes,
        hedges=hedges,
        claims=claims,
        warnings=tuple(warnings),
        quote_method=method,
    )


def analyze(
    text: str,
    *,
    date: DateLike = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    kb: KnowledgeBase | None = None,
    method: Method = "auto",
) -> Analysis:
    """Annotate ``text`` and find its actors, quotes and hedges.

    Args:
        text: The article text. It is never modified: every offset in the result
            indexes this string, even where geotext repaired the text internally
            (quote marks, glued words, odd spaces).
        date: The publication date, for roles that change over time.
        backend: ``"stanza"`` (default; parses and NER) or ``"rules"`` (no models).
        models: stanza model directory; default ``GEOTEXT_STANZA_DIR``, then
            ``STANZA_RESOURCES_DIR``, then stanza's own directory.
        kb: The actor knowledge base; default the one shipped with geotext (see
            :class:`geotext.actors.KnowledgeBase` to load and merge your own).
        method: How quotes are decided: ``"auto"`` (default: ``"combined"`` on the
            stanza backend, ``"rules"`` on the rules backend;
            :func:`geotext.quotes.resolve_method`), ``"rules"`` (the hand rules
            alone: no torch for quotes, the fastest), ``"combined"`` (the hand
            rules, kept or dropped and completed by the learned BiLSTM-CRF tagger,
            each quote's ``confidence`` a calibrated probability) or ``"tagger"``
            (the tagger's relations alone). The method used is recorded as
            ``Analysis.quote_method``. See :doc:`quotes`.

    Returns:
        An :class:`~geotext.analysis.Analysis`. Empty or whitespace-only text gives
        an analysis with no sentences.

    Raises:
        InputError: ``text`` is not a ``str`` (``bytes`` must be decoded first),
            ``date`` is not a date, or ``method`` is not one of the four.
        ModelNotFoundError: The stanza models cannot be found.
        BackendError: An unknown backend name, or models that do not load.

    Example:
        >>> import geotext
        >>> a = geotext.analyze("Putin met Lukashenko in Minsk. Both spoke.", backend="rules")
        >>> [(s.start, s.end) for s in a.sentences]
        [(0, 30), (31, 42)]
        >>> a.quote_method  # method="auto" on the rules backend
        'rules'
        >>> rules = geotext.analyze("“We will win,” the minister said.", backend="rules", method="rules")
        >>> [(q.text, q.evidence, q.confidence) for q in rules.quotes]
        [('We will win', 'direct:cue-after', 0.9)]
    """
    return next(
        analyze_many([(check_text(text), date)], backend=backend, models=models, kb=kb, method=method)
    )


def _batched(
    items: Iterable[TextItem], size: int, default: datetime.date | None
) -> Iterator[list[tuple[str, datetime.date | None]]]:
    it = iter(items)
    n = 0
    while batch := list(islice(it, size)):
        out: list[tuple[str, datetime.date | None]] = []
        for item in batch:
            try:
                if isinstance(item, tuple) and len(item) == 2:
                    text, d = item
                    out.append((check_text(text, what=f"texts[{n}]"), _item_date(d, n) or default))
                else:
                    out.append((check_text(item, what=f"texts[{n}]"), default))
            except InputError:
                # The items before the bad one are still analysed and yielded.
                if out:
                    yield out
                raise
            n += 1
        yield out


def _item_date(value: object, index: int) -> datetime.date | None:
    try:
        return parse_date(value)
    except InputError as exc:
        raise InputError(f"texts[{index}]: {exc}") from None


def _worker_init() -> None:
    """Worker processes share the machine's cores: one torch thread each."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch comes with stanza
        return
    torch.set_num_threads(1)


def _run_batch(
    batch: Sequence[tuple[str, datetime.date | None]],
    backend: str,
    models: str | None,
    kb: KnowledgeBase | None,
    method: Method = "auto",
) -> list[Analysis]:
    # One pause of the cyclic collector for the whole batch (annotation and every
    # text's capabilities) instead of one per step: each time it is switched back on,
    # a collection runs over everything made meanwhile (see gc_paused).
    with gc_paused():
        texts = [t for t, _ in batch]
        docs = annotate(texts, backend=backend, models=models)
        out = []
        for doc, (_, d) in zip(docs, batch, strict=True):
            if d is not None:
                doc = evolve(doc, date=d)
            out.append(_finish(doc, kb, method))
    return out


def analyze_many(
    texts: Iterable[TextItem],
    *,
    date: DateLike = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    kb: KnowledgeBase | None = None,
    method: Method = "auto",
) -> Iterator[Analysis]:
    """Analyse many texts, yielding one :class:`Analysis` per text, in order.

    Texts go through the backend in batches of ``batch_size`` (stanza is much
    faster on batches than on one text at a time). With ``n_process > 1`` batches
    are spread over worker processes, each loading its own models once.

    Args:
        texts: Texts, or ``(text, date)`` pairs for per-article dates.
        date: Default publication date for items without their own.
        backend: ``"stanza"`` or ``"rules"``.
        models: stanza model directory (see :func:`analyze`).
        batch_size: Texts per backend call.
        n_process: Worker processes (1: work in this process).
        kb: The actor knowledge base (see :func:`analyze`).
        method: How quotes are decided, ``"auto"`` (default), ``"combined"``,
            ``"rules"`` or ``"tagger"`` (see :func:`analyze`).

    Every result before a bad item is yielded before its :class:`InputError` is
    raised, so a long run keeps its completed work. With ``n_process > 1`` the calling
    script must guard its entry point with ``if __name__ == "__main__":`` (worker
    processes are started with ``spawn`` and import the main module); each worker
    loads its own models once and uses one torch thread.

    Raises:
        InputError: An item is not a ``str`` or its date is bad (the index is named),
            or an option has the wrong type or value (the argument is named).

    Example:
        >>> import geotext
        >>> [len(a.sentences) for a in geotext.analyze_many(["One. Two.", "", "Three."], backend="rules")]
        [2, 0, 1]
        >>> texts = ["“No,” she said.", "He said that it rained."]
        >>> [len(a.quotes) for a in geotext.analyze_many(texts, backend="rules", method="rules")]
        [1, 1]
    """
    if texts is None or not isinstance(texts, Iterable):
        raise InputError(f"texts must be an iterable of str or (str, date) pairs, not {type(texts).__name__}")
    if isinstance(texts, (str, bytes, bytearray)):
        raise InputError(
            f"texts must be an iterable of str (a list of articles), not a single "
            f"{type(texts).__name__}; use geotext.analyze() for one text"
        )
    if not isinstance(batch_size, int) or batch_size < 1:
        raise InputError(f"batch_size must be a positive int, not {batch_size!r}")
    if not isinstance(n_process, int) or n_process < 1:
        raise InputError(f"n_process must be a positive int, not {n_process!r}")
    check_options(backend, models, kb)
    method = check_method(method)
    default = parse_date(date)
    model_dir = os.fspath(models) if models is not None else None
    batches = _batched(texts, batch_size, default)
    if n_process == 1:
        for batch in batches:
            yield from _run_batch(batch, backend, model_dir, kb, method)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n_process, mp_context=ctx, initializer=_worker_init) as pool:
        pending: list[Future[list[Analysis]]] = []
        try:
            for batch in batches:
                pending.append(pool.submit(_run_batch, batch, backend, model_dir, kb, method))
                # Keep a bounded number of batches in flight so memory stays flat.
                while len(pending) > 2 * n_process:
                    yield from pending.pop(0).result()
        except InputError:
            # A bad item must not discard the batches already sent: every result
            # before it is yielded, then the error propagates.
            for fut in pending:
                yield from fut.result()
            raise
        for fut in pending:
            yield from fut.result()


def _analysis(
    source: str | Document | Analysis,
    *,
    date: DateLike,
    backend: str,
    models: str | os.PathLike[str] | None,
    kb: KnowledgeBase | None,
    method: Method | None = None,
) -> Analysis:
    """Return an Analysis for any accepted input, annotating at most once.

    ``method`` ``None`` keeps an :class:`Analysis`'s own quotes (and means
    ``"auto"`` for anything else)."""
    check_options(backend, models, kb)
    chosen = None if method is None else check_method(method)
    if isinstance(source, Analysis):
        d = parse_date(date)
        same = (
            chosen is None or _quotes.resolve_method(chosen, source.document.backend) == source.quote_method
        )
        if (d is None or d == source.document.date) and kb is None and same:
            return source
        # Another date, knowledge base or quote method changes the result: run the
        # capabilities again on the stored document (no re-annotation).
        doc = evolve(source.document, date=d) if d is not None else source.document
        return _finish(doc, kb, chosen or source.quote_method)
    if isinstance(source, Document):
        d = parse_date(date)
        return _finish(evolve(source, date=d) if d is not None else source, kb, chosen or "auto")
    return analyze(
        check_text(source), date=date, backend=backend, models=models, kb=kb, method=chosen or "auto"
    )


def resolve_actors(
    source: str | Document | Analysis,
    *,
    date: DateLike = None,
    kb: KnowledgeBase | None = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
) -> list[Actor]:
    """Find every actor mentioned in ``source`` and resolve it to a canonical actor.

    Args:
        source: A text, or a :class:`~geotext.model.Document` /
            :class:`~geotext.analysis.Analysis` already made (then nothing is annotated
            again; for an Analysis its stored actors are returned unless ``date`` or
            ``kb`` asks for another resolution).
        date: Publication date: titles such as "the Russian President" resolve to the
            holder of the role on that date (default: today).
        kb: Actor knowledge base (default: the shipped one).
        backend: Backend used when ``source`` is a text.
        models: stanza model directory (see :func:`analyze`).

    Returns:
        The actors in order of first mention, each with all its mentions.

    Example:
        >>> import geotext
        >>> actors = geotext.resolve_actors("NATO met in Brussels.", backend="rules")
        >>> [(a.id, a.name) for a in actors][:1]
        [('igo:nato', 'NATO')]
    """
    return list(_analysis(source, date=date, backend=backend, models=models, kb=kb).actors)


def extract_quotes(
    source: str | Document | Analysis,
    *,
    date: DateLike = None,
    kb: KnowledgeBase | None = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    method: Method | None = None,
) -> list[Quote]:
    """Find the direct, partial, mixed and indirect quotes of ``source``.

    Each quote has its content span(s), its cue, its source as written and the
    actors the source refers to (resolved through :func:`resolve_actors`).

    Args:
        source: A text, a :class:`~geotext.model.Document` or an
            :class:`~geotext.analysis.Analysis`.
        date: Publication date, for speakers named by their role.
        kb: Actor knowledge base (default: the shipped one).
        backend: Backend used when ``source`` is a text.
        models: stanza model directory (see :func:`analyze`).
        method: How quotes are decided, ``"auto"``, ``"combined"``, ``"rules"`` or
            ``"tagger"`` (see :func:`analyze`). Default: an
            :class:`~geotext.analysis.Analysis`'s own method (its quotes as they
            are), else ``"auto"``.

    Returns:
        The quotes in text order.

    Raises:
        InputError: ``method`` (or another option) is not valid; the argument is named.

    Example:
        >>> import geotext
        >>> q = geotext.extract_quotes("“We will not give up,” Zelensky said.", backend="rules")[0]
        >>> q.kind, q.text, q.cue.text, [a.name for a in q.actors]
        ('direct', 'We will not give up', 'said', ['Volodymyr Zelensky'])
    """
    return list(_analysis(source, date=date, backend=backend, models=models, kb=kb, method=method).quotes)


def detect_hedges(
    source: str | Document | Analysis,
    *,
    date: DateLike = None,
    kb: KnowledgeBase | None = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
) -> list[Hedge]:
    """Find hedges, boosters, estimative language, negation and reporting stance.

    Args:
        source: A text, a :class:`~geotext.model.Document` or an
            :class:`~geotext.analysis.Analysis`.
        date: Publication date (used for the holders' actors).
        kb: Actor knowledge base (default: the shipped one).
        backend: Backend used when ``source`` is a text.
        models: stanza model directory (see :func:`analyze`).

    Returns:
        The cues in text order, each with category, scope, holder and, for
        estimative language, an ICD 203 probability range.

    Example:
        >>> import geotext
        >>> h = geotext.detect_hedges("An attack remains unlikely.", backend="rules")
        >>> [(x.text, x.category, x.probability) for x in h]
        [('unlikely', 'estimative', (0.2, 0.45))]
    """
    return list(_analysis(source, date=date, backend=backend, models=models, kb=kb).hedges)
