"""The editable text of a Markdown document, found by a CommonMark parser.

markdown-it-py (with the plugins real documentation uses: front matter,
tables, footnotes, ``:::`` containers, MyST roles and directives, math,
definition lists) parses the document; only the text of paragraphs,
headings, list items, table cells and block quotes is editable.  Everything
else -- front matter, code (fenced, indented, inline), HTML, link targets
and reference labels, images, entities, backslash escapes, emphasis markers,
roles, math, template shortcodes (``{{< ref >}}``, ``{% raw %}``) -- is
outside the editable text, so no step can change it.

How the spans are found: markdown-it does not record where inline tokens
start, so each paragraph's inline content is tokenized once more with every
inline rule wrapped to note the span it consumed.  Text the ``text`` rule (or
no rule at all) consumed is editable; what any other rule consumed is syntax,
except the label of an inline link (``[这段文字](url)``), whose text is
tokenized again inside the label.  The inline content is then placed in the
source line by line; a line that cannot be placed (a table cell with an
escaped pipe, say) is left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .regions import Region, collector_paused, place_lines, region_from_content

# rules whose span is text (``text``: runs of ordinary characters; our
# ``_one_character``: what no rule claims, markdown-it's own fallback)
_TEXT_RULES = frozenset({"text", "one_character"})
# {name}`content` (MyST roles) and template shortcodes: {{< x >}} {{% x %}} {{ x }} {% x %}
_ROLE = re.compile(r"\{[A-Za-z0-9_+:-]+\}(`+)")
_TEMPLATE_OPEN = re.compile(r"\{\{|\{%")
_TEMPLATE_CLOSE = {"{{": "}}", "{%": "%}"}


def _role(state, silent: bool) -> bool:
    """MyST roles, ``{ref}`label```: the role and its content are syntax."""
    match = _ROLE.match(state.src, state.pos)
    if match is None:
        return False
    ticks = match.group(1)
    end = _find_closing(state, ticks, match.end())
    if end < 0:
        return False
    if not silent:
        token = state.push("myst_role", "", 0)
        token.content = state.src[match.end() : end]
    state.pos = end + len(ticks)
    return True


def _find_closing(state, closing: str, start: int) -> int:
    """``state.src.find(closing, start, state.posMax)``, remembering where it
    failed: what is not found from one position is not found from any later
    one either, so a run of openers that never close (``{{`` repeated) costs
    one scan, not one per opener."""
    # state.cache is markdown-it's own memo of this state ({position: end});
    # string keys cannot collide with its integer ones
    key = f"normalize_zh.no_closing {closing} {state.posMax}"
    if start >= state.cache.get(key, state.posMax + 1):
        return -1
    found = state.src.find(closing, start, state.posMax)
    if found < 0:
        state.cache[key] = start
    return found


def _template(state, silent: bool) -> bool:
    """Template syntax over Markdown (Hugo shortcodes, Liquid, Jinja, MDN's
    KumaScript macros): ``{{< note >}}``, ``{% raw %}``, ``{{Glossary("HTML")}}``."""
    match = _TEMPLATE_OPEN.match(state.src, state.pos)
    if match is None:
        return False
    close = _find_closing(state, _TEMPLATE_CLOSE[match.group()], match.end())
    if close < 0:
        return False
    if not silent:
        token = state.push("template", "", 0)
        token.content = state.src[state.pos : close + 2]
    state.pos = close + 2
    return True


def _one_character(state, silent: bool) -> bool:
    """What no other rule takes is text, one character at a time (markdown-it's
    own fallback, made a rule so that its span is recorded)."""
    if not silent:
        _append_pending(state, state.src[state.pos])
    state.pos += 1
    return True


def _append_pending(state, text: str) -> None:
    """``state.pending += text`` without rebuilding the pending text each time
    (that made a long run of "<" quadratic): markdown-it-py 4's buffer."""
    append = getattr(state, "append_pending", None)
    if append is not None:
        append(text)
    else:
        state.pending += text


class _Recorder:
    """The spans the wrapped inline rules consume in one state (the others,
    such as an image's alt text parsed on its own, are not recorded)."""

    state = None
    spans: list[tuple[int, int, str]] = []


_recorder = _Recorder()

# markdown-it's inline parser is linear, but its constant on some inputs is
# enormous: a paragraph of 20,000 "[" costs it 14 s per MB (each bracket
# opens a link label that is scanned on, up to its nesting limit), runs of
# "{", "*" or "<" several s/MB.  So the inline parse of one block gets a
# budget of work: every rule call and every token a label's scan skips costs
# one unit (about 0.3 microseconds).  A block that spends its budget is
# protected whole (nothing in it is editable) and markdown-it reads its rest
# as plain text.  Measured by scripts/fit_inline_budget.py over the 458
# Markdown files of the clean beds (27,747 blocks): blocks of 200 characters
# or more spend at most 1.7 units per character, shorter ones up to 17 (a
# one-character block costs the ~17 rules tried on it); with 2 per character
# no block needs a base above 142.
INLINE_WORK_PER_CHARACTER = 2
INLINE_WORK_BASE = 500  # 3.5 times the base the beds need


class _Budget:
    """The work left for the inline parse of one block."""

    def __init__(self, content: str) -> None:
        self.left = INLINE_WORK_PER_CHARACTER * len(content) + INLINE_WORK_BASE
        self.spent = False


_budget: _Budget | None = None


def _out_of_budget(state, silent: bool) -> bool:
    """The block's budget is spent: the rest of the state's source is plain text."""
    if state.pos >= state.posMax:
        return False
    if not silent:
        _append_pending(state, state.src[state.pos : state.posMax])
    state.pos = state.posMax
    return True


def _recording(name: str, rule):
    def wrapped(state, silent: bool) -> bool:
        budget = _budget
        if budget is not None:
            budget.left -= 1
            if budget.left < 0:
                budget.spent = True
                return _out_of_budget(state, silent)
        start = state.pos
        if name == "link" and not silent and state is _recorder.state:
            return _recorded_link(rule, state)
        matched = rule(state, silent)
        if matched and not silent and state is _recorder.state:
            _recorder.spans.append((start, state.pos, name))
        return matched

    return wrapped


def _counting_skip(skip_token):
    """``ParserInline.skipToken`` (a link label's scan, one token at a time) charged to the budget."""

    def counted(state) -> None:
        budget = _budget
        if budget is not None:
            budget.left -= 1
            if budget.left < 0:
                budget.spent = True
                state.pos = max(state.pos + 1, state.posMax)
                return
        skip_token(state)

    return counted


def _recorded_link(rule, state) -> bool:
    """A link: its label is text for an inline link or a full reference
    (``[文字](url)``, ``[文字][ref]``); for a collapsed or shortcut reference
    (``[第一部: 基本文法][]``) the label is the key that finds the target,
    and changing it would break the link."""
    start = state.pos
    inner_before = len(_recorder.spans)
    if not rule(state, False):
        del _recorder.spans[inner_before:]
        return False
    # where the label ends, as the rule found it (its scan is cached in the
    # state: this costs little); asked only of links that matched, since from
    # anything but a "[" the scan runs to the block's end
    end = state.pos
    state.pos = start
    label_end = state.md.helpers.parseLinkLabel(state, start, True)
    state.pos = end
    after = state.src[label_end + 1 : label_end + 3] if label_end >= 0 else ""
    if not (after.startswith("(") or (after.startswith("[") and after != "[]")):
        del _recorder.spans[inner_before:]  # the label is the reference key
    _recorder.spans.append((start, state.pos, "link"))
    return True


_BLOCKS_ONLY = "normalize_zh.blocks_only"


def _inline_core(state) -> None:
    """markdown-it's core ``inline`` rule, each block's parse within a budget;
    skipped when the env asks for blocks only (``markdown_regions`` parses
    each block's inline content itself)."""
    global _budget
    blocks_only = state.env.get(_BLOCKS_ONLY, False) if isinstance(state.env, dict) else False
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        if blocks_only:
            continue
        outer, _budget = _budget, _Budget(token.content)
        try:
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        finally:
            _budget = outer


@functools.cache
def parser():
    """The MarkdownIt instance: CommonMark with HTML, tables, strikethrough and
    the plugins of documentation sites, its inline rules recording spans."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.amsmath import amsmath_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.myst_blocks import myst_block_plugin

    md = (
        MarkdownIt("commonmark", {"html": True})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(deflist_plugin)
        .use(myst_block_plugin)
        .use(amsmath_plugin)
        .use(dollarmath_plugin, allow_space=False, double_inline=True)
        # ::: containers of any name (VitePress, Docusaurus, MyST): the marker
        # line is syntax, the content Markdown
        .use(container_plugin, name="any", validate=lambda params, *args: True)
    )
    md.inline.ruler.before("backticks", "myst_role", _role)
    md.inline.ruler.before("escape", "template", _template)
    md.inline.ruler.push("one_character", _one_character)
    for rule in md.inline.ruler.__rules__:
        rule.fn = _recording(rule.name, rule.fn)
    md.inline.ruler.__cache__ = None
    md.inline.skipToken = _counting_skip(md.inline.skipToken)
    for rule in md.core.ruler.__rules__:
        if rule.name == "inline":
            rule.fn = _inline_core
    md.core.ruler.__cache__ = None
    return md


@functools.cache
def _text_stops(md):
    """The pattern of the characters where markdown-it's ``text`` rule stops
    (markdown-it-py 4.1 on: the parser's own; 4.0: the rule module's), when
    ``text`` is the first inline rule; else None."""
    first = next((rule for rule in md.inline.ruler.__rules__ if rule.enabled), None)
    if first is None or first.name != "text":
        return None
    stops = getattr(md.inline, "terminator_re", None)
    if stops is None:
        from markdown_it.rules_inline import text

        find = getattr(text, "_terminator_char_regex", None)
        stops = find() if find is not None else None
    return stops


def _editable_in_content(md, content: str, env) -> list[tuple[int, int]]:
    """Spans of ``content`` (a block's inline source) that are text; none
    when its parse spends the block's budget of work.

    Without any character that stops markdown-it's ``text`` rule (the first
    rule tried), that rule takes the whole content: all of it is text.

    >>> _editable_in_content(parser(), "中文,名称 12", {}), _editable_in_content(parser(), "中文`x`", {})
    ([(0, 8)], [(0, 2)])
    """
    global _budget
    from markdown_it.rules_inline import StateInline

    stops = _text_stops(md)
    if content and stops is not None and stops.search(content) is None:
        return [(0, len(content))]

    state = StateInline(content, md, env, [])
    _recorder.state, _recorder.spans = state, []
    outer, _budget = _budget, _Budget(content)
    try:
        md.inline.tokenize(state)
        spans = _recorder.spans
        if _budget.spent:
            return []  # pathological: the whole block stays as it is
    finally:
        _recorder.state, _recorder.spans = None, []
        _budget = outer
    editable: list[tuple[int, int]] = []
    for start, end, name in sorted(spans):
        if name not in _TEXT_RULES or start == end:
            continue
        if editable and editable[-1][1] == start:
            editable[-1] = (editable[-1][0], end)
        else:
            editable.append((start, end))
    return editable


def markdown_regions(text: str) -> list[Region]:
    """The editable regions of Markdown ``text``: one per inline block (a
    paragraph, heading or table cell), each with the spans inside it that are
    syntax and must stay as they are.

    >>> text = "# 标题\\n\\n见 `代码(x)` 和[链接](https://e.cn/a_(b))。\\n"
    >>> [text[r.start : r.end] for r in markdown_regions(text)]
    ['标题', '见 `代码(x)` 和[链接](https://e.cn/a_(b))。']
    >>> region = markdown_regions(text)[1]
    >>> [text[s:e] for s, e in region.protected]
    ['`代码(x)`', '[', '](https://e.cn/a_(b))']
    """
    with collector_paused():  # the tokens of a large document: see collector_paused
        return _markdown_regions(text)


def _markdown_regions(text: str) -> list[Region]:
    md = parser()
    env: dict = {_BLOCKS_ONLY: True}  # each block's inline content is parsed below, once
    # markdown-it reads CR and CR LF as line breaks and NUL as U+FFFD, and its
    # line maps count the normalized text: parse (and place) a copy of the
    # same length in which they cannot shift anything
    if "\r" in text or "\0" in text:
        text = text.replace("\r", " ").replace("\0", "\ufffd")
    tokens = md.parse(text, env)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    regions = []
    cursor = 0
    # a block's editable spans depend on its content alone (and on the
    # document's reference definitions, read before any inline parse): a
    # content that stands in several blocks (a table's cells) is parsed once
    editables: dict[str, list[tuple[int, int]]] = {}
    for previous, token in _inline_tokens(tokens):
        if not token.map or not token.content.strip():
            continue
        first, last = token.map
        limit = line_starts[last] if last < len(line_starts) else len(text)
        placed = place_lines(text, token.content, max(cursor, line_starts[first]), limit)
        if placed is None:
            continue  # a line markdown-it rewrote (an escaped pipe in a cell): left alone
        role = "heading" if previous is not None and previous.type == "heading_open" else "text"
        editable = editables.get(token.content)
        if editable is None:
            editable = editables[token.content] = _editable_in_content(md, token.content, env)
        region = region_from_content(token.content, placed, editable, role)
        if region is not None:
            regions.append(region)
            cursor = placed[-1]
    return regions


def _inline_tokens(tokens) -> Iterator:
    """(the token before, the inline token) for each inline token."""
    previous = None
    for token in tokens:
        if token.type == "inline":
            yield previous, token
        previous = token
