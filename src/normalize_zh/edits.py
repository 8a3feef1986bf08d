"""Edits: how every step describes what it changes.

A step does not return a new string directly; it returns a list of ``Edit``
(start, end, replacement) against its own input, sorted and non-overlapping.
From that one list the pipeline builds the new text, the ``Change`` records of
``Result.changes``, and the position maps that ``--explain`` and
``Result.flags`` need.
"""

from __future__ import annotations

import bisect
import itertools
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
    #: what the damaged text could have been, likeliest first (a lost character's candidates)
    candidates: tuple[str, ...] = ()

    def at(self, start: int | None, end: int | None, detail: str | None = None) -> Flag:
        """The same flag at another span (``dataclasses.replace``, without its
        per-call field lookups: a document may carry tens of thousands)."""
        return Flag(self.kind, start, end, self.text, self.detail if detail is None else detail, self.candidates)


def flagged_positions(length: int, flags: Iterable[Flag]) -> bytearray:
    """1 at each of ``length`` positions that one of ``flags`` covers, else 0
    (flags without a span cover none)."""
    mask = bytearray(length)
    for flag in flags:
        if flag.start is not None and flag.end is not None:
            mask[flag.start : flag.end] = b"\x01" * (flag.end - flag.start)
    return mask


class Outcome(NamedTuple):
    """What a step found: its edits, damage it could not repair, facts it took out.

    ``text``: a step asked for no edits (nothing records them, no flag or
    protected span needs moving) may give its output directly instead; its
    ``edits`` are then empty and its flags refer to that text.
    """

    edits: list[Edit]
    flags: Sequence[Flag] = ()
    metadata: Mapping[str, str] = MappingProxyType({})
    text: str | None = None



def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    edits = list(edits)
    if not edits:
        return text
    ends = [0, *(edit.end for edit in edits)]
    pieces = [text[position : edit.start] + edit.replacement for position, edit in zip(ends, edits)]
    pieces.append(text[ends[-1] :])
    return "".join(pieces)


def non_overlapping(edits: Iterable[Edit], *, widest_first: bool = False) -> list[Edit]:
    """``edits`` sorted, without overlaps: of two that claim the same
    characters the first wins (with ``widest_first``, of two starting
    together the wider: a script block over the tags inside it)."""
    ordered = sorted(edits, key=lambda edit: (edit.start, -edit.end)) if widest_first else sorted(edits)
    kept: list[Edit] = []
    for edit in ordered:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


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
        deltas = [len(edit.replacement) - (edit.end - edit.start) for edit in edits]
        self._shifts = list(itertools.accumulate(deltas))
        # where each edit starts in the output: its start plus the shift before it
        self._out_starts = [start + shift - delta for start, shift, delta in zip(self._starts, self._shifts, deltas)]

    def forward(self, position: int, *, inside: str = "start") -> int | None:
        """Input offset -> output offset; inside a replaced span, its start
        (``inside="start"``), end (``"end"``) or ``None`` (``"none"``) -- except
        inside a replacement of the same length, which maps one to one."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0:
            start, end, replacement, _ = self._edits[index]
            if start <= position < end or (position == start and end == start):
                base = self._out_starts[index]
                if len(replacement) == end - start:
                    return base + position - start
                if inside == "none":
                    return None
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
        edit = self._edits[index] if index >= 0 else None
        if edit is not None and edit.start <= last < edit.end and len(edit.replacement) != edit.end - edit.start:
            new_end = self._out_starts[index] + len(edit.replacement)
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
            return start + position - out_start if len(replacement) == end - start else start
        return position - self._shifts[index]


def compose(text: str, passes: list[list[Edit]]) -> list[Edit]:
    """Several rounds of edits (each against the text the round before left)
    as one set against the original ``text``; edits of different rounds that
    touch merge, their reasons joined with ``+``."""
    if len(passes) == 1:
        return passes[0]
    maps = [PositionMap(edits) for edits in passes]
    touched = []
    for depth, edits in enumerate(passes):
        for edit in edits:
            start, end = edit.start, edit.end
            for earlier in reversed(maps[:depth]):
                start, end = earlier.back(start), max(earlier.back(end), earlier.back(start))
                end = max(end, start)
            touched.append((start, end, edit.reason))
    touched.sort()
    merged: list[list] = []
    for start, end, reason in touched:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if reason not in merged[-1][2].split("+"):
                merged[-1][2] += "+" + reason
        else:
            merged.append([start, end, reason])
    final = text
    for edits in passes:
        final = apply_edits(final, edits)
    result = []
    for start, end, reason in merged:
        out_start, out_end = start, end
        for pmap in maps:
            out_start = pmap.forward(out_start, inside="start")
            out_end = pmap.forward(out_end, inside="end") if out_end > out_start else out_start
        result.append(Edit(start, end, final[out_start:out_end], reason))
    return result


BYTE_FLAGS = frozenset({"undecodable"})  # kinds whose offsets are in the input bytes: no text edit moves them


def move_flags(flags: list[Flag], edits: list[Edit]) -> list[Flag]:
    """Flags with offsets in a text, moved to that text after ``edits``: a flag
    follows the replacements inside it (``PositionMap.span``) and shrinks with
    deletions; one whose whole span was deleted (a line removed as furniture)
    keeps its kind and text but no position, and says so.  Flags without a
    position, and flags of the input's bytes (BYTE_FLAGS), stay as they are."""
    if not edits or not flags:
        return flags
    positions = PositionMap(edits)
    moved = []
    for flag in flags:
        if flag.start is None or flag.kind in BYTE_FLAGS:
            moved.append(flag)
            continue
        span = positions.span(flag.start, flag.end if flag.end is not None else flag.start)
        if span is None:
            moved.append(flag.at(None, None, flag.detail + " (removed with its text)"))
        else:
            moved.append(flag.at(span[0], span[1]))
    return moved


def line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of ``position`` in ``text``."""
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column
