"""Command line: ``geotext analyze PATH... [options]`` and ``geotext render PATH... -o DIR``
(also ``python -m geotext``).

Exit codes:
    0: every input was analysed (empty inputs included, with a warning).
    1: at least one input could not be read (missing, unreadable, not UTF-8); the
       others were still analysed and printed.
    2: bad command line (unknown option, bad date, options that do not go together).
    3: the backend could not start (models missing or broken).
    4: the output could not be written (standard output closed, disk full).
    130: interrupted.
    141: the reader of standard output went away (``geotext ... | head``); nothing is
       printed, as other Unix tools do.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from geotext.analysis import Analysis, dumps
from geotext.api import analyze_many, parse_date
from geotext.errors import BackendError, GeotextError, InputError, ModelNotFoundError
from geotext.quotes import METHODS

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


def _version() -> str:
    from geotext import __version__

    return __version__


BARE = """\
geotext finds quotes, hedges and named actors in news text. For example:

  geotext analyze article.txt --backend rules        JSON for one article (no models needed)
  geotext analyze corpus/*.txt --output out/         one JSON per article, resumable
  geotext render article.txt -o pages/               an HTML page per article
  geotext kb info                                    what the actor knowledge base holds

Run 'geotext analyze --help' or 'geotext render --help' for the options."""
"""What bare ``geotext`` prints (on standard error, exit code 2)."""


def _add_analysis_options(a: argparse.ArgumentParser) -> None:
    """The options every command that analyses texts shares."""
    a.add_argument("paths", nargs="+", metavar="PATH", help="UTF-8 text files, or - for stdin")
    a.add_argument("--backend", choices=("stanza", "rules"), default="stanza")
    a.add_argument("--models", metavar="DIR", help="stanza model directory")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (for dated roles)")
    a.add_argument(
        "--quote-method",
        choices=METHODS,
        default="auto",
        help="how quotes are decided: auto (the default: combined on the stanza backend, rules on "
        "the rules backend), the rules alone (rules: no torch for quotes, fastest), the rules "
        "kept and completed by the learned tagger (combined) or the tagger alone (tagger)",
    )
    a.add_argument("--batch-size", type=_positive, default=16, metavar="N", help="texts per backend call")
    a.add_argument(
        "--jobs", type=_positive, default=1, metavar="N", help="worker processes (each loads the models once)"
    )
    a.add_argument(
        "--max-bytes",
        type=_positive,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {MAX_BYTES:,})",
    )


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="geotext",
        description="Quotes, hedges and named actors in geopolitical news text.",
    )
    p.add_argument("--version", action="version", version=f"geotext {_version()}")
    sub = p.add_subparsers(dest="command")
    a = sub.add_parser("analyze", help="analyse text files ('-' reads standard input)")
    _add_analysis_options(a)
    a.add_argument("--format", choices=("json", "jsonl", "text"), default="json")
    a.add_argument("--words", action="store_true", help="include words (POS, lemma, parse) in JSON")
    a.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="with --format json a directory (one NAME.json per input), with jsonl one .jsonl file; "
        "inputs already written there are skipped, so an interrupted run resumes",
    )
    r = sub.add_parser("render", help="write a standalone HTML page per text file")
    _add_analysis_options(r)
    r.add_argument("--output", "-o", metavar="DIR", required=True, help="directory for the NAME.html pages")
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
    records, qids, titles = info["records"], info["wikidata"], info.get("wikipedia") or {}
    if isinstance(records, dict) and isinstance(qids, dict) and isinstance(titles, dict):
        for kind, n in records.items():
            line = f"  {kind:<17} {n:>6} records {qids.get(kind, 0):>6} with a QID"
            if titles.get(kind):
                line += f" {titles[kind]:>6} with a Wikipedia title"
            lines.append(line)
    lines.append("sources:")
    sources = info["sources"]
    for src in sources if isinstance(sources, list) else []:
        commit = (
            f", commit {str(src['commit'])[:10]} ({src.get('commit_date', '')})" if src.get("commit") else ""
        )
        lines.append(f"  {src['name']}: {src.get('title', '')} [{src['licence']}]{commit}")
        if src.get("url"):
            lines.append(f"    {src['url']}")
        if src.get("repositories"):
            lines.append(
                f"    {src['repositories']} repositories, {src.get('records', 0)} records (see kb_build.json)"
            )
        files = src.get("files")
        if isinstance(files, dict):
            lines.extend(f"    {name}: {where}" for name, where in files.items())
            lines.append(f"    {src.get('records', 0)} records (see kb_build.json)")
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


def _usage_problem(args: argparse.Namespace) -> str | None:
    """Options that parse but do not go together; ``None`` when all is well."""
    if args.command == "analyze":
        if args.words and args.format == "text":
            return "--words adds words to JSON; it does nothing with --format text (use json or jsonl)"
        if args.output is not None and args.format == "text":
            return "--output writes JSON: use --format json (one file per input) or jsonl (one file)"
    return None


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


def _progress(results: Iterator[Analysis], total: int, err: TextIO) -> Iterator[Analysis]:
    """Show a progress bar over analysed documents (not file reads) on a terminal."""
    if total < 2 or not err.isatty():
        yield from results
        return
    from tqdm import tqdm

    yield from tqdm(results, total=total, file=err, unit="doc", desc="geotext")


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
    if args.command is None:
        print(BARE, file=err)
        return EXIT_USAGE
    if args.command == "kb":
        return _kb_command(args, out, err)
    problem = _usage_problem(args)
    if problem is not None:
        print(f"geotext: {problem}", file=err)
        return EXIT_USAGE
    try:
        date = parse_date(args.date)
    except InputError as exc:
        print(f"geotext: --date: {exc}", file=err)
        return EXIT_USAGE
    to_stdout = args.command == "analyze" and args.output is None
    if to_stdout and (out is None or out.closed):
        print("geotext: standard output is closed; redirect it to a file (> out.json)", file=err)
        return EXIT_OUTPUT
    inputs = _Inputs(args.paths, stdin, args.max_bytes, err)
    try:
        if to_stdout:
            _analyze_to_stdout(args, inputs, date, out, err)
        else:
            _analyze_to_files(args, inputs, date, err)
    except _UsageError as exc:
        print(f"geotext: {exc}", file=err)
        return EXIT_USAGE
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
    return EXIT_INPUT if inputs.failed else EXIT_OK


def _cli_words(message: str) -> str:
    """Say the command line's options where a message names the Python arguments."""
    return (
        message.replace("backend='rules'", "--backend rules")
        .replace("or models=", "or --models")
        .replace("pass models=", "pass --models")
        .replace("models= argument", "--models option")
    )


class _UsageError(Exception):
    """Options that cannot work together on these inputs (exit code 2)."""


class _Inputs:
    """The inputs, read lazily as the analysis asks for them.

    Unreadable inputs are reported on ``err`` and left out; ``names`` grows with every
    text handed on, so the k-th analysis belongs to ``names[k]``.
    """

    def __init__(self, paths: Sequence[str], stdin: TextIO | None, limit: int, err: TextIO) -> None:
        self.paths = list(paths)
        self.stdin, self.limit, self.err = stdin, limit, err
        self.names: list[str] = []
        self.failed = False

    def texts(self) -> Iterator[str]:
        for path in self.paths:
            try:
                text = _read(path, self.stdin, self.limit)
            except InputError as exc:
                print(f"geotext: {exc}", file=self.err)
                self.failed = True
                continue
            if not text.strip():
                print(f"geotext: warning: {path}: empty input, nothing to analyse", file=self.err)
            self.names.append(_name(path))
            yield text


def _name(path: str) -> str:
    """The ``source`` recorded for an input path."""
    return "<stdin>" if path == "-" else path


def _analyses(
    args: argparse.Namespace, inputs: _Inputs, date: datetime.date | None, err: TextIO
) -> Iterator[tuple[str, Analysis]]:
    """``(source name, analysis)`` for every readable input, in order."""
    results = analyze_many(
        inputs.texts(),
        date=date,
        backend=args.backend,
        models=args.models,
        batch_size=args.batch_size,
        n_process=args.jobs,
        method=args.quote_method,
    )
    for k, analysis in enumerate(_progress(results, len(inputs.paths), err)):
        yield inputs.names[k], analysis


def _record(name: str, analysis: Analysis, words: bool) -> dict[str, object]:
    return {"source": name, **analysis.to_dict(words=words)}


def _analyze_to_stdout(
    args: argparse.Namespace, inputs: _Inputs, date: datetime.date | None, out: TextIO, err: TextIO
) -> None:
    """Print text and JSONL records as they come; JSON once at the end."""
    results: list[dict[str, object]] = []
    for name, analysis in _analyses(args, inputs, date, err):
        if args.format == "text":
            _write(out, _render_text(name, analysis))
        elif args.format == "jsonl":
            _write(out, dumps(_record(name, analysis, args.words)))
        else:
            results.append(_record(name, analysis, args.words))
    if args.format == "json" and (results or not inputs.failed):
        payload: object = results[0] if len(args.paths) == 1 and len(results) == 1 else results
        _write(out, dumps(payload, indent=2))
    _flush(out)


def _analyze_to_files(
    args: argparse.Namespace, inputs: _Inputs, date: datetime.date | None, err: TextIO
) -> None:
    """``analyze --output`` and ``render``: write files, skipping inputs already written
    (``analyze`` only: ``render`` writes every page again)."""
    sink: _DirSink | _JsonlSink
    if args.command == "render":
        sink = _DirSink(args.output, args.paths, ".html", resume=False)
    elif args.format == "jsonl":
        sink = _JsonlSink(args.output)
    else:
        sink = _DirSink(args.output, args.paths, ".json", resume=True)
    todo = [p for p in args.paths if p == "-" or not sink.done(p)]
    skipped = len(args.paths) - len(todo)
    inputs.paths = todo
    written = 0

    def summary() -> str:
        line = f"{written} written to {args.output}"
        return line + (f", {skipped} already there (skipped)" if skipped else "")

    try:
        for name, analysis in _analyses(args, inputs, date, err):
            if args.command == "render":
                sink.write(name, analysis.to_html(title=os.path.basename(name)))
            else:
                sink.write(name, dumps(_record(name, analysis, args.words)))
            written += 1
    except KeyboardInterrupt:
        # What is written stays written: say so, and how to go on.
        if args.command == "analyze":
            print(f"geotext: {summary()}; run the same command again to resume", file=err)
        raise
    finally:
        sink.close()
    print(f"geotext: {summary()}", file=err)


class _DirSink:
    """One file per input in a directory, each written whole (temporary file, then
    rename), so an interrupted run never leaves a truncated file that a resumed run
    would take as done."""

    def __init__(self, directory: str, paths: Sequence[str], suffix: str, *, resume: bool) -> None:
        self.dir, self.resume = directory, resume
        self.files: dict[str, str] = {}
        owner: dict[str, str] = {}
        for p in paths:
            file = (
                "stdin" + suffix
                if p == "-"
                else (os.path.splitext(os.path.basename(p))[0] or "input") + suffix
            )
            if file in owner and owner[file] != p:
                raise _UsageError(
                    f"{owner[file]} and {p} would both be written to {os.path.join(directory, file)}; "
                    "rename one, or run them separately"
                )
            owner[file] = p
            self.files[_name(p)] = os.path.join(directory, file)
        if os.path.exists(directory) and not os.path.isdir(directory):
            raise _OutputError(f"{directory}: exists and is not a directory")
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            raise _OutputError(f"{directory}: cannot create the directory: {exc.strerror or exc}") from None

    def done(self, path: str) -> bool:
        return self.resume and os.path.exists(self.files[_name(path)])

    def write(self, name: str, text: str) -> None:
        target = self.files[name]
        tmp = os.path.join(self.dir, f".{os.path.basename(target)}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            os.replace(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise _OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None

    def close(self) -> None:
        pass


class _JsonlSink:
    """One JSONL file; records are appended and flushed one by one. An existing file is
    resumed: its sources are done, and a last line cut short by an interruption is
    removed first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.sources: set[str] = set()
        try:
            if os.path.exists(path):
                self._load()
            self.fh: TextIO = open(path, "a", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            raise _OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None

    def _load(self) -> None:
        with open(self.path, "rb") as fh:
            data = fh.read()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(len(complete))
        for line in complete.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("source"), str):
                self.sources.add(record["source"])

    def done(self, path: str) -> bool:
        return _name(path) in self.sources

    def write(self, name: str, text: str) -> None:
        try:
            self.fh.write(text + "\n")
            self.fh.flush()
        except OSError as exc:
            raise _OutputError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        self.sources.add(name)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()
