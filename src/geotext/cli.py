"""Command line: ``geotext analyze PATH... [options]`` (also ``python -m geotext``).

Exit codes:
    0: every input was analysed (empty inputs included, with a warning).
    1: at least one input could not be read (missing, unreadable, not UTF-8); the
       others were still analysed and printed.
    2: bad command line (unknown option, bad date).
    3: the backend could not start (models missing or broken).
    4: the output could not be written (standard output closed, disk full).
    130: interrupted.
    141: the reader of standard output went away (``geotext ... | head``); nothing is
       printed, as other Unix tools do.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from geotext.analysis import Analysis
from geotext.api import analyze_many, parse_date
from geotext.errors import BackendError, GeotextError, InputError, ModelNotFoundError

__all__ = ["EXIT_BACKEND", "EXIT_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "MAX_BYTES", "main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BACKEND, EXIT_OUTPUT = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_PIPE = 130, 141

MAX_BYTES = 50_000_000
"""Default largest input (bytes) the command line reads; ``--max-bytes`` raises it.
A larger input (``/dev/zero``, a mistaken binary) is refused instead of filling memory."""


class _OutputError(Exception):
    """Standard output cannot be written; carries the one-line reason."""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="geotext",
        description="Quotes, hedges and named actors in geopolitical news text.",
    )
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse text files ('-' reads standard input)")
    a.add_argument("paths", nargs="+", metavar="PATH", help="UTF-8 text files, or - for stdin")
    a.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    a.add_argument("--backend", choices=("stanza", "rules"), default="stanza")
    a.add_argument("--models", metavar="DIR", help="stanza model directory")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (for dated roles)")
    a.add_argument("--words", action="store_true", help="include words (POS, lemma, parse) in JSON")
    a.add_argument("--batch-size", type=_positive, default=16, metavar="N", help="texts per backend call")
    a.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {MAX_BYTES:,})",
    )
    _add_kb_parser(sub)
    return p


def _add_kb_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``geotext kb info [--format text|json]``: what the shipped actor KB holds."""
    kb = sub.add_parser("kb", help="the actor knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    info = kb_sub.add_parser("info", help="sources, licences, record counts, ids, build date")
    info.add_argument("--format", choices=("text", "json"), default="text")


def _kb_text(info: dict[str, object]) -> str:
    """``geotext kb info`` as lines of text."""
    lines = [f"actor knowledge base, generated part built {info['built'] or 'never'}"]
    lines.append(f"records: {info['total']}, with a Wikidata id: {info['with_wikidata']}")
    records, qids = info["records"], info["wikidata"]
    if isinstance(records, dict) and isinstance(qids, dict):
        for kind, n in records.items():
            lines.append(f"  {kind:<17} {n:>6} records {qids.get(kind, 0):>6} with a QID")
    lines.append("sources:")
    sources = info["sources"]
    for src in sources if isinstance(sources, list) else []:
        commit = (
            f", commit {str(src['commit'])[:10]} ({src.get('commit_date', '')})" if src.get("commit") else ""
        )
        lines.append(f"  {src['name']}: {src.get('title', '')} [{src['licence']}]{commit}")
        if src.get("url"):
            lines.append(f"    {src['url']}")
    lines.append(f"rebuild: {info['command']}")
    return "\n".join(lines)


def _kb_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run ``geotext kb info``: print the KB's build manifest and counts."""
    from geotext.actors.kb import kb_info

    try:
        info = kb_info()
    except GeotextError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_INPUT
    text = json.dumps(info, ensure_ascii=False, indent=2) if args.format == "json" else _kb_text(info)
    try:
        _write(out, text)
        _flush(out)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    except _OutputError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_OUTPUT
    return EXIT_OK


def _read(path: str, stdin: TextIO | None, limit: int = MAX_BYTES) -> str:
    """Read one input of at most ``limit`` bytes; raise :class:`InputError` with a
    message for the user."""
    if path == "-" and (stdin is None or stdin.closed):
        raise InputError("-: standard input is closed; pass a file path instead")
    try:
        if path == "-" and stdin is not None:
            if hasattr(stdin, "buffer"):
                data = stdin.buffer.read(limit + 1)
            else:
                data = stdin.read(limit + 1).encode("utf-8")
        else:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    except (OSError, ValueError) as exc:  # ValueError: a closed file object
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limit:
        raise InputError(
            f"{path}: larger than {limit:,} bytes; raise the limit with --max-bytes if it is text"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def _render_text(name: str, a: Analysis) -> str:
    lines = [
        f"== {name}: {len(a.sentences)} sentences, {len(a.actors)} actors, "
        f"{len(a.quotes)} quotes, {len(a.hedges)} hedges"
    ]
    for actor in a.actors:
        forms = sorted({m.text for m in actor.mentions})
        lines.append(f"actor\t{actor.id}\t{actor.name}\t{len(actor.mentions)} mentions: {', '.join(forms)}")
    for q in a.quotes:
        speaker = q.source.text if q.source else "-"
        who = ", ".join(r.name for r in q.actors) or "unresolved"
        cue = q.cue.text if q.cue else "-"
        lines.append(f"quote\t{q.start}-{q.end}\t{q.kind}\t{speaker} [{who}] {cue}: {q.text[:70]!r}")
    for h in a.hedges:
        extra = f" p={h.probability}" if h.probability else ""
        holder = h.holder.name or h.holder.kind
        lines.append(f"hedge\t{h.start}-{h.end}\t{h.category}{extra}\t{h.text!r} (holder: {holder})")
    return "\n".join(lines)


def _progress(items: Sequence[str], err: TextIO) -> Iterator[str]:
    if len(items) < 2 or not err.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, file=err, unit="file", desc="geotext")


def _write(out: TextIO, text: str) -> None:
    """Write one record; turn an unwritable output into :class:`_OutputError`
    (a vanished reader stays :class:`BrokenPipeError`)."""
    try:
        out.write(text + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(f"cannot write output: {exc.strerror or exc}") from None
    except ValueError:  # writing to a closed file object
        raise _OutputError("cannot write output: standard output is closed") from None


def _flush(out: TextIO) -> None:
    try:
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _OutputError(f"cannot write output: {exc.strerror or exc}") from None
    except ValueError:
        raise _OutputError("cannot write output: standard output is closed") from None


def _silence_stdout() -> None:
    """After a broken pipe, point fd 1 at /dev/null so the interpreter's final flush
    does not print a second error (the recipe of Python's signal documentation)."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line and return its exit code (see the module docstring)."""
    stdin = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    err: TextIO = stderr or sys.stderr or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command == "kb":
        return _kb_command(args, out, err)
    try:
        date = parse_date(args.date)
    except InputError as exc:
        print(f"geotext: --date: {exc}", file=err)
        return EXIT_USAGE
    if out is None or out.closed:
        print("geotext: standard output is closed; redirect it to a file (> out.json)", file=err)
        return EXIT_OUTPUT
    status = EXIT_OK
    names: list[str] = []
    texts: list[str] = []
    for path in _progress(args.paths, err):
        try:
            text = _read(path, stdin, args.max_bytes)
        except InputError as exc:
            print(f"geotext: {exc}", file=err)
            status = EXIT_INPUT
            continue
        if not text.strip():
            print(f"geotext: warning: {path}: empty input, nothing to analyse", file=err)
        names.append("<stdin>" if path == "-" else path)
        texts.append(text)
    try:
        results = _analyse_and_write(args, names, texts, date, out)
        if args.format == "json" and (results or status == EXIT_OK):
            payload: object = results[0] if len(args.paths) == 1 and len(results) == 1 else results
            _write(out, json.dumps(payload, ensure_ascii=False, indent=2))
        _flush(out)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_PIPE
    except _OutputError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_OUTPUT
    except (ModelNotFoundError, BackendError) as exc:
        print(f"geotext: {_cli_words(str(exc))}", file=err)
        return EXIT_BACKEND
    except GeotextError as exc:
        print(f"geotext: {_cli_words(str(exc))}", file=err)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("geotext: interrupted", file=err)
        return EXIT_INTERRUPTED
    return status


def _cli_words(message: str) -> str:
    """Say the command line's options where a message names the Python arguments."""
    return (
        message.replace("backend='rules'", "--backend rules")
        .replace("or models=", "or --models")
        .replace("pass models=", "pass --models")
        .replace("models= argument", "--models option")
    )


def _analyse_and_write(
    args: argparse.Namespace,
    names: list[str],
    texts: list[str],
    date: datetime.date | None,
    out: TextIO,
) -> list[dict[str, object]]:
    """Analyse ``texts``; print text and JSONL records as they come, return JSON ones."""
    results: list[dict[str, object]] = []
    analyses = analyze_many(
        texts, date=date, backend=args.backend, models=args.models, batch_size=args.batch_size
    )
    for name, analysis in zip(names, analyses, strict=True):
        if args.format == "text":
            _write(out, _render_text(name, analysis))
            continue
        record = {"source": name, **analysis.to_dict(words=args.words)}
        if args.format == "jsonl":
            _write(out, json.dumps(record, ensure_ascii=False))
        else:
            results.append(record)
    return results
