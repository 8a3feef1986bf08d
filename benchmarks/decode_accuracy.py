"""Decoding accuracy on short snippets: normalize-zh against charset-normalizer.

Every seed is cut into consecutive snippets of N characters (white space
removed); each snippet is encoded in GB2312, GBK, GB18030 and Big5 (snippets an
encoding cannot represent are skipped for it) and decoded back by
``normalize_zh.decode.detect`` and by ``charset_normalizer.from_bytes(...).best()``.
A snippet counts as right when the decoded text equals the original exactly.

    python benchmarks/decode_accuracy.py            # 10-character snippets
    python benchmarks/decode_accuracy.py --length 20
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from charset_normalizer import from_bytes

from normalize_zh.decode import detect

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ENCODINGS = ("gb2312", "gbk", "gb18030", "big5")


def snippets(length: int) -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("0*.txt")):
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        out.extend(text[i : i + length] for i in range(0, len(text) - length + 1, length))
    return [s for s in out if not s.isascii()]


def charset_normalizer_text(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return None if best is None else str(best)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=10)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)
    pieces = snippets(args.length)
    print(f"{args.length}-character snippets of the seeds; exact round trips")
    print(f"{'encoding':10} {'snippets':>8} {'normalize-zh':>13} {'charset-normalizer':>19}")
    worst = 1.0
    for encoding in ENCODINGS:
        total = ours = theirs = 0
        for piece in pieces:
            try:
                data = piece.encode(encoding)
            except UnicodeEncodeError:
                continue
            total += 1
            got = detect(data).text
            ours += got == piece
            theirs += charset_normalizer_text(data) == piece
            if args.show_failures and got != piece:
                print(f"  {encoding}: {piece!r} -> {got!r}")
        worst = min(worst, ours / total)
        print(f"{encoding:10} {total:8d} {ours / total:13.2%} {theirs / total:19.2%}")
    return 0 if worst >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
