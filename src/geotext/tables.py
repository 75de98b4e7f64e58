"""Results as tables and JSONL: :func:`to_frame`, :func:`records`, :func:`write_jsonl`.

Every function takes *analyses*: one :class:`~geotext.analysis.Analysis`, an iterable
of them (a list, or the generator :func:`geotext.analyze_many` returns), or a mapping
from a document id to an analysis. Each item may also be the JSON form of an analysis
(``Analysis.to_dict()``, a line of ``geotext analyze --format jsonl`` or of
:func:`write_jsonl`), so saved results load into the same tables.

The document id of a row is the mapping's key, else the item's ``"source"`` when it
has one (JSON written by the command line or :func:`write_jsonl`), else the item's
position (0, 1, ...).

Example:
    >>> import geotext
    >>> from geotext.tables import records
    >>> a = geotext.analyze("“We will not give up,” Zelensky said.", backend="rules")
    >>> row = records([a], "quotes")[0]
    >>> row["document"], row["kind"], row["text"], row["speaker"], row["actor_id"]
    (0, 'direct', 'We will not give up', 'Zelensky', 'person:volodymyr-zelensky')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

from geotext.analysis import Analysis
from geotext.errors import InputError, MissingExtraError

if TYPE_CHECKING:
    import pandas

__all__ = ["COLUMNS", "KINDS", "Analyses", "records", "to_frame", "write_jsonl"]

Item = Analysis | Mapping[str, Any]
Analyses = Item | Iterable[Item] | Mapping[Any, Item]
"""What the functions here accept (see the module docstring)."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "quotes": (
        "document", "quote", "kind", "text", "start", "end", "parts",
        "cue", "cue_start", "cue_end", "cue_type", "cue_class", "stance",
        "speaker", "speaker_start", "speaker_end",
        "actor_id", "actor_name", "actor_ids", "actor_names",
        "confidence", "evidence", "sentences",
    ),
    "hedges": (
        "document", "hedge", "text", "start", "end", "category", "strength", "modality",
        "probability_low", "probability_high", "level", "cue_probability", "negated", "polarity",
        "scope", "scope_start", "scope_end",
        "holder_kind", "holder_name", "holder_actor_id", "holder_actor_name", "holder_quote",
        "stance", "sentence", "rule", "evidence",
    ),
    "actors": (
        "document", "actor", "id", "name", "type", "mentions", "text", "start", "end",
        "forms", "wikidata", "iso3", "cameo", "in_kb", "roles", "affiliations",
    ),
    "mentions": (
        "document", "actor", "actor_id", "actor_name", "text", "start", "end",
        "kind", "metonymic", "sentence", "evidence",
    ),
    "claims": (
        "document", "claim", "text", "start", "end", "sentence", "certainty", "factbank",
        "probability_low", "probability_high", "author_stance",
        "holder_kind", "holder_name", "holder_actor_id", "holder_actor_name", "cues", "rule",
    ),
}  # fmt: skip
"""The columns of each table, in order. ``quote``, ``hedge``, ``actor`` and ``claim``
are the record's index in its document; offsets index the document's original text;
``probability_low``/``_high`` are the ICD 203 range (or ``None``)."""

KINDS: tuple[str, ...] = tuple(COLUMNS)
"""The tables: one row per quote, hedge, actor, actor mention or claim."""


def _items(analyses: Analyses, words: bool = False) -> Iterator[tuple[object, Mapping[str, Any]]]:
    """``(document id, analysis as JSON data)`` for every item, lazily."""
    if isinstance(analyses, Analysis) or (isinstance(analyses, Mapping) and "schema" in analyses):
        data = _data(analyses, 0, words)
        yield data.get("source", 0), data
        return
    if isinstance(analyses, Mapping):
        for key, item in analyses.items():
            yield key, _data(item, key, words)
        return
    given: object = analyses
    if isinstance(given, (str, bytes)) or not isinstance(analyses, Iterable):
        raise InputError(
            "analyses must be an Analysis, an iterable of them or a mapping id -> Analysis, "
            f"not {type(analyses).__name__}"
        )
    for n, item in enumerate(analyses):
        data = _data(item, n, words)
        yield data.get("source", n), data


def _data(item: object, where: object, words: bool) -> Mapping[str, Any]:
    if isinstance(item, Analysis):
        return item.to_dict(words=words)
    if isinstance(item, Mapping) and "schema" in item:
        return item
    raise InputError(
        f"analyses[{where!r}] must be a geotext.Analysis or its to_dict() data, not {type(item).__name__}"
    )


def _span(d: Mapping[str, Any] | None) -> tuple[Any, Any, Any]:
    return (d["text"], d["start"], d["end"]) if d else (None, None, None)


def _prob(p: list[float] | None) -> tuple[float | None, float | None]:
    return (p[0], p[1]) if p else (None, None)


def _quote_rows(doc: object, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for i, q in enumerate(data["quotes"]):
        cue, cue_start, cue_end = _span(q["cue"])
        spk, spk_start, spk_end = _span(q["source"])
        refs = q["actors"]
        yield {
            "document": doc, "quote": i, "kind": q["kind"], "text": q["text"],
            "start": q["start"], "end": q["end"], "parts": len(q["content"]),
            "cue": cue, "cue_start": cue_start, "cue_end": cue_end, "cue_type": q["cue_type"],
            "cue_class": q["cue_class"], "stance": q["stance"],
            "speaker": spk, "speaker_start": spk_start, "speaker_end": spk_end,
            "actor_id": refs[0]["id"] if len(refs) == 1 else None,
            "actor_name": refs[0]["name"] if len(refs) == 1 else None,
            "actor_ids": [r["id"] for r in refs], "actor_names": [r["name"] for r in refs],
            "confidence": q["confidence"], "evidence": q["evidence"], "sentences": q["sentences"],
        }  # fmt: skip


def _holder(h: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "holder_kind": h["kind"],
        "holder_name": h["name"],
        "holder_actor_id": h["actor_id"],
        "holder_actor_name": h["actor_name"],
    }


def _hedge_rows(doc: object, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for i, h in enumerate(data["hedges"]):
        lo, hi = _prob(h["probability"])
        scope, scope_start, scope_end = _span(h["scope"])
        yield {
            "document": doc, "hedge": i, "text": h["text"], "start": h["start"], "end": h["end"],
            "category": h["category"], "strength": h["strength"], "modality": h["modality"],
            "probability_low": lo, "probability_high": hi, "level": h["level"],
            "cue_probability": h.get("cue_probability"), "negated": h["negated"], "polarity": h["polarity"],
            "scope": scope, "scope_start": scope_start, "scope_end": scope_end,
            **_holder(h["holder"]), "holder_quote": h["holder"]["quote"],
            "stance": h["stance"], "sentence": h["sentence"], "rule": h["rule"], "evidence": h["evidence"],
        }  # fmt: skip


def _actor_rows(doc: object, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for i, a in enumerate(data["actors"]):
        mentions = a["mentions"]
        text, start, end = _span(mentions[0] if mentions else None)
        record = a["record"] or {}
        yield {
            "document": doc, "actor": i, "id": a["id"], "name": a["name"], "type": a["type"],
            "mentions": len(mentions), "text": text, "start": start, "end": end,
            "forms": sorted({m["text"] for m in mentions}),
            "wikidata": record.get("wikidata"), "iso3": record.get("iso3"), "cameo": record.get("cameo"),
            "in_kb": a["record"] is not None, "roles": a["roles"], "affiliations": a["affiliations"],
        }  # fmt: skip


def _mention_rows(doc: object, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    for i, a in enumerate(data["actors"]):
        for m in a["mentions"]:
            yield {
                "document": doc, "actor": i, "actor_id": a["id"], "actor_name": a["name"],
                "text": m["text"], "start": m["start"], "end": m["end"], "kind": m["kind"],
                "metonymic": m["metonymic"], "sentence": m["sentence"], "evidence": m["evidence"],
            }  # fmt: skip


def _claim_rows(doc: object, data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    hedges = data["hedges"]
    for i, c in enumerate(data["claims"]):
        # schema 2 lists the hedges' indices, schema 1 the hedge objects
        cues = [(hedges[h] if isinstance(h, int) else h)["text"] for h in c["evidence"]]
        lo, hi = _prob(c["probability"])
        yield {
            "document": doc, "claim": i, "text": c["text"], "start": c["start"], "end": c["end"],
            "sentence": c["sentence"], "certainty": c["certainty"], "factbank": c["factbank"],
            "probability_low": lo, "probability_high": hi, "author_stance": c["author_stance"],
            **_holder(c["holder"]), "cues": cues, "rule": c["rule"],
        }  # fmt: skip


_ROWS = {
    "quotes": _quote_rows,
    "hedges": _hedge_rows,
    "actors": _actor_rows,
    "mentions": _mention_rows,
    "claims": _claim_rows,
}


def _check_kind(kind: object) -> str:
    if not isinstance(kind, str) or kind not in _ROWS:
        raise InputError(f"kind must be one of {', '.join(map(repr, KINDS))}, not {kind!r}")
    return kind


def records(analyses: Analyses, kind: str) -> list[dict[str, Any]]:
    """Return one flat dict per quote, hedge, actor, mention or claim (``kind``).

    The keys are :data:`COLUMNS` ``[kind]``; list-valued cells (``actor_ids``,
    ``forms``, ``cues`` ...) stay lists. :func:`to_frame` is this as a DataFrame.

    Raises:
        InputError: ``kind`` is not one of :data:`KINDS`, or an item is not an analysis.

    Example:
        >>> import geotext
        >>> from geotext.tables import records
        >>> a = geotext.analyze("An attack remains unlikely.", backend="rules")
        >>> [(r["text"], r["probability_low"], r["probability_high"]) for r in records(a, "hedges")]
        [('unlikely', 0.2, 0.45)]
    """
    rows = _ROWS[_check_kind(kind)]
    return [row for doc, data in _items(analyses) for row in rows(doc, data)]


def to_frame(analyses: Analyses, kind: str) -> pandas.DataFrame:
    """Return a pandas DataFrame with one row per quote, hedge, actor, mention or claim.

    Needs pandas: ``pip install 'geotext[frames]'``. The columns are
    :data:`COLUMNS` ``[kind]`` (also when there are no rows); ``document`` says which
    analysis a row comes from (see the module docstring).

    Args:
        analyses: An Analysis, an iterable of them, a mapping id -> Analysis, or their
            JSON data (see the module docstring).
        kind: ``"quotes"``, ``"hedges"``, ``"actors"``, ``"mentions"`` or ``"claims"``.

    Raises:
        MissingExtraError: pandas is not installed.
        InputError: ``kind`` is not one of :data:`KINDS`, or an item is not an analysis.

    Example:
        >>> import geotext
        >>> texts = {"a": "Putin met Lukashenko in Minsk.", "b": "NATO said it was ready."}
        >>> df = geotext.to_frame({k: geotext.analyze(t, backend="rules") for k, t in texts.items()}, "actors")
        >>> df[["document", "id", "start", "end"]].values.tolist()[:3]
        [['a', 'person:vladimir-putin', 0, 5], ['a', 'person:alexander-lukashenko', 10, 20], ['a', 'place:minsk', 24, 29]]
    """
    kind = _check_kind(kind)
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "geotext.to_frame needs pandas: pip install 'geotext[frames]' (or pip install pandas)"
        ) from None
    frame: pandas.DataFrame = pandas.DataFrame(records(analyses, kind), columns=list(COLUMNS[kind]))
    return frame


def write_jsonl(analyses: Analyses, path: str | os.PathLike[str] | IO[str], *, words: bool = False) -> int:
    """Write one JSON line per analysis, as each one arrives, and return the count.

    A generator (:func:`geotext.analyze_many`) is consumed one analysis at a time, so
    memory stays flat over a corpus. Each line is ``{"source": <document id>,
    **Analysis.to_dict()}``, the layout of ``geotext analyze --format jsonl``.

    Args:
        analyses: See the module docstring.
        path: A file path (created or replaced) or an open text file.
        words: Include each sentence's words (as ``Analysis.to_dict(words=True)``).

    Example:
        >>> import geotext, io, json
        >>> buf = io.StringIO()
        >>> write_jsonl(geotext.analyze_many(["One.", "Two. Three."], backend="rules"), buf)
        2
        >>> [(r["source"], len(r["sentences"])) for r in map(json.loads, buf.getvalue().splitlines())]
        [(0, 1), (1, 2)]
    """
    if isinstance(path, (str, os.PathLike)):
        with open(path, "w", encoding="utf-8") as fh:
            return _write_lines(analyses, fh, words)
    return _write_lines(analyses, path, words)


def _write_lines(analyses: Analyses, fh: IO[str], words: bool) -> int:
    n = 0
    for doc, data in _items(analyses, words):
        record = {"source": doc, **{k: v for k, v in data.items() if k != "source"}}
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
