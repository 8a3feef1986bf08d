"""The bed builder's labels (scripts/build_beds.py): a document hard-wrapped
at a column is labelled "wrapped", so that the clean-bed evaluation expects its
joins; one paragraph a line is not."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_beds.py"
spec = importlib.util.spec_from_file_location("build_beds", SCRIPT)
build_beds = importlib.util.module_from_spec(spec)
sys.modules["build_beds"] = build_beds
spec.loader.exec_module(build_beds)

SENTENCE = "且说虞舜自从在雷泽与七友皋陶及八元八恺等大家分别之后就在雷泽南岸陶丘地方住下来做那制陶的生业细细考察那里的泥质"


def _page(widths: list[int]) -> str:
    """Lines of ``widths`` characters cut from running text, mid-sentence,
    with a blank line and a two-character indent before each (上古秘史's layout)."""
    text = SENTENCE * 20
    lines, start = [], 0
    for width in widths:
        lines.append("　　" + text[start : start + width - 2])
        start += width - 2
    return "\n\n".join(lines) + "\n"


def test_a_page_cut_two_characters_either_side_of_its_column_is_wrapped():
    # 50 characters a line, give or take two: 96-104 columns
    assert build_beds.looks_wrapped(_page([50, 48, 52, 48, 52, 50, 48, 52, 48, 52]))


def test_a_page_cut_three_characters_either_side_is_not():
    assert not build_beds.looks_wrapped(_page([50, 47, 53, 47, 53, 50, 47, 53, 47, 53]))


def test_one_paragraph_a_line_is_not_wrapped():
    assert not build_beds.looks_wrapped(_page([30, 61, 44, 80, 25, 57, 90, 38, 66, 49]))


def _rejoined(period: int, lines: int = 2) -> str:
    """Paragraph lines of running text with a space every ``period`` characters:
    a wrapped text joined again with spaces (杀子报's layout, period 73)."""
    out = []
    for number in range(lines):
        text = (SENTENCE * 10)[number * 7 :][: period * 4]
        out.append(" ".join(text[i : i + period - 1] for i in range(0, len(text), period - 1)))
    return "\n\n".join(out) + "\n"


def test_spaces_between_han_at_one_period_read_as_a_text_joined_again():
    assert build_beds.looks_rejoined(_rejoined(73))


def test_spaces_at_a_short_period_or_scattered_do_not():
    assert not build_beds.looks_rejoined(_rejoined(19))  # under REWRAP_MIN_PERIOD
    scattered = "且说虞舜 自从在雷泽与七友皋陶及八元八恺等大家分别之后就在雷泽南岸 陶丘地方住下来做那制陶的生业细细 考察那里的泥质且说虞舜自从在雷泽与七友皋陶及八元八恺等大家分别 之后\n"
    assert not build_beds.looks_rejoined(scattered * 2)
    assert not build_beds.looks_rejoined(_rejoined(73, lines=1)[:200])  # too few gaps to tell


def test_news_xml_renders_title_and_paragraphs() -> None:
    """A spider's XML article: the title, then one paragraph a line with a
    blank line between, the tab before each paragraph dropped, the text
    (half-width brackets, 【编辑:...】) otherwise as it was."""
    data = (
        "<?xml version='1.0' encoding='utf-8'?>\n<doc><id>1</id><url>http://example.invalid/1.shtml</url>"
        "<title>标题</title><datetime>2025-11-26 18:58:00</datetime><body>\t中新网北京11月26日电(记者陈杭)正文&amp;。\n"
        "\t小标题\n\t\n\t末段。【编辑:某某】\n</body></doc>"
    ).encode("utf-8")
    assert build_beds.news_xml(data).decode("utf-8") == "标题\n\n中新网北京11月26日电(记者陈杭)正文&。\n\n小标题\n\n末段。【编辑:某某】\n"


def test_report_csv_gives_the_full_text_as_stored() -> None:
    """A one-row report CSV: the full_text field exactly, page furniture and
    all, one line a paragraph, a final newline added; the other columns left out."""
    data = (
        "\ufeffprovince,year,title,source_url,publish_date,full_text\n"
        '某省,2026,2026年某省政府工作报告,https://example.invalid/1,2026-02-02,"下载\n打印\n'
        '【字号：\n2026年某省政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告政府工作，请予审议。\n相关报道："\n'
    ).encode("utf-8")
    assert build_beds.report_csv(data).decode("utf-8") == (
        "下载\n打印\n【字号：\n2026年某省政府工作报告\n各位代表：\n现在，我代表省人民政府，向大会报告政府工作，请予审议。\n相关报道：\n"
    )


def test_report_csv_refuses_other_tables() -> None:
    import pytest

    with pytest.raises(ValueError):
        build_beds.report_csv("province,year\n某省,2026\n".encode("utf-8"))


def test_moj_law_json_renders_name_headings_and_articles() -> None:
    """The name, the preamble, each 編章節 heading, each article's number on a
    line and its text after it (the database's wraps and indents kept, CRLF
    made LF, white space at a line's end dropped); metadata left out."""
    law = {
        "法規性質": "法律",
        "法規名稱": "某某條例",
        "法規網址": "https://law.moj.gov.tw/LawClass/LawAll.aspx?pcode=X0000001",
        "沿革內容": "1.中華民國八十年五月一日總統令公布",
        "前言": "為保障人民權益，特制定本條例\r\n。",
        "法規內容": [
            {"編章節": "第 一 章 總則"},
            {"條號": "第 1 條", "條文內容": "本條例之主管機關為內政部。 "},
            {"條號": "第 2 條", "條文內容": "一、第一款事項，由主管機關定之；其辦法\r\n    另定之。"},
            {"條號": "第 3 條", "條文內容": ""},
        ],
    }
    data = json.dumps(law, ensure_ascii=False).encode("utf-8")
    assert build_beds.moj_law_json(data).decode("utf-8") == (
        "某某條例\n\n為保障人民權益，特制定本條例\n。\n\n第 一 章 總則\n\n第 1 條\n本條例之主管機關為內政部。\n\n"
        "第 2 條\n一、第一款事項，由主管機關定之；其辦法\n    另定之。\n"
    )


def test_gushiwen_json_renders_title_and_original_text_as_stored() -> None:
    lines = [
        {"title": "绝句", "content": "两个黄鹂鸣翠柳，一行白鹭上青天。", "translation": "两只黄鹂……"},
        {"title": "病梅馆记", "writer": "龚自珍", "content": "\u3000\u3000江宁之龙蟠，苏州之邓尉，杭州之西溪，皆产梅。\n\n\u3000\u3000予购三百盆。\n\n", "remark": "注释"},
    ]
    data = "\n".join(json.dumps(item, ensure_ascii=False) for item in lines).encode("utf-8")
    assert build_beds.gushiwen_json(data, 1).decode("utf-8") == (
        "病梅馆记\n\n\u3000\u3000江宁之龙蟠，苏州之邓尉，杭州之西溪，皆产梅。\n\n\u3000\u3000予购三百盆。\n"
    )
    assert build_beds._derived_name("guwen/guwen1001-2000.json", {"name": "gushiwen_json", "index": 7}) == "guwen/guwen1001-2000.0007.txt"


def test_gushiwen_picks_take_prose_not_verse() -> None:
    import random

    prose = "\u3000\u3000" + "张衡字平子，南阳西鄂人也。" * 8
    lines = [
        {"title": "绝句", "content": "两个黄鹂鸣翠柳，一行白鹭上青天。\n窗含西岭千秋雪，门泊东吴万里船。" * 3},
        {"title": "张衡传", "content": prose + "\n\n"},
    ]
    data = "\n".join(json.dumps(item, ensure_ascii=False) for item in lines).encode("utf-8")
    assert build_beds._gushiwen_picks(data, 5, random.Random(0)) == [{"name": "gushiwen_json", "index": 1}]


def test_zhihu_json_renders_title_and_paragraphs() -> None:
    content = (
        '<div class="RichText"><p data-pid="a">咳，这个是我以前写的&amp;投个稿</p>'
        '<h2>1. 分院</h2><p data-pid="b"><span><a href="https://zhida.zhihu.com/x">生理性别<svg viewBox="0 0 16 16"><path d="m5"></path></svg></a></span>是客观事实。</p>'
        "<ul><li>第一条</li><li>第二条</li></ul><figure><noscript><img src=\"x.jpg\"/></noscript><img src=\"y.jpg\"/><figcaption>图注</figcaption></figure></div>"
    )
    data = json.dumps({"title": "如果莉莉嫁给了斯内普", "content": content, "rawHtml": "<html>…</html>"}, ensure_ascii=False).encode("utf-8")
    assert build_beds.zhihu_json(data).decode("utf-8") == (
        "如果莉莉嫁给了斯内普\n\n咳，这个是我以前写的&投个稿\n\n1. 分院\n\n生理性别是客观事实。\n\n第一条\n\n第二条\n\n图注\n"
    )
