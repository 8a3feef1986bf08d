"""The mojibake step: detectors propose, the arbiter chooses, rounds repeat.

A text is repaired line by line (no reading ever puts a line break inside a
character), in at most ``MAX_PASSES`` rounds: a double encoding
(``Ã„Ã£ÂºÃƒ``: GBK read as Latin-1, then that as UTF-8 read as cp1252) comes
undone one layer per round.  Every round's lost characters become flags;
whatever no round could repair (``锟斤拷``, U+FFFD runs) is flagged at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..chars import CONTROLS, no_text
from ..edits import Edit, Flag, Outcome, PositionMap, apply_edits, compose, flagged_positions, move_flags, non_overlapping
from ..escapes import entity_edits, terminal_escape_edits
from ..misaligned import fix_misaligned_outcome, slipped
from . import arbiter, detectors, ftfy_readings, leftovers, screens
from .escaped import ESCAPE, escaped_edits
from .leftovers import RUN_GAP
from .detectors import Candidate
from .holes import Lost

MAX_PASSES = 3


def _lines(text: str) -> Iterator[tuple[int, str, int | None]]:
    """(offset, line, the byte after it: a line break, or None at the end)."""
    position = 0
    length = len(text)
    while position <= length:
        end = text.find("\n", position)
        if end < 0:
            yield position, text[position:], None
            return
        yield position, text[position:end], 0x0A
        position = end + 1


def repair_pass(text: str, final: list[tuple[int, int]] = (), only: list[tuple[int, int]] | None = None,
                examples: frozenset[str] = frozenset()) -> tuple[list[Edit], list[tuple[int, Lost]], list[tuple[int, int]], list[tuple[int, int, str]]]:
    """One round over ``text``: the edits to make, the characters left lost
    as (offset in the text after the edits, what it could have been), the
    spans of the text after the edits that no later round may read again
    (``final`` are those of this text: a UTF-8 reading in another alphabet,
    ``Ру��кий``, is no GBK read as cp866).  ``only``: the spans a round
    before repaired, where alone a second layer of damage can show (a double
    encoding; None: the whole text), and the damage a repair left beside it
    (``leftovers``: start, end in the text after the edits, kind)."""
    judged: list[tuple[int, str, list[Candidate], list[Candidate]]] = []  # (offset, line, accepted, rejected)
    repaired: dict[str, int] = {}
    anchored: set[str] = set()
    decoders = screens.decoders_used(text)
    memo = detectors.RunMemo()  # each run's candidates, by its content
    for offset, line, following in screens.suspect_lines(text):
        if no_text(line) or _only_lost(line):  # (no reading is tried on what is no text; its lost bytes are still flagged)
            continue
        if only is not None:
            end = offset + len(line)
            inside = [(s - offset, e - offset) for s, e in only if s < end and e > offset]
            if not inside:
                continue
        pairs = screens.reading_pairs(line)
        double = any(not reader.single_byte for reader, _ in pairs)
        fast = detectors.whole_line(line, following, decoders) if double and not final else None
        if fast is not None and arbiter.accepted(fast, line):
            keep, drop = [fast], []
            if arbiter.anchors(fast, line[fast.start : fast.end]):
                anchored.add(fast.kind)
            repaired[fast.kind] = repaired.get(fast.kind, 0) + len(fast.text)
            judged.append((offset, line, keep, drop))
            continue
        keep, drop = [], []
        # the readings one by one, commonest first, each where the ones
        # before left characters unexplained (and with the spans too short
        # to judge alone, that a proven kind takes)
        whole = any(reader.single_byte for reader, _ in pairs) or not double
        # (otherwise only what the double-byte screens found, with room around it)
        regions = [(0, len(line))] if whole else screens.double_byte_regions(line)
        cache: dict = {}
        coherent = False
        explained: list[Candidate] = []
        for reader, source in pairs:
            found = [c for start, end in regions for c in detectors.reading_candidates(line, reader, source, start, end, following, decoders, cache, memo)]
            accepted, rejected = _judge(found, line, offset, final)
            if accepted and not whole:
                # damage found where the screens looked: this reading looks at
                # the rest of the line too (its common characters raise no flag)
                whole = True
                rest = _unexplained(accepted, line)
                more = [c for start, end in rest for c in detectors.reading_candidates(line, reader, source, start, end, following, decoders, cache, memo)]
                more = [c for c in more if not any(c.start < a.end and a.start < c.end for a in accepted)]
                extra_accepted, extra_rejected = _judge(more, line, offset, final)
                accepted += extra_accepted
                rejected += extra_rejected
            keep += accepted
            drop += rejected
            coherent = coherent or any(arbiter.coherent_words(c, "") for c in accepted)
            if accepted and not coherent:
                kind = frozenset((accepted[0].kind,))
                explained += accepted + [c for c in rejected if arbiter.accepted(c, line, kind)]
                regions = _unexplained(explained, line)
                if not regions:
                    break
        # ftfy's own readings, unless ours explained the line clearly: they may
        # explain more of it (nÃƒÂ©: UTF-8 twice, é) or another alphabet better
        # (and always where the Latin-1 characters are UTF-8 as bytes: ftfy
        # undoes what was encoded twice, Ã¤Â½Â)
        if regions or coherent or not all(_clear(c) for c in explained if c in keep) or screens.utf8_bytes(line):
            accepted, rejected = _judge(ftfy_readings.ftfy_candidates(line), line, offset, final)
            keep += accepted
            drop += rejected
        if only is not None:
            keep = [c for c in keep if any(s <= c.start and c.end <= e for s, e in inside)]
            drop = [c for c in drop if any(s <= c.start and c.end <= e for s, e in inside)]
        if not keep and not drop:
            continue
        for candidate in keep:
            if arbiter.anchors(candidate, line[candidate.start : candidate.end]):
                anchored.add(candidate.kind)
            repaired[candidate.kind] = repaired.get(candidate.kind, 0) + len(candidate.text)
        judged.append((offset, line, keep, drop))
    # A text is decoded with one codec: a kind that repaired some of it is
    # trusted on its short spans too (a name, a word alone in a cell) when
    # those spans, each too short to judge alone, add up with its sure
    # repairs to ``PROVEN`` characters.
    weak = {}
    for _, line, _, drop in judged:
        for candidate in drop:
            if candidate.kind in anchored and "ftfy" not in candidate.kind and arbiter.accepted(candidate, line, frozenset((candidate.kind,))):
                weak[candidate.kind] = weak.get(candidate.kind, 0) + len(candidate.text)
    # (one codec misread the text: a kind that repaired far less than another
    # found chance readings in that one's mojibake)
    most = max(repaired.values(), default=0)
    proven = frozenset(
        kind
        for kind in anchored
        if "ftfy" not in kind
        and repaired.get(kind, 0) + weak.get(kind, 0) >= arbiter.PROVEN
        and repaired.get(kind, 0) * DOMINANT >= most
    )
    edits: list[Edit] = []
    lost: list[tuple[int, Lost]] = []  # (input offset of the edit, lost)
    done: list[Edit] = []  # edits whose output no later round reads again
    left: list[tuple[int, int, str]] = []  # (input offsets, kind)
    for offset, line, keep, drop in judged:
        if proven:
            in_line = frozenset(c.kind for c in keep) & proven
            keep = keep + [c for c in drop if c.kind in proven and arbiter.accepted(c, line, proven, in_line)]
        coherent = [c for c in keep if arbiter.coherent_words(c, line[c.start : c.end])]
        if coherent:
            keep = [c for c in keep if c in coherent or not any(c.start < w.end and w.start < c.end for w in coherent) or "ftfy" in c.kind]
        chosen = arbiter.choose(keep)
        if examples:  # (an example's span is left as written, not read another way)
            chosen = [c for c in chosen if not arbiter.example_texts(c.text) & examples]
        for candidate in chosen:
            edit = Edit(offset + candidate.start, offset + candidate.end, candidate.text, candidate.kind)
            edits.append(edit)
            lost.extend((offset + candidate.start, item) for item in candidate.lost)
            if candidate in coherent:
                done.append(edit)
        left.extend((offset + start, offset + end, kind) for start, end, kind in leftovers.left_beside(line, chosen, proven))
    if proven and only is None:  # what the proven kinds left in lines with no candidate of theirs
        seen = {offset for offset, _, _, _ in judged}
        for offset, line, _ in _lines(text):
            if offset not in seen and not line.isascii():
                left.extend((offset + start, offset + end, kind) for start, end, kind in leftovers.left_beside(line, (), proven))
    positions = PositionMap(edits)
    moved = [(positions.forward(start), positions.forward(end, inside="end")) for start, end in final]
    moved += [(positions.forward(e.start), positions.forward(e.start) + len(e.replacement)) for e in done]
    left = sorted((positions.forward(start), positions.forward(end), kind) for start, end, kind in left)  # (no edit inside one)
    return edits, [(positions.forward(start) + item.offset, item) for start, item in lost], moved, left


# A kind is proven only if it repaired at least 1/DOMINANT of what the kind
# that repaired most did.
DOMINANT = 2


def _judge(candidates: list[Candidate], line: str, offset: int, final) -> tuple[list[Candidate], list[Candidate]]:
    """``candidates`` split into those the arbiter accepts and the rest (none
    that touch a ``final`` span of the text)."""
    if final:
        end = offset + len(line)
        fixed = [(s - offset, e - offset) for s, e in final if s < end and e > offset]
        candidates = [c for c in candidates if not any(c.start < e and s < c.end for s, e in fixed)]
    keep, drop = [], []
    for candidate in candidates:
        (keep if arbiter.accepted(candidate, line) else drop).append(candidate)
    return keep, drop


_NON_ASCII = re.compile("[^\x00-\x7f]+")
_LOST_OR_ASCII = re.compile("[\x00-\x7f\ufffd]*")


def _only_lost(line: str) -> bool:
    """Nothing but ASCII and U+FFFD: every wrong reading gives the placeholders
    back (their bytes are gone) and ASCII as it is, so none is worth trying."""
    return _LOST_OR_ASCII.fullmatch(line) is not None
# How far into explained text a stretch left unexplained is widened for the
# next reading: enough for a double-byte reading to fall into step with the
# characters it starts among.
MARGIN_CHARS = 8


# Cost saved per character (score.badness) by a repair so clear that ftfy's
# readings of the same line are not asked for: the tenth percentile of GBK
# read as Latin-1 (4.5), above the chance GBK readings of doubly encoded
# UTF-8 (ÃƒÂ© as 棠濠: 2).
CLEAR_GAIN = 4.0


def _clear(candidate: Candidate) -> bool:
    return candidate.gain >= CLEAR_GAIN * max(1, len(candidate.text.strip()))


def _unexplained(explained: list[Candidate], line: str) -> list[tuple[int, int]]:
    """The stretches of ``line`` holding non-ASCII characters no candidate of
    ``explained`` covers, widened to line ends or ASCII characters below 40
    (no encoding here has one inside a character) or by ``MARGIN_CHARS``,
    merged."""
    spans = sorted((c.start, c.end) for c in explained)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    regions: list[list[int]] = []
    index = 0
    for match in _NON_ASCII.finditer(line):
        position = match.start()
        while position < match.end():
            while index < len(merged) and merged[index][1] <= position:
                index += 1
            if index < len(merged) and merged[index][0] <= position:
                position = merged[index][1]
                continue
            stop = min(match.end(), merged[index][0]) if index < len(merged) else match.end()
            screens.widen_into(regions, line, position, stop, MARGIN_CHARS)
            position = stop
    return [(start, end) for start, end in regions]


def _left_flags(text: str, left: list[tuple[int, int, str]]) -> list[Flag]:
    return [
        Flag("mojibake-left", start, end, text[start:end],
             f"{kind} beside a repair of it, with bytes lost: it does not read back and is left as it is")
        for start, end, kind in left
    ]


def _lost_flags(text: str, lost: list[tuple[int, Lost]]) -> list[Flag]:
    return [
        Flag("lost-bytes", position, position + 1, text[position : position + 1], item.detail(), item.candidates)
        for position, item in lost
    ]


def fix_encoding_outcome(text: str, *, markup: bool = True, examples: frozenset[str] = frozenset()) -> Outcome:
    """Repair mojibake in ``text``: edits, plus flags for what stays lost.

    Changes: spans that a wrong reading explains and whose repair reads as
    Chinese (or Japanese, from Shift-JIS); with ``markup`` (scraped text),
    HTML entities, terminal escapes and lone C1 controls too (in source code
    and data they are the program's: a BBS's colour codes).  Leaves: clean text of any
    language, however rare its characters, and every lost character whose
    context does not decide it (it stays U+FFFD, flagged with its
    candidates).  ``examples``: repairs (their texts) that the file ``text`` is
    part of shows as written, beside their mojibake: those spans stay as they
    are (``arbiter.shown_examples``).
    """
    passes: list[list[Edit]] = []
    current = text
    flags: list[Flag] = []
    escaped = escaped_edits(text) if ESCAPE.search(text) else []
    if escaped:
        passes.append(escaped)
        current = apply_edits(current, escaped)
    if next(slipped(current), None) is not None:
        repaired = fix_misaligned_outcome(current)
        if repaired.edits:
            passes.append(repaired.edits)
            current = apply_edits(current, repaired.edits)
            flags.extend(repaired.flags)
    escapes = non_overlapping(terminal_escape_edits(current) + entity_edits(current)) if markup else []
    if escapes:
        flags = move_flags(flags, escapes)
        passes.append(escapes)
        current = apply_edits(current, escapes)
    if not current.isascii():
        final: list[tuple[int, int]] = []
        only = None
        for _ in range(MAX_PASSES):
            edits, lost, final, left = repair_pass(current, final, only, examples)
            if not edits:
                break
            flags = move_flags(flags, edits)
            passes.append(edits)
            positions = PositionMap(edits)
            # a repair that reads as Chinese is no mojibake again; what ftfy
            # repaired may be (Ã„Ã£ÂºÃƒ: UTF-8 read as cp1252, of GBK read as Latin-1)
            only = [(positions.forward(e.start), positions.forward(e.start) + len(e.replacement)) for e in edits if "ftfy" in e.reason]
            current = apply_edits(current, edits)
            flags.extend(_lost_flags(current, lost))
            flags.extend(_left_flags(current, left))
            if not only:
                break
    read_back = [e for e in leftovers.survivors(current) if not no_text(current[slice(*_line_bounds(current, e.start))])]
    if read_back:
        flags = move_flags(flags, read_back)
        passes.append(read_back)
        current = apply_edits(current, read_back)
    flags.extend(_not_text(current))
    flags.extend(unrepairable(current, flags))
    if not current.isascii():
        flags.extend(leftovers.alone(current, flags))
        flags.extend(leftovers.possible(current))
    edits = compose(text, passes) if passes else []
    # C1 controls alone read as cp1252 (parlé\x85 -> parlé…) are ftfy's guess
    # for Western text; in code and data they are the file's own bytes, and
    # beside CJK a stray byte of a double-byte encoding (\x80 of 蠑\x80)
    edits = [
        e for e in edits
        if not (_c1_only(text[e.start : e.end]) and len(e.replacement) == e.end - e.start and (not markup or _cjk_on_line(text, e.start)))
    ]
    return Outcome(edits, flags)


_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff61-\uff9f]")


def _cjk_on_line(text: str, position: int) -> bool:
    return _CJK.search(text, *_line_bounds(text, position)) is not None


def _c1_only(span: str) -> bool:
    return any("\x80" <= c < "\xa0" for c in span) and all(c.isascii() or "\x80" <= c < "\xa0" for c in span)


def _line_bounds(text: str, position: int) -> tuple[int, int]:
    """Where the line holding ``position`` starts and ends (before its break)."""
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, end if end >= 0 else len(text)


def _not_text(text: str) -> list[Flag]:
    """One flag for each block of lines that are no text (``chars.no_text``):
    nothing in them was repaired, and their lost bytes are not counted one
    by one (random bytes would give a flag every few characters)."""
    if not CONTROLS.search(text):
        return []
    flags: list[Flag] = []
    block: list[int] | None = None
    for offset, line, _ in _lines(text):
        if line and no_text(line):
            if block is not None and block[1] + 1 >= offset:
                block[1] = offset + len(line)
            else:
                if block is not None:
                    flags.append(_not_text_flag(text, *block))
                block = [offset, offset + len(line)]
    if block is not None:
        flags.append(_not_text_flag(text, *block))
    return flags


def _not_text_flag(text: str, start: int, end: int) -> Flag:
    lost = text.count("\ufffd", start, end)
    detail = f"{end - start} characters that are no text (control characters throughout; {lost} replacement characters); left as they are"
    return Flag("not-text", start, end, text[start : min(end, start + 32)], detail)


# Replacement characters at most RUN_GAP characters apart are one damaged
# run, with the characters of two-byte UTF-8 around them: GBK read as UTF-8
# keeps, of the bytes it cannot read, those that happen to be such a
# character (ƽ���ƶ�ͼ: only ƽ ƶ ͼ survive of 平滑移动图), no less lost
# (but those in step are read back: ``leftovers.survivors``).
REPLACEMENT_RUN = re.compile(f"[\u0080-\u07ff]*\ufffd(?:[^\n]{{0,{RUN_GAP}}}\ufffd)*[\u0080-\u07ff]*")
# U+FFFD written as UTF-8 and read as GBK (锟斤拷) or as Big5 (嚙踝蕭), and the
# characters out of step around them (锟斤拷证锟矫伙拷: 锟矫 and 伙拷 are
# U+FFFD's bytes paired with a neighbour's; 锟侥革拷锟斤拷 starts out of
# step), at most RUN_GAP apart
KUN_JIN_KAO = re.compile(
    f"(?:(?:锟|嚙)[^\n]{{0,{RUN_GAP}}}(?=锟斤|斤拷|嚙踝|踝蕭))?(?:锟斤拷|斤拷|锟斤|嚙踝蕭|踝蕭|嚙踝)"
    f"(?:[^\n]{{0,{RUN_GAP}}}(?:锟斤拷|斤拷|锟斤|嚙踝蕭|踝蕭|嚙踝|锟|拷|嚙|蕭))*"
)


def unrepairable(text: str, flags: list[Flag] | tuple[Flag, ...] = ()) -> list[Flag]:
    """Flags for damage no repair can undo, where ``flags`` do not already
    cover it: ``锟斤拷`` runs and runs of U+FFFD (``REPLACEMENT_RUN``,
    ``KUN_JIN_KAO``)."""
    if "\ufffd" not in text and "锟" not in text and "拷" not in text and "嚙" not in text:
        return []
    flagged = flagged_positions(len(text) + 1, flags)
    spans = any(flagged)

    def covered(start: int, end: int, char: str | None = None) -> bool:
        """Whether every position of [start, end) (holding ``char``, if given) lies in a flag."""
        return all(flagged[position] for position in range(start, end) if char is None or text[position] == char)

    found = []
    for match in REPLACEMENT_RUN.finditer(text):
        if spans and covered(match.start(), match.end(), "\ufffd"):
            continue
        run = match.group()
        count = run.count("\ufffd")
        detail = f"{count} replacement character(s): the original bytes were lost"
        found.append(Flag("replacement-characters", match.start(), match.end(), run, detail))
    for match in KUN_JIN_KAO.finditer(text):
        if len(match.group()) >= 3 and not (spans and covered(match.start(), match.end())):
            detail = f"{match.group()[:3]}: U+FFFD written as UTF-8 and read as {'GBK' if match.group()[0] in '锟斤拷' else 'Big5'}; the original text is lost"
            found.append(Flag("kun-jin-kao", match.start(), match.end(), match.group(), detail))
    return sorted(found, key=lambda flag: flag.start or 0)


def fix_encoding(text: str) -> str:
    """Repair mojibake, leaving clean text (and what cannot be repaired) as it is.

    >>> fix_encoding("浣犲ソ锛屼笘鐣岋紒")
    '你好，世界！'
    >>> fix_encoding('printf("ÄãºÃ£¬ÊÀ½ç\\\\n");')
    'printf("你好，世界\\\\n");'
    >>> fix_encoding("“引号”，逗号")
    '“引号”，逗号'
    """
    outcome = fix_encoding_outcome(text)
    return apply_edits(text, outcome.edits)
