"""The ``normalize-zh`` command.  Argument handling and files only: no text logic here.

Exit status: 0 nothing to change (or changes written), 1 changes found with
``--check`` or written in ``--hook`` mode, 2 usage or I/O error.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .config import FIELD_NAMES, PRESETS, TARGETS, Config

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
STEP_SWITCHES = (
    ("fix_encoding", "mojibake repair"),
    ("clean_unicode", "Unicode hygiene"),
    ("strip_markup", "leaked HTML, BBCode and template placeholders"),
    ("fix_escapes", "escapes printed as text (u200b, \\u4e2d, %%E4%%B8%%AD)"),
    ("strip_pinyin", "pinyin annotations"),
    ("fix_punctuation", "stray and doubled punctuation"),
    ("fix_spacing", "letter-spacing and line ends turned into spaces"),
    ("fix_repeats", "doubled lines and chunk markers"),
    ("boilerplate", "boilerplate stripping"),
    ("reflow", "re-joining broken lines"),
    ("protect_markdown", "leaving Markdown code, front matter and links alone"),
    ("unify_script", "with --to keep: stray characters of the other script become the page's own"),
)
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", ".tox"}
JSONL_BATCH = 256  # lines per task at most ...
JSONL_BATCH_BYTES = 1 << 17  # ... and about this many bytes: a tenth of a second's work, so the workers finish together
BINARY_SNIFF = 8192


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="normalize-zh",
        description="Repair damaged Chinese text: encodings, mojibake, pinyin annotations, "
        "punctuation, script, boilerplate and broken lines.",
        epilog="Settings may also live in [tool.normalize-zh] of the nearest pyproject.toml; "
        "the command line wins.",
    )
    parser.add_argument("paths", nargs="*", help="files or directories; none or - reads stdin")
    parser.add_argument("--version", action="version", version=f"normalize-zh {__version__}")
    mode = parser.add_argument_group("what to do with the result")
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite files in place (atomically)")
    mode.add_argument("--check", action="store_true", help="change nothing; list files that would change, exit 1 if any")
    mode.add_argument("--diff", action="store_true", help="change nothing; print a unified diff")
    mode.add_argument("--explain", action="store_true", help="print path:line:col step: before -> after for each change")
    mode.add_argument("--stats", action="store_true", help="print how often each step changed something")
    mode.add_argument("--hook", action="store_true", help="pre-commit mode: --in-place, exit 1 when a file was fixed, preset docs unless given")
    settings = parser.add_argument_group("settings")
    settings.add_argument("--preset", choices=sorted(PRESETS), help="corpus (default), docs or minimal")
    settings.add_argument("--to", choices=TARGETS, help="target script (keep: no conversion)")
    settings.add_argument("--punctuation", choices=("fullwidth", "keep"), help="width of punctuation in Chinese context")
    for name, what in STEP_SWITCHES:
        settings.add_argument(
            "--" + name.replace("_", "-"), dest=name, action=argparse.BooleanOptionalAction, default=None, help=what
        )
    settings.add_argument("--protect", action="append", default=None, metavar="WORD", help="a word never to convert (repeatable)")
    settings.add_argument("--protect-file", type=Path, metavar="FILE", help="words never to convert, one per line")
    settings.add_argument("--config", type=Path, metavar="PYPROJECT", help="read [tool.normalize-zh] from this file")
    io = parser.add_argument_group("input and output")
    io.add_argument("--exclude", action="append", default=None, metavar="GLOB", help="skip paths matching GLOB (repeatable)")
    io.add_argument("--jsonl", action="store_true", help="input is JSON Lines: normalize one field of each line")
    io.add_argument("--field", default="text", help="the JSONL field to normalize (default: text)")
    io.add_argument("--output-encoding", default="utf-8", metavar="ENC", help="encoding of the output (default: utf-8)")
    io.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per core)")
    io.add_argument("-q", "--quiet", action="store_true", help="no messages on stderr but errors")
    io.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr (default: when stderr is a terminal)")
    return parser


# -- settings ------------------------------------------------------------------


def _find_pyproject(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _read_pyproject(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with open(path, "rb") as f:
        data = tomllib.load(f)
    section = data.get("tool", {}).get("normalize-zh", {})
    return {key.replace("-", "_"): value for key, value in section.items()}


def resolve_settings(args: argparse.Namespace) -> tuple[Config, dict[str, Any]]:
    """The Config to use, and the other file settings (exclude), from the
    nearest pyproject.toml and the command line (which wins)."""
    pyproject = args.config or _find_pyproject(Path.cwd())
    file_settings = _read_pyproject(pyproject) if pyproject else {}
    unknown = set(file_settings) - FIELD_NAMES - {"preset", "exclude", "protect_file"}
    if unknown:
        raise UsageError(f"{pyproject}: unknown setting(s) in [tool.normalize-zh]: {', '.join(sorted(unknown))}")
    preset = args.preset or file_settings.get("preset") or ("docs" if args.hook else "corpus")
    overrides = {k: v for k, v in file_settings.items() if k in FIELD_NAMES}
    for name in ("to", "punctuation", *(n for n, _ in STEP_SWITCHES)):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    words = list(overrides.pop("protected_words", []) or [])
    words += args.protect or []
    protect_file = args.protect_file or file_settings.get("protect_file")
    if protect_file:
        words += [w.strip() for w in Path(protect_file).read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    if words:
        overrides["protected_words"] = tuple(words)
    try:
        config = Config.preset(preset, **overrides)
    except (TypeError, ValueError) as error:
        raise UsageError(f"{pyproject or 'settings'}: {error}") from None
    exclude = list(file_settings.get("exclude", [])) + (args.exclude or [])
    return config, {"exclude": exclude}


class UsageError(Exception):
    """A problem with the command line or the settings: exit status 2."""


# -- reporting -------------------------------------------------------------------


@dataclass
class Report:
    """What happened, for the exit status and --stats."""

    changed: int = 0
    errors: int = 0
    files: int = 0
    steps: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    flags: collections.Counter = field(default_factory=collections.Counter)
    quiet: bool = False

    def say(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr)

    def error(self, message: str) -> None:
        self.errors += 1
        print(f"normalize-zh: error: {message}", file=sys.stderr)

    def add(self, result) -> None:
        for change in result.changes:
            self.steps[change.step] += 1
            self.reasons[f"{change.step}: {change.reason}" if change.reason else change.step] += 1
        for flag in result.flags:
            self.flags[flag.kind] += 1

    def merge(self, other: dict[str, collections.Counter]) -> None:
        self.steps.update(other["steps"])
        self.reasons.update(other["reasons"])
        self.flags.update(other["flags"])

    def print_stats(self, stream: TextIO) -> None:
        print(f"files: {self.files}, changed: {self.changed}, errors: {self.errors}", file=stream)
        for title, counter in (("changes by step", self.steps), ("changes by kind", self.reasons), ("unrepaired damage (flags)", self.flags)):
            if counter:
                print(f"{title}:", file=stream)
                for key, count in counter.most_common():
                    print(f"  {count:8d}  {key}", file=stream)


class Progress:
    """A one-line progress display on stderr, only when it is a terminal."""

    def __init__(self, total: int | None, enabled: bool | None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0

    def advance(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        if self.enabled and now - self.shown > 0.2:
            self.shown = now
            rate = self.done / max(now - self.started, 1e-9) / 1e6
            if self.total:
                share = self.done / self.total
                bar = "#" * int(share * 30)
                line = f"\r[{bar:<30}] {share:6.1%} {self.done / 1e6:,.1f}/{self.total / 1e6:,.1f} MB {rate:.1f} MB/s"
            else:
                line = f"\r{self.done / 1e6:,.1f} MB {rate:.1f} MB/s"
            sys.stderr.write(line)
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


# -- files ----------------------------------------------------------------------


def looks_binary(data: bytes) -> bool:
    """NUL bytes that no UTF-16/32 reading explains: an image, an archive, a binary."""
    head = data[:BINARY_SNIFF]
    if b"\x00" not in head:
        return False
    from .decode import detect

    return not detect(head[: len(head) - len(head) % 4]).encoding.startswith(("utf-16", "utf-32"))


def iter_files(paths: Sequence[str], exclude: Sequence[str], report: Report) -> Iterator[Path]:
    """Files named, and files under directories named, minus excluded ones."""

    def excluded(path: Path) -> bool:
        text = path.as_posix()
        return any(fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) for pattern in exclude)

    for name in paths:
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not excluded(Path(root, d)))
                for file in sorted(files):
                    candidate = Path(root, file)
                    if not excluded(candidate):
                        yield candidate
        elif path.exists():
            if not excluded(path):
                yield path
        else:
            report.error(f"{name}: no such file or directory")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that no reader ever sees half a file;
    the file keeps its permissions."""
    import tempfile

    directory = path.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = os.stat(path).st_mode
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def explain_lines(label: str, text: str, result) -> Iterator[str]:
    from .edits import line_col
    from .pipeline import input_offsets

    for change, offset in zip(result.changes, input_offsets(result.changes)):
        line, column = line_col(text, offset)
        before = change.before.replace("\n", "\\n") or "''"
        after = change.after.replace("\n", "\\n") or "''"
        why = f" ({change.reason})" if change.reason else ""
        yield f"{label}:{line}:{column} {change.step}: {before!s} -> {after!s}{why}"
    for flag in result.flags:
        where = f"{flag.start}" if flag.start is not None else "-"
        yield f"{label}: flag {flag.kind} at {where}: {flag.text!r} {flag.detail}"


@dataclass
class FileJob:
    """What one worker needs to normalize one file, and what it sends back."""

    path: str
    config: Config
    record: bool
    output_encoding: str


def process_file(job: FileJob) -> dict[str, Any]:
    """Read, decode, normalize, encode one file (runs in a worker or in-process)."""
    from .decode import detect
    from .pipeline import run_text

    path = Path(job.path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return {"error": f"{job.path}: {error.strerror or error}"}
    if looks_binary(data):
        return {"binary": True}
    decoded = detect(data)
    from .edits import Flag

    flags = [Flag("undecodable", s, e, data[s:e].hex(" "), f"bytes {s}-{e} are not valid {decoded.encoding}") for s, e in decoded.lost]
    result = run_text(decoded.text, job.config, record=job.record, flags=flags)
    result.encoding = decoded.encoding
    try:
        output = result.text.encode(job.output_encoding)
    except UnicodeEncodeError as error:
        return {"error": f"{job.path}: cannot write {result.text[error.start:error.end]!r} in {job.output_encoding}"}
    except LookupError:
        return {"error": f"unknown output encoding {job.output_encoding!r}"}
    return {"input": decoded.text, "result": result, "output": output, "changed": output != data}


def run_files(args: argparse.Namespace, config: Config, exclude: list[str], report: Report) -> None:
    files = list(iter_files(args.paths, exclude, report))
    record = args.explain or args.stats
    jobs = [FileJob(str(path), config, record, args.output_encoding) for path in files]
    progress = Progress(len(jobs) if len(jobs) > 1 else None, args.progress if len(jobs) > 1 else False)
    for job, outcome in zip(jobs, _map(process_file, jobs, args.jobs)):
        progress.advance(1)
        report.files += 1
        if "error" in outcome:
            report.error(outcome["error"])
            continue
        if outcome.get("binary"):
            report.say(f"{job.path}: skipped (binary file)")
            continue
        result = outcome["result"]
        report.add(result)
        changed = outcome["changed"]
        report.changed += changed
        if args.explain:
            for line in explain_lines(job.path, outcome["input"], result):
                print(line)
        if args.check:
            if changed:
                print(f"would change {job.path}")
        elif args.diff:
            if changed:
                import difflib

                sys.stdout.writelines(
                    difflib.unified_diff(
                        outcome["input"].splitlines(keepends=True),
                        result.text.splitlines(keepends=True),
                        f"a/{job.path}",
                        f"b/{job.path}",
                    )
                )
        elif args.in_place:
            if changed:
                try:
                    write_atomically(Path(job.path), outcome["output"])
                except OSError as error:
                    report.error(f"{job.path}: cannot write: {error.strerror or error}")
                    continue
                report.say(f"fixed {job.path}")
        elif not args.explain:
            sys.stdout.buffer.write(outcome["output"])
            sys.stdout.buffer.flush()
    progress.close()


def _map(function, items: list, jobs: int) -> Iterator:
    """``map`` across ``jobs`` processes, in order (in-process for one job)."""
    workers = _workers(jobs)
    if workers == 1 or len(items) < 2:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    _warm_before_fork(None)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(function, items, chunksize=4)


def _warm_before_fork(config: Config | None) -> None:
    """Where workers are forked, load the tables once here: every worker then
    starts with them (and shares their memory) instead of loading its own."""
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":
        from .pipeline import warm_up

        warm_up(config)


def _workers(jobs: int) -> int:
    return max(1, jobs if jobs > 0 else os.cpu_count() or 1)


def run_stdin(args: argparse.Namespace, config: Config, report: Report) -> None:
    from .pipeline import _run

    data = sys.stdin.buffer.read()
    result = _run(data, config, record=args.explain or args.stats)
    report.files += 1
    report.add(result)
    text = result.text
    decoded_input = None
    if args.explain or args.diff or args.check:
        from .decode import detect

        decoded_input = detect(data).text
    changed = decoded_input != text if decoded_input is not None else False
    report.changed += changed
    if args.explain:
        for line in explain_lines("<stdin>", decoded_input, result):
            print(line)
    elif args.check:
        if changed:
            print("would change <stdin>")
    elif args.diff:
        import difflib

        sys.stdout.writelines(difflib.unified_diff(decoded_input.splitlines(True), text.splitlines(True), "a/<stdin>", "b/<stdin>"))
    else:
        try:
            sys.stdout.buffer.write(text.encode(args.output_encoding))
        except (UnicodeEncodeError, LookupError) as error:
            report.error(f"cannot write the output in {args.output_encoding}: {error}")


# -- JSON Lines -----------------------------------------------------------------

_WORKER_CONFIG: Config | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config


def normalize_jsonl_batch(lines: list[bytes], field: str, record: bool, first_line: int, config: Config | None = None) -> tuple[list[bytes], dict[str, Any]]:
    """Normalize ``field`` in each JSON line; other fields and the order stay.

    Lines that are not JSON objects with a string ``field`` come back as they
    were and are reported.
    """
    from .pipeline import run_text

    config = config or _WORKER_CONFIG
    out: list[bytes] = []
    stats: dict[str, Any] = {"steps": collections.Counter(), "reasons": collections.Counter(), "flags": collections.Counter(), "errors": [], "changed": 0}
    for number, line in enumerate(lines, first_line):
        stripped = line.strip()
        if not stripped:
            out.append(line)
            continue
        try:
            record_ = json.loads(stripped)
        except ValueError as error:
            stats["errors"].append(f"line {number}: not JSON ({error.msg}); left as it was")
            out.append(line)
            continue
        value = record_.get(field) if isinstance(record_, dict) else None
        if not isinstance(value, str):
            if isinstance(record_, dict) and field in record_:
                stats["errors"].append(f"line {number}: field {field!r} is not a string; left as it was")
            out.append(line)
            continue
        result = run_text(value, config, record=record, flags=[])
        if result.text != value:
            stats["changed"] += 1
            record_[field] = result.text
        for change in result.changes:
            stats["steps"][change.step] += 1
            stats["reasons"][f"{change.step}: {change.reason}" if change.reason else change.step] += 1
        for flag in result.flags:
            stats["flags"][flag.kind] += 1
        ending = b"\n" if line.endswith(b"\n") else b""
        out.append(json.dumps(record_, ensure_ascii=False).encode("utf-8") + ending)
    return out, stats


def _batches(stream, size: int, size_bytes: int = JSONL_BATCH_BYTES) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    length = 0
    for line in stream:
        batch.append(line)
        length += len(line)
        if len(batch) >= size or length >= size_bytes:
            yield batch
            batch = []
            length = 0
    if batch:
        yield batch


def process_jsonl(stream, sink, args: argparse.Namespace, config: Config, report: Report, label: str, total: int | None) -> None:
    """Stream ``stream`` to ``sink`` batch by batch; at most a few batches per
    worker are in flight, so memory stays bounded whatever the input size."""
    record = args.stats
    workers = _workers(args.jobs)
    progress = Progress(total, args.progress)
    line_number = 1

    def finish(output: list[bytes], stats: dict[str, Any]) -> None:
        sink.writelines(output)
        progress.advance(sum(len(line) for line in output))
        report.changed += stats["changed"]
        report.merge(stats)
        for message in stats["errors"]:
            report.error(f"{label}: {message}")

    if workers == 1:
        for batch in _batches(stream, JSONL_BATCH):
            finish(*normalize_jsonl_batch(batch, args.field, record, line_number, config))
            line_number += len(batch)
    else:
        from concurrent.futures import ProcessPoolExecutor

        window: collections.deque[Future] = collections.deque()
        _warm_before_fork(config)
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
            for batch in _batches(stream, JSONL_BATCH):
                window.append(pool.submit(normalize_jsonl_batch, batch, args.field, record, line_number))
                line_number += len(batch)
                if len(window) >= 3 * workers:
                    finish(*window.popleft().result())
            while window:
                finish(*window.popleft().result())
    progress.close()


def run_jsonl(args: argparse.Namespace, config: Config, exclude: list[str], report: Report) -> None:
    if not args.paths or args.paths == ["-"]:
        report.files += 1
        process_jsonl(sys.stdin.buffer, sys.stdout.buffer, args, config, report, "<stdin>", None)
        sys.stdout.buffer.flush()
        return
    for path in iter_files(args.paths, exclude, report):
        report.files += 1
        import tempfile

        try:
            size = path.stat().st_size
            with open(path, "rb") as source:
                if args.in_place or args.check:
                    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as sink:
                        before = report.changed
                        process_jsonl(source, sink, args, config, report, str(path), size)
                    if report.changed > before and args.in_place:
                        os.chmod(sink.name, os.stat(path).st_mode & 0o7777)
                        os.replace(sink.name, path)
                        report.say(f"fixed {path}")
                    else:
                        if args.check and report.changed > before:
                            print(f"would change {path}")
                        os.unlink(sink.name)
                else:
                    process_jsonl(source, sys.stdout.buffer, args, config, report, str(path), size)
                    sys.stdout.buffer.flush()
        except OSError as error:
            report.error(f"{path}: {error.strerror or error}")


# -- entry point --------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: sys.argv[1:]); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if exit_.code in (0, None) else EXIT_ERROR
    if args.hook:
        args.in_place = True
    exclusive = [name for name in ("in_place", "check", "diff") if getattr(args, name)]
    if len(exclusive) > 1:
        parser.print_usage(sys.stderr)
        print(f"normalize-zh: error: {' and '.join('--' + n.replace('_', '-') for n in exclusive)} cannot be combined", file=sys.stderr)
        return EXIT_ERROR
    report = Report(quiet=args.quiet)
    try:
        config, file_settings = resolve_settings(args)
        if args.jsonl:
            run_jsonl(args, config, file_settings["exclude"], report)
        elif not args.paths or args.paths == ["-"]:
            if args.in_place:
                raise UsageError("--in-place needs file paths, not stdin")
            run_stdin(args, config, report)
        else:
            run_files(args, config, file_settings["exclude"], report)
    except UsageError as error:
        print(f"normalize-zh: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("normalize-zh: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    if args.stats:
        report.print_stats(sys.stderr)
    if report.errors:
        return EXIT_ERROR
    if report.changed and (args.check or args.hook):
        return EXIT_CHANGED
    return EXIT_OK
