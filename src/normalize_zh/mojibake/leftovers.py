"""What a repair left: the same damage beside it, too broken to read back.

Lossy mojibake loses bytes where it was damaged, and the characters around a
lost byte no longer decode: in ``璇峰湪椤圭洰鏍圭洰褰曚腑杩愯鑴氭湰`` (UTF-8
read as GBK, one byte of 行 dropped) the repair gives ``请在项目根目录中``
and ``脚本``, and ``杩愯`` between them stays.  Its GBK bytes, ``e8 bf 90
e8``, are UTF-8 运 and a character cut short: the same damage as its
neighbours, with a byte gone.  Such a stretch is not repaired (what it was is
not determined: ``涓浗`` reads as 丛 where 中国 was written) but flagged,
so that no wrong character goes out unmarked.

Only a line the same reading repaired is searched (``left_beside``): alone,
two characters that happen to be the bytes of one Chinese character in
another encoding are no evidence of damage (clean text of rare characters
does that by chance), beside a proven repair of that reading they are.
Alone, only what clean text is never made of is flagged: a short stretch of
rare characters that are nothing but pieces of UTF-8 Chinese (``alone``), and
two Latin-1 letters that are a token of their own and GBK for one common
character (``possible``: ``$D$Ìì;``, 天).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from ..edits import Edit, Flag, flagged_positions
from .chars import all_rare_han
from .decoding import UTF8_LONG, common_chinese, mostly_utf8, stretches
from .detectors import Candidate
from .readings import SINGLE_BYTE_READERS, Reader, Source, double_byte_readers, kind_name, sources_for

# Pieces of UTF-8 characters of CJK punctuation, Han or full-width forms:
# lead bytes E3..E9 or EF, each with at most two continuation bytes, after at
# most two continuation bytes whose lead went (鏈銆 is E6 9C, E3 80: 果 and 。
# each lost a byte).
_CJK_PIECES = re.compile(rb"[\x80-\xbf]{0,2}(?:[\xe3-\xe9\xef][\x80-\xbf]{0,2})+")
_TAIL = re.compile(rb"[\x80-\xbf]{1,2}")
_TRAIL = b"\xa1"  # a trail byte of every double-byte source
_HIGH = re.compile(rb"[\x80-\xff]")
_NON_ASCII = re.compile("[^\x00-\x7f]+")


@functools.cache
def _readings() -> dict[str, tuple[Source, Reader]]:
    """Every reading by its kind name (``utf8-as-gbk``); ftfy's are none of them."""
    return {
        kind_name(source, reader): (source, reader)
        for reader in (*SINGLE_BYTE_READERS, *double_byte_readers())
        for source in sources_for(reader)
    }


def _bytes(stretch: str, reader: Reader) -> bytes | None:
    """The bytes ``reader`` read ``stretch`` from; None if it is no text of that reader."""
    if any(char not in reader.repertoire for char in stretch):
        return None
    return reader.to_bytes(stretch)[0]


def same_damage(stretch: str, source: Source, reader: Reader, touching: bool = False) -> bool:
    """Whether ``stretch`` is ``source`` read by ``reader`` with bytes lost:
    its bytes do not decode in ``source``, but they are all pieces of
    Chinese characters of it (UTF-8) or at least half of them form common
    Chinese characters, or (``touching``: the stretch touches a repair) it
    is the tail of a UTF-8 character or one double-byte character cut
    short."""
    data = _bytes(stretch, reader)
    if data is None or source.decode(data) is not None:
        return False  # (one that reads back whole is the arbiter's to judge, and it refused)
    if source.name == "utf8":
        if touching and _TAIL.fullmatch(data):
            return True  # (the tail of a character whose lead byte went: 5勾 is 5 and B9 B4 of 年)
        return _CJK_PIECES.fullmatch(data) is not None or mostly_utf8(data)
    if touching and len(data) == 1:  # a lead byte whose trail byte went (¤ of ¤j¤ ½X, 大五碼 in Big5)
        decoded = source.decode(data + _TRAIL)
        return decoded is not None and len(decoded) == 1
    high = len(_HIGH.findall(data))
    explained = sum(end - start for start, end, text in stretches(data, source) if not text.isascii())
    return high > 0 and 2 * explained >= high


def uncovered(start: int, end: int, covered: list[tuple[int, int]], index: int) -> tuple[list[tuple[int, int]], int]:
    """The stretches of [start, end) outside every span of ``covered`` (sorted,
    not overlapping), looked up from ``index`` on; and the index to go on from
    for a later stretch (one sweep over a line: no span is passed twice)."""
    while index < len(covered) and covered[index][1] <= start:
        index += 1
    pieces = []
    scan = index
    while scan < len(covered) and covered[scan][0] < end:
        left, right = covered[scan]
        if left > start:
            pieces.append((start, left))
        start = max(start, right)
        scan += 1
    if start < end:
        pieces.append((start, end))
    return pieces, index


def left_beside(line: str, chosen: Iterable[Candidate], proven: Iterable[str] = ()) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind): the stretches of non-ASCII characters of ``line``
    that no candidate of ``chosen`` covers and that are the damage of a
    reading one of them repaired, or of one the text's repairs ``proven``
    (``repair.repair_pass``: a text is decoded with one codec), bytes lost
    (``same_damage``)."""
    chosen = list(chosen)
    known = _readings()
    readings = {kind: known[kind] for kind in dict.fromkeys([*(c.kind for c in chosen), *sorted(proven)]) if kind in known}
    if not readings:
        return
    covered = sorted((c.start, c.end) for c in chosen)  # (chosen candidates never overlap)
    edges = {edge for span in covered for edge in span}
    index = 0
    pending: tuple[int, int, str] | None = None
    for match in _NON_ASCII.finditer(line):
        pieces, index = uncovered(match.start(), match.end(), covered, index)
        for start, end in pieces:
            piece = line[start:end]
            touching = start in edges or end in edges
            kind = next((k for k, (source, reader) in readings.items() if same_damage(piece, source, reader, touching)), None)
            if kind is None:
                continue
            if pending is not None and pending[2] == kind and line[pending[1] : start] == "?":
                # the "?" a Windows conversion wrote for a byte it could not map,
                # between two stretches of one damage (妫?煡 for 检查): one stretch
                pending = (pending[0], end, kind)
                continue
            if pending is not None:
                yield pending
            pending = (start, end, kind)
    if pending is not None:
        yield pending


# A short stretch alone (ASCII or a line end on both sides: a cell, a name, a
# word in code) of this many characters, each rare, is read on its own.
ALONE_MIN, ALONE_MAX = 2, 8
_ALONE = re.compile(f"(?<![^\\x00-\\x7f])[^\\x00-\\x7f]{{{ALONE_MIN},{ALONE_MAX}}}(?![^\\x00-\\x7f])")
# UTF-8 pieces in any order: characters cut short and tails whose lead went
_ANY_PIECES = re.compile(rb"(?:[\xe3-\xe9\xef][\x80-\xbf]{0,2}|[\x80-\xbf]{1,2})+")


def alone(text: str, flags: Iterable[Flag] = ()) -> Iterator[Flag]:
    """Flags for short stretches that no repair touched and that are UTF-8
    read as GBK with bytes lost, alone: every character rare, their GBK bytes
    nothing but pieces of UTF-8 Chinese characters, one of them whole and
    common (``鏍囬`` is E6 A0 87 E9: 标 and the lead of 题).  Clean text of rare
    characters is no such thing by chance: not one stretch of the 1,453 files
    of the clean beds is."""
    source, gbk = _readings()["utf8-as-gbk"]
    taken = flagged_positions(len(text), flags)
    for match in _ALONE.finditer(text):
        stretch = match.group()
        if not all_rare_han(stretch):
            continue
        if any(taken[match.start() : match.end()]):
            continue
        data = _bytes(stretch, gbk)
        if data is None or source.decode(data) is not None or not _ANY_PIECES.fullmatch(data):
            continue
        if any(common_chinese(whole.decode("utf-8")) for whole in UTF8_LONG.findall(data)):
            yield Flag("mojibake-left", match.start(), match.end(), stretch,
                       "utf8-as-gbk with bytes lost, alone: it does not read back and is left as it is")


# Two Latin-1 letters that are a token of their own (no letter, digit or
# other Latin-1 character on either side): in European text a word of two
# accented letters and nothing else is next to unheard of; GBK read as
# Latin-1 writes every Chinese character so (Ìì is 天).
_LATIN1_PAIR = re.compile(r"(?<![A-Za-z0-9\x80-\u024f])[\xc0-\xff]{2}(?![A-Za-z0-9\x80-\u024f])")


def possible(text: str) -> Iterator[Flag]:
    """Flags for one Chinese character of GBK read as Latin-1, alone between
    ASCII (``$D$Ìì;``): too little to repair on (one character proves no
    reading), too likely to pass unmarked; the flag names the character."""
    for match in _LATIN1_PAIR.finditer(text):
        try:
            char = match.group().encode("latin-1").decode("gbk")
        except UnicodeDecodeError:
            continue
        if len(char) == 1 and common_chinese(char):
            yield Flag("mojibake-possible", match.start(), match.end(), match.group(),
                       f"gbk-as-latin1 of one character alone, left as it is: it may be {char}", (char,))


# GBK read as UTF-8 keeps, of the bytes a UTF-8 decoder cannot read, the GBK
# characters that happen to be a two-byte UTF-8 character (lead C2..DF,
# trail 80..BF: 平 is C6 BD, ƽ).  After ASCII or a line start the decoder is
# in step with the GBK text (no GBK byte of a character is ASCII but a
# trail, and a trail ends its character), so such survivors right there,
# with a U+FFFD close behind to show the damage, are whole GBK characters;
# after a U+FFFD the decoder may have resumed on a trail byte, and what
# follows is not read.  Only survivors no real text is written in are read:
# U+0180..U+037F (leads C6..CD: Latin Extended-B, IPA, modifier letters,
# combining marks), never after an ASCII letter or digit.  Latin-1, Latin
# Extended-A, Greek, Cyrillic and the rest are letters of words (Größe,
# привет), and a lossy text in them keeps U+FFFD beside its words too.
RUN_GAP = 3  # characters at most between two U+FFFD of one damaged run
SURVIVORS = re.compile(
    f"(?:(?<=[\\x00-\\x7f])(?<![A-Za-z0-9])|^)[\\u0180-\\u037f]+(?=[^\\n]{{0,{RUN_GAP}}}\\ufffd)", re.MULTILINE
)


def survivors(text: str) -> Iterator[Edit]:
    """Edits reading back the survivors of GBK read as UTF-8 that stand in
    step (``SURVIVORS``), when each is one common Chinese character in GBK
    and the same bytes are none in Big5, whose text read as UTF-8 keeps
    survivors too (``ƽ���ƶ�ͼ``: ƽ is 平; ƶ and ͼ follow U+FFFD and stay)."""
    if "\ufffd" not in text:
        return
    for match in SURVIVORS.finditer(text):
        data = match.group().encode("utf-8")
        if _common_in(data, "gbk") and not _common_in(data, "cp950"):
            yield Edit(match.start(), match.end(), data.decode("gbk"), "gbk-as-utf8 (survivors)")


def _common_in(data: bytes, codec: str) -> bool:
    """Whether ``data`` is, in ``codec``, two-byte characters all common Chinese."""
    try:
        read = data.decode(codec)
    except UnicodeDecodeError:
        return False
    return 2 * len(read) == len(data) and all(common_chinese(char) for char in read)
