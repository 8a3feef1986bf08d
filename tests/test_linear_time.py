"""Issue 19: the fixes for superlinear paths keep each finder's answers.

Timings live in benchmarks/worst_case.py; these tests check behaviour: a
faster finder gives what the slow one gave (against the slow one itself,
kept here as the reference), a pathological block is left alone whole, and
where an operation count says more than the answer does, the count.
"""

from __future__ import annotations

import re

import pytest
import srt
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize_zh import markdown, markup, protect, rst, subtitles
from normalize_zh.config import Config
from normalize_zh.pipeline import run_text


def texts_of(pieces: list[str], max_size: int = 12):
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# -- protect: e-mail addresses found from each "@" ------------------------------------


@settings(max_examples=600, deadline=None)
@given(texts_of(["a", "中", "@", ".", "-", "+", "_", " ", "x.cn", "@y.org", "1", "．", "b@c"], 16))
def test_email_spans_are_what_the_email_pattern_finds(text):
    assert protect.email_spans(text) == [m.span() for m in protect.EMAIL.finditer(text)]


def test_an_address_in_a_long_chinese_line_is_protected_and_nothing_else():
    text = "请写信到 info@example.cn，" + "正文" * 5000
    assert protect.protected_spans(text) == [(5, 20)]


# -- markup: script, style and comment blocks without a lazy regex ----------------------

OLD_HIDDEN_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
OLD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@settings(max_examples=2000, deadline=None)
@given(texts_of(["<script>", "</script>", "<STYLE a='>'>", "</style >", "<script", ">", "x", "<!--", "-->", "-", "中"]))
def test_hidden_blocks_and_comments_are_what_the_lazy_patterns_found(text):
    assert markup._hidden_blocks(text) == [m.span() for m in OLD_HIDDEN_BLOCK.finditer(text)]
    assert markup._comments(text) == [m.span() for m in OLD_COMMENT.finditer(text)]


def test_a_tags_tail_is_removed_and_the_blank_lines_before_it_stay():
    # the tail's pattern read white space across lines: it took the blank
    # lines with it (and a run of them with a stray =" was cubic)
    text = '第一段\n\n\nclass="b" id="c">第二段\n'
    assert markup.strip_markup(text) == "第一段\n\n\n第二段\n"


def test_blank_lines_and_a_stray_attribute_change_nothing():
    text = '链接="x"\n' + "\n" * 3000 + "   \n" * 100 + "正文\n"
    assert markup.strip_markup(text) == text


def test_tags_inside_backticks_stay_among_many_code_spans():
    text = "`<b>`和<b>粗体" * 300
    assert markup.strip_markup(text) == "`<b>`和粗体" * 300


def test_bbcode_files_go_and_unclosed_openers_stay():
    assert markup.strip_markup("图[img=300,200]http://e.cn/a.png[/img]后") == "图后"
    assert markup.strip_markup("[img=" * 2000 + "中") == "[img=" * 2000 + "中"


# -- markdown: the inline parse within a budget -------------------------------------------


def _region_texts(text):
    return [text[r.start : r.end] for r in markdown.markdown_regions(text)]


def test_a_block_that_spends_its_budget_is_left_alone_and_the_others_are_text():
    text = "第一段,正文。\n\n" + "[" * 5000 + "中,文\n\n第三段,正文。\n"
    assert _region_texts(text) == ["第一段,正文。", "第三段,正文。"]


@pytest.mark.parametrize("block", ["*中_" * 3000, "<中" * 3000, "{{中" * 3000, "[中](" * 1500])
def test_pathological_blocks_change_nothing_in_the_docs_preset(block):
    text = block + "\n"
    assert run_text(text, Config.preset("docs"), path="x.md").text == text


def test_link_labels_are_measured_only_for_links(monkeypatch):
    # the label of every position used to be scanned to the block's end
    # (quadratic in "{" runs); now only a matched link's label is
    calls = []
    original = markdown.parser().helpers.parseLinkLabel

    def counting(state, start, disable_nested=False):
        calls.append(start)
        return original(state, start, disable_nested)

    monkeypatch.setattr(markdown.parser().helpers, "parseLinkLabel", counting)
    markdown.markdown_regions("{" * 3000 + "中\n")
    assert calls == []
    markdown.markdown_regions("见[链接](https://e.cn)和[文档][ref]。\n\n[ref]: https://e.cn\n")
    assert 0 < len(calls) <= 6


def test_unclosed_template_openers_cost_one_search():
    class CountingText(str):
        finds = 0

        def find(self, *args):
            CountingText.finds += 1
            return super().find(*args)

    from markdown_it.rules_inline import StateInline

    state = StateInline(CountingText("{{中" * 500), markdown.parser(), {}, [])
    for position in range(0, len(state.src), 3):
        assert markdown._find_closing(state, "}}", position + 2) == -1
    assert CountingText.finds == 1


def test_link_labels_and_reference_keys_as_before():
    text = "见[这段文字](https://e.cn)和[第一部: 基本文法][]。\n\n[第一部: 基本文法]: https://e.cn\n"
    assert _region_texts(text)[0] == "见[这段文字](https://e.cn)和[第一部: 基本文法][]。"
    region = markdown.markdown_regions(text)[0]
    assert [text[s:e] for s, e in region.protected] == ["[", "](https://e.cn)", "[第一部: 基本文法][]"]


def test_inline_budget_figures_are_the_fitted_ones():
    # scripts/fit_inline_budget.py: the beds' blocks need a base of 142 at 2 per character
    assert (markdown.INLINE_WORK_PER_CHARACTER, markdown.INLINE_WORK_BASE) == (2, 500)


# -- subtitles: srt's pattern anchored at each cue ------------------------------------------


def _parsed_by_srt(text):
    """The regions the first version found with srt.parse and finditer."""
    try:
        count = sum(1 for _ in srt.parse(text))
    except (srt.SRTParseError, ValueError):
        return None
    if count < subtitles.MIN_CUES:
        return None
    regions = [subtitles._cue(text, *m.span(5)) for m in srt.SRT_REGEX.finditer(text)]
    return [r for r in regions if r is not None]


CUE_PIECES = ["1\n", "00:00:01,000 --> 00:00:02,000\n", "你好\n", "\n", " ", "\ufeff", "x", "2", "\r\n",
              "00:00:0x,000 --> 00:00:02,000\n", "-->", "1.5\n", "00:01,000 --> 00:02,000\n"]


@settings(max_examples=800, deadline=None)
@given(texts_of(CUE_PIECES, 14))
def test_srt_regions_are_what_srt_parse_accepts(text):
    assert subtitles.srt_regions(text) == _parsed_by_srt(text)


def test_a_line_of_many_digits_is_not_read_as_subtitles():
    cues = "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:03,000 --> 00:00:04,000\n"
    assert subtitles.srt_regions(cues + "1" * subtitles.MAX_LEADING_DIGITS + "\n") is not None
    assert subtitles.srt_regions(cues + "1" * (subtitles.MAX_LEADING_DIGITS + 1) + "\n") is None
    assert subtitles.srt_regions("-->\n" + "1" * 100_000) is None


# -- reST: pieces, budgets, tables ----------------------------------------------------------


def _rst_texts(text):
    return [text[r.start : r.end] for r in rst.rst_regions(text)]


def _long_document():
    section = "第{0}章\n=====\n\n正文,第{0}段。\n\n第{0}节\n-----\n\n* 列表项,内容\n* 第二项 `链接 <https://e.cn>`_\n\n"
    return "".join(section.format(n) for n in range(600))


def test_a_long_document_in_pieces_reads_as_it_does_whole(monkeypatch):
    text = _long_document()
    assert len(rst.pieces(text)) >= 3
    in_pieces = rst.rst_regions(text)
    monkeypatch.setattr(rst, "PIECE_TARGET", len(text))
    assert rst.rst_regions(text) == in_pieces
    # the subsection titles of later pieces keep their level (a prefix of titles)
    assert "第599节" in _rst_texts(text)


def test_pieces_are_not_cut_inside_a_simple_table_nor_before_a_quoted_literal_block(monkeypatch):
    monkeypatch.setattr(rst, "PIECE_TARGET", 1)
    table = "段落。\n\n=====  =====\n名称   说明\n=====  =====\n甲     一\n\n乙     二\n=====  =====\n\n后文。\n"
    starts = [start for start, _ in rst.pieces(table)]
    assert starts == [0, table.index("=====  =====\n名称"), table.index("后文")]
    quoted = "示例::\n\n> 引用的,字面内容\n\n后文。\n"
    assert [start for start, _ in rst.pieces(quoted)] == [0, quoted.index("后文")]


def test_a_piece_full_of_unclosed_backquotes_is_left_alone():
    noise = ("`" * 60 + "中\n") * 400
    text = "前文,正文。\n\n" + noise + "\n" + _long_document()
    texts = _rst_texts(text)
    assert "前文,正文。" not in texts  # in the same piece as the noise
    assert "第599章" in texts


def test_a_piece_nested_too_deep_is_left_alone_and_normal_nesting_is_text():
    deep = "".join("  " * depth + f"第{depth}层,内容。\n\n" for depth in range(rst.MAX_NESTING + 2))
    assert _rst_texts(deep) == []
    normal = "* 项目,一\n\n  * 子项,二\n\n    正文,三。\n"
    assert _rst_texts(normal) == ["项目,一", "子项,二", "正文,三。"]


def test_drawn_tables_are_not_text_and_listed_tables_are():
    grid = "+------------+------+\n| 你好,世界  | 说明 |\n+------------+------+\n"
    simple = "=====  =====\n名称   说明\n=====  =====\n你好,  x\n=====  =====\n"
    listed = ".. list-table:: 标题\n\n   * - 名称,甲\n     - 说明\n"
    assert _rst_texts(grid) == []
    assert _rst_texts(simple) == []
    assert _rst_texts(listed) == ["标题", "名称,甲", "说明"]
    docs = Config.preset("docs")
    assert run_text(grid, docs, path="x.rst").text == grid
    assert run_text(simple, docs, path="x.rst").text == simple


def test_rst_limits_are_the_fitted_ones():
    # scripts/fit_rst_limits.py: real pieces spend at most 5.0 per character, nest at most 12 deep
    assert (rst.INLINE_WORK_PER_CHARACTER, rst.MAX_NESTING, rst.PIECE_TARGET) == (12, 24, 20_000)


# -- hygiene: a run is one edit ---------------------------------------------------------


def test_a_run_of_line_breaks_or_controls_is_one_edit():
    from normalize_zh.hygiene import clean_unicode, clean_unicode_outcome

    assert [(e.start, e.end, e.replacement) for e in clean_unicode_outcome("中" + "\r" * 1000 + "\r\n文").edits] == [
        (1, 1003, "\n" * 1001)
    ]
    assert len(clean_unicode_outcome("中" + "\x00\x85" * 500 + "文").edits) == 1
    assert clean_unicode("中\x00\x85\x81\x80文") == "中…€文"  # C1 controls read as cp1252, one by one


@pytest.mark.parametrize("line", ["\u00a0\u00a0", "\u00a0 \u00a0", " \u3000\u2003"])
def test_a_line_of_odd_spaces_is_emptied_in_one_pass(line):
    from normalize_zh.hygiene import clean_unicode

    once = clean_unicode("第一行\n" + line + "\n第二行")
    assert once == "第一行\n\n第二行"
    assert clean_unicode(once) == once


# -- markup: tag names tried only after a letter ---------------------------------------------

OLD_TAG = re.compile(
    markup.TAG.pattern.replace("(?=/?[a-z])", "").replace("(?=[a-z])", ""), markup.TAG.flags
)


@settings(max_examples=800, deadline=None)
@given(texts_of(["<", "/", "p", "P", "br", "o:p", "\u017f", "\u212a", " ", "a", ">", "=", '"', "\n", "中", "div", "/>", "Script"], 14))
def test_the_tag_pattern_finds_what_it_found_without_its_lookaheads(text):
    assert [m.span() for m in markup.TAG.finditer(text)] == [m.span() for m in OLD_TAG.finditer(text)]


# -- re-flow: what follows a break, read from the lines joined once -----------------------


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="中文甲乙，。a", min_size=1, max_size=60), min_size=2, max_size=40))
def test_what_follows_a_break_is_the_rest_of_the_lines_cut_at_echo_reach(texts):
    from normalize_zh import breaks

    lines = [breaks.Line(0, 0, False, False) for _ in texts]
    for i, k in enumerate(breaks.breaks_of(texts, lines)):
        # the old reading: the rest of the lines copied and joined, for each break
        assert k.after == "".join(texts[i + 2 :])[: breaks.ECHO_REACH]


def test_a_file_s_repairs_are_looked_for_at_most_example_checks_times():
    from normalize_zh.mojibake import arbiter

    repairs = [f"例{chr(0x4E00 + i)}" for i in range(arbiter.EXAMPLE_CHECKS + 100)]
    document = "".join(repairs)
    assert len(arbiter.shown_examples(repairs + repairs, document)) == arbiter.EXAMPLE_CHECKS


# -- the pipeline's regions: moved whole when no edit touches them, each text judged once ---


@st.composite
def regions_and_edits(draw):
    from normalize_zh.edits import Edit
    from normalize_zh.regions import Region

    bounds = sorted(draw(st.lists(st.integers(0, 60), min_size=0, max_size=16)))
    regions = []
    for start, end in zip(bounds[::2], bounds[1::2]):
        inner = sorted(draw(st.lists(st.integers(start, end), max_size=4)))
        regions.append(Region(start, end, tuple(zip(inner[::2], inner[1::2]))))
    cuts = sorted(draw(st.lists(st.integers(0, 60), max_size=12)))
    edits, position = [], 0
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start >= position:
            edits.append(Edit(start, end, draw(st.sampled_from(["", "x", "xy", "xyz"]))))
            position = max(end, start + 1)
    return regions, edits


@settings(max_examples=1500, deadline=None)
@given(regions_and_edits())
def test_moved_regions_are_where_the_position_map_puts_each_edge(case):
    from normalize_zh.edits import PositionMap
    from normalize_zh.pipeline import _moved_regions
    from normalize_zh.regions import Region

    regions, edits = case
    positions = PositionMap(edits)
    expected = [
        Region(
            positions.forward(start),
            positions.forward(end, inside="end"),
            tuple((positions.forward(s), positions.forward(s) + e - s) for s, e in protected),
            role,
        )
        for start, end, protected, role in regions
    ]
    assert _moved_regions(regions, edits) == expected


def test_a_text_in_many_regions_is_judged_once(monkeypatch):
    import dataclasses

    from normalize_zh import pipeline

    calls = []
    steps = tuple(
        dataclasses.replace(step, find=lambda text, given, find=step.find: calls.append(text) or find(text, given))
        if step.name == "punctuation" else step
        for step in pipeline.STEPS
    )
    monkeypatch.setattr(pipeline, "STEPS", steps)
    text = "| 名称 | 说明 |\n|---|---|\n" + "| 中文,名称 | 好,的 |\n" * 50
    result = run_text(text, Config.preset("docs"), path="x.md")
    assert sorted(calls) == sorted(["名称", "说明", "中文,名称", "好,的"])
    assert result.text.count("中文，名称") == 50 and result.text.count("好，的") == 50


@settings(max_examples=1500, deadline=None)
@given(texts_of(["中", "文", ",", " ", "a", "1", "(", ")", "`", "[", "]", "*", "_", "<", ">", "&", "#", "$", "{", "}", "\\", ":", "-", "!", "~", "@", "^", "|", "。"], 10))
def test_the_editable_spans_of_a_content_are_those_of_the_full_parse(content):
    md = markdown.parser()
    assert markdown._text_stops(md) is not None
    quick = markdown._editable_in_content(md, content, {})
    stops, markdown._text_stops = markdown._text_stops, lambda md: None  # the full parse, always
    try:
        assert quick == markdown._editable_in_content(md, content, {})
    finally:
        markdown._text_stops = stops


def test_the_collector_is_paused_only_inside_and_left_off_when_it_was_off():
    import gc

    from normalize_zh.regions import collector_paused

    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


# -- a document that is no text gets no step after the mojibake step ---------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_get_no_more_than_the_minimal_preset(seed):
    import random

    from normalize_zh import normalize_bytes, run

    data = random.Random(seed).randbytes(20_000)
    assert normalize_bytes(data) == normalize_bytes(data, "minimal")
    assert "not-text" in {flag.kind for flag in run(normalize_bytes(data, "minimal")).flags}


def test_a_stray_control_character_in_text_does_not_stop_the_steps():
    from normalize_zh import normalize

    # (the BEL is removed by clean_unicode, the comma made full width: every step ran)
    assert normalize("记者王红\x07报道,今天下雨。") == "记者王红报道，今天下雨。"


# -- mojibake: a run's candidates found once, moved where the run repeats ------------------

from normalize_zh.mojibake import detectors  # noqa: E402
from normalize_zh.mojibake.screens import reading_pairs  # noqa: E402


def _all_candidates(line: str, memo) -> list:
    cache: dict = {}
    return [c for reader, source in reading_pairs(line)
            for c in detectors.reading_candidates(line, reader, source, 0, None, 0x0A, None, cache, memo)]


@settings(max_examples=300, deadline=None)
@given(texts_of(["锟斤拷", "浣犲ソ", "ÄãºÃ", "§A¦n", "\ufffd", "中文", " ", "a", "?", "鐨凧", "いゅ"], 14))
def test_the_run_memo_gives_the_candidates_found_without_it(text):
    memo = detectors.RunMemo()
    assert _all_candidates(text, memo) == _all_candidates(text, None)
    assert _all_candidates(text, memo) == _all_candidates(text, None)  # (and from a memo already filled)


def test_the_run_memo_stops_asking_where_no_run_repeats():
    memo = detectors.RunMemo()
    reading = ("gbk", "big5", None)
    memo.count(reading, detectors.MEMO_TRIAL, 0)
    assert memo.runs(reading) is None
    memo.count(("big5", "gbk", None), detectors.MEMO_TRIAL, detectors.MEMO_TRIAL // detectors.MEMO_MIN_HITS)
    assert memo.runs(("big5", "gbk", None)) is not None


# -- boilerplate: a verdict per line context, not per line ----------------------------------

from pathlib import Path  # noqa: E402

from normalize_zh import boilerplate  # noqa: E402

BOILERPLATE_LINES = [
    "中", "文", "首页 > 新闻 > 正文", "来源：新华社", "责任编辑：赵红媚", "2023-03-05 08:12", "（资料图）",
    "冯金灿 蔡雨/摄", "关注我们", "微信", "微博", "相关阅读", "1、考试科目。", "2、报名时间。", "面积：622984平方公里",
    "人口：330万", "本文来源于网络，如有侵权请联系删除", "下载", "打印", "· 济源新闻网今日报", "· 济源新闻网今日报",
    "床前明月光，", "疑是地上霜。", "开封网", "2版", "会议指出，要统筹兼顾，确保各项工作平稳有序推进；同时加强基层医疗卫生服务体系建设。",
    "据新华社报道，12月28日上午9:30，国务院新闻办公室举行发布会，介绍有关情况。", "[1] 注释", "", "小标题",
]


def _verdicts_line_by_line(text: str) -> list[tuple[str | None, str]]:
    model = boilerplate.judge()
    lines = boilerplate._split(text)
    present = [line for line in lines if line.text]
    if not present or all(boilerplate.plainly_content(line) for line in present):
        return [(None, "")] * len(lines)
    page = boilerplate._read_page(present)
    for i, line in enumerate(present):
        if boilerplate.plainly_content(line):
            continue
        values = boilerplate.features(line, page, i, model.features)
        if model.decide(values):
            line.kind = boilerplate._kind(line, page, i)
            line.reason = f"{boilerplate.KIND_REASONS.get(line.kind, line.kind)}: {model.explain(values)}"
    return [(line.kind, line.reason) for line in lines]


def _verdicts(text: str) -> list[tuple[str | None, str]]:
    lines, _ = boilerplate.judged_lines(text)
    return [(line.kind, line.reason) for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BOILERPLATE_LINES), min_size=1, max_size=40).map("\n".join))
def test_boilerplate_verdicts_by_context_are_those_made_line_by_line(text):
    assert _verdicts(text) == _verdicts_line_by_line(text)


def test_boilerplate_verdicts_by_context_on_the_seeds():
    for path in sorted(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _verdicts(text) == _verdicts_line_by_line(text), path.name


def test_a_line_above_the_body_and_its_twin_below_it_have_two_contexts():
    paragraph = BOILERPLATE_LINES[25]
    present = [line for line in boilerplate._split("\n".join(["下载"] * 6 + [paragraph] * 2 + ["下载"] * 6)) if line.text]
    page = boilerplate._read_page(present)
    above, below = 2, 11
    assert [line.text for line in page.lines[above - 2 : above + 3]] == [line.text for line in page.lines[below - 2 : below + 3]]
    assert boilerplate._context(present[above], page, above) != boilerplate._context(present[below], page, below)


@settings(max_examples=300, deadline=None)
@given(texts_of(["锟斤拷", "浣犲ソ", "\ufffd", "\ufffd\ufffd", "中", "文", " ", "a", "?", "鐨凧", "いゅ", "§A¦n", "ÄãºÃ", "嚙踝蕭"], 14))
def test_holes_are_opened_as_when_each_asked_for_its_candidates(text):
    """detectors._open_holes asks holes.candidates once per distinct (bytes, hole,
    next byte) of a call and gives each hole what asking for it gives."""
    from normalize_zh.mojibake import holes

    found = _all_candidates(text, None)
    original, opening = holes.candidates, detectors._open_holes
    asked: list[tuple] = []
    repeats: list[tuple] = []

    def asking(*args):
        key = args[2:5]
        (repeats if key in asked else asked).append(key)
        return original.__wrapped__(*args)  # uncached: computed afresh each time

    def opened(*args):
        asked.clear()
        return opening(*args)

    holes.candidates, detectors._open_holes = asking, opened
    try:
        fresh = _all_candidates(text, None)
    finally:
        holes.candidates, detectors._open_holes = original, opening
    assert fresh == found
    assert repeats == []


# -- boilerplate: keyword stuffing's shared parts counted once per part ------------------


def _stuffed_sharing_pairwise(items: list[str]) -> bool:
    # the reference: each term against every other (quadratic in the terms)
    parts = [{item[i : i + 2] for i in range(len(item) - 1)} for item in items]
    sharing = sum(1 for index, mine in enumerate(parts) if any(mine & other for j, other in enumerate(parts) if j != index))
    return sharing * 2 >= len(items)


@settings(max_examples=1500, deadline=None)
@given(st.lists(texts_of(["济源", "新闻", "济", "网", "日报", "中", "源新"], 4).filter(bool), min_size=6, max_size=14))
def test_keyword_stuffing_is_what_the_pairwise_count_found(items):
    from normalize_zh import boilerplate

    import statistics

    line = "、".join(items)
    short = all(len(item) <= 10 for item in items) and statistics.median(map(len, items)) <= boilerplate.STUFFING_MEDIAN_MAX
    expected = short and _stuffed_sharing_pairwise(items)
    assert boilerplate._stuffed(line) == expected


# -- boilerplate: blank lines get no line object ---------------------------------------


def _furniture_edits_over_every_line(text: str) -> list[tuple[int, int, str]]:
    # the reference: the block walk over every line of the text, blank ones included
    from normalize_zh import boilerplate

    judged = {line.start: line for line in boilerplate.judged_lines(text)[0]}
    lines, position = [], 0
    for raw in text.split("\n"):
        line = judged.get(position)
        lines.append((position, position + len(raw), bool(line), line.kind if line else None))
        position += len(raw) + 1
    kept = [i for i, (_, _, present, kind) in enumerate(lines) if present and not kind]
    edits, index = [], 0
    while index < len(lines):
        if not lines[index][3]:
            index += 1
            continue
        first = index
        while index < len(lines) and (lines[index][3] or not lines[index][2]):
            index += 1
        after = next((k for k in kept if k > first), None)
        if after is not None:
            edits.append((lines[first][0], lines[after][0], ""))
        elif kept:
            edits.append((lines[kept[-1]][1], len(text), "\n" if text.endswith("\n") else ""))
        else:
            edits.append((0, len(text), ""))
    return edits


FURNITURE_PIECES = ["首页 | 新闻 | 体育 | 娱乐 | 财经", "责任编辑：张三", "分享到：", "", "  ", "\u3000",
                    "会议指出，要统筹兼顾，确保各项工作平稳有序推进；同时加强基层医疗卫生服务体系建设。",
                    "据新华社报道，12月28日上午9:30，国务院新闻办公室举行发布会，介绍有关情况。", "上一篇：关于印发通知"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FURNITURE_PIECES), min_size=1, max_size=12), st.booleans())
def test_furniture_blocks_are_what_the_walk_over_every_line_gave(pieces, final_newline):
    from normalize_zh import boilerplate

    text = "\n".join(pieces) + ("\n" if final_newline else "")
    edits = [(e.start, e.end, e.replacement) for e in boilerplate.strip_boilerplate_outcome(text).edits] if text.strip() else []
    assert edits == (_furniture_edits_over_every_line(text) if text.strip() else [])


# -- mojibake: a line of nothing but U+FFFD and ASCII is read by no reading ---------------


def test_a_line_of_lost_characters_is_flagged_and_read_by_no_reading(monkeypatch):
    from normalize_zh.mojibake import detectors, repair

    calls = []
    real = detectors.reading_candidates
    monkeypatch.setattr(detectors, "reading_candidates", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(detectors, "whole_line", lambda *a, **k: calls.append(a[0]))
    result = run_text("x = '\ufffd\ufffd\ufffd' 123\n" * 50, Config())
    assert calls == []
    assert [(f.kind, f.start, f.end) for f in result.flags][:2] == [("replacement-characters", 5, 8), ("replacement-characters", 19, 22)]
    # a U+FFFD beside what a reading can explain is still read (涓 of UTF-8 中 read as GBK)
    run_text("涓\ufffd枃\n", Config())
    assert calls
    assert repair._only_lost("a\ufffd b") and not repair._only_lost("涓\ufffd")


# -- mojibake: a byte pair picked once per distinct context -------------------------------

import functools  # noqa: E402

from normalize_zh.mojibake import decoding  # noqa: E402

GBK_AS_BIG5 = "证实".encode("gbk").decode("big5")  # 卅 among others: a character Big5 has twice


@settings(max_examples=300, deadline=None)
@given(texts_of([GBK_AS_BIG5, "あ", "いゅ代刚", "中", "ア", "\ufffd", "?", " ", "浣犲ソ", "卅"], 14))
def test_byte_pairs_picked_per_context_are_those_picked_per_character(text):
    picked = _all_candidates(text, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(detectors, "pick_byte_pairs", functools.partial(decoding.pick_byte_pairs, memo=False))
        assert _all_candidates(text, None) == picked


def test_a_long_run_of_kana_decides_each_context_once(monkeypatch):
    # あ is a character Big5 and cp950 read from two byte pairs: 30,000 of them
    # in a row are 30,000 choices of pair, and a handful of distinct contexts
    calls = []
    original = decoding.badness
    monkeypatch.setattr(decoding, "badness", lambda text: calls.append(text) or original(text))
    _all_candidates("あ" * 30000 + "中", None)
    assert 0 < len(calls) < 200


# -- mojibake: a codec's byte pairs decoded a lead byte at a time -------------------------


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "big5", "cp950", "big5hkscs", "shift_jis", "cp932"])
def test_pair_chars_are_the_pairs_each_decoded_alone(codec):
    from normalize_zh.mojibake.readings import pair_chars

    alone = []
    for lead in range(0x81, 0x100):
        for trail in range(0x40, 0x100):
            pair = bytes((lead, trail))
            try:
                char = pair.decode(codec)
            except UnicodeDecodeError:
                continue
            if len(char) == 1:
                alone.append((pair, char))
    assert list(pair_chars(codec)) == alone


# -- the pipeline: the cyclic collector paused while the steps run ---------------------


def test_the_steps_run_with_the_collector_paused_and_it_comes_back(monkeypatch):
    # (collections walking a million marks' positions again and again made
    # run_digit_colon grow as n^1.2: 0.47 s/MB at 100 KB, 0.77 at 1 MB)
    import gc

    from normalize_zh import pipeline, punctuation

    seen = []
    original = punctuation.fix_width_outcome
    monkeypatch.setattr(punctuation, "fix_width_outcome", lambda *a, **k: seen.append(gc.isenabled()) or original(*a, **k))
    assert gc.isenabled()
    assert pipeline.normalize("12:30,会议开始:请到场") == "12:30，会议开始：请到场"
    assert seen == [False] and gc.isenabled()
