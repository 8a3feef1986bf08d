"""Extraction debris (issue 9): markup, escapes, spacing, repeats, spam lines."""

from __future__ import annotations

import pytest

from normalize_zh import normalize, run
from normalize_zh.boilerplate import strip_boilerplate
from normalize_zh.escapes import fix_escapes
from normalize_zh.markup import strip_markup
from normalize_zh.repeats import fix_repeats
from normalize_zh.spacing import fix_spacing

from .conftest import load_cases

STEPS = {
    "strip_markup": strip_markup,
    "fix_escapes": fix_escapes,
    "fix_spacing": fix_spacing,
    "fix_repeats": fix_repeats,
    "boilerplate": strip_boilerplate,
}
CASES = load_cases("debris")


@pytest.mark.parametrize("case", CASES)
def test_debris(case):
    step = STEPS[case["step"]]
    assert step(case["input"]) == case["expected"], case["note"]
    assert step(case["expected"]) == case["expected"], "idempotent"


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["input"] != c.values[0]["expected"]])
def test_each_kind_is_recorded_under_its_step_and_can_be_switched_off(case):
    text = case["input"]
    assert case["step"] in run(text).changed_steps
    assert case["step"] not in run(text, **{case["step"]: False}).changed_steps


def test_docs_preset_leaves_html_and_escapes_in_markdown():
    text = "说明<br/>换行，`u200b` 与 %E4%B8%AD 的写法。\n"
    assert normalize(text, "docs") == text


def test_pipeline_cleans_a_scraped_page_with_debris():
    page = (
        "<div class=\"title\">市长带队调研乡村振兴工作</div>\n"
        "济源新闻,济源日报,济源网,济源时政,济源要闻,济源头条\n"
        "本报讯 12月28日，市长带队调研u200b，研究部署下一阶段工作。<br/>会议强调，要加强组织领导，明确责任分工，确保各项工作落到实处。</p>\n"
        "【限时特惠】香港云服务器低至29元/月，免备案，立即购买！\n"
        "本文来源于网络，如有侵权请联系删除。\n"
    )
    assert normalize(page) == (
        "市长带队调研乡村振兴工作\n"
        "本报讯 12月28日，市长带队调研，研究部署下一阶段工作。\n"
        "会议强调，要加强组织领导，明确责任分工，确保各项工作落到实处。\n"
    )
