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
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .tables import _DATA, data_lines


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


def load_judge(name: str, features: Mapping[str, Callable] | Sequence[str]) -> Judge:
    """Read ``data/judge_<name>.json``; its features must be exactly ``features`` (in order)."""
    data = json.loads((_DATA / f"judge_{name}.json").read_text(encoding="utf-8"))
    names = tuple(features)
    if tuple(data["features"]) != names:
        raise RuntimeError(
            f"data/judge_{name}.json was fitted on other features than the code computes; "
            "rerun scripts/fit_judges.py"
        )
    return Judge(name, names, tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))


@functools.cache
def char_roles() -> dict[str, tuple[float, float]]:
    """character -> (start, end): the log of how much more often than its share
    of all text it opens a clause and closes one (data/char_roles.tsv)."""
    table = {}
    for line in data_lines("char_roles.tsv"):
        char, start, end = line.split("\t")
        table[char] = (int(start) / 10, int(end) / 10)
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


def sigmoid(score: float) -> float:
    return 1 / (1 + math.exp(-score))
