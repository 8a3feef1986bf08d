"""ftfy's own readings of a line, as candidates among ours.

ftfy knows UTF-8 read as Latin-1, cp1252, MacRoman, cp437 and more, lossy
and sloppy, and double encodings; it is asked about stretches without CJK
characters (no mojibake it knows holds them), and each stretch it changes
is one candidate, judged beside the others by the arbiter.
"""

from __future__ import annotations

import re

from .detectors import Candidate, make_candidate

# What ftfy's mojibake is made of (Latin-1 and Windows code page letters and
# symbols, C1 controls, box drawing, MacRoman's math symbols), minus what
# Chinese text itself uses: a segment without any has nothing for ftfy.
FTFY_SUSPECTS = re.compile(
    "[\x80-\xb6\xb8-\xd6\xd8-\xf6\xf8-\u024f\u0370-\u04ff\u2020-\u2022\u2030-\u20ac\u2122\u2200-\u22ff"
    "\u2500-\u257f\u25ca\u2039\u203a\u2044\uf8ff\ufb01\ufb02\ufffd]"
)
# ftfy is asked about stretches without Han, kana, Hangul or CJK punctuation
# (no mojibake ftfy knows contains them).
_NOT_CJK = re.compile("[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]+")


def ftfy_candidates(line: str) -> list[Candidate]:
    """ftfy's repairs of ``line`` (UTF-8 read as Latin-1, cp1252, MacRoman,
    cp437, ...; double encodings), one candidate per stretch it changed."""
    if not FTFY_SUSPECTS.search(line):
        return []
    import ftfy  # imported lazily: most text never needs it

    found = []
    for match in _NOT_CJK.finditer(line):
        segment = match.group()
        if not FTFY_SUSPECTS.search(segment):
            continue
        fixed, plan = ftfy.fix_encoding_and_explain(segment)
        if fixed == segment:
            continue
        head = 0
        while head < min(len(segment), len(fixed)) and segment[head] == fixed[head]:
            head += 1
        tail = 0
        while tail < min(len(segment), len(fixed)) - head and segment[-1 - tail] == fixed[-1 - tail]:
            tail += 1
        start, end = match.start() + head, match.end() - tail
        found.append(make_candidate(line, start, end, fixed[head : len(fixed) - tail], _ftfy_kind(plan)))
    return found


def _ftfy_kind(plan) -> str:
    steps = [step for step in plan or [] if step[0] in ("encode", "decode")]
    encodings = [name for action, name in steps if action == "encode"]
    if encodings:
        name = encodings[0].replace("sloppy-windows-", "cp").replace("latin-1", "latin1")
        return f"utf8-as-{name} (ftfy)"
    return "ftfy"
