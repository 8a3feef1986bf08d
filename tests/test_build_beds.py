"""The bed builder's labels (scripts/build_beds.py): a document hard-wrapped
at a column is labelled "wrapped", so that the clean-bed evaluation expects its
joins; one paragraph a line is not."""

from __future__ import annotations

import importlib.util
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
