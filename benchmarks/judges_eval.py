"""Line-break decisions on the judges' held-out sources: main's re-flow
(hand-set weights, read from ``git show main:src/normalize_zh/reflow.py``)
beside this tree's fitted judge (``reflow.rejoin_lines``).

    python scripts/build_corpus.py   # once: benchmarks/work/corpus/ from the mirrors
    python benchmarks/judges_eval.py [--split test] [--baseline main] [--show LAYOUT]

For every document of the split (benchmarks/corpus_manifest.tsv; classical
prose, docs, blog, news; verse only where the pipeline would read it as
prose) in every layout of scripts/damage.py:

* clean layouts: the share of documents whose text comes back exactly;
* damaged layouts: the share of documents whose lines come back exactly as
  the clean text's ("paragraphs exact"), and the line-aware character error
  (each wrong or missing line break counts as one character).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from damage import renderings  # noqa: E402
from fit_judges import SOURCE_WRAPS, WRAPPED_DOCUMENTS  # noqa: E402

from normalize_zh import kinds, reflow  # noqa: E402

CORPUS = ROOT / "benchmarks" / "work" / "corpus" / "clean.jsonl"


def baseline(ref: str, name: str = "reflow"):
    """The module ``name`` (reflow or boilerplate) of git ref ``ref`` (None when it cannot be read)."""
    import sys as _sys

    try:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:src/normalize_zh/{name}.py"], check=True, capture_output=True, text=True
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    if name == "boilerplate":  # it reads the column helpers of its own tree's reflow
        old = baseline(ref, "reflow")
        if old is None:
            return None
        _sys.modules[f"normalize_zh._reflow_{ref}"] = old
        source = source.replace("from .reflow import", f"from ._reflow_{ref} import")
    spec = importlib.util.spec_from_loader(f"normalize_zh._{name}_{ref}", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "normalize_zh"
    _sys.modules[spec.name] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:{name}.py", "exec"), module.__dict__)
    return module


def _lines(text: str) -> list[str]:
    return ["".join(line.split()) for line in text.split("\n") if line.strip()]


def _expected(doc_id: str, text: str, labels: list[int]) -> list[str]:
    """The lines the clean text has: the rendering's wraps joined, and the
    source's own wraps (scripts/source_wraps.tsv) too."""
    lines = _lines(text)
    out = [lines[0]]
    for line, label in zip(lines[1:], labels):
        if label or (doc_id, f"{out[-1][-8:]}|{line[:8]}") in SOURCE_WRAPS:
            out[-1] += line
        else:
            out.append(line)
    return out


def line_cer(got: list[str], expected: list[str]) -> tuple[int, int]:
    """Edit distance between the texts with their line breaks (each wrong or
    missing break one character), and the reference's length."""
    from rapidfuzz.distance import Levenshtein

    reference = "\n".join(expected)
    return Levenshtein.distance("\n".join(got), reference), len(reference)


def evaluate(split: str, rejoiners: dict, show: str | None = None) -> dict:
    docs = [json.loads(line) for line in open(CORPUS, encoding="utf-8")]
    docs = [doc for doc in docs if doc["split"] == split]
    results: dict = {}
    for name, rejoin in rejoiners.items():
        stats: dict[str, list[float]] = {}
        for doc in docs:
            rng = random.Random(doc["id"])
            for layout, text, labels in renderings(doc, rng):
                if kinds.sniff(text) != "prose":
                    continue  # the pipeline never re-flows it
                output = rejoin(text)
                expected = _expected(doc["id"], text, labels)
                got = _lines(output)
                s = stats.setdefault(layout, [0, 0, 0, 0, 0])
                s[0] += 1
                s[1] += got == expected
                s[2] += output == text
                errors, size = line_cer(got, expected)
                s[3] += errors
                s[4] += size
                if show == layout and got != expected and name != "main":
                    print(f"--- {doc['id']} ({layout})")
                    for line in got:
                        if line not in expected:
                            print("  got:", line[:80])
                    for line in expected:
                        if line not in got:
                            print("  want:", line[:80])
        results[name] = {
            layout: {"documents": s[0], "lines exact": s[1] / s[0], "strict": s[2] / s[0], "cer": s[3] / max(1, s[4])}
            for layout, s in sorted(stats.items())
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--baseline", default="main", help="git ref whose reflow.py to compare with ('' for none)")
    parser.add_argument("--show", help="print the documents of this layout that do not come back exact")
    args = parser.parse_args(argv)
    rejoiners = {}
    old = baseline(args.baseline) if args.baseline else None
    if old is not None:
        rejoiners[args.baseline] = old.rejoin_lines
    rejoiners["fitted"] = reflow.rejoin_lines
    for name, layouts in evaluate(args.split, rejoiners, args.show).items():
        print(name)
        for layout, s in layouts.items():
            extra = f"  text unchanged {s['strict']:.1%}" if layout.startswith("clean") else ""
            print(f"  {layout:13} {s['documents']:4} documents  lines exact {s['lines exact']:.1%}  line-aware CER {s['cer']:.4f}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
