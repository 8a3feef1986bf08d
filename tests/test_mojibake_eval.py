"""The wild-set evaluation's right answer for a context line
(benchmarks/mojibake_eval.py): the entry's span restored, and any other
stretch the output restored provably (damaged the entry's way, it gives the
line's stretch back) counts as right too, never a stretch merely different."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "mojibake_eval.py"
spec = importlib.util.spec_from_file_location("mojibake_eval", SCRIPT)
mojibake_eval = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mojibake_eval)

STEPS = ["encode:gbk", "decode:cp1254"]
ENTRY = {
    "damaged": "ÇëÓÃÖĞÎÄÌîĞ´ÉêÇëµ¥.",
    "original": "请用中文填写申请单.",
    "context": '"ÇëÏêÌîÁªÂçµç»°.", "ÇëÓÃÖĞÎÄÌîĞ´ÉêÇëµ¥."',
    "lossless": True,
    "verified_by": STEPS,
}


def test_a_second_stretch_of_the_same_damage_undone_counts_as_right():
    output = '"请详填联络电话.", "请用中文填写申请单."'
    assert "请详填联络电话".encode("gbk").decode("cp1254") == "ÇëÏêÌîÁªÂçµç»°"
    assert mojibake_eval.expected_line(ENTRY, output) == output


def test_a_stretch_changed_otherwise_is_still_an_error():
    output = '"请填写电话号码.", "请用中文填写申请单."'
    assert mojibake_eval.expected_line(ENTRY, output) == '"ÇëÏêÌîÁªÂçµç»°.", "请用中文填写申请单."'


def test_lossy_entries_and_other_steps_keep_the_plain_answer():
    lossy = dict(ENTRY, lossless=False)
    output = '"请详填联络电话.", "请用中文填写申请单."'
    assert mojibake_eval.expected_line(lossy, output) == '"ÇëÏêÌîÁªÂçµç»°.", "请用中文填写申请单."'
    assert mojibake_eval.redamage("中", ["encode:utf-8", "decode:gbk:replace"]) is None
