"""The clean-bed evaluation's verdicts (benchmarks/clean_rules.py): each rule
passes the change it names and no damage beside it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "clean_rules.py"
spec = importlib.util.spec_from_file_location("clean_rules", SCRIPT)
clean_rules = importlib.util.module_from_spec(spec)
sys.modules["clean_rules"] = clean_rules
spec.loader.exec_module(clean_rules)


def judge(before: str, after: str, line: str, *, kind: str = "prose", language: str = "zh-Hant") -> tuple[str, str]:
    change = clean_rules.Change("char", before, after, 1, line_before=line, column=line.index(before))
    clean_rules.classify(change, bed="prose", kind=kind, language=language)
    return change.verdict, change.rule


# chinese-poetry's 唐诗三百首: an annotation converted to simplified, its brackets made full width
LINE = "肯與鄰翁相對飲，隔籬呼取盡餘杯。(餘 通：餘)"


def test_a_merged_change_is_judged_by_character_when_each_character_passes():
    assert judge("(餘", "（余", LINE) == ("normalization", "by-character: fullwidth-between-han+t2s-traditional-paragraph")
    assert judge("餘)", "余）", LINE)[0] == "normalization"


def test_a_merged_change_with_one_damaged_character_stays_damage():
    # 餘 -> 馀 is no conversion OpenCC makes there
    assert judge("(餘", "（馀", LINE) == ("damage", "default-damage")
    # a bracket made full width with nothing Chinese before it
    assert judge("(x", "（x", "abc (x) 中文")[0] == "damage"


def test_a_single_character_change_is_not_split():
    assert judge("餘", "馀", LINE) == ("damage", "default-damage")


def test_a_line_ending_colon_after_han_made_full_width_is_normalization():
    # luoxuhai/chinese-novel: a poem follows on the next line
    assert judge(":", "：", "诗曰:", language="zh-Hans") == ("normalization", "sentence-end-fullwidth")
    assert judge(":", "：", "note: 诗曰", language="zh-Hans")[0] == "damage"  # not at the line's end


def test_a_fullwidth_letter_made_ascii_is_normalization_and_nothing_else_is():
    assert judge("Ｉ", "I", "一直跑进去。Ｉ", language="zh-Hans") == ("normalization", "fullwidth-alnum-narrowed")
    assert judge("Ｉ", "l", "一直跑进去。Ｉ", language="zh-Hans")[0] == "damage"
    assert judge("，", ",", "一直，跑", language="zh-Hans")[0] == "damage"
