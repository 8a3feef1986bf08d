"""A text file's bytes and the conventions they carry, for a faithful round trip.

The pipeline works on ``str`` with ``\\n`` line breaks (its hygiene step turns
CR LF into LF).  A file rewritten by the command line must still look like
its owner's file: the same encoding (a ``# -*- coding: gbk -*-`` script stays
GBK), the UTF-8 BOM if it had one, CR LF where it had CR LF (line by line in a
file of mixed endings, as long as the number of lines did not change), and its
final newline or the lack of one.  So::

    bytes ─read_text─▶ TextFile(text, lf_text, conventions)
          lf_text ─pipeline─▶ out ─restore─▶ text in the file's conventions ─encode─▶ bytes

Files this module will not read as text raise ``NotText``: binary files (git's
rule: a NUL byte in the first 8000 bytes, unless a byte-order mark or the
decoder finds UTF-16/32 there) and bytes that no candidate encoding decodes
without replacement characters (they are reported and left as they are:
rewriting them would turn the lost bytes into U+FFFD for good).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass

from .decode import BOMS, MIXED, detect

# git's buffer_is_binary() looks for a NUL in the first 8000 bytes (xdiff-interface.c, FIRST_FEW_BYTES)
BINARY_SNIFF_BYTES = 8000
LINE_ENDING = re.compile("\r\n|\r|\n")


class NotText(Exception):
    """Bytes this module will not rewrite; ``reason`` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class CannotEncode(Exception):
    """The new text has a character the file's encoding cannot hold."""

    def __init__(self, codec: str, character: str, line: int, column: int) -> None:
        super().__init__(f"cannot write {character!r} (line {line}, column {column}) in {codec}")
        self.codec = codec


@dataclass(frozen=True)
class Conventions:
    """How a file wrote its text: what ``restore`` and ``encode`` put back."""

    #: the encoding detected (``decode.detect``'s name: "gbk", "utf-8-sig", ...)
    encoding: str
    #: the codec the text after the BOM is encoded with ("ascii" reads as "utf-8")
    codec: str
    #: the byte-order mark the file started with (b"" for none)
    bom: bytes
    #: "\n", "\r\n" or "\r" when every line ended so; None when they were mixed
    uniform_ending: str | None
    #: with mixed endings: each line's ending in order
    endings: tuple[str, ...]
    #: the ending most lines had (used where the number of lines changed)
    dominant_ending: str
    #: whether the last line ended with a line break
    final_newline: bool


@dataclass(frozen=True)
class TextFile:
    """A file read as text."""

    #: the text as in the file (its own line endings; without the BOM)
    text: str
    #: the same with every line ending as "\n": what the pipeline gets
    lf_text: str
    conventions: Conventions


def looks_binary(data: bytes) -> bool:
    """git's rule, a NUL byte, unless the text is UTF-16/32 (whose ASCII
    characters have NUL halves).  git looks at the first 8000 bytes only, for
    speed; a NUL is looked for in the whole file here (``bytes.find`` is
    cheap), so a document with a long text header and binary data after it
    (a PDF) is not taken for text.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), looks_binary("中文".encode("utf-16"))
    (True, False)
    """
    if b"\x00" not in data:
        return False
    head = data[:BINARY_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, codec, _ in BOMS if codec.startswith(("utf-16", "utf-32"))):
        return False
    return not detect(head[: len(head) - len(head) % 4]).encoding.startswith(("utf-16", "utf-32"))


def read_text(data: bytes) -> TextFile:
    """Decode ``data`` and note its conventions; ``NotText`` for binary or undecodable bytes.

    >>> f = read_text(b"a\\r\\nb\\r\\n")
    >>> f.lf_text, f.conventions.uniform_ending, f.conventions.final_newline
    ('a\\nb\\n', '\\r\\n', True)
    """
    if looks_binary(data):
        raise NotText("binary file")
    decoded = detect(data)
    if MIXED in decoded.encoding:
        raise NotText(f"lines in two encodings ({decoded.encoding}): no one encoding writes it back")
    if decoded.lost:
        start, end = decoded.lost[0]
        more = f" and {len(decoded.lost) - 1} more span(s)" if len(decoded.lost) > 1 else ""
        raise NotText(f"bytes {start}-{end}{more} are not valid in any candidate encoding (best: {decoded.encoding})")
    bom = b""
    codec = "utf-8" if decoded.encoding == "ascii" else decoded.encoding
    for mark, body_codec, name in BOMS:
        if name == decoded.encoding and data.startswith(mark):
            bom, codec = mark, body_codec
            break
    text = decoded.text
    return TextFile(text, to_lf(text), conventions_of(text, decoded.encoding, codec, bom))


def to_lf(text: str) -> str:
    """Every line ending (CR LF, lone CR) as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def conventions_of(text: str, encoding: str, codec: str, bom: bytes) -> Conventions:
    final_newline = text.endswith(("\n", "\r"))
    if "\r" not in text:
        return Conventions(encoding, codec, bom, "\n", (), "\n", final_newline)
    crlf = text.count("\r\n")
    if crlf == text.count("\r") == text.count("\n"):
        return Conventions(encoding, codec, bom, "\r\n", (), "\r\n", final_newline)
    endings = tuple(match.group() for match in LINE_ENDING.finditer(text))
    if len(set(endings)) == 1:
        return Conventions(encoding, codec, bom, endings[0], (), endings[0], final_newline)
    # ties go to the ending seen first (Counter keeps insertion order)
    dominant = Counter(endings).most_common(1)[0][0]
    return Conventions(encoding, codec, bom, None, endings, dominant, final_newline)


def restore(lf_text: str, conventions: Conventions) -> str:
    """``lf_text`` (the pipeline's output) with the file's final newline and line endings.

    With mixed endings each line gets its own back when the number of lines
    did not change; otherwise every line gets the ending most lines had.

    >>> c = read_text(b"a\\r\\nb\\nc").conventions
    >>> restore("A\\nB\\nC\\n", c), restore("A B C", c)
    ('A\\r\\nB\\nC', 'A B C')
    """
    text = lf_text
    if conventions.final_newline:
        if text and not text.endswith("\n"):
            text += "\n"
    else:
        text = text.rstrip("\n")
    uniform = conventions.uniform_ending
    if uniform == "\n":
        return text
    if uniform is not None:
        return text.replace("\n", uniform)
    pieces = text.split("\n")
    if len(pieces) - 1 == len(conventions.endings):
        out = [pieces[0]]
        for ending, piece in zip(conventions.endings, pieces[1:]):
            out.append(ending)
            out.append(piece)
        return "".join(out)
    return conventions.dominant_ending.join(pieces)


def same_codec(a: str, b: str) -> bool:
    try:
        return codecs.lookup(a).name == codecs.lookup(b).name
    except LookupError:
        return False


def encode(text: str, conventions: Conventions, output_encoding: str | None = None) -> bytes:
    """``text`` as bytes in the file's own encoding and BOM (or in ``output_encoding``).

    ``CannotEncode`` when a character does not exist in that encoding;
    ``LookupError`` for an unknown ``output_encoding``.
    """
    if output_encoding is None or same_codec(output_encoding, conventions.codec):
        codec, bom = conventions.codec, conventions.bom
    else:
        codec, bom = output_encoding, b""
        codecs.lookup(codec)
    try:
        return bom + text.encode(codec)
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        column = error.start - (text.rfind("\n", 0, error.start) + 1) + 1
        raise CannotEncode(codec, text[error.start : error.end], line, column) from None


def round_trips(data: bytes, file: TextFile) -> bool:
    """Whether encoding the text as read gives back ``data`` byte for byte: if
    not (a codec with two byte forms for one character), rewriting the file
    would change bytes nobody edited."""
    try:
        return encode(file.text, file.conventions) == data
    except CannotEncode:
        return False
