"""Detectors: every span of a line that some wrong reading explains, with its repair.

For each reader whose characters a line holds, each maximal run of them is
turned back into bytes (``readings``); for each source, the bytes are cut
into the longest pieces that decode, and each piece into *atoms*: stretches
whose two ends are character boundaries in both readings and that hold no
ASCII character both readings share.  An atom is a candidate repair::

    printf("ÄãºÃ£¬ÊÀ½ç\\n");     latin-1 -> gbk:  ÄãºÃ£¬ÊÀ½ç -> 你好，世界
    f.writeLine("いゅ代刚");       gbk -> big5:     いゅ代刚 -> 中文測試
    鐨凧SON                        gb18030 -> utf-8: 鐨凧 -> 的J (the J was swallowed)

The ASCII around an atom is the same in every reading, so it never decides
anything: the same damaged span gives the same candidates in any context.
Nothing here judges a candidate (``arbiter`` does); ftfy's own repairs of a
line are candidates too (``ftfy_candidates``), among the others.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from ..score import CJK_PUNCTUATION, badness, char_cost, is_han
from ..tables import common_chars, words
from . import chars, holes
from .readings import (
    HOLE,
    CP1252,
    SINGLE_BYTE_READERS,
    UTF8,
    Reader,
    Source,
    double_byte_readers,
    kind_name,
    sources_for,
)


@dataclass(frozen=True)
class Candidate:
    """A proposed repair: ``text`` in place of the line's ``[start, end)``.

    ``gain`` is how much less the repair costs than the span (``score.badness``);
    ``lost`` the characters of ``text`` whose bytes were lost (U+FFFD in it).
    """

    start: int
    end: int
    text: str
    kind: str
    gain: float
    lost: tuple[holes.Lost, ...] = ()
    source: str = ""  # the source's language ("zh", "ja"), for the judge; "" for ftfy's


# What a character left lost in a repair costs: a repair that leaves fewer
# holes is the better one, but a hole is still better than mojibake.
LOST_COST = 1.0


def gain(original: str, repair: str) -> float:
    """How much less ``repair`` costs than ``original``; U+FFFD costs nothing
    on either side (a hole in the span and the same hole left in the repair
    are the same damage) beyond ``LOST_COST`` for each left in the repair."""
    if HOLE in original or HOLE in repair:
        left = repair.count(HOLE)
        return badness(original.replace(HOLE, "")) - badness(repair.replace(HOLE, "")) - LOST_COST * left
    return badness(original) - badness(repair)


def _candidate(line: str, start: int, end: int, text: str, kind: str, lost: tuple[holes.Lost, ...] = (), language: str = "") -> Candidate:
    return Candidate(start, end, text, kind, gain(line[start:end], text), lost, language)


# -- screens: which readers a line may have been through ------------------------

# Characters that a single-byte reader writes and clean Chinese text does not:
# Latin-1's and the Windows code pages' upper halves, without the quotes,
# dashes, ellipsis and middle dot that Chinese text itself uses.
_CLEAN_MARKS = "“”‘’…—–·•"


@functools.cache
def _single_byte_screen() -> re.Pattern[str]:
    high: set[str] = set()
    for reader in SINGLE_BYTE_READERS:
        high |= reader.repertoire
    high -= set(_CLEAN_MARKS)
    high -= {chr(code) for code in range(0x80)}
    cls = "[" + _class(high) + "]"
    # two of them, at most two ASCII characters apart (Big5's ASCII trail bytes: §A¦n)
    return re.compile(cls + "[\\x00-\\x7f]{0,2}" + cls)


@functools.cache
def _latin_high() -> frozenset[str]:
    """Every character a single-byte reader writes for a byte 80..FF."""
    high: set[str] = set()
    for reader in SINGLE_BYTE_READERS:
        high |= reader.repertoire
    return frozenset(high - {chr(code) for code in range(0x80)})


def _class(chars: set[str]) -> str:
    from .readings import _char_class

    return _char_class(chars)


CLUSTER_GAP = 3  # suspicious characters at most this far apart form a cluster


@functools.cache
def _double_byte_screen() -> re.Pattern[str]:
    """Two characters that mojibake is made of and clean Chinese rarely is,
    at most ``CLUSTER_GAP`` apart; or one U+FFFD or private-use character."""
    return re.compile(f"{_SUSPICIOUS}.{{0,{CLUSTER_GAP - 1}}}{_SUSPICIOUS}|[\ufffd\ue000-\uf8ff]", re.S)


def _suspicious_class() -> str:
    common = common_chars()
    rare = {chr(code) for code in range(0x4E00, 0xA000)} - common
    return (
        "["
        + _class(rare)
        + "\u3040-\u30ff"  # kana: GBK rows A4/A5 (Big5 read as GBK)
        + "\u0391-\u03c9\u0401-\u0451"  # Greek, Cyrillic: GBK rows A6/A7
        + "\u2460-\u24ff\u2500-\u257f"  # circled numbers, box drawing: GBK rows A2/A9
        + "\u3100-\u312f"  # bopomofo: Big5 row A3 (GBK read as Big5: ㄛ is ，)
        + "\uff61-\uff9f"  # half-width katakana: Shift-JIS single bytes A1..DF
        + "\u3400-\u4dbf\uf900-\ufaff\ue000-\uf8ff\ufffd"
        + "\u02c9\u02ca\u02cb\u02d9"  # ˉˊˋ˙: GBK row A8 (the ˋ in 鐢ˋPI)
        + "]"
    )


class _Lazy:
    def __str__(self) -> str:  # built on first use: it enumerates the common characters
        return _suspicious_class_cached()


@functools.cache
def _suspicious_class_cached() -> str:
    return _suspicious_class()


_SUSPICIOUS = _Lazy()


# A short run of Han characters alone between ASCII (a string literal, a
# cell) that holds no word may be a wrong double-byte reading made only of
# common characters (匡拒, Big5 選擇 read as GBK; 嫘豢晤鎢, GBK 广告编码 read
# as Big5): runs up to this long are looked at word by word.  Longer runs of
# such mojibake always hold kana, symbols or rare characters.
SHORT_RUN = 8
_SHORT_HAN_RUN = re.compile(f"(?<![^\\x00-\\x7f])[\u3400-\u9fff\uf900-\ufaff]{{2,{SHORT_RUN}}}(?![^\\x00-\\x7f])")


def _wordless_short_run(line: str) -> bool:
    vocabulary = words()
    for match in _SHORT_HAN_RUN.finditer(line):
        run = match.group()
        if not any(run[i : i + size] in vocabulary for size in (2, 3, 4) for i in range(len(run) - size + 1)):
            return True
    return False


def _suspicious_clusters(line: str) -> Iterator[tuple[int, int]]:
    """Spans of clusters of suspicious characters (``_double_byte_screen``)
    that are not words themselves (羣衆, OpenCC's traditional 群众, is one)."""
    vocabulary = words()
    for match in _double_byte_screen().finditer(line):
        cluster = match.group()
        if len(cluster) < 2 or cluster not in vocabulary:
            yield match.span()


def _suspicious_cluster(line: str) -> bool:
    return next(_suspicious_clusters(line), None) is not None


# How far around a suspicious spot the double-byte readings look: far enough
# for any atom through it (atoms end at ASCII below 40 or run edges).
REACH = 24


def double_byte_regions(line: str) -> list[tuple[int, int]]:
    """The stretches of ``line`` the double-byte readings need to look at:
    each suspicious cluster or wordless short run, widened to ASCII below 40
    (no encoding here has one inside a character) or by ``REACH``, merged."""
    spots = list(_suspicious_clusters(line))
    vocabulary = words()
    for match in _SHORT_HAN_RUN.finditer(line):
        run = match.group()
        if not any(run[i : i + size] in vocabulary for size in (2, 3, 4) for i in range(len(run) - size + 1)):
            spots.append(match.span())
    spots.sort()
    merged: list[list[int]] = []
    for start, end in spots:  # (spots this close would meet once widened)
        if merged and start - merged[-1][1] <= 2 * REACH:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    regions: list[list[int]] = []
    for start, end in merged:
        left = start
        while left > 0 and line[left - 1] >= "\x40" and start - left < REACH:
            left -= 1
        right = end
        while right < len(line) and line[right] >= "\x40" and right - end < REACH:
            right += 1
        right = min(len(line), right + 1)  # (with the ASCII it stops at: 涓? is a cut character and its "?")
        if regions and left <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], right)
        else:
            regions.append([left, right])
    return [(start, end) for start, end in regions]


def screened_readers(line: str) -> list[Reader]:
    """The readers worth trying on ``line`` (a cheap look at its characters)."""
    found: list[Reader] = []
    if not line.isascii():
        if _single_byte_screen().search(line):
            found.extend(SINGLE_BYTE_READERS)
        if _suspicious_cluster(line) or _wordless_short_run(line):
            found.extend(double_byte_readers())
    return found


# -- from a run of text to atoms ---------------------------------------------------

_UTF8_CHAR = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
# stretches of valid UTF-8 that begin with a multi-byte character (and take
# the ASCII after the last: a wrong decoder may have swallowed its first byte)
_UTF8_STRETCH = re.compile(_UTF8_CHAR + rb"(?:[\x00-\x7f]*" + _UTF8_CHAR + rb")*[\x00-\x7f]*")
# a UTF-8 character cut short: a lead byte and fewer continuation bytes than it needs
_UTF8_CUT = re.compile(rb"[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2}")


class _Errors(threading.local):
    spans: list[tuple[int, int]] | None = None


_errors = _Errors()


def _record(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError) or _errors.spans is None:
        raise error
    _errors.spans.append((error.start, error.end))
    return "", error.end


codecs.register_error("normalize_zh.mojibake.split", _record)


_ESCAPED_RUN = re.compile("[^\udc80-\udcff]+")
# A double-byte reading that refuses more than this share of a run's bytes
# explains none of it (clean text read with the wrong codec).
MAX_REFUSED = 0.5


def _stretches(data: bytes, source: Source) -> Iterator[tuple[int, int, str]]:
    """(start, end, text): maximal byte ranges of ``data`` that decode in
    ``source`` and hold a multi-byte character, with their text."""
    if source is UTF8:
        for match in _UTF8_STRETCH.finditer(data):
            yield match.start(), match.end(), match.group().decode("utf-8")
        return
    # each byte the decoder refuses becomes one lone surrogate (C speed)
    decoded = data.decode(source.codec, errors="surrogateescape")
    if len(decoded) == len(data) and decoded.isascii():
        return
    widths = source.widths
    position = 0
    refused = 0
    pieces = []
    for match in _ESCAPED_RUN.finditer(decoded):
        position += match.start() - (pieces[-1][3] if pieces else 0)  # one byte per escaped byte
        refused += match.start() - (pieces[-1][3] if pieces else 0)
        text = match.group()
        size = sum(map(widths.__getitem__, text))
        pieces.append((position, position + size, text, match.end()))
        position += size
    refused += len(decoded) - (pieces[-1][3] if pieces else 0)
    if refused > MAX_REFUSED * len(data):
        return
    for begin, finish, text, _ in pieces:
        if not text.isascii():
            yield begin, finish, text


def atoms(line: str, run_start: int, run: str, reader: Reader, source: Source, data: bytes,
          offsets: list[int] | None, hole_bytes: list[int], following: int | None,
          decoders: tuple[str, ...] | None = None) -> Iterator[Candidate]:
    """Candidates of one reading inside one run of ``line``.

    ``data`` are the run's bytes with the source's placeholder at each hole
    (``hole_bytes``), ``offsets`` the byte offset of each character of the
    run (None: one byte each), ``following`` the byte after the run in the
    original stream (a line break, or None when unknown), ``decoders`` the
    wrong decoders known to have been used (None: any of the reader's).
    """
    index_of = {offset: index for index, offset in enumerate(offsets)} if offsets is not None else None
    widths = source.widths
    kind = kind_name(source, reader)
    for begin, finish, text in _stretches(data, source):
        # A single-byte reading explains a whole run of Latin-1 characters or
        # none of it: where a double-byte source stops decoding in the middle
        # of more of them, the atoms there are chance (ã†â€™ãƒâ€  has a Big5
        # reading of three).  A lone byte next to ASCII is a character cut
        # short, no such stop (¤ ½X: Big5 五 lost its trail byte); valid
        # UTF-8 is no chance reading at all.
        partial_left = partial_right = False
        if index_of is None and source is not UTF8:
            partial_left = begin > 1 and data[begin - 1] >= 0x80 and data[begin - 2] >= 0x80
            partial_right = finish + 1 < len(data) and data[finish] >= 0x80 and data[finish + 1] >= 0x80
        position = begin
        start = None  # (byte, index in text) where the open atom starts
        last = (begin, 0)  # the last boundary both readings share
        for index, char in enumerate(text):
            if index_of is None or position in index_of:
                last = (position, index)
                if char < "\x80":  # ASCII in both readings: it separates atoms
                    if start is not None and not partial_left:
                        yield from _atom(line, run_start, run, reader, source, data, start, last, text, index_of, hole_bytes, following, kind, decoders)
                    start = None
                    partial_left = False
                elif start is None:
                    start = last
            position += widths[char]
        if index_of is None or position in index_of:
            last = (position, len(text))
        if start is not None and last[0] > start[0] and not partial_left and not partial_right:
            yield from _atom(line, run_start, run, reader, source, data, start, last, text, index_of, hole_bytes, following, kind, decoders)


def _atom(line, run_start, run, reader, source, data, start, end, text, index_of, hole_bytes, following, kind, decoders) -> Iterator[Candidate]:
    (b0, k0), (b1, k1) = start, end
    if b1 <= b0:
        return
    t0 = b0 if index_of is None else index_of[b0]
    t1 = b1 if index_of is None else index_of[b1]
    repair = text[k0:k1]
    lost: list[holes.Lost] = []
    inside = hole_bytes[bisect.bisect_left(hole_bytes, b0) : bisect.bisect_left(hole_bytes, b1)] if hole_bytes else []
    if inside:
        repair, lost = _open_holes(repair, b0, inside, hole_bytes, reader, source, data, following, decoders)
        repair, lost = holes.settle(repair, lost)
    if source is UTF8 and not reader.single_byte and index_of is not None:
        repair, t1, lost = _cut_before_question(run, t1, repair, lost, data, b1, index_of)
    if source is UTF8 and reader.single_byte:
        cut = len(lost)
        repair, t1, lost = _cut_end(run, t1, repair, lost, reader, data, b1, run_start + len(run) == len(line))
        if len(lost) > cut and _completed_by_mark(line, run_start + len(run), reader, data[b1:]):
            return  # a piece cut before a mark that is its character's last byte (×”: the Hebrew ה)
        repair, lost = holes.settle(repair, lost)
    original = run[t0:t1]
    if repair == original:
        return
    if reader.single_byte and source is not UTF8 and _mostly_utf8(data[b0:b1]):
        return  # these bytes are UTF-8 (ä¸»é: 主 and a cut character), not GBK (涓婚)
    # a reading no text would hold (private use, controls, letters of other
    # scripts, kana in Chinese) is dropped before it is scored
    if chars.profile(repair, "any" if source is UTF8 else source.language) is None and not _alphabet_repair(source, repair):
        return
    yield _candidate(line, run_start + t0, run_start + t1, repair, kind, tuple(lost), source.language)


# UTF-8 characters of three or four bytes: GBK and Big5 text forms them by
# chance about once in seventy characters (two-byte ones, Greek and Cyrillic
# letters, far more often: ÏµÍ³ is GBK 系统 and UTF-8 ϵͳ alike).
_UTF8_LONG = re.compile(rb"(?:\xe0[\xa0-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]|\xed[\x80-\x9f])[\x80-\xbf]|(?:\xf0[\x90-\xbf]|[\xf1-\xf3][\x80-\xbf]|\xf4[\x80-\x8f])[\x80-\xbf]{2}")


def _common_chinese(char: str) -> bool:
    return (is_han(char) and char_cost(char) < chars.RARE_COST) or char in CJK_PUNCTUATION


def _mostly_utf8(data: bytes) -> bool:
    """Whether at least half of the high bytes of ``data`` form UTF-8
    characters of three or four bytes that are common Chinese (主, not the
    Hangul 롣 that GBK 入。 read as Latin-1 holds: ë¡£)."""
    high = sum(1 for _ in _HIGH_BYTE.finditer(data))
    if not high:
        return False
    common = sum(len(m) for m in _UTF8_LONG.findall(data) if _common_chinese(m.decode("utf-8")))
    return 2 * common >= high


def _alphabet_repair(source: Source, repair: str) -> bool:
    """UTF-8 that reads as words of one other alphabet (Сервис from
    小械褉胁懈褋): kept for the arbiter to weigh."""
    return source is UTF8 and chars.one_alphabet(repair)


@functools.lru_cache(maxsize=4096)
def _cut_options(piece: bytes, first: tuple[int, ...]) -> tuple[str, ...]:
    """The characters a UTF-8 character begun with ``piece`` and missing its
    last byte could be: those the ``first`` byte values give, then the rest,
    commonest first."""
    rest = sorted(
        (value for value in range(0x80, 0xC0) if value not in first),
        key=lambda value: char_cost((piece + bytes((value,))).decode("utf-8", errors="replace")[:1]),
    )
    found = ((piece + bytes((value,))).decode("utf-8", errors="ignore") for value in (*first, *rest))
    return tuple(c for c in dict.fromkeys(found) if len(c) == 1)


def _completed_by_mark(line: str, at: int, reader: Reader, piece: bytes) -> bool:
    """Whether the character at ``line[at]`` is one of the marks runs are
    split at and its byte completes the UTF-8 character ``piece`` began."""
    mark = line[at : at + 1]
    if not mark or not _CLEAN_MARK.match(mark) or reader.table is None:
        return False
    byte = reader.table.get(ord(mark))
    if byte is None or byte == "\u0100":
        return False
    try:
        return len((piece + bytes((ord(byte),))).decode("utf-8")) >= 1
    except UnicodeDecodeError:
        return False


def _is_hole(hole_bytes: list[int], position: int) -> bool:
    index = bisect.bisect_left(hole_bytes, position)
    return index < len(hole_bytes) and hole_bytes[index] == position


def _open_holes(repair: str, b0: int, inside: list[int], hole_bytes: list[int], reader: Reader, source: Source,
                data: bytes, following: int | None, decoders: tuple[str, ...] | None) -> tuple[str, list[holes.Lost]]:
    """Put U+FFFD where ``repair`` holds a character decoded from a
    placeholder, with what that character could have been."""
    if source is UTF8:
        return _open_utf8_holes(repair, b0, inside, hole_bytes, reader, data, following, decoders)
    widths = source.widths
    chars = list(repair)
    lost = []
    position = b0
    queue = iter(inside)
    hole = next(queue, None)
    for index, char in enumerate(repair):
        width = widths[char]
        mine = []
        while hole is not None and hole < position + width:
            mine.append(hole)
            hole = next(queue, None)
        if mine:
            if len(mine) == 1:
                after = mine[0] + 1
                if after < len(data):
                    next_byte = None if _is_hole(hole_bytes, after) else data[after]
                else:
                    next_byte = following
                options = holes.candidates(source, reader, data[position : position + width], mine[0] - position, next_byte, decoders)
            else:
                options = ()
            chars[index] = HOLE
            lost.append(holes.Lost(index, options, len(mine)))
        position += width
        if hole is None:
            break
    return "".join(chars), lost


def _open_utf8_holes(repair: str, b0: int, inside: list[int], hole_bytes: list[int], reader: Reader, data: bytes,
                     following: int | None, decoders: tuple[str, ...] | None) -> tuple[str, list[holes.Lost]]:
    """``_open_holes`` for UTF-8, without walking every character: a hole's
    character starts at the last byte before it that is no continuation
    byte, and the text between holes is counted by decoding it."""
    chars = list(repair)
    lost: list[holes.Lost] = []
    index = 0  # characters of repair before ``position``
    position = b0
    hole_at = 0
    while hole_at < len(inside):
        hole = inside[hole_at]
        start = hole
        while start > position and 0x80 <= data[start] < 0xC0:
            start -= 1
        lead = data[start]
        width = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        index += len(data[position:start].decode("utf-8"))
        mine = [hole]
        hole_at += 1
        while hole_at < len(inside) and inside[hole_at] < start + width:
            mine.append(inside[hole_at])
            hole_at += 1
        if len(mine) == 1:
            after = hole + 1
            if after < len(data):
                next_byte = None if _is_hole(hole_bytes, after) else data[after]
            else:
                next_byte = following
            options = holes.candidates(UTF8, reader, data[start : start + width], hole - start, next_byte, decoders)
        else:
            options = ()
        chars[index] = HOLE
        lost.append(holes.Lost(index, options, len(mine)))
        index += 1
        position = start + width
    return "".join(chars), lost


def _cut_end(run: str, t1: int, repair: str, lost: list[holes.Lost], reader: Reader, data: bytes, b1: int,
             at_line_end: bool) -> tuple[str, int, list[holes.Lost]]:
    """UTF-8 read as a single-byte code page, cut short after the atom: a
    lead byte and some continuation bytes whose last byte was lost (the
    text was stripped of the NBSP or NEL that ended it, python-ftfy#217:
    ``...å…ƒç´`` for ``...元素``), or whose last byte became a plain space
    (``ä½ å¥½`` for ``你好``).  The character is restored where the space
    decides it, and otherwise becomes a hole with its candidates."""
    cut = _UTF8_CUT.match(data, b1)
    if cut is None or cut.end() - b1 == 0:
        return repair, t1, lost
    end = cut.end()
    piece = data[b1:end]
    if end < len(data) and data[end] == 0x20:
        whole = (piece + b"\xa0").decode("utf-8", errors="ignore")
        if len(whole) == 1 and len(piece) + 1 == len(whole.encode("utf-8")):
            return repair + whole, end - b1 + t1 + 1, lost
    # (more mojibake may follow: the byte was dropped in the middle, as a
    # strict decoder drops what it cannot read: æ²¹èè®¡ for 油耗计)
    need = 2 if piece[0] < 0xE0 else 3 if piece[0] < 0xF0 else 4
    if need - len(piece) != 1:
        options: tuple[str, ...] = ()
    else:
        # any continuation byte could have been lost; cut at the end of a
        # line, the likeliest is what str.strip() takes from a Latin-1 or
        # cp1252 reading, NBSP (A0) or NEL (85, Latin-1 only): those first
        stripped = tuple(b for b in (0xA0, 0x85) if reader.table is not None and reader.table.get(b) == chr(b))
        options = _cut_options(piece, stripped if end == len(data) and at_line_end else ())
    lost = [*lost, holes.Lost(len(repair), options, need - len(piece))]
    taken = end - b1
    if end < len(data) and data[end] == 0x3F:  # the "?" a Windows conversion writes for what it cannot map
        taken += 1
    return repair + HOLE, t1 + taken, lost


def _cut_before_question(run: str, t1: int, repair: str, lost: list[holes.Lost], data: bytes, b1: int,
                         index_of: dict[int, int]) -> tuple[str, int, list[holes.Lost]]:
    """UTF-8 read as GBK by a converter that wrote "?" for the byte it could
    not map (涓?2 for 为 2, from Windows logs), or that dropped it at the end
    (鍔 for 功): a character cut short before a "?" or at the end becomes a
    hole, "?" and all.  What it was, the lost byte does not say (any
    continuation byte): it is flagged, never guessed."""
    cut = _UTF8_CUT.match(data, b1)
    if cut is None or cut.end() == b1 or cut.end() not in index_of:
        return repair, t1, lost
    end = cut.end()
    if end == len(data):
        piece = data[b1:end]
        need = 2 if piece[0] < 0xE0 else 3 if piece[0] < 0xF0 else 4
        options = _cut_options(piece, ()) if need - len(piece) == 1 else ()
        return repair + HOLE, index_of[end], [*lost, holes.Lost(len(repair), options, need - len(piece))]
    if data[end] != 0x3F:
        return repair, t1, lost
    piece = data[b1:end]
    need = 2 if piece[0] < 0xE0 else 3 if piece[0] < 0xF0 else 4
    options = _cut_options(piece, ()) if need - len(piece) == 1 else ()
    lost = [*lost, holes.Lost(len(repair), options, need - len(piece))]
    return repair + HOLE, index_of[end] + 1, lost


# Characters only one of a reader's decoders writes: GB18030 maps GBK's
# user-defined rows to private use where Python's GBK decoder fails, cp932
# maps bytes that Shift-JIS leaves undefined.  A text holding them was read
# with that decoder, which narrows what each of its holes could have been.
_DECODER_MARKS = {"gbk": (re.compile("[\ue000-\ue765]"), ("gb18030",)), "sjis": (re.compile("[\x80\uf8f0-\uf8f3\ue000-\ue757]"), ("cp932",))}


def decoders_used(text: str) -> dict[str, tuple[str, ...]]:
    """For each double-byte reader, the decoders ``text`` shows were used
    (readers not named: unknown)."""
    return {name: codecs for name, (mark, codecs) in _DECODER_MARKS.items() if "\ufffd" in text and mark.search(text)}


_CLEAN_MARK = re.compile(f"[{_CLEAN_MARKS}]")


def _beside_break(run: str, index: int) -> bool:
    """Whether the character at ``index`` has ASCII space or punctuation (or
    the run's edge) on one side."""
    for neighbour in (run[index - 1 : index] if index else "", run[index + 1 : index + 2]):
        if not neighbour or (neighbour.isascii() and not neighbour.isalnum()):
            return True
    return False


def _runs(line: str, reader: Reader, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, run): the runs of ``line`` this reader may have written.

    For a single-byte reader, also each piece of a run between the quotes,
    dashes and dots Chinese text uses, which it writes too (cp1252 “ is 93):
    ``“ÓůÓĂČíĽţ”`` is a quoted repair, or a longer one; the arbiter decides.
    """
    for match in reader.run.finditer(line, start, len(line) if end is None else end):
        run = match.group()
        if run.isascii():
            continue
        if reader.single_byte:
            if not _single_byte_screen().search(run):
                continue
            # a run cut short by a character of another code page (ã‚ in
            # a cp1252 garble, for the Latin-1 reader) is that code page's
            around = line[match.start() - 1 : match.start()] + line[match.end() : match.end() + 1]
            if any(char in _latin_high() for char in around):
                continue
            # a mark beside ASCII space or punctuation, or at the run's edge,
            # may be the text's own: the pieces between such marks are tried too
            marks = [m for m in _CLEAN_MARK.finditer(run) if _beside_break(run, m.start())]
            position = 0
            for mark in marks:
                piece = run[position : mark.start()]
                if _single_byte_screen().search(piece):
                    yield match.start() + position, piece
                position = mark.end()
            piece = run[position:]
            if position and _single_byte_screen().search(piece):
                yield match.start() + position, piece
        yield match.start(), run


# The readings tried first, commonest first (what the real-world set shows),
# UTF-8's before the others of the same reader (valid UTF-8 is rarely chance):
# when one of them explains every non-ASCII character of a line, the rest
# are not tried (``repair.repair_pass``).
PRIORITY = (("gbk", "utf8"), ("latin1", "gbk"), ("cp1252", "gbk"), ("gbk", "big5"), ("big5", "gbk"), ("cp1252", "utf8"), ("latin1", "utf8"))
# ... except on a line whose Latin-1 characters are mostly valid UTF-8 as
# bytes (Î•Î»Î»Î·Î½Î¹ÎºÎ¬ is Greek): there UTF-8's readings go first.
UTF8_FIRST = (("cp1252", "utf8"), ("latin1", "utf8"), ("cp1250", "utf8"), ("cp1251", "utf8"), ("cp1254", "utf8"))
UTF8_SHARE = 0.8
_UTF8_SEQUENCE = re.compile(_UTF8_CHAR)


_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# Latin-1 and cp1252 characters to their bytes (C1 controls as themselves)
CP1252_TABLE = {**CP1252.table, **{code: chr(code) for code in range(0x80, 0xA0)}}


def utf8_bytes(line: str) -> bool:
    """Whether ``line``'s Latin-1 and cp1252 characters are, as bytes, mostly
    valid UTF-8 (a UTF-8 reading of them is then no chance)."""
    data = line.translate(CP1252_TABLE).encode("latin-1", errors="ignore")
    high = sum(1 for _ in _HIGH_BYTE.finditer(data))
    return bool(high) and sum(len(m) for m in _UTF8_SEQUENCE.findall(data)) >= UTF8_SHARE * high


# Russian text in cp1251 read as Latin-1 (ÑÅÊÐÅÒ - Áåñïå÷íûé: СЕКРЕТ -
# Бесплатный) is no Chinese in a single-byte code page: a line whose Latin-1
# characters, at least this many, are all Cyrillic words as cp1251 bytes.
CYRILLIC_LETTERS = 8
_CYRILLIC_WORD = re.compile("[А-ЯЁ]?[а-яё]+|[А-ЯЁ]+")


def cyrillic_as_latin1(line: str) -> bool:
    """Whether ``line`` is Russian read as Latin-1: its high characters, as
    cp1251 bytes, spell Cyrillic words only (lower case, capitalized or all
    capitals), ``CYRILLIC_LETTERS`` or more letters in all."""
    data = line.translate(CP1252_TABLE).encode("latin-1", errors="ignore")
    text = data.decode("cp1251", errors="replace")
    letters = [c for c in text if not c.isascii()]
    if len(letters) < CYRILLIC_LETTERS or not all("\u0400" <= c <= "\u045f" for c in letters):
        return False
    words = re.findall("[\u0400-\u045f]+", text)
    return all(_CYRILLIC_WORD.fullmatch(word) for word in words)


def reading_pairs(line: str) -> list[tuple[Reader, Source]]:
    """The (reader, source) readings worth trying on ``line``, the
    ``PRIORITY`` ones first."""
    readers = screened_readers(line)
    pairs = [(reader, source) for reader in readers for source in sources_for(reader)]
    if readers and readers[0].single_byte and cyrillic_as_latin1(line):
        pairs = [(reader, source) for reader, source in pairs if not reader.single_byte or source is UTF8]
    order = PRIORITY
    if readers and readers[0].single_byte and utf8_bytes(line):
        order = UTF8_FIRST + PRIORITY
    rank = {pair: index for index, pair in enumerate(order)}
    pairs.sort(key=lambda pair: rank.get((pair[0].name, pair[1].name), len(rank)))
    return pairs


def reading_candidates(line: str, reader: Reader, source: Source, start: int = 0, end: int | None = None,
                       following: int | None = 0x0A, decoders: dict[str, tuple[str, ...]] | None = None,
                       cache: dict | None = None) -> list[Candidate]:
    """The candidate repairs one reading finds in ``line[start:end]`` (a line
    of text without its line break; ``start`` and ``end`` at line ends or
    before ASCII below 40, which no encoding here has inside a character;
    ``decoders``: from ``decoders_used`` on the whole text; ``cache`` keeps
    the reader's runs and bytes between readings)."""
    end = len(line) if end is None else end
    key = (reader.name, start, end)
    if cache is None or key not in cache:
        encoded = []
        for at, run in _runs(line, reader, start, end):
            encoded.append((at, run, *reader.to_bytes(run)))
            if reader.singles and not reader.singles.keys().isdisjoint(run):  # both readings of €
                encoded.append((at, run, *reader.to_bytes(run, singles=True)))
        if cache is not None:
            cache[key] = encoded
    else:
        encoded = cache[key]
    found: list[Candidate] = []
    for at, run, data, offsets, hole_bytes in encoded:
        stop = at + len(run)
        after = following if stop == len(line) else ord(line[stop]) if stop == end and line[stop] < "\x80" else None
        placed = data
        if hole_bytes:
            buffer = bytearray(data)
            for hole in hole_bytes:
                buffer[hole] = source.placeholder
            placed = bytes(buffer)
        if reader.duplicates and offsets is not None:
            placed = _pick_duplicates(run, placed, offsets, reader, source, hole_bytes)
        used = decoders.get(reader.name) if decoders else None
        found.extend(atoms(line, at, run, reader, source, placed, offsets, hole_bytes, after, used))
    return found


def whole_line(line: str, following: int | None = 0x0A, decoders: dict[str, tuple[str, ...]] | None = None) -> Candidate | None:
    """UTF-8 read as GBK over a whole line, at C speed: the line's bytes as
    GBK are valid UTF-8 from end to end (with a placeholder for each lost
    byte).  No clean Chinese survives that test -- its GBK bytes are not
    UTF-8 for more than a character or two -- so the line is mojibake and
    ASCII throughout, and one candidate covers it.  None when the test fails
    (the reading-by-reading search decides)."""
    gbk = double_byte_readers()[0]
    if HOLE in line:
        parts = line.split(HOLE)
        try:
            encoded = [part.encode("gb18030") for part in parts]
        except UnicodeEncodeError:
            return None
        data = bytes((UTF8.placeholder,)).join(encoded)
    else:
        try:
            data = line.encode("gb18030")
        except UnicodeEncodeError:
            return None
        encoded = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text == line or not _FAST_PATH_CHARS.fullmatch(line):
        return None
    lost: list[holes.Lost] = []
    if encoded is not None:
        hole_bytes = list(itertools.accumulate(len(part) + 1 for part in encoded[:-1]))
        hole_bytes = [h - 1 for h in hole_bytes]
        text, lost = _open_holes(text, 0, hole_bytes, hole_bytes, gbk, UTF8, data, following, decoders.get("gbk") if decoders else None)
        text, lost = holes.settle(text, lost)
    return _candidate(line, 0, len(line), text, kind_name(UTF8, gbk), tuple(lost), UTF8.language)


# The fast path takes lines of GBK's repertoire only (ASCII, CJK, symbols; no
# private use, which GB18030 alone writes and the full search weighs).
_FAST_PATH_CHARS = re.compile("[\x00-\x7f\u00a0-\u04ff\u2000-\u9fff\uf900-\ufaff\ufe30-\uffef\ufffd]*")


def line_candidates(line: str, following: int | None = 0x0A, decoders: dict[str, tuple[str, ...]] | None = None) -> list[Candidate]:
    """Every candidate repair of ``line``, of every reading."""
    cache: dict = {}
    return [c for reader, source in reading_pairs(line) for c in reading_candidates(line, reader, source, 0, None, following, decoders, cache)]


def _source_starts(data: bytes, source: Source) -> list[int]:
    """Byte offsets where ``source`` starts a character (or refuses a byte)
    reading ``data`` from its start, plus the end."""
    starts = []
    position = 0
    widths = source.widths
    _errors.spans = []
    try:
        text = data.decode(source.codec, errors="normalize_zh.mojibake.split")
        spans = iter(_errors.spans)
    finally:
        _errors.spans = None
    error = next(spans, None)
    for char in text:
        while error is not None and error[0] <= position:
            starts.extend(range(error[0], error[1]))
            position = error[1]
            error = next(spans, None)
        starts.append(position)
        position += widths[char]
    while error is not None:
        starts.extend(range(error[0], error[1]))
        error = next(spans, None)
    starts.append(len(data))
    return sorted(set(starts))


@functools.lru_cache(maxsize=65536)
def _decodable(char: str, codec: str) -> bool:
    """Whether ``codec`` decodes some byte pair to ``char``."""
    try:
        return char.encode(codec).decode(codec) == char
    except UnicodeError:
        return False


def _pick_duplicates(run: str, data: bytes, offsets: list[int], reader: Reader, source: Source, hole_bytes: list[int]) -> bytes:
    """``data`` with each character the reader reads from several byte pairs
    given the pair that decodes best in ``source`` around it (GBK 证实 read as
    Big5 gives 卅, which Big5 has at A2CE and A4CA: only A4CA is 证's trail
    and 实's lead).  Errors next to a hole do not count: the placeholder
    there may stand for a lead or a trail byte."""
    if reader.duplicates.keys().isdisjoint(run):
        return data
    buffer = bytearray(data)
    near_holes = {h + d for h in hole_bytes for d in (-1, 0, 1)} if hole_bytes else set()
    # The text was read with one decoder: the first of the reader's that has
    # every character of the run (Big5-HKSCS only when the run shows its own
    # characters, ⻌; Big5 and cp950 put ロ at C7A7, HKSCS at C7E9).
    order = [codec for codec in reader.decoders if all(_decodable(char, codec) for char in set(run) if char >= "\x80" and char != HOLE)]
    order += [codec for codec in reader.decoders if codec not in order]
    starts: list[int] | None = None
    for index, char in enumerate(run):
        pairs = reader.duplicates.get(char)
        if not pairs:
            continue
        if starts is None:  # the source's own character boundaries, from the run's start
            starts = _source_starts(data, source)
        at = offsets[index]
        where = bisect.bisect_right(starts, at)
        low, high = starts[max(0, where - 5)], starts[min(len(starts) - 1, where + 4)]
        # (a hole's placeholder decodes to anything: the window stops short of it)
        where_hole = bisect.bisect_left(hole_bytes, at)
        if where_hole:
            low = max(low, hole_bytes[where_hole - 1] + 1)
        after_pair = bisect.bisect_left(hole_bytes, at + 2)
        if after_pair < len(hole_bytes):
            high = min(high, hole_bytes[after_pair])
        best = None
        first = max(0, index - 4)
        seen = run[first : min(len(run), index + 5)]
        for pair in pairs:
            buffer[at : at + 2] = pair
            # the pair must be one the wrong decoder would have read as the
            # text shows it, in context (a lead byte before it pairs with it)
            start, stop = offsets[first], offsets[min(len(run), index + 5)]
            written = bytearray(buffer[start:stop])
            for hole in hole_bytes:
                if start <= hole < stop:
                    written[hole - start] = 0xFF  # refused by every decoder, as the lost byte was
            consistent = next((rank for rank, codec in enumerate(order) if bytes(written).decode(codec, errors="replace") == seen), len(order))
            window = bytes(buffer[low:high])
            _errors.spans = []
            try:
                decoded = window.decode(source.codec, errors="normalize_zh.mojibake.split")
                errors = sum(1 for start, _ in _errors.spans if low + start not in near_holes)
            finally:
                _errors.spans = None
            rank = (consistent, errors, badness(decoded))
            if best is None or rank < best[0]:
                best = (rank, pair)
        assert best is not None
        buffer[at : at + 2] = best[1]
    return bytes(buffer)


# -- ftfy's repairs, as candidates -------------------------------------------------

# What ftfy's mojibake is made of (Latin-1 and Windows code page letters and
# symbols, C1 controls, box drawing, MacRoman's math symbols), minus what
# Chinese text itself uses: a segment without any has nothing for ftfy.
FTFY_SUSPECTS = re.compile(
    "[\x80-\xb6\xb8-\xd6\xd8-\xf6\xf8-\u024f\u0370-\u04ff\u2020-\u2022\u2030-\u20ac\u2122\u2200-\u22ff"
    "\u2500-\u257f\u25ca\u2039\u203a\u2044\uf8ff\ufb01\ufb02\ufffd]"
)
# ftfy is asked about stretches without Han, kana, Hangul or CJK punctuation
# (no mojibake ftfy knows contains them).
_NOT_CJK = re.compile("[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+")


def ftfy_candidates(line: str) -> list[Candidate]:
    """ftfy's repairs of ``line`` (UTF-8 read as Latin-1, cp1252, MacRoman,
    cp437, ...; double encodings), one candidate per stretch it changed."""
    if not FTFY_SUSPECTS.search(line):
        return []
    import ftfy  # imported lazily: most text never needs it

    found = []
    for match in _NOT_CJK.finditer(line):
        segment = match.group()
        if not FTFY_SUSPECTS.search(segment):
            continue
        fixed, plan = ftfy.fix_encoding_and_explain(segment)
        if fixed == segment:
            continue
        head = 0
        while head < min(len(segment), len(fixed)) and segment[head] == fixed[head]:
            head += 1
        tail = 0
        while tail < min(len(segment), len(fixed)) - head and segment[-1 - tail] == fixed[-1 - tail]:
            tail += 1
        start, end = match.start() + head, match.end() - tail
        found.append(_candidate(line, start, end, fixed[head : len(fixed) - tail], _ftfy_kind(plan)))
    return found


def _ftfy_kind(plan) -> str:
    steps = [step for step in plan or [] if step[0] in ("encode", "decode")]
    encodings = [name for action, name in steps if action == "encode"]
    if encodings:
        name = encodings[0].replace("sloppy-windows-", "cp").replace("latin-1", "latin1")
        return f"utf8-as-{name} (ftfy)"
    return "ftfy"
