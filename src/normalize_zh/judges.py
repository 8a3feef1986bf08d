"""Fitted judges: small logistic models over named features, and the
character statistics they read.

A judgement call -- join this line break or not, is this line page
furniture -- is a logistic regression: a weighted sum of named features plus
a bias, compared with a threshold.  The weights and the threshold are not
written here: ``scripts/fit_judges.py`` fits them on real text broken the way
extraction breaks it (benchmarks/corpus_manifest.tsv names the sources) and
writes ``data/judge_<name>.json``; the feature functions live with the step
that uses them (``reflow.BREAK_FEATURES``, ``boilerplate.LINE_FEATURES``),
each with a one-line docstring, and the data file lists the features by
name, so a model and its code cannot drift apart unnoticed.

Evaluated in pure Python: a dot product over a dozen or two numbers.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .tables import DATA, data_lines


@dataclass(frozen=True)
class Judge:
    """A fitted logistic model: ``score(x) = bias + sum(w_i * x_i)``; the
    decision is ``score >= threshold`` (the threshold is a log-odds, chosen by
    the fitting script for zero damage on clean text)."""

    name: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(self, values: Sequence[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, values))

    def decide(self, values: Sequence[float]) -> bool:
        return self.score(values) >= self.threshold

    def explain(self, values: Sequence[float]) -> str:
        """The features that pushed the score most, for ``--explain``."""
        parts = sorted(
            ((w * x, name) for name, w, x in zip(self.features, self.weights, values) if w * x),
            key=lambda part: -abs(part[0]),
        )
        return ", ".join(f"{name} {value:+.1f}" for value, name in parts[:3])

    def with_weights(self, **changes: float) -> Judge:
        """A copy with some weights (or ``bias``/``threshold``) changed: for the mutation tests."""
        weights = tuple(changes.get(name, w) for name, w in zip(self.features, self.weights))
        return Judge(self.name, self.features, weights, changes.get("bias", self.bias), changes.get("threshold", self.threshold))


def load_judges(name: str, known: Mapping[str, Callable] | Sequence[str]) -> dict[str, Judge]:
    """The models of ``data/judge_<name>.json`` by the kind of page each judges
    (``{"models": {kind: {"features", "weights", "bias", "threshold"}}, "dropped": [...]}``).
    Each model reads some of the features ``known`` (the code's), by name; the
    fit's zero weights are ``dropped``.  A feature the code computes that the file
    does not name, or one the file names that the code does not compute, means data
    and code have drifted apart."""
    data = json.loads((DATA / f"judge_{name}.json").read_text(encoding="utf-8"))
    names = set(known)
    models = {}
    used: set[str] = set()
    for kind, model in data["models"].items():
        features = tuple(model["features"])
        used.update(features)
        models[kind] = Judge(
            f"{name}/{kind}", features, tuple(float(w) for w in model["weights"]), float(model["bias"]), float(model["threshold"])
        )
    # features the fit gave no weight (kept on their side at zero) are listed as dropped
    used.update(data.get("dropped", ()))
    if used != names:
        raise RuntimeError(
            f"data/judge_{name}.json was fitted on other features than the code computes "
            f"({sorted(used ^ names)}); rerun scripts/fit_judges.py"
        )
    return models


@functools.cache
def char_roles() -> dict[str, tuple[float, float, float, float]]:
    """character -> (start, end, para_start, heading_end): the log of how much
    more often than its share of all text it opens a clause, closes one, opens
    a line, and closes a line that ends without a mark (data/char_roles.tsv)."""
    table = {}
    for line in data_lines("char_roles.tsv"):
        char, *values = line.split("\t")
        table[char] = tuple(int(value) / 10 for value in values)
    return table


@functools.cache
def bigram_table() -> dict[str, tuple[float, float, float]]:
    """Han pair -> (PMI, start, end) in nats (data/bigrams.tsv)."""
    table = {}
    for line in data_lines("bigrams.tsv"):
        pair, pmi, start, end = line.split("\t")
        table[pair] = (int(pmi) / 10, int(start) / 10, int(end) / 10)
    return table


@functools.cache
def bigrams() -> dict[str, float]:
    """Han pair -> pointwise mutual information in nats (data/bigrams.tsv)."""
    return {pair: values[0] for pair, values in bigram_table().items()}
