"""Punctuation: stray and doubled marks, and width in Chinese context.

``fix_punctuation``: content farms leave a comma before another mark
(``12月11日,,示范区`` ``書記,、市委`` ``部署,。``); the comma goes.  A comma
before a closing bracket goes too, and before a closing quote when the quote
is followed by more punctuation or the end of the line (``“…，”他说`` is
correct Chinese and stays).

``fix_width``: in Chinese context -- a Han character, or a full-width mark,
right next to it -- ASCII ``, ; : ( ) ? !`` become ``，；：（）？！``.  A pair of
parentheses changes together when either half is in Chinese context.  A mark
one or two spaces away from Chinese is in Chinese context too.  Spaces beside
full-width marks go (full-width marks carry their own spacing).  Full-width Latin letters and
digits become ASCII.  Numbers (``1,000`` ``10:05`` ``3.5%``), Latin text and,
through the pipeline's protected spans, URLs keep their ASCII; so do brackets
right after an identifier around ASCII (``print(x)``: code).
"""

from __future__ import annotations

import re

from .edits import Edit, Outcome, apply_edits

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
FULLWIDTH_MARKS = "，。、；：？！（）《》〈〉【】「」『』“”‘’…—"
_FW = "，。、；：？！（）《》〈〉【】「」『』…—"  # without quotes: those also serve English

STRAY_COMMA = re.compile(
    r"[,，]+(?=[、。；？！;?!])"  # a comma before another mark
    r"|(?<=[,，])[,，]+"  # doubled commas: keep the first
    r"|[,，](?=[）)】》」』])"  # a comma stuck to a closing bracket
    r"|[,，](?=[”’](?:[，。、；：？！,;:?!]|$))"  # ... or to a closing quote ending the clause
    r"|(?<=、)[,，、]+",  # 、, and 、、
    re.M,
)

ASCII_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
MARK = re.compile(r"[,;:?!()]")
FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_CHINESE_NEIGHBOUR = re.compile(f"[{HAN}{_FW}]")
SPACE_AROUND_MARK = re.compile(
    f"(?<=[{HAN}0-9A-Za-z{FULLWIDTH_MARKS}])[ \u00a0]+(?=[{_FW}])|(?<=[{_FW}])[ \u00a0]+(?=[{HAN}0-9A-Za-z{_FW}])"
    f"|(?<=[{HAN}])[ \u00a0]+(?=[“‘])|(?<=[”’])[ \u00a0]+(?=[{HAN}])"
)


def fix_punctuation_outcome(text: str) -> Outcome:
    """Edits removing stray and doubled commas."""
    if "," not in text and "，" not in text and "、、" not in text:
        return Outcome([])
    return Outcome(
        [Edit(m.start(), m.end(), "", "stray comma") for m in STRAY_COMMA.finditer(text)]
    )


def fix_punctuation(text: str) -> str:
    """Remove stray and doubled commas.

    >>> fix_punctuation("12月11日,,示範區黨工委書記,、市委書記研究部署,。")
    '12月11日,示範區黨工委書記、市委書記研究部署。'
    """
    return apply_edits(text, fix_punctuation_outcome(text).edits)


def _chinese(char: str) -> bool:
    return bool(char) and _CHINESE_NEIGHBOUR.match(char) is not None


def _paren_partners(text: str) -> dict[int, int]:
    """Matching ( ) positions, both ways, line by line."""
    partners: dict[int, int] = {}
    stack: list[int] = []
    for match in re.finditer(r"[()\n]", text):
        char = match.group()
        if char == "\n":
            stack.clear()
        elif char == "(":
            stack.append(match.start())
        elif stack:
            opening = stack.pop()
            partners[opening] = match.start()
            partners[match.start()] = opening
    return partners


def fix_width_outcome(text: str) -> Outcome:
    """Edits for ASCII marks in Chinese context and full-width Latin letters and digits."""
    edits: list[Edit] = []
    marks = list(MARK.finditer(text))
    if marks:
        partners = _paren_partners(text) if "(" in text or ")" in text else {}

        def in_context(position: int) -> bool:
            # the nearest character on each side, past at most two spaces
            left = text[max(0, position - 3) : position].rstrip(" ")[-1:]
            right = text[position + 1 : position + 4].lstrip(" ")[:1]
            return _chinese(left) or _chinese(right)

        def code_call(position: int) -> bool:
            """print(x): brackets right after an identifier, around ASCII: code."""
            opening = position if text[position] == "(" else partners.get(position)
            if opening is None or text[opening] != "(":
                return False
            closing = partners.get(opening, opening)
            before = text[opening - 1 : opening]
            return bool(before) and (before.isascii() and (before.isalnum() or before == "_")) and text[opening + 1 : closing].isascii()

        converted: set[int] = set()
        for match in marks:
            position = match.start()
            partner = partners.get(position)
            if match.group() in "()" and code_call(position):
                continue
            if in_context(position) or (partner is not None and in_context(partner)):
                converted.add(position)
        # a mark next to a converted mark is in Chinese context too (好吗?! -> 好吗？！)
        for match in marks:
            position = match.start()
            if position not in converted and (position - 1 in converted or position + 1 in converted):
                if text[position] not in "()":
                    converted.add(position)
        for position in sorted(converted):
            mark = text[position]
            edits.append(Edit(position, position + 1, ASCII_MARKS[mark], "full width"))
    if FULLWIDTH_ALNUM.search(text):
        edits.extend(
            Edit(m.start(), m.end(), chr(ord(m.group()) - 0xFEE0), "half width")
            for m in FULLWIDTH_ALNUM.finditer(text)
        )
    if edits:
        # spaces beside marks are judged on the text as it will be
        interim = apply_edits(text, sorted(edits))
        if SPACE_AROUND_MARK.search(interim):
            from .edits import PositionMap

            back = PositionMap(sorted(edits))
            for match in SPACE_AROUND_MARK.finditer(interim):
                edits.append(Edit(back.back(match.start()), back.back(match.start()) + len(match.group()), "", "space beside mark"))
    elif SPACE_AROUND_MARK.search(text):
        edits.extend(Edit(m.start(), m.end(), "", "space beside mark") for m in SPACE_AROUND_MARK.finditer(text))
    edits.sort()
    return Outcome(edits)


def fix_width(text: str) -> str:
    """Full-width punctuation in Chinese context; ASCII letters and digits.

    >>> fix_width("12月28日,河南省(郑州) 召开会议:好吗?! 共1,000人, 时间10:05, ＧＤＰ增长３%")
    '12月28日，河南省（郑州）召开会议：好吗？！共1,000人，时间10:05, GDP增长3%'
    >>> fix_width("Hello, world (test): ok? 3.5%")
    'Hello, world (test): ok? 3.5%'
    """
    return apply_edits(text, fix_width_outcome(text).edits)
