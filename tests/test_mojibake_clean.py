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
    short = Candidate(0, 2, "谁B", "utf8-as-sjis", 2.4)
    assert not arbiter.anchors(short, "隹。")
    # a word, more than SHORT_REPAIR characters of text, a single-byte reading's
    # symbols, or U+FFFD in the span: each vouches for its kind
    assert arbiter.anchors(Candidate(0, 4, "返回", "gbk-as-big5", 9.0), "扆隙")
    assert arbiter.anchors(Candidate(0, 4, "卧槽犇骉", "gbk-as-big5", 9.0), "扆隙杅擂")
    assert not arbiter.anchors(Candidate(0, 3, "卧槽犇", "gbk-as-big5", 9.0), "扆隙杅")
    assert arbiter.anchors(Candidate(0, 4, "年、", "gbk-as-latin1", 9.0), "Äê¡¢")
    assert arbiter.anchors(Candidate(0, 2, "犇", "utf8-as-gbk", 3.0), "犇\ufffd")
    assert not arbiter.anchors(Candidate(0, 2, "犇B", "utf8-as-gbk", 3.0), "犇骉")


def test_swallowed_ascii_is_counted_against_the_span():
    from normalize_zh.mojibake.arbiter import _swallowed

    assert _swallowed("的J", "鐨凧") == 1
    assert _swallowed("涓?", "涓?") == 0  # the ? was in the span already
    assert _swallowed("탁B탁B", "夋。夋。") == 2
    assert _swallowed("你 好", "浣 犲") == 0  # spaces are not counted


def test_a_run_of_one_alphabet_is_no_double_byte_misreading():
    # Russian prose is in GBK, Big5 and Shift-JIS alike: their readers pass over
    # four letters in a row of one alphabet (detectors.ALPHABET_RUN), not three,
    # and not Cyrillic among Han (GBK read as Big5 writes both)
    from normalize_zh.mojibake import detectors
    from normalize_zh.mojibake.readings import double_byte_readers

    for reader in double_byte_readers():
        assert [run for _, run in detectors._runs("Привет мир", reader)] == [], reader.name
        assert [run for _, run in detectors._runs("Жди", reader)] == ["Жди"], reader.name
        assert [run for _, run in detectors._runs("中Привет", reader)] != [], reader.name
