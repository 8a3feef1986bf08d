"""Punctuation: stray and doubled marks, and width in Chinese context.

``fix_punctuation``: content farms leave a comma before another mark
(``12月11日,,示范区`` ``書記,、市委`` ``部署,。``); the comma goes.  A comma
before a closing bracket goes too, and before a closing quote when the quote
is followed by more punctuation or the end of the line (``“…，”他说`` is
correct Chinese and stays).

``fix_width``: in Chinese context -- a Han character, or a full-width mark,
right next to it -- ASCII ``, ; : ( ) ? !`` become ``，；：（）？！``.  A pair of
parentheses changes together when either half is in Chinese context.  A mark
one or two spaces away from Chinese is in Chinese context too, and those
spaces go with it (full-width marks carry their own spacing).  A mark an
ASCII letter touches stays.  Full-width Latin letters and
digits become ASCII.  Numbers (``1,000`` ``10:05`` ``3.5%``), Latin text and,
through the pipeline's protected spans, URLs keep their ASCII; so do brackets
right after an identifier around ASCII (``print(x)``: code).

``strict`` (the docs preset): only marks between Chinese on both sides
change -- a Han character or a full-width mark right before it, and right
after it (past one space); a pair of brackets only with Chinese on both
sides of both halves.  A mark that ends a line stays (``示例::`` opens a
literal block in reStructuredText; ``如下:`` may be its author's choice).  A mark that
touches ASCII letters, digits, code, emoticons (``:-)``), entities or a URL
stays, and nothing else changes (no spaces, no full-width letters).

Never in a line with kana or Hangul: Japanese and Korean have their own
conventions (``この章では、…です。``).
"""

from __future__ import annotations

import re

from .edits import Edit, Outcome, apply_edits
from .chars import CJK_QUOTES, HAN, is_chinese, not_chinese_spans

FULLWIDTH_MARKS = "，。、；：？！（）《》〈〉【】「」『』“”‘’…—"
_FW = "，。、；：？！（）《》〈〉【】「」『』…—"  # without quotes: those also serve English

# Commas (or 、) followed by another mark: the regex starts on the comma, so it
# scans fast; _stray decides what goes.
# Spaces between the marks count for nothing (the width step removes them),
# nor do line breaks (the re-flow step joins a line that starts with a mark).
_AFTER_STRAY = r"[、。；？！;?!）)】》」』]|[”’](?:[，。、；：？！,;:?!]|$)"
_GAP = "[ \u00a0\n]*"
STRAY_COMMA = re.compile(
    rf"(?P<commas>[,，](?:{_GAP}[,，])+|[,，](?={_GAP}(?:{_AFTER_STRAY})))|、(?P<extra>(?:{_GAP}[,，、])+)", re.M
)
_STRAY_FOLLOWS = re.compile(rf"{_GAP}(?:{_AFTER_STRAY})", re.M)
# two marks in a row: the cheap test that there is anything stray at all (one
# pattern per first mark: a pattern that starts on a literal scans many times
# faster than one that starts on a class or an alternation)
_TWO_MARKS = (
    re.compile(f"，(?={_GAP}[,，、。；？！;?!）)】》」』”’])"),
    re.compile(f",(?={_GAP}[,，、。；？！;?!）)】》」』”’])"),
    re.compile(f"、(?={_GAP}[,，、])"),
)

ASCII_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
MARK = re.compile(r"[,;:?!]")
_CH = f"[{HAN}{_FW}]"
# a mark with Chinese at most two spaces after it or before it (the
# look-behinds end on the mark itself, so the scan still starts on the mark).
# A line break is no space: an English subtitle line ending with a comma
# above its Chinese translation keeps its comma.
MARK_IN_CONTEXT = re.compile(f"[,;:?!](?:(?= {{0,2}}{_CH})|(?<={_CH}.)|(?<={_CH} .)|(?<={_CH}  .))")
MARK_OUT_OF_CONTEXT = re.compile(f"[,;:?!](?! {{0,2}}{_CH})(?<!{_CH}.)(?<!{_CH} .)(?<!{_CH}  .)")
# a mark touching Latin text belongs to it (Corona missions, / Road
# Runner(威利狼) / Attitude Control Assembly)): it keeps its width whatever is
# on its other side.  Latin text is two words or more; one word set in
# Chinese is a term of the Chinese sentence (SUV，没有 / 北京（Beijing）).
LATIN_REACH = 64  # how far a phrase is read from the mark
_LATIN_PHRASE_CHARS = frozenset(" &0123456789")  # between words
_LATIN_WORD_CHARS = frozenset(".'-")  # inside a word: example.com, don't, re-entry


def _latin_letter(char: str) -> bool:
    """A letter of the Latin alphabets, pinyin's tone letters included (jì)."""
    return "A" <= char <= "\u024f" and char.isalpha()
FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_CHINESE_NEIGHBOUR = re.compile(f"[{HAN}{_FW}]")


_MARK_NEIGHBOUR = re.compile(f"[{HAN}0-9{FULLWIDTH_MARKS}]")


SPACES_BESIDE_MARK_MAX = 2  # a longer run of spaces lines up columns: layout, not a typo


def _spaces_beside_marks(text: str, converted: set[int]) -> list[tuple[int, int]]:
    """The spaces an ASCII mark carried that go with it when it becomes full
    width (``王红) 12月`` -> ``王红）12月``, ``本报讯 (记者`` -> ``本报讯（记者``): one
    or two spaces right beside a converted mark, with Han, a digit or a
    full-width mark on their other side.  Spaces beside Latin text are Latin
    text's; longer runs align columns; spaces beside marks the author wrote
    full width are the author's."""
    spans = set()
    for position in converted:
        end = position + 1
        while end < len(text) and text[end] == " " and end - position <= SPACES_BESIDE_MARK_MAX:
            end += 1
        if end > position + 1 and end - position - 1 <= SPACES_BESIDE_MARK_MAX and _MARK_NEIGHBOUR.match(text, end):
            spans.add((position + 1, end))
        start = position
        while start > 0 and text[start - 1] == " " and position - start < SPACES_BESIDE_MARK_MAX + 1:
            start -= 1
        if start < position and position - start <= SPACES_BESIDE_MARK_MAX and start > 0 and _MARK_NEIGHBOUR.match(text, start - 1):
            spans.add((start, position))
    return sorted(spans)


def _stray(match: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of stray marks: every comma before another mark or a closing
    bracket or quote (,。 ,、 ,） -> the mark alone); doubled commas but one
    (,, -> ,; ,， -> ，); marks after 、 (、, 、、 -> 、)."""
    if match.group("extra"):
        return [match.span("extra")]
    start, end = match.span("commas")
    if _STRAY_FOLLOWS.match(match.string, end):
        return [(start, end)]
    if end - start < 2:
        return []
    # the comma that stays: a full-width one if the run has one (a stray ","
    # was put before the writer's "，"), else the first
    kept = match.string.find("，", start, end)
    if kept < 0:
        kept = start
    return [span for span in ((start, kept), (kept + 1, end)) if span[1] > span[0]]


# Chinese never stacks more than three ASCII marks ((((( and :::: are ASCII
# art, code or a separator): such runs are masked before anything is judged,
# which also keeps a page of brackets from costing a judgement per bracket.
MARK_RUN_MAX = 3
_MARK_RUN = re.compile(f"[,;:?!()]{{{MARK_RUN_MAX + 1},}}")


def _masked(text: str) -> str:
    """``text`` with runs of more than MARK_RUN_MAX ASCII marks made letters (same length)."""
    if _MARK_RUN.search(text) is None:
        return text
    return _MARK_RUN.sub(lambda match: "x" * len(match.group()), text)


def fix_punctuation_outcome(text: str) -> Outcome:
    """Edits removing stray and doubled commas -- in Chinese only: the run of
    marks holds a full-width mark (``750,，``), or follows a Han character, a
    full-width mark or a curly quote (``“新十条”,、``); ``(6,)``,
    ``(heading(),)`` and ``形状为（12,）`` are one-element tuples.  Runs of
    more than MARK_RUN_MAX ASCII marks stay, as in the width step."""
    if not any(pattern.search(text) for pattern in _TWO_MARKS):
        return Outcome([])
    text = _masked(text)
    edits = []
    for match in STRAY_COMMA.finditer(text):
        before = text[match.start() - 1 : match.start()]
        if text[match.start()] == "," and _tuple_comma(text, match.start()):
            continue  # (a full-width comma is no tuple's)
        term = _latin_letter(before) and _term_in_chinese(text, match.start())  # 不低于v,,城里
        # a comma before Chinese becomes full width next (750,,放 -> 750，，放): the same stray
        following = is_chinese(text[match.end() : match.end() + 1])
        if not (is_chinese(before) or (before and before in CJK_QUOTES) or term or following or not match.group().isascii()):
            continue
        for start, end in _stray(match):
            edits.append(Edit(start, end, "", "stray comma"))
    return Outcome(edits)


def fix_punctuation(text: str) -> str:
    """Remove stray and doubled commas.

    >>> fix_punctuation("12月11日,,示範區黨工委書記,、市委書記研究部署,。")
    '12月11日,示範區黨工委書記、市委書記研究部署。'
    """
    return apply_edits(text, fix_punctuation_outcome(text).edits)


def _chinese(char: str) -> bool:
    return bool(char) and _CHINESE_NEIGHBOUR.match(char) is not None


def _paren_positions(text: str) -> list[int]:
    """Positions of ASCII ( and ), in order."""
    positions = []
    for char in "()":
        position = text.find(char)
        while position >= 0:
            positions.append(position)
            position = text.find(char, position + 1)
    positions.sort()
    return positions


def _paren_partners(text: str, positions: list[int]) -> dict[int, int]:
    """Matching ( ) positions, both ways, within a line."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    previous = 0
    for position in positions:
        if stack and text.find("\n", previous, position) >= 0:
            stack.clear()  # a pair does not span lines
        previous = position
        if text[position] == "(":
            stack.append(position)
        elif stack:
            opening = stack.pop()
            partners[opening] = position
            partners[position] = opening
    return partners


def _outside_lines(positions: set[int], lines: list[tuple[int, int]]) -> set[int]:
    """``positions`` minus those inside ``lines`` (sorted spans)."""
    import bisect

    starts = [start for start, _ in lines]
    kept = set()
    for position in positions:
        index = bisect.bisect_right(starts, position) - 1
        if index < 0 or position >= lines[index][1]:
            kept.add(position)
    return kept


STRICT_SPACE = 1  # spaces allowed between a mark and the Chinese after it ("中文, 中文")


def _strict_positions(text: str) -> tuple[set[int], set[int]]:
    """Marks (and bracket pairs) between Chinese on both sides, and the spaces
    after them that go with them."""
    converted: set[int] = set()
    spaces: set[int] = set()
    if MARK.search(text):
        for run in re.finditer(r"[,;:?!]+", text):
            start, end = run.span()
            if not is_chinese(text[start - 1 : start]):
                continue
            after = end
            while after < len(text) and after - end < STRICT_SPACE and text[after] == " ":
                after += 1
            if is_chinese(text[after : after + 1]):
                converted.update(range(start, end))
                spaces.update(range(end, after))
    if "(" in text and ")" in text:
        partners = _paren_partners(text, _paren_positions(text))
        for opening, closing in partners.items():
            if text[opening] != "(" or closing - opening < 2:
                continue
            outside_left = text[opening - 1 : opening]
            outside_right = text[closing + 1 : closing + 2]
            if (
                is_chinese(outside_left)
                and is_chinese(text[opening + 1])
                and is_chinese(text[closing - 1])
                # a closing bracket may end the line: the pair is judged as one
                and (is_chinese(outside_right) or outside_right in ("", "\n") or closing + 1 in converted)
            ):
                converted.update((opening, closing))
    return converted, spaces


def fix_width_outcome(text: str, *, edits: bool = True, strict: bool = False) -> Outcome:
    """Edits for ASCII marks in Chinese context and full-width Latin letters and
    digits (with ``strict``, marks between Chinese only); without ``edits``, the
    new text itself (same result, faster).  Runs of more than MARK_RUN_MAX
    marks stay as they are."""
    masked = _masked(text)
    if masked is text:
        return _fix_width(text, edits=edits, strict=strict)
    # the masked text has the original's length and its marks outside the
    # runs: its edits are the original's
    found = _fix_width(masked, edits=True, strict=strict).edits
    if not edits:
        return Outcome([], text=apply_edits(text, found)) if found else Outcome([])
    return Outcome(found)


def _fix_width(text: str, *, edits: bool, strict: bool) -> Outcome:
    foreign = not_chinese_spans(text)
    if strict:
        converted, spaces = _strict_positions(text)
        if foreign:
            converted = _outside_lines(converted, foreign)
            spaces = {p for p in spaces if p - 1 in converted}
        found = [Edit(p, p + 1, ASCII_MARKS[text[p]], "full width") for p in sorted(converted)]
        found += [Edit(p, p + 1, "", "space beside mark") for p in sorted(spaces)]
        found.sort()
        if not edits:
            return Outcome([], text=apply_edits(text, found)) if found else Outcome([])
        return Outcome(found)
    converted: set[int] = set()
    # , ; : ? ! beside Chinese (past at most two spaces or line breaks)
    marks = ("," in text or ";" in text or ":" in text or "?" in text or "!" in text) and MARK.search(text) is not None
    if marks:
        converted = {m.start() for m in MARK_IN_CONTEXT.finditer(text)}
    others: list[int] = []
    partners: dict[int, int] = {}
    if "(" in text or ")" in text:
        found, others, partners = _parentheses(text)
        converted.update(found)
    if converted:
        if marks:
            others += [m.start() for m in MARK_OUT_OF_CONTEXT.finditer(text)]
        _spread(text, converted, others, partners)
        converted = {p for p in _not_touching_latin(text, converted, partners) if not (text[p] == "," and _tuple_comma(text, p))}
        if foreign:
            converted = _outside_lines(converted, foreign)
    alnum = FULLWIDTH_ALNUM.search(text) is not None
    found = [Edit(p, p + 1, ASCII_MARKS[text[p]], "full width") for p in sorted(converted)]
    found += [Edit(s, e, "", "space beside mark") for s, e in _spaces_beside_marks(text, converted)]
    if alnum:
        found.extend(Edit(m.start(), m.end(), _half_width(m), "half width") for m in FULLWIDTH_ALNUM.finditer(text))
    found.sort()
    if not edits:
        return Outcome([], text=apply_edits(text, found)) if found else Outcome([])
    return Outcome(found)


def _latin_text(text: str, start: int, end: int, step: int) -> bool:
    """From ``start`` (going left with ``step`` -1, right with +1), the
    characters touching the mark are Latin text of two words or more."""
    if not (0 <= start < end and _latin_letter(text[start])):
        return False  # nothing Latin touches the mark: the usual case, decided at once
    words = 0
    in_word = False
    position = start
    for _ in range(LATIN_REACH):
        if not 0 <= position < end:
            break
        char = text[position]
        if _latin_letter(char):
            if not in_word:
                words += 1
                in_word = True
        elif char in _LATIN_PHRASE_CHARS:
            in_word = False
        elif char not in _LATIN_WORD_CHARS:
            break
        position += step
    return words >= 2


def _tuple_comma(text: str, position: int) -> bool:
    """A one-element tuple's comma, ``(6,)`` ``（12,）`` ``(device_id, )``:
    right after a letter, digit or ``_``/``)``, right before a closing
    bracket (past spaces).  Neither stray nor Chinese punctuation."""
    before = text[position - 1 : position]
    if not before or not (before.isascii() and (before.isalnum() or before in "_)'\"")):
        return False
    after = position + 1
    while after < len(text) and text[after] == " ":
        after += 1
    return text[after : after + 1] in (")", "）")


def _term_in_chinese(text: str, end: int) -> bool:
    """The Latin word ending at ``end`` is set in Chinese: Chinese right
    before it (不低于v / 普通的SUV), not code around it (``(device_id,)``)."""
    start = end
    while start > 0 and end - start < LATIN_REACH and (_latin_letter(text[start - 1]) or text[start - 1].isdigit()):
        start -= 1
    return start > 0 and is_chinese(text[start - 1])


def _not_touching_latin(text: str, converted: set[int], partners: dict[int, int]) -> set[int]:
    """``converted`` without the marks Latin text touches, and without
    bracket pairs it touches on any side (``Road Runner(威利狼)``,
    ``组件(Attitude Control)``): Latin text keeps its marks."""
    dropped = set()
    for position in converted:
        if _latin_text(text, position - 1, len(text), -1) or _latin_text(text, position + 1, len(text), 1):
            dropped.add(position)
            if position in partners:
                dropped.add(partners[position])
    return converted - dropped if dropped else converted


def _half_width(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


def _neighbours(text: str, position: int) -> tuple[int, int]:
    """The nearest positions left and right of ``position`` past at most two
    spaces or line breaks (-1 when there is none)."""
    left = position - 1
    while left >= 0 and position - left <= 3 and text[left] in " \n":
        left -= 1
    right = position + 1
    while right < len(text) and right - position <= 3 and text[right] in " \n":
        right += 1
    left = left if left >= 0 and position - left <= 3 else -1
    right = right if right < len(text) and right - position <= 3 else -1
    return left, right


def _in_context(text: str, position: int) -> bool:
    left, right = _neighbours(text, position)
    return (left >= 0 and _chinese(text[left])) or (right >= 0 and _chinese(text[right]))


def _parentheses(text: str) -> tuple[list[int], list[int], dict[int, int]]:
    """(parentheses in Chinese context, the others that are not code, the
    pairs).  A pair changes together when either half is in Chinese context;
    brackets right after an identifier around ASCII are code."""
    positions = _paren_positions(text)
    partners = _paren_partners(text, positions)

    def code_call(position: int) -> bool:
        opening = position if text[position] == "(" else partners.get(position)
        if opening is None or text[opening] != "(":
            return False
        closing = partners.get(opening, opening)
        before = text[opening - 1 : opening]
        return bool(before) and before.isascii() and (before.isalnum() or before == "_") and text[opening + 1 : closing].isascii()

    found, others = [], []
    for position in positions:
        if code_call(position):
            continue
        partner = partners.get(position)
        if _in_context(text, position) or (partner is not None and _in_context(text, partner)):
            found.append(position)
        else:
            others.append(position)
    return found, others, partners


def _spread(text: str, converted: set[int], candidates: list[int], partners: dict[int, int]) -> None:
    """A mark beside a converted mark is in Chinese context too (好吗?! ->
    好吗？！, ，(, -> ，（，): what converting makes Chinese is judged again,
    so that a second run finds nothing more to do.  A walk from the converted
    marks to the candidates next to them (and to their bracket partners):
    each mark is visited once."""
    pending = {p for p in candidates if p not in converted}
    if not pending:
        return
    beside: dict[int, list[int]] = {}  # a position -> the candidates it is the neighbour of
    for position in pending:
        for neighbour in _neighbours(text, position):
            if neighbour >= 0:
                beside.setdefault(neighbour, []).append(position)
    frontier = list(converted)
    while frontier:
        position = frontier.pop()
        for candidate in beside.get(position, ()):
            if candidate in pending:
                pending.discard(candidate)
                converted.add(candidate)
                frontier.append(candidate)
                partner = partners.get(candidate)
                if partner is not None and partner not in converted:
                    converted.add(partner)
                    pending.discard(partner)
                    frontier.append(partner)


def fix_width(text: str) -> str:
    """Full-width punctuation in Chinese context; ASCII letters and digits.

    >>> fix_width("12月28日,河南省(郑州) 召开会议:好吗?! 共1,000人, 时间10:05, ＧＤＰ增长３%")
    '12月28日，河南省（郑州）召开会议：好吗？！共1,000人，时间10:05, GDP增长3%'
    >>> fix_width("Hello, world (test): ok? 3.5%")
    'Hello, world (test): ok? 3.5%'
    """
    return apply_edits(text, fix_width_outcome(text).edits)
