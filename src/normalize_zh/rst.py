"""The editable text of a reStructuredText document, found by docutils.

docutils (the reference reST parser) reads the document; the text of
paragraphs, titles, line blocks and definition-list terms is editable.
Literal and code blocks, directives, comments, substitution definitions,
tables' borders, and inside a paragraph every piece of inline markup --
roles (``:ref:`目标```), inline literals, references and their targets,
emphasis, footnote references -- stay as they are.  A block whose source
cannot be placed exactly in the text (a grid table's cell spread over
lines) is left alone.

docutils' cost grows faster than the text in three ways, so a document is
parsed in pieces and a piece docutils would be slow on is left alone (see
``pieces``, ``INLINE_WORK_PER_CHARACTER``, ``MAX_NESTING``).
"""

from __future__ import annotations

import functools
import re

from .regions import Region, place_lines, region_from_content

# blocks whose text is prose
_TEXT_BLOCKS = ("paragraph", "title", "subtitle", "line", "term", "rubric")
# containers whose content is never prose, whatever it holds
_NOT_TEXT = ("literal_block", "doctest_block", "comment", "raw", "system_message", "substitution_definition", "math_block")
# Drawn tables (grid and simple) too: docutils reads their columns from where
# the characters stand, so an edit that changes a cell's width (a comma made
# full width, a mojibake repair) breaks the table.  The tables of these
# directives are lists, not drawings: their cells are text.
_LISTED_TABLE = re.compile(r"\s*\.\.\s+(?:list-table|csv-table)::")
_LINE = re.compile(r"\n")

# docutils copies the rest of the document for every section (a nested state
# machine gets input_lines[offset:]): a document of many sections is
# quadratic (1 MB of short sections: 5.1 s per MB, 100 KB: 2.6).  So a long
# text is parsed in pieces of about this many characters, each cut where
# nothing of reST continues across (see ``pieces``).
PIECE_TARGET = 20_000
# docutils' inline parser copies the rest of a paragraph at every start-string
# it meets, and searches the rest for the end-string of each one that is not
# closed: a paragraph of L characters with c start-strings costs about c * L
# (8 KB of backquotes: 1 s).  So the parse of a piece has a budget: each
# search for a start-string costs the length of what it searches, and a piece
# that spends more than this many per character is left alone.  Measured by
# scripts/fit_rst_limits.py over the 632 reST files of at least 3 KB on the
# development machine (Python's and cmake's documentation, packages' docs):
# at most 5.0 per character of a piece, 99% of pieces under 3.3.
INLINE_WORK_PER_CHARACTER = 12  # 2.4 times the most seen; a piece at the limit costs about 0.6 s per MB
INLINE_WORK_BASE = 20_000  # a short piece: a few lines full of roles


class _OverBudget(Exception):
    """The inline parse of a piece spent its budget."""


class _SearchBudget:
    """``patterns.initial`` of docutils' Inliner, each search charged."""

    def __init__(self, pattern, left: int) -> None:
        self.pattern = pattern
        self.left = left
        self.spent = 0

    def search(self, string: str, *args):
        self.left -= len(string)
        self.spent += len(string)
        if self.left < 0:
            raise _OverBudget
        return self.pattern.search(string, *args)

    def __getattr__(self, name: str):
        return getattr(self.pattern, name)


def _budgeted_inliner(budget: int | None):
    """A docutils Inliner (the extension point docutils documents for its
    Parser) whose start-string searches draw on ``budget`` (None: no limit),
    and which keeps the document's title styles (``inliner.title_styles``).
    Its pattern is replaced once docutils has built it; not a subclass, since
    docutils builds its patterns from the class's own attributes."""
    from docutils.parsers.rst.states import Inliner

    inliner = Inliner()
    inliner.title_styles = []
    build = inliner.init_customizations
    parse = inliner.parse

    def init_customizations(settings) -> None:
        build(settings)
        if budget is not None:
            inliner.patterns.initial = inliner.search_budget = _SearchBudget(inliner.patterns.initial, budget)

    def parse_keeping_styles(text, lineno, memo, parent):
        inliner.title_styles = memo.title_styles  # the parse's own list, filled as titles come
        return parse(text, lineno, memo, parent)

    inliner.init_customizations = init_customizations
    inliner.parse = parse_keeping_styles
    return inliner


# Each level of indentation is parsed again by a nested state machine with a
# copy of its lines: cost and memory grow with depth times size (1 MB of
# ever deeper block quotes: 570 MB).  Real documents nest a few levels
# (a code block in a list item in a directive: 3 or 4); a piece nested deeper
# is left alone.
MAX_NESTING = 24
_SIMPLE_TABLE_BORDER = re.compile(r"=+(?: +=+)* *$")
# a grid table: a border line, then lines at its indentation starting with + or |
_GRID_TABLE = re.compile(r"^([ \t]*)\+(?:[-=]+\+)+[ \t]*(?:\n|$)(?:\1[+|][^\n]*(?:\n|$))*", re.MULTILINE)
_NOT_NEWLINE = re.compile(r"[^\n]")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text`` that are parsed on their own:
    about ``PIECE_TARGET`` characters each, cut only before a line that starts
    in column 0 after a blank line (a new top-level block: a title, a
    paragraph, a list item, a directive), never inside a simple table (rows
    may be separated by blank lines) nor after a paragraph ending in ``::``
    (a quoted literal block follows unindented).

    >>> text = "标题\\n====\\n\\n段落。\\n\\n" * 3000
    >>> spans = pieces(text)
    >>> len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == len(text)
    True
    >>> all(text[start - 2 : start] == "\\n\\n" and text[start] != " " for start, _ in spans[1:])
    True
    """
    if len(text) <= PIECE_TARGET:
        return [(0, len(text))]
    spans = []
    start = position = 0
    blank_before = True
    last_text = ""  # the last line that was not blank
    in_table = table_just_opened = False
    for line in text.splitlines(keepends=True):  # as docutils splits lines
        if not line.strip():
            if in_table and _SIMPLE_TABLE_BORDER.match(last_text.rstrip("\r\n")) and not table_just_opened:
                in_table = False
            blank_before = True
        else:
            if (
                blank_before
                and position - start >= PIECE_TARGET
                and not line[0].isspace()
                and not in_table
                and not last_text.rstrip().endswith("::")
            ):
                spans.append((start, position))
                start = position
            table_just_opened = False
            if _SIMPLE_TABLE_BORDER.match(line.rstrip("\r\n")) and not in_table and blank_before:
                in_table = table_just_opened = True
            last_text = line
            blank_before = False
        position += len(line)
    spans.append((start, len(text)))
    return spans


def nesting(text: str, start: int = 0, end: int | None = None) -> int:
    """How many levels of indentation ``text[start:end]`` nests (0: none)."""
    end = len(text) if end is None else end
    levels = [0]
    deepest = 0
    for line in text[start:end].splitlines():
        body = line.lstrip()
        if not body:
            continue
        indent = len(line) - len(body)
        while indent < levels[-1]:
            levels.pop()
        if indent > levels[-1]:
            levels.append(indent)
            deepest = max(deepest, len(levels) - 1)
    return deepest




@functools.cache
def _settings():
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    settings = get_default_settings(Parser)
    settings.report_level = 5  # silent: unknown Sphinx roles and directives are not our business
    settings.halt_level = 5
    settings.warning_stream = False
    settings.file_insertion_enabled = False  # never read other files (.. include::)
    settings.raw_enabled = False
    return settings


def _parse(text: str, inline_budget: int | None = None):
    """docutils' document tree of ``text``; None when docutils fails or (with
    ``inline_budget``) its inline parsing spends more than that."""
    parsed = _parse_with_styles(text, inline_budget)
    return parsed[0] if parsed is not None else None


def _parse_with_styles(text: str, inline_budget: int | None = None):
    """(document, title styles in level order) of ``text``, or None (see ``_parse``)."""
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("<normalize-zh>", _settings())
    inliner = _budgeted_inliner(inline_budget)
    try:
        Parser(inliner=inliner).parse(text, document)
    except Exception:  # docutils raises on pathological input (or the budget ran out): nothing is text
        return None
    return document, list(inliner.title_styles)


def _title_prefix(styles: list) -> str:
    """Titles in ``styles``, one per level: put before a piece, they give its
    titles the levels they have in the whole document (a title whose style
    first appears deep in a piece would otherwise skip levels, and docutils
    rejects it)."""
    lines = []
    for style in styles:
        if isinstance(style, tuple):  # overline and underline
            lines.append(f"{style[0] * 4}\nx\n{style[1] * 4}\n\n")
        else:
            lines.append(f"x\n{style * 4}\n\n")
    return "".join(lines)


def _text_blocks(document, source: str):
    """The text blocks of ``document`` (parsed from ``source``): the
    ``_TEXT_BLOCKS`` outside ``_NOT_TEXT`` containers and drawn tables, in
    document order, in one walk down the tree (looking up each block's
    ancestors instead was quadratic in the nesting depth)."""
    lines = None
    stack = [document]
    while stack:
        node = stack.pop()
        tag = node.tagname
        if tag in _NOT_TEXT:
            continue
        if tag == "table":
            if lines is None:
                lines = source.splitlines()  # as docutils numbers them
            line = lines[node.line - 1] if node.line and node.line <= len(lines) else ""
            if not _LISTED_TABLE.match(line):
                continue
        if tag in _TEXT_BLOCKS:
            yield node
        children = getattr(node, "children", ())
        if children:
            stack.extend(reversed(children))


def _editable(block) -> list[tuple[int, int]] | None:
    """Spans of ``block.rawsource`` outside its inline markup; None if a piece
    of markup cannot be found in it."""
    source = block.rawsource
    spans = []
    cursor = 0
    for child in block.children:
        if child.tagname == "#text":
            continue
        raw = getattr(child, "rawsource", "")
        if not raw:
            continue
        found = source.find(raw, cursor)
        if found < 0:
            return None
        if found > cursor:
            spans.append((cursor, found))
        cursor = found + len(raw)
    if cursor < len(source):
        spans.append((cursor, len(source)))
    # a trailing "::" announces a literal block: syntax
    if source.endswith("::") and spans and spans[-1][1] == len(source):
        spans[-1] = (spans[-1][0], len(source) - 2)
    editable = []
    for start, end in spans:  # one span per line: none may cross a line break
        position = start
        for match in _LINE.finditer(source, start, end):
            if match.start() > position:
                editable.append((position, match.start()))
            position = match.end()
        if end > position:
            editable.append((position, end))
    return editable


def rst_regions(text: str) -> list[Region]:
    """The editable regions of reStructuredText ``text``.

    >>> text = "标题\\n====\\n\\n见 :ref:`目标` 和 ``代码``,谢谢。\\n\\n示例::\\n\\n    print(\\"你好,世界\\")\\n"
    >>> [text[r.start : r.end] for r in rst_regions(text)]
    ['标题', '见 :ref:`目标` 和 ``代码``,谢谢。', '示例::']
    >>> [text[s:e] for s, e in rst_regions(text)[1].protected], [text[s:e] for s, e in rst_regions(text)[2].protected]
    ([':ref:`目标`', '``代码``'], ['::'])
    """
    regions = []
    styles: list = []  # title styles of the pieces so far, in level order
    for piece_start, piece_end in pieces(text):
        regions.extend(_piece_regions(text, piece_start, piece_end, styles))
    return regions


def _piece_regions(text: str, start: int, end: int, styles: list) -> list[Region]:
    """The regions of ``text[start:end]``, parsed on its own after titles of
    the ``styles`` the pieces before established (updated); none when it
    nests too deep or its inline parse spends its budget (left alone)."""
    if nesting(text, start, end) > MAX_NESTING:
        return []
    prefix = _title_prefix(styles)
    skip = len(styles)  # the prefix's titles come first
    piece = text[start:end]
    if "+-" in piece or "+=" in piece:
        # tables are never text (_NOT_TEXT), and docutils' grid-table parser
        # is slow (4 s per MB): it sees them as white space of the same length
        piece = _GRID_TABLE.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), piece)
    source_text = prefix + piece
    parsed = _parse_with_styles(source_text, INLINE_WORK_PER_CHARACTER * (end - start) + INLINE_WORK_BASE)
    if parsed is None:
        return []
    document, found_styles = parsed
    if len(found_styles) >= len(styles):
        styles[:] = found_styles
    shift = start - len(prefix)
    regions = []
    cursor = len(prefix)
    for block in _text_blocks(document, source_text):
        if skip:
            skip -= 1  # one of the prefix's titles
            continue
        source = block.rawsource
        if not source.strip():
            continue
        placed = place_lines(source_text, source, cursor, len(source_text))
        if placed is None:
            continue
        editable = _editable(block)
        if editable is None:
            continue
        region = region_from_content(source, placed, editable, "heading" if block.tagname in ("title", "subtitle") else "text")
        if region is not None:
            if shift:
                region = Region(
                    region.start + shift,
                    region.end + shift,
                    tuple((s + shift, e + shift) for s, e in region.protected),
                    region.role,
                )
            regions.append(region)
            cursor = placed[-1]
    return regions
