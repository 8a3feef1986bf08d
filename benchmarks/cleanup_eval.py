"""Document cleanup on pages the project has never seen.

Builds N articles from held-out real text (tests/support/documents.py), adds
page furniture and mid-sentence line breaks, runs normalize() (preset corpus)
and measures, per document:

* article CER: character error of the output against the clean article (both
  normalized with boilerplate and reflow off, white space ignored): what was
  lost of the article, or left of the furniture;
* paragraph count: whether the output has exactly the article's paragraphs
  (title, headings and paragraphs, one each);
* furniture left: furniture lines still present;
* clean unchanged: the clean article, with its own headings, comes back as it was.

    python benchmarks/cleanup_eval.py [-n 200] [--seed 7] [--bodies court] [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalize_zh import normalize, run  # noqa: E402
from tests.support.damage import cer  # noqa: E402
from tests.support.documents import damage_document, make_article  # noqa: E402


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def evaluate(count: int, seed: int, verbose: bool = False, bodies: tuple[str, ...] = ("court", "forum")) -> dict[str, float]:
    rng = random.Random(seed)
    errors = chars = exact = furniture_left = unchanged = 0
    worst = []
    for index in range(count):
        article = make_article(rng, bodies)
        damaged, furniture = damage_document(article, rng)
        reference = normalize(article.clean, boilerplate=False, reflow=False)
        result = run(damaged)
        output = result.text
        error = cer(_squash(output), _squash(reference))
        errors += error * len(_squash(reference))
        chars += len(_squash(reference))
        paragraphs = len([line for line in output.splitlines() if line.strip()])
        exact += paragraphs == article.paragraphs
        left = [line for line in furniture if normalize(line, boilerplate=False, reflow=False).strip() in output]
        furniture_left += bool(left)
        unchanged += normalize(reference) == reference
        if verbose and (error > 0.005 or paragraphs != article.paragraphs or left):
            worst.append((index, error, paragraphs, article.paragraphs, left, damaged, output))
    for index, error, got, want, left, damaged, output in worst[: None if verbose > 1 else 10]:
        print(f"--- doc {index}: CER {error:.3%}, paragraphs {got}/{want}, furniture left {left}")
        print(damaged[:600])
        print(">>>")
        print(output[:600])
    return {
        "documents": count,
        "article CER": errors / chars,
        "paragraph count exact": exact / count,
        "documents with furniture left": furniture_left / count,
        "clean articles unchanged": unchanged / count,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="show the first 10 failing documents (-vv: all)")
    parser.add_argument("--bodies", default="court,forum", help="paragraph sources: court (long, news-like), forum (short)")
    args = parser.parse_args(argv)
    for key, value in evaluate(args.n, args.seed, args.verbose, tuple(args.bodies.split(","))).items():
        print(f"{key:32} {value:.2%}" if isinstance(value, float) else f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
