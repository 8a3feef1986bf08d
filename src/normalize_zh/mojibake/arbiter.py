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
import re
from collections.abc import Iterable

from .chars import BOX_DRAWING, CJK_LETTERS, DAMAGE_MARKS, LATIN1_SYMBOLS, SHARED_MARKS, forms_words, looks_japanese, one_alphabet, profile
from .detectors import LOST_COST, Candidate
from .readings import SINGLE_BYTE_READERS

# A repair must lower the cost of its span by at least this much.
MARGIN = 1.5
# The gain a repair needs in a line its kind, proven in the text, repaired elsewhere.
LINE_MARGIN = -2.0
# Characters a kind must repair in a text before its short spans are trusted.
PROVEN = 3
# Big5 read as GBK is 22-60% Han (the rest kana, Greek, private use); GBK or
# Big5 read as each other or as Shift-JIS, mostly Han: a span with less Han
# (or private use, or U+FFFD) than this is Cyrillic, Greek or kana text.
MIN_HAN_SHARE = 0.15
# Of the Han characters of a repair, at most this share may be rare ones
# (outside the common levels of GB2312 and Big5): real text has a few names
# and terms, wrong readings mostly rare characters.
MAX_RARE_SHARE = 0.25
# Cost saved per repaired character (score.badness) that a repair without a
# word must reach, and one with a word (or Japanese kana) must reach.  On the
# held-out sentences damaged every supported way (benchmarks/mojibake_fit.py),
# true repairs save 1.25 to 15 per character (tenth percentile per kind), and
# of the wrong readings of the clean beds that pass every other test, the only
# ones longer than a character save 0.84 (暑袗絺, classical) and 1.67 (変換,
# Japanese) per character, neither with a word.
MIN_GAIN_PER_CHAR = 2.0
MIN_GAIN_PER_CHAR_WORDED = 1.0
# A double-byte repair (Han read as other Han) of this many characters or
# fewer must form a word, unless its kind is proven in the text: two
# characters traded for two commoner ones is chance, not evidence (the clean
# beds: the name 楊珧 read as GBK-as-Big5 gave 法野, Japanese 廻転 and 発酵 gave
# 夢揮 and 逃談).  Single-byte readings have their own evidence: the
# symbols of the span (¡¢ in Äê¡¢).
SHORT_REPAIR = 3


# A multi-byte decoder swallows an ASCII byte when the byte before it opens
# a character (81 42 is one Shift-JIS character): real, but an accident of
# alignment.  A repair of which more than 1/SWALLOWED_SHARE is ASCII the
# wrong decoder had swallowed is mostly explained by such accidents (탁B탁B
# from 夋。夋。, Han read back as UTF-8 through Shift-JIS); 做B超 is a third.
SWALLOWED_SHARE = 3


def _swallowed(text: str, original: str) -> int:
    """How many more ASCII characters but spaces ``text`` has than ``original``."""
    count = lambda s: sum(c.isascii() and not c.isspace() for c in s)  # noqa: E731
    return max(0, count(text) - count(original))


# Characters of text (not ASCII) a repair must hold for its standing
# elsewhere in the file to tell an example from damage.
EXAMPLE_MIN = 2


# Distinct repairs looked for in a file at most (each search reads the whole
# file): a file of examples shows a few dozen; one with more is damaged.
EXAMPLE_CHECKS = 200


_NON_ASCII_RUN = re.compile("[^\x00-\x7f\ufffd]+")


def example_texts(repair: str) -> frozenset[str]:
    """What of a repair's text may stand elsewhere as an example: the text,
    stripped, and each of its runs of non-ASCII characters but U+FFFD (a
    repair that takes in the ASCII around it, ``x 亂採 y``, shows as
    ``亂採``; one with a character lost, ``设置�``, as ``设置``)."""
    return frozenset((repair.strip(), *_NON_ASCII_RUN.findall(repair)))


def shown_examples(repairs: Iterable[str], document: str) -> frozenset[str]:
    """The repairs' texts (``example_texts``) that stand, as written,
    elsewhere in the same structured file: its author shows the damage and
    its reading side by side (a test's input and expected output, a doc on
    encodings: ``浣犲ソ`` ... ``你好``), and the mojibake is an example to
    keep.  A file misread by a codec is misread throughout.  (Scraped pages
    are not asked: a page's title may be right where its body is damaged.)"""
    texts = (text for repair in repairs for text in sorted(example_texts(repair)))
    wanted = list(dict.fromkeys(t for t in texts if sum(not c.isascii() for c in t) >= EXAMPLE_MIN))
    return frozenset(text for text in wanted[:EXAMPLE_CHECKS] if text in document)


# A structured file (code, data, docs) is misread by one codec, or by two in
# a double encoding; one in which this many different wrong readings find
# repairs is about mojibake (a table of examples: 浣犲ソ, ÄãºÃ, §A¦n side by
# side; a test suite of them), and what it shows stays.
MIXED_KINDS = 3


def about_encodings(kinds: set[str]) -> bool:
    """Whether repairs of these kinds (``Edit.reason``), all found in one
    structured file, say the file is about mojibake rather than damaged."""
    readings = {kind.removesuffix(" (ftfy)") for kind in kinds if "-as-" in kind or kind == "ftfy"}
    return len(readings) >= MIXED_KINDS


def anchors(candidate: Candidate, original: str) -> bool:
    """Whether an accepted repair may vouch for its kind in the rest of the
    text (``PROVEN``).  A multi-byte reading must show more than
    ``SHORT_REPAIR`` characters of text or a word: in a clean page of rare
    classical characters (說文's 夋。夋。, UTF-8 read as Shift-JIS, gives
    탁B탁B) one chance reading would otherwise prove its kind and open every
    short span of the page to it.  A single-byte reading has its symbols for
    evidence, a span holding U+FFFD is damage already."""
    if _single_byte(candidate.kind) or "\ufffd" in original:
        return True
    text = candidate.text
    return sum(not c.isascii() for c in text) > SHORT_REPAIR or forms_words(text)


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
    if language == "ja" and found.kana < max(1, 0.2 * found.target) and not (proven or (found.han >= 2 and forms_words(repair))):
        return False  # Japanese runs on kana: Han alone from a Shift-JIS reading is chance (日本語, a word, is not)
    if proven:
        return True
    if found.lost > found.target and language != "any":
        return False  # a double-byte repair mostly of holes explains nothing (UTF-8's structure is evidence even so)
    size = found.target + found.lost
    if size < 2 and not (found.single or continued):
        return False  # one character from a few bytes is no evidence
    # (what a hole costs a repair, LOST_COST, is for choosing between readings)
    per_char = (gain + LOST_COST * found.lost) / max(1, size)
    if per_char >= MIN_GAIN_PER_CHAR or (per_char >= MIN_GAIN_PER_CHAR_WORDED and (found.kana or damaged)):
        return True
    return per_char >= MIN_GAIN_PER_CHAR_WORDED and found.han >= 2 and forms_words(repair)


_SINGLE_BYTE_NAMES = frozenset(reader.name for reader in SINGLE_BYTE_READERS)


_CYRILLIC = re.compile("[\u0400-\u045f]")
_CP1252_SIGNS = frozenset("‚ƒ„†‡ˆ‰‹›™")

# Four accented letters in a row, not all small ones: no European word has
# them (ÔÂÓÖ, GBK 月又 read as Latin-1; Polish żółć is all small letters).
_ACCENTED_RUN = re.compile("(?=[\\x80-\u024f]{4})(?![a-zß-ÿ\u0100-\u017f]{4})[\\x80-\u024f]{4}")


def _single_byte(kind: str) -> bool:
    return kind.rsplit("-as-", 1)[-1] in _SINGLE_BYTE_NAMES


def looks_damaged(original: str, kind: str) -> bool:
    """Whether ``original`` (a candidate's span) reads as damage for ``kind``."""
    if _single_byte(kind):
        from ftfy.badness import is_bad

        if kind.endswith("-as-cp866"):
            # DOS Cyrillic text is Cyrillic, a DOS table box drawing alone;
            # GBK read as cp866 is box drawing and Cyrillic mixed (╓╨╬─╫╓╠х)
            return bool(BOX_DRAWING.search(original)) and bool(_CYRILLIC.search(original))

        if is_bad(original) or _ACCENTED_RUN.search(original):
            return True
        high = [c for c in original if c >= "\x80"]
        # symbols glued to letters (Big5 read as Latin-1: §A¦n), C1 controls,
        # cp1252's own signs (é›…: UTF-8 雅 read as cp1252)
        return any(c in LATIN1_SYMBOLS or "\x80" <= c < "\xa0" or c in _CP1252_SIGNS for c in high) and len(high) >= 2
    if original.isascii() or looks_japanese(original):
        return False
    # (half-width katakana: Shift-JIS's single bytes, what GBK or UTF-8 read as
    # Shift-JIS is full of; U+FFFD only beside those: Ру��кий is no GBK reading)
    marks = original.translate(DAMAGE_MARKS)
    strong = marks.count("s")
    if strong:
        strong += original.count("\ufffd")
    return strong >= MIN_HAN_SHARE * len(marks)


def accepted(candidate: Candidate, line: str, proven: frozenset[str] = frozenset(), in_line: frozenset[str] = frozenset()) -> bool:
    """Whether ``candidate`` (a span of ``line``) is a repair to make.
    ``proven``: kinds that repaired enough of the text; ``in_line``: proven
    kinds that repaired part of this very line."""
    original = line[candidate.start : candidate.end]
    if candidate.kind.endswith("(ftfy)") or candidate.kind == "ftfy":
        # ftfy judged it; where its repair is Chinese, Chinese must read well
        if CJK_LETTERS.search(candidate.text):
            return candidate.gain >= MARGIN and reads_as_text(candidate.text, "any", candidate.gain)
        return True
    if candidate.kind.startswith("utf8-") and one_alphabet(candidate.text, ALPHABET_LETTERS):
        return _alphabet_repair(candidate, original)
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
    # (an ASCII character that ASCII continues after is the text's own: 的J + SON)
    if not _single_byte(candidate.kind) and (_swallowed(text, original) - continued) * SWALLOWED_SHARE > len(text.strip()):
        return False
    if candidate.kind in in_line and _shared_marks_only(text):
        # a mark Western text shares, misread the way the line's other
        # spans were (Â· for ·, beside ç¬¬äºŒ for 第二): that kind's damage
        # for sure; alone, too little to tell from the text's own marks
        return True
    language = "any" if candidate.kind.startswith("utf8-") else candidate.source or "zh"
    if (
        language not in ("any", "ja")  # (a Japanese repair has its own test: kana)
        and not _single_byte(candidate.kind)
        and candidate.kind not in proven
        and "\ufffd" not in original
        and len(text.strip()) <= SHORT_REPAIR
        and not forms_words(text)
    ):
        return False
    return reads_as_text(text, language, candidate.gain, proven=candidate.kind in proven, continued=continued,
                         damaged="\ufffd" in original and not _single_byte(candidate.kind))


def _shared_marks_only(text: str) -> bool:
    """Whether ``text`` is nothing but marks Western text shares (“ ” — · …)
    and spaces."""
    stripped = text.strip()
    return bool(stripped) and all(char in SHARED_MARKS or char == " " for char in stripped)


# Letters a UTF-8 reading in another alphabet must give (Сервис: six).
ALPHABET_LETTERS = 4
ALPHABET_SURE = 8
_ALPHABET_WORD = re.compile("[^\\W\\d_]{2,}")


def _alphabet_repair(candidate: Candidate, original: str) -> bool:
    """UTF-8 text in another alphabet, misread (小械褉胁懈褋 for Сервис, or
    Î•Î»Î»Î·Î½Î¹ÎºÎ¬ for Ελληνικά): a repair when the span reads as damage, holds
    no Chinese word (clean Chinese whose GBK bytes happen to be UTF-8 would),
    its letters come in words, and it reads no worse."""
    letters = sum(1 for c in candidate.text if c.isalpha() and not c.isascii())
    # (our yardstick prices Cyrillic above the mojibake's common Han: a long
    # run of valid UTF-8 in words is evidence enough whatever it costs)
    if (candidate.gain < 0 and letters < ALPHABET_SURE) or not looks_damaged(original, candidate.kind) or forms_words(original):
        return False
    in_words = sum(len(w) for w in _ALPHABET_WORD.findall(candidate.text) if not w.isascii())
    return in_words >= 0.9 * letters


def coherent_words(candidate: Candidate, original: str) -> bool:
    """Whether ``candidate`` is a UTF-8 reading (ftfy's) that gives words of
    one non-Latin alphabet: ``Î•Î»Î»Î·Î½Î¹ÎºÎ¬`` is ``Ελληνικά``,
    and a GBK reading of the same bytes (螘位位畏谓喂魏维) is chance.  Not
    ``ϵͳ`` (``ÏµÍ³``): a lunate epsilon and a sampi are no word."""
    return ("ftfy" in candidate.kind or candidate.kind.startswith("utf8-")) and one_alphabet(candidate.text)


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
