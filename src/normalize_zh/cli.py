"""The ``normalize-zh`` command: arguments, the run over inputs, the exit status.

No text logic here, and no file logic either: ``files`` finds the inputs and
the project root, ``settings`` reads pyproject.toml, ``textfile`` keeps each
file's encoding and line endings, ``writer`` rewrites files atomically,
``jsonl`` edits one field of JSON Lines, ``report`` prints.

Exit status (as black's): 0 nothing to change or everything fixed; 1 changes
found with ``--check``, or made in ``--hook`` mode; 2 a usage or input error
(a one-line message names the file or setting); 123 an internal error (the
traceback with ``--verbose``).
"""

from __future__ import annotations

import argparse
import codecs
import collections
import io
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from . import __version__
from .config import PRESETS, PUNCTUATION_MODES, TARGETS, Config
from .pipeline import STEPS
from .files import STDIN, Discovery, Missing, NotAFile, Skipped, open_regular, read_bytes
from .report import MAX_LINE_MESSAGES, LineDiff, Output, Report, explain_lines, unified_diff
from .settings import Settings, UsageError, resolve_settings

EXIT_OK, EXIT_CHANGED, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 123
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
#: --no-<switch> for each step with an on/off field, in the order they run, and
#: two switches that are not steps
STEP_SWITCHES = tuple(
    (step.reads[0], step.what) for step in STEPS if isinstance(getattr(Config(), step.reads[0]), bool)
) + (
    ("protect_markdown", "leaving Markdown code, front matter and links alone"),
    ("unify_script", "with --to keep: stray characters of the other script become the page's own"),
)
JSONL_BATCH = 256  # lines per task at most ...
JSONL_BATCH_BYTES = 1 << 17  # ... and about this many bytes: a tenth of a second's work, so the workers finish together
JSONL_WINDOW_PER_WORKER = 3  # batches in flight per worker: enough to keep them busy, few enough for flat memory

HOOK_EPILOG = """\
--hook edits a file according to its kind (pre-commit's identify tags):
  markdown   (.md, .mdx)                   the text of paragraphs, headings, list items, table cells
  prose      (.txt, .rst, .adoc)           the text
  po         (.po)                         the text of msgstr
  subtitles  (.srt, .vtt)                  the text of each cue
  code       (anything pygments lexes)     mojibake inside comments and string literals only
  data       (JSON, YAML, TOML, CSV, ...)  mojibake inside values only
anything else is skipped with a message.  Narrow or widen the set in your
.pre-commit-config.yaml with pre-commit's own types, types_or, files and exclude.

Settings may also live in [tool.normalize-zh] of the project's pyproject.toml
(the project root: from the files' common folder upward, the first with .git,
.hg or a pyproject.toml with that section); the command line wins.
Exit status: 0 clean or fixed, 1 changes found (--check, --hook), 2 usage or
input error, 123 internal error."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="normalize-zh",
        description="Repair damaged Chinese text: encodings, mojibake, pinyin annotations, "
        "punctuation, script, boilerplate and broken lines.",
        epilog=HOOK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", help="files or folders; - (or none) reads stdin, also among files")
    parser.add_argument("--version", action="version", version=f"normalize-zh {__version__}")
    mode = parser.add_argument_group("what to do with the result (default: print it)")
    mode.add_argument("-i", "--in-place", action="store_true", help="rewrite files in place (atomically, in their own encoding and line endings)")
    mode.add_argument("--check", action="store_true", help="change nothing; list files that would change, exit 1 if any")
    mode.add_argument("--diff", action="store_true", help="change nothing; print a unified diff (with --check: and exit 1)")
    mode.add_argument("--explain", action="store_true", help="print path:line:col step: before -> after for each change")
    mode.add_argument("--stats", action="store_true", help="print how often each step changed something")
    mode.add_argument("--hook", action="store_true", help="pre-commit mode: --in-place by file kind (below), exit 1 when a file was fixed, preset docs unless given")
    settings = parser.add_argument_group("settings")
    settings.add_argument("--preset", choices=sorted(PRESETS), help="corpus (default), docs or minimal")
    settings.add_argument("--to", choices=TARGETS, help="target script (keep: no conversion)")
    settings.add_argument("--punctuation", choices=PUNCTUATION_MODES, help="width of punctuation in Chinese context (strict: only marks between Chinese)")
    for name, what in STEP_SWITCHES:
        settings.add_argument(
            "--" + name.replace("_", "-"), dest=name, action=argparse.BooleanOptionalAction, default=None, help=what.replace("%", "%%")
        )
    settings.add_argument("--protect", action="append", default=None, metavar="WORD", help="a word never to convert (repeatable)")
    settings.add_argument("--protect-file", type=Path, metavar="FILE", help="words never to convert, one per line")
    settings.add_argument("--config", type=Path, metavar="PYPROJECT", help="read [tool.normalize-zh] from this file")
    io = parser.add_argument_group("input and output")
    io.add_argument("--exclude", action="append", default=None, metavar="PATTERN", help="skip paths matching PATTERN (gitignore syntax, relative to the project root; repeatable)")
    io.add_argument("--jsonl", action="store_true", help="input is JSON Lines: normalize one field of each line")
    io.add_argument("--field", default="text", help="the JSONL field to normalize (default: text)")
    io.add_argument("--output-encoding", default=None, metavar="ENC", help="encoding to write (default: a rewritten file keeps its own; printed text is UTF-8)")
    io.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per core)")
    io.add_argument("-q", "--quiet", action="store_true", help="no messages on stderr but errors")
    io.add_argument("-v", "--verbose", action="store_true", help="say where settings come from; tracebacks of internal errors")
    io.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr (default: when stderr is a terminal)")
    parser.set_defaults(step_switches=tuple(name for name, _ in STEP_SWITCHES))
    return parser


# -- one text input: a file or stdin ---------------------------------------------------


@dataclass
class TextJob:
    """What a worker needs to normalize one input (picklable)."""

    label: str
    path: str | None  # None: ``data`` is stdin
    data: bytes | None
    config: Config
    record: bool
    #: the encoding to compare and rewrite in (None: the input's own)
    output_encoding: str | None
    #: encoding of printed output (None: do not print)
    print_encoding: str | None
    by_kind: bool
    #: whether the bytes -i would write are needed (-i, --check, --diff)
    compare: bool = True


@dataclass
class TextOutcome:
    """What became of one input; exactly one of skipped, error, internal or result is set."""

    label: str
    size: int = 0
    skipped: str | None = None
    error: str | None = None
    internal: str | None = None
    #: passed through unchanged when printing (stdin that cannot be processed)
    passthrough: bytes | None = None
    result: Any = None
    before: str = ""  # the text as read (its own line endings)
    lf_text: str = ""  # the pipeline's input
    after: str = ""  # the text -i would write
    new_bytes: bytes = b""
    printed: bytes | None = None
    changed: bool = False
    recoded: str = ""  # "gbk to utf-8" when only the encoding changes


def process_text(job: TextJob) -> TextOutcome:
    """Read, decode, normalize and encode one input (in a worker or in-process)."""
    outcome = TextOutcome(job.label)
    try:
        _process_text(job, outcome)
    except Exception:  # one file's bug must not stop the run: reported, exit 123
        outcome.internal = traceback.format_exc()
    return outcome


def _process_text(job: TextJob, outcome: TextOutcome) -> None:
    from .kinds import file_kind
    from .pipeline import run_text
    from .textfile import CannotEncode, NotText, encode, read_text, restore, round_trips

    if job.data is not None:
        data = job.data
    else:
        assert job.path is not None
        try:
            data = read_bytes(Path(job.path))
        except NotAFile as special:
            outcome.skipped = f"skipped ({special})"
            return
        except OSError as error:
            outcome.error = f"{job.label}: cannot read: {error.strerror or error}"
            return
    outcome.size = len(data)
    if job.by_kind and job.path is not None and file_kind(job.path) is None:
        outcome.skipped = "skipped (not a kind normalize-zh edits)"
        return
    try:
        file = read_text(data)
    except NotText as why:
        outcome.skipped = f"skipped ({why.reason})"
        outcome.passthrough = data
        return
    result = run_text(file.lf_text, job.config, record=job.record, path=None if job.path is None else str(job.path))
    after = restore(result.text, file.conventions)
    outcome.result, outcome.before, outcome.lf_text, outcome.after = result, file.text, file.lf_text, after
    try:
        if job.print_encoding is not None:
            outcome.printed = encode(after, file.conventions, job.print_encoding)
        if not job.compare:  # printing only: the file's own encoding does not matter
            outcome.changed = after != file.text
            return
        if after == file.text and job.output_encoding is None:
            new = data
        elif after != file.text and not round_trips(data, file):
            outcome.skipped = f"skipped (its bytes do not survive a round trip through {file.conventions.codec}; left as it was)"
            outcome.passthrough = data
            return
        else:
            new = encode(after, file.conventions, job.output_encoding)
    except CannotEncode as error:
        hint = "" if job.output_encoding or error.codec.startswith("utf") else " (--output-encoding utf-8 writes it)"
        outcome.error = f"{job.label}: {error}; left as it was{hint}"
        return
    outcome.new_bytes = new
    outcome.changed = new != data
    if outcome.changed and after == file.text:
        outcome.recoded = f"{file.conventions.encoding} to {job.output_encoding}"


# -- the run ------------------------------------------------------------------------------


@dataclass
class Mode:
    """What to do with each result: the switches, resolved."""

    in_place: bool
    check: bool
    diff: bool
    explain: bool
    stats: bool
    hook: bool
    print_text: bool
    verbose: bool

    @property
    def explain_stream(self) -> str:
        """--explain shares stdout with "would change" lines, not with a diff (which must stay a patch)."""
        return "stderr" if self.diff else "stdout"


class Runner:
    def __init__(self, args: argparse.Namespace, settings: Settings, output: Output, report: Report) -> None:
        self.args = args
        self.settings = settings
        self.config = settings.config
        self.output = output
        self.report = report
        print_text = not (args.in_place or args.check or args.diff or args.explain)
        self.mode = Mode(args.in_place, args.check, args.diff, args.explain, args.stats, args.hook, print_text, args.verbose)
        self.workers = max(1, args.jobs if args.jobs > 0 else os.cpu_count() or 1)
        self._pool: Any = None

    # -- items ------------------------------------------------------------------------

    def items(self) -> list[Path | str]:
        """The inputs in order (``STDIN`` among them); skipped and missing ones reported."""
        discovery = Discovery(self.settings.root, self.settings.exclude)
        items: list[Path | str] = []
        for item in discovery.iter_paths(self.args.paths or [STDIN]):
            if isinstance(item, Missing):
                self.output.error(f"{item.path}: no such file or directory")
                self.report.errors += 1
            elif isinstance(item, Skipped):
                self.output.message(f"{item.path}: skipped ({item.why})")
                self.report.skipped += 1
            else:
                items.append(item)
        if items.count(STDIN) > 1:
            raise UsageError("- (stdin) can be read only once")
        return items

    def _sizes(self, items: list[Path | str]) -> int:
        total = 0
        for item in items:
            if item != STDIN:
                try:
                    total += os.stat(item).st_size
                except OSError:
                    pass
        return total

    def progress_wanted(self, worth_it: bool) -> bool:
        """--progress/--no-progress, else a bar when stderr is a terminal and the run is long enough."""
        if self.args.progress is not None:
            return self.args.progress
        return worth_it and sys.stderr.isatty()

    # -- text files ---------------------------------------------------------------------

    def run_text(self, items: list[Path | str]) -> None:
        record = self.mode.explain or self.mode.stats
        encoding = self.args.output_encoding
        printed = encoding or "utf-8"
        compare = self.mode.in_place or self.mode.check or self.mode.diff
        jobs = []
        for item in items:
            if item == STDIN:  # a filter: printed even with -i (as black does)
                data = sys.stdin.buffer.read()
                prints = self.mode.print_text or self.mode.in_place
                jobs.append(TextJob("<stdin>", None, data, self.config, record, encoding, printed if prints else None, False, compare))
            else:
                prints = self.mode.print_text
                jobs.append(TextJob(str(item), str(item), None, self.config, record, encoding, printed if prints else None, self.mode.hook, compare))
        many = len(jobs) > 1
        self.output.start_progress(self._sizes(items) if many else None, len(jobs), self.progress_wanted(many))
        try:
            for outcome in self._map(process_text, jobs):
                self.handle(outcome)
                self.output.advance(outcome.size, files=1)
        finally:
            self.output.stop_progress()

    def _map(self, function: Callable, jobs: list) -> Iterator:
        if self.workers == 1 or len(jobs) < 2:
            yield from map(function, jobs)
            return
        _warm_before_fork(self.config)
        yield from self.pool().map(function, jobs, chunksize=4)

    def pool(self):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def internal_error(self, label: str, details: str) -> None:
        self.report.internal_errors += 1
        last = details.strip().splitlines()[-1] if details.strip() else "unknown error"
        self.output.error(f"{label}: internal error: {last}" + ("" if self.mode.verbose else " (--verbose shows the traceback)"))
        if self.mode.verbose:
            self.output.message(details.rstrip())

    def explain(self, lines: Iterator[str]) -> None:
        """--explain goes to stdout, or to stderr when stdout carries a diff."""
        show = self.output.line if self.mode.explain_stream == "stdout" else self.output.note
        block = "\n".join(lines)  # one write: tqdm redraws its bar after each
        if block:
            show(block)

    def handle(self, outcome: TextOutcome) -> None:
        label, mode, output, report = outcome.label, self.mode, self.output, self.report
        stdin = label == "<stdin>"
        if outcome.internal is not None:
            self.internal_error(label, outcome.internal)
            return
        if outcome.error is not None:
            output.error(outcome.error)
            report.errors += 1
            return
        if outcome.skipped is not None:
            output.message(f"{label}: {outcome.skipped}")
            report.skipped += 1
            if stdin and outcome.passthrough is not None and (mode.print_text or mode.in_place):
                output.data(outcome.passthrough)
            return
        report.files += 1
        report.add_result(outcome.result)
        report.changed += outcome.changed
        if mode.explain:
            self.explain(explain_lines(label, outcome.lf_text, outcome.result))
        if mode.check and outcome.changed:
            output.line(f"would change {label}")
        if mode.diff and outcome.changed:
            if outcome.after != outcome.before:
                output.data(unified_diff(outcome.before, outcome.after, label).encode("utf-8", "surrogateescape"))
            else:
                output.message(f"{label}: would be re-encoded from {outcome.recoded} (the text stays the same)")
        if mode.check or mode.diff:
            return
        if stdin and (mode.print_text or mode.in_place):
            output.data(outcome.printed if outcome.printed is not None else outcome.new_bytes)
        elif mode.in_place:
            if outcome.changed:
                self.write(label, outcome.new_bytes)
        elif mode.print_text and outcome.printed is not None:
            output.data(outcome.printed)

    def write(self, label: str, data: bytes) -> None:
        from .writer import WriteRefused, replace_file

        try:
            replace_file(label, data)
        except WriteRefused as why:
            self.output.error(f"{label}: {why}")
            self.report.errors += 1
        except OSError as error:
            self.output.error(f"{label}: cannot write: {error.strerror or error}; left as it was")
            self.report.errors += 1
        else:
            self.output.message(f"fixed {label}")

    # -- JSON Lines ---------------------------------------------------------------------------

    def run_jsonl(self, items: list[Path | str]) -> None:
        for item in items:
            self.run_jsonl_item(item)

    def run_jsonl_item(self, item: Path | str) -> None:
        from .writer import WriteRefused, atomic_output, refusal

        label = "<stdin>" if item == STDIN else str(item)
        if item == STDIN:
            source, size = sys.stdin.buffer, None
        else:
            try:
                source = open_regular(Path(item))
                size = os.fstat(source.fileno()).st_size
            except NotAFile as special:
                self.output.message(f"{label}: skipped ({special})")
                self.report.skipped += 1
                return
            except OSError as error:
                self.output.error(f"{label}: cannot read: {error.strerror or error}")
                self.report.errors += 1
                return
        changes_nothing = self.mode.check or self.mode.diff
        write_back = self.mode.in_place and item != STDIN and not changes_nothing
        # a read-only file is still read (as --check would): an error only if it needed a change
        refused = refusal(Path(item)) if write_back else None
        self.output.start_progress(size, None, self.progress_wanted(size is None or size > 0))
        try:
            with source:
                if write_back and refused is None:
                    try:
                        with atomic_output(Path(item)) as sink:
                            state = self.stream_jsonl(source, sink, label)
                            if not state.keep:
                                raise _Discard
                    except _Discard:
                        pass
                    except (WriteRefused, OSError) as error:
                        why = error.strerror if isinstance(error, OSError) and error.strerror else error
                        self.output.error(f"{label}: cannot write: {why}; left as it was")
                        self.report.errors += 1
                    else:
                        self.output.message(f"fixed {label}")
                    return
                printing = (self.mode.print_text or (self.mode.in_place and item == STDIN)) and not changes_nothing
                state = self.stream_jsonl(source, _StdoutBytes(self.output) if printing else None, label)
                if refused is not None and state.changed_lines:
                    self.output.error(f"{label}: {refused}")
                    self.report.errors += 1
        except _InternalJsonlError as error:
            self.internal_error(label, error.details)
        finally:
            self.output.stop_progress()

    def stream_jsonl(self, source, sink, label: str) -> _JsonlState:
        """Stream ``source`` to ``sink`` batch by batch; at most a few batches
        per worker are in flight, so memory stays flat whatever the size."""
        from .jsonl import normalize_batch

        field = self.args.field
        record = self.mode.stats or self.mode.explain
        state = _JsonlState()
        diff = LineDiff(_StdoutBytes(self.output), label) if self.mode.diff else None
        messages = 0

        def finish(batch: list[bytes], first: int, outcome) -> None:
            nonlocal messages
            if sink is not None:
                sink.writelines(outcome.lines)
            if diff is not None:
                for number, (before, after) in enumerate(zip(batch, outcome.lines), first):
                    diff.feed(number, before, after)
            state.lines += sum(1 for line in batch if line.strip())
            state.with_field += outcome.with_field
            state.changed_lines += len(outcome.changed_lines)
            self.report.add_counters(outcome.steps, outcome.reasons, outcome.flags)
            for number, reason, detail in outcome.passed:
                state.passed += 1
                self.report.pass_line(label, number, reason)
                if reason == "no such field":
                    state.no_field.append(number)
                    continue  # reported once the whole file is read: perhaps no line has it
                messages += 1
                if messages <= MAX_LINE_MESSAGES:
                    self.output.message(f"{label}: line {number}: {reason}{f' ({detail})' if detail else ''}; passed through unchanged")
            if self.mode.explain:
                for number, before, result in outcome.explained:
                    self.explain(explain_lines(f"{label}:{number}:{field}", before, result))
            self.output.advance(sum(len(line) for line in batch))

        try:
            if self.workers == 1:
                number = 1
                for batch in _batches(source, JSONL_BATCH):
                    finish(batch, number, normalize_batch(batch, field, number, self.config, record, self.mode.explain))
                    number += len(batch)
            else:
                _warm_before_fork(self.config)
                window: collections.deque = collections.deque()
                number = 1
                for batch in _batches(source, JSONL_BATCH):
                    window.append((batch, number, self.pool().submit(normalize_batch, batch, field, number, self.config, record, self.mode.explain)))
                    number += len(batch)
                    if len(window) >= JSONL_WINDOW_PER_WORKER * self.workers:
                        batch_, first, future = window.popleft()
                        finish(batch_, first, future.result())
                while window:
                    batch_, first, future = window.popleft()
                    finish(batch_, first, future.result())
        except (KeyboardInterrupt, BrokenPipeError, SystemExit, _Terminated):
            raise
        except Exception:
            raise _InternalJsonlError(traceback.format_exc()) from None
        if diff is not None:
            diff.close()
        self._jsonl_summary(label, state, messages)
        return state

    def _jsonl_summary(self, label: str, state: _JsonlState, messages: int) -> None:
        field = self.args.field
        report = self.report
        report.files += 1
        report.jsonl_lines += state.lines
        report.jsonl_changed += state.changed_lines
        if state.lines and not state.with_field:
            self.output.error(f"{label}: no line has the field {field!r} (--field)")
            report.errors += 1
            state.keep = False
            return
        if state.no_field:
            shown = ", ".join(map(str, state.no_field[:MAX_LINE_MESSAGES]))
            more = f" and {len(state.no_field) - MAX_LINE_MESSAGES} more" if len(state.no_field) > MAX_LINE_MESSAGES else ""
            self.output.message(f"{label}: line {shown}{more}: no field {field!r}; passed through unchanged")
        if messages > MAX_LINE_MESSAGES:
            self.output.message(f"{label}: {messages - MAX_LINE_MESSAGES} more lines passed through (--stats counts them)")
        if state.passed:
            report.errors += 1
        if state.changed_lines:
            report.changed += 1
            if self.mode.check:
                self.output.line(f"would change {label}")
        state.keep = bool(state.changed_lines)


@dataclass
class _JsonlState:
    """One JSONL input's counts, and whether its rewrite is kept."""

    lines: int = 0
    with_field: int = 0
    changed_lines: int = 0
    passed: int = 0
    keep: bool = False
    no_field: list[int] = dataclass_field(default_factory=list)


class _Discard(Exception):
    """Leave the file as it was: the temporary copy is dropped."""


class _InternalJsonlError(Exception):
    def __init__(self, details: str) -> None:
        super().__init__(details)
        self.details = details


class _StdoutBytes:
    """A binary sink on stdout that clears the progress bar first."""

    def __init__(self, output: Output) -> None:
        self.output = output

    def write(self, data: bytes) -> None:
        self.output.data(data)

    def writelines(self, lines) -> None:
        self.output.data(b"".join(lines))


def _batches(stream, size: int, size_bytes: int = JSONL_BATCH_BYTES) -> Iterator[list[bytes]]:
    """Lines of ``stream`` in lists of at most ``size`` lines and about ``size_bytes``."""
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


def _warm_before_fork(config: Config | None) -> None:
    """Where workers are forked, load the tables once here: every worker then
    starts with them (and shares their memory) instead of loading its own."""
    import multiprocessing

    if multiprocessing.get_start_method() == "fork":
        from .pipeline import warm_up

        warm_up(config)


# -- entry point --------------------------------------------------------------------------


class _Terminated(BaseException):
    """SIGTERM: unwind like Ctrl-C, so that no temporary file is left behind."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def _usage_checks(args: argparse.Namespace) -> None:
    if args.hook and not (args.check or args.diff):
        args.in_place = True
    if args.in_place and (args.check or args.diff):
        raise UsageError(f"{'--hook' if args.hook else '--in-place'} cannot be combined with {'--check' if args.check else '--diff'}: they change nothing")
    if args.in_place and (not args.paths or args.paths == [STDIN]):
        raise UsageError("--in-place needs file paths (stdin can only be printed)")
    if args.jobs < 0:
        raise UsageError(f"--jobs {args.jobs}: expected 0 (one per core) or more")
    if args.output_encoding is not None:
        try:
            codecs.lookup(args.output_encoding)
        except LookupError:
            raise UsageError(f"--output-encoding {args.output_encoding}: unknown encoding") from None
    if args.jsonl and not args.field:
        raise UsageError("--field: expected a field name")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: sys.argv[1:]); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_OK if exit_.code in (0, None) else EXIT_ERROR
    output = Output(quiet=args.quiet)
    report = Report()
    previous = None
    if _main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    runner: Runner | None = None
    try:
        _usage_checks(args)
        settings = resolve_settings(args, [p for p in args.paths] or [STDIN])
        if args.verbose:
            output.message(f"project root: {settings.root} (by {settings.root_reason}); settings: {settings.source or 'none'}")
        runner = Runner(args, settings, output, report)
        items = runner.items()
        if args.jsonl:
            runner.run_jsonl(items)
        else:
            runner.run_text(items)
    except UsageError as error:
        output.error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        output.stop_progress()
        print("normalize-zh: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        output.stop_progress()
        print("normalize-zh: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, as cat does; what is
        # still buffered goes nowhere, so that exiting does not fail again
        try:
            if sys.stdout.fileno() == 1:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass
        return EXIT_OK
    except Exception:
        output.stop_progress()
        details = traceback.format_exc()
        last = details.strip().splitlines()[-1]
        output.error(f"internal error: {last}" + ("" if args.verbose else " (--verbose shows the traceback)"))
        if args.verbose:
            print(details.rstrip(), file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if runner is not None:
            runner.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if args.stats:
        report.print_stats(sys.stderr)
    if report.internal_errors:
        return EXIT_INTERNAL
    if report.errors:
        return EXIT_ERROR
    if report.changed and (args.check or args.hook):
        return EXIT_CHANGED
    return EXIT_OK


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
