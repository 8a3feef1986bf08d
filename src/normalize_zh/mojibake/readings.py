"""Wrong readings: the bytes of one encoding decoded with the decoder of another.

A *reading* pairs a ``Source`` (the encoding the bytes really were in) with a
``Reader`` (the decoder that misread them).  Repairing a span of text is then
mechanical: the reader's codec turns the damaged characters back into the
bytes it was given, and the source's codec decodes them as they were meant::

    浣犲ソ  --gb18030-->  e4 bd a0 e5 a5 bd  --utf-8-->  你好      (utf8-as-gbk)
    ÄãºÃ    --latin-1-->  c4 e3 ba c3        --gbk-->    你好      (gbk-as-latin1)

Every reader is ASCII-compatible, so ASCII around a damaged span encodes to
itself: the same damaged span gives the same bytes in any context.

Where the wrong decoder could not decode a byte it wrote U+FFFD, and the byte
is lost.  Python's decoders replace one byte per U+FFFD and resume at the next
byte, so each U+FFFD stands for one lost byte; ``Reader.lost_values`` says
which byte values the decoder would have refused in that place.

Single-byte readers are *sloppy*, as browsers and ftfy's ``sloppy-windows-*``
codecs are: a byte the code page leaves undefined decodes to the C1 control of
the same value, so ``\\x81`` in a cp1252 reading is the byte 81.
"""

from __future__ import annotations

import array
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

HOLE = "\ufffd"
MARK = 0x1A  # the byte a hole is written as before a source puts its placeholder there


def char_class(chars: set[str] | frozenset[str]) -> str:
    """A regex character class (without brackets) matching exactly ``chars``."""
    ranges: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


class _Widths(dict):
    """Bytes per character in one codec, computed on first sight."""

    def __init__(self, codec: str, fallbacks: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.codecs = (codec, *fallbacks)
        self[HOLE] = 1

    def __missing__(self, char: str) -> int:
        width = 0
        for codec in self.codecs:
            try:
                width = len(char.encode(codec))
                break
            except UnicodeEncodeError:
                continue
        self[char] = width
        return width


# -- sources: what the bytes really were --------------------------------------


@dataclass(frozen=True)
class Source:
    """An encoding the bytes were really in."""

    name: str  # as in kind names: "utf8", "gbk", "big5", "sjis"
    codec: str  # the Python codec that decodes it (the widest of its family)
    placeholder: int  # written where a byte was lost, so that the rest decodes in step
    widths: _Widths = field(compare=False, repr=False)
    # what the text it decodes to is made of, for the judge: "zh" or "ja"
    language: str = "zh"

    def decode(self, data: bytes) -> str | None:
        try:
            return data.decode(self.codec)
        except UnicodeDecodeError:
            return None


def _source(name: str, codec: str, placeholder: int, language: str = "zh") -> Source:
    return Source(name, codec, placeholder, _Widths(codec), language)


# UTF-8 loses continuation bytes (80..BF) to a double-byte decoder that read
# them as a lead byte before ASCII; the double-byte encodings lose lead bytes
# (a wrong decoder refuses the pair and resumes at the trail byte).  Each
# placeholder is a lead byte that pairs with every trail byte of its codec.
UTF8 = _source("utf8", "utf-8", 0x80)
GBK = _source("gbk", "gb18030", 0x81)
BIG5 = _source("big5", "cp950", 0xA4)
SJIS = _source("sjis", "cp932", 0x89, language="ja")
SOURCES = (UTF8, GBK, BIG5, SJIS)


# -- readers: the decoder that misread them ---------------------------------------


@dataclass(frozen=True)
class Reader:
    """A decoder that misread bytes, and the means to get its input back."""

    name: str  # as in kind names: "latin1", "cp1252", "gbk", ...
    single_byte: bool
    # the characters this decoder can produce (besides ASCII and U+FFFD)
    repertoire: frozenset[str] = field(compare=False, repr=False)
    # single-byte: str.translate table to Latin-1 code points; double-byte: codecs to encode with
    table: dict[int, str] | None = field(compare=False, repr=False, default=None)
    codecs: tuple[str, ...] = field(compare=False, default=())
    # the codecs whose decoders may have written the U+FFFD holes
    decoders: tuple[str, ...] = field(compare=False, default=())
    undefined: frozenset[int] = field(compare=False, default=frozenset())
    widths: _Widths | None = field(compare=False, repr=False, default=None)
    # characters its decoders read from more than one byte pair (Big5 has 卅 at
    # A2CE and A4CA): encoding them back may give the other pair
    duplicates: dict[str, tuple[bytes, ...]] = field(compare=False, repr=False, default_factory=dict)
    # characters one of its decoders reads from a single byte the codec it
    # encodes with puts elsewhere (Windows cp936 has € at 80, GB18030 at A2E3)
    singles: dict[str, bytes] = field(compare=False, repr=False, default_factory=dict)

    @functools.cached_property
    def run(self) -> re.Pattern[str]:
        """Maximal runs of text this reader can have written: its characters,
        ASCII and U+FFFD."""
        return re.compile("[\\x00-\\x7f\ufffd" + char_class(self.repertoire) + "]+")

    def to_bytes(self, text: str, singles: bool = False) -> tuple[bytes, Sequence[int] | None, list[int]]:
        """The bytes ``text`` (one run) was decoded from: (bytes, the byte offset
        of each character plus the end -- None for a single-byte reader, whose
        offsets are the character offsets -- and the byte offsets of holes,
        written as ``MARK``).  ``singles``: with the reader's ``singles``
        (cp936's € at 80) in place of its codec's bytes for them."""
        holes = [match.start() for match in _HOLES.finditer(text)] if HOLE in text else []
        if self.single_byte:
            assert self.table is not None
            return text.translate(self.table).encode("latin-1"), None, holes
        assert self.widths is not None
        if singles:
            widths = {char: len(code) for char, code in self.singles.items()}
            offsets = array.array("q", itertools.accumulate((widths.get(char) or self.widths[char] for char in text), initial=0))
            marked = {HOLE: bytes((MARK,)), **self.singles}
            data = b"".join(marked.get(char) or _encode_char(char, self.codecs) for char in text)
            return data, offsets, [offsets[index] for index in holes]
        # (an array: a long line's runs, kept for every reader while the line is read, hold
        # one offset a character; in a list each would be an int object of its own)
        offsets = array.array("q", itertools.accumulate(map(self.widths.__getitem__, text), initial=0))
        if holes:
            data = bytes((MARK,)).join(_encode(part, self.codecs) for part in text.split(HOLE))
            holes = [offsets[index] for index in holes]
        else:
            data = _encode(text, self.codecs)
        return data, offsets, holes

    @functools.lru_cache(maxsize=2048)
    def lost_values(self, following: int | None, decoders: tuple[str, ...] | None = None) -> tuple[int, ...]:
        """Byte values this reader writes as U+FFFD (one byte each) when
        ``following`` comes next (``None``: at the end of its input, where
        any byte that starts a longer character is lost).  ``decoders``: the
        ones known to have been used, of this reader's (default: any)."""
        if self.single_byte:
            return tuple(sorted(self.undefined))
        lost = []
        for byte in range(0x80, 0x100):
            trial = bytes((byte,)) if following is None else bytes((byte, following))
            if any(_fails_at_start(trial, codec) for codec in decoders or self.decoders):
                lost.append(byte)
        return tuple(lost)


_HOLES = re.compile(HOLE)


def _fails_at_start(data: bytes, codec: str) -> bool:
    """Whether decoding ``data`` with ``codec`` refuses its first byte."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return error.start == 0
    return False


def _encode(text: str, codecs: tuple[str, ...]) -> bytes:
    try:
        return text.encode(codecs[0])
    except UnicodeEncodeError:
        if len(codecs) == 1:
            raise
    return b"".join(_encode_char(char, codecs) for char in text)


@functools.lru_cache(maxsize=4096)
def _encode_char(char: str, codecs: tuple[str, ...]) -> bytes:
    for codec in codecs:
        try:
            return char.encode(codec)
        except UnicodeEncodeError:
            continue
    raise UnicodeEncodeError(codecs[0], char, 0, 1, "not in this reader's repertoire")


def _single_byte(name: str, codec: str) -> Reader:
    table: dict[int, str] = {}
    undefined = set()
    for byte in range(0x80, 0x100):
        try:
            char = bytes((byte,)).decode(codec)
        except UnicodeDecodeError:
            char = chr(byte)  # sloppy: the C1 control of the same value
            undefined.add(byte)
        table[ord(char)] = chr(byte)
    # Latin-1 characters this code page lacks must not pass through as bytes
    for code in range(0x80, 0x100):
        table.setdefault(code, "\u0100")
    table[ord(HOLE)] = chr(MARK)
    repertoire = frozenset(chr(code) for code, target in table.items() if target != "\u0100" and code != ord(HOLE))
    return Reader(name, True, repertoire, table=table, undefined=frozenset(undefined))


_LEADS = range(0x81, 0x100)
_TRAILS = range(0x40, 0x100)


def pair_chars(codec: str) -> Iterator[tuple[bytes, str]]:
    """(pair, character): each byte pair from 81 40 to FF FF that ``codec``
    decodes, alone, to one character.  A lead byte's pairs are decoded in
    one call, NUL between them (no trail byte; each pair is read afresh),
    and one at a time where the pieces do not come out one a pair."""
    for lead in _LEADS:
        pairs = [bytes((lead, trail)) for trail in _TRAILS]
        pieces = b"\0".join(pairs).decode(codec, errors="replace").split("\0")
        if len(pieces) != len(pairs):
            pieces = [pair.decode(codec, errors="replace") for pair in pairs]
        for pair, piece in zip(pairs, pieces):
            if len(piece) == 1 and piece != "\ufffd":  # (no codec here decodes a pair to U+FFFD)
                yield pair, piece


def _double_byte(name: str, codecs: tuple[str, ...], decoders: tuple[str, ...], singles: range = range(0)) -> Reader:
    pairs: dict[str, set[bytes]] = {}
    for codec in decoders:
        for pair, char in pair_chars(codec):
            pairs.setdefault(char, set()).add(pair)
    repertoire = set(pairs)
    for codec in decoders:
        for byte in singles:
            try:
                repertoire.add(bytes((byte,)).decode(codec))
            except UnicodeDecodeError:
                continue
    repertoire -= {chr(code) for code in range(0x80)}
    duplicates = {char: tuple(sorted(found)) for char, found in pairs.items() if len(found) > 1}
    return Reader(name, False, frozenset(repertoire), codecs=codecs, decoders=decoders,
                  widths=_Widths(*codecs[:1], codecs[1:]), duplicates=duplicates)


LATIN1 = _single_byte("latin1", "latin-1")
CP1252 = _single_byte("cp1252", "cp1252")
CP1250 = _single_byte("cp1250", "cp1250")
CP1251 = _single_byte("cp1251", "cp1251")
CP1254 = _single_byte("cp1254", "cp1254")
MACROMAN = _single_byte("macroman", "mac-roman")  # old Mac OS: ÷–Œƒ for GBK 中文
CP866 = _single_byte("cp866", "cp866")  # DOS Cyrillic: ╓╨╬─ for GBK 中文
SINGLE_BYTE_READERS = (LATIN1, CP1252, CP1250, CP1251, CP1254, MACROMAN, CP866)


@functools.cache
def double_byte_readers() -> tuple[Reader, ...]:
    """GBK (GB18030), Big5 (cp950) and Shift-JIS (cp932) as wrong decoders
    (built on first use: each enumerates its codec's byte pairs)."""
    gbk = _double_byte("gbk", ("gb18030",), ("gbk", "gb18030"))
    # Windows' GBK (cp936) reads byte 80 as €, which Python's GBK refuses:
    # 寮€ is UTF-8 开 (E5 BC 80) read by Windows
    gbk.singles["€"] = b"\x80"
    big5 = _double_byte("big5", ("cp950", "big5hkscs"), ("big5", "cp950", "big5hkscs"))
    sjis = _double_byte("sjis", ("cp932", "shift_jis"), ("shift_jis", "cp932"), singles=range(0x80, 0x100))
    return gbk, big5, sjis


def reader_named(name: str) -> Reader:
    for reader in (*SINGLE_BYTE_READERS, *double_byte_readers()):
        if reader.name == name:
            return reader
    raise KeyError(name)


# A reader's own family is never a wrong reading of itself (GBK read as GBK).
_FAMILY = {"gbk": "gbk", "big5": "big5", "sjis": "sjis"}


def sources_for(reader: Reader) -> tuple[Source, ...]:
    """The sources whose bytes ``reader`` may have misread."""
    return tuple(source for source in SOURCES if _FAMILY.get(reader.name) != source.name)


def kind_name(source: Source, reader: Reader) -> str:
    """``utf8-as-gbk``, ``gbk-as-latin1``, ... (the reason of a repair)."""
    return f"{source.name}-as-{reader.name}"


Encoder = Callable[[str], bytes]
