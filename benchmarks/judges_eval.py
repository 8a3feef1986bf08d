"""Line-break decisions on the judges' held-out sources: today's re-flow
(reflow.rejoin_lines, hand-set weights) beside the fitted judge (breaks.rejoin_lines).

    python scripts/build_corpus.py   # once: benchmarks/work/corpus/ from the mirrors
    python benchmarks/judges_eval.py [--split test]

For every document of the split (benchmarks/corpus_manifest.tsv; verse,
classical prose, docs, blog, news) in every layout of scripts/damage.py:

* clean layouts: the share of documents whose lines come back exactly (the
  same non-empty lines; ``strict``: the same text, blank lines and all);
* damaged layouts: the share of documents whose lines come back exactly as
  the clean text's, and the line-aware character error (each wrong or
  missing line break counts as one character).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from damage import renderings  # noqa: E402

from normalize_zh import breaks, reflow  # noqa: E402

CORPUS = ROOT / "benchmarks" / "work" / "corpus" / "clean.jsonl"


def _lines(text: str) -> list[str]:
    return ["".join(line.split()) for line in text.split("\n") if line.strip()]


def _expected(text: str, labels: list[int]) -> list[str]:
    lines = _lines(text)
    out = [lines[0]]
    for line, label in zip(lines[1:], labels):
        if label:
            out[-1] += line
        else:
            out.append(line)
    return out


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def evaluate(split: str) -> dict:
    docs = [json.loads(line) for line in open(CORPUS, encoding="utf-8")]
    docs = [doc for doc in docs if doc["split"] == split]
    results: dict = {}
    for name, rejoin in (("reflow (hand-set)", reflow.rejoin_lines), ("breaks (fitted)", breaks.rejoin_lines)):
        stats: dict[str, list[float]] = {}
        for doc in docs:
            rng = random.Random(doc["id"])
            for layout, text, labels in renderings(doc, rng):
                output = rejoin(text)
                expected = _expected(text, labels)
                got = _lines(output)
                s = stats.setdefault(layout, [0, 0, 0, 0, 0])
                s[0] += 1
                s[1] += got == expected
                s[2] += output == text
                reference = "\n".join(expected)
                s[3] += _distance("\n".join(got), reference)
                s[4] += len(reference)
        results[name] = {
            layout: {"documents": s[0], "lines exact": s[1] / s[0], "strict": s[2] / s[0], "cer": s[3] / s[4]}
            for layout, s in sorted(stats.items())
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    args = parser.parse_args(argv)
    for name, layouts in evaluate(args.split).items():
        print(name)
        for layout, s in layouts.items():
            extra = f"  text unchanged {s['strict']:.1%}" if layout.startswith("clean") else ""
            print(f"  {layout:13} {s['documents']:4} documents  lines exact {s['lines exact']:.1%}  line-aware CER {s['cer']:.4f}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
