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


P1 = "今天上午，市政府召开新闻发布会，通报了今年一季度全市经济运行情况。"
P2 = "会议指出，要坚持稳中求进工作总基调，扎实做好各项工作，确保完成全年目标。"
PAGE = "\n".join([
    "2023-03-05 08:12 来源：人民网",
    P1,
    "（记者 张三 摄）",
    P2,
    "上一篇：春季如何预防过敏",
    "转载请注明出处",
    "",
    "济源新闻,济源网,济源日报,济源论坛,济源房产网,济源招聘网",
])


def test_each_removed_line_says_what_it_was():
    """A removed line's kind: labelled facts, a photo credit, what a content farm
    adds (a template line, keyword stuffing) or other furniture; the article's
    paragraphs are kept."""
    lines, _ = boilerplate.judged_lines(PAGE)
    kinds = {line.text: line.kind for line in lines if line.text}
    assert kinds == {
        "2023-03-05 08:12 来源：人民网": "label",
        P1: None,
        "（记者 张三 摄）": "photo",
        P2: None,
        "上一篇：春季如何预防过敏": "furniture",
        "转载请注明出处": "template line",
        "济源新闻,济源网,济源日报,济源论坛,济源房产网,济源招聘网": "keyword stuffing",
    }
    reasons = {line.kind: line.reason.split(":")[0] for line in lines if line.kind}
    assert reasons == {
        "label": "labelled facts (source, editor, ...)",
        "photo": "photo credit",
        "furniture": "page furniture",
        "template line": "template line",
        "keyword stuffing": "keyword stuffing",
    }


@pytest.mark.parametrize("text", [
    PAGE,  # blocks before kept lines, and one at the end
    "责任编辑：王芳\n",  # nothing but furniture
], ids=["page", "only-furniture"])
def test_every_removal_gives_the_reasons_of_its_lines(text):
    lines, _ = boilerplate.judged_lines(text)
    edits = boilerplate.strip_boilerplate_outcome(text).edits
    removed = [line for line in lines if line.kind]
    assert edits and removed
    for line in removed:
        (edit,) = [edit for edit in edits if edit.start <= line.start < edit.end]
        assert line.reason and line.reason in edit.reason


@pytest.mark.parametrize("text", ["", "\n\n", "  \n\t\n"])
def test_a_blank_text_has_nothing_to_remove(text):
    assert boilerplate.strip_boilerplate_outcome(text).edits == []
    assert boilerplate.strip_boilerplate(text) == text
