"""Screens: which readers a line may have been through, and where to look.

Most text is clean: these cheap looks at a line's characters decide which
wrong readings are worth trying at all (``screened_readers``), in what
order (``reading_pairs``), and, for the double-byte ones, around which spots
(``double_byte_regions``).  A screen may let clean text through (the arbiter
rejects what it finds there); it must not stop damage.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..tables import common_chars, words
from .chars import SHARED_MARKS_TEXT
from .decoding import UTF8_SEQUENCE, high_bytes
from .readings import CP1252, SINGLE_BYTE_READERS, UTF8, Reader, Source, char_class, double_byte_readers, sources_for

# -- screens: which readers a line may have been through ------------------------

# Characters that a single-byte reader writes and clean Chinese text does not:
# Latin-1's and the Windows code pages' upper halves, without the quotes,
# dashes, ellipsis and middle dot that Chinese text itself uses.
CLEAN_MARKS = SHARED_MARKS_TEXT


@functools.cache
def single_byte_screen() -> re.Pattern[str]:
    high: set[str] = set()
    for reader in SINGLE_BYTE_READERS:
        high |= reader.repertoire
    high -= set(CLEAN_MARKS)
    high -= {chr(code) for code in range(0x80)}
    cls = "[" + char_class(high) + "]"
    # two of them, at most two ASCII characters apart (Big5's ASCII trail bytes: §A¦n)
    return re.compile(cls + "[\\x00-\\x7f]{0,2}" + cls)


@functools.cache
def latin_high() -> frozenset[str]:
    """Every character a single-byte reader writes for a byte 80..FF."""
    high: set[str] = set()
    for reader in SINGLE_BYTE_READERS:
        high |= reader.repertoire
    return frozenset(high - {chr(code) for code in range(0x80)})


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
        + char_class(rare)
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
        widen_into(regions, line, start, end, REACH)
    return [(start, end) for start, end in regions]


def widen_into(regions: list[list[int]], line: str, start: int, end: int, reach: int) -> None:
    """Append ``line[start:end]`` to ``regions`` (sorted, merged as they come),
    widened on each side to an ASCII character below 40 (no encoding here has
    one inside a character) or by ``reach``."""
    left = start
    while left > 0 and line[left - 1] >= "\x40" and start - left < reach:
        left -= 1
    right = end
    while right < len(line) and line[right] >= "\x40" and right - end < reach:
        right += 1
    right = min(len(line), right + 1)  # (with the ASCII it stops at: 涓? is a cut character and its "?")
    if regions and left <= regions[-1][1]:
        regions[-1][1] = max(regions[-1][1], right)
    else:
        regions.append([left, right])


def screened_readers(line: str) -> list[Reader]:
    """The readers worth trying on ``line`` (a cheap look at its characters)."""
    found: list[Reader] = []
    if not line.isascii():
        if single_byte_screen().search(line):
            found.extend(SINGLE_BYTE_READERS)
        if _suspicious_cluster(line) or _wordless_short_run(line):
            found.extend(double_byte_readers())
    return found


# Characters only one of a reader's decoders writes: GB18030 maps GBK's
# user-defined rows to private use where Python's GBK decoder fails, cp932
# maps bytes that Shift-JIS leaves undefined.  A text holding them was read
# with that decoder, which narrows what each of its holes could have been.
_DECODER_MARKS = {"gbk": (re.compile("[\ue000-\ue765]"), ("gb18030",)), "sjis": (re.compile("[\x80\uf8f0-\uf8f3\ue000-\ue757]"), ("cp932",))}


def decoders_used(text: str) -> dict[str, tuple[str, ...]]:
    """For each double-byte reader, the decoders ``text`` shows were used
    (readers not named: unknown)."""
    return {name: codecs for name, (mark, codecs) in _DECODER_MARKS.items() if "\ufffd" in text and mark.search(text)}


# The readings tried first, commonest first (what the real-world set shows),
# UTF-8's before the others of the same reader (valid UTF-8 is rarely chance):
# when one of them explains every non-ASCII character of a line, the rest
# are not tried (``repair.repair_pass``).
PRIORITY = (("gbk", "utf8"), ("latin1", "gbk"), ("cp1252", "gbk"), ("gbk", "big5"), ("big5", "gbk"), ("cp1252", "utf8"), ("latin1", "utf8"))
# ... except on a line whose Latin-1 characters are mostly valid UTF-8 as
# bytes (Î•Î»Î»Î·Î½Î¹ÎºÎ¬ is Greek): there UTF-8's readings go first.
UTF8_FIRST = (("cp1252", "utf8"), ("latin1", "utf8"), ("cp1250", "utf8"), ("cp1251", "utf8"), ("cp1254", "utf8"))
UTF8_SHARE = 0.8


# Latin-1 and cp1252 characters to their bytes (C1 controls as themselves)
CP1252_TABLE = {**CP1252.table, **{code: chr(code) for code in range(0x80, 0xA0)}}


def utf8_bytes(line: str) -> bool:
    """Whether ``line``'s Latin-1 and cp1252 characters are, as bytes, mostly
    valid UTF-8 (a UTF-8 reading of them is then no chance)."""
    data = line.translate(CP1252_TABLE).encode("latin-1", errors="ignore")
    high = high_bytes(data)
    return bool(high) and len(b"".join(UTF8_SEQUENCE.findall(data))) >= UTF8_SHARE * high


# Russian text in cp1251 read as Latin-1 (ÑÅÊÐÅÒ - Áåñïå÷íûé: СЕКРЕТ -
# Беспечный) is no Chinese in a single-byte code page: a line whose Latin-1
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


# Cyrillic text as written (Привет мир, это тест.) is no GBK or Big5 read as
# cp1251 or cp866: those give letters of both cases within a word, Ukrainian
# letters and signs (ДгєГКАЅз: 你好世界) or DOS box drawing between short runs
# of letters (╓╨╬─бг).  A line whose characters beyond ASCII are Cyrillic
# letters, CYRILLIC_LETTERS or more, all in well-formed Russian words, and
# the marks Russian is set with, is not read with those two code pages.
_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")
_RUSSIAN_MARKS = frozenset("«»—–…“”„")
_CYRILLIC_READERS = frozenset({"cp1251", "cp866"})


def cyrillic_words(line: str) -> bool:
    """Whether ``line`` beyond ASCII is Russian as written: Cyrillic letters,
    ``CYRILLIC_LETTERS`` or more, all in words lower case, capitalized or all
    capitals, and Russian's marks."""
    words = _CYRILLIC_RUN.findall(line)
    if sum(map(len, words)) < CYRILLIC_LETTERS or not all(_CYRILLIC_WORD.fullmatch(word) for word in words):
        return False
    rest = _CYRILLIC_RUN.sub("", line)
    return rest.isascii() or all(char.isascii() or char in _RUSSIAN_MARKS for char in rest)


def reading_pairs(line: str) -> list[tuple[Reader, Source]]:
    """The (reader, source) readings worth trying on ``line``, the
    ``PRIORITY`` ones first."""
    readers = screened_readers(line)
    if readers and readers[0].single_byte and cyrillic_words(line):
        readers = [reader for reader in readers if reader.name not in _CYRILLIC_READERS]
    pairs = [(reader, source) for reader in readers for source in sources_for(reader)]
    if readers and readers[0].single_byte and cyrillic_as_latin1(line):
        pairs = [(reader, source) for reader, source in pairs if not reader.single_byte or source is UTF8]
    order = PRIORITY
    if readers and readers[0].single_byte and utf8_bytes(line):
        order = UTF8_FIRST + PRIORITY
    rank: dict[tuple[str, str], int] = {}
    for index, pair in enumerate(order):
        rank.setdefault(pair, index)  # (a pair in both lists keeps its UTF8_FIRST place)
    pairs.sort(key=lambda pair: rank.get((pair[0].name, pair[1].name), len(rank)))
    return pairs




# A pinyin annotation after a Han character (濟(jì)源): tone letters are
# Latin-1 and Latin Extended letters, which the single-byte screens look for,
# but an annotation is no mojibake (content farms put one after every word).
_PINYIN_NOTE = re.compile("(?<=[\u4e00-\u9fff])\\((?=[a-z]*[\u00e0-\u01dc])[a-z\u00e0-\u01dc]{1,7}\\)")


def _without_pinyin_notes(text: str) -> str:
    """``text`` with its pinyin annotations masked, at the same length, by
    ideographic spaces: no screen looks for those, and the Han characters
    between annotations (源網 in 濟(jì)源網(wǎng)) are no short run alone between
    ASCII."""
    if "(" not in text:
        return text
    return _PINYIN_NOTE.sub(lambda m: "\u3000" * len(m.group()), text)


# (what the bytes of a short run were read as, what they may really have been)
_SHORT_RUN_READINGS = (
    ("gbk", "utf-8"), ("big5", "utf-8"), ("gbk", "big5"), ("big5", "gbk"),
    ("gbk", "shift_jis"), ("big5", "shift_jis"), ("shift_jis", "gbk"),
)
_KANA = re.compile("[\u3041-\u30ff]")
# a line of ASCII, Han and CJK punctuation only: the misreading test decides
# its wordless short runs (anything else on the line: read it whole)
_PLAIN_LINE = re.compile("[\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e“”‘’…—·]*")


def _forms_word(run: str, vocabulary) -> bool:
    return any(run[i : i + size] in vocabulary for size in (2, 3, 4) for i in range(len(run) - size + 1))


def _misreading_forms_word(run: str, vocabulary) -> bool:
    """Whether some double-byte misreading of ``run`` undone gives a word (or
    kana): the cheap test before a wordless short run's line is read whole
    (a name between spaces, 记者 王红, gives none; 匡拒 gives 選擇)."""
    for wrong, right in _SHORT_RUN_READINGS:
        try:
            # (UTF-8 read as GBK loses bytes at a run's ends: 涓? of 中; what decodes is enough)
            undone = run.encode(wrong).decode(right, "ignore" if right == "utf-8" else "strict")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _KANA.search(undone) or _forms_word(undone, vocabulary):
            return True
    return False


def suspect_lines(text: str) -> Iterator[tuple[int, str, int | None]]:
    """(offset, line, the byte after it: a line break, or None at the end) of
    each line of ``text`` where some screen (or ftfy's suspects) finds
    something: the only lines worth a reading.  Clean text costs a few
    regex scans over it."""
    from .ftfy_readings import FTFY_SUSPECTS

    if text.isascii():
        return
    starts: set[int] = set()
    screened = _without_pinyin_notes(text)
    for pattern in (single_byte_screen(), _double_byte_screen(), FTFY_SUSPECTS):
        position = 0
        while True:
            match = pattern.search(screened, position)
            if match is None:
                break
            line_start = text.rfind("\n", 0, match.start()) + 1
            starts.add(line_start)
            line_end = text.find("\n", match.start())
            if line_end < 0:
                break
            position = line_end + 1  # the rest of this line needs no second look
    vocabulary = words()
    plain_lines: dict[int, bool] = {}
    for match in _SHORT_HAN_RUN.finditer(screened):
        run = match.group()
        if _forms_word(run, vocabulary):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start in starts:
            continue
        plain = plain_lines.get(line_start)
        if plain is None:  # judged once per line, however many runs it has
            line_end = text.find("\n", match.end())
            plain = plain_lines[line_start] = _PLAIN_LINE.fullmatch(screened, line_start, line_end if line_end >= 0 else len(text)) is not None
        if not plain or _misreading_forms_word(run, vocabulary):
            starts.add(line_start)
    for start in sorted(starts):
        end = text.find("\n", start)
        if end < 0:
            yield start, text[start:], None
        else:
            yield start, text[start:end], 0x0A
