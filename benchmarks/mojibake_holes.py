"""How rightly each rule would fill a hole (a character whose byte was lost).

Held-out paragraphs (tests/data/heldout_zh.txt) are damaged by each lossy
reading (Python's decoders with replacement).  For every hole the detectors
open, with the true character known, each rule is asked to fill it:

    bytes   one candidate only
    word    exactly one candidate forms a word with its neighbours
    both    ... and that one forms words on both sides (the rule holes.settle keeps)

and the table shows, per reading and size of the candidate set, how many
holes each rule fills and how many of those rightly.  ``holes.MAX_SETTLED_BY_WORD``
and the choice of "both" rest on it.

    python benchmarks/mojibake_holes.py
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalize_zh.mojibake import detectors, holes  # noqa: E402
from tests.support.damage import big5_bytes, heldout  # noqa: E402

CASES = {
    "utf8-as-gbk": (lambda s: s.encode("utf-8").decode("gbk", "replace"), lambda s: s),
    "utf8-as-gb18030": (lambda s: s.encode("utf-8").decode("gb18030", "replace"), lambda s: s),
    "gbk-as-big5": (lambda s: s.encode("gbk").decode("cp950", "replace"), lambda s: s),
    "big5-as-gbk": (lambda s: big5_bytes(s).decode("gbk", "replace"), lambda s: big5_bytes(s).decode("big5")),
    "utf8-as-sjis": (lambda s: s.encode("utf-8").decode("cp932", "replace"), lambda s: s),
    "utf8-as-big5": (lambda s: s.encode("utf-8").decode("cp950", "replace"), lambda s: s),
    "utf8-as-cp1252": (lambda s: s.encode("utf-8").decode("cp1252", "replace"), lambda s: s),
}


def _bucket(size: int) -> str:
    return "1" if size == 1 else "2-4" if size <= 4 else "5-8" if size <= 8 else "9-16" if size <= 16 else ">16"


def main() -> int:
    settle = holes.settle
    detectors.holes.settle = lambda text, lost: (text, lost)  # open every hole, fill none
    try:
        table: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for kind, (damage, truth) in CASES.items():
            for text in heldout():
                expected = truth(text)
                for candidate in detectors.line_candidates(damage(text), None):
                    if candidate.kind.replace("gb18030", "gbk") != kind.replace("gb18030", "gbk"):
                        continue
                    pattern = "".join("." if c == "\ufffd" else re.escape(c) for c in candidate.text)
                    found = re.search(pattern, expected)
                    if found is None:
                        continue
                    chars = list(candidate.text)
                    for item in candidate.lost:
                        if item.lost_bytes != 1 or not item.candidates:
                            continue
                        right = found.group()[item.offset]
                        key = (kind, _bucket(len(item.candidates)))
                        counts[key] += 1
                        before, after = holes._known_around(chars, item.offset)
                        sides = {c: holes._words_around(before, c, after) for c in item.candidates}
                        worded = [c for c, s in sides.items() if any(s)]
                        picks = {
                            "bytes": item.candidates[0] if len(item.candidates) == 1 else None,
                            "word": worded[0] if len(worded) == 1 else None,
                            "both": worded[0] if len(worded) == 1 and all(sides[worded[0]]) else None,
                        }
                        for rule, pick in picks.items():
                            if pick is not None:
                                table[key][rule][0] += 1
                                table[key][rule][1] += pick == right
    finally:
        detectors.holes.settle = settle
    print(f"{'reading':16} {'candidates':>10} {'holes':>6} | {'bytes':>11} {'word':>11} {'both':>11}   (filled/right)")
    for key in sorted(counts):
        cells = " ".join(f"{table[key][rule][0]:5}/{table[key][rule][1]:<5}" for rule in ("bytes", "word", "both"))
        print(f"{key[0]:16} {key[1]:>10} {counts[key]:6} | {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
