"""Issue 14: clean documents of every kind come out of the corpus preset (the default) unchanged."""

from __future__ import annotations

import pytest

from normalize_zh import reflow, run

from .conftest import load_cases


BOILERPLATE_GAPS: set[str] = set()  # issue 14 item 4: the fitted boilerplate judge keeps the fact box


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(*c.values, marks=pytest.mark.xfail(strict=True, reason="boilerplate reads a key-value fact box as a link list"), id=c.id)
        if c.id in BOILERPLATE_GAPS
        else c
        for c in load_cases("clean_corpus")
    ],
)
def test_clean_document_is_unchanged(case):
    result = run(case["input"])
    assert result.text == case["input"], case["note"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("1\n00:00:01,000 --> 00:00:02,500\n你好\n\n2\n00:00:03,000 --> 00:00:04,000\n再见\n", "subtitles"),
        ("床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n", "verse"),
        ("---\ntitle: 标题\n---\n\n# 第一章\n\n正文。\n\n## 第二章\n", "markdown"),
        ("本报讯 12月28日，省卫生健康委召开视频会议，安排部署新形势下的医疗救治工作，要求各地做好准备。\n", "prose"),
    ],
)
def test_result_says_which_kind_was_assumed(text, kind):
    assert run(text).kind == kind


@pytest.mark.xfail(strict=True, reason="re-flow joins the entries of a list of definitions (Ci：… / Si：… / 前項…): "
                   "a line that ends in a Latin letter before one that opens like it (a term and a colon) reads as "
                   "a word across the break (latin_across); no feature sees the parallel openings")
def test_a_list_of_definitions_keeps_its_lines():
    # kong0107/mojLawSplitJSON: Taiwan's 土壤污染評分 regulation, article 3
    definitions = ("Ci：達土壤污染管制標準第 i  種污染物濃度，i=1,2……n\n"
                   "Si：第 i  種土壤污染物管制標準，i=1,2……n\n"
                   "前項計算方式如附表二。\n")
    text = ("本辦法之土壤污染評分 (Ts) 為土壤污染物濃度達土壤污染管制標準之倍\n數總和 (Σ Tsi) ，其計算方式如下：\n\n"
            "Ts=ΣTsi=C1/S1+ C2/S2+……+ Cn/Sn\n\n" + definitions)
    assert reflow.rejoin_lines(definitions) == definitions  # alone, they stay
    assert reflow.rejoin_lines(text).endswith(definitions)  # under the article's opening, they are joined
