"""Bytes to text for short non-Chinese input (issues 13 and 19): European text
in a single-byte code page is not forced into a Chinese codec, and bytes that
are no text decode fast, with few flags."""

from __future__ import annotations

import random
import time

import pytest

from normalize_zh import normalize_bytes
from normalize_zh.decode import MERGE_GAP, detect


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("Grüße aus München", "latin-1"),  # issue 13: was Gr晧e aus M𤦂chen
        ("Ärger über Öl, Straße und Grüße.", "latin-1"),
        ("Größe", "latin-1"),
        ("São Paulo", "latin-1"),
        ("Café crème", "cp1252"),
        ("Ça va? Très bien", "cp1252"),
    ],
)
def test_short_european_text_is_read_as_european(text, encoding):
    assert detect(text.encode(encoding)).text == text
    assert normalize_bytes(text.encode(encoding), "minimal") == text


@pytest.mark.parametrize(
    "text, encoding",
    [("中文", "gbk"), ("用户名", "gbk"), ("x中y", "gbk"), ("用API", "gbk"), ("的JSON配置文件", "gbk"), ("臺灣", "big5")],
)
def test_short_chinese_is_still_chinese(text, encoding):
    """Chinese with ASCII letters beside it reads better as Chinese than as
    Latin-1 letters (ÓÃAPI), by the same yardstick."""
    assert detect(text.encode(encoding)).text == text


def test_lost_spans_a_few_bytes_apart_are_one():
    data = "郑州".encode("gbk") + b"\xff" + b"ab" + b"\xff" + "市".encode("gbk") + b"\xff" * 2 + b"x" * (MERGE_GAP + 1) + b"\xff"
    decoded = detect(data)
    assert len(decoded.lost) == 2


def test_a_megabyte_of_random_bytes_is_decoded_fast():
    noise = random.Random(19).randbytes(1_000_000)
    start = time.process_time()
    decoded = detect(noise)
    assert time.process_time() - start < 10  # was 17 s with normalize; about half a second here
    assert len(decoded.lost) < 10_000
