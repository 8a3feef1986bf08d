"""What the command line prints: messages, the progress bar, --explain, --diff, --stats.

Messages go to stderr, results to stdout.  While the progress bar (tqdm, on
stderr, only on a terminal) is shown, every line is written through
``tqdm.write`` so it appears above the bar instead of over it.
"""

from __future__ import annotations

import collections
import difflib
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


class ByteSink(Protocol):
    def write(self, data: bytes, /) -> Any: ...
    def writelines(self, lines: Any, /) -> Any: ...

# A file's --explain and --stats list at most this many lines passed through
# per reason by number; the count is always complete.
MAX_LINE_NUMBERS = 10
# Lines passed through reported one by one on stderr, per file; past that one
# summary line (a corpus with a million lines without the field must not
# print a million messages).
MAX_LINE_MESSAGES = 20
DIFF_CONTEXT = 3  # lines of context, as diff -u and git diff


class Output:
    """stdout and stderr, and the progress bar they must not overwrite."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def start_progress(self, total_bytes: int | None, files: int | None, enabled: bool) -> None:
        if not enabled or self.quiet:
            return
        from tqdm import tqdm

        self.files = files
        self.files_done = 0
        self.bar = tqdm(
            total=total_bytes,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=sys.stderr,
            dynamic_ncols=True,
            leave=True,  # the finished bar stays: 100%, the files and bytes done
            mininterval=0.2,
        )
        if files:
            self.bar.set_postfix_str(f"0/{files} files", refresh=False)

    def advance(self, nbytes: int, files: int = 0) -> None:
        if self.bar is None:
            return
        if files and self.files:
            self.files_done += files
            self.bar.set_postfix_str(f"{self.files_done}/{self.files} files", refresh=False)
        self.bar.update(nbytes)

    def stop_progress(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _write(self, text: str, stream) -> None:
        if self.bar is not None:
            self.bar.write(text, file=stream)
        else:
            print(text, file=stream)

    def line(self, text: str) -> None:
        """A line of results on stdout (would change ..., --explain)."""
        self._write(text, sys.stdout)

    def message(self, text: str) -> None:
        """A message on stderr, unless --quiet."""
        if not self.quiet:
            self._write(text, sys.stderr)

    def note(self, text: str) -> None:
        """Asked-for output on stderr (--explain beside a diff): not silenced by --quiet."""
        self._write(text, sys.stderr)

    def error(self, text: str) -> None:
        self._write(f"normalize-zh: error: {text}", sys.stderr)

    def data(self, data: bytes) -> None:
        """Bytes of output (the normalized text, a diff) on stdout."""
        if self.bar is not None:
            self.bar.clear()
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        if self.bar is not None:
            self.bar.refresh()


@dataclass
class Report:
    """What happened, for the exit status and --stats."""

    files: int = 0
    changed: int = 0
    errors: int = 0
    internal_errors: int = 0
    skipped: int = 0
    jsonl_lines: int = 0
    jsonl_changed: int = 0
    steps: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    flags: collections.Counter = field(default_factory=collections.Counter)
    #: JSONL lines passed through: reason -> count, and the first line numbers per (file, reason)
    passed: collections.Counter = field(default_factory=collections.Counter)
    passed_lines: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def add_result(self, result: Any) -> None:
        for change in result.changes:
            self.steps[change.step] += 1
            self.reasons[f"{change.step}: {change.reason}" if change.reason else change.step] += 1
        for flag in result.flags:
            self.flags[flag.kind] += 1

    def add_counters(self, steps, reasons, flags) -> None:
        self.steps.update(steps)
        self.reasons.update(reasons)
        self.flags.update(flags)

    def pass_line(self, label: str, number: int, reason: str) -> None:
        self.passed[reason] += 1
        numbers = self.passed_lines.setdefault((label, reason), [])
        if len(numbers) < MAX_LINE_NUMBERS:
            numbers.append(number)

    def print_stats(self, stream) -> None:
        print(f"files: {self.files}, changed: {self.changed}, skipped: {self.skipped}, errors: {self.errors + self.internal_errors}", file=stream)
        if self.jsonl_lines:
            passed = sum(self.passed.values())
            print(f"JSON lines: {self.jsonl_lines}, changed: {self.jsonl_changed}, passed through unchanged: {passed}", file=stream)
        if self.passed:
            print("lines passed through:", file=stream)
            for reason, count in self.passed.most_common():
                print(f"  {count:8d}  {reason}", file=stream)
                for (label, why), numbers in self.passed_lines.items():
                    if why == reason:
                        more = ", ..." if count > len(numbers) else ""
                        print(f"            {label}: line {', '.join(map(str, numbers))}{more}", file=stream)
        for title, counter in (("changes by step", self.steps), ("changes by kind", self.reasons), ("unrepaired damage (flags)", self.flags)):
            if counter:
                print(f"{title}:", file=stream)
                for key, count in counter.most_common():
                    print(f"  {count:8d}  {key}", file=stream)


# -- --explain -------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` with invisible and control characters written as escapes, so a
    line of --explain stays one line and shows what changed (``\\r``, U+200B).

    >>> escape("a\\r\\n\\u200bb\\u3000c")
    'a\\\\r\\\\n\\\\u200bb\\\\u3000c'
    """
    if text.isprintable() and " " not in text.replace(" ", ""):
        return text or "''"
    out = []
    for char in text:
        if char == " ":
            out.append(char)
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif char.isprintable() and unicodedata.category(char) != "Zs":
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out) or "''"


class _Lines:
    """Line and column (from 1) of offsets in one text, by bisection: a file
    with ten thousand changes must not rescan its text for each one."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def __call__(self, offset: int) -> tuple[int, int]:
        import bisect

        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def explain_lines(label: str, text: str, result: Any) -> Iterator[str]:
    """``label:line:col step: before -> after (reason)`` for each change, in
    the order of their position in ``text`` (the pipeline's input), then the
    flags, by their position in the output."""
    from .pipeline import input_offsets

    offsets = input_offsets(result.changes)
    ordered = sorted(zip(offsets, range(len(offsets)), result.changes), key=lambda item: (item[0], item[1]))
    line_col = _Lines(text) if ordered else None
    for offset, _, change in ordered:
        line, column = line_col(offset)  # type: ignore[misc]
        why = f" ({change.reason})" if change.reason else ""
        yield f"{label}:{line}:{column} {change.step}: {escape(change.before)} -> {escape(change.after)}{why}"
    flags = sorted(result.flags, key=lambda flag: (flag.start is None, flag.start or 0))
    output_line_col = _Lines(result.text) if flags else None
    for flag in flags:
        if flag.start is None:
            where = label
        else:
            line, column = output_line_col(flag.start)  # type: ignore[misc]
            where = f"{label}:{line}:{column}"
        yield f"{where} flag {flag.kind}: {escape(flag.text)} {escape(flag.detail)}".rstrip()


# -- --diff ------------------------------------------------------------------------

NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, label: str) -> str:
    """A unified diff that ``git apply`` and ``patch`` accept, with the
    ``\\ No newline at end of file`` marker difflib leaves out."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{label}", f"b/{label}", n=DIFF_CONTEXT):
        if line.endswith("\n"):
            lines.append(line)
        else:
            lines.append(line + "\n" + NO_NEWLINE)
    return "".join(lines)


class LineDiff:
    """A unified diff of a file whose lines are replaced one for one (JSON
    Lines), written as the lines stream by: memory stays flat."""

    def __init__(self, sink: ByteSink, label: str) -> None:
        self.sink = sink
        self.label = label
        self.context: collections.deque[bytes] = collections.deque(maxlen=DIFF_CONTEXT)
        self.hunk: list[bytes] = []
        self.open = False  # a hunk has started (its current run of changes may not be in self.hunk yet)
        self.hunk_start = 0
        self.hunk_length = 0
        self.trailing = 0  # unchanged lines since the last change in the open hunk
        self.removed: list[bytes] = []
        self.added: list[bytes] = []
        self.header = False

    @staticmethod
    def _text(line: bytes) -> bytes:
        return line if line.endswith(b"\n") else line + b"\n" + NO_NEWLINE.encode()

    def feed(self, number: int, before: bytes, after: bytes) -> None:
        """Line ``number`` (from 1) was ``before`` and is ``after``."""
        if before == after:
            self._flush_run()
            if self.open and self.trailing < DIFF_CONTEXT:
                self.hunk.append(b" " + self._text(before))
                self.hunk_length += 1
                self.trailing += 1
                return
            if self.open and len(self.context) == DIFF_CONTEXT:
                self._close()  # more than twice the context apart: a new hunk (as difflib)
            self.context.append(before)
            return
        if not self.open:
            self.open = True
            self.hunk_start = number - len(self.context)
            self.hunk_length = 0
        for line in self.context:
            self.hunk.append(b" " + self._text(line))
            self.hunk_length += 1
        self.context.clear()
        self.removed.append(b"-" + self._text(before))
        self.added.append(b"+" + self._text(after))
        self.hunk_length += 1
        self.trailing = 0

    def _flush_run(self) -> None:
        """A run of changed lines: all its - lines, then all its + lines (as difflib)."""
        if self.removed:
            self.hunk.extend(self.removed)
            self.hunk.extend(self.added)
            self.removed = []
            self.added = []

    def _close(self) -> None:
        if not self.header:
            self.sink.write(f"--- a/{self.label}\n+++ b/{self.label}\n".encode())
            self.header = True
        span = f"{self.hunk_start},{self.hunk_length}"
        self.sink.write(f"@@ -{span} +{span} @@\n".encode())
        self.sink.writelines(self.hunk)
        self.hunk = []
        self.open = False
        self.trailing = 0

    def close(self) -> None:
        self._flush_run()
        if self.open:
            self._close()
