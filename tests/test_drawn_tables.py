"""A table drawn in box-drawing characters inside prose (a law's staffing
table, a report's figures) is structure: its rows stay lines of their own and
no step that changes a line's width touches them, since its columns line up
by width.  Script conversion still reaches its cells."""

import normalize_zh
from normalize_zh import protect, reflow

LAW = (
    "第 12 條\n"
    "本局員額編制如下表：\n"
    "┌──────┬──────────┐\n"
    "│職    稱│官    等    │\n"
    "├──────┼──────────┤\n"
    "│局    長│簡任第十二職等 (五) │\n"
    "│副 局 長│簡任第十一職等,     │\n"
    "└──────┴──────────┘\n"
    "第 13 條\n"
    "本局分層負責明細表，由本局定之。\n"
)


def test_a_drawn_table_keeps_its_rows_padding_and_marks():
    result = normalize_zh.run(LAW)
    table_in = LAW.splitlines()[2:8]
    table_out = result.text.splitlines()[2:8]
    # the same rows, cell for cell: only the script of the characters changed
    assert len(table_out) == len(table_in)
    for before, after in zip(table_in, table_out):
        assert len(after) == len(before)
        assert [i for i, c in enumerate(after) if c in " (),│┌┐└┘├┤┬┴┼─"] == [
            i for i, c in enumerate(before) if c in " (),│┌┐└┘├┤┬┴┼─"
        ]
    assert "│职    称│" in result.text  # converted all the same
    assert {change.step for change in result.changes} == {"convert"}


def test_the_same_cells_outside_a_table_are_normalized():
    """The twin: without the box drawing, the padded word and the half-width
    bracket in Chinese context are what the steps fix."""
    result = normalize_zh.run("本局員額編制如下：局長為簡任第十二職等 (五) ，其餘由本局定之。\n")
    assert "(五)" not in result.text


def test_no_break_beside_a_drawn_table_is_joined():
    text = "本局員額編制如下表\n┌────┐\n│局  長│\n└────┘\n其餘員額由本局\n"
    assert reflow.plainly_kept("本局員額編制如下表", "┌────┐", 0)
    assert reflow.plainly_kept("└────┘", "其餘員額由本局", 0)
    assert reflow.rejoin_lines(text) == text


def test_a_dash_of_box_strokes_is_no_table():
    """Prose writes ── for a dash: such a line is judged like any other."""
    assert not protect.drawn_table_line("他说──我不去，你们去吧")
    assert protect.drawn_table_spans("他说──我不去\n") == []
    assert not reflow.plainly_kept("他说──我不去，你们", "去吧。", 0)


def test_drawn_table_spans_are_the_table_lines():
    text = "表一\n┌──┐\n│甲│\n└──┘\n完\n"
    assert [text[s:e] for s, e in protect.drawn_table_spans(text)] == ["┌──┐", "│甲│", "└──┘"]
    assert protect.may_protect(text, drawn_tables=True) and not protect.may_protect(text)


def test_a_table_drawn_by_a_repair_is_kept_too():
    """Box drawing that came as HTML entities (&#9474; for │) is a table once
    decoded: the steps after the repair leave its cells alone."""
    table = "┌────┬──────┐\n│职  称│官  等 (五) │\n└────┴──────┘\n"
    entities = "".join(f"&#{ord(c)};" if protect.drawn_table_line(c) else c for c in table)
    result = normalize_zh.run("本局员额编制如下表：\n" + entities)
    assert result.text == "本局员额编制如下表：\n" + table
