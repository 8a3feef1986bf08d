"""What a piece of text is made of: the classes of its characters, at C speed.

The arbiter's tests (does a repair read as Chinese, does a span read as
damage) count characters by class; the detectors use the same counts to drop,
before any scoring, readings no text would contain (private-use characters,
controls, letters of other scripts).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..chars import is_han
from ..score import CJK_PUNCTUATION, PINYIN_LETTERS, char_cost
from ..tables import words

RARE_COST = 4.0  # char_cost at or above it: not a common character
KANA = re.compile("[\u3041-\u30ff]")
HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]")
LATIN1_SYMBOLS = frozenset(chr(c) for c in range(0xA1, 0xC0)) | {"×", "÷"}


def is_target(char: str, language: str) -> bool:
    """A character of the text a repair should give: Han, CJK punctuation and
    full-width forms; kana for Japanese; Hangul and emoji for UTF-8, which
    carries every script."""
    if is_han(char) or "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff5e":
        return True
    if char in CJK_PUNCTUATION:
        return char != "\uff70"  # the half-width ｰ: a Shift-JIS single byte, not Chinese punctuation
    if "\u3041" <= char <= "\u30ff":
        return language in ("ja", "any")
    if "\uac00" <= char <= "\ud7a3" or EMOJI.match(char):
        return language == "any"
    return False


BOX_DRAWING = re.compile("[\u2500-\u25a0]")
# the quotes, dashes, ellipsis and bullet Chinese text shares with the code pages
SHARED_MARKS_TEXT = "“”‘’…—–·•"
SHARED_MARKS = frozenset(SHARED_MARKS_TEXT)
CJK_LETTERS = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0003ffff]")
EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")


@functools.lru_cache(maxsize=65536)
def foreign(char: str) -> bool:
    """A character no Chinese or Japanese text mixes with its own: controls,
    private use, unassigned, and letters of other scripts (half-width
    katakana included: Shift-JIS's single bytes, what a wrong Shift-JIS
    reading is full of)."""
    code = ord(char)
    if code < 0x20:
        return char not in "\t"
    if 0x7F <= code < 0xA0 or 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or 0xD800 <= code <= 0xDFFF:
        return True
    if 0xFF61 <= code <= 0xFF9F:
        return True
    import unicodedata

    category = unicodedata.category(char)
    if category in ("Cn", "Co", "Cs", "Cc", "Cf"):
        return True
    return category.startswith("L") and not (is_han(char) or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7A3 or code < 0x80 or 0xFF21 <= code <= 0xFF5A)


@dataclass(frozen=True)
class Profile:
    """What a repair is made of (its non-ASCII characters)."""

    target: int  # characters of the language it should be (Han, CJK punctuation, ...)
    lost: int  # holes left (U+FFFD)
    han: int
    kana: int
    rare: int  # Han characters outside the common levels
    single: bool  # one emoji: four bytes, two or three wrong characters


class _Classes(dict):
    """A str.translate table: each character to a letter naming its class
    (computed on first sight), so that a repair's make-up is counted at C
    speed: H common Han, R rare Han, K kana, G Hangul, E emoji, P other CJK
    punctuation and full-width forms, F foreign (controls, private use,
    letters of other scripts), O any other non-ASCII; ASCII, U+FFFD and the
    marks Western text shares are dropped."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if code < 0x80 or char == "\ufffd" or char in SHARED_MARKS:
            letter = ""
        elif is_han(char):
            letter = "R" if char_cost(char) >= RARE_COST else "H"
        elif "\u3041" <= char <= "\u30ff":
            letter = "K"
        elif "\uac00" <= char <= "\ud7a3":
            letter = "G"
        elif EMOJI.match(char):
            letter = "E"
        elif is_target(char, "zh"):
            letter = "P"
        elif foreign(char) and char not in PINYIN_LETTERS:
            letter = "F"
        else:
            letter = "O"
        self[code] = letter
        return letter


_CLASSES = _Classes()


def all_rare_han(text: str) -> bool:
    """Whether every character of ``text`` is a rare Han character (at C speed)."""
    return text.translate(_CLASSES) == "R" * len(text)


def profile(repair: str, language: str) -> Profile | None:
    """The repair's ``Profile``, or None when it holds what no text of
    ``language`` ("zh", "ja" or "any": UTF-8 carries every script) would:
    controls, private use, letters of other scripts, or, for Chinese, kana."""
    classes = repair.translate(_CLASSES)
    if "F" in classes:
        return None
    kana = classes.count("K")
    hangul = classes.count("G")
    emoji = classes.count("E")
    others = classes.count("O")
    if language != "any":
        others += hangul + emoji
        hangul = emoji = 0
        if language == "zh" and kana:
            return None
    han = classes.count("H") + classes.count("R")
    target = han + kana + hangul + emoji + classes.count("P")
    if others > 0.1 * (target + others):
        return None
    return Profile(target, repair.count("\ufffd"), han, kana, classes.count("R"), emoji > 0)


def forms_words(text: str) -> bool:
    """Whether two to four consecutive characters of ``text`` form a word."""
    vocabulary = words()
    return any(text[i : i + size] in vocabulary for size in (2, 3, 4) for i in range(len(text) - size + 1))


class _DamageMarks(dict):
    """A str.translate table: s for a character a wrong double-byte reading
    is made of (Han, private use, half-width katakana), o for any other
    non-ASCII one, nothing for ASCII."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        letter = "" if code < 0x80 else "s" if is_han(char) or 0xE000 <= code <= 0xF8FF or 0xFF61 <= code <= 0xFF9F else "o"
        self[code] = letter
        return letter


DAMAGE_MARKS = _DamageMarks()


# Small kana and the marks that only follow certain kana in Japanese: a run
# that breaks these rules is not Japanese (いゅ: small yu after i).
_SMALL_Y = frozenset("ゃゅょャュョ")
_I_ROW = frozenset("きしちにひみりぎじぢびぴキシチニヒミリギジヂビピ") | frozenset("フテデヴ")  # フュ テュ デュ ヴュ
_SMALL_VOWELS = frozenset("ぁぃぅぇぉァィゥェォ")


@functools.lru_cache(maxsize=65536)
def _jis(char: str) -> int:
    """1 for a JIS level-1 kanji (the 2,965 common ones), 2 for another that
    Shift-JIS (cp932) has, 0 for none: every kanji of Japanese text is in
    Shift-JIS, nearly all in level 1; simplified Chinese forms (刚, 这, 们)
    mostly are not in it at all."""
    try:
        code = int.from_bytes(char.encode("cp932"), "big")
    except UnicodeEncodeError:
        return 0
    return 1 if 0x889F <= code <= 0x9872 else 2


def looks_japanese(text: str) -> bool:
    """Kana, Han that Shift-JIS has, kana in an order Japanese allows, and
    nothing only a wrong reading writes (private use, U+FFFD): clean
    Japanese, which a Big5-read-as-GBK reading would "repair" into random
    traditional characters (``より大きい``).  Half-width katakana counts as
    the kana it stands for (ﾃｽﾄ is テスト); its brackets and small kana out
    of place do not (｣ｬ is GBK's ，read as Shift-JIS)."""
    if HALF_WIDTH_KANA.search(text):
        text = unicodedata.normalize("NFKC", text)
    if not KANA.search(text) or sum(1 for c in text if c >= "\x80") < 2:
        return False  # (one kana between ASCII is no Japanese: 12る21 is Big5 12月21 read as GBK)
    previous = ""
    uncommon = 0  # kanji outside JIS level 1: Japanese has a few (閾値), mojibake mostly such (浣犲ソ)
    for char in text:
        if char == "\ufffd" or "\ue000" <= char <= "\uf8ff" or (char in "「」、・" and "\u3041" <= previous <= "\u30ff"):
            return False  # (a bracket right after kana: half-width ｣ from GBK bytes A3)
        if is_han(char):
            level = _jis(char)
            if not level:
                return False
            uncommon += level == 2
            if uncommon > 1:
                return False
        if char in _SMALL_Y and previous not in _I_ROW:
            return False
        if char in _SMALL_VOWELS and not ("\u3041" <= previous <= "\u30ff"):
            return False
        if previous in "っッ" and previous and not ("\u3041" <= char <= "\u30ff"):
            return False
        if char == "ー" and not ("\u3041" <= previous <= "\u30ff"):
            return False
        previous = char
    return previous not in ("っ", "ッ")




# The letters of one alphabet, as UTF-8 text in it would have: basic Greek
# (with tonos), Cyrillic, Arabic, Hebrew.  (Not Latin: single-byte mojibake is
# Latin letters itself, and ftfy's lighter touches keep them so.)
ALPHABETS = (
    re.compile("[\u0386-\u03ce]"),
    re.compile("[\u0400-\u045f]"),
    re.compile("[\u0620-\u064a]"),
    re.compile("[\u05d0-\u05ea]"),
)


def one_alphabet(text: str, least: int = 2) -> bool:
    """At least ``least`` non-ASCII letters, all of one of the ``ALPHABETS``,
    and no CJK letter."""
    if CJK_LETTERS.search(text):
        return False
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    return len(letters) >= least and any(all(alphabet.match(c) for c in letters) for alphabet in ALPHABETS)
