"""Issue 13: clean files of every kind come out of the docs preset (the hook's) unchanged."""

from __future__ import annotations

import pytest

from normalize_zh.config import Config
from normalize_zh.pipeline import run_text

from .conftest import load_cases

DOCS = Config.preset("docs")


@pytest.mark.parametrize("case", load_cases("clean_docs"))
def test_clean_file_is_unchanged(case):
    result = run_text(case["input"], DOCS, path=case["path"])
    assert result.text == case["input"], case["note"]
    assert result.changes == []


@pytest.mark.parametrize(
    "path, text, expected",
    [
        ("a.md", "这是中文,也是中文:好吗?对\n", "这是中文，也是中文：好吗？对\n"),
        ("a.md", "见[文档](https://e.cn)和说明,谢谢\n", "见[文档](https://e.cn)和说明，谢谢\n"),
        ("a.md", "| 名称 | 说明 |\n|---|---|\n| 甲 | 第一,第二 |\n", "| 名称 | 说明 |\n|---|---|\n| 甲 | 第一，第二 |\n"),
        ("a.md", "中文, 中文(注释)\n", "中文，中文（注释）\n"),
        ("a.txt", "这是中文,也是中文\n", "这是中文，也是中文\n"),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,500\n你好,世界\n\n2\n00:00:03,000 --> 00:00:04,000\n再见\n",
         "1\n00:00:01,000 --> 00:00:02,500\n你好，世界\n\n2\n00:00:03,000 --> 00:00:04,000\n再见\n"),
        ("a.po", 'msgid "a"\nmsgstr "中文,中文"\n', 'msgid "a"\nmsgstr "中文，中文"\n'),
    ],
)
def test_marks_between_chinese_still_become_full_width(path, text, expected):
    assert run_text(text, DOCS, path=path).text == expected


@pytest.mark.parametrize(
    "path, text",
    [
        ("a.md", "## 安装:步骤\n\n见[安装](#安装:步骤)\n"),  # a heading's text is its anchor
        ("a.rst", "安装:步骤\n=========\n\n正文。\n"),
        ("a.md", "格式固定为:\n\n- 第一项\n"),  # a mark that ends a line stays
        ("a.po", 'msgid "Example::"\nmsgstr "示例::"\n'),  # reST's literal-block marker
    ],
)
def test_headings_and_line_ends_keep_their_marks(path, text):
    assert run_text(text, DOCS, path=path).text == text


@pytest.mark.parametrize(
    "path, text, expected",
    [
        ("a.py", "# 浣犲ソ锛屼笘鐣岋紒\nprint('浣犲ソ')\nx = 1  # ,,\n", "# 你好，世界！\nprint('你好')\nx = 1  # ,,\n"),
        ("a.json", '{"浣犲ソ": "浣犲ソ锛屼笘鐣岋紒"}\n', '{"浣犲ソ": "你好，世界！"}\n'),
        ("a.md", "浣犲ソ锛屼笘鐣岋紒\n\n`浣犲ソ`\n", "你好，世界！\n\n`浣犲ソ`\n"),
    ],
)
def test_mojibake_is_repaired_in_text_only(path, text, expected):
    """Code gets mojibake repair in comments and strings only; data in values
    only (a key is syntax); Markdown in its text, never in code."""
    assert run_text(text, DOCS, path=path).text == expected


# Files about mojibake: a test suite's inputs beside their expected outputs, a
# document's table of wrong readings.  Their mojibake is what they show.
TEST_FILE = '''def test_utf8_read_as_gbk():
    assert fix("浣犲ソ锛屼笘鐣岋紒") == "你好，世界！"


def test_gbk_read_as_latin1():
    # ÏµÍ³ is GBK 系统 read as Latin-1
    assert fix("ÏµÍ³") == "系统"
'''
TABLE = """# 乱码对照

| 乱码 | 原因 |
|---|---|
| 浣犲ソ | UTF-8 按 GBK 读 |
| ÄãºÃ | GBK 按 Latin-1 读 |
| §A¦n | Big5 按 Latin-1 读 |
| 斕疑 | GBK 按 Big5 读 |
"""


@pytest.mark.parametrize("path, text", [("test_fix.py", TEST_FILE), ("mojibake.md", TABLE)])
def test_mojibake_shown_as_examples_stays(path, text):
    result = run_text(text, DOCS, path=path)
    assert result.text == text


# A test file's inputs whose repairs take in the ASCII around them, lose a
# character, or sit beside a one-character repair in the same string.
EXAMPLES_IN_STRINGS = '''def test_whole():
    # 浜傛帯 is 亂採 whole
    assert list(alone("x 浜傛帯 y")) == []


def test_lost():
    outcome = fix("2017-03-24 [info] DebugLevel璁剧疆涓?2")
    assert outcome.endswith("设置\\ufffd2")


def test_beside():
    assert fix("會顯示為亂碼「ºû°ò¦Ê¬ì¤¤¤å¤j¤ ½X」") == "會顯示為亂碼「維基百科中文大¤ 碼」"
'''


def test_a_string_that_shows_an_example_keeps_all_of_its_mojibake():
    assert run_text(EXAMPLES_IN_STRINGS, DOCS, path="test_leftovers.py").text == EXAMPLES_IN_STRINGS


def test_a_table_of_several_wrong_readings_is_flagged_as_examples():
    result = run_text(TABLE, DOCS, path="mojibake.md")
    assert [flag.kind for flag in result.flags] == ["mojibake-examples"]


def test_damage_without_its_reading_beside_it_is_still_repaired():
    text = TEST_FILE.replace('== "你好，世界！"', "== expected").replace('== "系统"', "== expected").replace(" 系统", "")
    result = run_text(text, DOCS, path="test_fix.py")
    assert 'fix("你好，世界！")' in result.text and 'fix("系统")' in result.text
