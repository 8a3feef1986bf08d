"""Lost bytes (issue 16): a hole is filled only when the bytes, or words on
both sides of it, leave one reading; otherwise it stays U+FFFD and is flagged
with what it could have been."""

from __future__ import annotations

from normalize_zh.edits import apply_edits
from normalize_zh.mojibake import fix_encoding_outcome, holes
from normalize_zh.mojibake.readings import UTF8, double_byte_readers


def test_a_hole_the_bytes_decide_is_filled():
    """一 is E4 B8 80; read as GBK, E4 B8 is 涓 and 80 starts no character.
    GB18030 (which a private-use character in the text shows was the decoder)
    refuses only 80 and FF before a lead byte such as E5, so the lost byte was
    80: 一 alone.  Python's GBK refuses more (its undefined rows too)."""
    gbk = double_byte_readers()[0]
    assert gbk.lost_values(0xE5, ("gb18030",)) == (0x80, 0xFF)
    assert holes.candidates(UTF8, gbk, bytes.fromhex("e4 b8 80"), 2, 0xE5, ("gb18030",)) == ("一",)
    assert len(holes.candidates(UTF8, gbk, bytes.fromhex("e4 b8 80"), 2, 0xE5, None)) > 1


def test_a_hole_the_words_on_both_sides_decide_is_filled():
    text, still = holes.settle("生产总\ufffd同比", [holes.Lost(3, ("值", "导", "娼"))])
    assert still  # 生产总值 on the left, but no word starts with 值 on the right: open
    text, still = holes.settle("科\ufffd技术", [holes.Lost(1, ("学", "雪", "血"))])
    assert (text, still) == ("科学技术", [])  # 科学 and 学技 (科学技术): words on both sides, 学 alone


def test_a_hole_one_word_alone_would_settle_stays_open():
    """本报讯: 报讯 and 报考 are both words; a word on one side only fills 1 in 8 to 13 wrongly."""
    text, still = holes.settle("本报\ufffd", [holes.Lost(2, ("考", "讯", "读"))])
    assert text == "本报\ufffd" and len(still) == 1


def test_undecided_holes_are_flagged_with_their_candidates():
    damaged = "国家统计局今天发布数据".encode("utf-8").decode("gbk", errors="replace")
    outcome = fix_encoding_outcome(damaged)
    repaired = apply_edits(damaged, outcome.edits)
    flags = [f for f in outcome.flags if f.kind == "lost-bytes"]
    assert [repaired[f.start] for f in flags] == ["\ufffd"] * len(flags)
    assert all("could have been" not in f.detail or f.candidates for f in flags)
    for flag in flags:
        assert flag.candidates and str(len(flag.candidates)) in flag.detail


def test_adjacent_holes_of_random_bytes_are_one_flag():
    """1 MB of random bytes once gave 250,000 flags: lines that are no text get
    one flag each, and their lost bytes are not counted one by one."""
    import random

    from normalize_zh import run

    noise = random.Random(16).randbytes(100_000)
    result = run(noise, "minimal")
    assert len(result.flags) < 1_000
    assert {f.kind for f in result.flags} <= {"undecodable", "not-text", "replacement-characters", "lost-bytes", "kun-jin-kao"}


def test_kun_jin_kao_and_its_neighbours_out_of_step_are_one_flag():
    outcome = fix_encoding_outcome("锟斤拷证锟矫伙拷锟斤拷锟斤拷")
    assert [(f.kind, f.start, f.end) for f in outcome.flags] == [("kun-jin-kao", 0, 14)]
    outcome = fix_encoding_outcome("嚙踝蕭乱码问题")
    assert [(f.kind, f.start, f.end) for f in outcome.flags] == [("kun-jin-kao", 0, 3)]


def test_gbk_read_as_utf8_is_flagged_with_its_survivors():
    """GBK bytes read as UTF-8 keep only those that happen to be UTF-8 (ƽ ƶ ͼ of
    平滑移动图): the first, in step at the line start, is read back (平); the
    others are lost text too, and the flag covers them."""
    damaged = "平滑移动图标集合".encode("gbk").decode("utf-8", errors="replace")
    outcome = fix_encoding_outcome(damaged)
    assert [(e.start, e.end, e.replacement) for e in outcome.edits] == [(0, 1, "平")]
    (flag,) = outcome.flags
    assert (flag.kind, flag.start, flag.end) == ("replacement-characters", 1, len(damaged))


def test_a_windows_question_mark_for_a_lost_byte_is_flagged():
    outcome = fix_encoding_outcome("2017-03-24 [info] DebugLevel璁剧疆涓?2")
    assert apply_edits("2017-03-24 [info] DebugLevel璁剧疆涓?2", outcome.edits).endswith("设置\ufffd2")
    (flag,) = outcome.flags
    assert flag.kind == "lost-bytes" and "为" in flag.candidates
