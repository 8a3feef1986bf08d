"""Edits: how every step describes what it changes.

A step does not return a new string directly; it returns a list of ``Edit``
(start, end, replacement) against its own input, sorted and non-overlapping.
From that one list the pipeline builds the new text, the ``Change`` records of
``Result.changes``, and the position maps that ``--explain`` and
``Result.flags`` need.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement`` (``reason`` says why, for ``--explain``)."""

    start: int
    end: int
    replacement: str
    reason: str = ""


@dataclass(frozen=True)
class Change:
    """One change made by one step, with its span in that step's input."""

    step: str
    start: int
    end: int
    before: str
    after: str
    reason: str = ""


@dataclass(frozen=True)
class Flag:
    """Damage that could not be repaired.

    ``start``/``end`` are character offsets in ``Result.text`` (``None`` when a
    later step removed the text, e.g. with the boilerplate around it), or byte
    offsets into the input for ``kind="undecodable"``.
    """

    kind: str
    start: int | None
    end: int | None
    text: str
    detail: str = ""


class Outcome(NamedTuple):
    """What a step found: its edits, damage it could not repair, facts it took out."""

    edits: list[Edit]
    flags: Sequence[Flag] = ()
    metadata: Mapping[str, str] = MappingProxyType({})



def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    pieces = []
    position = 0
    for start, end, replacement, _ in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def regex_edits(
    pattern: re.Pattern[str], text: str, replace: Callable[[re.Match[str]], str | None]
) -> list[Edit]:
    """An edit for each match whose ``replace`` gives a different string (``None`` keeps it)."""
    edits = []
    for match in pattern.finditer(text):
        replacement = replace(match)
        if replacement is not None and replacement != match.group():
            edits.append(Edit(match.start(), match.end(), replacement))
    return edits


class PositionMap:
    """Maps offsets between a step's input and its output."""

    def __init__(self, edits: list[Edit]) -> None:
        self._edits = edits
        self._starts = [edit.start for edit in edits]
        shifts = []
        out_starts = []
        shift = 0
        for start, end, replacement, _ in edits:
            out_starts.append(start + shift)
            shift += len(replacement) - (end - start)
            shifts.append(shift)
        self._shifts = shifts
        self._out_starts = out_starts

    def forward(self, position: int, *, inside: str = "start") -> int | None:
        """Input offset -> output offset; inside a replaced span, its start
        (``inside="start"``), end (``"end"``) or ``None`` (``"none"``)."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0:
            start, end, replacement, _ = self._edits[index]
            if start <= position < end or (position == start and end == start):
                if inside == "none":
                    return None
                base = self._out_starts[index]
                return base if inside == "start" else base + len(replacement)
            return position + self._shifts[index]
        return position

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The input span ``[start, end)`` in the output: it follows replacements
        and shrinks with deletions; None when nothing of it is left."""
        if end <= start:
            position = self.forward(start, inside="start")
            return (position, position) if position is not None else None
        new_start = self.forward(start, inside="start")
        last = end - 1
        index = bisect.bisect_right(self._starts, last) - 1
        if index >= 0 and self._edits[index].start <= last < self._edits[index].end:
            new_end = self._out_starts[index] + len(self._edits[index].replacement)
        else:
            new_end = self.forward(last) + 1
        if new_start is None or new_end <= new_start:
            return None
        return new_start, new_end

    def back(self, position: int) -> int:
        """Output offset -> input offset (the start of a replaced span)."""
        index = bisect.bisect_right(self._out_starts, position) - 1
        if index < 0:
            return position
        start, end, replacement, _ = self._edits[index]
        out_start = self._out_starts[index]
        if position < out_start + len(replacement):
            return start
        return position - self._shifts[index]


def line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of ``position`` in ``text``."""
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column
