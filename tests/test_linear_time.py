"""Issue 19: the fixes for superlinear paths keep each finder's answers.

Timings live in benchmarks/worst_case.py; these tests check behaviour: a
faster finder gives what the slow one gave (against the slow one itself,
kept here as the reference), a pathological block is left alone whole, and
where an operation count says more than the answer does, the count.
"""

from __future__ import annotations

import re

import pytest
import srt
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize_zh import markdown, markup, protect, rst, subtitles
from normalize_zh.config import Config
from normalize_zh.pipeline import run_text


def texts_of(pieces: list[str], max_size: int = 12):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# -- protect: e-mail addresses found from each "@" ------------------------------------


@settings(max_examples=600, deadline=None)
@given(texts_of(["a", "中", "@", ".", "-", "+", "_", " ", "x.cn", "@y.org", "1", "．", "b@c"], 16))
def test_email_spans_are_what_the_email_pattern_finds(text):
    assert protect.email_spans(text) == [m.span() for m in protect.EMAIL.finditer(text)]


def test_an_address_in_a_long_chinese_line_is_protected_and_nothing_else():
    text = "请写信到 info@example.cn，" + "正文" * 5000
    assert protect.protected_spans(text) == [(5, 20)]
