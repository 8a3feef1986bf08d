"""Doubled lines and chunk markers: what extraction tools add to a document.

* Every line twice (``标题`` / ``标题`` / ``第一段`` / ``第一段``): slide decks and
  some PDF layers give each text box twice.  When most lines of a block
  come in identical pairs of different lines, the second of each pair goes
  (lines the page added once around the block do not count against it); one
  repeated line (a refrain, a repeated heading) is no such pattern.
* Chunk markers: document-sharing sites cut a text into fixed-size chunks and
  number them (``…加强对县1、域医疗救治…2、…``).  Three or more markers
  numbered in order, at a regular interval, most of them inside a word or a
  number, go; an enumeration (``1、加强…；2、完善…``) starts after punctuation
  or a line break and stays.
"""

from __future__ import annotations

import re
import statistics

from .edits import Edit, Outcome, apply_edits

PAIRS_MIN = 3  # identical pairs a document needs before its lines count as doubled
PAIRED_SHARE = 0.8  # ... and the share of its lines they must cover
# "、" after a digit (the pattern starts on the literal: many times faster than on a digit)
MARKER_END = re.compile("、(?<=[0-9]、)")
ENUMERATION_BEFORE = re.compile(r"[\s，。、；：！？,.;:!?）)】」』”’]")
INSIDE_SHARE = 0.5  # markers of a run that must stand inside a word or number
MARKERS_MIN = 3
INTERVAL_TOLERANCE = 0.25  # share of the median interval a chunk may differ by


def _doubled_lines(text: str) -> list[Edit]:
    lines = text.split("\n")
    if len(lines) - len(set(lines)) - max(0, lines.count("") - 1) < PAIRS_MIN - 1:
        return []  # too few repeated lines (at C speed, before any line is looked at)
    spans = []  # (start, end) of each non-empty line, with its text
    position = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line), line.strip()))
        position += len(line) + 1
    pairs = []  # (index of the first copy in spans, first copy, second copy)
    index = 0
    while index + 1 < len(spans):
        if spans[index][2] == spans[index + 1][2]:
            pairs.append((index, spans[index], spans[index + 1]))
            index += 2
        else:
            index += 1
    if len(pairs) < PAIRS_MIN - 1:
        return []
    # the doubled block runs from the first pair to the last; lines around it
    # (a link list, a footer added once by the page) do not count against it
    block = pairs[-1][0] + 2 - pairs[0][0]
    if 2 * len(pairs) < PAIRED_SHARE * block:
        return []
    if len({first[2] for _, first, _ in pairs}) < len(pairs) * PAIRED_SHARE:
        return []  # one line again and again (a refrain, a chant) is no extraction pattern
    # three pairs; or two when every line is paired and they are lines of text, not a refrain
    whole = 2 * len(pairs) == len(spans) and sum(len(first[2]) for _, first, _ in pairs) >= 10 * len(pairs)
    if len(pairs) < PAIRS_MIN and not whole:
        return []
    # the second copy goes with the line break before it
    return [Edit(first[1], second[1], "", "doubled line") for _, first, second in pairs]


def _chunk_markers(text: str) -> list[Edit]:
    if "、" not in text:
        return []
    # every "、" after digits, with those digits (a marker may follow a number
    # of the text: "8月1" + "1、", so which digits are the marker's is settled
    # by the numbering)
    candidates = []
    for match in MARKER_END.finditer(text):
        start = match.start()
        while start > 0 and "0" <= text[start - 1] <= "9":
            start -= 1
        candidates.append((match.start(), text[start : match.start()]))
    if len(candidates) < MARKERS_MIN:
        return []
    best: list[tuple[int, int]] = []  # (start, end) of the markers of the longest numbered run
    for first, (_, digits) in enumerate(candidates):
        if not digits.endswith("1"):
            continue
        run = [(candidates[first][0] - 1, candidates[first][0] + 1)]
        number = 2
        for position, digits in candidates[first + 1 :]:
            if digits.endswith(str(number)):
                run.append((position - len(str(number)), position + 1))
                number += 1
        if len(run) > len(best):
            best = run
    if len(best) < MARKERS_MIN:
        return []
    # an enumeration's numbers follow punctuation, a space or a line break; a
    # chunk marker falls anywhere, mostly inside a word or a number
    inside = sum(1 for start, _ in best if start and not ENUMERATION_BEFORE.match(text, start - 1))
    if inside < INSIDE_SHARE * len(best):
        return []
    intervals = [b[0] - a[0] for a, b in zip(best, best[1:])]
    median = statistics.median(intervals)
    if median < 20 or any(abs(i - median) > INTERVAL_TOLERANCE * median for i in intervals[:-1]):
        return []  # not fixed-size chunks (the last chunk may be short)
    return [Edit(start, end, "", "chunk marker") for start, end in best]


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
