"""normalize() against ftfy.fix_text, interleaved in one process.

The seeds (damaged) and their normalized output (clean) are each used in two
forms: every seed 20 times ("each x20") and the seeds joined 20 times into one
text ("joined x20").  Rounds alternate ftfy and normalize-zh on the same input,
so the machine's load hits both alike; times are this process's CPU time,
and the median ratio over the rounds is reported.  Goals (issue 7): at least 2x ftfy on damaged text, 4x on clean.

    python benchmarks/throughput.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import ftfy

from normalize_zh import normalize

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def inputs() -> dict[str, list[str]]:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("0*.txt"))]
    clean = [normalize(text) for text in seeds]
    return {
        "damaged each x20": seeds * 20,
        "damaged joined x20": ["\n".join(seeds * 20)],
        "clean each x20": clean * 20,
        "clean joined x20": ["\n".join(clean * 20)],
    }


def seconds(function, texts: list[str]) -> float:
    """CPU seconds of this process: a shared machine's stolen time does not count."""
    start = time.process_time()
    for text in texts:
        function(text)
    return time.process_time() - start


def measure(rounds: int) -> list[tuple[str, float, float, float]]:
    """(input, ftfy MB/s, normalize-zh MB/s, median ratio) per input."""
    rows = []
    for name, texts in inputs().items():
        size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        seconds(normalize, texts[:1])  # warm: tables and converters load once per process
        seconds(ftfy.fix_text, texts[:1])
        ratios, ours, theirs = [], [], []
        for _ in range(rounds):
            f = seconds(ftfy.fix_text, texts)
            n = seconds(normalize, texts)
            ratios.append(f / n)
            ours.append(n)
            theirs.append(f)
        rows.append((name, size / statistics.median(theirs), size / statistics.median(ours), statistics.median(ratios)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    print(f"{'input':20} {'ftfy MB/s':>10} {'normalize-zh MB/s':>18} {'ratio':>7}")
    for name, theirs, ours, ratio in measure(args.rounds):
        print(f"{name:20} {theirs:10.2f} {ours:18.2f} {ratio:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
