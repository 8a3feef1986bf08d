"""Spans no character-level step may edit: URLs and e-mail addresses always,
and in Markdown mode fenced and inline code, front matter, link targets and
HTML tags."""

from __future__ import annotations

import re

# A URL's host is ASCII; Chinese text runs straight on after it
# (访问https://x.cn获取).  Its path may hold any character but white space,
# quotes, angle brackets and Chinese punctuation: Wikipedia's paths are Chinese
# (https://zh.wikipedia.org/wiki/北京_(消歧义)).  Over-reaching only protects
# more text; a trailing ASCII full stop, comma or closing bracket is the sentence's.
_PATH = r"[^\s<>\"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]"
URL = re.compile(
    r"(?:(?:https?|ftp|file)://|www\.)[A-Za-z0-9.\-_~:@%+!$&*=\[\]]+(?:[/?#]" + _PATH + r"*)?"
    r"(?<![.,;:!?)\]])"
)
EMAIL = re.compile(r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FENCE_OPEN = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
INLINE_CODE = re.compile(r"(`+)(?!`)(?:[^\n]|\n(?!\n))+?(?<!`)\1(?!`)")
LINK_TARGET = re.compile(r"\]\([^)\n]*\)|^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$|<[A-Za-z][^<>\n]*>|</[A-Za-z][^<>\n]*>", re.M)
INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")


def _fenced_blocks(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    while True:
        opening = FENCE_OPEN.search(text, position)
        if opening is None:
            return spans
        fence = opening.group(1)
        closing = re.compile(r"^[ \t]{0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$", re.M)
        end_match = closing.search(text, opening.end())
        end = end_match.end() if end_match else len(text)
        spans.append((opening.start(), end))
        position = end


def url_spans(text: str) -> list[tuple[int, int]]:
    """URLs in ``text``; a closing bracket stays with a URL that opened one."""
    spans = []
    for match in URL.finditer(text):
        start, end = match.span()
        url = match.group()
        while end < len(text) and text[end] in ")]" and url.count("(" if text[end] == ")" else "[") > url.count(text[end]):
            url += text[end]
            end += 1
        spans.append((start, end))
    return spans


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort and merge overlapping or touching spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def protected_spans(text: str, *, markdown: bool = False) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text`` that must come out unchanged.

    >>> text = "见https://example.cn/a_b，和 `代码(x)`"
    >>> [text[s:e] for s, e in protected_spans(text, markdown=True)]
    ['https://example.cn/a_b', '`代码(x)`']
    """
    spans = []
    if "://" in text or "www." in text:
        spans.extend(url_spans(text))
    if "@" in text:
        spans.extend(m.span() for m in EMAIL.finditer(text))
    if markdown:
        front = FRONT_MATTER.match(text)
        if front:
            spans.append(front.span())
        blocks = _fenced_blocks(text) if ("```" in text or "~~~" in text) else []
        spans.extend(blocks)
        spans.extend(m.span() for m in INDENTED_CODE.finditer(text))
        if "`" in text:
            spans.extend(m.span() for m in INLINE_CODE.finditer(text) if not _inside(m.start(), blocks))
        if "](" in text or "<" in text or "]:" in text:
            spans.extend(m.span() for m in LINK_TARGET.finditer(text))
    return merge(spans)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
