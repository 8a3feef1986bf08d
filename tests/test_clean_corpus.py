"""Issue 14: clean documents of every kind come out of the corpus preset (the default) unchanged."""

from __future__ import annotations

import pytest

from normalize_zh import run

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
