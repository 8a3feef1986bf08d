"""Re-flow: re-join lines broken mid-sentence, and nothing else.

Pages extracted from print or scraped from the web break lines where a column
or a page ended (``医疗救治`` / ``工作，统筹城乡医疗救治。``, ``要统`` / ``筹兼顾``).
Every line break is judged by a fitted logistic model (``judges.Judge``; its
weights and threshold in ``data/judge_reflow.json``, written by
``scripts/fit_judges.py`` from real text broken the ways extraction breaks
it) over the named features of ``breaks.BREAK_FEATURES``.  Its threshold was
chosen so that no break of the clean documents of the development split is
joined: it joins on positive evidence of a wrap, and text laid out one
paragraph a line, headings, bylines and verse stay as they are.

What is not joined is left exactly as it came: blank lines between poems and
sections, indentation, the text's own paragraph separators (making them
uniform would rewrite clean text).  Only lines of nothing but white space lose
that white space.
"""

from __future__ import annotations

import functools

from . import breaks
from .breaks import LINE_START_MARKS, Line, column_line, ends_sentence, make_break, read_page, split_lines
from .edits import Edit, Outcome, apply_edits
from .judges import Judge, load_judges
from .protect import drawn_table_line, url_spans
from .tables import word_across

# Joining makes lines longer and the page's layout plainer; the judging repeats
# on the joined lines until nothing more joins (so that the step is idempotent:
# judged again, its output joins nothing).  Real pages settle in two to four
# rounds; the cap keeps a pathological text linear.
MAX_ROUNDS = 8


@functools.cache
def judges() -> dict[str, Judge]:
    """The fitted line-break judges (data/judge_reflow.json): "column" for a page
    cut at a print column (``breaks.Page.column``), "lines" for the others
    (paragraphs a line, seed 000's blank lines between them)."""
    return load_judges("reflow", breaks.BREAK_FEATURES)


def _glue(a: str, b: str) -> str:
    """A space between Latin words of a Latin line; nothing in Chinese."""
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        if sum(c.isascii() and c.isalpha() for c in a) * 2 > len(a):
            return " "
    return ""


def plainly_kept(a: str, b: str, column: int) -> bool:
    """A sentence's end and a next line that starts like a line: a paragraph's end,
    kept without asking the judge (the common case, and the cheap one).  Precision
    first: on a page cut at a print column a line that ends a sentence right at the
    column's edge is as often a paragraph's last line, full by chance, as a cut after
    a sentence (about one line in twenty either way), so it is kept too;
    scripts/fit_judges.py counts the wraps this keeps (``plain_sentence_ends``).
    Kept too: a line that is a URL and nothing else, before a line that does not
    start with ASCII -- no URL runs on into Chinese, and a link joined to the
    heading below it is a broken link (a news page's ``参会链接：`` / URL / title).
    Kept too: a break beside a row or rule of a table drawn in box-drawing
    characters, which are lines of their own (``protect.drawn_table_line``).
    ``column`` is read for the signature's sake: the rules hold on every page."""
    if ends_sentence(a) and b[0] not in LINE_START_MARKS:
        return True
    if drawn_table_line(a) or drawn_table_line(b):
        return True
    return not b[0].isascii() and a[-1].isascii() and url_spans(a) == [(0, len(a))]


def plainly_title(a: str, index: int, column: int, b: str = "") -> bool:
    """A heading-short first line: the text's title, kept without asking the
    judge (a title with commas, 金鹰节竞争超激烈，…邓伦却是最大赢家, is no
    paragraph cut short).  On a page cut at a print column it is kept too
    unless it is as wide as the column and a word runs across the break: a
    title of about the column's width is common (the property tests: a
    24-character web title above a 21-character column), a cut title shows
    the cut word.  scripts/fit_judges.py counts the wraps of its texts this
    keeps (``plain_titles``)."""
    if index != 0 or len(a) > breaks.HEADING_MAX:
        return False
    if not column or breaks.text_width(a) > column + breaks.WIDTH_SLACK:
        return True
    return not (b and word_across(a, b))


def joins(text: str, lines: list[Line], models: dict[str, Judge] | None = None) -> dict[int, str]:
    """Which breaks between ``lines`` of ``text`` are wraps: index of the line
    before the break -> the reason (the features that weighed most)."""
    models = models or judges()
    texts = [text[line.start : line.end] for line in lines]
    groups = [[i] for i in range(len(lines))]
    heads = list(lines)  # each paragraph's first line: its indentation and the blank line before it
    found: dict[int, str] = {}
    # The page is read off the lines as they came: joined lines are no evidence of its
    # layout (a line joined from a column's pieces is wider than the column), so the
    # rounds judge on that page.  When they are done, the page is read again off the
    # joined lines -- what judging the output would see -- and judging goes on
    # until a page read afresh joins nothing: the step is idempotent.
    fresh = True
    page = None
    for _ in range(MAX_ROUNDS):
        if len(texts) < 2:
            break
        if fresh:
            page = read_page(texts, [line.indented for line in heads], [line.blank_before for line in heads[1:]])
            model = models["column" if page.column else "lines"]
        if fresh:
            judged = {}  # on one page, a break judged once keeps its verdict (later rounds judge what joining changed)
        verdicts = []
        joined = breaks.joined_lines(texts)
        for i in range(len(texts) - 1):
            if plainly_kept(texts[i], texts[i + 1], page.column) or plainly_title(texts[i], i, page.column, texts[i + 1]):
                verdicts.append(None)
                continue
            # what the features read of a break: its lines and the line before, the blank
            # line and indent, whether it is the first and whether it stands above the
            # first paragraph, and (for a heading echoed below) the next lines
            k = make_break(texts, heads, i, joined)
            echo = k.after if breaks.heading_shape(k.a) else None
            key = (k.a, k.b, k.previous if i else None, k.indented, k.blank, i < page.first_paragraph, echo)
            if key not in judged:
                values = breaks.features(k, page, model.features)
                judged[key] = model.explain(values) if model.decide(values) else None
            verdicts.append(judged[key])
        if not any(verdicts):
            if fresh:
                break  # a page read off these lines joins nothing more
            fresh = True
            continue
        fresh = False
        merged_texts, merged_groups, merged_heads = [texts[0]], [groups[0]], [heads[0]]
        for i, reason in enumerate(verdicts):
            a, b = merged_texts[-1], texts[i + 1]
            if reason:
                found[groups[i][-1]] = reason
                merged_texts[-1] = a + _glue(a, b) + b
                merged_groups[-1] = merged_groups[-1] + groups[i + 1]
            else:
                merged_texts.append(b)
                merged_groups.append(groups[i + 1])
                merged_heads.append(heads[i + 1])
        texts, groups, heads = merged_texts, merged_groups, merged_heads
    return found


def rejoin_lines_outcome(text: str, *, models: dict[str, Judge] | None = None) -> Outcome:
    """Edits joining the line breaks judged to be wraps (``breaks``, ``judges``),
    and emptying lines of nothing but white space; nothing else changes: the
    text's own blank lines, indentation and separators stay.  ``models``: other
    judges than the fitted ones (the mutation tests)."""
    if "\n" not in text:
        return Outcome([])
    edits = []
    position = 0
    for raw in text.split("\n"):
        if raw and not raw.strip(breaks.WHITE):
            edits.append(Edit(position, position + len(raw), "", "white space"))
        position += len(raw) + 1
    lines = split_lines(text)
    if len(lines) > 1:
        for index, reason in joins(text, lines, models).items():
            a, b = lines[index], lines[index + 1]
            edits = [e for e in edits if not (a.end <= e.start < b.start)]
            glue = _glue(text[a.start : a.end], text[b.start : b.end])
            edits.append(Edit(a.end, b.start, glue, f"joined: {reason}"))
    edits.sort()
    return Outcome(edits)


def rejoin_lines(text: str) -> str:
    """Join lines broken mid-sentence; everything else stays as it came.

    >>> rejoin_lines("会议召开\\n\\n会议指出，各项工作取得新进展。\\n\\n会议要求，全省卫生系统要统\\n\\n筹兼顾疫情防控和医疗服务，做好重症患者的救治工作。\\n")
    '会议召开\\n\\n会议指出，各项工作取得新进展。\\n\\n会议要求，全省卫生系统要统筹兼顾疫情防控和医疗服务，做好重症患者的救治工作。\\n'
    """
    return apply_edits(text, rejoin_lines_outcome(text).edits)
