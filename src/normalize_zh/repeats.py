"""Doubled lines and chunk markers: what extraction tools add to a document.

* Every line twice (``标题`` / ``标题`` / ``第一段`` / ``第一段``): slide decks and
  some PDF layers give each text box twice.  When most lines of a document
  come in identical pairs, the second of each pair goes; one repeated line (a
  refrain, a repeated heading) is no such pattern.
* Chunk markers: document-sharing sites cut a text into fixed-size chunks and
  number them (``…加强对县1、域医疗救治…2、…``).  Markers numbered in order,
  at a regular interval, most of them splitting words (a Han character on
  both sides), go; an enumeration (``1、加强…；2、完善…``) starts after
  punctuation or a line break and stays.
"""

from __future__ import annotations

import re
import statistics

from .edits import Edit, Outcome, apply_edits

PAIRS_MIN = 3  # identical pairs a document needs before its lines count as doubled
PAIRED_SHARE = 0.8  # ... and the share of its lines they must cover
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# "、" after a digit (the pattern starts on the literal: many times faster than on a digit)
MARKER_END = re.compile("、(?<=[0-9]、)")
MID_WORD = re.compile(f"[{HAN}]")
MID_WORD_SHARE = 0.6  # markers of a run that must stand between two Han characters
MARKERS_MIN = 3
INTERVAL_TOLERANCE = 0.25  # share of the median interval a chunk may differ by


def _doubled_lines(text: str) -> list[Edit]:
    lines = text.split("\n")
    if len(lines) - len(set(lines)) - max(0, lines.count("") - 1) < PAIRS_MIN:
        return []  # too few repeated lines (at C speed, before any line is looked at)
    spans = []  # (start, end) of each non-empty line, with its text
    position = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line), line.strip()))
        position += len(line) + 1
    pairs = []
    index = 0
    while index + 1 < len(spans):
        if spans[index][2] == spans[index + 1][2]:
            pairs.append((spans[index], spans[index + 1]))
            index += 2
        else:
            index += 1
    if len(pairs) < PAIRS_MIN or 2 * len(pairs) < PAIRED_SHARE * len(spans):
        return []
    # the second copy goes with the line break before it
    return [Edit(first[1], second[1], "", "doubled line") for first, second in pairs]


def _chunk_markers(text: str) -> list[Edit]:
    if "、" not in text:
        return []
    markers = []  # (start, end, number) of "12、"
    for match in MARKER_END.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 3 and "0" <= text[start - 1] <= "9":
            start -= 1
        if start and ("0" <= text[start - 1] <= "9" or text[start - 1] == "."):
            continue  # part of a longer number
        markers.append((start, match.end(), int(text[start : match.start()])))
    if len(markers) < MARKERS_MIN:
        return []
    # the longest run of markers numbered one after another
    best: list[tuple[int, int, int]] = []
    run: list[tuple[int, int, int]] = []
    for marker in markers:
        run = run + [marker] if run and marker[2] == run[-1][2] + 1 else [marker]
        if len(run) > len(best):
            best = run
    if len(best) < MARKERS_MIN:
        return []
    inside = sum(1 for start, end, _ in best if start and MID_WORD.match(text, start - 1) and MID_WORD.match(text, end))
    if inside < MID_WORD_SHARE * len(best):
        return []  # an enumeration: its numbers follow punctuation or a line break
    intervals = [b[0] - a[0] for a, b in zip(best, best[1:])]
    median = statistics.median(intervals)
    if median < 20 or any(abs(i - median) > INTERVAL_TOLERANCE * median for i in intervals[:-1]):
        return []  # not fixed-size chunks (the last chunk may be short)
    return [Edit(start, end, "", "chunk marker") for start, end, _ in best]


def fix_repeats_outcome(text: str) -> Outcome:
    """Edits removing doubled lines and chunk markers."""
    edits = _doubled_lines(text) if "\n" in text else []
    edits += _chunk_markers(text)
    edits.sort()
    return Outcome(edits)


def fix_repeats(text: str) -> str:
    """Remove doubled lines and chunk markers.

    >>> fix_repeats("标题\\n标题\\n第一段。\\n第一段。\\n第二段。\\n第二段。\\n")
    '标题\\n第一段。\\n第二段。\\n'
    >>> fix_repeats("一是加强，1、完善制度；2、落实责任；3、强化考核。")
    '一是加强，1、完善制度；2、落实责任；3、强化考核。'
    """
    return apply_edits(text, fix_repeats_outcome(text).edits)
