"""The arbiter: which candidate repairs to make, and which to leave.

A candidate is kept only when both sides agree that it is a repair:

* the repair reads as text of its language -- Chinese (Han characters that
  are mostly common and form words, CJK punctuation), or Japanese for a
  Shift-JIS source -- and holds nothing that only wrong readings make
  (private-use characters, controls, stray Latin or Greek letters);
* the span reads as damage -- for a single-byte reading, what ftfy itself
  calls bad, or symbols glued to letters (``§A¦n``), never plain European
  words (``Grüße``); for a double-byte reading, partly Han, as GBK and Big5
  mojibake always is, never a run of Cyrillic, Greek or kana alone;
* the repair costs clearly less than the span (``score.badness``, by
  ``MARGIN``).

Of overlapping candidates that pass, the set with the largest total gain
wins, so no reading is tried "first": ftfy's UTF-8 reading of ``ÏµÍ³``
(``ϵͳ``, Greek) loses to the GBK reading (``系统``) because it gains less.
A kind proven elsewhere in the same text (``PROVEN`` characters repaired) is
trusted on short spans that alone are too little evidence.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..score import CJK_PUNCTUATION, PINYIN_LETTERS, char_cost, is_han
from ..tables import words
from .detectors import LOST_COST, Candidate
from .readings import SINGLE_BYTE_READERS

# A repair must lower the cost of its span by at least this much.
MARGIN = 1.5
# The gain a repair needs in a line its kind, proven in the text, repaired elsewhere.
LINE_MARGIN = -2.0
# Characters a kind must repair in a text before its short spans are trusted.
PROVEN = 4
# Big5 read as GBK is 22-60% Han (the rest kana, Greek, private use); GBK or
# Big5 read as each other or as Shift-JIS, mostly Han: a span with less Han
# (or private use, or U+FFFD) than this is Cyrillic, Greek or kana text.
MIN_HAN_SHARE = 0.15
# Of the Han characters of a repair, at most this share may be rare ones
# (outside the common levels of GB2312 and Big5): real text has a few names
# and terms, wrong readings mostly rare characters.
MAX_RARE_SHARE = 0.25
RARE_COST = 4.0  # char_cost at or above it: not a common character
# Cost saved per repaired character (score.badness) that a repair without a
# word must reach, and one with a word (or Japanese kana) must reach.  On the
# held-out sentences damaged every supported way (benchmarks/mojibake_fit.py),
# true repairs save 1.25 to 15 per character (tenth percentile per kind), and
# of the wrong readings of the clean beds that pass every other test, the only
# ones longer than a character save 0.84 (暑袗絺, classical) and 1.67 (変換,
# Japanese) per character, neither with a word.
MIN_GAIN_PER_CHAR = 2.0
MIN_GAIN_PER_CHAR_WORDED = 1.0

_KANA = re.compile("[\u3041-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_LATIN1_SYMBOLS = frozenset(chr(c) for c in range(0xA1, 0xC0)) | {"×", "÷"}


def _is_target(char: str, language: str) -> bool:
    """A character of the text a repair should give: Han, CJK punctuation and
    full-width forms; kana for Japanese; Hangul and emoji for UTF-8, which
    carries every script."""
    if is_han(char) or "\u3000" <= char <= "\u303f" or "\uff01" <= char <= "\uff5e":
        return True
    if char in CJK_PUNCTUATION:
        return char != "\uff70"  # the half-width ｰ: a Shift-JIS single byte, not Chinese punctuation
    if "\u3041" <= char <= "\u30ff":
        return language in ("ja", "any")
    if "\uac00" <= char <= "\ud7a3" or _EMOJI.match(char):
        return language == "any"
    return False


_BOX = re.compile("[\u2500-\u25a0]")
_SHARED_MARKS = frozenset("“”‘’…—–·•")
_CJK_LETTERS = re.compile("[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0003ffff]")
_EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")


@functools.lru_cache(maxsize=65536)
def _foreign(char: str) -> bool:
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
    worded: bool  # two of its characters form a word
    single: bool  # one emoji: four bytes, two or three wrong characters


def profile(repair: str, language: str) -> Profile | None:
    """The repair's ``Profile``, or None when it holds what no text of
    ``language`` ("zh", "ja" or "any": UTF-8 carries every script) would:
    controls, private use, letters of other scripts, or, for Chinese, kana."""
    target = han = kana = rare = others = 0
    single = False
    for char in repair:
        if char < "\x80" or char == "\ufffd" or char in _SHARED_MARKS:
            continue  # (quotes, dashes and dots Western text uses too prove nothing either way)
        if _is_target(char, language):
            target += 1
            if is_han(char):
                han += 1
                rare += char_cost(char) >= RARE_COST
            elif "\u3041" <= char <= "\u30ff":
                kana += 1
            elif _EMOJI.match(char):
                single = True
        elif _foreign(char) and char not in PINYIN_LETTERS:
            return None
        else:
            others += 1
    if others > 0.1 * (target + others) or (language == "zh" and kana):
        return None
    return Profile(target, repair.count("\ufffd"), han, kana, rare, han >= 2 and _forms_words(repair), single)


def reads_as_text(repair: str, language: str, gain: float, *, proven: bool = False, continued: bool = False,
                  damaged: bool = False) -> bool:
    """Whether ``repair`` (a candidate's text, ``gain`` cheaper than its span)
    reads as Chinese (or, for a Shift-JIS source, Japanese): see the module
    docstring.  ``proven``: its kind repaired enough of the text already.
    ``continued``: the repair ends with an ASCII character the wrong decoder
    had swallowed, and ASCII continues after it (鐨凧SON: 的J + SON).
    ``damaged``: the span holds U+FFFD, so it is no clean text, and holes
    may have taken the words a repair would show."""
    found = profile(repair, language or "zh")
    if found is None:
        return False
    if not found.target and not (proven and found.lost):
        return False  # (a kind proven in the text may leave a lone hole: 12鏈�28 -> 12�28)
    if found.rare > MAX_RARE_SHARE * found.han and not (proven and found.rare <= 1):
        return False
    if language == "ja" and found.kana < max(1, 0.2 * found.target) and not (proven or found.worded):
        return False  # Japanese runs on kana: Han alone from a Shift-JIS reading is chance (日本語, a word, is not)
    if proven:
        return True
    size = found.target + found.lost
    if size < 2 and not (found.single or continued):
        return False  # one character from a few bytes is no evidence
    # (what a hole costs a repair, LOST_COST, is for choosing between readings)
    per_char = (gain + LOST_COST * found.lost) / max(1, size)
    return per_char >= (MIN_GAIN_PER_CHAR_WORDED if found.worded or found.kana or damaged else MIN_GAIN_PER_CHAR)


def _forms_words(text: str) -> bool:
    """Whether two to four consecutive characters of ``text`` form a word."""
    vocabulary = words()
    return any(text[i : i + size] in vocabulary for size in (2, 3, 4) for i in range(len(text) - size + 1))


_SINGLE_BYTE_NAMES = frozenset(reader.name for reader in SINGLE_BYTE_READERS)


def _single_byte(kind: str) -> bool:
    return kind.rsplit("-as-", 1)[-1] in _SINGLE_BYTE_NAMES


def looks_damaged(original: str, kind: str) -> bool:
    """Whether ``original`` (a candidate's span) reads as damage for ``kind``."""
    if _single_byte(kind):
        from ftfy.badness import is_bad

        if kind.endswith("-as-cp866") and not _BOX.search(original):
            return False  # DOS Cyrillic text is Cyrillic; GBK read as cp866 is mostly box drawing (╓╨╬─)

        if is_bad(original):
            return True
        high = [c for c in original if c >= "\x80"]
        # symbols glued to letters (Big5 read as Latin-1: §A¦n), C1 controls
        return any(c in _LATIN1_SYMBOLS or "\x80" <= c < "\xa0" for c in high) and len(high) >= 2
    chars = [c for c in original if c >= "\x80"]
    if not chars or looks_japanese(original):
        return False
    # (half-width katakana: Shift-JIS's single bytes, what GBK or UTF-8 read as
    # Shift-JIS is full of; U+FFFD only beside those: Ру��кий is no GBK reading)
    strong = sum(1 for c in chars if is_han(c) or "\ue000" <= c <= "\uf8ff" or "\uff61" <= c <= "\uff9f")
    if strong:
        strong += original.count("\ufffd")
    return strong >= MIN_HAN_SHARE * len(chars)


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
    traditional characters (``より大きい``)."""
    if not _KANA.search(text) or sum(1 for c in text if c >= "\x80") < 2:
        return False  # (one kana between ASCII is no Japanese: 12る21 is Big5 12月21 read as GBK)
    previous = ""
    uncommon = 0  # kanji outside JIS level 1: Japanese has a few (閾値), mojibake mostly such (浣犲ソ)
    for char in text:
        if char == "\ufffd" or "\ue000" <= char <= "\uf8ff":
            return False
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


def accepted(candidate: Candidate, line: str, proven: frozenset[str] = frozenset(), in_line: frozenset[str] = frozenset()) -> bool:
    """Whether ``candidate`` (a span of ``line``) is a repair to make.
    ``proven``: kinds that repaired enough of the text; ``in_line``: proven
    kinds that repaired part of this very line."""
    original = line[candidate.start : candidate.end]
    if candidate.kind.endswith("(ftfy)") or candidate.kind == "ftfy":
        # ftfy judged it; where its repair is Chinese, Chinese must read well
        if _CJK_LETTERS.search(candidate.text):
            return candidate.gain >= MARGIN and reads_as_text(candidate.text, "any", candidate.gain)
        return True
    # A span that already holds U+FFFD is damage for sure: in a text where its
    # kind is proven, any gain will do (鏈� -> � in 12鏈�28 reads better).  In
    # a line that kind repaired elsewhere, every character was misread: a
    # lone one between ASCII may even read a little worse as it was written
    # (2.5花, Big5 豪 read as GBK: 花 is the commoner character).
    if candidate.kind in in_line:
        margin = LINE_MARGIN
    elif candidate.kind in proven and "\ufffd" in original:
        margin = 0.0
    else:
        margin = MARGIN
    if candidate.gain < margin:
        return False
    if not looks_damaged(original, candidate.kind) and (candidate.kind not in proven or looks_japanese(original)):
        return False  # (in a text where its kind is proven, a short span needs no look of damage: ОТ for 我)
    text = candidate.text
    continued = (
        text[-1:].isascii() and text[-1:].isalnum() and not original[-1:].isascii()
        and line[candidate.end : candidate.end + 1].isascii() and line[candidate.end : candidate.end + 1].isalnum()
    )
    language = "any" if candidate.kind.startswith("utf8-") else candidate.source or "zh"
    return reads_as_text(text, language, candidate.gain, proven=candidate.kind in proven, continued=continued,
                         damaged="\ufffd" in original and not _single_byte(candidate.kind))


# The letters of one alphabet, as UTF-8 text in it would have: basic Greek
# (with tonos), Cyrillic, Arabic, Hebrew.  (Not Latin: the span itself is
# Latin letters, and ftfy's lighter touches -- a C1 control, a lost NBSP --
# keep them so.)
_ALPHABETS = (
    re.compile("[\u0386-\u03ce]"),
    re.compile("[\u0400-\u045f]"),
    re.compile("[\u0620-\u064a]"),
    re.compile("[\u05d0-\u05ea]"),
)


def coherent_words(candidate: Candidate, original: str) -> bool:
    """Whether ``candidate`` is a UTF-8 reading (ftfy's) that gives words of
    one non-Latin alphabet: ``Î•Î»Î»Î·Î½Î¹ÎºÎ¬`` is ``Ελληνικά``,
    and a GBK reading of the same bytes (螘位位畏谓喂魏维) is chance.  Not
    ``ϵͳ`` (``ÏµÍ³``): a lunate epsilon and a sampi are no word."""
    if "ftfy" not in candidate.kind or _CJK_LETTERS.search(candidate.text):
        return False
    letters = [c for c in candidate.text if c.isalpha() and not c.isascii()]
    if len(letters) < 2:
        return False
    return any(all(alphabet.match(c) for c in letters) for alphabet in _ALPHABETS)


def choose(candidates: list[Candidate]) -> list[Candidate]:
    """The non-overlapping candidates with the largest total gain; a UTF-8
    reading that gives words of another alphabet (``coherent_words``) is
    never overruled by a CJK reading of the same characters."""
    ordered = sorted(candidates, key=lambda c: (c.end, c.start, -c.gain))
    ends = [c.end for c in ordered]
    best = [0.0] * (len(ordered) + 1)
    take = [False] * len(ordered)
    previous = [0] * len(ordered)
    for index, candidate in enumerate(ordered):
        previous[index] = bisect.bisect_right(ends, candidate.start, 0, index)
        with_it = max(candidate.gain, 1e-6) + best[previous[index]]
        take[index] = with_it > best[index]
        best[index + 1] = with_it if take[index] else best[index]
    chosen = []
    index = len(ordered) - 1
    while index >= 0:
        if take[index]:
            chosen.append(ordered[index])
            index = previous[index] - 1
        else:
            index -= 1
    return sorted(chosen, key=lambda c: c.start)
