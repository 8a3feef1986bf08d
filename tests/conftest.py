"""Shared fixtures: the seeds, data-driven case files, hypothesis profiles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"

# CI runs fewer examples, derandomized: a red run is reproducible, not luck (random
# runs found recall gaps of the re-flow judge, which the notes name); set
# HYPOTHESIS_PROFILE=dev locally to explore more, and at random.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# scripts/mutation_check.py: a kill must not be luck
settings.register_profile("mutation", max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_sessionstart(session):
    """Under scripts/mutation_check.py, each mutant's worker is forked from a
    process that has run the suite: the mutated modules' cached tables are
    cleared so that the mutated code builds them again."""
    mutating = os.environ.get("NORMALIZE_ZH_MUTATING")
    if not mutating or os.environ.get("MUTANT_UNDER_TEST", "") in ("", "stats", "fail"):
        return
    import importlib

    for name in mutating.split(","):
        module = importlib.import_module(name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("0*.txt"))


def seed_text(prefix: str) -> str:
    (path,) = [p for p in seed_paths() if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def load_cases(name: str) -> list:
    """``tests/cases/<name>.json`` as pytest params with readable ids.

    Each case: label, input, expected, note (and any extra keys the test uses).
    """
    cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["label"]) for case in cases]


@pytest.fixture(scope="session")
def seeds() -> dict[str, str]:
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in seed_paths()}
