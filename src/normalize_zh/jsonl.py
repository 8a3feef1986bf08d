"""JSON Lines: normalize one string field of each line, and leave every other byte.

A line is never re-serialized.  ``field_span`` walks the line's top-level
object with json's own scanner (``JSONDecoder.raw_decode`` at an offset, the
C code behind ``json.loads``, for each key and value) and finds where the
field's value starts and ends; only that span is replaced, with the new string
written in the line's own style (``\\uXXXX`` escapes when the line is pure
ASCII and uses them, UTF-8 otherwise).  Spacing, key order, duplicate keys,
``\\/`` and number spellings elsewhere on the line stay as they were.  As in
``json.loads``, the last of duplicate keys is the one read (and replaced).

A line that cannot be processed (not UTF-8, not JSON, not an object, no such
field, a field that is not a string, a lone surrogate in it) is passed
through unchanged and reported with its line number.
"""

from __future__ import annotations

import collections
import json
import re
from dataclasses import dataclass, field
from json.decoder import JSONDecodeError
from typing import Any

from .config import Config

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()

# Reasons a line is passed through, as counted in --stats.
NOT_UTF8 = "not UTF-8"
NOT_JSON = "not JSON"
NOT_OBJECT = "not a JSON object"
NO_FIELD = "no such field"
NOT_STRING = "field is not a string"
SURROGATE = "lone surrogate in the field"


class LineError(Exception):
    """Why a line cannot be processed: ``reason`` (one of the above) and details."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason} ({detail})" if detail else reason)
        self.reason = reason


def _skip(line: str, index: int) -> int:
    return _WHITESPACE.match(line, index).end()  # type: ignore[union-attr]


def _not_json(line: str, index: int, what: str) -> LineError:
    return LineError(NOT_JSON, f"{what} at column {index + 1}")


def field_span(line: str, name: str) -> tuple[int, int, Any]:
    """``(start, end, value)`` of the value of top-level key ``name`` in the JSON
    object ``line``; ``LineError`` when there is none or the line is not one.

    >>> line = '{"id": 1, "text": "a,,b", "x": "\\\\/"}'
    >>> start, end, value = field_span(line, "text")
    >>> line[start:end], value
    ('"a,,b"', 'a,,b')
    """
    index = _skip(line, 0)
    if line[index : index + 1] != "{":
        try:
            json.loads(line)
        except (JSONDecodeError, RecursionError) as error:
            raise LineError(NOT_JSON, error.msg if isinstance(error, JSONDecodeError) else "nested too deeply") from None
        raise LineError(NOT_OBJECT)
    index = _skip(line, index + 1)
    found: tuple[int, int, Any] | None = None
    if line[index : index + 1] == "}":
        index += 1
    else:
        while True:
            if line[index : index + 1] != '"':
                raise _not_json(line, index, "expected a key")
            try:
                key, index = _DECODER.raw_decode(line, index)
            except JSONDecodeError as error:
                raise LineError(NOT_JSON, error.msg) from None
            index = _skip(line, index)
            if line[index : index + 1] != ":":
                raise _not_json(line, index, "expected ':'")
            index = _skip(line, index + 1)
            start = index
            try:
                value, index = _DECODER.raw_decode(line, index)
            except JSONDecodeError as error:
                raise LineError(NOT_JSON, error.msg) from None
            except RecursionError:
                raise LineError(NOT_JSON, "nested too deeply") from None
            if key == name:
                found = (start, index, value)
            index = _skip(line, index)
            if line[index : index + 1] == ",":
                index = _skip(line, index + 1)
                continue
            if line[index : index + 1] == "}":
                index += 1
                break
            raise _not_json(line, index, "expected ',' or '}'")
    if _skip(line, index) != len(line):
        raise _not_json(line, index, "extra data")
    if found is None:
        raise LineError(NO_FIELD)
    return found


def _line_body(line: bytes) -> tuple[bytes, bytes]:
    """The line without its ending, and the ending."""
    if line.endswith(b"\r\n"):
        return line[:-2], b"\r\n"
    if line.endswith(b"\n"):
        return line[:-1], b"\n"
    return line, b""


def replace_field(line: bytes, name: str, normalize) -> tuple[bytes, str, str]:
    """``(new line, value before, value after)``: ``normalize(value)`` written
    into the line's span of field ``name``; ``LineError`` when impossible."""
    body, ending = _line_body(line)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise LineError(NOT_UTF8, f"byte {error.start + 1}") from None
    start, end, value = field_span(text, name)
    if not isinstance(value, str):
        raise LineError(NOT_STRING, type(value).__name__ if value is not None else "null")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise LineError(SURROGATE, f"U+{ord(value[error.start]):04X}") from None
    new = normalize(value)
    if new == value:
        return line, value, value
    ascii_style = text.isascii() and "\\u" in text
    token = json.dumps(new, ensure_ascii=ascii_style)
    return (text[:start] + token + text[end:]).encode("utf-8") + ending, value, new


@dataclass
class BatchOutcome:
    """What a batch of lines became, and what to report (picklable, for workers)."""

    lines: list[bytes]
    changed_lines: list[int] = field(default_factory=list)
    #: (line number, reason, detail)
    passed: list[tuple[int, str, str]] = field(default_factory=list)
    with_field: int = 0
    steps: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    flags: collections.Counter = field(default_factory=collections.Counter)
    #: (line number, value before, Result) for --explain
    explained: list[tuple[int, str, Any]] = field(default_factory=list)


def normalize_batch(lines: list[bytes], name: str, first_line: int, config: Config, record: bool, explain: bool) -> BatchOutcome:
    """Normalize field ``name`` in each line (numbered from ``first_line``)."""
    from .pipeline import run_text

    outcome = BatchOutcome([])
    results: list[Any] = []

    def normalize(value: str) -> str:
        result = run_text(value, config, record=record)
        results.append(result)
        return result.text

    for number, line in enumerate(lines, first_line):
        if not line.strip():
            outcome.lines.append(line)  # a blank line: nothing to process, nothing to report
            continue
        results.clear()
        try:
            new, before, after = replace_field(line, name, normalize)
        except LineError as error:
            if error.reason != NO_FIELD:
                outcome.with_field += error.reason in (NOT_STRING, SURROGATE)
            detail = str(error)[len(error.reason) :].strip(" ()")
            outcome.passed.append((number, error.reason, detail))
            outcome.lines.append(line)
            continue
        outcome.with_field += 1
        outcome.lines.append(new)
        if new != line:
            outcome.changed_lines.append(number)
        for result in results:
            for change in result.changes:
                outcome.steps[change.step] += 1
                outcome.reasons[f"{change.step}: {change.reason}" if change.reason else change.step] += 1
            for flag in result.flags:
                outcome.flags[flag.kind] += 1
            if explain and (result.changes or result.flags):
                outcome.explained.append((number, before, result))
    return outcome
