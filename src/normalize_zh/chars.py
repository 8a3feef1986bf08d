"""Character classes: one home for the ranges every step reads.

Regex class bodies (``HAN``, ``KANA``...) are strings to put inside ``[...]``;
the predicates below answer for one character.
"""

from __future__ import annotations

import re

# Han characters: the unified ideographs, extension A and the compatibility
# ideographs of the BMP; HAN adds the astral planes (extensions B and after).
HAN_BMP = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = HAN_BMP + "\U00020000-\U0003ffff"
# Japanese kana (hiragana, katakana and its phonetic extensions) and Korean
# Hangul (syllables and jamo): a paragraph with any of them is not Chinese.
KANA = "\u3041-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"
NOT_CHINESE = re.compile(f"[{KANA}{HANGUL}]")
# Full-width (CJK) punctuation a Chinese sentence is made of, quotes apart:
# “” and ‘’ serve English text too.
CJK_MARKS = "，。、；：？！（）《》〈〉【】「」『』〔〕…—～·"
CJK_QUOTES = "“”‘’"
#: one Han character of the BMP (what the line judges count)
HAN_CHARACTER = re.compile(f"[{HAN_BMP}]")
#: pinyin's letters with a tone mark (and ê, the toned nasals ń ň ǹ ḿ)
PINYIN_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜêńňǹḿ"
#: the marks that close a quotation, a bracket or a title: a sentence may end inside them
CLOSERS = "”’」』）)》】"
#: the full-width pairs a line's balance is counted in (ASCII () is a list mark's as often)
BRACKET_PAIRS = ("“”", "（）", "《》", "【】", "「」")
#: the marks a list item starts with (a regex class's inside: ``[{BULLETS}]``)
BULLETS = "\\-–—•·▪►▶●◆■□>※"
#: box drawing (U+2500..257F): a table drawn in text; and its plain horizontal
#: strokes, which prose uses as a dash too (他说──我不去)
BOX_DRAWING = "\u2500-\u257f"
BOX_STROKES = "\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d\u2550"

_CHINESE = re.compile(f"[{HAN}{CJK_MARKS}]")


def is_han(char: str) -> bool:
    """A Han character (any plane), tested in code points rather than with a
    regex: the scoring reads every character with it."""
    if not char:
        return False
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def is_chinese(char: str) -> bool:
    """A Han character or a full-width CJK mark."""
    return bool(char) and _CHINESE.match(char) is not None


def not_chinese_spans(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that hold kana or Hangul: Japanese or Korean,
    whatever Han characters they share with Chinese (``日本語``, ``詳細``)."""
    if NOT_CHINESE.search(text) is None:
        return []
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if NOT_CHINESE.search(line):
            spans.append((start, end))
        start = end + 1
    return spans


# A document is Japanese or Korean when this share of its non-empty lines has
# kana or Hangul: its kanji-only lines (headings such as 詳細) are Japanese too.
FOREIGN_LINE_SHARE = 1 / 3


def foreign_document(text: str) -> bool:
    """Mostly Japanese or Korean (by lines with kana or Hangul).

    >>> foreign_document("# 詳細\\n\\nこの章では説明します。\\n"), foreign_document("中文\\n日本語です\\n中文\\n中文\\n")
    (True, False)
    """
    if NOT_CHINESE.search(text) is None:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    foreign = sum(1 for line in lines if NOT_CHINESE.search(line))
    return foreign >= FOREIGN_LINE_SHARE * len(lines)


# Text, even mojibake, holds no C0 control characters but tab, line and page
# breaks and escape; bytes that are no text (random, binary) decode to one in
# every ten or so characters.  A text with more than MAX_CONTROL_SHARE of
# them, and at least MIN_CONTROLS (one stray BEL in a line is a typo, not
# binary), is no text.
MAX_CONTROL_SHARE = 0.02
MIN_CONTROLS = 3
CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def no_text(text: str) -> bool:
    """Control characters throughout: random or binary bytes, not text.

    >>> no_text("正文\\x07"), no_text("\\x00\\x13\\x02ab\\x05")
    (False, True)
    """
    controls = len(CONTROLS.findall(text))
    return controls >= MIN_CONTROLS and controls > MAX_CONTROL_SHARE * len(text)
