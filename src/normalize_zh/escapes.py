"""Escapes printed as text: what should have been one character, spelled out.

* ``u200b``, ``u00ad``, ``ufeff``: an invisible character's escape that lost
  its backslash (a JSON or JavaScript string printed by a careless
  template).  Only the escapes of invisible characters and odd spaces count,
  only written against Chinese text, never inside a Latin word (``menu200b``
  and ``Unicode u200b`` stay).
* ``\\u4e2d\\u6587``: escapes printed raw; decoded when they decode to
  printable text (surrogate pairs included).
* ``%E4%B8%AD%E6%96%87``: percent-encoded UTF-8 (or GBK) in running text,
  decoded when it reads as Chinese.  URLs keep theirs: the pipeline never
  lets this step into a URL, and a run right after ``=``, ``/``, ``?`` or
  ``&`` (a query string without its scheme) stays too.
* ``\\n`` written out between Chinese text: a line break.

Two more kinds run inside the mojibake step (``mojibake.fix_encoding``), as
ftfy runs them: HTML entities (``&nbsp;``, ``&#20013;``; ``entity_edits``)
and terminal colour escapes (``\\x1b[31m``; ``terminal_escape_edits``).
"""

from __future__ import annotations

import json
import re

from .edits import Edit, Outcome, apply_edits, non_overlapping
from .score import badness_per_char

# the escapes of invisible characters and odd spaces, and what they stand for
LOST_BACKSLASH = {
    "200b": "", "200c": "", "200d": "", "200e": "", "200f": "", "2060": "", "feff": "", "00ad": "",
    "00a0": " ", "3000": " ", "2002": " ", "2003": " ", "2009": " ", "202f": " ",
    "2028": "\n", "2029": "\n",
}
# (matched at each "u" found; the look-behind checks the character before it)
LOST = re.compile(rf"[uU](?<![A-Za-z_\\][uU])(?P<code>{'|'.join(LOST_BACKSLASH)})(?![A-Za-z])", re.IGNORECASE)
RAW_ESCAPES = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")
# (the scan starts on "%"; the look-behind then checks what stands before it)
PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?<![=/?&%A-Za-z0-9_]...)(?:%[0-9A-Fa-f]{2})+")
RAW_NEWLINE = re.compile(r"(?:\\r)?\\n")
MAX_COST = 1.0  # per character: percent-decoded text must read as Chinese this well


HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def entity_edits(text: str) -> list[Edit]:
    """Edits decoding HTML entities (as ftfy decodes them: ``&amp;`` ``&nbsp;``
    ``&#20013;``; an unknown name stays)."""
    if "&" not in text:
        return []
    from ftfy.fixes import unescape_html  # imported lazily: only text with "&" needs it

    edits = []
    for match in HTML_ENTITY.finditer(text):
        entity = match.group()
        decoded = unescape_html(entity)
        if decoded != entity:
            edits.append(Edit(match.start(), match.end(), decoded, "html-entity"))
    return edits


def terminal_escape_edits(text: str) -> list[Edit]:
    """Edits removing terminal colour and cursor escapes (``\\x1b[1;31m``)."""
    if "\x1b" not in text:
        return []
    return [Edit(m.start(), m.end(), "", "terminal-escape") for m in TERMINAL_ESCAPE.finditer(text)]


def _raw(match: re.Match[str]) -> str | None:
    try:
        decoded = json.loads('"' + match.group() + '"')
    except ValueError:
        return None
    if any(not char.isprintable() or "\ud800" <= char <= "\udfff" for char in decoded):
        return None
    return decoded


def _percent(match: re.Match[str]) -> str | None:
    data = bytes.fromhex(match.group().replace("%", ""))
    if data.isascii():
        return None  # %20, %2F: URL syntax, not text
    for codec in ("utf-8", "gb18030"):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if decoded.isprintable() and badness_per_char(decoded) <= MAX_COST:
            return decoded
    return None


def _beside_non_ascii(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` has a non-ASCII character right before or after it."""
    return any(char and not char.isascii() for char in (text[start - 1 : start], text[end : end + 1]))


def fix_escapes_outcome(text: str) -> Outcome:
    """Edits decoding escapes printed as text."""
    found: list[Edit] = []
    for letter in "uU":  # str.find is many times faster than a regex scan, and "u" is rare in Chinese
        start = text.find(letter)
        while start >= 0:
            match = LOST.match(text, start)
            # written against Chinese text: in Latin text it may be talked about
            if match and _beside_non_ascii(text, start, match.end()):
                found.append(Edit(start, match.end(), LOST_BACKSLASH[match.group("code").lower()], "escape without backslash"))
            start = text.find(letter, start + 1)
    if "\\" in text:
        for match in RAW_ESCAPES.finditer(text):
            decoded = _raw(match)
            if decoded is not None:
                found.append(Edit(match.start(), match.end(), decoded, "raw \\u escape"))
        for match in RAW_NEWLINE.finditer(text):
            # only between non-ASCII text: in ASCII it may be code or a path
            if _beside_non_ascii(text, match.start(), match.end()):
                found.append(Edit(match.start(), match.end(), "\n", "raw \\n"))
    if "%" in text:
        for match in PERCENT.finditer(text):
            decoded = _percent(match)
            if decoded is not None:
                found.append(Edit(match.start(), match.end(), decoded, "percent-encoding"))
    if not found:
        return Outcome([])
    return Outcome(non_overlapping(found))


def fix_escapes(text: str) -> str:
    """Decode escapes printed as text.

    >>> fix_escapes("你好u200b世界，\\\\u4e2d\\\\u6587，搜索%E4%B8%AD%E6%96%87\\\\n下一行")
    '你好世界，中文，搜索中文\\n下一行'
    >>> fix_escapes("menu200b https://x.cn/s?q=%E4%B8%AD")
    'menu200b https://x.cn/s?q=%E4%B8%AD'
    """
    return apply_edits(text, fix_escapes_outcome(text).edits)
