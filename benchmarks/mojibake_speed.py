"""Speed of mojibake repair and decoding, beside ftfy, on the same input, in one process.

    python benchmarks/mojibake_speed.py [--size MB] [--rounds N] [--long-line MB]

Inputs, each repeated to about ``--size`` MB of UTF-8 (default 1), built from
the seeds (normalized) and the held-out paragraphs:

    clean simplified, clean traditional (OpenCC s2t), code with Chinese
    comments, UTF-8 read as GBK (Python's GBK decoder with replacement),
    UTF-8 read as GB18030, GBK read as Latin-1, Big5 read as GBK

Each is run through ``mojibake.fix_encoding_outcome`` and ``ftfy.fix_text``
(defaults), one document per paragraph-sized piece, rounds interleaved; the
CPU time of the fastest round counts.  The ratio column is our throughput over
ftfy's (above 1: faster than ftfy).

Worst cases: one line of ``--long-line`` MB (default 5) and a tenth of it, of
UTF-8 read as GBK (growth exponent between the two: 1.0 is linear), and 1 MB
of random bytes through ``normalize_bytes`` (with the number of flags).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))


def _documents() -> list[str]:
    from normalize_zh import normalize
    from tests.support.damage import heldout

    seeds = [normalize(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("0*.txt"))]
    paragraphs = [p for seed in seeds for p in seed.split("\n\n") if p.strip()]
    return paragraphs + heldout()


def _code(documents: list[str]) -> list[str]:
    """Source files whose comments and strings are Chinese sentences."""
    out = []
    for index, text in enumerate(documents):
        lines = [f"def step_{index}(value):", f"    # {text[:60]}", f"    message = \"{text[60:100]}\"",
                 "    if value is None:", "        return {'ok': False, 'error': message}", f"    return value * {index}  # {text[100:140]}"]
        out.append("\n".join(lines) + "\n")
    return out


def _inputs(size_mb: float) -> dict[str, list[str]]:
    from tests.support.damage import to_traditional

    base = _documents()
    kinds = {
        "clean simplified": base,
        "clean traditional": [to_traditional(d) for d in base],
        "code with Chinese comments": _code(base),
        "UTF-8 read as GBK": [d.encode("utf-8").decode("gbk", errors="replace") for d in base],
        "UTF-8 read as GB18030": [d.encode("utf-8").decode("gb18030", errors="replace") for d in base],
        "GBK read as Latin-1": [d.encode("gbk", errors="ignore").decode("latin-1") for d in base],
        "Big5 read as GBK": [to_traditional(d).encode("big5", errors="ignore").decode("gb18030", errors="replace") for d in base],
    }
    out = {}
    for name, documents in kinds.items():
        size = sum(len(d.encode("utf-8")) for d in documents)
        out[name] = documents * max(1, math.ceil(size_mb * 1e6 / size))
    return out


def _seconds(function, documents: list[str]) -> float:
    start = time.process_time()
    for document in documents:
        function(document)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long-line", type=float, default=5.0)
    args = parser.parse_args(argv)

    import ftfy

    from normalize_zh import normalize_bytes
    from normalize_zh.mojibake import fix_encoding_outcome

    tools = {"normalize-zh": lambda text: fix_encoding_outcome(text), "ftfy": ftfy.fix_text}
    inputs = _inputs(args.size)
    for documents in inputs.values():  # tables and codecs load once
        for function in tools.values():
            function(documents[0])
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.rounds):
        for name, documents in inputs.items():
            for tool, function in tools.items():
                seconds = _seconds(function, documents)
                best[(name, tool)] = min(best.get((name, tool), math.inf), seconds)
    print(f"{'input':28} {'MB':>6} {'ours MB/s':>10} {'ftfy MB/s':>10} {'ours/ftfy':>10}")
    for name, documents in inputs.items():
        mb = sum(len(d.encode("utf-8")) for d in documents) / 1e6
        ours, theirs = best[(name, "normalize-zh")], best[(name, "ftfy")]
        print(f"{name:28} {mb:6.2f} {mb / ours:10.2f} {mb / theirs:10.2f} {theirs / ours:10.2f}")

    line = "".join(d.replace("\n", " ") for d in inputs["UTF-8 read as GBK"])
    times = {}
    for size in (args.long_line / 10, args.long_line):
        text = (line * math.ceil(size * 1e6 / len(line.encode("utf-8"))))
        text = text[: int(size * 1e6 / 3)]
        times[size] = _seconds(fix_encoding_outcome, [text])
        print(f"one line of {size:.1f} MB, UTF-8 read as GBK: {times[size]:.2f} s")
    small, large = sorted(times)
    if times[small] > 0:
        print(f"growth exponent: {math.log(times[large] / times[small]) / math.log(large / small):.2f}")

    noise = random.Random(16).randbytes(1_000_000)
    start = time.process_time()
    from normalize_zh import run

    result = run(noise, "minimal")
    print(f"1 MB of random bytes through run(..., 'minimal'): {time.process_time() - start:.2f} s, {len(result.flags)} flags")
    start = time.process_time()
    normalize_bytes(noise)
    print(f"1 MB of random bytes through normalize_bytes: {time.process_time() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
