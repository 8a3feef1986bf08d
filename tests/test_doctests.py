"""The examples in the package's docstrings run as tests (issue 18).

They are collected from the installed package, not from ``src/`` (pytest's
``--doctest-modules`` would import a second copy beside the installed one), so
they test the code the other tests use."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import normalize_zh

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(normalize_zh.__path__, "normalize_zh.")
    # the command's entry point runs when imported; the datatrove step needs its extra
    if not info.name.endswith("__main__") and not info.name.startswith("normalize_zh.integrations")
)
WITH_EXAMPLES = [
    name for name in MODULES if any(test.examples for test in doctest.DocTestFinder().find(importlib.import_module(name)))
]


def test_the_package_has_examples_to_run():
    # a finder that found nothing would make every test below pass
    assert len(WITH_EXAMPLES) >= 10, WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    results = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert results.attempted > 0
    assert results.failed == 0, f"{results.failed} of {results.attempted} examples in {name} failed (run python -m doctest -v on it)"
