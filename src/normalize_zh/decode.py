"""Bytes to text, for Chinese in any common encoding, even in short snippets.

Order of trust:

1. a byte-order mark (UTF-8, UTF-16, UTF-32, GB18030);
2. strict UTF-8 (it almost never decodes text in another encoding by accident);
3. the Chinese candidates -- GB18030 (the superset of GB2312 and GBK), Big5
   (cp950) and Big5-HKSCS, and UTF-16 without a mark -- each decoded strictly
   and scored by how Chinese the result reads (``score.badness``);
4. charset-normalizer for everything else (Western, Japanese, Korean text);
5. for short text whose high bytes have the shape of accented letters in
   words, Western European (cp1252): chosen when it reads better than the
   best Chinese reading by the same yardstick (``Grüße aus München`` is no
   ``Gr晧e aus M𤦂chen``).

A file whose lines are in two encodings (UTF-8 and one Chinese encoding) is
decoded line by line (``by_line``).

When no candidate decodes strictly, the best one is decoded with replacement
characters and every lost byte span is reported with its byte offsets (spans
a few bytes apart as one), so nothing is silently dropped and nothing raises.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass, field

from .chars import CONTROLS
from .score import badness

# Each candidate is listed with the narrower encodings it contains, so the
# reported name is the narrowest that decodes the bytes ("gbk", not "gb18030").
CHINESE_CANDIDATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gb18030", ("gb2312", "gbk")),
    ("cp950", ("big5",)),
    ("big5hkscs", ()),
    ("utf-16-le", ()),
    ("utf-16-be", ()),
)
# what a damaged file may be in, with its rank among equal scores (UTF-8 first)
LOSSY_CANDIDATES: tuple[tuple[int, str], ...] = ((-1, "utf-8"),) + tuple(
    (rank, encoding) for rank, (encoding, _) in enumerate(CHINESE_CANDIDATES[:3])
)
# (mark, codec for the bytes after it, name reported); UTF-32 before UTF-16,
# whose little-endian mark is a prefix of UTF-32's.
BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
)
SAMPLE_CHARS = 20_000  # characters looked at for control characters and UTF-16
# Only the non-ASCII characters are scored: every reading agrees on ASCII, and
# a source file's ASCII would water any reading down to "clear" (a Big5 C
# file read as GB18030 scored 0.1 per character over all its characters, 4.7
# over its non-ASCII ones; read as Big5, 0.3).
SCORE_CHARS = 1_000  # non-ASCII characters scored: plenty to tell a right codec from a wrong one
CLEAR_MIN_CHARS = 200  # with this many non-ASCII characters reading clearly as Chinese, taken at once
# A lossy decode that lost more than this share of bytes (plus a few bytes of
# slack for short snippets) is not a damaged file in that encoding.
MAX_LOSS_SHARE = 0.05
MAX_LOSS_SLACK = 4
# Chinese reads well below this cost per non-ASCII character (the seeds: 0.36
# to 0.51; Big5 C sources of ptt/pttbbs read as Big5 0.3 to 0.9; wrong-codec
# Chinese 2.3 to 4.9).  Above it, lossy decodings and charset-normalizer's
# guess compete.
POOR_SCORE = 1.2
# A long candidate this good is taken at once: no wrong codec reads this well
# (the nearest, EUC-KR read as GB2312, costs 1.7), and trying the others costs
# more than decoding.  (Short snippets are always compared: by chance a few
# Big5 characters can read well as GBK.)
CLEAR_SCORE = 0.6
# Share of UTF-16 code units that must be Chinese, ASCII or CJK punctuation
# for UTF-16 without a byte-order mark to be considered at all: nearly every
# even-length byte string is valid UTF-16.
UTF16_MIN_SHARE = 0.9


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and any lost byte spans."""

    text: str
    encoding: str
    lost: tuple[tuple[int, int], ...] = field(default=())


class _LossRecorder(threading.local):
    spans: list[tuple[int, int]] | None = None


_recorder = _LossRecorder()


def _record_loss(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    spans = _recorder.spans
    if spans is not None:
        if spans and spans[-1][1] == error.start:
            spans[-1] = (spans[-1][0], error.end)
        else:
            spans.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error("normalize_zh.record_loss", _record_loss)


def decode_lossy(data: bytes, encoding: str) -> Decoded:
    """Decode with replacement characters, recording each lost byte span."""
    _recorder.spans = []
    try:
        text = data.decode(encoding, errors="normalize_zh.record_loss")
        lost = tuple(_recorder.spans)
    finally:
        _recorder.spans = None
    return Decoded(text, encoding, lost)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _narrowest(data: bytes, encoding: str, narrower: tuple[str, ...]) -> str:
    for name in narrower:
        if _strict(data, name) is not None:
            return name
    return encoding


def _plausible_utf16(text: str) -> bool:
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return False
    fitting = sum(
        1
        for char in sample
        if " " <= char <= "~"
        or char in "\t\n\r"
        or "\u3000" <= char <= "\u303f"
        or "\u4e00" <= char <= "\u9fff"
        or "\uff00" <= char <= "\uffef"
    )
    return fitting >= UTF16_MIN_SHARE * len(sample)


def _has_controls(text: str) -> bool:
    return CONTROLS.search(text, 0, SAMPLE_CHARS) is not None


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def non_ascii_cost(text: str) -> tuple[float, int]:
    """Cost per non-ASCII character of the first SCORE_CHARS of them, and how
    many were scored."""
    runs = []
    count = 0
    for match in _NON_ASCII.finditer(text):
        runs.append(match.group())
        count += match.end() - match.start()
        if count >= SCORE_CHARS:
            break
    return (badness(" ".join(runs)) / count, count) if count else (0.0, 0)


def _charset_normalizer(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported lazily: slow to import

    best = from_bytes(data).best()
    if best is None:
        return None
    decoded = decode_lossy(data, best.encoding)
    if best.encoding.replace("_", "-").startswith("utf-") and not _plausible_utf16(decoded.text):
        return None  # UTF-16/32 without a mark: as weak a guess as ours
    return decoded


def detect(data: bytes) -> Decoded:
    """Decode ``data``, choosing the encoding as described in the module docstring.

    >>> detect("郑州市卫生健康委召开会议".encode("gbk")).text
    '郑州市卫生健康委召开会议'
    >>> detect("臺灣".encode("big5")).encoding
    'big5'
    """
    if not data:
        return Decoded("", "utf-8")
    for bom, encoding, name in BOMS:
        if data.startswith(bom):
            decoded = decode_lossy(data[len(bom) :], encoding)
            lost = tuple((start + len(bom), end + len(bom)) for start, end in decoded.lost)
            return Decoded(decoded.text, name, lost)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and not _has_controls(utf8):
        return Decoded(utf8, "ascii" if utf8.isascii() else "utf-8")

    candidates: list[tuple[float, int, Decoded]] = []
    if utf8 is not None:  # ASCII control characters: perhaps UTF-16 without a mark
        candidates.append((non_ascii_cost(utf8)[0], -1, Decoded(utf8, "utf-8")))
    for rank, (encoding, narrower) in enumerate(CHINESE_CANDIDATES):
        text = _strict(data, encoding)
        if text is None or (encoding.startswith("utf-16") and not _plausible_utf16(text)):
            continue
        score, scored = non_ascii_cost(text)
        if score <= CLEAR_SCORE and scored >= CLEAR_MIN_CHARS and not encoding.startswith("utf-16"):
            return Decoded(text, _narrowest(data, encoding, narrower))
        candidates.append((score, rank, Decoded(text, _narrowest(data, encoding, narrower))))
    poor = not candidates or min(c[0] for c in candidates) > POOR_SCORE
    if poor and utf8 is None:
        mixed = by_line(data)
        if mixed is not None:
            return mixed
    if poor:
        # A damaged Chinese file, or not Chinese at all: let the lossy decodings
        # (UTF-8 too: a byte dropped or a string cut inside a character is the
        # commonest damage of all) and charset-normalizer's guess compete on the
        # same scale.
        for rank, encoding in LOSSY_CANDIDATES:
            decoded = decode_lossy(data, encoding)
            lost = sum(end - start for start, end in decoded.lost)
            if decoded.lost and lost <= MAX_LOSS_SHARE * len(data) + MAX_LOSS_SLACK:
                candidates.append((non_ascii_cost(decoded.text)[0], rank, decoded))
        other = _charset_normalizer(data)
        if other is not None:
            candidates.append((non_ascii_cost(other.text)[0], len(CHINESE_CANDIDATES), other))
    if not candidates:
        return _merged(decode_lossy(data, "utf-8"))
    best = min(candidates, key=lambda c: (c[0], c[1]))[2]
    western = _western(data)
    if western is not None and badness(western.text) < badness(best.text):
        return western
    return _merged(best)


MIXED = "+"  # joins the two encodings of a file decoded line by line ("utf-8+gbk")
_LINES = re.compile(rb"[^\n]*\n|[^\n]+")


def by_line(data: bytes) -> Decoded | None:
    """A file of lines in two encodings (a log or a concatenation: lines of
    UTF-8 among lines of GBK or Big5), each line decoded whole in its own:
    every line decodes strictly in UTF-8 or in one Chinese encoding (where both
    do, the one that reads better), each encoding has lines of its own, and
    the whole reads as Chinese (POOR_SCORE).  The encoding reported is both names joined by MIXED; no single
    encoding writes such a file back (``textfile.read_text`` refuses it).
    None when the file is no such thing."""
    lines = _LINES.findall(data)
    for encoding, narrower in CHINESE_CANDIDATES[:3]:
        texts: list[str] = []
        used = {"utf-8": 0, encoding: 0}
        codec_lines: list[bytes] = []
        for line in lines:
            if line.isascii():
                texts.append(line.decode("ascii"))
                continue
            as_utf8, as_codec = _strict(line, "utf-8"), _strict(line, encoding)
            if as_utf8 is not None and (as_codec is None or non_ascii_cost(as_utf8)[0] <= non_ascii_cost(as_codec)[0]):
                texts.append(as_utf8)
                used["utf-8"] += 1
            elif as_codec is not None:
                texts.append(as_codec)
                used[encoding] += 1
                codec_lines.append(line)
            else:
                break
        else:
            if used["utf-8"] and used[encoding]:
                text = "".join(texts)
                if non_ascii_cost(text)[0] <= POOR_SCORE:
                    return Decoded(text, "utf-8" + MIXED + _narrowest(b"".join(codec_lines), encoding, narrower))
    return None


# Every run of bytes 80..FF at most this long, each beside an ASCII letter:
# the shape of European text in a single-byte code page (Grüße, São Paulo),
# where a Chinese double-byte text has long runs (中文: four bytes).
WESTERN_RUN = 2
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_WESTERN_CODECS = ("cp1252", "latin-1")


def _western(data: bytes) -> Decoded | None:
    """``data`` read as Western European (cp1252, or Latin-1 for bytes cp1252
    leaves undefined), when its high bytes have the shape of accented
    letters in words; None otherwise.  Short European text reads as GBK or
    Big5 too (Grüße as Gr晧e), and only the comparison of the two readings
    with the same yardstick (``score.badness``) tells which it is."""
    for match in _HIGH_RUN.finditer(data):
        if match.end() - match.start() > WESTERN_RUN:
            return None
        before, after = data[match.start() - 1 : match.start()], data[match.end() : match.end() + 1]
        if not (before.isalpha() or after.isalpha()):
            return None
    for codec in _WESTERN_CODECS:
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec)
    return None  # pragma: no cover - Latin-1 decodes every byte


# Lost spans at most this many bytes apart are reported as one (bytes that are
# no text at all would give a span every few bytes).
MERGE_GAP = 8


def _merged(decoded: Decoded) -> Decoded:
    """``decoded`` with lost spans closer than ``MERGE_GAP`` bytes merged."""
    if len(decoded.lost) < 2:
        return decoded
    spans: list[list[int]] = []
    for start, end in decoded.lost:
        if spans and start - spans[-1][1] <= MERGE_GAP:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return Decoded(decoded.text, decoded.encoding, tuple((start, end) for start, end in spans))
