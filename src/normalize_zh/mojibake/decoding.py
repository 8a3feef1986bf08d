"""Decoding a run's bytes in a source: the stretches that decode, the byte
pairs a reader's decoders share, UTF-8's shapes.

What the detectors build their atoms from (``detectors``); nothing here judges.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import re
import threading
from collections.abc import Iterator

from ..chars import is_han
from ..score import CJK_PUNCTUATION, badness, char_cost
from . import chars
from .readings import HOLE, UTF8, Reader, Source

HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH = bytes(range(0x80, 0x100))


def high_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are 80..FF (counted at C speed)."""
    return len(data) - len(data.translate(None, _HIGH))

UTF8_CHAR = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
# stretches of valid UTF-8 that begin with a multi-byte character (and take
# the ASCII after the last: a wrong decoder may have swallowed its first byte)
UTF8_STRETCH = re.compile(UTF8_CHAR + rb"(?:[\x00-\x7f]*" + UTF8_CHAR + rb")*[\x00-\x7f]*")
# a UTF-8 character cut short: a lead byte and fewer continuation bytes than it needs
UTF8_CUT = re.compile(rb"[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2}")


class _Errors(threading.local):
    spans: list[tuple[int, int]] | None = None


ERRORS = _Errors()


def _record(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError) or ERRORS.spans is None:
        raise error
    ERRORS.spans.append((error.start, error.end))
    return "", error.end


codecs.register_error("normalize_zh.mojibake.split", _record)


_ESCAPED_RUN = re.compile("[^\udc80-\udcff]+")
# A double-byte reading that refuses more than this share of a run's bytes
# explains none of it (clean text read with the wrong codec).
MAX_REFUSED = 0.5


def stretches(data: bytes, source: Source) -> Iterator[tuple[int, int, str]]:
    """(start, end, text): maximal byte ranges of ``data`` that decode in
    ``source`` and hold a multi-byte character, with their text."""
    if source is UTF8:
        for match in UTF8_STRETCH.finditer(data):
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


# UTF-8 characters of three or four bytes: GBK and Big5 text forms them by
# chance about once in seventy characters (two-byte ones, Greek and Cyrillic
# letters, far more often: ÏµÍ³ is GBK 系统 and UTF-8 ϵͳ alike).
UTF8_LONG = re.compile(rb"(?:\xe0[\xa0-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]|\xed[\x80-\x9f])[\x80-\xbf]|(?:\xf0[\x90-\xbf]|[\xf1-\xf3][\x80-\xbf]|\xf4[\x80-\x8f])[\x80-\xbf]{2}")


def common_chinese(char: str) -> bool:
    return (is_han(char) and char_cost(char) < chars.RARE_COST) or char in CJK_PUNCTUATION


def mostly_utf8(data: bytes) -> bool:
    """Whether at least half of the high bytes of ``data`` form UTF-8
    characters of three or four bytes that are common Chinese (主, not the
    Hangul 롣 that GBK 入。 read as Latin-1 holds: ë¡£)."""
    high = high_bytes(data)
    if not high:
        return False
    common = sum(len(m) for m in UTF8_LONG.findall(data) if common_chinese(m.decode("utf-8")))
    return 2 * common >= high


def _source_starts(data: bytes, source: Source) -> list[int]:
    """Byte offsets where ``source`` starts a character (or refuses a byte)
    reading ``data`` from its start, plus the end."""
    starts = []
    position = 0
    widths = source.widths
    ERRORS.spans = []
    try:
        text = data.decode(source.codec, errors="normalize_zh.mojibake.split")
        spans = iter(ERRORS.spans)
    finally:
        ERRORS.spans = None
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


def pick_byte_pairs(run: str, data: bytes, offsets: list[int], reader: Reader, source: Source, hole_bytes: list[int], *, memo: bool = True) -> bytes:
    """``data`` with each character the reader reads from several byte pairs
    given the pair that decodes best in ``source`` around it (GBK 证实 read as
    Big5 gives 卅, which Big5 has at A2CE and A4CA: only A4CA is 证's trail
    and 实's lead).  Errors next to a hole do not count: the placeholder
    there may stand for a lead or a trail byte.  A choice is made once per
    distinct context (``memo=False``: for every character, as a reference)."""
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
    chosen: dict[tuple, bytes] = {}
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
        start, stop = offsets[first], offsets[min(len(run), index + 5)]
        # The choice depends on nothing but what the two windows hold and
        # where the pair and the holes sit in them: a run that repeats
        # itself (あああ…) is decided once per distinct context.
        context = (seen, index - first, bytes(buffer[start:stop]), at - start, bytes(buffer[low:high]), at - low)
        if hole_bytes:
            context += (tuple(h - start for h in hole_bytes if start <= h < stop), tuple(h - low for h in near_holes if low <= h < high))
        known = chosen.get(context) if memo else None
        if known is not None:
            buffer[at : at + 2] = known
            continue
        for pair in pairs:
            buffer[at : at + 2] = pair
            # the pair must be one the wrong decoder would have read as the
            # text shows it, in context (a lead byte before it pairs with it)
            written = bytearray(buffer[start:stop])
            for hole in hole_bytes:
                if start <= hole < stop:
                    written[hole - start] = 0xFF  # refused by every decoder, as the lost byte was
            consistent = next((rank for rank, codec in enumerate(order) if bytes(written).decode(codec, errors="replace") == seen), len(order))
            window = bytes(buffer[low:high])
            ERRORS.spans = []
            try:
                decoded = window.decode(source.codec, errors="normalize_zh.mojibake.split")
                errors = sum(1 for start, _ in ERRORS.spans if low + start not in near_holes)
            finally:
                ERRORS.spans = None
            rank = (consistent, errors, badness(decoded))
            if best is None or rank < best[0]:
                best = (rank, pair)
        assert best is not None
        buffer[at : at + 2] = best[1]
        chosen[context] = best[1]
    return bytes(buffer)




# any UTF-8 character of two to four bytes
UTF8_SEQUENCE = re.compile(UTF8_CHAR)
