"""Fit the judges' weights and thresholds: src/normalize_zh/data/judge_*.json.

    pip install -e ".[fit]"
    python scripts/build_corpus.py       # benchmarks/work/corpus/ from the mirrors
    python scripts/build_language.py     # data/char_roles.tsv, data/bigrams.tsv
    python scripts/build_beds.py build   # benchmarks/work/beds/ (the clean prose bed)
    python scripts/fit_judges.py         # data/judge_reflow.json, data/judge_boilerplate.json,
                                         # tests/cases/judges_boundary.json (+ held-out scores)

Re-flow.  Sources: the clean documents of benchmarks/work/corpus/clean.jsonl
(benchmarks/corpus_manifest.tsv: verse of chinese-poetry, classical prose of
NiuTrans/Classical-Modern, blog and docs prose of ruanyf/weekly, d2l-ai/d2l-zh
and vitest-dev/docs-cn, news bodies of
immortal-autumn/Chinese-Web-Content-Extraction-Dataset, the 2026 government
work reports of johncodes404/china-provincial-gov-reports-2026), each laid out
cleanly in several ways (as it came, one paragraph a line, indented) and broken
the ways extraction breaks text (``damage.py`` beside this script: wraps at a
print column of fixed and of varying width, short wrapped articles, paragraphs
split at any point with blank lines or single line breaks between them).  Each
break is a labelled example: 1 for a wrap, 0 for a break the clean text has.
Only texts the pipeline reads as prose are used (``kinds.sniff``).  The prose
bed's dev documents (benchmarks/beds/prose.jsonl) join the clean examples; its
held-out split is never read.  A judge is fitted for each layout ("column": a
print column shows; "lines": paragraphs a line).

Boilerplate.  Sources: the real pages of benchmarks/work/corpus/pages.jsonl
with their hand-cut bodies (a line of the body is content, the rest furniture;
normalize-zh's own policy where a body keeps a label line, a date line, a
picture's credit...), the clean documents (nothing to remove), clean training
documents with a real training page's header and footer around them.

Both: a logistic regression over named features, each weight held on the side
its feature's evidence points to (breaks.EVIDENCE, boilerplate.EVIDENCE), the
bias at most 0, L2 towards 0 or a feature's prior (the hand-written detectors),
clean examples weighted CLEAN_WEIGHT, fitted by scipy's L-BFGS-B
(deterministic).  The split is by source: ``train`` fits, the threshold is
chosen on ``dev`` alone -- the lowest score above every line break or line of
the clean dev documents (zero damage on them; the trade-off curve below it is
printed) -- and ``test`` gives the printed precision and recall.  Breaks
reviewed as the sources' own wraps (scripts/source_wraps.tsv) are labelled
wraps; those next to a source's damage are left out.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from damage import renderings  # noqa: E402

from normalize_zh import boilerplate, breaks, kinds, reflow  # noqa: E402

CORPUS = ROOT / "benchmarks" / "work" / "corpus"
BEDS = ROOT / "benchmarks" / "work" / "beds"
DATA = ROOT / "src" / "normalize_zh" / "data"
# Inverse L2 strength, and how many times a clean break counts against a wrap:
# chosen on the dev split among C in (1, 10, 100) x CLEAN_WEIGHT in (5, 20) for the
# most wraps joined at zero damage on the clean dev documents.
C = 10.0
# Precision first: a clean break counts this many times a wrap when fitting, so
# the fit spends its errors on wraps left alone rather than on clean text joined.
CLEAN_WEIGHT = 20.0
MARGIN = 0.05
DRY_RUN = False
LOSS = "logistic"  # the threshold sits this far (log-odds) above the highest clean dev score
# Breaks of the "clean" sources that are wraps in the source itself (its own
# extraction damage), reviewed by hand: they are labelled wraps.
_REVIEWED = [
    line.split("\t")
    for line in (ROOT / "scripts" / "source_wraps.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
SOURCE_WRAPS = {(row[0], row[1]) for row in _REVIEWED if len(row) == 2}
# ... and breaks next to the source's own damage (a third column "?"): no example either way
SOURCE_DAMAGE = {(row[0], row[1]) for row in _REVIEWED if len(row) > 2 and row[2] == "?"}
# ... and documents cut at a column throughout by their source ("*"): no clean text at all
WRAPPED_DOCUMENTS = {doc for doc, spot in SOURCE_WRAPS if spot == "*"}


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def where(k: breaks.Break) -> str:
    return f"{k.a[-8:]}|{k.b[:8]}"


REGIMES = ("column", "lines")


class Row(NamedTuple):
    split: str
    layout: str
    doc: str
    regime: str  # which judge reads the break: "column" or "lines" (breaks.Page.column)
    values: tuple[float, ...] | None  # every feature of BREAK_FEATURES; None: kept unjudged (reflow.plainly_kept)
    label: int  # 1: a wrap, 0: a break of the clean text
    spot: str


def break_rows(doc_id: str, split: str, layout: str, text: str, labels: list[int] | None) -> list[Row]:
    """A row for every break of ``text`` (``labels``: 1 for a wrap; None: a clean text)."""
    found, page, _ = breaks.breaks(text)
    if labels is None:
        labels = [0] * len(found)
    assert len(found) == len(labels), (doc_id, layout, len(found), len(labels))
    regime = "column" if page and page.column else "lines"
    rows = []
    for k, label in zip(found, labels):
        spot = where(k)
        if (doc_id, spot) in SOURCE_DAMAGE:
            continue
        if (doc_id, spot) in SOURCE_WRAPS:
            label = 1  # the source's own wrap: joining it is a repair
        # reflow keeps these without asking a judge (a sentence's end, a short first line
        # on a page without a column): they are no examples to fit
        plain = reflow.plainly_kept(k.a, k.b, page.column) or reflow.plainly_title(k.a, k.index, page.column, k.b)
        rows.append(Row(split, layout, doc_id, regime, None if plain else tuple(breaks.features(k, page)), label, spot))
    return rows


def break_examples(docs: list[dict], beds: list[dict]) -> list[Row]:
    rows = []
    for doc in docs:
        rng = random.Random(doc["id"])
        for layout, text, labels in renderings(doc, rng):
            if kinds.sniff(text) != "prose":
                continue  # verse, Markdown, subtitles: never re-flowed
            rows += break_rows(doc["id"], doc["split"], layout, text, labels)
    for doc in beds:
        if doc["id"] not in WRAPPED_DOCUMENTS and kinds.sniff(doc["text"]) == "prose":
            rows += break_rows(doc["id"], doc["split"], "clean-bed", doc["text"], None)
    return rows


def is_clean(row: Row) -> bool:
    return row.layout.startswith("clean")


def fit(
    rows: list[Row], names: list[str], evidence: dict[str, int] | None = None, priors: dict[str, float] | None = None
) -> tuple[list[str], list[float], float]:
    """A logistic regression on the training rows, over the features that vary
    among them (or have a prior), each weight kept on its feature's side
    (``evidence``, breaks.EVIDENCE by default): L2 penalty 1/(2C) towards each
    weight's prior (0 unless ``priors`` says), clean breaks weighted
    CLEAN_WEIGHT, fitted by L-BFGS-B (deterministic)."""
    import numpy as np
    from scipy.optimize import minimize

    train = [r for r in rows if r.split == "train" and r.values is not None]
    index = {name: i for i, name in enumerate(names)}
    priors = priors or {}
    used = [name for name in names if len({r.values[index[name]] for r in train}) > 1 or name in priors]
    columns = [index[name] for name in used]
    x = np.array([[r.values[i] for i in columns] for r in train], dtype=float)
    y = np.array([r.label for r in train], dtype=float)
    weight = np.array([CLEAN_WEIGHT if r.label == 0 and is_clean(r) else 1.0 for r in train])
    weight /= weight.sum()
    signs = [(evidence or breaks.EVIDENCE)[name] for name in used]
    prior = np.array([priors.get(name, 0.0) for name in used])

    sign = 2 * y - 1
    # the L2 pull towards each weight's prior (0 for most): 1/(C n), the data decides
    strength = 1 / (C * len(y))

    def penalty(w):
        return float(np.sum(strength * (w - prior) ** 2) / 2)

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        if LOSS == "hinge":
            # squared hinge: only the breaks on the wrong side of a margin of 1 weigh,
            # so the fit spends itself on the hard cases (where the threshold will sit)
            gap = np.maximum(0.0, 1 - sign * z)
            value = np.sum(weight * gap * gap) + penalty(w)
            dz = -2 * weight * gap * sign
        else:
            # log(1 + e^z) - y z, stably
            value = np.sum(weight * (np.logaddexp(0, z) - y * z)) + penalty(w)
            dz = weight * (1 / (1 + np.exp(-z)) - y)
        grad_w = x.T @ dz + (w - prior) * strength
        return value, np.append(grad_w, np.sum(dz))

    # ... and the bias at most 0: with no evidence either way, a break is the text's own and a line is content
    bounds = [(0, None) if sign > 0 else (None, 0) if sign < 0 else (None, None) for sign in signs] + [(None, 0)]
    result = minimize(loss, np.append(prior, 0.0), jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 5000})
    return used, [float(w) for w in result.x[:-1]], float(result.x[-1])


class Model(NamedTuple):
    features: list[str]
    weights: list[float]
    bias: float
    threshold: float
    columns: list[int]  # where its features sit in a row's values

    def score(self, row: Row) -> float:
        """The judge's score of a break; a break reflow keeps without judging scores -inf."""
        if row.values is None:
            return float("-inf")
        return self.bias + sum(w * row.values[i] for w, i in zip(self.weights, self.columns))


def drop_zero(model: Model) -> Model:
    """The model without the features the fit gave no weight (a sign constraint held them at 0)."""
    keep = [i for i, w in enumerate(model.weights) if abs(w) >= 5e-5]
    return Model([model.features[i] for i in keep], [model.weights[i] for i in keep], model.bias, model.threshold, [model.columns[i] for i in keep])


def choose_threshold(rows: list[Row], model: Model) -> float:
    """Zero damage on the clean dev documents: just above their highest break."""
    clean = [model.score(r) for r in rows if r.split == "dev" and r.label == 0 and is_clean(r)]
    return round(max(clean, default=0.0) + MARGIN, 3)


def curve(rows: list[Row], model: Model, split: str = "dev") -> list[tuple[float, int, int, float]]:
    """(threshold, clean documents changed, clean documents, recall of wraps) at a few thresholds."""
    part = [(model.score(r), r) for r in rows if r.split == split]
    clean_docs = {(r.doc, r.layout) for _, r in part if is_clean(r)}
    positives = [s for s, r in part if r.label == 1]
    out = []
    for threshold in [t / 2 for t in range(-2, 17)]:
        changed = {(r.doc, r.layout) for s, r in part if is_clean(r) and r.label == 0 and s >= threshold}
        recall = sum(s >= threshold for s in positives) / max(1, len(positives))
        out.append((threshold, len(changed), len(clean_docs), recall))
    return out


def report(rows: list[Row], models: dict[str, Model], split: str) -> dict:
    part = [r for r in rows if r.split == split]
    tp = fp = fn = 0
    by_layout: dict[str, list[int]] = {}
    changed_docs: dict[tuple[str, str], bool] = {}
    for r in part:
        model = models[r.regime]
        joined = model.score(r) >= model.threshold
        tp += joined and r.label == 1
        fp += joined and r.label == 0
        fn += (not joined) and r.label == 1
        counts = by_layout.setdefault(r.layout, [0, 0, 0])
        counts[0] += joined and r.label == 1
        counts[1] += joined and r.label == 0
        counts[2] += (not joined) and r.label == 1
        if is_clean(r):
            changed_docs[(r.doc, r.layout)] = changed_docs.get((r.doc, r.layout), False) or (joined and r.label == 0)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    clean = sum(not changed for changed in changed_docs.values()) / max(1, len(changed_docs))
    result = {"precision": round(precision, 4), "recall": round(recall, 4), "breaks": len(part), "clean_unchanged": round(clean, 4)}
    result["layouts"] = {
        layout: {
            "precision": round(c[0] / (c[0] + c[1]), 4) if c[0] + c[1] else 1.0,
            "recall": round(c[0] / (c[0] + c[2]), 4) if c[0] + c[2] else 1.0,
        }
        for layout, c in sorted(by_layout.items())
    }
    return result


def bed_manifest() -> list[dict]:
    """The prose bed's manifest: benchmarks/beds/prose.jsonl (the beds branch's, read
    with git while it is not merged)."""
    path = ROOT / "benchmarks" / "beds" / "prose.jsonl"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        try:
            text = subprocess.run(
                ["git", "-C", str(ROOT), "show", "wt/beds:benchmarks/beds/prose.jsonl"], check=True, capture_output=True, text=True
            ).stdout
        except subprocess.CalledProcessError:
            return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# Bed genres whose documents are no clean examples for the judges:
# "wrapped" -- cut at a fixed column by their source;
# "law" -- Taiwan's law database wraps articles at a fixed width too, but an
#   article's short last line hides it from the bed's looks_wrapped in most laws;
# "official" -- provincial reports as scraped, page furniture and all: the
#   corpus reads the same reports as pages with hand-cut bodies.
NO_CLEAN_LAYOUT = frozenset({"wrapped", "law", "official"})
# Bed genres the judges are not fitted to yet: clean, but kept out of the fit
# and judged by benchmarks/clean_eval.py alone.  "forum" -- Zhihu posts (added
# to the bed 2026-12-02) end paragraphs bare, leave brackets open and split a
# thought over paragraphs; no feature tells that from a newspaper paragraph
# split by a blank line (seed 000), and fitted on them the thresholds rose from
# 1.755 to 6.421 (lines) and 3.907 to 6.838 (column), leaving seed 000's split
# paragraphs split, and boilerplate's held-out recall fell from 0.295 to 0.127.
# With 120 other Zhihu posts among the training documents too (the weights
# learning from them), the thresholds were 2.452 and 7.591, re-flow's held-out
# recall fell from 0.908 to 0.770 and boilerplate's to 0.233, and seeds 000,
# 003 and 004 lost spots: the features, not the data, are what is missing.
NOT_FITTED_YET = frozenset({"forum"})


def load_beds(splits: tuple[str, ...] = ("dev",)) -> list[dict]:
    """The clean prose bed's documents of ``splits`` that the pipeline reads as
    prose (id, split, genre, text), if the bed was built
    (benchmarks/work/beds/prose/<split>/<owner>+<name>/<name>).  Its held-out
    split is never read here: it gives the final figures.  Documents the bed
    itself marks "wrapped" (cut at a fixed column by their source) are no
    clean text for re-flow, nor those of the other ``NO_CLEAN_LAYOUT`` genres."""
    docs = []
    for entry in bed_manifest():
        if entry["split"] not in splits or entry["kind"] != "prose" or entry["genre"] in NO_CLEAN_LAYOUT | NOT_FITTED_YET:
            continue
        path = BEDS / "prose" / entry["split"] / entry["repo"].replace("/", "+") / entry["name"]
        if path.exists():
            text = path.read_bytes().decode(entry["bytes"]["encoding"] or "utf-8", errors="replace").lstrip("\ufeff")
            split = "dev" if entry["split"] == "dev" else "test"
            docs.append({"id": f"bed:{entry['repo']}:{entry['name']}", "split": split, "genre": entry["genre"], "text": text})
    return docs


def fit_reflow(docs: list[dict], beds: list[dict]) -> dict:
    names = list(breaks.BREAK_FEATURES)
    rows = break_examples(docs, beds)
    models = {}
    for regime in REGIMES:
        part = [r for r in rows if r.regime == regime]
        priors = {name: STRUCTURE_PRIOR * breaks.EVIDENCE[name] for name in breaks.STRUCTURE}
        used, weights, bias = fit(part, names, breaks.EVIDENCE, priors)
        model = Model(used, weights, bias, 0.0, [names.index(name) for name in used])
        model = drop_zero(model)
        models[regime] = model._replace(threshold=choose_threshold(part, model))
    scores = {split: report(rows, models, split) for split in ("train", "dev", "test")}
    plain = [r for r in rows if r.values is None]
    data = {
        "judge": "reflow",
        "generated_by": "scripts/fit_judges.py",
        "sources": "benchmarks/corpus_manifest.tsv (clean.jsonl, split by source)" + (" and the clean prose bed (benchmarks/work/beds)" if beds else ""),
        "models": {
            regime: {
                "features": m.features,
                "weights": [round(w, 4) for w in m.weights],
                "bias": round(m.bias, 4),
                "threshold": m.threshold,
                "dev_curve": [
                    {"threshold": t, "clean_changed": c, "clean_documents": n, "recall": round(r, 4)}
                    for t, c, n, r in curve([r for r in rows if r.regime == regime], m)
                ],
            }
            for regime, m in models.items()
        },
        "dropped": sorted(set(names) - {name for m in models.values() for name in m.features}),
        "plain_sentence_ends": {"breaks": len(plain), "of_them_wraps": sum(r.label for r in plain)},
        "scores": scores,
    }
    if not DRY_RUN:
        (DATA / "judge_reflow.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"reflow: {len(rows)} breaks; {len(plain)} plain sentence ends kept unjudged ({sum(r.label for r in plain)} of them wraps)")
    for regime, m in models.items():
        part = [r for r in rows if r.regime == regime]
        print(f"  {regime}: {len(part)} breaks, threshold {m.threshold}")
        for name, w in sorted(zip(m.features, m.weights), key=lambda nw: -abs(nw[1])):
            print(f"    {name:24} {w:+.3f}")
        print("    dev trade-off: threshold, clean documents changed, recall of wraps")
        for t, c, n, r in curve(part, m):
            print(f"     {t:5.1f} {c:4}/{n} {r:.4f}")
    for split in ("dev", "test"):
        s = scores[split]
        print(f"  {split}: precision {s['precision']:.4f} recall {s['recall']:.4f} clean layouts unchanged {s['clean_unchanged']:.2%} ({s['breaks']} breaks)")
        for layout, v in s["layouts"].items():
            print(f"     {layout:14} precision {v['precision']:.4f} recall {v['recall']:.4f}")
    return data


# --- boilerplate -------------------------------------------------------------------------

# The detectors the hand-written boilerplate step decided by (boilerplate.RULES) start
# from this weight: a detector alone outweighs what a line of the body says against
# it (the region's intercept, about -2.4; reading as a sentence, -2.1; Han text,
# -1.7) and clears the threshold (about 2.7).  Real pages move a
# weight where they show the pattern; where they never do (the pages of the corpus
# are older than content farms' SEO formulas), the detector keeps its prior.
RULE_PRIOR = 10.0
# The same for the re-flow judge's structural evidence (breaks.STRUCTURE): a prior of
# 4 (e^4, about 55 to 1) towards a wrap or towards the text's own break.
STRUCTURE_PRIOR = 4.0
PAGE_COVERAGE_MIN = 0.8  # a page whose body the page's lines cover less than this is not aligned: left out
TITLE_REACH = 3  # lines just above the body that may be its title and subtitles: neither label
SHORT_MATCH = 10  # a page line shorter than this is content only when it is a whole line of the body


def _squash(text: str) -> str:
    return re.sub(r"[\s\ue000-\uf8ff]+", "", text)


def page_labels(page: str, body: str) -> tuple[list[int | None], float]:
    """For each non-empty line of ``page``: 0 a line of the hand-cut ``body``, 1 furniture,
    None unknown (a title or subtitle just above the body: the bodies leave titles out,
    normalize-zh keeps them); and how much of the body the content lines cover."""
    body_lines = {_squash(line) for line in body.splitlines() if _squash(line)}
    squashed_body = _squash(body)
    labels: list[int | None] = []
    covered = 0
    for line in page.splitlines():
        key = _squash(line)
        if not key:
            continue
        content = key in body_lines or (len(key) >= SHORT_MATCH and key in squashed_body)
        # normalize-zh's own policy where the hand-cut bodies differ: a photo credit or
        # an image's stand-in goes (the credit into Result.metadata), whatever a body kept
        if content and _picture_line(line.strip()):
            content = False
        labels.append(0 if content else 1)
        covered += len(key) if content else 0
    if 0 in labels:
        first = labels.index(0)
        texts = [line.strip() for line in page.splitlines() if line.strip()]
        for i in range(max(0, first - TITLE_REACH), first):
            if len(texts[i]) <= boilerplate.LINK_MAX and not boilerplate._label_line(texts[i], True):
                labels[i] = None
    return labels, covered / max(1, len(squashed_body))


def _picture_line(text: str) -> bool:
    line = boilerplate._Line(0, 0, 0, text, boilerplate._is_sentence(text))
    return bool(boilerplate.f_photo_credit(line, None, 0) or boilerplate.f_image_placeholder(line, None, 0))


POLICY_FEATURES = ("label_line", "dateline", "nav", "follow", "box_heading", "spam_template", "spam_advert", "image_placeholder", "photo_credit")


def policy_furniture(values: tuple[float, ...] | None) -> bool:
    """normalize-zh's own policy, where a hand-cut body or a clean document keeps such a
    line: labelled facts (来源：… 编辑：…), a line of nothing but a date, navigation, follow-us lines, an index or
    related-links heading, a content farm's claim or advert, a picture's stand-in or
    credit go (what their labels say into Result.metadata)."""
    if values is None:
        return False
    names = list(boilerplate.LINE_FEATURES)
    return any(values[names.index(name)] for name in POLICY_FEATURES)


class LineRow(NamedTuple):
    split: str
    layout: str  # "page" (a real page), "clean" (a clean document), "harvested" (clean text with a real page's furniture)
    doc: str
    values: tuple[float, ...] | None  # None: kept unjudged (boilerplate.plainly_content)
    label: int
    text: str


def line_rows(doc_id: str, split: str, layout: str, text: str, labels: list[int | None]) -> list[LineRow]:
    lines = [line for line in boilerplate._split(text) if line.text]
    assert len(lines) == len(labels), (doc_id, len(lines), len(labels))
    page = boilerplate._read_page(lines)
    rows = []
    for i, (line, label) in enumerate(zip(lines, labels)):
        if label is None:
            continue
        plain = boilerplate.plainly_content(line)
        values = None if plain else tuple(boilerplate.features(line, page, i))
        if label == 0 and policy_furniture(values):
            label = 1
        rows.append(LineRow(split, layout, doc_id, values, label, line.text))
    return rows


def furniture_blocks(page: str, labels: list[int | None]) -> tuple[list[str], list[str]]:
    """The furniture a page has above its body and below it (lines labelled 1 at either end)."""
    texts = [line.strip() for line in page.splitlines() if line.strip()]
    if 0 not in labels:
        return [], []
    first, last = labels.index(0), len(labels) - 1 - labels[::-1].index(0)
    head = [t for t, label in zip(texts[:first], labels[:first]) if label == 1]
    tail = [t for t, label in zip(texts[last + 1 :], labels[last + 1 :]) if label == 1]
    return head, tail


def boilerplate_examples(docs: list[dict], pages: list[dict], beds: list[dict]) -> tuple[list[LineRow], dict]:
    rows: list[LineRow] = []
    skipped = []
    harvest: list[tuple[list[str], list[str]]] = []
    for page in pages:
        labels, coverage = page_labels(page["page"], page["body"])
        if coverage < PAGE_COVERAGE_MIN:
            skipped.append(page["id"])
            continue
        rows += line_rows(page["id"], page["split"], "page", page["page"], labels)
        if page["split"] == "train":
            harvest.append(furniture_blocks(page["page"], labels))
    harvest = [(head, tail) for head, tail in harvest if head or tail]
    for doc in docs:
        text = "\n".join(line for block in doc["blocks"] for _, line in block) + "\n"
        if kinds.sniff(text) != "prose":
            continue  # boilerplate runs on prose only
        lines = [line for line in text.splitlines() if line.strip()]
        rows += line_rows(doc["id"], doc["split"], "clean", text, [0] * len(lines))
        if doc["split"] == "train" and harvest:
            rng = random.Random(doc["id"])
            head, _ = rng.choice(harvest)
            _, tail = rng.choice(harvest)
            body = lines[: rng.randint(3, 12)]
            rows += line_rows(doc["id"], "train", "harvested", "\n".join(head + body + tail) + "\n", [1] * len(head) + [0] * len(body) + [1] * len(tail))
    for doc in beds:
        if doc["id"] not in WRAPPED_DOCUMENTS and kinds.sniff(doc["text"]) == "prose":
            count = sum(1 for line in doc["text"].split("\n") if line.strip())
            rows += line_rows(doc["id"], doc["split"], "clean", doc["text"], [0] * count)
    return rows, {"pages_left_out_unaligned": skipped}


def fit_boilerplate(docs: list[dict], pages: list[dict], beds: list[dict]) -> dict:
    names = list(boilerplate.LINE_FEATURES)
    rows, notes = boilerplate_examples(docs, pages, beds)
    as_rows = [Row(r.split, "clean" if r.layout == "clean" else r.layout, r.doc, "lines", r.values, r.label, r.text[:16]) for r in rows]
    used, weights, bias = fit(as_rows, names, boilerplate.EVIDENCE, {name: RULE_PRIOR for name in boilerplate.RULES})
    model = drop_zero(Model(used, weights, bias, 0.0, [names.index(name) for name in used]))
    used, weights = model.features, model.weights
    # zero damage on the dev split: no line of a clean document removed (what a real
    # page's body loses is measured by benchmarks/cleanup_eval.py)
    dev_content = [model.score(r) for r in as_rows if r.split == "dev" and r.label == 0 and r.layout == "clean"]
    threshold = round(max(dev_content, default=0.0) + MARGIN, 3)
    model = model._replace(threshold=threshold)
    scores = {}
    for split in ("train", "dev", "test"):
        part = [r for r in as_rows if r.split == split and r.layout in ("page", "clean")]
        tp = sum(1 for r in part if r.label == 1 and model.score(r) >= threshold)
        fp = sum(1 for r in part if r.label == 0 and model.score(r) >= threshold)
        fn = sum(1 for r in part if r.label == 1 and model.score(r) < threshold)
        clean_docs = {r.doc for r in part if r.layout == "clean"}
        # damage: a content line removed (a line of policy furniture, labelled 1, goes by design)
        damaged = {r.doc for r in part if r.layout == "clean" and r.label == 0 and model.score(r) >= threshold}
        scores[split] = {
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
            "lines": len(part),
            "clean_unchanged": round(1 - len(damaged) / max(1, len(clean_docs)), 4),
        }
    plain = [r for r in rows if r.values is None]
    data = {
        "judge": "boilerplate",
        "generated_by": "scripts/fit_judges.py",
        "sources": "benchmarks/corpus_manifest.tsv (pages.jsonl: real pages with hand-cut bodies; clean.jsonl)"
        + (" and the clean prose bed (benchmarks/work/beds)" if beds else ""),
        "models": {"lines": {"features": used, "weights": [round(w, 4) for w in weights], "bias": round(bias, 4), "threshold": threshold}},
        "dropped": sorted(set(names) - set(used)),
        "plainly_content": {"lines": len(plain), "of_them_furniture": sum(r.label for r in plain)},
        "scores": scores,
        **notes,
    }
    if not DRY_RUN:
        (DATA / "judge_boilerplate.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"boilerplate: {len(rows)} lines; threshold {threshold}; {len(plain)} plainly content ({sum(r.label for r in plain)} of them furniture); unaligned pages left out: {len(notes['pages_left_out_unaligned'])}")
    for name, w in sorted(zip(used, weights), key=lambda nw: -abs(nw[1])):
        print(f"    {name:24} {w:+.3f}")
    for split in ("dev", "test"):
        s = scores[split]
        print(f"  {split}: precision {s['precision']:.4f} recall {s['recall']:.4f} clean documents unchanged {s['clean_unchanged']:.2%} ({s['lines']} lines)")
    return data


# --- boundary cases for the mutation tests -------------------------------------------------

BOUNDARY = ROOT / "tests" / "cases" / "judges_boundary.json"
# Hand-set numbers the judges' features read, and a meaningfully different value for
# each: tests/test_judges.py checks that every change alters the output of some
# boundary case (the numbers are pinned by tests, as the fitted weights are).
MUTATIONS = (
    ("breaks", "HEADING_MAX", 20), ("breaks", "VERSE_MAX", 10), ("breaks", "WIDTH_SLACK", 0),
    ("breaks", "COLUMN_MIN", 8), ("breaks", "COLUMN_SHARE_MIN", 0.5), ("breaks", "SAME_WIDTH_MIN", 40),
    ("breaks", "UNSEEN_PAIR", 0.0), ("breaks", "FRAME_REACH", 1), ("breaks", "ECHO_REACH", 5),
    ("breaks", "BYLINE_REACH", 6), ("breaks", "UNFINISHED_COMPANY", 30), ("breaks", "PARALLEL_PRIOR", 0),
    ("reflow", "MAX_ROUNDS", 1),
    ("boilerplate", "SHORT", 10), ("boilerplate", "TAIL", 4), ("boilerplate", "LINK_MAX", 20),
    ("boilerplate", "PARAGRAPH_MIN", 80), ("boilerplate", "BOX_REACH", 1), ("boilerplate", "PLATFORM_MAX", 2),
    ("boilerplate", "TOKEN_MAX", 1), ("boilerplate", "NAV_ITEM_MAX", 2), ("boilerplate", "TITLE_MIN", 20),
    ("boilerplate", "TITLE_RUN_MIN", 10), ("boilerplate", "SITE_MAX", 3), ("boilerplate", "SPAM_MAX", 20),
    ("boilerplate", "STUFFING_ITEMS", 20),
)
WINDOW_BEFORE, WINDOW_AFTER = 3, 5  # lines around a judged line or break in a boundary case
CANDIDATES = 400  # windows kept for the hand-set numbers (the nearest the threshold first)
WINDOWS_TRIED = 20000  # windows scored per judge in the search for boundary cases
NEAR = 6.0  # a window is tried when one of its decisions scores this close to the threshold
# sources whose text may be quoted in a committed case file (ruanyf/weekly states no licence)
QUOTABLE = ("classical/", "official/", "news/", "poetry/", "docs/", "bed:", "page/")


def weight_mutations(judges_: dict) -> list[tuple[str, dict]]:
    """(name, judges) for every fitted weight set to 0 and doubled, and the bias and the
    threshold moved by one (log-odds) either way."""
    out = []
    for kind, judge in judges_.items():
        for name, w in zip(judge.features, judge.weights):
            for label, value in (("x0", 0.0), ("x2", 2 * w)):
                out.append((f"{kind}.{name}:{label}", {**judges_, kind: judge.with_weights(**{name: value})}))
        for name in ("bias", "threshold"):
            base = getattr(judge, name)
            for label, value in (("-1", base - 1), ("+1", base + 1)):
                out.append((f"{kind}.{name}:{label}", {**judges_, kind: judge.with_weights(**{name: value})}))
    return out


def _window(text: str, first: int, last: int) -> tuple[str, int]:
    """The text of non-empty lines ``first``..``last`` (their raw lines, blank lines between)."""
    lines = breaks.split_lines(text)
    start = text.rfind("\n", 0, lines[first].start) + 1
    return text[start : lines[last].end] + "\n", start


def _constant(module: str, name: str):
    import importlib

    return importlib.import_module(f"normalize_zh.{module}"), name


def _pins(run, text: str, expected: str, mutations: list[tuple[str, object]]) -> list[str]:
    pinned = []
    for label, judges_ in mutations:
        if run(text, judges_) != expected:
            pinned.append(label)
    for module, name, value in MUTATIONS:
        target, attr = _constant(module, name)
        old = getattr(target, attr)
        setattr(target, attr, value)
        try:
            changed = run(text, None) != expected
        finally:
            setattr(target, attr, old)
        if changed:
            pinned.append(f"{module}.{name}={value}")
    return pinned


def _select(candidates: list[dict], wanted: set[str]) -> list[dict]:
    """A few cases that between them pin every mutation they can (greedy, two per mutation)."""
    chosen, count = [], {name: 0 for name in wanted}
    for case in sorted(candidates, key=lambda c: (-len(c["pins"]), len(c["input"]))):
        if any(count.get(p, 2) < 2 for p in case["pins"]):
            chosen.append(case)
            for p in case["pins"]:
                if p in count:
                    count[p] += 1
    return chosen


def _flips(score: float, threshold: float, delta: float) -> bool:
    return (score >= threshold) != (score + delta >= threshold)


def _targets(judges_: dict, kind: str, score: float, values: dict[str, float]) -> list[str]:
    """The weight mutations (weight_mutations' names) that would flip this decision."""
    judge = judges_[kind]
    out = []
    for name, w in zip(judge.features, judge.weights):
        x = values.get(name, 0.0)
        if x and _flips(score, judge.threshold, -w * x):
            out.append(f"{kind}.{name}:x0")
        if x and _flips(score, judge.threshold, w * x):
            out.append(f"{kind}.{name}:x2")
    for label, delta in (("bias:-1", -1.0), ("bias:+1", 1.0), ("threshold:-1", 1.0), ("threshold:+1", -1.0)):
        if _flips(score, judge.threshold, delta):
            out.append(f"{kind}.{label}")
    return out


def _gather(items, make_case, run, exact_targets, mutations, wanted: set[str]) -> list[dict]:
    """Windows that pin the mutations: around the decisions a mutation would flip
    (nearest the threshold first), each window's own decisions are scored again
    (``exact_targets``: the weight mutations that flip one of them), a window kept
    when the judge gets it all right; then as few windows as cover every mutation
    twice (greedy).  The hand-set numbers are tried on the chosen windows and on
    those nearest the threshold."""
    order = sorted(items, key=lambda t: (not t[1], t[0]))
    cases, seen, count = [], set(), {}
    for margin, _, item in order[:WINDOWS_TRIED]:
        case = make_case(item)
        if case is None or case["input"] in seen:
            continue
        seen.add(case["input"])
        targets = exact_targets(case["input"])
        if not targets and len(cases) > CANDIDATES:
            continue
        if any(count.get(t, 0) < 2 for t in targets) or len(cases) < CANDIDATES // 10:
            if run(case["input"], None) != case["expected"]:
                continue
            case["pins"] = sorted(targets)
            cases.append(case)
            for t in targets:
                count[t] = count.get(t, 0) + 1
    lookup = dict(mutations)
    for case in cases:  # confirm each pin by running the mutated judge, add the hand-set numbers
        confirmed = [t for t in case["pins"] if t in lookup and run(case["input"], lookup[t]) != case["expected"]]
        case["pins"] = confirmed + [p for p in _pins(run, case["input"], case["expected"], []) if p not in confirmed]
    return _select([c for c in cases if c["pins"]], wanted)


def boundary_reflow(docs: list[dict], beds: list[dict]) -> list[dict]:
    from normalize_zh.edits import apply_edits

    judges_ = reflow.judges()

    def run(text, models):
        return apply_edits(text, reflow.rejoin_lines_outcome(text, models=models).edits)

    texts = []
    for doc in docs:
        if not doc["id"].startswith(QUOTABLE):
            continue
        rng = random.Random(doc["id"])
        for layout, text, labels in renderings(doc, rng):
            if kinds.sniff(text) == "prose":
                texts.append((doc["id"], layout, text, labels))
    for doc in beds:
        if kinds.sniff(doc["text"]) == "prose" and doc["id"] not in WRAPPED_DOCUMENTS:
            texts.append((doc["id"], "clean-bed", doc["text"], None))
    items = []
    for doc_id, layout, text, labels in texts:
        found, page, lines = breaks.breaks(text)
        labels = labels or [0] * len(found)
        kind = "column" if page.column else "lines"
        model = judges_[kind]
        for k in found:
            if reflow.plainly_kept(k.a, k.b, page.column) or (doc_id, where(k)) in SOURCE_DAMAGE:
                continue
            values = dict(zip(model.features, breaks.features(k, page, model.features)))
            score = model.score([values[name] for name in model.features])
            targets = _targets(judges_, kind, score, values)
            if targets or abs(score - model.threshold) <= NEAR:
                items.append((abs(score - model.threshold), targets, (doc_id, layout, text, labels, k.index)))

    def make_case(item):
        doc_id, layout, text, labels, index = item
        lines = breaks.split_lines(text)
        first, last = max(0, index - WINDOW_BEFORE), min(len(lines) - 1, index + WINDOW_AFTER)
        window, start = _window(text, first, last)
        if len(window) > 900:
            return None
        found, _, _ = breaks.breaks(text)
        edits = []
        for k, label in zip(found[first:last], labels[first:last]):
            if label or (doc_id, where(k)) in SOURCE_WRAPS:
                a, b = lines[k.index], lines[k.index + 1]
                edits.append(reflow.Edit(a.end - start, b.start - start, reflow._glue(k.a, k.b)))
        return {"judge": "reflow", "source": doc_id, "layout": layout, "input": window, "expected": apply_edits(window, edits)}

    def exact_targets(window):
        found, page, _ = breaks.breaks(window)
        if not found:
            return set()
        kind = "column" if page.column else "lines"
        model = judges_[kind]
        out = set()
        for k in found:
            if reflow.plainly_kept(k.a, k.b, page.column) or reflow.plainly_title(k.a, k.index, page.column, k.b):
                continue
            values = dict(zip(model.features, breaks.features(k, page, model.features)))
            out.update(_targets(judges_, kind, model.score([values[n] for n in model.features]), values))
        return out

    mutations = weight_mutations(judges_)
    wanted = {label for label, _ in mutations} | {f"{m}.{n}={v}" for m, n, v in MUTATIONS if m != "boilerplate"}
    return _gather(items, make_case, run, exact_targets, mutations, wanted)


def boundary_boilerplate(docs: list[dict], pages: list[dict]) -> list[dict]:
    judge = boilerplate.judge()

    def run(text, models):
        return boilerplate.apply_edits(text, boilerplate.strip_boilerplate_outcome(text, model=(models or {}).get("lines")).edits)

    sources = [(p["id"], p["page"], page_labels(p["page"], p["body"])[0]) for p in pages]
    for doc in docs:
        if doc["id"].startswith(QUOTABLE):
            text = "\n".join(line for block in doc["blocks"] for _, line in block) + "\n"
            if kinds.sniff(text) == "prose":
                sources.append((doc["id"], text, [0] * sum(1 for line in text.splitlines() if line.strip())))
    items = []
    for doc_id, text, labels in sources:
        lines = [line for line in boilerplate._split(text) if line.text]
        page = boilerplate._read_page(lines)
        for i, (line, label) in enumerate(zip(lines, labels)):
            if label is None or boilerplate.plainly_content(line):
                continue
            values = dict(zip(judge.features, boilerplate.features(line, page, i, judge.features)))
            score = judge.score([values[name] for name in judge.features])
            targets = _targets({"lines": judge}, "lines", score, values)
            if targets or abs(score - judge.threshold) <= NEAR:
                items.append((abs(score - judge.threshold), targets, (doc_id, text, labels, i)))

    def make_case(item):
        doc_id, text, labels, i = item
        present = [line.strip() for line in text.splitlines() if line.strip()]
        first, last = max(0, i - WINDOW_BEFORE - 1), min(len(present), i + WINDOW_AFTER + 1)
        window_labels = labels[first:last]
        if None in window_labels:
            return None
        window = "\n".join(present[first:last]) + "\n"
        if len(window) > 900:
            return None
        window_lines = [x for x in boilerplate._split(window) if x.text]
        window_page = boilerplate._read_page(window_lines)
        values = [tuple(boilerplate.features(l, window_page, j)) for j, l in enumerate(window_lines)]
        window_labels = [1 if label == 0 and policy_furniture(v) else label for label, v in zip(window_labels, values)]
        kept = [line for line, label in zip(present[first:last], window_labels) if label == 0]
        return {"judge": "boilerplate", "source": doc_id, "input": window, "expected": "\n".join(kept) + "\n" if kept else ""}

    def exact_targets(window):
        lines = [x for x in boilerplate._split(window) if x.text]
        page = boilerplate._read_page(lines)
        out = set()
        for i, line in enumerate(lines):
            if boilerplate.plainly_content(line):
                continue
            values = dict(zip(judge.features, boilerplate.features(line, page, i, judge.features)))
            out.update(_targets({"lines": judge}, "lines", judge.score([values[n] for n in judge.features]), values))
        return out

    mutations = weight_mutations({"lines": judge})
    wanted = {label for label, _ in mutations} | {f"{m}.{n}={v}" for m, n, v in MUTATIONS if m == "boilerplate"}
    return _gather(items, make_case, run, exact_targets, mutations, wanted)


def hand_cases() -> list[dict]:
    """The hand-written cases of the two steps (their known gaps apart), as the mutation test reads them."""
    cases = []
    for name, judge in (("reflow", "reflow"), ("boilerplate", "boilerplate"), ("debris", "boilerplate")):
        for case in json.loads((ROOT / "tests" / "cases" / f"{name}.json").read_text(encoding="utf-8")):
            if case.get("xfail") or (name == "debris" and case.get("step") != "boilerplate"):
                continue
            cases.append({"judge": judge, "input": case["input"], "expected": case["expected"]})
    return cases


def write_boundary_cases(docs: list[dict], pages: list[dict], beds: list[dict]) -> None:
    reflow.judges.cache_clear()
    boilerplate.judge.cache_clear()
    cases = boundary_reflow(docs, beds) + boundary_boilerplate(docs, pages)
    pinned = {p for case in cases for p in case["pins"]}
    everything = {label for label, _ in weight_mutations(reflow.judges())} | {f"boilerplate.{label.split('.', 1)[1]}" for label, _ in weight_mutations({"lines": boilerplate.judge()})}
    everything |= {f"{m}.{n}={v}" for m, n, v in MUTATIONS}
    for case in cases:  # the boilerplate judge's mutations are named after it
        if case["judge"] == "boilerplate":
            case["pins"] = [p.replace("lines.", "boilerplate.", 1) if p.startswith("lines.") else p for p in case["pins"]]
    # the hand-written cases pin some mutations too (tests/cases/reflow.json, boilerplate.json, debris.json)
    from normalize_zh.edits import apply_edits

    hand = hand_cases()
    mutations = {"reflow": weight_mutations(reflow.judges()), "boilerplate": weight_mutations({"lines": boilerplate.judge()})}
    runners = {
        "reflow": lambda text, m: apply_edits(text, reflow.rejoin_lines_outcome(text, models=m).edits),
        "boilerplate": lambda text, m: apply_edits(text, boilerplate.strip_boilerplate_outcome(text, model=(m or {}).get("lines")).edits),
    }
    hand_pins = set()
    for case in hand:
        run = runners[case["judge"]]
        if run(case["input"], None) != case["expected"]:
            continue  # a known miss pins nothing
        found = _pins(run, case["input"], case["expected"], mutations[case["judge"]])
        hand_pins.update(p.replace("lines.", "boilerplate.", 1) if case["judge"] == "boilerplate" and p.startswith("lines.") else p for p in found)
    # what tests/test_judges.py will find: a mutation is pinned when any case (the
    # boundary cases and the hand-written ones the judges get right) comes out changed
    good_hand = [c for c in hand if runners[c["judge"]](c["input"], None) == c["expected"]]
    named = {"reflow": dict(mutations["reflow"]), "boilerplate": {label.replace("lines.", "boilerplate.", 1): m for label, m in mutations["boilerplate"]}}
    pinned = set()
    for judge in ("reflow", "boilerplate"):
        pool = [c for c in cases if c["judge"] == judge] + [c for c in good_hand if c["judge"] == judge]
        for label, mutated in named[judge].items():
            if judge == "boilerplate":
                mutated = {"lines": mutated["lines"]}
            if any(runners[judge](c["input"], mutated) != c["expected"] for c in pool):
                pinned.add(label)
        for module, name, value in MUTATIONS:
            if (module == "boilerplate") != (judge == "boilerplate"):
                continue
            target, attr = _constant(module, name)
            old = getattr(target, attr)
            setattr(target, attr, value)
            try:
                if any(runners[judge](c["input"], None) != c["expected"] for c in pool):
                    pinned.add(f"{module}.{name}={value}")
            finally:
                setattr(target, attr, old)
    for i, case in enumerate(cases):
        case["label"] = f"{case['judge']}/{i:03d}"
    cases.append({"label": "unpinned", "unpinned": sorted(everything - pinned)})
    if not DRY_RUN:
        BOUNDARY.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"boundary cases: {len(cases)}; mutations pinned {len(pinned & everything)} of {len(everything)}")
    for judge in ("reflow", "boilerplate", "breaks", "column", "lines"):
        names = {n for n in everything if n.startswith(judge + ".")}
        if names:
            print(f"   {judge}: {len(names & pinned)} of {len(names)}")
    for name in sorted(everything - pinned):
        print(f"   not pinned: {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--C", type=float, default=None, help="inverse L2 strength (default: the committed choice)")
    parser.add_argument("--clean-weight", type=float, default=None)
    parser.add_argument("--dry-run", action="store_true", help="print the scores, write nothing")
    parser.add_argument("--only", choices=("reflow", "boilerplate", "boundary"), help="fit one judge, or only write the boundary cases")
    args = parser.parse_args(argv)
    global C, CLEAN_WEIGHT, DRY_RUN
    C = C if args.C is None else args.C
    CLEAN_WEIGHT = CLEAN_WEIGHT if args.clean_weight is None else args.clean_weight
    DRY_RUN = args.dry_run
    docs = load(args.corpus / "clean.jsonl")
    beds = load_beds()
    if args.only in (None, "reflow"):
        fit_reflow(docs, beds)
    if args.only in (None, "boilerplate"):
        fit_boilerplate(docs, load(args.corpus / "pages.jsonl"), beds)
    if args.only in (None, "boundary"):
        # the judges as just written, not as the steps loaded them before the fit
        reflow.judges.cache_clear()
        boilerplate.judge.cache_clear()
        write_boundary_cases(docs, load(args.corpus / "pages.jsonl"), beds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
