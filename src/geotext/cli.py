"""Command line: ``geotext analyze PATH... [options]`` (also ``python -m geotext``).

Exit codes:
    0: every input was analysed (empty inputs included, with a warning).
    1: at least one input could not be read (missing, unreadable, not UTF-8); the
       others were still analysed and printed.
    2: bad command line (unknown option, bad date).
    3: the backend could not start (models missing or broken).
    130: interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from geotext.analysis import Analysis
from geotext.api import analyze_many, parse_date
from geotext.errors import BackendError, GeotextError, InputError, ModelNotFoundError

__all__ = ["EXIT_BACKEND", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_BACKEND, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


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
    a.add_argument("--batch-size", type=int, default=16, metavar="N")
    return p


def _read(path: str, stdin: TextIO) -> str:
    """Read one input; raise :class:`InputError` with a message for the user."""
    try:
        if path == "-":
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
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


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line and return its exit code (see the module docstring)."""
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        date = parse_date(args.date)
    except InputError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_USAGE
    status = EXIT_OK
    names: list[str] = []
    texts: list[str] = []
    for path in _progress(args.paths, err):
        try:
            text = _read(path, stdin)
        except InputError as exc:
            print(f"geotext: {exc}", file=err)
            status = EXIT_INPUT
            continue
        if not text.strip():
            print(f"geotext: warning: {path}: empty input, nothing to analyse", file=err)
        names.append("<stdin>" if path == "-" else path)
        texts.append(text)
    results: list[dict[str, object]] = []
    try:
        for name, analysis in zip(
            names,
            analyze_many(
                texts, date=date, backend=args.backend, models=args.models, batch_size=max(1, args.batch_size)
            ),
            strict=True,
        ):
            if args.format == "text":
                print(_render_text(name, analysis), file=out)
                continue
            record = {"source": name, **analysis.to_dict(words=args.words)}
            if args.format == "jsonl":
                import json

                print(json.dumps(record, ensure_ascii=False), file=out)
            else:
                results.append(record)
    except (ModelNotFoundError, BackendError) as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_BACKEND
    except GeotextError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("geotext: interrupted", file=err)
        return EXIT_INTERRUPTED
    if args.format == "json" and (results or status == EXIT_OK):
        import json

        payload: object = results[0] if len(args.paths) == 1 and len(results) == 1 else results
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)
    return status
