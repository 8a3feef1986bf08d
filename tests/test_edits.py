"""Flags follow the text through later edits (edits.move_flags): one mover for
the pipeline's steps and the mojibake repair's rounds."""

from __future__ import annotations

from normalize_zh import normalize_bytes, run
from normalize_zh.edits import Edit, Flag, apply_edits, move_flags

TEXT = "本报讯(记者 王红) 12月28日，锟斤拷会议召开。"


def _flag(text: str, piece: str, kind: str = "mojibake-left") -> Flag:
    start = text.index(piece)
    return Flag(kind, start, start + len(piece), piece)


def test_a_flag_moves_with_the_edits_before_it_and_keeps_its_text():
    flag = _flag(TEXT, "锟斤拷")
    edits = [Edit(3, 4, "（"), Edit(9, 10, "）"), Edit(10, 11, "")]  # ( ) made full width, a space removed
    after = apply_edits(TEXT, edits)
    (moved,) = move_flags([flag], edits)
    assert after[moved.start : moved.end] == "锟斤拷"


def test_a_flag_over_a_replacement_covers_what_replaced_it():
    flag = _flag(TEXT, "锟斤拷")
    edits = [Edit(flag.start, flag.end, "\ufffd")]
    (moved,) = move_flags([flag], edits)
    assert apply_edits(TEXT, edits)[moved.start : moved.end] == "\ufffd"


def test_a_flag_whose_text_was_deleted_keeps_no_position_and_says_so():
    flag = _flag(TEXT, "锟斤拷")
    (moved,) = move_flags([flag], [Edit(0, len(TEXT), "")])
    assert (moved.start, moved.end, moved.text) == (None, None, "锟斤拷")
    assert moved.detail.endswith("(removed with its text)")
    # a deletion that leaves part of it: the flag shrinks to that part
    (shrunk,) = move_flags([flag], [Edit(flag.start, flag.start + 1, "")])
    assert (shrunk.start, shrunk.end) == (flag.start, flag.end - 1)


def test_flags_of_the_input_bytes_are_not_moved_by_text_edits():
    flag = Flag("undecodable", 3, 5, "ff fe")
    assert move_flags([flag], [Edit(0, 2, "")]) == [flag]


def test_the_pipeline_moves_flags_to_the_text_it_returns():
    # a character cut by a lost byte; the punctuation and spacing steps then edit before it
    data = "本报讯(记者 王红) 12月28日，会议".encode("utf-8")[:-2] + "召开。".encode("utf-8")
    result = run(data)
    assert result.text == "本报讯（记者 王红）12月28日，会\ufffd召开。"
    (mark,) = [flag for flag in result.flags if flag.kind == "replacement-characters"]
    assert result.text[mark.start : mark.end] == "\ufffd"
    (lost,) = [flag for flag in result.flags if flag.kind == "undecodable"]
    assert (lost.start, lost.end) == (41, 42)  # the input's bytes, not moved
    assert normalize_bytes(data) == result.text
