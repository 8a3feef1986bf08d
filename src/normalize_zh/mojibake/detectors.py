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
line are candidates too (``ftfy_readings``), among the others.  Which
readings to try, and where, the screens say (``screens``); the bytes'
decoding is ``decoding``'s.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..score import badness, char_cost
from . import chars, holes
from .decoding import UTF8_CUT, mostly_utf8, pick_byte_pairs, stretches
from .readings import HOLE, UTF8, Reader, Source, double_byte_readers, kind_name
from .screens import CLEAN_MARKS, latin_high, reading_pairs, single_byte_screen


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


def make_candidate(line: str, start: int, end: int, text: str, kind: str, lost: tuple[holes.Lost, ...] = (), language: str = "") -> Candidate:
    return Candidate(start, end, text, kind, gain(line[start:end], text), lost, language)


# -- from a run of text to atoms ---------------------------------------------------

def atoms(line: str, run_start: int, run: str, reader: Reader, source: Source, data: bytes,
          offsets: list[int] | None, hole_bytes: list[int], following: int | None,
          decoders: tuple[str, ...] | None = None, memo: RunMemo | None = None) -> Iterator[Candidate]:
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
    for begin, finish, text in stretches(data, source):
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
                        yield from _atom(line, run_start, run, reader, source, data, start, last, text, index_of, hole_bytes, following, kind, decoders, memo)
                    start = None
                    partial_left = False
                elif start is None:
                    start = last
            position += widths[char]
        if index_of is None or position in index_of:
            last = (position, len(text))
        if start is not None and last[0] > start[0] and not partial_left and not partial_right:
            yield from _atom(line, run_start, run, reader, source, data, start, last, text, index_of, hole_bytes, following, kind, decoders, memo)


def _atom(line, run_start, run, reader, source, data, start, end, text, index_of, hole_bytes, following, kind, decoders,
          memo=None) -> Iterator[Candidate]:
    (b0, k0), (b1, k1) = start, end
    if b1 <= b0:
        return
    t0 = b0 if index_of is None else index_of[b0]
    t1 = b1 if index_of is None else index_of[b1]
    repair = text[k0:k1]
    lost: list[holes.Lost] = []
    inside = hole_bytes[bisect.bisect_left(hole_bytes, b0) : bisect.bisect_left(hole_bytes, b1)] if hole_bytes else []
    if not inside and source is not UTF8 and memo is not None and memo.atoms is not None:
        # Without holes, and in a source that cuts no character short, an
        # atom's candidate is a function of its span, its bytes and its
        # repair alone: an atom seen before (中中 between the & of a
        # repeated entity) is scored once.
        key = (kind, run[t0:t1], repair, data[b0:b1])
        memo.atom_tries += 1
        if key in memo.atoms:
            memo.atom_hits += 1
            known = memo.atoms[key]
        else:
            known = memo.atoms[key] = next(_atom(line, run_start, run, reader, source, data, start, end, text, index_of, hole_bytes, following, kind, decoders), None)
            if not memo_pays(memo.atom_tries, memo.atom_hits):
                memo.atoms = None  # (random text: no atom repeats)
        if known is not None:
            moved = run_start + t0 - known.start
            yield Candidate(known.start + moved, known.end + moved, known.text, known.kind, known.gain, known.lost, known.source)
        return
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
    if source is not UTF8 and (mostly_utf8(data[b0:b1]) or (source.name == "gbk" and _utf8_read_as_gbk(repair))):
        return  # these bytes are UTF-8 (ä¸»é: 主 and a cut character), not GBK (涓婚)
    # a reading no text would hold (private use, controls, letters of other
    # scripts, kana in Chinese) is dropped before it is scored
    if chars.profile(repair, "any" if source is UTF8 else source.language) is None and not _alphabet_repair(source, repair):
        return
    yield make_candidate(line, run_start + t0, run_start + t1, repair, kind, tuple(lost), source.language)


def _utf8_read_as_gbk(repair: str) -> bool:
    """Whether a GBK repair is itself UTF-8 read as GBK (寮哄 is 强 so read):
    where holes hid the UTF-8 in the span's bytes, the repair shows it."""
    data = b"".join(piece.encode("gb18030") for piece in repair.split(HOLE))
    return mostly_utf8(data)


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
    known: dict[tuple[bytes, int, int | None], tuple[str, ...]] = {}  # (the character's bytes, the hole in them, the byte after) -> options
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
                key = (data[position : position + width], mine[0] - position, next_byte)
                options = known.get(key)
                if options is None:
                    options = known[key] = holes.candidates(source, reader, *key, decoders)
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
    cut = UTF8_CUT.match(data, b1)
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
    cut = UTF8_CUT.match(data, b1)
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


_CLEAN_MARK = re.compile(f"[{CLEAN_MARKS}]")
# Letters of one alphabet in a row, nothing CJK among them, that no double-byte
# misreading writes: GBK read as Big5 writes Cyrillic only from leads C7 and C8,
# read as Shift-JIS only from lead 84, a GBK area next to no common character;
# four such characters in a row are not a Chinese text's bytes.
ALPHABET_RUN = 4


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
    A double-byte reader's run of one alphabet's letters alone (Russian or
    Greek prose, which GBK, Big5 and Shift-JIS all have) is no misreading.
    """
    for match in reader.run.finditer(line, start, len(line) if end is None else end):
        run = match.group()
        if run.isascii():
            continue
        if not reader.single_byte and chars.one_alphabet(run, ALPHABET_RUN):
            continue
        if reader.single_byte:
            if not single_byte_screen().search(run):
                continue
            # a run cut short by a character of another code page (ã‚ in
            # a cp1252 garble, for the Latin-1 reader) is that code page's
            around = line[match.start() - 1 : match.start()] + line[match.end() : match.end() + 1]
            if any(char in latin_high() for char in around):
                continue
            # a mark beside ASCII space or punctuation, or at the run's edge,
            # may be the text's own: the pieces between such marks are tried too
            marks = [m for m in _CLEAN_MARK.finditer(run) if _beside_break(run, m.start())]
            position = 0
            for mark in marks:
                piece = run[position : mark.start()]
                if single_byte_screen().search(piece):
                    yield match.start() + position, piece
                position = mark.end()
            piece = run[position:]
            if position and single_byte_screen().search(piece):
                yield match.start() + position, piece
        yield match.start(), run


class RunMemo:
    """Each run's candidates by its content (``reading_candidates``), for one
    round over a text.  Random text repeats no run, and there a memo is only
    cost (a key built and stored per run, about a tenth of the reading's
    time): after ``MEMO_TRIAL`` runs of a reading, one in ``MEMO_MIN_HITS``
    of them seen before, or the memo stops asking for that reading.  Atoms
    without holes are kept too (``_atom``: a long run of a repeated phrase
    is one run of many equal atoms), under the same rule."""

    def __init__(self) -> None:
        self.readings: dict[tuple, dict] = {}
        self.tries: dict[tuple, int] = {}
        self.hits: dict[tuple, int] = {}
        # atoms without holes, by (kind, span, repair, bytes): their candidate, or None
        self.atoms: dict[tuple, Candidate | None] | None = {}
        self.atom_tries = self.atom_hits = 0

    def runs(self, reading: tuple) -> dict | None:
        """The runs known of ``reading``, or None when the memo does not pay there."""
        tries = self.tries.get(reading, 0)
        if not memo_pays(tries, self.hits.get(reading, 0)):
            return None
        return self.readings.setdefault(reading, {})

    def count(self, reading: tuple, tries: int, hits: int) -> None:
        self.tries[reading] = self.tries.get(reading, 0) + tries
        self.hits[reading] = self.hits.get(reading, 0) + hits


MEMO_TRIAL = 1000
MEMO_MIN_HITS = 10


def memo_pays(tries: int, hits: int) -> bool:
    """Whether a memo asked ``tries`` times, found ``hits`` times, is still worth
    asking: always for its first MEMO_TRIAL questions, then while one in
    MEMO_MIN_HITS is found."""
    return tries < MEMO_TRIAL or hits * MEMO_MIN_HITS >= tries


_NO_CANDIDATES = ()  # (a run that gave none: nothing kept alive for the collector to walk)


def reading_candidates(line: str, reader: Reader, source: Source, start: int = 0, end: int | None = None,
                       following: int | None = 0x0A, decoders: dict[str, tuple[str, ...]] | None = None,
                       cache: dict | None = None, memo: RunMemo | None = None) -> list[Candidate]:
    """The candidate repairs one reading finds in ``line[start:end]`` (a line
    of text without its line break; ``start`` and ``end`` at line ends or
    before ASCII below 40, which no encoding here has inside a character;
    ``decoders``: from ``decoders_used`` on the whole text; ``cache`` keeps
    the reader's runs and bytes between readings; ``memo`` each run's
    candidates by its content, between lines)."""
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
    used = decoders.get(reader.name) if decoders else None
    reading = (reader.name, source.name, used)
    known_runs = memo.runs(reading) if memo is not None else None
    tries = hits = 0
    found: list[Candidate] = []
    for at, run, data, offsets, hole_bytes in encoded:
        stop = at + len(run)
        after = following if stop == len(line) else ord(line[stop]) if stop == end and line[stop] < "\x80" else None
        # A run's candidates depend on its text and bytes, the byte after it,
        # the character after it and whether it ends the line, never on
        # where it stands: a run seen before (a text of one phrase repeated,
        # 锟斤拷锟斤拷...) takes the candidates found then, moved.
        seen = None
        if known_runs is not None:
            seen = (run, data, after, line[stop : stop + 1], stop == len(line))
            known = known_runs.get(seen)
            tries += 1
            if known is _NO_CANDIDATES:
                hits += 1
                continue
            if known is not None:
                hits += 1
                moved = at - known[0]
                found.extend(Candidate(c.start + moved, c.end + moved, c.text, c.kind, c.gain, c.lost, c.source) for c in known[1])
                continue
        placed = data
        if hole_bytes:
            buffer = bytearray(data)
            for hole in hole_bytes:
                buffer[hole] = source.placeholder
            placed = bytes(buffer)
        if reader.duplicates and offsets is not None:
            placed = pick_byte_pairs(run, placed, offsets, reader, source, hole_bytes)
        mine = list(atoms(line, at, run, reader, source, placed, offsets, hole_bytes, after, used, memo))
        if seen is not None:
            known_runs[seen] = (at, mine) if mine else _NO_CANDIDATES
            if not memo_pays(tries, hits):
                known_runs = None  # (and the rest of this call's runs are read as they come)
        found.extend(mine)
    if memo is not None:
        memo.count(reading, tries, hits)
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
    return make_candidate(line, 0, len(line), text, kind_name(UTF8, gbk), tuple(lost), UTF8.language)


# The fast path takes lines of GBK's repertoire only (ASCII, CJK, symbols; no
# private use, which GB18030 alone writes and the full search weighs).
_FAST_PATH_CHARS = re.compile("[\x00-\x7f\u00a0-\u04ff\u2000-\u9fff\uf900-\ufaff\ufe30-\uffef\ufffd]*")


def line_candidates(line: str, following: int | None = 0x0A, decoders: dict[str, tuple[str, ...]] | None = None) -> list[Candidate]:
    """Every candidate repair of ``line``, of every reading."""
    cache: dict = {}
    return [c for reader, source in reading_pairs(line) for c in reading_candidates(line, reader, source, 0, None, following, decoders, cache)]


