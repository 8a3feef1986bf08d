"""Spaces that extraction put between Han characters.

* Letter-spaced text (``中 华 人 民 共 和 国``): PDF extraction of spaced-out
  type writes a space after every character.  A line is letter-spaced when
  nearly all its neighbouring Han characters (and marks) are one space apart;
  then those spaces go, and those between single digits or letters
  (``7 0 周 年``).  One space among running text (``记者 郑海波``), or
  between the phrases of a headline (``积极化解信访问题 维护群众合法权益``),
  is no such pattern, and a short spaced title (``通 知``) is left as set.
* Line breaks turned into spaces: a paragraph of running text joined back
  with a space where each line ended (``加强对县域医 疗救治工作``).  A space
  between Han characters inside running text goes when it splits a word
  (``医疗``), or when such spaces recur at the regular interval of a print
  column; a space that does neither (a byline, a name) stays.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from .edits import Edit, Outcome, apply_edits
from .chars import HAN_BMP as HAN
from .chars import HAN_CHARACTER
from .tables import word_across

MARKS = "，。、；：？！（）《》“”‘’「」"
_CHINESE = re.compile(f"[{HAN}{MARKS}]")
TIGHT = re.compile(f"[{HAN}](?=[{HAN}])")

GRID_HAN_SHARE = 0.5  # of a line's lone spaces, at least this share between Han for a column's grid
LETTER_SPACED_MIN = 4  # spaced pairs a line needs before it counts as letter-spaced
LETTER_SPACED_SHARE = 0.8
RUNNING_MIN = 20  # characters of running text a line needs before its lone spaces are judged
SENTENCE_MARKS = re.compile("[，。；！？,;!?]")
GRID_MIN = 3  # spaces at a regular interval before they are taken for line ends
GRID_TOLERANCE = 2
EXACT_TOLERANCE = 1  # a grid no space of which splits a word must keep its width this closely
COLUMN_MIN = 8


def _spaced(line: str) -> list[tuple[int, int]]:
    """Runs of spaces between two Han characters or marks (spaces are few in
    Chinese text: found one by one with str.find, their neighbours checked)."""
    found = []
    for space in " \u3000":
        start = line.find(space)
        while start >= 0:
            end = start + 1
            while end < len(line) and line[end] in " \u3000":
                end += 1
            if start and end < len(line) and _CHINESE.match(line, start - 1) and _CHINESE.match(line, end):
                if line[start - 1] not in " \u3000":  # each run once
                    found.append((start, end))
            start = line.find(space, end)
    found.sort()
    return found


def _letter_spaced(line: str, spaces: list[tuple[int, int]]) -> bool:
    if len(spaces) < LETTER_SPACED_MIN:
        return False
    tight = len(TIGHT.findall(line))
    return len(spaces) >= LETTER_SPACED_SHARE * (len(spaces) + tight)


def _spaced_letters(line: str) -> list[tuple[int, int]]:
    """In a letter-spaced line, the lone spaces between two single-character
    tokens (``5 4 岁``, ``G D P``); ``the State`` keeps its space."""
    found = []
    start = line.find(" ")
    while start >= 0:
        if 0 < start < len(line) - 1 and line[start - 1] != " " and line[start + 1] != " ":
            left = start == 1 or line[start - 2] == " "
            right = start + 2 == len(line) or line[start + 2] == " "
            if left and right:
                found.append((start, start + 1))
        start = line.find(" ", start + 1)
    return found


def _line_ends(line: str, spaces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The lone spaces of a running-text line that stand where lines ended."""
    if len(line) < RUNNING_MIN or not SENTENCE_MARKS.search(line):
        return []
    lone = [(start, end) for start, end in spaces if end - start == 1]
    found = []
    starts = [start for start, _ in lone]
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    column = statistics.median(gaps) if len(gaps) >= GRID_MIN - 1 else 0
    # a column is a grid the spaces keep: GRID_MIN of them in step at least,
    # and most of the gaps (a median of scattered gaps, 3 39 11 14 2, is none)
    on_column = sum(abs(gap - column) <= GRID_TOLERANCE for gap in gaps)
    if on_column < GRID_MIN - 1 or 2 * on_column < len(gaps):
        column = 0
    # a column's edge cuts mostly between Han characters (a mark is one character
    # in five): spaces nearly all beside marks are the text's own (曰： 有 … 也。 舍)
    between_han = sum(1 for start, end in lone if HAN_CHARACTER.match(line, start - 1) and HAN_CHARACTER.match(line, end))
    if between_han < GRID_HAN_SHARE * len(lone):
        column = 0
    # a column's edge cuts the text at chance places: spaces that mostly stand
    # before one same word are the text's own (層巒 一作：層臺；即岡 一作：列岡)
    if column and _repeated_after(line, lone):
        column = 0
    # a column's edge cuts a word now and then, and keeps its width to a
    # character: spaces of which none splits a word, a clause's length apart
    # give or take two, stand where the writer ended clauses (谈过恋爱
    # 也确定自己不是女同 我不知道…: a forum post's commas)
    splits = [_splits_word(line, start, end) for start, end in lone]
    if column and not any(splits) and 2 * sum(abs(gap - column) <= EXACT_TOLERANCE for gap in gaps) < len(gaps):
        column = 0
    for index, (start, end) in enumerate(lone):
        on_grid = column >= COLUMN_MIN and any(
            abs(gap - column) <= GRID_TOLERANCE
            for gap in ([gaps[index - 1]] if index else []) + ([gaps[index]] if index < len(gaps) else [])
        )
        # off the column's grid, a line break turned into a space splits a word
        # of Han (县域医 疗); a space beside a mark is the text's own (classical
        # texts set 曰： 有 where a quote was lost)
        if on_grid or splits[index]:
            found.append((start, end))
    return found


def _splits_word(line: str, start: int, end: int) -> bool:
    """Whether the space ``line[start:end]`` stands between two Han characters
    inside a word (县域医 疗).  (word_across reads four characters either
    side: no copy of the line per space.)"""
    return bool(
        HAN_CHARACTER.match(line, start - 1) and HAN_CHARACTER.match(line, end)
        and word_across(line[max(0, start - 4) : start], line[end : end + 4]) >= 2
    )


REPEATED_SHARE = 0.5  # of a line's lone spaces, this share before one same word is the text's layout


def _repeated_after(line: str, lone: list[tuple[int, int]]) -> bool:
    """Whether at least ``REPEATED_SHARE`` of the spaces ``lone`` (and two of
    them) stand before the same two characters."""
    following = Counter(line[end : end + 2] for _, end in lone)
    most = max(following.values(), default=0)
    return most >= 2 and most >= REPEATED_SHARE * len(lone)


def fix_spacing_outcome(text: str) -> Outcome:
    """Edits removing the spaces extraction put between Han characters."""
    spaces = _spaced(text)  # spaces never span a line break: found once, judged line by line
    if not spaces:  # no space between Chinese characters anywhere: nothing to judge
        return Outcome([])
    edits: list[Edit] = []
    index = 0
    while index < len(spaces):
        start = text.rfind("\n", 0, spaces[index][0]) + 1
        end = text.find("\n", spaces[index][0])
        end = len(text) if end < 0 else end
        line_spaces = []
        while index < len(spaces) and spaces[index][0] < end:
            line_spaces.append((spaces[index][0] - start, spaces[index][1] - start))
            index += 1
        line = text[start:end]
        if _letter_spaced(line, line_spaces):
            chosen, reason = sorted({*line_spaces, *_spaced_letters(line)}), "letter-spaced"
        else:
            chosen, reason = _line_ends(line, line_spaces), "line end turned into a space"
        edits.extend(Edit(start + a, start + b, "", reason) for a, b in chosen)
    return Outcome(edits)


def fix_spacing(text: str) -> str:
    """Remove letter-spacing and spaces left where lines were joined.

    >>> fix_spacing("中 华 人 民 共 和 国 成 立 7 0 周 年\\n记者 郑海波报道，我们要加强对县域医 疗救治工作的支持。")
    '中华人民共和国成立70周年\\n记者 郑海波报道，我们要加强对县域医疗救治工作的支持。'
    >>> fix_spacing("通 知\\n积极化解信访问题 维护群众合法权益")
    '通 知\\n积极化解信访问题 维护群众合法权益'
    """
    return apply_edits(text, fix_spacing_outcome(text).edits)
