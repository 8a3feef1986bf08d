"""Editable regions: the parts of a document the steps may change.

A plain prose text is one region.  Other kinds are parsed first, by the tool
made for them, and only their text is editable:

* Markdown: paragraphs, headings, list items, table cells (``markdown.py``,
  markdown-it-py); reStructuredText likewise (``rst.py``, docutils);
* source code: comments and string literals (pygments' lexer for the file),
  never the code around them, nor escapes or interpolations inside strings;
* data files: string values and comments (pygments), CSV/TSV cells; never keys,
  numbers or syntax;
* gettext catalogues: the strings of ``msgstr``;
* subtitles: the text of each cue (``subtitles.py``).

Each region may hold spans that are syntax (inline code in a paragraph, an
escape in a string): ``protected``, absolute offsets like the region's own.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import gc
import io
from collections.abc import Iterator
from typing import NamedTuple


class Region(NamedTuple):
    """``text[start:end]`` is editable, except the ``protected`` spans inside it."""

    start: int
    end: int
    protected: tuple[tuple[int, int], ...] = ()
    role: str = "text"


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, back on after (if
    it was on).  A parser's tree (markdown-it's tokens, docutils' nodes) is
    hundreds of thousands of objects that all live until the regions are
    read off it; each collection pass walks them again, which cost up to
    half of a large table's parse and grew faster than the text.  Nothing is
    freed later than it would be: objects without cycles go when their last
    reference does, and cycles at the next collection after the block.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def place_lines(text: str, content: str, start: int, limit: int) -> list[int] | None:
    """Where each line of ``content`` (a block's text as a parser hands it
    back: indentation and quote marks stripped) starts in ``text[start:limit]``,
    searching forward; None when a line is not there as it is."""
    placed = []
    position = start
    for line in content.split("\n"):
        found = text.find(line, position, limit) if line else position
        if found < 0:
            return None
        placed.append(found)
        position = found + len(line)
    return placed


def region_from_content(
    content: str, placed: list[int], editable: list[tuple[int, int]], role: str = "text"
) -> Region | None:
    """The region of a block whose ``content`` lines start at ``placed`` in the
    text: ``editable`` spans of the content (sorted; none crosses a line
    break) are text, everything else in the block syntax.  The region is the
    whole block, syntax at its ends included, so that a step judging a mark
    sees what really stands beside it (``系列一(基础篇)](url)``: a bracket,
    not the end of the text)."""
    if not editable:
        return None
    if len(placed) == 1:  # one line (a heading, a table cell): its offsets shift as one
        at = placed[0]
        bounds = [at, *(at + edge for span in editable for edge in span), at + len(content)]
    else:
        lines = content.split("\n")
        line_starts = []  # offset of each content line in the content
        offset = 0
        for line in lines:
            line_starts.append(offset)
            offset += len(line) + 1
        absolute = []
        for start, end in editable:
            index = bisect.bisect_right(line_starts, start) - 1
            at = placed[index] - line_starts[index]
            absolute.append((at + start, at + end))
        bounds = [placed[0], *(edge for span in absolute for edge in span), placed[-1] + len(lines[-1])]
    protected = [(a, b) for a, b in zip(bounds[::2], bounds[1::2]) if b > a]
    return Region(bounds[0], bounds[-1], tuple(protected), role)


# pygments token types, by their string form: what holds text, what is syntax inside it
_STRING = "Token.Literal.String"
_SYNTAX_IN_STRINGS = ("Token.Literal.String.Escape", "Token.Literal.String.Interpol", "Token.Literal.String.Affix",
                      "Token.Literal.String.Regex", "Token.Literal.String.Backtick", "Token.Literal.String.Symbol",
                      "Token.Literal.String.Char", "Token.Literal.String.Delimiter")
_COMMENT = "Token.Comment"
_SYNTAX_COMMENTS = ("Token.Comment.Preproc", "Token.Comment.PreprocFile", "Token.Comment.Hashbang", "Token.Comment.Special")
_DATA_TEXT = ("Token.Literal.Scalar.Plain", "Token.Text")  # YAML plain scalars, XML/HTML text between tags
_QUOTES = "\"'`"


def _is_text_token(kind: str, *, data: bool) -> bool:
    if kind.startswith(_STRING):
        return not kind.startswith(_SYNTAX_IN_STRINGS)
    if kind.startswith(_COMMENT):
        return not kind.startswith(_SYNTAX_COMMENTS)
    return data and kind in _DATA_TEXT


def lexed_regions(text: str, lexer, *, data: bool = False) -> list[Region]:
    """Comments and string literals of ``text`` as pygments' ``lexer`` reads
    it (for data files also YAML's plain scalars and XML's text); quotes stay
    outside the regions, as do escapes and interpolations.

    >>> from pygments.lexers import PythonLexer
    >>> code = 'def 计算(数量, 单价):  # 计算总价\\n    return f"总价: {x}元\\\\n"\\n'
    >>> [code[r.start : r.end] for r in lexed_regions(code, PythonLexer())]
    ['# 计算总价', '总价: ', '元']
    """
    regions: list[Region] = []
    # a token type's verdict, once per type (str() of a type is slow, and a
    # file has a few dozen types in millions of tokens)
    verdicts: dict = {}
    for position, token, value in lexer.get_tokens_unprocessed(text):
        verdict = verdicts.get(token)
        if verdict is None:
            kind = str(token)
            verdict = verdicts[token] = (_is_text_token(kind, data=data), "comment" if kind.startswith(_COMMENT) else "string")
        if not verdict[0] or not value.strip():
            continue
        start, end = position, position + len(value)
        # a token that is a whole quoted literal ("值" in JSON, '字' in C):
        # its quotes are syntax
        while end - start >= 2 and text[start] in _QUOTES and text[end - 1] == text[start]:
            start, end = start + 1, end - 1
        if text[start:end] in _QUOTES or start >= end:
            continue
        if regions and regions[-1].end == start:
            regions[-1] = Region(regions[-1].start, end, role=regions[-1].role)
        else:
            regions.append(Region(start, end, role=verdict[1]))
    return regions


def csv_regions(text: str, delimiter: str) -> list[Region]:
    """The cells of a CSV or TSV text, without their quotes: a cell's text is a
    value, its delimiters and quotes syntax.  Python's csv module reads the
    rows (so that a quoted cell holding the delimiter stays one cell); each
    cell is then found in its line."""
    regions = []
    position = 0
    for line in text.splitlines(keepends=True):
        try:
            rows = list(csv.reader(io.StringIO(line), delimiter=delimiter))
        except csv.Error:
            rows = []
        cursor = position
        for row in rows[:1]:
            for cell in row:
                if not cell.strip():
                    continue
                found = text.find(cell, cursor, position + len(line))
                if found < 0:
                    break  # a cell with doubled quotes inside: leave the rest of the line
                regions.append(Region(found, found + len(cell), role="value"))
                cursor = found + len(cell)
        position += len(line)
    return regions


def po_regions(text: str) -> list[Region]:
    """The translated strings (``msgstr``) of a gettext catalogue, without
    quotes; escapes (``\\n``, ``\\"``) inside them are syntax."""
    from pygments.lexers import GettextLexer

    regions = []
    translated = False
    for position, token, value in GettextLexer(stripnl=False, ensurenl=False).get_tokens_unprocessed(text):
        if value.startswith('".. '):
            continue  # a reST directive or comment (Sphinx catalogues: ".. index:: 关键字, …"): syntax
        kind = str(token)
        if kind == "Token.Name.Variable":
            translated = value.startswith("msgstr")
        elif translated and kind.startswith(_STRING) and len(value) >= 2 and value[0] == value[-1] == '"':
            start, end = position + 1, position + len(value) - 1
            protected = []
            index = text.find("\\", start, end)
            while index >= 0:
                protected.append((index, min(index + 2, end)))
                index = text.find("\\", index + 2, end)
            if end > start:
                regions.append(Region(start, end, tuple(protected), role="text"))
    return regions


def regions_for(text: str, kind: str, path: str | None = None) -> list[Region] | None:
    """The editable regions of ``text`` read as ``kind`` (None: all of it is
    prose, no syntax anywhere)."""
    if kind in ("prose", "verse"):
        return None
    if kind == "markdown":
        from .markdown import markdown_regions

        return markdown_regions(text)
    if kind == "rst":
        from .rst import rst_regions

        return rst_regions(text)
    if kind == "subtitles":
        from .subtitles import subtitle_regions

        return subtitle_regions(text) or []
    if kind == "po":
        return po_regions(text)
    name = (path or "").lower()
    if kind == "data" and name.endswith((".csv", ".tsv")):
        return csv_regions(text, "\t" if name.endswith(".tsv") else ",")
    lexer = _lexer(text, path)
    if lexer is None:
        return []
    return lexed_regions(text, lexer, data=kind == "data")


def _lexer(text: str, path: str | None):
    from .kinds import code_lexer

    if path and path.lower().endswith((".jsonl", ".ndjson")):
        from pygments.lexers import JsonLexer

        return JsonLexer(stripnl=False, ensurenl=False)
    lexer = code_lexer(path) if path else None
    if lexer is None:
        from pygments.lexers import guess_lexer
        from pygments.util import ClassNotFound

        try:
            lexer = guess_lexer(text, stripnl=False, ensurenl=False)
        except ClassNotFound:
            return None
    return lexer
