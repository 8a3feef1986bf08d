"""The numbers the mojibake arbiter decides by, measured.

1. True repairs: held-out snippets (2 to 12 characters, tests/data/heldout_zh.txt)
   damaged by every source read by every reader; for each, the candidate that
   spans the whole damaged snippet: its cost saved per character
   (``score.badness``), and whether two of its characters form a word.  The
   tenth percentile per kind bounds ``arbiter.MIN_GAIN_PER_CHAR``.
2. Wrong readings of clean text: every candidate the detectors find in the
   clean beds (benchmarks/mojibake_corpora.py) and in the held-out text that
   passes every test of the arbiter but the evidence one (size, words, gain
   per character): these are what the thresholds must reject.
3. The clean beds through ``fix_encoding``: lines changed (goal 0).

    python benchmarks/mojibake_corpora.py && python benchmarks/mojibake_fit.py
"""

from __future__ import annotations

import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from normalize_zh.mojibake import arbiter, detectors, fix_encoding_outcome  # noqa: E402
from tests.support.damage import heldout, sloppy, to_traditional  # noqa: E402

BEDS = HERE / "work" / "mojibake"
SOURCES = {"utf8": "utf-8", "gbk": "gbk", "big5": "big5", "sjis": "cp932"}
READERS = ("latin1", "cp1252", "cp1250", "cp1251", "cp1254", "gbk", "big5", "sjis")


def _damage(text: str, source: str, reader: str) -> str:
    data = text.encode(SOURCES[source])
    if reader == "latin1":
        return data.decode("latin-1")
    if reader.startswith("cp"):
        return sloppy(data, reader)
    return data.decode({"gbk": "gbk", "big5": "cp950", "sjis": "cp932"}[reader], errors="replace")


def _passes_all_but_evidence(candidate, line: str) -> bool:
    original = line[candidate.start : candidate.end]
    if "ftfy" in candidate.kind or candidate.gain < arbiter.MARGIN or not arbiter.looks_damaged(original, candidate.kind):
        return False
    language = "any" if candidate.kind.startswith("utf8-") else candidate.source or "zh"
    return arbiter.reads_as_text(candidate.text, language, candidate.gain, proven=True)


def main() -> int:
    random.seed(16)
    zh = heldout()
    ja = (BEDS / "ja-docs.txt").read_text(encoding="utf-8").splitlines() if (BEDS / "ja-docs.txt").exists() else []
    gains: dict[str, list[float]] = defaultdict(list)
    for source in SOURCES:
        base = {"big5": [to_traditional(t) for t in zh], "sjis": ja[:300]}.get(source, zh)
        if not base:
            continue
        for reader in READERS:
            if reader == source:
                continue
            kind = f"{source}-as-{reader}"
            for _ in range(300):
                text = random.choice(base)
                size = random.choice([2, 3, 4, 5, 6, 8, 12])
                start = random.randint(0, max(0, len(text) - size))
                snippet = text[start : start + size]
                try:
                    damaged = _damage(snippet, source, reader)
                except UnicodeEncodeError:
                    continue
                for c in detectors.line_candidates(damaged, None):
                    if c.kind == kind and c.start == 0 and c.end == len(damaged) and c.text == snippet:
                        size = max(1, sum(1 for ch in c.text if ch >= "\x80"))
                        gains[kind].append(c.gain / size)
    print("1. true repairs: cost saved per character")
    print(f"{'kind':18} {'n':>5} {'p10':>6} {'median':>7}")
    for kind in sorted(gains):
        values = sorted(gains[kind])
        if len(values) >= 10:
            print(f"{kind:18} {len(values):5} {values[len(values) // 10]:6.2f} {statistics.median(values):7.2f}")

    print("\n2. wrong readings of clean text that pass every test but the evidence one")
    wrong = []
    beds = sorted(BEDS.glob("*.txt")) if BEDS.exists() else []
    lines = [(path.stem, line) for path in beds for line in path.read_text(encoding="utf-8").splitlines()]
    lines += [("heldout", t) for t in zh] + [("heldout-traditional", to_traditional(t)) for t in zh]
    for bed, line in lines:
        for c in detectors.line_candidates(line, None):
            if _passes_all_but_evidence(c, line):
                size = max(1, sum(1 for ch in c.text if ch >= "\x80"))
                wrong.append((bed, c.kind, size, c.gain / size, line[c.start : c.end], c.text))
    print(f"{len(wrong)} of them; longer than one character:")
    for bed, kind, size, per, original, text in wrong:
        if size > 1:
            print(f"  {bed:20} {kind:16} {size:3} {per:6.2f}  {original!r} -> {text!r}")

    print("\n3. clean beds through fix_encoding: lines changed")
    for path in beds:
        bed_lines = path.read_text(encoding="utf-8").splitlines()
        changed = sum(1 for line in bed_lines if fix_encoding_outcome(line).edits)
        print(f"  {path.stem:14} {changed}/{len(bed_lines)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
