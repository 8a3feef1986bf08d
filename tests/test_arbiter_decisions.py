"""What the arbiter decides (``normalize_zh.mojibake.arbiter``), each rule at
its boundary: how much a repair must save per character, with or without a
word, kana or holes; when a file is about encodings; which of overlapping
repairs wins; which readings count as words of another alphabet.

The repairs are what real wrong readings give (built here by encoding and
decoding), and the gains are set exactly at a threshold where the rule is
one of cost per character (a gain of 4.0 over two characters is 2.0 each)."""

from __future__ import annotations

import dataclasses

import pytest

from normalize_zh.mojibake.arbiter import about_encodings, accepted, choose, coherent_words, looks_damaged, reads_as_text
from normalize_zh.mojibake.detectors import Candidate, line_candidates
from normalize_zh.mojibake.ftfy_readings import ftfy_candidates

# two common characters that form no word (a chance reading: 岸丸), a word
# (中文), Japanese with one kana and no word (雨の朝)
WORDLESS, WORD, JAPANESE = "岸丸", "中文", "雨の朝"


# -- about_encodings: three different wrong readings make a file of examples --


def test_three_different_readings_make_a_file_about_encodings():
    assert about_encodings({"gbk-as-latin1", "utf8-as-gbk", "big5-as-latin1"})
    assert not about_encodings({"gbk-as-latin1", "utf8-as-gbk"})  # (MIXED_KINDS: three, not two)


def test_ftfy_reading_counts_as_a_reading():
    assert about_encodings({"ftfy", "gbk-as-latin1", "utf8-as-gbk"})


def test_the_same_reading_by_ftfy_and_by_ours_is_one():
    # ftfy's UTF-8 read as Latin-1 and ours are one reading of the file
    assert not about_encodings({"utf8-as-latin1", "utf8-as-latin1 (ftfy)", "gbk-as-latin1"})


def test_edits_that_are_no_reading_do_not_count():
    # the step's other edits (entities, a misaligned GBK byte) are no wrong reading
    assert not about_encodings({"gbk-as-latin1", "utf8-as-gbk", "html-entity", "misaligned-gbk"})


# -- reads_as_text: what a repair must save per character --


def test_a_wordless_repair_must_save_two_per_character():
    assert WORDLESS.encode("gbk").decode("latin-1") == "°¶Íè"  # (its damage, GBK read as Latin-1)
    assert reads_as_text(WORDLESS, "zh", 4.0)
    assert not reads_as_text(WORDLESS, "zh", 3.99)


def test_a_repair_that_forms_a_word_must_save_one_per_character():
    assert reads_as_text(WORD, "zh", 2.0)
    assert not reads_as_text(WORD, "zh", 1.99)


def test_kana_or_holes_in_the_span_let_one_per_character_do():
    assert reads_as_text(JAPANESE, "ja", 3.0)  # three characters, one kana
    assert not reads_as_text(JAPANESE, "ja", 2.99)
    assert reads_as_text(WORDLESS, "zh", 2.0, damaged=True)
    assert not reads_as_text(WORDLESS, "zh", 1.99, damaged=True)
    assert not reads_as_text(WORDLESS, "zh", 2.0)  # (neither kana nor holes: two per character)


def test_a_hole_left_in_a_repair_is_not_held_against_its_gain():
    # 中文 and a lost character: the hole's cost (LOST_COST) is given back
    # before the gain is shared among the three characters
    assert reads_as_text("中文\ufffd", "any", 2.0)
    assert not reads_as_text("中文\ufffd", "any", 1.99)


def test_one_character_is_evidence_only_with_the_ascii_the_decoder_swallowed():
    damaged = "的JSON".encode("utf-8").decode("gbk")[:2]
    assert damaged == "鐨凧"
    assert reads_as_text("的J", "zh", 3.0, continued=True)  # one character: 3.0 saved by it alone
    assert not reads_as_text("的J", "zh", 3.0)
    assert not reads_as_text("岸", "zh", 8.0)


def test_a_double_byte_repair_mostly_of_holes_explains_nothing():
    assert reads_as_text("中\ufffd", "zh", 8.0)  # as many holes as characters: enough
    assert not reads_as_text("中\ufffd\ufffd", "zh", 10.0)
    # UTF-8's own structure is evidence even so
    assert reads_as_text("中\ufffd\ufffd", "any", 10.0)


def test_a_proven_kind_may_leave_a_lone_hole_but_not_nothing():
    # 12鏈�28 (UTF-8 read as GBK) -> 12�28 in a text where that reading is proven
    assert reads_as_text("12\ufffd28", "zh", 3.0, proven=True)
    assert not reads_as_text("12\ufffd28", "zh", 3.0)
    assert not reads_as_text("1—2", "zh", 5.0, proven=True)  # no Chinese at all


def test_rare_characters_proven_kinds_may_have_one_of():
    # 楊珧 (a name, 珧 rare) is as good a reading as any in a proven text;
    # 廻転 (Japanese, both rare in Chinese) is not, and unproven neither is
    assert not reads_as_text("楊珧", "zh", 8.0)
    assert reads_as_text("楊珧", "zh", 8.0, proven=True)
    assert not reads_as_text("廻転", "zh", 8.0, proven=True)


def test_japanese_runs_on_kana():
    assert reads_as_text("私は", "ja", 6.0)  # one kana of two characters
    # Han alone from a Shift-JIS reading is chance, unless a word of two or more
    assert not reads_as_text(WORDLESS, "ja", 8.0)
    assert reads_as_text(WORDLESS, "zh", 8.0)
    assert reads_as_text("東京", "ja", 8.0)
    # one kana among six characters is too little (a fifth must be kana)
    assert not reads_as_text("岸丸夢揮法の", "ja", 30.0)
    assert reads_as_text("岸丸夢揮法の", "any", 30.0)


# -- accepted: ftfy's repairs into Chinese must read as Chinese --


def _ftfy(text: str) -> tuple[Candidate, str]:
    line = text.encode("utf-8").decode("latin-1")
    (candidate,) = ftfy_candidates(line)
    assert candidate.kind == "utf8-as-latin1 (ftfy)" and candidate.text == text
    return candidate, line


def test_ftfy_repair_into_chinese_is_judged_as_unproven_text():
    candidate, line = _ftfy(WORDLESS)
    assert accepted(candidate, line)
    # the same repair saving too little per character for a wordless one
    # (1.5 each: enough only with kana or holes)
    assert not accepted(dataclasses.replace(candidate, gain=3.0), line)
    lone, line = _ftfy("岸")  # one character: no evidence, whatever it saves
    assert not accepted(lone, line)


def test_ftfy_repair_into_korean_is_text():
    line = "한국어".encode("utf-8").decode("cp1252", errors="replace")
    (candidate,) = ftfy_candidates(line)
    assert candidate.text == "한국어" and accepted(candidate, line)


# -- choose: the set of largest total gain --


def test_one_repair_beats_two_that_together_gain_no_more():
    whole = Candidate(0, 4, "你好", "gbk-as-latin1", 2.0)
    halves = [Candidate(0, 2, "你", "gbk-as-cp1252", 1.0), Candidate(2, 4, "好", "gbk-as-cp1252", 1.0)]
    assert choose([whole, *halves]) == [whole]
    assert choose([whole, *[dataclasses.replace(c, gain=1.01) for c in halves]]) == [dataclasses.replace(c, gain=1.01) for c in halves]


def test_repairs_that_gain_little_count_for_little():
    whole = Candidate(0, 4, "你好", "gbk-as-latin1", 1.5)
    halves = [Candidate(0, 2, "你", "gbk-as-cp1252", 0.5), Candidate(2, 4, "好", "gbk-as-cp1252", 0.5)]
    assert choose([whole, *halves]) == [whole]


# -- coherent_words: a UTF-8 reading into words of another alphabet --


def test_utf8_readings_into_one_alphabet_are_words():
    line = "Сервис".encode("utf-8").decode("gbk")
    found = {c.kind: c for c in line_candidates(line)}
    assert coherent_words(found["utf8-as-gbk"], line)
    assert not any(coherent_words(c, line) for kind, c in found.items() if not kind.startswith("utf8-"))
    greek = "Ελληνικά".encode("utf-8").decode("cp1252")
    (ftfy,) = ftfy_candidates(greek)
    assert coherent_words(ftfy, greek)
    assert coherent_words(dataclasses.replace(ftfy, kind="ftfy"), greek)


@pytest.mark.parametrize("kind", ["gbk-as-big5", "big5-as-gbk"])
def test_a_double_byte_reading_is_never_words_of_an_alphabet(kind):
    assert not coherent_words(Candidate(0, 6, "Сервис", kind, 9.0), "")


# -- looks_damaged: a single-byte span reads as damage --


def test_four_accented_capitals_are_damage_even_where_ftfy_sees_none():
    damaged = "月又".encode("gbk").decode("latin-1")
    assert damaged == "ÔÂÓÖ"
    assert looks_damaged(damaged, "gbk-as-latin1")
    # European words are not: small letters (Polish), or a word with one accent
    assert not looks_damaged("żółć", "gbk-as-cp1250")
    assert not looks_damaged("Grüße", "gbk-as-latin1")


# -- a shared mark misread like the rest of its line ---------------------------------------

DIABLO = "mojibake: 'Diablo " + "第二幕".encode("utf-8").decode("cp1252") + " " + "·".encode("utf-8").decode("cp1252") + " x'"
MIDDLE_DOT = Candidate(DIABLO.index("Â·"), DIABLO.index("Â·") + 2, "·", "utf8-as-cp1252", 3.0)
KIND = frozenset({"utf8-as-cp1252"})


def test_a_shared_mark_is_repaired_in_a_line_its_kind_repaired():
    assert accepted(MIDDLE_DOT, DIABLO, KIND, KIND)


def test_a_shared_mark_alone_is_no_repair_even_where_its_kind_is_proven():
    # (a · or a — alone cannot be told from the text's own: only a line the kind repaired says so)
    assert not accepted(MIDDLE_DOT, DIABLO, KIND)
    assert not accepted(MIDDLE_DOT, DIABLO, KIND, frozenset({"utf8-as-latin1"}))


def test_a_shared_mark_in_its_kinds_line_still_needs_the_line_margin():
    assert not accepted(dataclasses.replace(MIDDLE_DOT, gain=-2.01), DIABLO, KIND, KIND)
    assert accepted(dataclasses.replace(MIDDLE_DOT, gain=-2.0), DIABLO, KIND, KIND)


def test_the_middle_dot_between_repairs_of_its_kind_comes_back():
    from normalize_zh import run

    # benchmarks/data/mojibake_wild.jsonl utf8-truncated-003: 鲁 and 因 lost their last bytes
    result = run("mojibake: 'Diablo ç¬¬äºŒå¹• é² Â· é«˜å›'")
    assert result.text.startswith("mojibake: 'Diablo 第二幕 é² · 高")
    assert {flag.kind for flag in result.flags} == {"lost-bytes", "mojibake-left"}
