"""Lost bytes: which characters a hole could have been, and when it is settled.

A wrong decoder that cannot decode a byte writes U+FFFD and resumes at the next
byte.  Where a character of the repair contains such a hole, the bytes around
it and the decoder that dropped it say which values the lost byte could have
had; each that decodes gives a candidate character::

    鏈�28  (UTF-8 read as GBK)   e6 9c ?? 32 38   ?? in 80..bf: 最 朋 月 有 服 期 ... (64)
    鐨勬�  ...                    a mid-run hole that only 80 fits:   determined

A hole is filled only when the bytes leave one candidate, or when exactly one
of a few candidates (at most ``MAX_SETTLED_BY_WORD``) forms a word with its
neighbours.  Otherwise it stays U+FFFD and is reported with its candidates:
``本报讯(记者`` read back from UTF-8-read-as-GBK has ``讯``'s last byte lost
before the ASCII bracket, and ``报讯`` and ``报考`` are both words.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..score import char_cost
from ..tables import words
from .readings import HOLE, Reader, Source

# A hole whose byte could have had this many values or fewer is settled by
# its context when exactly one candidate forms words with its neighbours on
# both sides (a word that ends with it and one that starts with it: 生产总值
# and 值同比 both hold 值).  On the held-out sentences damaged every lossy way
# (benchmarks/mojibake_holes.py), that rule filled 138 holes, all rightly; one
# word on one side only filled ten times as many, 1 to 13% wrongly, so a hole
# it alone would settle stays open and is flagged.
MAX_SETTLED_BY_WORD = 16
# How many candidates a flag's detail lists, likeliest first.
LISTED = 8
@dataclass(frozen=True)
class Lost:
    """A character of a repair whose bytes were partly lost."""

    offset: int  # in the repair text, where it stays U+FFFD
    candidates: tuple[str, ...]  # what it could have been, likeliest first (may be empty: unknown)
    lost_bytes: int = 1

    def detail(self) -> str:
        shown = " ".join(self.candidates[:LISTED]) + (" ..." if len(self.candidates) > LISTED else "")
        what = f"{self.lost_bytes} byte(s) of this character were lost in a wrong decoding"
        if not self.candidates:
            return what + "; it cannot be told what it was"
        return f"{what}; it was one of {len(self.candidates)}: {shown}"


@functools.lru_cache(maxsize=65536)
def candidates(source: Source, reader: Reader, char_bytes: bytes, hole: int, following: int | None,
               decoders: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The characters ``char_bytes`` (one character of ``source``, with its
    byte ``hole`` lost) could have been, given the byte after the hole
    (``following``, None when unknown) and the decoders that may have
    dropped it (None: any of the reader's), likeliest first."""
    found = []
    trial = bytearray(char_bytes)
    for value in reader.lost_values(following, decoders):
        trial[hole] = value
        char = source.decode(bytes(trial))
        if char is not None and len(char) == 1 and char.isprintable() and not "\ue000" <= char <= "\uf8ff":
            found.append(char)
    return tuple(sorted(dict.fromkeys(found), key=lambda c: (char_cost(c), c)))


def settle(text: str, lost: list[Lost]) -> tuple[str, list[Lost]]:
    """Fill the holes of ``text`` that the bytes or the words around them decide.

    ``text`` has U+FFFD at each ``lost`` offset.  A hole with one candidate is
    filled; one with at most ``MAX_SETTLED_BY_WORD`` candidates is filled when
    exactly one of them forms a word with its neighbours, and that one forms
    words on both sides.  Returns the text and the holes still open.
    """
    if not lost:
        return text, lost
    chars = list(text)
    still = []
    decided: dict[tuple[tuple[str, ...], str, str], str | None] = {}  # (candidates, before, after) -> choice
    for hole in lost:
        choice = None
        if len(hole.candidates) == 1 and hole.lost_bytes == 1:
            choice = hole.candidates[0]
        elif 1 < len(hole.candidates) <= MAX_SETTLED_BY_WORD and hole.lost_bytes == 1:
            before, after = _known_around(chars, hole.offset)
            key = (hole.candidates, before, after)
            if key in decided:  # (the words around decide a hole alone: the same ones, the same way)
                choice = decided[key]
            elif before or after:
                alphabet = _word_chars()
                worded = []
                for candidate in hole.candidates:
                    if candidate in alphabet:
                        sides = _words_around(before, candidate, after)
                        if any(sides):
                            worded.append((candidate, sides))
                            if len(worded) > 1:
                                break  # two make words: the context does not decide
                if len(worded) == 1 and all(worded[0][1]):
                    choice = worded[0][0]
            decided[key] = choice
        if choice is None:
            still.append(hole)
        else:
            chars[hole.offset] = choice
    return "".join(chars), still


@functools.cache
def _word_chars() -> frozenset[str]:
    """Every character that occurs in a word (most candidates of a hole are
    rare characters that occur in none)."""
    return frozenset(char for word in words() for char in word)


def _known_around(chars: list[str], offset: int) -> tuple[str, str]:
    """Up to three known characters (no hole) before and after ``offset``."""
    left = []
    for index in range(offset - 1, max(-1, offset - 4), -1):
        if chars[index] == HOLE:
            break
        left.insert(0, chars[index])
    right = []
    for index in range(offset + 1, min(len(chars), offset + 4)):
        if chars[index] == HOLE:
            break
        right.append(chars[index])
    return "".join(left), "".join(right)


# (characters taken before, after) of the words 2 to 4 characters long that
# hold a character: before[-k:] + char + after[:m]
_SHAPES = tuple((k, m) for k in range(4) for m in range(4) if 1 <= k + m <= 3)


def _words_around(before: str, char: str, after: str) -> tuple[bool, bool]:
    """Whether ``char`` between ``before`` and ``after`` forms a word (2 to 4
    characters) with what comes before it, and one with what comes after it
    (a word across it counts for both)."""
    get = words().get
    with_left = with_right = False
    for k, m in _SHAPES:
        if k > len(before) or m > len(after) or (with_left and with_right):
            continue
        if (k and with_left and not m) or (m and with_right and not k):
            continue
        if get(before[len(before) - k :] + char + after[:m]):
            with_left = with_left or k > 0
            with_right = with_right or m > 0
    return with_left, with_right
