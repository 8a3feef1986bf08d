"""How Chinese a piece of text reads: the one yardstick for every repair decision.

``badness(text)`` is a cost: low for running Chinese (common characters that
form words), high for what mojibake is made of (rare characters, private-use
and replacement characters, C1 controls, runs of Latin-1 symbols, stray kana).
Decoding picks the candidate with the lowest cost per character; mojibake
repair keeps a repair only when it lowers the cost of the span clearly, so
that clean text is never "repaired".

Costs, per character:

==========================================  =====
ASCII                                       0
Chinese punctuation                         0 - 2, by how often it occurs
common Han character (GB2312/Big5 level 1)  0 - 4, by how often it occurs
pinyin tone letters (ā á ǎ à ... ü)         0.5
Latin-1 letters, full-width forms           1
kana, Hangul, Greek, Cyrillic, symbols      3
other Han characters                        5
CJK extension A/B, compatibility            6
C0/C1 controls, private use, U+FFFD         8
==========================================  =====

Adjacent pairs adjust it: two Latin-1 symbols or letters in a row (``ÄãºÃ``)
cost 2 more; two Han characters that form a word earn 0.5 back per frequency
class of the word (1 to 4: ``一个`` earns 2, ``一一`` 1.5); kana next to
kana and Hangul next to Hangul earn 2.5 back, so that running Japanese and
Korean read as what they are while a stray kana in Chinese (``浣犲ソ``) stays
expensive.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import unicodedata

from .chars import PINYIN_TONED, is_han
from .tables import char_counts, common_chars, words

PINYIN_LETTERS = frozenset(PINYIN_TONED + "üɑɡ")
# Chinese punctuation, costed by how often it occurs (the comma most), so that
# a guess between two marks picks the likelier one.
CJK_PUNCTUATION = {
    **dict.fromkeys("，", 0.0),
    **dict.fromkeys("。", 0.1),
    **dict.fromkeys("、“”", 0.3),
    **dict.fromkeys("：！？", 0.5),
    **dict.fromkeys("；（）《》…—·", 0.8),
    **dict.fromkeys("‘’「」【】－", 1.2),
    **dict.fromkeys("『』〈〉〔〕～￥\u3000〇–・ｰ", 1.5),
    **dict.fromkeys("〃﹏", 2.0),
}
WORD_BONUS = 0.5  # per frequency class (1-4) of the word
LATIN_RUN_PENALTY = 2.0
SCRIPT_RUN_BONUS = 2.5


def _frequency_cost(count: int, most: int) -> float:
    """0 for the most frequent character, rising to 4 for the rarest common ones."""
    return min(4.0, math.log2(most / count) / 4.0)


@functools.cache
def _common_costs() -> dict[str, float]:
    counts = char_counts()
    most = max(counts.values())
    costs = {char: _frequency_cost(count, most) for char, count in counts.items()}
    for char in common_chars():
        if "\u3400" <= char <= "\u9fff":  # Big5's common rows also hold kana and symbols (row C6)
            costs.setdefault(char, 4.0)
    costs.update(CJK_PUNCTUATION)
    for char in PINYIN_LETTERS:
        costs[char] = 0.5
    return costs


@functools.lru_cache(maxsize=65536)
def _class_cost(char: str) -> float:
    code = ord(char)
    if code < 0x80:
        return 0.0 if char.isprintable() or char in "\t\n\r" else 8.0
    if code < 0xA0 or code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return 8.0
    if code < 0x100:
        return 1.0 if char.isalpha() or code == 0xA0 else 2.0
    if 0x4E00 <= code <= 0x9FFF:
        return 5.0
    if 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF:
        return 6.0
    if 0xFF01 <= code <= 0xFF5E:
        return 1.0
    category = unicodedata.category(char)
    if category.startswith("Z"):
        return 1.0
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return 8.0
    if category.startswith("L") and code < 0x250:
        return 1.0  # Latin extended letters: names, loanwords
    return 3.0


def char_cost(char: str) -> float:
    """The cost of one character, without its neighbours."""
    cost = _common_costs().get(char)
    return _class_cost(char) if cost is None else cost


# what cp1252 has above 0x7f besides Latin-1's own
_CP1252_EXTRA = "€‚ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ"
_LATIN1ISH = "\x80-\xff" + _CP1252_EXTRA
# overlapping pairs, counted with a look-ahead: two Latin-1 symbols or letters
# in a row; two kana, or two Hangul syllables, in a row
_LATIN_PAIRS = re.compile(f"(?=[{_LATIN1ISH}][{_LATIN1ISH}])")
_SCRIPT_PAIRS = re.compile("(?=[\u3041-\u30ff]{2}|[\uac00-\ud7a3]{2})")


class _CostTable(dict):
    """Every character's cost, computed on first sight (``dict`` lookups keep
    ``badness`` at C speed on long texts)."""

    def __missing__(self, char: str) -> float:
        cost = _class_cost(char)
        self[char] = cost
        return cost


@functools.cache
def _cost_table() -> _CostTable:
    table = _CostTable()
    table.update(_common_costs())
    return table


def badness(text: str) -> float:
    """Total cost of ``text``; lower reads more like Chinese.

    >>> badness("你好，世界") < badness("浣犲ソ锛屼笘鐣")
    True
    """
    if len(text) < 2:
        return _cost_table()[text] if text else 0.0
    total = sum(map(_cost_table().__getitem__, text))
    # pairs: a word earns its bonus; two Latin-1 characters, or two characters
    # of one script (kana, Hangul), are never a word, so the three never overlap
    get = words().get
    for run in _word_runs().findall(text):  # most mojibake characters start no word: skip them at C speed
        total -= WORD_BONUS * sum(filter(None, map(get, map(operator.add, run, run[1:]))))
    if _HIGH.search(text):
        total += LATIN_RUN_PENALTY * len(_LATIN_PAIRS.findall(text))
        total -= SCRIPT_RUN_BONUS * len(_SCRIPT_PAIRS.findall(text))
    return total


@functools.cache
def _word_runs() -> re.Pattern[str]:
    """Runs of two or more characters that occur in two-character words."""
    chars = sorted({char for word in words() if len(word) == 2 for char in word})
    ranges: list[list[int]] = []
    for code in map(ord, chars):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]{2,}")


_HIGH = re.compile(f"[{_LATIN1ISH}\u3041-\u30ff\uac00-\ud7a3]")


def badness_per_char(text: str) -> float:
    """``badness`` averaged over the characters of ``text``."""
    return badness(text) / len(text) if text else 0.0
