"""Leaked markup: HTML tags and fragments, BBCode, template placeholders.

Scrapers that take text from HTML the lazy way leave ``<br/>`` and ``</p>``
in it, cut tags in half at line ends (``文字/p>``, ``<div class="``), keep
forum BBCode (``[url=…]文字[/url]``, ``[b]``) and unrendered template
placeholders (``{{title}}``).  They go: a tag that breaks a line (``br``,
``p``, ``div``, ``li``, headings, ...) becomes a line break, any other tag
nothing; BBCode keeps its text, except pictures and attachments whose
content is a file; ``<script>`` and ``<style>`` go with their content.
(HTML entities are decoded by the mojibake step, as ftfy does.)

Only names of real HTML tags and BBCode count, so ``<你好>`` or ``a<b`` in a
formula stay; a tag that is being talked about stays too: inside backticks,
in quotes, or followed by 标签/元素/tag (``<p>标签表示段落``).  The ``docs``
preset switches the step off: HTML in Markdown may be intended.
"""

from __future__ import annotations

import bisect
import re

from .edits import Edit, Outcome, apply_edits, non_overlapping

# Tags whose end means a new line
BLOCK_TAGS = (
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "head header hr html li main nav ol p pre section table tbody td tfoot th thead title tr ul"
).split()
INLINE_TAGS = (
    "a abbr b big button center cite code del em font i iframe img input ins kbd label link mark meta "
    "nobr noscript o:p object option q s samp select small source span strike strong sub sup svg tt u var "
    "video audio wbr caption col colgroup embed frame param picture"
).split()
_TAG_NAMES = "|".join(sorted((re.escape(t) for t in BLOCK_TAGS + INLINE_TAGS), key=len, reverse=True))
# a whole tag; a closing tag that lost its "<" (文字/p>); a tag cut off at a line's end
_ATTRIBUTES = r"""(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'<>]+))?)*"""
# (each alternative first looks for a letter: the hundred names are tried one
# by one, and "<<<<" or "a/b/c" paid for all of them at every mark)
TAG = re.compile(
    rf"<(?=/?[a-z])(?P<close>/?)(?P<name>{_TAG_NAMES})(?![\w:-]){_ATTRIBUTES}\s*/?>"
    rf"|(?<![A-Za-z0-9_/<.])/(?=[a-z])(?P<lost>{_TAG_NAMES})>"
    rf"|<(?=/?[a-z])(?P<cut>/?(?:{_TAG_NAMES}))(?:\s[^<>\n]*)?$",
    re.IGNORECASE | re.MULTILINE,
)
# <script> and <style> go with their content, up to the first closing tag
HIDDEN_OPEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
HIDDEN_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
# what a tag left at the start of a line when its "<tag " went with the line
# before (class="x">文字).  White space is the line's own: with \s (newlines
# too) around the optional parts, the ways to split a run of blank lines
# between them made the scan cubic (2,000 blank lines and one =": 14 s).
TAG_TAIL = re.compile(r'^[ \t]*(?:[a-z-]+="[^"\n]*"[ \t]*)*(?:"[ \t]*)?/?>(?=[^\s>])', re.IGNORECASE | re.MULTILINE)
_BBCODE_NAMES = "b|i|u|s|url|color|size|font|quote|code|align|center|email|list|table|tr|td|indent|backcolor|p|float|hr|\\*"
BBCODE = re.compile(rf"\[/?(?:{_BBCODE_NAMES})(?:=[^\]\n]{{0,200}})?\]", re.IGNORECASE)
BBCODE_FILE = re.compile(r"\[(img|attach|flash|media|audio|video)(?:=[^\]\n]{0,200})?\][^\[\n]*\[/\1\]", re.IGNORECASE)
# {{title}}, {$title}, ${title}, {% tag %}; [[placeholder]] and ad slots ([ad_1]); AdSense's push call
PLACEHOLDER = re.compile(r"\{\{\s*[\w.\-]+\s*\}\}|\{\$[\w.\-]+\}|\{%[^%\n]{0,60}%\}|(?<=\$)\{[\w.\-]+\}")
SQUARE_PLACEHOLDER = re.compile(r"\[\[[\w.\-]{1,40}\]\]|\[ad(?:_?\d+)?\]", re.IGNORECASE)
ADSENSE = re.compile(r"\(adsbygoogle\s*=\s*window\.adsbygoogle\s*\|\|\s*\[\]\)\.push\(\{\}\);?")
BACKTICKS = re.compile(r"`[^`\n]+`")
MENTION_AFTER = re.compile(r"\s*(?:标签|標籤|元素|tag|element)", re.IGNORECASE)
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'", "《": "》"}


def _mentioned(text: str, start: int, end: int) -> bool:
    """The markup is being talked about: quoted, or followed by 标签/元素/tag."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if before in QUOTES and QUOTES[before] == after:
        return True
    return MENTION_AFTER.match(text, end) is not None


def _hidden_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of ``<script>`` and ``<style>`` elements, each from its opening
    tag to the first closing tag of its name, left to right as a lazy regex
    finds them.  An opening tag that is never closed ends the search for its
    name (no later one can be closed either), and one without a ">" after
    it ends the search: one scan, not one per opening tag."""
    spans = []
    unclosed: set[str] = set()
    position = 0
    while True:
        opening = HIDDEN_OPEN.search(text, position)
        if opening is None:
            return spans
        name = opening.group(1).lower()
        if name in unclosed:
            position = opening.end()
            continue
        tag_end = text.find(">", opening.end())
        if tag_end < 0:
            return spans
        close = HIDDEN_CLOSE[name].search(text, tag_end + 1)
        if close is None:
            unclosed.add(name)
            position = opening.start() + 1
            continue
        spans.append((opening.start(), close.end()))
        position = close.end()


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of HTML comments; an unclosed ``<!--`` ends the search (as above)."""
    spans = []
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        spans.append((start, end + 3))
        start = text.find("<!--", end + 3)
    return spans


def _block_break(text: str, start: int, end: int) -> str:
    """A line break for a block tag, unless the text already breaks there."""
    if start == 0 or end == len(text) or text[start - 1] == "\n" or text[end] == "\n":
        return ""
    return "\n"


def strip_markup_outcome(text: str) -> Outcome:
    """Edits removing leaked markup."""
    if "<" not in text and ">" not in text and "[" not in text and "{" not in text:
        return Outcome([])  # (four str scans are cheaper than one regex scan)
    code = [match.span() for match in BACKTICKS.finditer(text)] if "`" in text else []
    code_starts = [start for start, _ in code]
    found: list[Edit] = []

    def in_code(start: int) -> bool:
        index = bisect.bisect_right(code_starts, start) - 1
        return index >= 0 and start < code[index][1]

    def add(start: int, end: int, replacement: str, reason: str) -> None:
        if (code and in_code(start)) or _mentioned(text, start, end):
            return
        found.append(Edit(start, end, replacement, reason))

    if "<" in text:
        for start, end in _hidden_blocks(text):
            add(start, end, "", "script or style")
        for start, end in _comments(text):
            add(start, end, "", "HTML comment")
    if ">" in text or "<" in text:
        for match in TAG.finditer(text):
            name = (match.group("name") or match.group("lost") or match.group("cut") or "").lower().lstrip("/")
            block = name in BLOCK_TAGS
            replacement = _block_break(text, match.start(), match.end()) if block else ""
            reason = "HTML tag" if match.group("name") else "HTML tag fragment"
            add(match.start(), match.end(), replacement, reason)
        if '">' in text or '="' in text:
            for match in TAG_TAIL.finditer(text):
                add(match.start(), match.end(), "", "HTML tag fragment")
    if "[" in text:
        for match in BBCODE_FILE.finditer(text):
            add(match.start(), match.end(), "", "BBCode file")
        for match in BBCODE.finditer(text):
            add(match.start(), match.end(), "", "BBCode")
        for match in SQUARE_PLACEHOLDER.finditer(text):
            add(match.start(), match.end(), "", "template placeholder")
    if "{" in text:
        for match in PLACEHOLDER.finditer(text):
            start = match.start() - (text[match.start() - 1 : match.start()] == "$")  # ${title}
            add(start, match.end(), "", "template placeholder")
    if "adsbygoogle" in text:
        for match in ADSENSE.finditer(text):
            add(match.start(), match.end(), "", "ad slot")
    if not found:
        return Outcome([])
    return Outcome(non_overlapping(found, widest_first=True))


def strip_markup(text: str) -> str:
    """Remove leaked HTML, BBCode and template placeholders.

    >>> strip_markup("第一段<br/>第二段</p>\\n[b]加粗[/b]和[url=http://x.cn]链接[/url]{{title}}")
    '第一段\\n第二段\\n加粗和链接'
    >>> strip_markup("HTML的<p>标签表示段落，“<br>”换行")
    'HTML的<p>标签表示段落，“<br>”换行'
    """
    return apply_edits(text, strip_markup_outcome(text).edits)
