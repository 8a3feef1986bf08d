"""What the screens decide (``normalize_zh.mojibake.screens``), each rule on
real wrong readings and at its boundary: which lines are suspect at all,
which readers a line is worth, which stretches of it the double-byte
readings look at, in what order the readings are tried, and when a line is
Russian rather than Chinese in a single-byte code page.

The damage is what real wrong readings give (built here by encoding and
decoding where the bytes matter); the clean lines are ones the screens must
pass over.  The screens' compiled patterns are cached: each test here builds
them afresh (``_fresh_screens``), so that what it pins is what the code
builds, not a table left over from an earlier test."""

from __future__ import annotations

import pytest

from normalize_zh.mojibake import screens
from normalize_zh.mojibake.readings import UTF8
from normalize_zh.mojibake.screens import (
    REACH,
    cyrillic_as_latin1,
    double_byte_regions,
    reading_pairs,
    screened_readers,
    suspect_lines,
    utf8_bytes,
)

SINGLE = ["latin1", "cp1252", "cp1250", "cp1251", "cp1254", "macroman", "cp866"]
DOUBLE = ["gbk", "big5", "sjis"]

HELLO_UTF8_AS_GBK = "你好".encode("utf-8").decode("gbk")  # 浣犲ソ
HELLO_GBK_AS_LATIN1 = "你好".encode("gbk").decode("latin-1")  # ÄãºÃ


@pytest.fixture(autouse=True)
def _fresh_screens():
    """Build the screens' cached patterns again for each test."""
    cached = (screens.single_byte_screen, screens.latin_high, screens._double_byte_screen, screens._suspicious_class_cached)
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


def names(readers) -> list[str]:
    return [reader.name for reader in readers]


def pair_names(pairs) -> list[tuple[str, str]]:
    return [(reader.name, source.name) for reader, source in pairs]


# -- screened_readers: which readers a line is worth --


def test_gbk_read_as_latin1_is_worth_the_single_byte_readers_only():
    """Two Latin-1 high characters together: the single-byte readers, and no double-byte one."""
    assert HELLO_GBK_AS_LATIN1 == "ÄãºÃ"
    assert names(screened_readers(HELLO_GBK_AS_LATIN1)) == SINGLE


def test_utf8_read_as_gbk_is_worth_the_double_byte_readers_only():
    """A cluster of rare characters and kana: the double-byte readers, and no single-byte one."""
    assert HELLO_UTF8_AS_GBK == "浣犲ソ"
    assert names(screened_readers(HELLO_UTF8_AS_GBK)) == DOUBLE


@pytest.mark.parametrize(
    "line",
    ["中文测试，今天天气很好。", "안녕하세요 세계", "尺码：XXL，颜色：黑色", "尺码 XXL 号", 'print("中文")'],
)
def test_clean_chinese_korean_and_code_lines_are_passed_over(line):
    # (XXL: two X within three characters are no cluster; "中文" alone
    # between ASCII is a short run, but a word)
    assert screened_readers(line) == []
    assert double_byte_regions(line) == []


@pytest.mark.parametrize(
    ("label", "damaged"),
    [
        ("Big5 中文 read as GBK: kana", "中文".encode("big5").decode("gbk")),
        ("GBK 你好，世界 read as Big5: bopomofo ㄛ for ，", "你好，世界".encode("gbk").decode("big5")),
        ("GBK 中文 read as Shift-JIS: half-width katakana", "中文".encode("gbk").decode("cp932")),
        ("UTF-8 用API read as GBK: ˋ of GBK row A8", "用API".encode("utf-8").decode("gbk")),
        ("UTF-8 使用说明 read as GBK: rare characters", "使用说明".encode("utf-8").decode("gbk")),
    ],
)
def test_double_byte_damage_of_each_kind_is_a_suspicious_cluster(label, damaged):
    """Each kind of character a double-byte misreading writes makes a cluster the readings look at."""
    assert names(screened_readers(damaged)) == DOUBLE, label
    assert double_byte_regions(damaged) == [(0, len(damaged))], label


def test_the_rare_ideographs_end_at_u9fff():
    # the screen's rare characters are the CJK block's (4E00..9FFF) uncommon
    # ones: a pair just below the end is suspicious, Yi syllables (A000 on) are not
    assert names(screened_readers("\u9fa5\u9fa5")) == DOUBLE
    assert screened_readers("\ua000\ua000") == []


def test_a_cluster_that_is_itself_a_word_is_no_spot():
    # 羣衆 (traditional 群众) is two rare characters, and a word
    line = "依靠人民羣衆的力量"
    assert screened_readers(line) == []
    assert double_byte_regions(line) == []


def test_a_single_hole_is_a_spot():
    # one U+FFFD is enough (a cluster of one character, not a word)
    line = "中文测试\ufffd中文测试"
    assert names(screened_readers(line)) == DOUBLE
    assert double_byte_regions(line) == [(0, 9)]


# -- wordless short runs: common characters alone between ASCII --


@pytest.mark.parametrize(
    "line",
    [
        'tag: "中文"',  # a two-character word
        'tag: "一揽子"',  # a three-character word holding no two-character one
        'tag: "一劳永逸"',  # a four-character word holding no shorter one
    ],
)
def test_a_short_run_holding_a_word_of_two_three_or_four_is_passed_over(line):
    """A short run alone between ASCII is looked at only if it holds no word of 2, 3 or 4 characters."""
    assert screened_readers(line) == []
    assert double_byte_regions(line) == []


def test_a_wordless_short_run_is_worth_the_double_byte_readers():
    # 選擇 in Big5 read as GBK is 匡拒: common characters, no word
    damaged = "選擇".encode("big5").decode("gbk")
    assert damaged == "匡拒"
    line = f'label = "{damaged}"'
    assert names(screened_readers(line)) == DOUBLE
    assert double_byte_regions(line) == [(9, 12)]  # the run and the quote after it


# -- double_byte_regions: widened to ASCII below 40, or by REACH --


def test_a_region_is_widened_by_reach_on_each_side_in_a_long_han_line():
    """Without ASCII around it, a spot is widened by REACH on each side, no more, no less."""
    line = "中" * 30 + HELLO_UTF8_AS_GBK + "文" * 30
    start, end = 30, 33
    # REACH on each side, and one more on the right (the character it stops at)
    assert double_byte_regions(line) == [(start - REACH, end + REACH + 1)]


def test_a_region_stops_at_ascii_below_40_and_keeps_the_one_on_the_right():
    """Widening stops at ASCII below 40: before it on the left, with it on the right."""
    assert double_byte_regions(HELLO_UTF8_AS_GBK + " 中文中文") == [(0, 4)]
    assert double_byte_regions("中文 中文" + HELLO_UTF8_AS_GBK) == [(3, 8)]
    # an odd distance to the space: the widening goes one character at a time
    assert double_byte_regions("中 文中文" + HELLO_UTF8_AS_GBK) == [(2, 8)]
    assert double_byte_regions(HELLO_UTF8_AS_GBK + "中文中 文") == [(0, 7)]


def test_a_region_at_the_line_start_or_end_stays_in_the_line():
    """A spot at either end of the line is widened only inwards."""
    assert double_byte_regions(HELLO_UTF8_AS_GBK + "，中文") == [(0, 6)]
    assert double_byte_regions("中文，" + HELLO_UTF8_AS_GBK) == [(0, 6)]


def test_an_at_sign_does_not_stop_a_region():
    # "@" is 40: no encoding here has it inside a character, but it is not below 40
    assert double_byte_regions("联系 @" + HELLO_UTF8_AS_GBK) == [(3, 7)]
    assert double_byte_regions(HELLO_UTF8_AS_GBK + "@sina.com") == [(0, 9)]


def _two_spots(gap: int) -> str:
    # two damaged greetings, clean prose between them in spaces
    filler = ("中文" * 40)[: gap - 2]
    return HELLO_UTF8_AS_GBK + " " + filler + " " + HELLO_UTF8_AS_GBK


def test_spots_at_most_two_reaches_apart_make_one_region():
    """Spots 2 * REACH apart (the boundary) are merged, with what lies between."""
    line = _two_spots(2 * REACH)
    assert double_byte_regions(line) == [(0, len(line))]


def test_spots_more_than_two_reaches_apart_make_two_regions():
    """Spots one more apart stay two regions, each stopped at its space."""
    line = _two_spots(2 * REACH + 1)
    assert double_byte_regions(line) == [(0, 4), (len(line) - 3, len(line))]


# -- utf8_bytes and reading_pairs: the order readings are tried in --


def test_gbk_read_as_latin1_is_no_utf8_and_tries_gbk_first():
    """A line whose bytes are no UTF-8 tries the PRIORITY readings first: GBK read as Latin-1."""
    assert not utf8_bytes(HELLO_GBK_AS_LATIN1)
    pairs = pair_names(reading_pairs(HELLO_GBK_AS_LATIN1))
    assert pairs[:3] == [("latin1", "gbk"), ("cp1252", "gbk"), ("cp1252", "utf8")]


def test_greek_read_as_cp1252_is_utf8_and_tries_utf8_first():
    """A line whose bytes are valid UTF-8 tries UTF-8's readings before GBK's."""
    line = "Ελληνικά".encode("utf-8").decode("cp1252")
    assert line == "Î•Î»Î»Î·Î½Î¹ÎºÎ¬"
    assert utf8_bytes(line)
    pairs = pair_names(reading_pairs(line))
    assert pairs[0][1] == "utf8"
    for name in ("cp1250", "cp1251", "cp1254"):  # (ranked by UTF8_FIRST alone)
        assert pairs.index((name, "utf8")) < pairs.index(("latin1", "gbk"))


def test_utf8_share_of_four_fifths_decides():
    # four UTF-8 é read as cp1252 (8 bytes) and lone degree signs: 8 of 10
    # high bytes are UTF-8 (exactly UTF8_SHARE), 8 of 11 are not enough
    at = "cafÃ© rÃ©sumÃ© naÃ¯ve，温度 25°C 至 30°C"
    below = at + "，35°C"
    assert utf8_bytes(at)
    assert not utf8_bytes(below)
    assert pair_names(reading_pairs(at)).index(("cp1250", "utf8")) < pair_names(reading_pairs(at)).index(("latin1", "gbk"))
    assert pair_names(reading_pairs(below))[0] == ("latin1", "gbk")


def test_a_line_of_clean_chinese_has_no_high_bytes_and_no_readings():
    """Clean Chinese: no Latin-1 bytes to be UTF-8, and no reading worth trying."""
    assert not utf8_bytes("中文测试")
    assert reading_pairs("中文测试") == []


# -- cyrillic_as_latin1: Russian in cp1251 read as Latin-1 --


def test_russian_read_as_latin1_is_tried_as_utf8_only():
    """Russian read as Latin-1 keeps only the single-byte readers' UTF-8 readings."""
    line = "СЕКРЕТ - Бесплатный".encode("cp1251").decode("latin-1")
    assert line == "ÑÅÊÐÅÒ - Áåñïëàòíûé"
    assert cyrillic_as_latin1(line)
    pairs = pair_names(reading_pairs(line))
    assert pairs == [(name, "utf8") for name in ["cp1252", "latin1", "cp1250", "cp1251", "cp1254", "macroman", "cp866"]]
    assert all(source is UTF8 for reader, source in reading_pairs(line) if reader.single_byte)


def test_eight_cyrillic_letters_decide():
    """CYRILLIC_LETTERS is the boundary: eight letters are Russian, seven are not."""
    eight = "Интернет".encode("cp1251").decode("latin-1")  # Èíòåðíåò
    seven = "Спасибо".encode("cp1251").decode("latin-1")  # Ñïàñèáî
    assert cyrillic_as_latin1(eight)
    assert not cyrillic_as_latin1(seven)
    assert ("latin1", "gbk") not in pair_names(reading_pairs(eight))
    assert pair_names(reading_pairs(seven))[0] == ("latin1", "gbk")


def test_gbk_whose_bytes_are_cyrillic_letters_but_no_words_is_chinese():
    # 三民主义 in GBK is eight cp1251 letters, ИэГсЦчТе: no Russian word has that shape
    line = "三民主义".encode("gbk").decode("latin-1")
    assert line == "ÈýÃñÖ÷Òå"
    assert not cyrillic_as_latin1(line)
    assert pair_names(reading_pairs(line))[:2] == [("latin1", "gbk"), ("cp1252", "gbk")]


# -- suspect_lines: which lines of a text are worth a reading --


def test_only_the_damaged_lines_are_suspect():
    """Only the damaged lines of a text are yielded, with their offsets and what follows them."""
    text = "第一行是干净的中文。\n" + HELLO_GBK_AS_LATIN1 + "\n第三行也干净。\n" + HELLO_UTF8_AS_GBK
    assert list(suspect_lines(text)) == [(11, HELLO_GBK_AS_LATIN1, 0x0A), (24, HELLO_UTF8_AS_GBK, None)]


def test_a_text_opening_with_a_blank_line():
    # the line break at offset 0 ends the blank line, not the damaged one
    assert list(suspect_lines("\n" + HELLO_GBK_AS_LATIN1)) == [(1, HELLO_GBK_AS_LATIN1, None)]


def test_two_damaged_lines_in_a_row():
    """A damaged line right after another is found too."""
    text = HELLO_GBK_AS_LATIN1 + "\n" + HELLO_GBK_AS_LATIN1 + "\n"
    assert list(suspect_lines(text)) == [(0, HELLO_GBK_AS_LATIN1, 0x0A), (5, HELLO_GBK_AS_LATIN1, 0x0A)]


@pytest.mark.parametrize("line", ["濟(jì)源網(wǎng)", "策略(lüè)很重要", "她(tā)说(shuō)了"])
def test_pinyin_annotations_are_no_mojibake(line):
    # tone letters are Latin-1 (lüè: two together), and 源網 between two
    # annotations would be a short run alone between ASCII
    assert list(suspect_lines(line)) == []


def test_a_pinyin_annotation_keeps_the_offsets_of_later_lines():
    """Masking an annotation keeps the text's length: a later damaged line keeps its offset."""
    text = "網(wǎng)站\n" + HELLO_UTF8_AS_GBK + "\n" + "中文\n" * 30
    assert list(suspect_lines(text)) == [(9, HELLO_UTF8_AS_GBK, 0x0A)]


def test_a_wordless_run_on_a_plain_line_is_suspect_when_a_misreading_gives_a_word():
    # Big5 乾隆 read as GBK in a table cell: 爱订, which Big5 (the second
    # reading tried) cannot even encode; read as GBK again it is 乾隆
    damaged = "乾隆".encode("big5").decode("gbk")
    assert damaged == "爱订"
    text = f"<td>{damaged}</td>"
    assert list(suspect_lines(text)) == [(0, text, None)]


@pytest.mark.parametrize("line", ["记者 王红", "记者 王玉芳"])
def test_a_name_on_a_plain_line_is_passed_over(line):
    # a wordless run no misreading turns into a word (王玉芳 gives kana only
    # with bytes dropped, which a strict decoder does not do)
    assert list(suspect_lines(line)) == []
    assert list(suspect_lines("报道\n" + line + "\n")) == []


def test_the_line_after_a_damaged_one_is_looked_at_from_its_first_character():
    # UTF-8 read as GBK on two lines: 鐢ˋ, the second line's only cluster, opens it
    text = "你好\n用API".encode("utf-8").decode("gbk")
    assert text == HELLO_UTF8_AS_GBK + "\n鐢ˋPI"
    assert list(suspect_lines(text)) == [(0, HELLO_UTF8_AS_GBK, 0x0A), (4, "鐢ˋPI", None)]


@pytest.mark.parametrize("cell", ["<td>七巧板</td>", "<td>七嘴八舌</td>"])
def test_a_short_run_that_is_a_word_of_three_or_four_is_no_suspect_line(cell):
    # (either one, taken for wordless, would be read: its misreadings give words)
    assert list(suspect_lines(cell)) == []
    assert list(suspect_lines("表格\n" + cell)) == []


WORDLESS_CELL = "<td>" + "乾隆".encode("big5").decode("gbk") + "</td>"  # Big5 乾隆 read as GBK


@pytest.mark.parametrize(
    ("before", "flagged"),
    [
        ("<td>中文</td>\n", []),  # a clean short run first: the later ones are still looked at
        (HELLO_GBK_AS_LATIN1 + ' "匡拒"\n', [0]),  # a run on a line already suspect, then another
        ("第一行\n第二行\n", []),  # the third line: its offset is after the last line break
        ("\n", []),  # a blank line first
    ],
)
def test_each_wordless_short_run_finds_its_own_line(before, flagged):
    """A wordless run's line is found whatever runs or lines come before it."""
    text = before + WORDLESS_CELL
    expected = [(offset, text[offset : text.index("\n", offset)], 0x0A) for offset in flagged]
    expected.append((len(before), WORDLESS_CELL, None))
    assert list(suspect_lines(text)) == expected


def test_a_name_is_judged_by_its_own_line_only():
    # a plain line's wordless run is passed over whatever the lines around it
    # hold (Korean, which no screen looks at), and wherever it stands
    assert list(suspect_lines("记者 王红\n기자 김민수\n")) == []
    assert list(suspect_lines("记者 王红\n기자 김민수")) == []
    assert list(suspect_lines("报道\n记者 王红")) == []


def test_a_wordless_run_on_a_line_that_is_not_plain_makes_it_suspect():
    # anything but ASCII, Han and CJK punctuation on the line: it is read whole
    line = "摄影 王红 📷"
    for text in (line, line + "\n中文测试\n", "报道\n" + line):
        offset = text.index(line)
        following = 0x0A if text.endswith("\n") else None
        assert list(suspect_lines(text)) == [(offset, line, following)]


def test_a_line_of_utf8_as_bytes_is_read_utf8_first_in_the_listed_order():
    """UTF8_FIRST's readings lead, in its own order, where a line's Latin-1
    characters are UTF-8 as bytes: a pair PRIORITY lists too keeps its
    UTF8_FIRST place (it took PRIORITY's, so cp1252 and Latin-1 as UTF-8
    came after Latin-1 and cp1252 as GBK)."""
    pairs = [(reader.name, source.name) for reader, source in screens.reading_pairs("Î•Î»Î»Î·Î½Î¹ÎºÎ¬")]
    assert pairs[: len(screens.UTF8_FIRST)] == list(screens.UTF8_FIRST)


# -- Russian as written is not read as GBK or Big5 through cp1251 or cp866 ------------------

RUSSIAN = "Привет мир, это «тест» — и только."


def _readers_of(line: str) -> set[str]:
    return {reader.name for reader, _ in screens.reading_pairs(line)}


def test_russian_prose_is_not_read_with_cp1251_or_cp866():
    """Well-formed Russian words and Russian's marks: the two Cyrillic code pages are not tried."""
    assert screens.cyrillic_words(RUSSIAN)
    assert not {"cp1251", "cp866"} & _readers_of(RUSSIAN)


def test_gbk_read_as_cp1251_or_cp866_is_still_read_so():
    """Mixed-case words and Ukrainian letters (GBK 编码 read as cp1251), box drawing between short
    runs (GBK 中文字体 read as cp866): those readings stay."""
    cp1251 = "--" + "编码问题，需要转换".encode("gbk").decode("cp1251")
    cp866 = 'AppendText("WesternFonts' + "中文字体".encode("gbk").decode("cp866") + '");'
    assert not screens.cyrillic_words(cp1251) and "cp1251" in _readers_of(cp1251)
    assert not screens.cyrillic_words(cp866) and "cp866" in _readers_of(cp866)


def test_russian_words_need_cyrillic_letters_enough_and_nothing_else_beyond_ascii():
    """CYRILLIC_LETTERS letters at least (seven are too few to tell), and no character beyond ASCII but
    Cyrillic letters and Russian's marks (a Han character or a box-drawing one keeps the readings)."""
    assert screens.cyrillic_words("Привет мы") and not screens.cyrillic_words("Привет м")
    assert not screens.cyrillic_words(RUSSIAN + "中")
    assert not screens.cyrillic_words(RUSSIAN + "╬")
    assert not screens.cyrillic_words("ПРивет мир, это тест")  # (a capital inside a word)
