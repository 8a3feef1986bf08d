"""Bytes a Python decoder kept as surrogate escapes (os.fsdecode, sys.argv, the
C locale) read back in the encoding they were in (mojibake/escaped.py)."""

from __future__ import annotations

import pytest

from normalize_zh import normalize, run
from normalize_zh.mojibake.escaped import escaped_edits, escaped_runs


def escaped(text: str, encoding: str, reader: str = "utf-8") -> str:
    return text.encode(encoding).decode(reader, "surrogateescape")


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # a GBK file name listed by os.listdir on a UTF-8 system: 文 and 测's bytes C4 B2 are valid UTF-8 (Ĳ)
        ("文件名：" + escaped("中文测试报告.txt", "gbk"), "文件名：中文测试报告.txt"),
        # UTF-8 read under the C locale (ASCII): every byte escaped
        (escaped("中文文件.txt", "utf-8", "ascii"), "中文文件.txt"),
        # Big5 with ASCII trail bytes (臺 is BB 4F: the O is its trail byte)
        (escaped("臺灣大學.txt", "big5"), "台湾大学.txt"),
        # beside Cyrillic: the run is the escapes alone
        ("Привет мир " + escaped("中", "gbk") + " тест", "Привет мир 中 тест"),
    ],
)
def test_escaped_bytes_are_read_back(damaged, expected):
    result = run(damaged)
    assert result.text == expected
    assert not result.flags


def test_escapes_that_read_as_nothing_chinese_stay_lost_and_flagged():
    result = run("x\udcff\udcfey 中文")
    assert result.text == "x\ufffd\ufffdy 中文"
    assert [flag.kind for flag in result.flags] == ["lone-surrogate", "lone-surrogate"]


def test_text_without_escapes_is_left_alone():
    for text in ("Привет мир, это тест.", "Ĳssel 中文", "中文测试报告.txt", "Grüße aus München"):
        assert escaped_edits(text) == []
        assert normalize(text) == text


def test_a_run_takes_the_two_byte_characters_beside_its_escapes_and_no_more():
    text = "мир " + escaped("中文测试", "gbk") + " тест"
    ((start, end),) = escaped_runs(text)
    assert text[start:end].encode("utf-8", "surrogateescape") == "中文测试".encode("gbk")
