"""Byte-misaligned GBK on annotated pages: a stream that lost a byte and slipped by one.

On content farms that annotate characters with pinyin, a GBK stream that lost
a byte was decoded one byte out of step, and the annotations were kept::

    前沿熱點(diǎn)   bytes  C7B0 D1D8 9FE1 FC63 (diǎn)
    前沿?zé)狳c(diǎn)  as read: ? zé) 狳=E1FC  c=63 (diǎn)

The letter glued between a character and an annotation is the trail byte of
the annotated character, and the character before it holds that character's
lead byte as its own second byte: ``狳`` is E1 FC, so ``點`` is FC 63 -- and
``點`` reads diǎn, which confirms it.  The annotated character is restored
only when its reading matches.

The character before it lost its lead byte (the ``?``).  It is restored when
the debris of its neighbour's annotation names it (``zé)`` is what is left of
``責(zé)``, D8 9F, the characters ``沿`` and ``熱`` read across their
boundary: so ``熱`` is 9F E1) or when exactly one candidate makes a word with
its neighbour (``熱點``).  Otherwise the ``?`` stays in place and is flagged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .chars import PINYIN_TONED
from .edits import Edit, Flag, Outcome
from .pinyin import matching_reading, normalize_reading
from .tables import words

_LETTERS = "a-zü" + PINYIN_TONED
# The ASCII byte glued before an annotation; the character before it is checked in Python.
SLIP = re.compile(rf"(?P<c>[\x40-\x7e])[(（](?P<reading>[{_LETTERS}]{{1,7}}[1-5]?)[)）]")
# Before X: the lost byte as the page's decoder wrote it, perhaps with what is
# left of the annotation of the character that straddled the slip.
LOST_BEFORE = re.compile(rf"(?P<lost>[?\ufffd])(?P<debris>[{_LETTERS}]{{1,7}}[1-5]?[)）])?$")
LOST_REACH = 12  # the lost byte and its debris lie within this many characters


@functools.lru_cache(maxsize=4096)
def _gbk(char: str) -> bytes | None:
    if char in ",;:!?()":
        char = chr(ord(char) + 0xFEE0)  # the full-width form the page had before
    try:
        data = char.encode("gbk")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


@functools.lru_cache(maxsize=65536)
def _decode(lead: int, trail: int) -> str | None:
    try:
        char = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 else None


def _lost_character(before: str, lost: re.Match[str], trail: int, restored: str) -> str | None:
    """The character whose lead byte was lost and whose trail byte is ``trail``."""
    return _lost_character_between(before[lost.start() - 1 : lost.start()], lost.group("debris"), trail, restored)


@functools.lru_cache(maxsize=4096)
def _lost_character_between(previous: str, debris: str | None, trail: int, restored: str) -> str | None:
    vocabulary = words()
    candidates = []
    for lead in range(0x81, 0xFF):
        char = _decode(lead, trail)
        if char is None:
            continue
        if debris:
            # the character read across the slip: (trail of previous, lead of this one)
            left = _gbk(previous) if previous else None
            straddler = _decode(left[1], lead) if left else None
            if straddler is None or matching_reading(straddler, normalize_reading(debris[:-1])) is None:
                continue
        candidates.append(char)
    if debris and len(candidates) == 1:
        return candidates[0]
    worded = [c for c in candidates if c + restored in vocabulary or previous + c in vocabulary]
    return worded[0] if len(worded) == 1 else None


def slipped(text: str) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, x, c, reading): a character X, one ASCII byte that is a
    GBK trail byte (C), then a pinyin annotation -- the shape of a slip."""
    if "(" not in text and "（" not in text:
        return
    for match in SLIP.finditer(text):
        start = match.start()
        x = text[start - 1 : start]
        if x and (x in ",;:!?()" or (x > "\x7f" and not x.isspace())):
            yield start - 1, match.end(), x, match.group("c"), match.group("reading")


def fix_misaligned_outcome(text: str) -> Outcome:
    """Edits restoring slipped characters; flags for lost ones (output offsets)."""
    edits: list[Edit] = []
    lost_marks: list[tuple[int, str]] = []  # (input offset of the "?", detail)
    for start, end, x, c, reading in slipped(text):
        x_bytes = _gbk(x)
        if x_bytes is None:
            continue
        restored = _decode(x_bytes[1], ord(c))
        if restored is None or matching_reading(restored, reading) is None:
            continue
        annotation = text[start + 2 : end]
        lost = LOST_BEFORE.search(text, max(0, start - LOST_REACH), start)
        if lost is None:
            continue  # no sign of the lost byte: not this kind of damage
        lost_char = _lost_character(text, lost, x_bytes[0], restored)
        if lost_char is not None:
            edits.append(Edit(lost.start(), end, lost_char + restored + annotation, "misaligned-gbk"))
        else:
            edits.append(Edit(start, end, restored + annotation, "misaligned-gbk"))
            detail = f"a character with GBK trail byte {x_bytes[0]:02X} lost in a misaligned GBK stream"
            lost_marks.append((lost.start(), detail))
    if not edits:
        return Outcome([])
    from .edits import PositionMap

    positions = PositionMap(edits)
    flags = [
        Flag("misaligned-gbk", positions.forward(start), positions.forward(start) + 1, text[start], detail)
        for start, detail in lost_marks
    ]
    return Outcome(edits, flags)
