"""What a mojibake repair leaves beside it is flagged, never guessed, and
clean text beside a repair is left unflagged (mojibake/leftovers.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalize_zh.mojibake import fix_encoding, fix_encoding_outcome
from normalize_zh.edits import Flag, apply_edits
from normalize_zh.mojibake.leftovers import alone, possible, same_damage, uncovered
from normalize_zh.mojibake.readings import BIG5, GBK, UTF8, reader_named
from tests.support.strategies import clean_sentences


def repaired(text: str) -> tuple[str, list[tuple[str, str]]]:
    outcome = fix_encoding_outcome(text)
    output = apply_edits(text, outcome.edits)
    for flag in outcome.flags:
        assert flag.text == output[flag.start : flag.end] or flag.kind != "mojibake-left"
    return output, [(flag.kind, output[flag.start : flag.end]) for flag in outcome.flags]


def test_a_stretch_that_lost_a_byte_between_two_repairs_is_flagged_as_it_is():
    # wangshub/wechat_jump_game#710: 运行 lost a byte (杩愯 is E8 BF 90 E8: 运 and a lead cut short)
    output, flags = repaired("璇峰湪椤圭洰鏍圭洰褰曚腑杩愯鑴氭湰")
    assert output == "请在项目根目录中杩愯脚本"
    assert flags == [("mojibake-left", "杩愯")]


def test_clean_chinese_on_the_line_of_a_repair_is_not_flagged():
    # honwen/aliyun-ddns-cli#73: 显示为 is clean, 涓浗 is 中国 with a byte lost
    output, flags = repaired("显示为“ [涓浗 姹熻嫃 甯稿窞 鐢典俊]”")
    assert output == "显示为“ [涓浗 江苏 常州 电信]”"
    assert flags == [("mojibake-left", "涓浗")]


def test_the_tail_of_a_character_whose_lead_byte_went_is_flagged_where_it_touches_a_repair():
    # 5年 lost E5: B9 B4 is left, and GBK reads it as 勾, a common character
    output, flags = repaired("鎴戠殑鐢ㄤ簡5勾浜嗭紝杩樻槸寰堝ソ鐨勩")
    assert output == "我的用了5勾了，还是很好鐨勩"
    assert flags == [("mojibake-left", "勾"), ("mojibake-left", "鐨勩")]


def test_a_line_with_no_repair_of_its_own_is_searched_when_the_text_proves_the_reading():
    # junduck/tswbench#2: 鍐呭 is 内容 (E5 86 85 E5 ..) with bytes lost; 内 is
    # common, but 鍐呭 has a common character of its own (呭 is rare, 鍐 too: no)
    line = "3: content   str    TRUE  鍐呭 x 涓浗"
    assert repaired(line) == (line, [("mojibake-left", "鍐呭")])
    output, flags = repaired("交易日期: 浜ゆ槗鏃ユ湡锛圷YYYMMDD\n" + line)
    assert output == "交易日期: 交易日期（YYYYMMDD\n" + line
    assert flags == [("mojibake-left", "鍐呭"), ("mojibake-left", "涓浗")]


def test_a_short_stretch_alone_is_flagged_only_when_every_character_is_rare():
    # 鏍囬 is 标题 (E6 A0 87 E9 ..) with bytes lost, in a table's cell
    assert repaired("2:   title   str    TRUE  鏍囬") == ("2:   title   str    TRUE  鏍囬", [("mojibake-left", "鏍囬")])
    # clean rare characters alone (a name, classical words) are no such bytes
    for clean in ("title 鏖战", "name 龘靐", "x 饕餮 y", "key: 魑魅魍魉"):
        assert repaired(clean) == (clean, [])
    # each stretch is judged on its own: a clean one before does not end the search
    text = "x 中文 y 饕餮 z 鏍囬"
    assert repaired(text) == (text, [("mojibake-left", "鏍囬")])


def test_a_big5_lead_byte_whose_trail_went_is_flagged_beside_its_repair():
    # zh.wikipedia's example of 維基百科中文大五碼 read as Latin-1, 五's bytes gone
    output, flags = repaired("會顯示為亂碼「ºû°ò¦Ê¬ì¤¤¤å¤j¤ ½X」")
    assert output == "會顯示為亂碼「維基百科中文大¤ 碼」"
    assert flags == [("mojibake-left", "¤")]


def test_same_damage_asks_for_the_source_structure():
    gbk, latin1 = reader_named("gbk"), reader_named("latin1")
    assert same_damage("鏈銆", UTF8, gbk)  # E6 9C, E3 80: pieces of 果 and 。
    assert not same_damage("显示为", UTF8, gbk)  # CF D4 CA BE CE AA: no UTF-8 of Chinese
    assert not same_damage("浣犲ソ", UTF8, gbk)  # 你好 whole: reads back, the arbiter's to judge
    assert not same_damage("勾", UTF8, gbk)  # a tail only counts where it touches a repair
    assert same_damage("勾", UTF8, gbk, touching=True)
    assert same_damage("¤", BIG5, latin1, touching=True)
    assert not same_damage("¤", BIG5, latin1)
    assert not same_damage("¤¤", BIG5, latin1, touching=True)  # A4 A4 is 中: it reads back
    assert not same_damage("\x80", BIG5, latin1, touching=True)  # 80 leads no Big5 character
    # GBK read as Latin-1: 你 whole, and two bytes GBK has no character for: half explained
    assert same_damage("Äãÿÿ", GBK, latin1)
    assert not same_damage("Äãÿÿÿ", GBK, latin1)


def test_a_run_of_kun_jin_kao_that_starts_out_of_step_is_flagged_whole():
    # formulahendry/vscode-auto-rename-tag#52
    text = "编码是GBK莫名会变成 ‘锟侥革拷锟斤拷锟斤拷’"
    assert repaired(text) == (text, [("kun-jin-kao", "锟侥革拷锟斤拷锟斤拷")])


@given(st.sampled_from(clean_sentences()), st.sampled_from(clean_sentences()))
def test_clean_lines_beside_lossy_mojibake_get_no_flag(damaged, clean):
    broken = damaged.encode("utf-8")[:-1].decode("gbk", errors="ignore")
    text = broken + "\n" + clean
    outcome = fix_encoding_outcome(text)
    output = apply_edits(text, outcome.edits)
    clean_start = output.rindex("\n") + 1
    assert output[clean_start:] == clean
    assert not [flag for flag in outcome.flags if flag.kind == "mojibake-left" and flag.end > clean_start]


def _uncovered_reference(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    outside = [p for p in range(start, end) if not any(a <= p < b for a, b in covered)]
    pieces: list[list[int]] = []
    for position in outside:
        if pieces and pieces[-1][1] == position:
            pieces[-1][1] += 1
        else:
            pieces.append([position, position + 1])
    return [tuple(piece) for piece in pieces]


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=8), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 8)), max_size=6))
def test_the_sweep_finds_what_is_outside_the_repairs(spans, stretches):
    covered: list[tuple[int, int]] = []
    for start, length in sorted(spans):  # non-overlapping, sorted, as chosen candidates are
        if not covered or start >= covered[-1][1]:
            covered.append((start, start + length))
    index, previous = 0, 0
    for start, length in sorted(stretches):  # a line's stretches: in order, not overlapping
        if start < previous:
            continue
        end = previous = start + length
        pieces, index = uncovered(start, end, covered, index)
        assert pieces == _uncovered_reference(start, end, covered)


def test_one_character_of_gbk_read_as_latin1_alone_is_flagged_with_what_it_may_be():
    # schombert/Project-Alice: a CSV of game strings, 天 (CC EC) read as Latin-1
    line = "DATE_DIFF_C;$D$Ìì;;;;;;;;;;;;x"
    outcome = fix_encoding_outcome(line)
    assert outcome.edits == []  # one character proves no reading: not repaired
    assert [(f.kind, f.text, f.candidates) for f in outcome.flags] == [("mojibake-possible", "Ìì", ("天",))]


def test_european_words_with_accented_letters_get_no_possible_flag():
    for clean in ("Grüße aus München", "Ça va? Où êtes-vous?", "À la carte, é, ü", "São Paulo, Açaí", "x = 'ñ' + 'é'"):
        assert fix_encoding_outcome(clean).flags == []


def test_alone_leaves_what_reads_back_whole_and_what_a_flag_holds():
    # 浜傛帯 is 亂採 whole (UTF-8 read as GBK, nothing lost): the arbiter's to judge, not a leftover
    assert list(alone("x 浜傛帯 y")) == []
    # a stretch another flag holds is not flagged twice; the next one still is
    held = Flag("lost-bytes", 2, 4, "鍐呭")
    assert [(f.start, f.end, f.text) for f in alone("x 鍐呭 y 鏍囬", [held])] == [(7, 9, "鏍囬")]
    assert [(f.start, f.end) for f in alone("x 鍐呭 y 鏍囬")] == [(2, 4), (7, 9)]


def test_possible_names_only_a_common_character_and_reads_every_token():
    assert list(possible("$D$Æâ;")) == []  # GBK 柒: a rare character, no flag
    flags = list(possible("ÿÿ $D$Ìì;"))  # ÿÿ is no GBK: the next token is still read
    assert [(f.kind, f.start, f.end, f.candidates) for f in flags] == [("mojibake-possible", 6, 8, ("天",))]


def test_a_question_mark_between_two_leftovers_is_flagged_with_them():
    """UTF-8 read as GBK by a converter that wrote "?" for a byte (请输入正确的用户名,
    its fifth byte lost): the stretches on both sides of the "?" are the same
    damage, and the "?" with them -- one flag, no unflagged wrong character."""
    data = "请输入正确的用户名".encode("utf-8")
    damaged = (data[:4] + b"?" + data[5:]).decode("gbk")
    line = f'msg = "{damaged}";'
    outcome = fix_encoding_outcome(line)
    assert fix_encoding(line).endswith('正确的用户名";')
    (flag,) = [f for f in outcome.flags if f.kind == "mojibake-left"]
    assert flag.text == damaged[: damaged.index("姝")] and "?" in flag.text


def test_a_question_mark_between_a_leftover_and_clean_text_stays_outside():
    """The twin: a "?" after a leftover, before text that is no damage, is the text's own."""
    data = "请输入".encode("utf-8")
    line = f'msg = "{(data[:4] + b"?" + data[5:]).decode("gbk")}?是吗";'
    assert all("?是" not in f.text for f in fix_encoding_outcome(line).flags)
