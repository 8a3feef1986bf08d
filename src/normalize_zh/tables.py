"""Lazily loaded character and word tables.

Two kinds of knowledge live here:

* ``common_chars()``: the characters the Chinese national standards themselves
  call common, read straight out of Python's codecs (no data file): GB2312's
  level-1 block (first byte B0..D7, 3,755 characters) and Big5's level-1 block
  (first byte A4..C6, 5,401 characters).  Mojibake is dominated by characters
  outside both.
* ``char_counts()`` and ``words()``: generated files in ``data/`` built by
  ``scripts/build_tables.py`` from jieba's dictionary (see the file headers).

Everything is built on first use and cached for the life of the process.
``data_lines()`` and ``data_groups()`` read the other files of ``data/`` for
the modules that use them, which read each once (at import, or in a cached
function); each file's header names its source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

DATA = resources.files("normalize_zh") / "data"

from .chars import HAN, HAN_BMP  # noqa: F401  (their home is chars.py; kept here for the steps that import them)


def _block(codec: str, leads: range, trails: list[int]) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@functools.cache
def gb2312_level1() -> frozenset[str]:
    """The 3,755 level-1 (common) characters of GB2312."""
    return _block("gb2312", range(0xB0, 0xD8), list(range(0xA1, 0xFF)))


@functools.cache
def big5_level1() -> frozenset[str]:
    """The level-1 (common) characters of Big5, plus the symbols before them."""
    trails = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return _block("big5", range(0xA4, 0xC7), trails)


@functools.cache
def gb2312_characters() -> frozenset[str]:
    """Every character GB2312 encodes (both levels)."""
    return _block("gb2312", range(0xA1, 0xF8), list(range(0xA1, 0xFF)))


@functools.cache
def big5_characters() -> frozenset[str]:
    """Every character Big5 encodes."""
    return _block("big5", range(0xA1, 0xFA), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))


@functools.cache
def simplified_only() -> frozenset[str]:
    """Han characters GB2312 has and Big5 has not: simplified forms (这, 说)."""
    return frozenset(c for c in gb2312_characters() - big5_characters() if "\u3400" <= c <= "\u9fff")


@functools.cache
def traditional_only() -> frozenset[str]:
    """Han characters Big5 has and GB2312 has not: traditional forms (這, 說)."""
    return frozenset(c for c in big5_characters() - gb2312_characters() if "\u3400" <= c <= "\u9fff")


@functools.cache
def common_chars() -> frozenset[str]:
    """Han characters that GB2312 or Big5 rank as common (level 1)."""
    return gb2312_level1() | big5_level1()


def data_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a file in ``normalize_zh/data``."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def data_groups(name: str) -> dict[str, tuple[str, ...]]:
    """The entries of a ``kind <TAB> entry`` file in ``normalize_zh/data``, by
    kind, each kind's in the file's order (boilerplate_markers.tsv, break_words.tsv)."""
    groups: dict[str, list[str]] = {}
    for line in data_lines(name):
        kind, entry = line.split("\t")
        groups.setdefault(kind, []).append(entry)
    return {kind: tuple(entries) for kind, entries in groups.items()}


def alternatives(entries: Iterable[str]) -> str:
    """A regular expression's alternatives matching each of ``entries`` literally, in their order."""
    return "|".join(map(re.escape, entries))


@functools.cache
def char_counts() -> dict[str, int]:
    """Occurrence counts of common characters (simplified and traditional)."""
    counts = {}
    for line in data_lines("char_counts.tsv"):
        char, count = line.split("\t")
        counts[char] = int(count)
    return counts


@functools.cache
def words() -> dict[str, int]:
    """Chinese words of two to four characters, simplified and traditional,
    with their frequency class: 1 (rare) to 4 (very common)."""
    table = {}
    for line in data_lines("words.txt"):
        word, _, rank = line.partition("\t")
        table[word] = int(rank)
    return table


def word_across(a: str, b: str) -> int:
    """The frequency class of the best word that a break between ``a`` and
    ``b`` splits (0: none).

    A word across the break counts only when it beats the words the break
    leaves on either side by a class: 解决到|位 splits 到位, but 一两家|电影
    does not split 家电, since 电影 is as good a word."""
    get = words().get
    # every word across the break: 1-3 characters of a, 1-3 of b, 2-4 in all
    # (unrolled: this runs for every break judged; a short line's slices repeat harmlessly)
    a1, a2, a3, b1, b2, b3 = a[-1:], a[-2:], a[-3:], b[:1], b[:2], b[:3]
    best = max(get(a1 + b1, 0), get(a1 + b2, 0), get(a1 + b3, 0), get(a2 + b1, 0), get(a2 + b2, 0), get(a3 + b1, 0))
    if not best:
        return 0
    rival = max(get(b2, 0), get(b3, 0), get(b[:4], 0), get(a2, 0), get(a3, 0), get(a[-4:], 0))
    return best if not rival or best > rival + 1 else 0

