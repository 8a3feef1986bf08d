"""Fit the judges' weights and thresholds: src/normalize_zh/data/judge_*.json.

    pip install -e ".[fit]"
    python scripts/build_corpus.py       # benchmarks/work/corpus/ from the mirrors
    python scripts/build_language.py     # data/char_roles.tsv, data/bigrams.tsv
    python scripts/fit_judges.py         # data/judge_reflow.json (+ held-out scores)

Sources: the clean documents of benchmarks/work/corpus/clean.jsonl (see
benchmarks/corpus_manifest.tsv: verse of chinese-poetry, classical prose of
NiuTrans/Classical-Modern, blog and docs prose of ruanyf/weekly, d2l-ai/d2l-zh
and vitest-dev/docs-cn, news bodies of
immortal-autumn/Chinese-Web-Content-Extraction-Dataset), each laid out
cleanly in several ways (as it came, one paragraph a line, indented) and
broken the ways extraction breaks text (``damage.py`` beside this script:
wraps at a print column of fixed and of varying width, paragraphs split by a
blank line at any point, lines separated by blank lines).  Each break is a
labelled example: 1 for a wrap, 0 for a break the clean text has.

The split is by source (``split`` of each document): ``train`` fits a
logistic regression (scikit-learn, L2, fixed seed: deterministic), the threshold
is the lowest score above every break of the clean layouts of the train and
dev sources (zero damage on clean text; the breaks reviewed as the sources' own
wraps, scripts/source_wraps.tsv, are labelled wraps), and ``test`` gives the printed
precision and recall.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from damage import renderings  # noqa: E402

from normalize_zh import breaks as reflow  # noqa: E402

CORPUS = ROOT / "benchmarks" / "work" / "corpus"
DATA = ROOT / "src" / "normalize_zh" / "data"
C = 1.0  # inverse L2 strength of the logistic regression
MARGIN = 0.05  # the threshold sits this far (log-odds) above the highest clean score
# Breaks of the "clean" sources that are wraps in the source itself (its own
# extraction damage), reviewed by hand: they do not count as clean breaks.
SOURCE_WRAPS = {
    tuple(line.split("\t")[:2])
    for line in (ROOT / "scripts" / "source_wraps.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
}


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def break_examples(docs: list[dict]) -> list[tuple]:
    """(split, layout, document id, features, label, the break's text) for every break of every rendering."""
    rows = []
    for doc in docs:
        rng = random.Random(doc["id"])
        for layout, text, labels in renderings(doc, rng):
            found, page, _ = reflow.breaks(text)
            assert len(found) == len(labels), (doc["id"], layout, len(found), len(labels))
            for k, label in zip(found, labels):
                where = f"{k.a[-8:]}|{k.b[:8]}"
                if (doc["id"], where) in SOURCE_WRAPS:
                    label = 1  # the source's own wrap: joining it is a repair
                rows.append((doc["split"], layout, doc["id"], reflow.features(k, page), label, where))
    return rows


def fit(rows, features: list[str]):
    from sklearn.linear_model import LogisticRegression

    train = [r for r in rows if r[0] == "train"]
    model = LogisticRegression(C=C, max_iter=5000, random_state=0)
    model.fit([r[3] for r in train], [r[4] for r in train])
    weights = [float(w) for w in model.coef_[0]]
    bias = float(model.intercept_[0])
    return weights, bias


def score(weights, bias, values) -> float:
    return bias + sum(w * x for w, x in zip(weights, values))


def choose_threshold(rows, weights, bias) -> float:
    seen = [r for r in rows if r[0] != "test"]  # every clean text but the held-out sources
    negatives = [score(weights, bias, r[3]) for r in seen if r[4] == 0 and r[1].startswith("clean")]
    return round(max(negatives) + MARGIN, 3)


def report(rows, weights, bias, threshold, split: str) -> dict:
    part = [r for r in rows if r[0] == split]
    tp = fp = fn = 0
    by_layout: dict[str, list[int]] = {}
    changed_docs: dict[tuple[str, str], bool] = {}
    for _, layout, doc, values, label, text in part:
        joined = score(weights, bias, values) >= threshold
        tp += joined and label == 1
        fp += joined and label == 0
        fn += (not joined) and label == 1
        counts = by_layout.setdefault(layout, [0, 0, 0])
        counts[0] += joined and label == 1
        counts[1] += joined and label == 0
        counts[2] += (not joined) and label == 1
        if layout.startswith("clean"):
            changed_docs[(doc, layout)] = changed_docs.get((doc, layout), False) or (joined and label == 0)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    clean = sum(not changed for changed in changed_docs.values()) / max(1, len(changed_docs))
    result = {"precision": round(precision, 4), "recall": round(recall, 4), "breaks": len(part), "clean_unchanged": round(clean, 4)}
    result["layouts"] = {
        layout: {"precision": round(c[0] / (c[0] + c[1]), 4) if c[0] + c[1] else 1.0, "recall": round(c[0] / (c[0] + c[2]), 4) if c[0] + c[2] else 1.0}
        for layout, c in sorted(by_layout.items())
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    docs = load(args.corpus / "clean.jsonl")
    names = list(reflow.BREAK_FEATURES)
    rows = break_examples(docs)
    weights, bias = fit(rows, names)
    threshold = choose_threshold(rows, weights, bias)
    scores = {split: report(rows, weights, bias, threshold, split) for split in ("train", "dev", "test")}
    data = {
        "judge": "reflow",
        "generated_by": "scripts/fit_judges.py",
        "sources": "benchmarks/corpus_manifest.tsv (clean.jsonl, split by source)",
        "features": names,
        "weights": [round(w, 4) for w in weights],
        "bias": round(bias, 4),
        "threshold": threshold,
        "scores": scores,
    }
    (DATA / "judge_reflow.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"reflow: {len(rows)} breaks; threshold {threshold}")
    for name, w in sorted(zip(names, weights), key=lambda nw: -abs(nw[1])):
        print(f"  {name:24} {w:+.3f}")
    for split in ("dev", "test"):
        s = scores[split]
        print(f"  {split}: precision {s['precision']:.4f} recall {s['recall']:.4f} clean layouts unchanged {s['clean_unchanged']:.2%} ({s['breaks']} breaks)")
        for layout, v in s["layouts"].items():
            print(f"     {layout:14} precision {v['precision']:.4f} recall {v['recall']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
