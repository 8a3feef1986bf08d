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


def test_a_stray_traditional_character_counts_as_converted_by_any_of_the_three_configs():
    # chinese-poetry's 全唐诗: t2s leaves 簷, tw2s gives 檐; hk2s gives 卫 for 衞, t2s leaves it
    assert judge("簷", "檐", "箕星分南野，有斗挂簷北。") == ("normalization", "t2s-stray-traditional")
    assert judge("衞", "卫", "衞●") == ("normalization", "t2s-stray-traditional")
    assert judge("簷", "沿", "箕星分南野，有斗挂簷北。")[0] == "damage"  # no config gives that
    assert judge("挂", "掛", "箕星分南野，有斗挂簷北。")[0] == "damage"  # 挂 is in GB2312


def test_a_closing_bracket_made_to_match_its_fullwidth_opening_is_normalization():
    # chinese-poetry's 古文观止: the source's pair is （ ... )
    line = "對曰：“忠之屬也。可以一戰。戰則請從。”（遍 一作：徧)"
    assert judge(")", "）", line) == ("normalization", "fullwidth-bracket-pair")
    # Latin after it: the bracket is not in running Chinese
    assert judge(")", "）", "對曰：“忠之屬也。”（遍 一作：徧) x")[0] == "damage"
    # its opening bracket is on another line: nothing on this line to match
    assert judge(")", "）", "一作：去)")[0] == "damage"


def test_a_space_inside_the_brackets_does_not_part_the_pair():
    line = "蕩胸生曾雲，決眥入歸鳥。( 曾 通：層)"
    assert judge(")", "）", line) == ("normalization", "fullwidth-bracket-pair")
    assert judge(")", "）", "蕩胸生曾雲，決眥入歸鳥。( 曾 通：層) x")[0] == "damage"  # Latin after it


def test_a_bracket_pair_across_two_lines_of_one_paragraph_is_judged_as_one():
    # chinese-poetry's 唐诗三百首: an annotation's brackets span a line break
    change = clean_rules.Change("char", ")", "）", 2, line_before="一作：去)", column=4, above="明朝掛帆席，楓葉落紛紛。(掛帆\n")
    clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hant")
    assert (change.verdict, change.rule) == ("normalization", "fullwidth-bracket-pair")
    alone = clean_rules.Change("char", ")", "）", 2, line_before="一作：去)", column=4, above="明朝掛帆席，楓葉落紛紛。\n")
    clean_rules.classify(alone, bed="prose", kind="prose", language="zh-Hant")
    assert alone.verdict == "damage"  # no opening bracket above: a stray ) made full width


def test_a_space_between_han_removed_is_a_repair_only_in_a_wrapped_document():
    line = "便问道：“什么 事？”有仁答说"
    change = clean_rules.Change("char", " ", "", 1, line_before=line, column=line.index(" "))
    clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hans", genre="wrapped")
    assert (change.verdict, change.rule) == ("repair", "space-in-wrapped-text")
    clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hans", genre="novel")
    assert change.verdict == "damage"
    after_comma = clean_rules.Change("char", " ", "", 1, line_before="他是如皋县人， 秀才先生。", column=7)
    clean_rules.classify(after_comma, bed="prose", kind="prose", language="zh-Hans", genre="wrapped")
    assert after_comma.verdict == "repair"  # the old break fell after a comma
    latin = clean_rules.Change("char", " ", "", 1, line_before="用 Python 写", column=1)
    clean_rules.classify(latin, bed="prose", kind="prose", language="zh-Hans", genre="wrapped")
    assert latin.verdict == "damage"  # a space beside Latin is no old line break


def test_brackets_of_a_chinese_sentence_around_latin_or_digits_are_normalization():
    # chinanews (Seeeeeeeeeeeea/news_search_engine): both halves made full width
    line = "联合国气候变化大会(COP30)于当地时间开幕"
    assert judge("(", "（", line, language="zh-Hans") == ("normalization", "fullwidth-bracket-pair")
    assert judge(")", "）", line, language="zh-Hans") == ("normalization", "fullwidth-bracket-pair")
    dateline = "中新网北京11月25日电(记者 陈杭)11月25日，"
    assert judge(")", "）", dateline, language="zh-Hans")[0] == "normalization"
    # Latin outside the pair: the brackets are the Latin text's
    assert judge("(", "（", "use foo(COP30)于", language="zh-Hans")[0] == "damage"
    assert judge(")", "）", "大会(COP30) is open", language="zh-Hans")[0] == "damage"
    # a lone ( with no partner on its line
    assert judge("(", "（", "大会(COP30于", language="zh-Hans")[0] == "damage"


def _deleted(text: str, kept: str) -> tuple[str, str]:
    change = clean_rules.Change("delete", text, "", 3, steps=("boilerplate",), kept=kept)
    clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hans")
    return change.verdict, change.rule


def test_furniture_removed_with_its_words_kept_as_metadata_is_normalization():
    # chinanews (Seeeeeeeeeeeea/news_search_engine): credits at an article's end
    assert _deleted("\n【编辑:李润泽】\n", "李润泽") == ("normalization", "furniture-kept-as-metadata")
    assert _deleted("\n来源：北京青年报【编辑:于晓】\n", "摄影/本报记者张鑫\n北京青年报\n于晓")[0] == "normalization"
    assert _deleted("摄影/本报记者张鑫\n\n", "摄影/本报记者张鑫")[0] == "normalization"


def test_furniture_removed_with_part_of_it_lost_stays_damage():
    # the print source is in no metadata value: only the date and the editor were kept
    line = "\n《人民日报海外版》(2025年11月25日第09版)【编辑:惠小东】\n"
    assert _deleted(line, "2025年11月25日\n惠小东")[0] == "damage"
    assert _deleted("\n【编辑:李润泽】\n", "")[0] == "damage"  # nothing kept
    # a long word before a colon is no label
    assert _deleted("\n中华人民共和国外交部：今天\n", "今天")[0] == "damage"


def test_a_chinese_gloss_in_brackets_after_a_latin_term_is_normalization():
    line = "中国在AI(人工智能)领域的突破"
    assert judge("(", "（", line, language="zh-Hans") == ("normalization", "fullwidth-bracket-pair")
    assert judge(")", "）", line, language="zh-Hans")[0] == "normalization"
    assert judge("(", "（", "(总台央视记者孙艳)【编辑:王琴】", language="zh-Hans")[0] == "normalization"
    # code, or the end of a line: no Chinese after the pair
    assert judge("(", "（", "调用 print(中文)", language="zh-Hans")[0] == "damage"
    last = "可拨打118(海上事故)、119(消防、急救)"
    change = clean_rules.Change("char", "(", "（", 1, line_before=last, column=last.rindex("("))
    assert clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hans").verdict == "normalization"  # after a number
    assert judge("(", "（", "AI(人工智能) is", language="zh-Hans")[0] == "damage"


def test_an_odd_space_made_plain_is_normalization_and_an_ideographic_one_is_not():
    line = "新华社北京11月25日电\u2003题：警惕"
    assert judge("\u2003", " ", line, language="zh-Hans") == ("normalization", "odd-space-plain")
    assert judge("\u3000", " ", "　　第一段", language="zh-Hans")[0] == "damage"  # a Chinese indent
    assert judge("\u2003", "", line, language="zh-Hans")[0] == "damage"  # removed, not made plain


def test_the_padding_outside_a_halfwidth_pair_goes_with_it():
    # kong0107/mojLawSplitJSON: Taiwan's law database sets half-width brackets off with spaces
    line = "行政院研究發展考核委員會 (以下簡稱本會) 為籌設國家檔案局，以統籌"
    assert judge("員會 (", "员会（", line) == ("normalization", "by-character: t2s-traditional-paragraph+bracket-padding+fullwidth-bracket-pair")
    assert judge("會) 為", "会）为", line)[0] == "normalization"
    assert judge(" (", "（", "本準則依環境影響評估法 (以下簡稱本法) 第五條第二項規定訂定之。")[0] == "normalization"
    # Latin beyond the padding: no Chinese sentence's pair
    assert judge(" (", "（", "see the Act (以下簡稱本法) x")[0] == "damage"
    # a space removed beside nothing made full width is still damage
    assert judge(" ", "", "本準則依環境影響評估法 第五條")[0] == "damage"


def test_a_comma_of_either_width_before_an_enumeration_comma_is_a_stray_mark():
    # hkarchivist/hkcnews-article-archive: "Wynton Kelly,、Paul Chambers"
    line = "其中3位成員Wynton Kelly,、Paul Chambers與Jimmy Cobb離隊"
    assert judge(",", "", line) == ("normalization", "stray-mark")
    assert judge(",", "", "Wynton Kelly, Paul Chambers")[0] == "damage"  # an English list's comma


def test_a_halfwidth_pair_closed_on_the_line_below_is_judged_as_one():
    # kong0107/mojLawSplitJSON D0000004: the database's column cut the pair (以 / 下簡稱本會)
    line = "本部為策劃推行人口政策及研究分析人口問題，特設人口政策委員會 (以"
    change = clean_rules.Change("char", " (", "（", 1, line_before=line, column=line.index(" ("), below="\n下簡稱本會) 。")
    assert clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hant").verdict == "normalization"
    # the same ( with no partner below, or a paragraph below that closes it after Latin, stays damage
    alone = clean_rules.Change("char", " (", "（", 1, line_before=line, column=line.index(" ("), below="")
    assert clean_rules.classify(alone, bed="prose", kind="prose", language="zh-Hant").verdict == "damage"
    latin = clean_rules.Change("char", " (", "（", 1, line_before=line, column=line.index(" ("), below="\n下簡稱本會) is x")
    assert clean_rules.classify(latin, bed="prose", kind="prose", language="zh-Hant").verdict == "damage"


# kong0107/mojLawSplitJSON A0030115: the law database wraps articles at 64 columns
LAW = """國家檔案局籌備處暫行組織規程

第 1 條
行政院研究發展考核委員會 (以下簡稱本會) 為籌設國家檔案局，以統籌
規劃政府機關檔案管理事務，促進檔案公開運用，發揮檔案功能，特設國
家檔案局籌備處 (以下簡稱本處) 。

第 3 條
本處設企劃、檔案管理、典藏技術、資訊及行政院管理五組，分別掌理前
條所列事項。
前項各組，必要時得分科辦事。

第 8 條
本處為應業務需要，得聘請學者、專家為顧問，必要時得設各種委員會。
前項顧問及委員會之委員，均為無給職。
"""


def _join(text: str, number: int) -> str:
    lines = text.splitlines()
    change = clean_rules.Change("join", "\n", "", number + 1, upper=lines[number], print_column=clean_rules.print_column(text))
    return clean_rules.classify(change, bed="prose", kind="prose", language="zh-Hant").verdict


def test_a_join_after_a_line_that_fills_the_print_column_is_a_repair():
    assert clean_rules.print_column(LAW) == 64
    assert _join(LAW, 3) == "repair"  # …以統籌 / 規劃…
    assert _join(LAW, 8) == "repair"  # …分別掌理前 / 條所列事項。
    # a line that fills the column but ends its sentence, and a short line, are no wrap
    assert _join(LAW, 14) == "damage"  # …必要時得設各種委員會。 / 前項顧問…
    assert _join(LAW, 9) == "damage"  # 條所列事項。 / 前項各組…
    assert _join(LAW, 2) == "damage"  # 第 1 條 / 行政院…


def test_text_one_paragraph_a_line_has_no_print_column():
    news = "\n".join(
        [
            "新华社北京12月1日电 记者从国家统计局获悉，11月份制造业采购经理指数为49.8%，比上月上升0.2个百分点",
            "分企业规模看，大型企业PMI为50.3%，比上月上升0.3个百分点，高于临界点；中型企业PMI为48.9%",
            "从分类指数看，在构成制造业PMI的5个分类指数中，生产指数高于临界点，新订单指数、原材料库存指数",
            "短的一行。",
        ]
    )
    assert clean_rules.print_column(news) == 0
    # lines of one width that end their sentences are verse or a list, not a wrap
    listed = "\n".join(["一、關於檔案管理之研究及規劃事項，由本處企劃組辦理之。"] * 4)
    assert clean_rules.print_column(listed) == 0
    # a drawn table's rows are not the text's column
    table = "\n".join(["┌──────────────────────────────┬──────────┐"] + ["│職稱                          │員額      │"] * 3)
    assert clean_rules.print_column(LAW + table) == 64
