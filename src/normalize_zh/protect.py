"""Spans no character-level step may edit: URLs and e-mail addresses; and the
lines of a table drawn in text, which no step that changes a line's width may
edit (their columns line up by width).

(The syntax of Markdown, code and data files is not guessed here: their
parsers find the editable text, see ``regions.py``.)"""

from __future__ import annotations

import re

from .chars import BOX_DRAWING, BOX_STROKES

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
# EMAIL's two halves, for email_spans: the domain from the "@", and the local
# part read backwards (in the reversed text) from the character before it
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_EMAIL_LOCAL = re.compile(r"[\w.+-]+")


def url_spans(text: str) -> list[tuple[int, int]]:
    """URLs in ``text``; a closing bracket stays with a URL that opened one."""
    spans = []
    for match in URL.finditer(text):
        start, end = match.span()
        url = match.group()
        still_open = {")": url.count("(") - url.count(")"), "]": url.count("[") - url.count("]")}
        while end < len(text) and still_open.get(text[end], 0) > 0:
            still_open[text[end]] -= 1
            end += 1
        spans.append((start, end))
    return spans


def email_spans(text: str) -> list[tuple[int, int]]:
    """What ``EMAIL.finditer`` finds, found from each "@" instead: the regex
    tries every start, and from each one in a run of word characters (Han
    characters are word characters) it reads to the run's end, so a long line
    with an "@" somewhere was quadratic.

    >>> text = "写信到 info@example.cn，或 a.b@x.org"
    >>> [text[s:e] for s, e in email_spans(text)]
    ['info@example.cn', 'a.b@x.org']
    """
    spans: list[tuple[int, int]] = []
    backwards = None
    floor = 0  # a match starts after the one before it, as with finditer
    at = text.find("@")
    while at >= 0:
        domain = _EMAIL_DOMAIN.match(text, at)
        if domain is not None and at > floor:
            if backwards is None:
                backwards = text[::-1]
            # text[at - 1] is backwards[len - at]; text[floor] is backwards[len - 1 - floor]
            local = _EMAIL_LOCAL.match(backwards, len(text) - at, len(text) - floor)
            if local is not None:
                spans.append((at - (local.end() - local.start()), domain.end()))
                floor = domain.end()
                at = text.find("@", floor)
                continue
        at = text.find("@", at + 1)
    return spans


# A line of a drawn table: a box-drawing character other than a plain stroke
# (│ ┌ ┼ ╋ ...), or box drawing and white space alone (a table's rule ──────).
_BOX_CORNER = re.compile(f"[{BOX_DRAWING}](?<![{BOX_STROKES}])")
_ANY_BOX = re.compile(f"[{BOX_DRAWING}]")
_BOX_RULE = re.compile(f"[ \t\u3000]*[{BOX_DRAWING}]+[{BOX_DRAWING} \t\u3000]*")


def drawn_table_line(line: str) -> bool:
    """Whether ``line`` (without its line break) is a row or a rule of a table
    drawn in box-drawing characters.

    >>> [drawn_table_line(x) for x in ("│職  稱│官  等│", "└────┘", "────────", "他说──我不去")]
    [True, True, True, False]
    """
    return _ANY_BOX.search(line) is not None and (_BOX_CORNER.search(line) is not None or _BOX_RULE.fullmatch(line) is not None)


def has_drawn_table(text: str) -> bool:
    """Whether some line of ``text`` may be a drawn table's (a cheap test;
    ``drawn_table_spans`` finds them).  One character class first: the other
    two scan several times slower."""
    return _ANY_BOX.search(text) is not None and (_BOX_CORNER.search(text) is not None or _BOX_RULE.search(text) is not None)


def drawn_table_spans(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that ``drawn_table_line`` holds drawn, as spans
    (without their line breaks)."""
    spans: list[tuple[int, int]] = []
    if not has_drawn_table(text):
        return spans
    position = 0
    for line in text.split("\n"):
        if drawn_table_line(line.rstrip("\r")):
            spans.append((position, position + len(line)))
        position += len(line) + 1
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


def protected_spans(text: str, drawn_tables: bool = False) -> list[tuple[int, int]]:
    """Sorted, merged spans of ``text`` that must come out unchanged; with
    ``drawn_tables``, the lines of drawn tables too (``drawn_table_spans``).

    >>> text = "见https://example.cn/a_b，或写信到 info@example.cn"
    >>> [text[s:e] for s, e in protected_spans(text)]
    ['https://example.cn/a_b', 'info@example.cn']
    """
    spans = []
    if "://" in text or "www." in text:
        spans.extend(url_spans(text))
    if "@" in text:
        spans.extend(email_spans(text))
    if drawn_tables:
        spans.extend(drawn_table_spans(text))
    return merge(spans)


def may_protect(text: str, drawn_tables: bool = False) -> bool:
    """Whether ``protected_spans`` may find anything in ``text`` (a cheap test:
    no step creates a URL or an e-mail address; a drawn table may come out of
    a repair, ``&#9474;`` decoded to │)."""
    return "://" in text or "www." in text or "@" in text or (drawn_tables and has_drawn_table(text))
