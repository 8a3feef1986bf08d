"""Clean text that mojibake repair must leave alone, and flag nothing in
(issues 13 and 16): Japanese, Korean, European, Russian and classical Chinese
prose quoted from public documentation and corpora (tests/cases/mojibake_clean.json
names each source), rare but valid names, tables, real euro signs."""

from __future__ import annotations

import pytest

from normalize_zh.mojibake import fix_encoding_outcome

from .conftest import load_cases


@pytest.mark.parametrize("case", load_cases("mojibake_clean"))
def test_clean_text_is_unchanged_and_unflagged(case):
    outcome = fix_encoding_outcome(case["input"])
    assert outcome.edits == [], case["note"]
    assert list(outcome.flags) == [], case["note"]


@pytest.mark.parametrize("case", load_cases("mojibake_clean"))
def test_clean_text_is_unchanged_in_code(case):
    text = case["input"]
    for template in ('printf("%s\\n");', "s = '%s'", "<td>%s</td>", "# %s"):
        line = template % text.replace("\n", " ")
        assert fix_encoding_outcome(line).edits == [], (template, case["note"])


@pytest.mark.parametrize("around", ["{}", "这是一句话：{}，很好", "返回{}数据"])
def test_ascii_the_wrong_decoder_swallowed_is_read_back_where_ascii_continues(around):
    # UTF-8 的JSON read as GBK: 的's last byte opened a GBK character with J
    damaged = "的JSON".encode("utf-8").decode("gbk")
    assert damaged == "鐨凧SON"
    outcome = fix_encoding_outcome(around.format(damaged))
    assert [edit.replacement for edit in outcome.edits] == ["的J"]


def test_a_repair_mostly_of_swallowed_ascii_proves_nothing():
    from normalize_zh.mojibake import arbiter
    from normalize_zh.mojibake.detectors import Candidate

    chance = Candidate(0, 4, "탁B탁B", "utf8-as-sjis", 4.2)
    assert not arbiter.accepted(chance, "夋。夋。倨也")
    worded = Candidate(0, 4, "返回数据", "gbk-as-big5", 9.0)
    assert arbiter.anchors(worded, "扆隙杅擂") and not arbiter.anchors(Candidate(0, 2, "谁B", "utf8-as-sjis", 2.4), "隹。")
