"""What the boilerplate step decides about single lines and pages
(``normalize_zh.boilerplate``): the line features the fitted judge weighs, read
on realistic pages (``tests/cases/boilerplate_lines.json``), and what the step
reports of the lines it removes (kinds, reasons, metadata).

Each furniture case has a twin: the content line that must not read so
(an interview's speaker beside a byline, a fruit list beside keyword stuffing,
verse beside short prose lines)."""

from __future__ import annotations

import math

import pytest

from normalize_zh import boilerplate
from normalize_zh.boilerplate import LINE_FEATURES, _read_page, _split

from .conftest import load_cases

# features that give log(1 + the length of a run): their cases give the run's length
LOGGED = {"link_run", "title_run"}


def page_of(text: str):
    """The non-empty lines of ``text`` and the page they make, as the step reads them."""
    present = [line for line in _split(text) if line.text]
    return present, _read_page(present)


@pytest.mark.parametrize("case", load_cases("boilerplate_lines"))
def test_line_feature(case):
    present, page = page_of(case["input"])
    (i,) = [i for i, line in enumerate(present) if line.text == case["line"]]
    value = LINE_FEATURES[case["feature"]](present[i], page, i)
    expected = case["expected"]
    if case["feature"] in LOGGED:
        expected = math.log1p(expected) if expected else 0.0
    assert value == pytest.approx(expected), case["note"]
