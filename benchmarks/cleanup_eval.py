"""Document cleanup on pages the project has never seen.

Two parts (``--part real``, ``--part synthetic``, both by default):

Real pages held out by source (``benchmarks/work/corpus``, scripts/build_corpus.py;
the test split of benchmarks/corpus_manifest.tsv's sources):

* boilerplate: the real scraped pages (immortal-autumn/Chinese-Web-Content-
  Extraction-Dataset's pages with their hand-cut bodies, the provinces' 2026
  government work reports) through the boilerplate step alone; the line-aware
  character error against the body (each line a line; white space within a line
  ignored; every wrong or missing line break counts one character), untouched,
  with main's boilerplate and with this tree's;
* re-flow: the held-out sources' clean documents broken the ways
  scripts/damage.py breaks them, through the re-flow step alone: line-aware
  character error, and the share of documents broken like seed 000 (paragraphs
  split by blank lines at any point) whose paragraphs come back exactly;
* clean documents: the held-out sources' clean documents through the corpus
  preset: the share that comes back as it went in, as far as boilerplate and
  re-flow go (the text normalized with both off is the reference).

Synthetic pages: N articles built from held-out text (tests/support/documents.py),
furniture added around and inside them and lines broken mid-sentence, through
normalize() (preset corpus): article CER, paragraph count exact, furniture left,
clean articles unchanged.

    python benchmarks/cleanup_eval.py [--part real|synthetic] [-n 200] [--seed 7] [--baseline main] [-v]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

from normalize_zh import boilerplate, kinds, normalize, reflow, run  # noqa: E402
from tests.support.damage import cer  # noqa: E402
from tests.support.documents import damage_document, make_article  # noqa: E402

CORPUS = ROOT / "benchmarks" / "work" / "corpus"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def line_text(text: str) -> str:
    """The text's non-empty lines, white space within them dropped, one line break between."""
    return "\n".join(line for line in (re.sub(r"[\s\ue000-\uf8ff]+", "", raw) for raw in text.split("\n")) if line)


def line_cer(output: str, reference: str) -> tuple[int, int]:
    from rapidfuzz.distance import Levenshtein

    got, want = line_text(output), line_text(reference)
    return Levenshtein.distance(got, want), len(want)


def _load(name: str) -> list[dict]:
    with open(CORPUS / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def real_boilerplate(split: str, baseline: str | None) -> dict:
    pages = [p for p in _load("pages.jsonl") if p["split"] == split]
    strippers = {"untouched": lambda text: text, "fitted": boilerplate.strip_boilerplate}
    if baseline:
        from judges_eval import baseline as load_baseline

        old = load_baseline(baseline, "boilerplate")
        if old is not None:
            strippers[baseline] = old.strip_boilerplate
    out = {}
    for name, strip in strippers.items():
        errors = size = 0
        for page in pages:
            e, n = line_cer(strip(page["page"]), page["body"])
            errors, size = errors + e, size + n
        out[name] = errors / max(1, size)
    out["pages"] = len(pages)
    return out


def real_reflow(split: str, baseline: str | None) -> dict:
    from judges_eval import evaluate

    rejoiners = {"fitted": reflow.rejoin_lines}
    if baseline:
        from judges_eval import baseline as load_baseline

        old = load_baseline(baseline)
        if old is not None:
            rejoiners[baseline] = old.rejoin_lines
    return evaluate(split, rejoiners)


def real_clean(split: str) -> dict:
    from fit_judges import load_beds

    docs = [d for d in _load("clean.jsonl") if d["split"] == split]
    texts = [("\n".join(line for block in d["blocks"] for _, line in block) + "\n", d["id"]) for d in docs]
    unchanged = total = 0
    changed = []
    for text, doc_id in texts:
        if kinds.sniff(text) != "prose":
            continue
        reference = normalize(text, boilerplate=False, reflow=False)
        total += 1
        if normalize(text) == reference:
            unchanged += 1
        else:
            changed.append(doc_id)
    return {"documents": total, "unchanged": unchanged / max(1, total), "changed": changed}


def synthetic(count: int, seed: int, verbose: bool = False, bodies: tuple[str, ...] = ("court", "forum")) -> dict[str, float]:
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
    parser.add_argument("--part", choices=("real", "synthetic"), help="one part only")
    parser.add_argument("--split", default="test", help="the corpus split of the real part (test: held out by source)")
    parser.add_argument("--baseline", default="main", help="git ref whose boilerplate.py and reflow.py to compare with ('' for none)")
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="show the first 10 failing documents (-vv: all)")
    parser.add_argument("--bodies", default="court,forum", help="paragraph sources: court (long, news-like), forum (short)")
    args = parser.parse_args(argv)
    if args.part in (None, "real"):
        bp = real_boilerplate(args.split, args.baseline)
        print(f"real pages, {args.split} split ({bp.pop('pages')} pages): line-aware CER of boilerplate stripping against the hand-cut body")
        for name, value in bp.items():
            print(f"  {name:12} {value:.4f}")
        print(f"held-out sources ({args.split} split) broken by scripts/damage.py: re-flow alone")
        for name, layouts in real_reflow(args.split, args.baseline).items():
            print(f"  {name}")
            for layout, s in layouts.items():
                extra = f"  text unchanged {s['strict']:.1%}" if layout.startswith("clean") else ""
                print(f"    {layout:13} {s['documents']:4} documents  paragraphs exact {s['lines exact']:.1%}  line-aware CER {s['cer']:.4f}{extra}")
        clean = real_clean(args.split)
        print(f"clean documents of the {args.split} split through the corpus preset: {clean['unchanged']:.1%} of {clean['documents']} unchanged by boilerplate and re-flow")
        for doc_id in clean["changed"]:
            print(f"    changed: {doc_id}")
    if args.part in (None, "synthetic"):
        print(f"synthetic pages from held-out text ({args.n}, seed {args.seed}):")
        for key, value in synthetic(args.n, args.seed, args.verbose, tuple(args.bodies.split(","))).items():
            print(f"  {key:32} {value:.2%}" if isinstance(value, float) else f"  {key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
