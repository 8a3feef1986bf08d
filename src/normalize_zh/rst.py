"""The editable text of a reStructuredText document, found by docutils.

docutils (the reference reST parser) reads the document; the text of
paragraphs, titles, line blocks and definition-list terms is editable.
Literal and code blocks, directives, comments, substitution definitions,
tables' borders, and inside a paragraph every piece of inline markup --
roles (``:ref:`目标```), inline literals, references and their targets,
emphasis, footnote references -- stay as they are.  A block whose source
cannot be placed exactly in the text (a grid table's cell spread over
lines) is left alone.
"""

from __future__ import annotations

import functools
import re

from .regions import Region, place_lines, region_from_content

# blocks whose text is prose
_TEXT_BLOCKS = ("paragraph", "title", "subtitle", "line", "term", "rubric")
# containers whose content is never prose, whatever it holds
_NOT_TEXT = ("literal_block", "doctest_block", "comment", "raw", "system_message", "substitution_definition", "math_block")
_LINE = re.compile(r"\n")


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


def _parse(text: str):
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("<normalize-zh>", _settings())
    try:
        Parser().parse(text, document)
    except Exception:  # docutils raises on pathological input: then nothing is text
        return None
    return document


def _inside_non_text(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tagname in _NOT_TEXT:
            return True
        parent = parent.parent
    return False


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
    document = _parse(text)
    if document is None:
        return []
    regions = []
    cursor = 0
    for block in document.findall(lambda node: node.tagname in _TEXT_BLOCKS):
        source = block.rawsource
        if not source.strip() or _inside_non_text(block):
            continue
        placed = place_lines(text, source, cursor, len(text))
        if placed is None:
            continue
        editable = _editable(block)
        if editable is None:
            continue
        region = region_from_content(source, placed, editable, "heading" if block.tagname in ("title", "subtitle") else "text")
        if region is not None:
            regions.append(region)
            cursor = placed[-1]
    return regions
