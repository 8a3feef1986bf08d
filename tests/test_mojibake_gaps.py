"""Known gaps of mojibake repair (issue 16), each a strict xfail: when one is
closed, its test passes and must become a plain test."""

from __future__ import annotations

import pytest

from normalize_zh.mojibake import fix_encoding


@pytest.mark.xfail(strict=True, reason="UTF-8 read as GBK twice: the first layer's repair is itself rare-character "
                   "mojibake, which the arbiter rejects as no Chinese; no reading is chained through it")
def test_utf8_read_as_gbk_twice():
    damaged = "你好，世界！中文测试".encode("utf-8").decode("gb18030").encode("utf-8").decode("gb18030", "replace")
    assert fix_encoding(damaged).startswith("你好，世界！")


@pytest.mark.xfail(strict=True, reason="one character alone between ASCII is too little evidence (ｰU, Big5 託 read "
                   "as Shift-JIS; Ìì, GBK 天 read as Latin-1): repaired only where the text proves its kind")
@pytest.mark.parametrize("damaged, repaired", [("ｰU", "託"), ("Ìì", "天")])
def test_one_character_alone(damaged, repaired):
    assert fix_encoding(damaged) == repaired


@pytest.mark.xfail(strict=True, reason="GBK read as cp866 is taken for damage only with Cyrillic letters beside the "
                   "box drawing (a DOS table is box drawing alone); ─│╓╨╬─├√ has none")
def test_gbk_read_as_cp866_without_cyrillic():
    assert fix_encoding("─│╓╨╬─├√") == "某中文名"


@pytest.mark.parametrize("damaged, start", [("平滑移动图标集合".encode("gbk").decode("utf-8", "replace"), "平")])
def test_survivors_of_gbk_read_as_utf8_are_read_back(damaged, start):
    # ƽ���ƶ�ͼ: ƽ follows the line start, in step: 平; ƶ and ͼ follow U+FFFD and stay
    repaired = fix_encoding(damaged)
    assert repaired.startswith(start) and repaired[1:] == damaged[1:]


def test_survivors_in_step_are_read_back_only_where_gbk_alone_reads_them():
    # after ASCII too (no GBK byte of a character is ASCII but a trail, which ends it)
    damaged = "name: " + "平滑移动".encode("gbk").decode("utf-8", "replace")
    assert fix_encoding(damaged).startswith("name: 平\ufffd")
    # Big5 read as UTF-8 keeps survivors too (禮 is C2 A7, §): where Big5 reads
    # them as common Chinese as well, nothing is read
    big5 = "x 禮物".encode("big5").decode("utf-8", "replace")
    assert big5 == "x §\ufffd\ufffd" and fix_encoding(big5) == big5
    # no U+FFFD close behind: no damage shown, nothing read
    assert fix_encoding("ƽ and ƶ") == "ƽ and ƶ"


@pytest.mark.xfail(strict=True, reason="a curly quote of UTF-8 read as cp1252, straightened to ASCII (键 is E9 94 AE: "
                   "é”® became é\"®): the quote is not taken for the byte 94")
def test_a_straightened_quote_inside_utf8_read_as_cp1252():
    assert fix_encoding('ä¸»é"®') == "主键"
