"""Mojibake: text whose bytes were once decoded with the wrong codec.

Kinds repaired (each name appears as the reason of its changes):

=================  =====================================  ==============
kind               looks like                             comes back as
=================  =====================================  ==============
utf8-as-gbk        ``浣犲ソ`` ``鐨凧SON`` (also with U+FFFD)  ``你好`` ``的JSON``
gbk-as-latin1      ``ÄãºÃ``                               ``你好``
big5-as-latin1     ``§A¦n``                               ``你好``
utf8-as-latin1     ``ä½\\xa0å¥½`` (ftfy's own kind)          ``你好``
big5-as-gbk        ``啥苤`` for Big5 bytes                  traditional text
gbk-as-big5        ``斕疑`` for GBK bytes                   simplified text
=================  =====================================  ==============

A repair is kept only when it makes the span read clearly more like Chinese
(``score.badness``); clean text, however rare its characters, stays as it is.
What no repair can bring back stays in place and is flagged: ``锟斤拷`` runs
(U+FFFD encoded as UTF-8 and read as GBK), runs of U+FFFD, and characters of
which two or more bytes were lost.

ftfy does what it is best at -- UTF-8 read as Latin-1 or cp1252, double
encodings, HTML entities, terminal escapes -- with the settings that keep
Chinese intact: it is never asked to uncurl quotes or change character width.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from .edits import Edit, Flag, Outcome, PositionMap, apply_edits, non_overlapping
from .misaligned import fix_misaligned_outcome, slipped
from .score import CJK_PUNCTUATION, PINYIN_LETTERS, WORD_BONUS, badness, char_cost, is_han
from .tables import common_chars, simplified_only, traditional_only, words

# A repair must lower the cost of its span by at least this much.
MARGIN = 1.5
MAX_PASSES = 3
CLUSTER_GAP = 3  # suspicious characters at most this far apart form a cluster
# Big5 read as GBK is 22-60% Han (the rest kana, Greek, private use): a run
# with less Han (or private use) than this is Cyrillic, Greek or kana text,
# not Big5/GBK mojibake.
MIN_HAN_SHARE = 0.15

# -- UTF-8 structure, for finding UTF-8 byte runs inside re-encoded mojibake --
_UTF8_MULTIBYTE = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
UTF8_RUN = re.compile(rb"(?:[\x00-\x7f]*" + _UTF8_MULTIBYTE + rb")+")
PLACEHOLDER = 0x80  # stands for a byte lost where the wrong decoder wrote U+FFFD; as a
# UTF-8 continuation byte it keeps the structure of the run intact

CP1252_SPECIALS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CP1252_TO_C1 = {ord(c): c.encode("cp1252")[0] for c in CP1252_SPECIALS}
# Runs of Latin-1/cp1252 characters, with the ASCII around them; spaces included,
# since UTF-8's A0 byte becomes a no-break space and some pipelines a space.
LATIN_RUN = re.compile(
    "[ !-~\x80-\xff" + CP1252_SPECIALS + "]*[\x80-\xff][ !-~\x80-\xff" + CP1252_SPECIALS + "]*"
)
_LATIN_HIGH = re.compile("[\x80-\xff" + CP1252_SPECIALS + "]")
_LATIN_RUN_CHAR = re.compile("[ !-~\x80-\xff" + CP1252_SPECIALS + "]")
_LATIN_PAIR = re.compile("[\x80-\xff" + CP1252_SPECIALS + "][ !-~]{0,2}[\x80-\xff" + CP1252_SPECIALS + "]")
REPLACEMENT_MOJIBAKE = re.compile("(?:锟斤拷|斤拷|锟斤)+|\ufffd+")


def _class_without(ranges: list[tuple[int, int]], exclude: frozenset[str]) -> str:
    """A regex character class of ``ranges`` minus the characters ``exclude``."""
    parts = []
    for low, high in ranges:
        start = None
        for code in range(low, high + 2):
            inside = code <= high and chr(code) not in exclude
            if inside and start is None:
                start = code
            elif not inside and start is not None:
                parts.append(f"\\u{start:04x}-\\u{code - 1:04x}" if code - 1 > start else f"\\u{start:04x}")
                start = None
    return "[" + "".join(parts) + "]"


# What ftfy's mojibake is made of, minus what all Chinese text has (“”‘’…—·)
# and the pinyin tone letters of annotations (UTF-8 read as Latin-1 always
# brings Ã â å and their kind with it): a text without any of these has
# nothing for ftfy's detector to find.
FTFY_SUSPECTS = re.compile(
    _class_without(
        [
            (0x80, 0xB6), (0xB8, 0x4FF), (0x2020, 0x2022), (0x2030, 0x20AC), (0x2122, 0x2122), (0x2500, 0x257F),
            (0xFFFD, 0xFFFD),
            # what MacRoman adds: √ ∂ ≈ ◊ ‹ › ⁄ ﬁ ﬂ and the Apple logo
            (0x2200, 0x22FF), (0x25CA, 0x25CA), (0x2039, 0x203A), (0x2044, 0x2044), (0xF8FF, 0xF8FF), (0xFB01, 0xFB02),
        ],
        PINYIN_LETTERS,
    )
)
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@functools.cache
def _suspicious() -> re.Pattern[str]:
    """Characters that mojibake is made of and clean Chinese rarely is."""
    common = common_chars()
    ranges = []
    start = None
    for code in range(0x4E00, 0xA000):
        rare = chr(code) not in common
        if rare and start is None:
            start = code
        elif not rare and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x9FFF))
    parts = [f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges]
    parts += [
        r"\u3040-\u30ff",  # kana: GBK rows A4/A5
        r"\u0391-\u03c9\u0401-\u0451",  # Greek, Cyrillic: GBK rows A6/A7
        r"\u2460-\u24ff\u2500-\u257f",  # circled numbers, box drawing: GBK rows A2/A9
        r"\u3400-\u4dbf\uf900-\ufaff\ue000-\uf8ff\ufffd",
        r"\u02c9\u02ca\u02cb\u02d9",  # ˉˊˋ˙: GBK row A8 (the ˋ in 鐢ˋPI)
    ]
    return re.compile("[" + "".join(parts) + "]")


# -- encoding runs of text back to bytes ------------------------------------


@functools.lru_cache(maxsize=32768)
def _gbk_bytes(char: str) -> bytes | None:
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        pass
    if "\ue000" <= char <= "\uf8ff":  # GB18030's mapping of GBK's user-defined area
        try:
            data = char.encode("gb18030")
        except UnicodeEncodeError:
            return None
        return data if len(data) == 2 else None
    return None


@functools.lru_cache(maxsize=32768)
def _big5_bytes(char: str) -> bytes | None:
    for codec in ("big5", "cp950"):
        try:
            return char.encode(codec)
        except UnicodeEncodeError:
            continue
    return None


@functools.cache
def _duplicates(codec: str) -> dict[str, tuple[bytes, ...]]:
    """Characters that ``codec`` decodes from more than one byte pair (Big5
    has 兀 at A2CC and A451, 嗀 at A2CE and A4CA): re-encoding them may pick
    the other pair and put a whole run out of step."""
    seen: dict[str, list[bytes]] = {}
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            pair = bytes((lead, trail))
            try:
                char = pair.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(char) == 1:
                seen.setdefault(char, []).append(pair)
    return {char: tuple(pairs) for char, pairs in seen.items() if len(pairs) > 1}


def _runs(line: str, encode, *, holes: bool) -> list[tuple[int, bytearray, list[int], list[int]]]:
    """Maximal runs of ``line`` that ``encode`` can turn back into bytes.

    Each run is (start offset in line, bytes, character boundaries as byte
    offsets, byte offsets of holes).  With ``holes``, U+FFFD becomes one
    placeholder byte: Python's CJK decoders replace exactly one byte per
    U+FFFD and resume at the next.
    """
    runs = []
    data = bytearray()
    bounds = [0]
    hole_at: list[int] = []
    start = 0
    for index, char in enumerate(line):
        if char < "\x80":
            encoded: bytes | None = char.encode()
        elif holes and char == "\ufffd":
            hole_at.append(len(data))
            encoded = bytes((PLACEHOLDER,))
        else:
            encoded = encode(char)
        if encoded is None:
            if len(bounds) > 1:
                runs.append((start, data, bounds, hole_at))
            data, bounds, hole_at = bytearray(), [0], []
            start = index + 1
            continue
        data += encoded
        bounds.append(len(data))
    if len(bounds) > 1:
        runs.append((start, data, bounds, hole_at))
    return runs


# -- bytes with holes ---------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _droppable(wrong: tuple[str, ...], following: int | None, low: int, high: int) -> tuple[int, ...]:
    """Byte values in ``low..high`` that one of the ``wrong`` decoders replaces
    with U+FFFD when ``following`` comes next (any of them at the end of a run)."""
    dropped = []
    for byte in range(low, high + 1):
        if following is None:
            dropped.append(byte)
            continue
        pair = bytes((byte, following))
        for codec in wrong:
            try:
                pair.decode(codec)
            except UnicodeDecodeError:
                dropped.append(byte)
                break
    return tuple(dropped)


def _utf8_starts(data: bytes | bytearray, start: int, end: int) -> list[int]:
    """Byte offsets of the characters of a valid UTF-8 run, plus ``end``."""
    offsets = []
    position = start
    while position < end:
        offsets.append(position)
        lead = data[position]
        position += 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    offsets.append(min(position, end) if position > end else end)
    return offsets


def _dbcs_starts(data: bytes | bytearray, start: int, end: int) -> list[int]:
    """Character offsets in a double-byte (GBK, Big5) run, plus ``end``."""
    offsets = []
    position = start
    while position < end:
        offsets.append(position)
        position += 1 if data[position] < 0x80 else 2
    offsets.append(end)
    return offsets


def _script_of(char: str) -> int:
    """+1 for simplified-only characters (GB2312, not Big5), -1 for
    traditional-only ones (Big5, not GB2312), 0 for shared or other ones."""
    return (char in simplified_only()) - (char in traditional_only())


SCRIPT_PENALTY = 2.0
LINE_END_PENALTY = 1.5
CLAUSE_PUNCTUATION = frozenset("，、；：（《“‘【「")


PAIRS = {"」": "「", "』": "『", "”": "“", "’": "‘", "）": "（", "》": "《", "】": "【", "〉": "〈"}
OPENERS = {opener: closer for closer, opener in PAIRS.items()}


def _open_marks(text: str) -> set[str]:
    """Opening brackets and quotes still open at the end of ``text``."""
    return {opener for closer, opener in PAIRS.items() if text.count(opener) > text.count(closer)}


def _closing_marks(text: str) -> set[str]:
    """Closing brackets and quotes in ``text`` that it did not open."""
    return {closer for closer, opener in PAIRS.items() if text.count(closer) > text.count(opener)}


def _in_context(
    candidates: list[str], before: str, after: str, script: int, prefix: str = "", suffix: str = ""
) -> str | None:
    """The candidate that best fits between ``before`` and ``after``: common,
    forming words with its neighbours, in the script of the text around it,
    closing what ``prefix`` (the text before it) left open, opening what
    ``suffix`` (the text after it) closes."""
    vocabulary = words()
    still_open = _open_marks(prefix + before) if any(c in PAIRS for c in candidates) else set()
    closed_later = _closing_marks(suffix or after) if any(c in OPENERS for c in candidates) else set()

    def cost(char: str) -> float:
        total = char_cost(char)
        if script and _script_of(char) == -script:
            total += SCRIPT_PENALTY
        best_word = 0
        for left in range(0, min(3, len(before)) + 1):
            for right in range(0, min(3 - left, len(after)) + 1):
                if left or right:
                    word = before[len(before) - left :] + char + after[:right]
                    best_word = max(best_word, vocabulary.get(word, 0) * (left + right))
        total -= WORD_BONUS * best_word
        if not after[:1].strip() and char in CLAUSE_PUNCTUATION:
            total += LINE_END_PENALTY  # a line does not end with ， or （
        if char in PAIRS:
            total += -1.5 if PAIRS[char] in still_open else 1.5
        elif char in OPENERS and OPENERS[char] in closed_later:
            total -= 1.5
        if before[-1:] == char and char in CJK_PUNCTUATION:
            total += 1.5  # 。。 ，，
        return total

    weak = candidates[:1] == [WEAK]
    pool = candidates[1:] if weak else candidates
    best = min(pool, key=lambda c: (cost(c), c))
    if weak and not (best in CJK_PUNCTUATION or cost(best) <= char_cost(best) - WORD_BONUS * 2):
        return None  # two bytes lost and no word to confirm the guess
    return best


class Kind:
    """One wrong decoding: how to get the bytes back, and what they really were."""

    def __init__(self, name, encode, right, wrong, hole_range, starts):
        self.name = name
        self.encode = encode
        self.right = right
        self.wrong = wrong
        self.hole_range = hole_range
        self.starts = starts

    def fill_run(
        self, text: str, data: bytearray, holes: set[int], before: str, after: str
    ) -> tuple[str, list[tuple[int, int]]] | None:
        """``fill`` for a whole run, trying the other byte pair of characters
        the wrong codec maps twice when the first reading does not decode."""
        filled = self.fill(data, self.starts(data, 0, len(data)), holes, before, after)
        if filled is not None:
            return filled
        duplicates = _duplicates(self.wrong[0])
        position = 0
        for char in text:
            size = 1 if char < "\x80" else 2
            for pair in duplicates.get(char, ())[1:] if size == 2 else ():
                trial = bytearray(data)
                trial[position : position + 2] = pair
                filled = self.fill(trial, self.starts(trial, 0, len(trial)), holes, before, after)
                if filled is not None:
                    return filled
            position += size
        return None

    def fill(
        self, data: bytearray, starts: list[int], holes: set[int], before: str = "", after: str = ""
    ) -> tuple[str, list[tuple[int, int]]] | None:
        """Decode ``data`` (character offsets ``starts``) whose ``holes`` are lost bytes.

        A character with one lost byte becomes the candidate -- among those the
        wrong decoder could have dropped there -- that fits its context best
        (``_in_context``); with two or more it stays U+FFFD.  Returns the text
        and the text offsets of what stays lost, or None if the bytes do not
        decode.  ``before`` and ``after`` are the text around the span.
        """
        pieces: list[str | list[str]] = []
        pending = starts[0]
        for begin, end in zip(starts, starts[1:]):
            inside = [h for h in holes if begin <= h < end] if holes else ()
            if not inside:
                continue
            try:
                pieces.append(bytes(data[pending:begin]).decode(self.right))
            except UnicodeDecodeError:
                return None
            pending = end
            pieces.append(self._candidates(data, begin, end, inside, holes))
        try:
            pieces.append(bytes(data[pending : starts[-1]]).decode(self.right))
        except UnicodeDecodeError:
            return None
        if len(pieces) == 1:
            return pieces[0], []
        script = _context_script("".join(p for p in pieces if isinstance(p, str)) + before + after)
        slots = [i for i, piece in enumerate(pieces) if isinstance(piece, list)]
        chosen: dict[int, str | None] = {}

        def text_around(index: int) -> tuple[str, str]:
            left = "".join(chosen.get(i) or "\ufffd" if i in chosen else p if isinstance(p, str) else "\ufffd"
                           for i, p in enumerate(pieces[:index]))
            right = []
            for i in range(index + 1, len(pieces)):
                piece = pieces[i]
                if isinstance(piece, str):
                    right.append(piece)
                elif chosen.get(i):
                    right.append(chosen[i])
                else:
                    break
            else:
                right.append(after)
            return (before + left)[-3:], "".join(right)[:3]

        # Two rounds: the second sees the guesses on its right.
        for _ in range(2):
            for index in slots:
                candidates = pieces[index]
                if candidates and candidates != [WEAK]:
                    left, right = text_around(index)
                    prefix = before + "".join(p if isinstance(p, str) else (chosen.get(i) or "") for i, p in enumerate(pieces[:index]))
                    suffix = "".join(p if isinstance(p, str) else (chosen.get(i) or "") for i, p in enumerate(pieces[index + 1 :], index + 1)) + after
                    chosen[index] = _in_context(candidates, left, right, script, prefix, suffix)
                else:
                    chosen[index] = None
        out: list[str] = []
        lost: list[tuple[int, int]] = []
        length = 0
        for index, piece in enumerate(pieces):
            if not isinstance(piece, str):
                piece = chosen[index]
                if piece is None:
                    lost.append((length, length + 1))
                    piece = "\ufffd"
            out.append(piece)
            length += len(piece)
        return "".join(out), lost

    def _candidates(self, data, begin, end, inside, holes) -> list[str]:
        """Characters the span ``data[begin:end]`` could have been, given which
        of its bytes were lost (at most two) and what each lost byte was
        followed by.  A guess over two lost bytes is marked with WEAK: it is
        only taken when its context confirms it."""
        if len(inside) > 2:
            return []
        options: list[list[int]] = []
        for position, hole in enumerate(inside):
            after = hole + 1
            if position + 1 < len(inside) and inside[position + 1] == after:
                options.append([])  # followed by the next hole: worked out below
            else:
                following = data[after] if after < len(data) and after not in holes else None
                options.append(list(_droppable(self.wrong, following, *self.hole_range)))
        found = []
        seen = set()
        for values in self._fillings(inside, options):
            trial = bytearray(data[begin:end])
            for hole, byte in zip(inside, values):
                trial[hole - begin] = byte
            try:
                char = trial.decode(self.right)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and char not in seen and char_cost(char) < (8 if len(inside) == 1 else 4):
                seen.add(char)
                found.append(char)
        return found if len(inside) == 1 else [WEAK] + found

    def _fillings(self, inside: list[int], options: list[list[int]]):
        if len(inside) == 1:
            for byte in options[0]:
                yield (byte,)
            return
        first, second = inside
        if second != first + 1:
            for a in options[0]:
                for b in options[1]:
                    yield (a, b)
            return
        for b in options[1]:  # the first lost byte was dropped because of the second
            for a in _droppable(self.wrong, b, *self.hole_range):
                yield (a, b)


# First element of a candidate list for a character that lost two bytes: such
# a guess is kept only when a word confirms it, or when it is punctuation.
WEAK = ""


def _context_script(text: str) -> int:
    """+1 if ``text`` reads as simplified, -1 as traditional, 0 if it cannot tell."""
    balance = sum(_script_of(c) for c in text if c > "\u4dff")
    return (balance > 0) - (balance < 0)


UTF8_AS_GBK = Kind("utf8-as-gbk", _gbk_bytes, "utf-8", ("gbk", "gb18030"), (0x80, 0xBF), _utf8_starts)
# A wrong double-byte decoder drops a lead byte, or, once out of step, a trail byte.
BIG5_AS_GBK = Kind("big5-as-gbk", _gbk_bytes, "cp950", ("gbk",), (0x81, 0xFE), _dbcs_starts)
GBK_AS_BIG5 = Kind("gbk-as-big5", _big5_bytes, "gbk", ("big5", "cp950"), (0x81, 0xFE), _dbcs_starts)


def _utf8_spans(line: str) -> list[tuple[int, int, str, list[tuple[int, int]]]]:
    """Candidate (start, end, repair, lost) spans of UTF-8 read as GBK in ``line``.

    The re-encoded bytes are searched for runs of valid UTF-8; a run is kept
    from a character boundary of the mojibake to the first boundary that both
    the mojibake and the UTF-8 share after its last multi-byte character (the
    wrong decoder may have swallowed the ASCII byte after it: 鐢ˋPI = 用API).
    """
    spans = []
    for offset, data, bounds, hole_list in _runs(line, _gbk_bytes, holes=True):
        holes = set(hole_list)
        index_of = {b: i for i, b in enumerate(bounds)}
        i = 0
        while i < len(bounds) - 1:
            match = UTF8_RUN.match(data, bounds[i])
            if match is None:
                i += 1
                continue
            starts = _utf8_starts(data, bounds[i], match.end())
            tail = match.end()
            while tail < len(data) and data[tail] < 0x80 and tail not in index_of:
                tail += 1
                starts.append(tail)
            shared = [b for b in starts if b in index_of and b > bounds[i]]
            if not shared:
                i += 1
                continue
            after = [b for b in shared if b >= match.end()]
            end_byte = after[0] if after else shared[-1]
            starts = starts[: starts.index(end_byte) + 1]
            filled = UTF8_AS_GBK.fill(
                data, starts, holes, line[max(0, offset + i - 3) : offset + i], line[offset + index_of[end_byte] :][:3]
            )
            j = index_of[end_byte]
            if filled is not None:
                spans.append((offset + i, offset + j, filled[0], filled[1]))
            i = j
    return spans


# -- choosing between the damaged text and its repairs -------------------------


def _better(original: str, repair: str) -> bool:
    if repair == original or not any(is_han(c) or c in CJK_PUNCTUATION for c in repair):
        return False
    return badness(repair) < badness(original) - MARGIN


def _latin_bytes(run: str) -> bytes | None:
    try:
        return run.translate(_CP1252_TO_C1).encode("latin-1")
    except UnicodeEncodeError:
        return None


def _ftfy_fix(run: str) -> str:
    import ftfy  # imported lazily: only text with Latin-1 characters needs it

    return ftfy.fix_encoding(run)


def _chinese_reading(run: str) -> list[tuple[str, str]]:
    """(kind, repair): the run's bytes read as GBK or Big5 (GBK/Big5 read as Latin-1)."""
    data = _latin_bytes(run.strip())
    if data is None:
        return []
    found = []
    for kind, codec in (("gbk-as-latin1", "gb18030"), ("big5-as-latin1", "cp950")):
        try:
            found.append((kind, data.decode(codec)))
        except UnicodeDecodeError:
            pass
    return found


def _reads_as_chinese(text: str) -> bool:
    """Mostly common characters that form words: a reading of bytes as GBK or
    Big5 that is worth more than ftfy's reading of them as UTF-8."""
    han = [c for c in text if is_han(c) or c in CJK_PUNCTUATION]
    if len(han) < max(2, len(text.strip()) // 2):
        return False  # one character from two bytes is no evidence
    common = sum(1 for c in han if char_cost(c) < 4)
    return common >= 0.8 * len(han) and _reads_as_words(text)


def _fix_latin_runs(text: str) -> list[Edit]:
    """GBK or Big5 read as Latin-1/cp1252 (``ÄãºÃ``): runs of Latin-1
    characters whose bytes read plainly as Chinese."""
    edits = []
    runs = []
    for pair in _LATIN_PAIR.finditer(text):  # a GBK character read as Latin-1 is two such characters
        if runs and pair.start() < runs[-1].end():
            continue
        start = pair.start()
        while start > 0 and _LATIN_RUN_CHAR.match(text, start - 1):
            start -= 1
        run = LATIN_RUN.match(text, start)
        if run:
            runs.append(run)
    short: list[tuple[re.Match[str], str, str]] = []  # too short to judge alone
    for match in runs:
        run = match.group()
        if len(_LATIN_HIGH.findall(run)) < 2:
            continue
        best = None
        for kind, repair in _chinese_reading(run):
            repair = run[: len(run) - len(run.lstrip())] + repair + run[len(run.rstrip()) :]
            if not _better(run, repair):
                continue
            if _reads_as_chinese(repair):
                cost = badness(repair)
                if best is None or cost < best[0]:
                    best = (cost, kind, repair)
            elif all(char_cost(c) < 4 or c in CJK_PUNCTUATION for c in repair.strip()):
                short.append((match, kind, repair))
        if best is not None:
            edits.append(Edit(match.start(), match.end(), best[2], best[1]))
    # A text decoded wrongly is damaged throughout: once longer runs prove the
    # kind, short runs of it (接 and 。 around an ASCII comma) are read the same way.
    proven = {edit.reason for edit in edits}
    if short and sum(len(edit.replacement) for edit in edits) >= 8:
        taken = {edit.start for edit in edits}
        for match, kind, repair in short:
            if kind in proven and match.start() not in taken:
                edits.append(Edit(match.start(), match.end(), repair, kind))
                taken.add(match.start())
        edits.sort()
    return edits


def _ftfy_lines(text: str, taken: list[Edit]) -> list[Edit]:
    """ftfy's own kinds, line by line, on lines no other repair touched:
    UTF-8 read as Latin-1, cp1252, cp1251, cp437, MacRoman...; double encodings."""
    if not FTFY_SUSPECTS.search(text):
        return []
    from ftfy.badness import is_bad  # imported lazily: only for non-Chinese mojibake

    edits = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if (
            line
            and FTFY_SUSPECTS.search(line)
            and not any(e.start < end and e.end > position for e in taken)
            and is_bad(line)
        ):
            fixed = _ftfy_fix(line)
            if fixed != line:
                edits.append(Edit(position, end, fixed, "utf8-as-latin1 (ftfy)"))
        position = end + 1
    return edits


PROVEN = 8  # characters a double-byte kind must repair before it is trusted on its own


def _whole_run_repairs(line: str, proven: frozenset[str] = frozenset()) -> list[tuple[int, int, str, str, list[tuple[int, int]]]]:
    """Big5 read as GBK and GBK read as Big5: judged on whole runs, as whole
    documents are decoded with one codec.  A kind ``proven`` elsewhere in the
    document needs no word to confirm a run (names, short lines): common
    characters suffice."""
    found = []
    for kind in (BIG5_AS_GBK, GBK_AS_BIG5):
        for offset, data, bounds, hole_list in _runs(line, kind.encode, holes=True):
            if len(bounds) < 3:
                continue
            original = line[offset : offset + len(bounds) - 1]
            if sum(map(_han_or_private, original)) < MIN_HAN_SHARE * len(original.replace(" ", "")):
                continue  # Big5/GBK mojibake is partly Han; Cyrillic, Greek or kana text is not
            context_after = line[offset + len(bounds) - 1 :][:3]
            filled = kind.fill_run(original, data, set(hole_list), line[max(0, offset - 3) : offset], context_after)
            if filled is None or not _better(original, filled[0]):
                continue
            if _reads_as_words(filled[0]) or (kind.name in proven and _common(filled[0])):
                found.append((offset, offset + len(original), filled[0], kind.name, filled[1]))
    return found


def _han_or_private(char: str) -> bool:
    """Han, or the private use area: Big5 read as GBK lands there (GBK's
    user-defined rows), and no real text does."""
    return is_han(char) or "\ue000" <= char <= "\uf8ff"


def _common(text: str) -> bool:
    """Only common Han characters, CJK punctuation and ASCII."""
    return all(c.isascii() or c in CJK_PUNCTUATION or (is_han(c) and char_cost(c) < 4) for c in text)


def _reads_as_words(text: str) -> bool:
    """At least two Han characters that form a word: one rare character
    traded for another is no evidence of a wrong codec."""
    vocabulary = words()
    return any(text[i : i + 2] in vocabulary for i in range(len(text) - 1))


def _fix_chinese_line(line: str, proven: frozenset[str] = frozenset()) -> tuple[list[Edit], list[tuple[int, int]]]:
    """Edits for one line with suspicious characters, and lost-character spans
    (as offsets into the repaired line).

    Every kind proposes repairs; the set of non-overlapping repairs with the
    largest total gain in ``badness`` wins, so no kind is tried "first".
    """
    candidates = []  # (start, end, gain, repair, kind, lost)
    for start, end, repair, lost in _utf8_spans(line):
        original = line[start:end]
        if _better(original, repair):
            candidates.append((start, end, badness(original) - badness(repair), repair, "utf8-as-gbk", lost))
    for start, end, repair, kind, lost in _whole_run_repairs(line, proven):
        gain = badness(line[start:end]) - badness(repair)
        candidates.append((start, end, gain, repair, kind, lost))
    chosen = _best_interval_set(candidates)
    edits = [Edit(start, end, repair, kind) for start, end, _, repair, kind, _ in chosen]
    positions = PositionMap(edits)
    lost_out = [
        (positions.forward(start) + a, positions.forward(start) + b)
        for start, _, _, _, _, lost in chosen
        for a, b in lost
    ]
    return edits, lost_out


def _best_interval_set(candidates: list[tuple]) -> list[tuple]:
    """Non-overlapping (start, end, gain, ...) candidates with the largest total gain."""
    ordered = sorted(candidates, key=lambda c: c[1])
    ends = [c[1] for c in ordered]
    best = [0.0] * (len(ordered) + 1)
    take = [False] * len(ordered)
    previous = [0] * len(ordered)
    for index, candidate in enumerate(ordered):
        previous[index] = bisect.bisect_right(ends, candidate[0], 0, index)
        with_it = candidate[2] + best[previous[index]]
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
    return sorted(chosen)


def _damaged_lines(text: str, *, clustered: bool = True) -> Iterator[tuple[int, int]]:
    """(start, end) of lines where suspicious characters cluster (without
    ``clustered``: of every line with one).

    Mojibake is dense: UTF-8 read as GBK gives two suspicious characters for
    each real one, a wrong double-byte codec a run of them.  One rare
    character in a line of Chinese (a name, a term) is not mojibake, and
    checking it would cost a whole-line analysis for nothing -- unless the
    document is known to be mojibake already.
    """
    previous = None
    done_until = -1
    for match in _suspicious().finditer(text):
        start = match.start()
        if start < done_until:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        close = previous is not None and previous >= line_start and start - previous <= CLUSTER_GAP
        previous = match.end()
        if clustered and not (close or match.group() == "\ufffd"):
            continue
        line_end = text.find("\n", start)
        if line_end < 0:
            line_end = len(text)
        done_until = line_end
        yield line_start, line_end


def _fix_chinese(text: str) -> tuple[list[Edit], list[tuple[int, int]]]:
    """Edits for the Chinese kinds, and lost-character spans (offsets in the repaired text)."""
    edits: list[Edit] = []
    lost: list[tuple[int, int]] = []
    lines = [(start, end, *_fix_chinese_line(text[start:end])) for start, end in _damaged_lines(text)]
    # a document is decoded with one codec: a double-byte kind that repaired
    # enough of it is judged again, more kindly, on every line with a
    # suspicious character (a short line may hold only one or two, apart)
    repaired: dict[str, int] = {}
    for _, _, line_edits, _ in lines:
        for edit in line_edits:
            repaired[edit.reason] = repaired.get(edit.reason, 0) + len(edit.replacement)
    proven = frozenset(kind for kind, count in repaired.items() if count >= PROVEN and kind != "utf8-as-gbk")
    if proven:
        lines = [(start, end, *_fix_chinese_line(text[start:end], proven)) for start, end in _damaged_lines(text, clustered=False)]
    shift = 0  # how much the edits so far lengthened the text
    for line_start, _, line_edits, line_lost in lines:
        lost.extend((line_start + shift + s, line_start + shift + e) for s, e in line_lost)
        for s, e, r, k in line_edits:
            edits.append(Edit(s + line_start, e + line_start, r, k))
            shift += len(r) - (e - s)
    return edits, lost


def _entity_edits(text: str) -> list[Edit]:
    from ftfy.fixes import unescape_html

    edits = []
    for match in HTML_ENTITY.finditer(text):
        entity = match.group()
        decoded = unescape_html(entity)
        if decoded != entity:
            edits.append(Edit(match.start(), match.end(), decoded, "html-entity"))
    return edits


def _one_pass(text: str, *, entities: bool) -> tuple[list[Edit], list[tuple[int, int]]]:
    """One round of repairs; returns edits and lost spans in the repaired text."""
    edits: list[Edit] = []
    if "\x1b" in text:
        edits.extend(Edit(m.start(), m.end(), "", "terminal-escape") for m in TERMINAL_ESCAPE.finditer(text))
    if entities and "&" in text:
        edits.extend(_entity_edits(text))
    if _LATIN_HIGH.search(text):
        edits.extend(_fix_latin_runs(text))
    edits = non_overlapping(edits)
    if not text.isascii():
        edits = non_overlapping(edits + _ftfy_lines(text, edits))
    if edits:
        return edits, []
    return _fix_chinese(text)


def compose(text: str, passes: list[list[Edit]]) -> list[Edit]:
    """Express several rounds of edits as one set against the original ``text``."""
    if len(passes) == 1:
        return passes[0]
    maps = [PositionMap(edits) for edits in passes]
    touched = []
    for depth, edits in enumerate(passes):
        for edit in edits:
            start, end = edit.start, edit.end
            for earlier in reversed(maps[:depth]):
                start, end = earlier.back(start), max(earlier.back(end), earlier.back(start))
                end = max(end, start)
            touched.append((start, end, edit.reason))
    touched.sort()
    merged: list[list] = []
    for start, end, reason in touched:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if reason not in merged[-1][2]:
                merged[-1][2] += "+" + reason
        else:
            merged.append([start, end, reason])
    final = text
    for edits in passes:
        final = apply_edits(final, edits)
    result = []
    for start, end, reason in merged:
        out_start, out_end = start, end
        for pmap in maps:
            out_start = pmap.forward(out_start, inside="start")
            out_end = pmap.forward(out_end, inside="end") if out_end > out_start else out_start
        result.append(Edit(start, end, final[out_start:out_end], reason))
    return result


def _move(flags: list[Flag], edits: list[Edit]) -> list[Flag]:
    """Flags with offsets in a text, moved to that text after ``edits``."""
    if not edits or not flags:
        return flags
    positions = PositionMap(edits)
    return [
        Flag(f.kind, positions.forward(f.start), positions.forward(f.end, inside="end"), f.text, f.detail)
        for f in flags
    ]


def fix_encoding_outcome(text: str, *, entities: bool = True) -> Outcome:
    """Repair mojibake in ``text``: edits, plus flags for what stays lost."""
    passes: list[list[Edit]] = []
    current = text
    flags: list[Flag] = []
    if next(slipped(text), None) is not None:
        repaired = fix_misaligned_outcome(text)
        if repaired.edits:
            passes.append(repaired.edits)
            current = apply_edits(current, repaired.edits)
            flags.extend(repaired.flags)
    for _ in range(MAX_PASSES):
        edits, lost_now = _one_pass(current, entities=entities and not passes)
        if not edits:
            break
        flags = _move(flags, edits)
        passes.append(edits)
        current = apply_edits(current, edits)
        flags.extend(
            Flag("lost-bytes", s, e, current[s:e], "bytes lost in a wrong decoding; not recoverable")
            for s, e in lost_now
        )
    flags.extend(unrepairable(current, already={(f.start, f.end) for f in flags}))
    return Outcome(compose(text, passes) if passes else [], flags)


def unrepairable(text: str, *, already: set[tuple[int | None, int | None]] = frozenset()) -> list[Flag]:
    """Flags for damage no repair can undo: 锟斤拷 runs and U+FFFD runs."""
    if "\ufffd" not in text and "锟" not in text and "拷" not in text:
        return []
    flags = []
    for match in REPLACEMENT_MOJIBAKE.finditer(text):
        if match.span() in already:
            continue
        run = match.group()
        if "\ufffd" in run:
            detail = f"{len(run)} replacement character(s): the original bytes were lost"
            flags.append(Flag("replacement-characters", match.start(), match.end(), run, detail))
        elif len(run) >= 3:
            detail = "锟斤拷: U+FFFD written as UTF-8 and read as GBK; the original text is lost"
            flags.append(Flag("kun-jin-kao", match.start(), match.end(), run, detail))
    return flags


def fix_encoding(text: str) -> str:
    """Repair mojibake, leaving clean text (and what cannot be repaired) as it is.

    >>> fix_encoding("浣犲ソ锛屼笘鐣岋紒")
    '你好，世界！'
    >>> fix_encoding("ÄãºÃ£¬ÊÀ½ç")
    '你好，世界'
    >>> fix_encoding("“引号”，逗号")
    '“引号”，逗号'
    """
    outcome = fix_encoding_outcome(text)
    return apply_edits(text, outcome.edits)
