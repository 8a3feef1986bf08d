"""Extraction debris on pages the project has never seen: scraped news pages
and PDF/print extractions built from held-out text.

    python benchmarks/debris_eval.py [-n 200] [--seed 5]

For each kind of page: the article's character error rate after
normalization (against the clean article, white space ignored), the share of
documents that come back exact, and how often each debris kind was added and
each step changed something; then the share of clean articles unchanged.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalize_zh import normalize, run  # noqa: E402
from tests.support.damage import cer  # noqa: E402
from tests.support.debris import news_page, pdf_extraction  # noqa: E402
from tests.support.documents import make_article  # noqa: E402


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def evaluate(count: int, seed: int) -> dict:
    rng = random.Random(seed)
    report = {}
    for name, make in (("news pages", news_page), ("pdf extractions", pdf_extraction)):
        errors = chars = exact = 0
        added: collections.Counter[str] = collections.Counter()
        reasons: collections.Counter[str] = collections.Counter()
        for _ in range(count):
            article = make_article(rng)
            reference = normalize(article.clean, boilerplate=False, reflow=False)
            damaged, counts = make(article, rng)
            result = run(damaged)
            errors += cer(_squash(result.text), _squash(reference)) * len(_squash(reference))
            chars += len(_squash(reference))
            exact += _squash(result.text) == _squash(reference)
            added.update({kind: n for kind, n in counts.items() if n})
            for change in result.changes:
                if change.step in ("strip_markup", "fix_escapes", "fix_spacing", "fix_repeats") or (
                    change.step == "boilerplate" and change.reason.split(":")[0] in ("template line", "advert", "keyword stuffing")
                ):
                    reasons[f"{change.step}: {change.reason.split(':')[0]}"] += 1
        report[name] = {"cer": errors / chars, "exact": exact / count, "added": dict(added), "changes": dict(reasons)}
    unchanged = 0
    for _ in range(count):
        article = make_article(rng)
        clean = normalize(article.clean, boilerplate=False, reflow=False)
        unchanged += normalize(clean) == clean
    report["clean unchanged"] = unchanged / count
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    report = evaluate(args.n, args.seed)
    for name in ("news pages", "pdf extractions"):
        part = report[name]
        print(f"{name}: {args.n} documents, article CER {part['cer']:.2%}, exact {part['exact']:.1%}")
        print("  debris added (documents or items): " + ", ".join(f"{k} {v}" for k, v in sorted(part["added"].items())))
        print("  changes made: " + ", ".join(f"{k} {v}" for k, v in sorted(part["changes"].items())))
    print(f"clean articles unchanged: {report['clean unchanged']:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
