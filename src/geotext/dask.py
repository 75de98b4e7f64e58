"""Corpus runs on Dask: :func:`geotext.analyze_many` over the partitions of a Dask bag
or DataFrame, one pipeline per worker process. Needs ``pip install 'geotext[dask]'``.

Each partition goes through :func:`analyze_partition`: the first call in a worker
process sets torch to one thread and loads the backend (the stanza models, once per
process, then reused by every later partition); the partition's texts then go through
the backend in batches. :func:`worker_plugin` does the loading when a worker starts,
so the first task does not pay for it. Results are JSON records,
``{"source": <id>, **Analysis.to_dict()}``, the layout of ``geotext analyze --format
jsonl``; :func:`to_jsonl` writes one JSONL file per partition.

Use worker *processes* with one thread each (``LocalCluster(n_workers=N,
threads_per_worker=1)``): stanza and torch release the GIL only in part, and a second
thread per worker would share its one pipeline (calls are serialised by a lock).

Example (the synchronous scheduler, in this process):
    >>> import dask, dask.bag as db
    >>> from geotext import dask as gd
    >>> bag = db.from_sequence([{"source": "a", "text": "Putin spoke."}, {"source": "b", "text": "Hi."}],
    ...                        npartitions=2)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     out = gd.analyze_bag(bag, backend="rules").compute()
    >>> [(r["source"], [x["id"] for x in r["actors"]]) for r in out]
    [('a', ['person:vladimir-putin']), ('b', [])]
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from geotext.actors import KnowledgeBase
from geotext.api import DateLike, analyze_many, check_method, check_options, parse_date
from geotext.errors import InputError, MissingExtraError
from geotext.quotes import Method

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas
    from distributed import WorkerPlugin

__all__ = [
    "analyze_bag",
    "analyze_frame",
    "analyze_partition",
    "from_files",
    "prepare",
    "to_jsonl",
    "worker_plugin",
]

_WARM_UP = "“We will not give up,” Zelensky told NATO in Brussels. She said it was likely."
_LOCK = threading.Lock()
_PREPARED: set[tuple[str, str | None]] = set()


def _require() -> None:
    try:
        import dask.bag  # noqa: F401
    except ImportError:
        raise MissingExtraError(
            "geotext.dask needs Dask: pip install 'geotext[dask]' (or pip install 'dask[distributed]')"
        ) from None


def prepare(backend: str = "stanza", models: str | os.PathLike[str] | None = None) -> None:
    """Get this process ready to analyse: one torch thread, the backend, the KB, the
    lexicons and the learned models loaded (by analysing one short text).

    Idempotent and cheap after the first call (the backend is built once per process).
    :func:`analyze_partition` calls it; :func:`worker_plugin` calls it when a worker
    starts.

    Example:
        >>> from geotext.dask import prepare
        >>> prepare("rules")
    """
    check_options(backend, models, None)
    key = (backend, None if models is None else os.fspath(models))
    with _LOCK:
        if key in _PREPARED:
            return
        if backend == "stanza":
            os.environ.setdefault("OMP_NUM_THREADS", "1")
            from geotext.api import _worker_init

            _worker_init()
        # One small analysis loads everything loaded lazily on first use: the backend
        # (stanza's models), the KB, the lexicons and the learned rankers.
        list(analyze_many([_WARM_UP], backend=backend, models=models))
        _PREPARED.add(key)


def _item(item: object, n: int) -> tuple[object, str, DateLike]:
    """``(source, text, date)`` of a partition item."""
    if isinstance(item, str):
        return None, item, None
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InputError(f"partition item {n} has no 'text' key (keys: {sorted(item)})")
        return item.get("source"), item["text"], item.get("date")
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], item[1], None
    raise InputError(
        f"partition item {n} must be a str, a (source, text) pair or a dict with 'text', "
        f"not {type(item).__name__}"
    )


def analyze_partition(
    items: Iterable[Any],
    *,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    date: DateLike = None,
    batch_size: int = 32,
    words: bool = False,
    kb: KnowledgeBase | None = None,
    method: Method = "auto",
) -> list[dict[str, Any]]:
    """Analyse one partition and return its JSON records, in order.

    Args:
        items: Each a text, a ``(source, text)`` pair, or a dict with ``"text"`` and
            optionally ``"source"`` (any id, kept in the record) and ``"date"``.
        backend: ``"stanza"`` or ``"rules"``.
        models: stanza model directory (see :func:`geotext.analyze`).
        date: Default publication date for items without their own.
        batch_size: Texts per backend call.
        words: Include each sentence's words in the records.
        kb: Actor knowledge base (default: the shipped one).
        method: How quotes are decided: ``"auto"`` (default), ``"combined"``,
            ``"rules"`` or ``"tagger"`` (see :func:`geotext.analyze`).

    Raises:
        InputError: An option is not valid (the argument is named) or an item is bad.

    Example:
        >>> from geotext.dask import analyze_partition
        >>> [r["source"] for r in analyze_partition([("x", "One."), {"text": "Two."}], backend="rules")]
        ['x', None]
    """
    method = check_method(method)
    prepare(backend, models)
    parsed = [_item(item, n) for n, item in enumerate(items)]
    default = parse_date(date)
    texts = [(text, d if d is not None else default) for _, text, d in parsed]
    with _LOCK:
        analyses = list(
            analyze_many(texts, backend=backend, models=models, batch_size=batch_size, kb=kb, method=method)
        )
    return [
        {"source": source, **a.to_dict(words=words)}
        for (source, _, _), a in zip(parsed, analyses, strict=True)
    ]


def analyze_bag(
    bag: dask.bag.Bag,
    *,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    date: DateLike = None,
    batch_size: int = 32,
    words: bool = False,
    kb: KnowledgeBase | None = None,
    method: Method = "auto",
) -> dask.bag.Bag:
    """Map :func:`analyze_partition` over the partitions of ``bag`` (lazily); the
    options are those of :func:`analyze_partition`, checked here, before any task runs.

    Returns:
        A bag of JSON records with the partitions of ``bag``, in its order.
    """
    _require()
    check_options(backend, models, kb)
    method = check_method(method)
    parse_date(date)
    result: dask.bag.Bag = bag.map_partitions(
        analyze_partition,
        backend=backend,
        models=None if models is None else os.fspath(models),
        date=date,
        batch_size=batch_size,
        words=words,
        kb=kb,
        method=method,
    )
    return result


def _frame_items(
    part: pandas.DataFrame, text: str, source: str | None, date: str | None
) -> list[dict[str, Any]]:
    for column in (text, source, date):
        if column is not None and column not in part.columns:
            raise InputError(f"the DataFrame has no column {column!r} (columns: {list(part.columns)})")
    texts = part[text].tolist()
    sources = part[source].tolist() if source is not None else part.index.tolist()
    dates = part[date].tolist() if date is not None else [None] * len(texts)
    return [{"source": s, "text": t, "date": d} for s, t, d in zip(sources, texts, dates, strict=True)]


def analyze_frame(
    frame: dask.dataframe.DataFrame,
    *,
    text: str = "text",
    source: str | None = None,
    date_column: str | None = None,
    backend: str = "stanza",
    models: str | os.PathLike[str] | None = None,
    date: DateLike = None,
    batch_size: int = 32,
    words: bool = False,
    kb: KnowledgeBase | None = None,
    method: Method = "auto",
) -> dask.bag.Bag:
    """Analyse the ``text`` column of a Dask DataFrame, partition by partition.

    Args:
        frame: The DataFrame.
        text: The column holding the texts.
        source: The column whose value becomes each record's ``"source"``; default
            the index.
        date_column: A column of per-row publication dates (``YYYY-MM-DD`` strings or
            dates); ``date`` is the default for empty ones.
        backend, models, date, batch_size, words, kb, method: As for
            :func:`analyze_partition`.

    Returns:
        A bag of JSON records, one partition per DataFrame partition.
    """
    _require()
    import dask.bag as db
    from dask.delayed import delayed

    check_options(backend, models, kb)
    method = check_method(method)
    parse_date(date)
    model_dir = None if models is None else os.fspath(models)
    parts = [
        delayed(_frame_partition)(
            part, text, source, date_column, backend, model_dir, date, batch_size, words, kb, method
        )
        for part in frame.to_delayed()
    ]
    result: dask.bag.Bag = db.from_delayed(parts)
    return result


def _frame_partition(
    part: pandas.DataFrame,
    text: str,
    source: str | None,
    date_column: str | None,
    backend: str,
    models: str | None,
    date: DateLike,
    batch_size: int,
    words: bool,
    kb: KnowledgeBase | None,
    method: Method,
) -> list[dict[str, Any]]:
    items = _frame_items(part, text, source, date_column)
    return analyze_partition(
        items,
        backend=backend,
        models=models,
        date=date,
        batch_size=batch_size,
        words=words,
        kb=kb,
        method=method,
    )


def _read_file(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return {"source": path, "text": fh.read()}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text: {exc}") from None


def from_files(paths: Sequence[str | os.PathLike[str]], *, npartitions: int | None = None) -> dask.bag.Bag:
    """A bag of ``{"source": path, "text": ...}`` items, the files read on the workers.

    Args:
        paths: UTF-8 text files.
        npartitions: Partitions (default: Dask's choice, about 100 items each).
    """
    _require()
    import dask.bag as db

    names = [os.fspath(p) for p in paths]
    bag: dask.bag.Bag = db.from_sequence(names, npartitions=npartitions).map(_read_file)
    return bag


def _part_name(i: int) -> str:
    return f"{i:05d}"


def _dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def to_jsonl(records: dask.bag.Bag, directory: str | os.PathLike[str]) -> list[str]:
    """Compute ``records`` and write one JSONL file per partition,
    ``DIRECTORY/part-00000.jsonl`` ...; return the paths.

    Each worker writes its own partitions, so nothing is gathered on the client.
    """
    _require()
    os.makedirs(directory, exist_ok=True)
    paths: list[str] = records.map(_dumps).to_textfiles(
        os.path.join(os.fspath(directory), "part-*.jsonl"), name_function=_part_name, last_endline=True
    )
    return paths


def worker_plugin(backend: str = "stanza", models: str | os.PathLike[str] | None = None) -> WorkerPlugin:
    """A Dask worker plugin that calls :func:`prepare` on every worker as it starts
    (``client.register_plugin(worker_plugin("stanza"))``), so models load once per
    worker before the first task."""
    _require()
    check_options(backend, models, None)
    from distributed import WorkerPlugin

    model_dir = None if models is None else os.fspath(models)

    class GeotextPlugin(WorkerPlugin):
        name = "geotext"

        def setup(self, worker: Any) -> None:
            prepare(backend, model_dir)

    return GeotextPlugin()
