"""Bytes to text: BOMs, UTF-8, the Chinese encodings on short snippets, lost bytes."""

from __future__ import annotations

import codecs
import re

import pytest

from normalize_zh import normalize_bytes, run
from normalize_zh.decode import detect

from .conftest import seed_paths

SENTENCE = "郑州市卫生健康委召开会议，部署疫情防控工作。"


def test_issue_example():
    assert normalize_bytes("郑州市卫生健康委召开会议".encode("gbk")) == "郑州市卫生健康委召开会议"


@pytest.mark.parametrize(
    "encoding, expected_name",
    [("utf-8", "utf-8"), ("gb2312", "gb2312"), ("gbk", "gb2312"), ("gb18030", "gb2312"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_simplified_sentence_in_each_encoding(encoding, expected_name):
    decoded = detect(SENTENCE.encode(encoding))
    assert decoded.text == SENTENCE
    assert decoded.encoding == expected_name


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs", "gbk", "gb18030", "utf-16-le"])
def test_traditional_sentence(encoding):
    text = "濟源網訊，記者鄭海波報道。"
    assert detect(text.encode(encoding)).text == text


def test_gbk_only_characters_report_gbk():
    text = "鄭州市衛生健康委"  # traditional: in GBK, not in GB2312
    assert detect(text.encode("gbk")).encoding == "gbk"


@pytest.mark.parametrize(
    "bom, encoding, name",
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (b"\x84\x31\x95\x33", "gb18030", "gb18030"),
    ],
)
def test_byte_order_marks(bom, encoding, name):
    decoded = detect(bom + SENTENCE.encode(encoding))
    assert decoded.text == SENTENCE and decoded.encoding == name


def test_other_languages_go_to_charset_normalizer():
    assert detect("日本語のテキストです。東京は首都です。".encode("shift_jis")).text == "日本語のテキストです。東京は首都です。"
    assert detect("한국어 텍스트입니다. 서울은 수도입니다.".encode("euc-kr")).text == "한국어 텍스트입니다. 서울은 수도입니다."


def test_empty_and_ascii():
    assert detect(b"").text == ""
    assert detect(b"plain ascii").encoding == "ascii"


def test_lost_bytes_are_replaced_and_reported_with_offsets():
    data = "郑州市卫生".encode("gbk") + b"\xff\x80" + "健康委员会开会".encode("gbk")
    result = run(data, "minimal")
    assert result.text == "郑州市卫生\ufffd\ufffd健康委员会开会"
    (flag,) = [f for f in result.flags if f.kind == "undecodable"]
    assert (flag.start, flag.end) == (10, 12)
    assert flag.text == "ff 80"


@pytest.mark.parametrize("cut", ["drop", "truncate"])
def test_utf8_with_a_lost_byte_is_read_as_utf8(cut):
    # a byte dropped inside a character, or a field cut in the middle of one: the
    # rest is whole UTF-8, and only that character is lost (it was read as GB18030,
    # the whole text turned to mojibake and three spans lost)
    text = SENTENCE * 2
    data = text.encode("utf-8")
    first = len(text[:7].encode("utf-8"))  # the first byte of the 8th character
    damaged = data[:first] + data[first + 1 :] if cut == "drop" else data[:-1]
    decoded = detect(damaged)
    assert decoded.encoding == "utf-8" and len(decoded.lost) == 1
    lost = 7 if cut == "drop" else len(text) - 1  # the character that lost a byte
    # one U+FFFD per byte left of the character (the Unicode standard's practice)
    assert decoded.text.replace("\ufffd", "") == text[:lost] + text[lost + 1 :]
    assert 1 <= decoded.text.count("\ufffd") <= 2


@pytest.mark.parametrize(("encoding", "family"), [("gbk", "gb18030"), ("big5", "cp950")])
def test_a_double_byte_file_cut_inside_its_last_character_stays_in_its_encoding(encoding, family):
    text = ("臺灣大學圖書館今日召開會議，討論館藏數位化工作。" if encoding == "big5" else SENTENCE) * 2
    decoded = detect(text.encode(encoding)[:-1])
    assert decoded.encoding == family
    assert decoded.text == text[:-1] + "\ufffd"


def test_nothing_raises_on_noise():
    noise = bytes(range(256)) * 3
    result = run(noise)
    assert isinstance(result.text, str)


def _snippets(length: int) -> list[str]:
    out = []
    for path in seed_paths():
        text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        out.extend(text[i : i + length] for i in range(0, len(text) - length + 1, length))
    return [s for s in out if not s.isascii()]


@pytest.mark.parametrize("encoding", ["gb2312", "gbk", "gb18030", "big5"])
def test_ten_character_snippets_decode_exactly(encoding):
    """Issue 2: at least 99% of 10-character seed snippets decode exactly
    (benchmarks/decode_accuracy.py prints the side-by-side with charset-normalizer)."""
    right = total = 0
    for snippet in _snippets(10):
        try:
            data = snippet.encode(encoding)
        except UnicodeEncodeError:
            continue
        total += 1
        right += detect(data).text == snippet
    assert total > 200
    assert right / total >= 0.99


LOG = ["2024-01-01 服务启动成功，监听端口8080", "2024-01-01 用户登录：张三", "2024-01-02 数据库连接失败，正在重试", "2024-01-02 任务完成，共处理120条记录"]


@pytest.mark.parametrize(("majority", "odd"), [("utf-8", "gbk"), ("gbk", "utf-8")])
def test_a_file_of_lines_in_two_encodings_is_decoded_line_by_line(majority, odd):
    # a log appended to by two programs: each line whole in its own encoding
    data = b"".join((line + "\n").encode(odd if i == 2 else majority) for i, line in enumerate(LOG))
    decoded = detect(data)
    assert decoded.text == "".join(line + "\n" for line in LOG)
    assert decoded.encoding == "utf-8+gb2312" and not decoded.lost


def test_big5_lines_among_utf8_lines():
    lines = ["臺灣大學圖書館今日召開會議", "討論館藏數位化工作", "會議由館長主持"]
    data = "\n".join(lines[:2]).encode("utf-8") + b"\n" + lines[2].encode("big5") + b"\n"
    assert detect(data).text == "\n".join(lines) + "\n"


def test_a_one_encoding_file_is_not_taken_for_two():
    # 学 in GBK (D1 A7) is valid UTF-8 (U+0467): alone on a line it still reads as GBK
    decoded = detect("学\n中文测试，一切正常\n".encode("gbk"))
    assert (decoded.text, decoded.encoding) == ("学\n中文测试，一切正常\n", "gb2312")
    # UTF-8 with one byte lost stays UTF-8, the loss reported
    data = "".join(line + "\n" for line in LOG).encode("utf-8")
    decoded = detect(data[:20] + data[21:])
    assert decoded.encoding == "utf-8" and decoded.lost


def test_a_file_of_two_encodings_is_never_rewritten():
    from normalize_zh.textfile import NotText, read_text

    data = b"".join((line + "\n").encode("gbk" if i == 2 else "utf-8") for i, line in enumerate(LOG))
    with pytest.raises(NotText, match="two encodings"):
        read_text(data)
