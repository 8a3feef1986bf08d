"""Unicode hygiene: characters that look right and are wrong.

* CJK compatibility ideographs and Kangxi radicals that stand for ordinary
  characters (``⼀`` U+2F00 for ``一``, common in PDF extractions) become
  those characters (their canonical or compatibility decomposition);
* invisible characters -- zero-width space, word joiner, soft hyphen, a byte
  order mark inside text -- go; zero-width joiners stay where they join emoji;
* C0 control characters other than tab and line breaks go; C1 controls are
  read as cp1252, as ftfy does (``\\x85`` was ``…``);
* line and paragraph separators, CR LF and lone CR become ``\\n``;
* no-break and other odd spaces become a plain space, and a line made only of
  white space (ideographic spaces included) becomes empty;
* lone surrogates become U+FFFD (and are flagged); paired ones are combined;
* Latin ligatures from PDFs (``ﬁ``) are split, as ftfy does.
"""

from __future__ import annotations

import re
import unicodedata

from .edits import Edit, Flag, Outcome, apply_edits, non_overlapping

# Each rule matches a run of the characters it acts on, and a run is one edit:
# one per character made a page of 100,000 CRs or NULs cost a change record
# (and a position to move) each.
# Kangxi radicals, CJK radicals with a compatibility mapping, compatibility
# ideographs (both blocks).
IDEOGRAPH_VARIANT = re.compile("[\u2f00-\u2fd5\u2e9f\u2ef3\uf900-\ufaff\U0002f800-\U0002fa1f]+")
INVISIBLE = re.compile("[\u200b\u2060\u00ad\ufeff\u200e\u200f\u202a-\u202e\u2061-\u2064]+")
ZERO_WIDTH_JOINERS = re.compile("[\u200c\u200d]")  # one at a time: each is judged by its neighbours
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]+")
LINE_BREAK = re.compile("(?:\r\n?|[\u2028\u2029\x0c])+")
ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]+")
BLANK_LINE = re.compile("^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+$", re.M)
SURROGATE = re.compile("[\ud800-\udfff]")
LIGATURE = re.compile("[\ufb00-\ufb06]+")
# Any character one of the rules below acts on (white-space-only lines apart), in runs
SUSPECT = re.compile(
    "[\u2f00-\u2fd5\u2e9f\u2ef3\uf900-\ufaff\U0002f800-\U0002fa1f\u200b-\u200f\u2060-\u2064\u00ad\ufeff"
    "\u202a-\u202e\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u00a0\u2000-\u200a\u202f\u205f\ud800-\udfff"
    "\ufb00-\ufb06]+"
)
SPACE_ONLY_LINE = re.compile("^[ \t\u3000]+$", re.M)


def _is_emoji(char: str) -> bool:
    return char > "\u2000" and (unicodedata.category(char) == "So" or "\U0001f000" <= char)


def _variant(char: str) -> str:
    canonical = unicodedata.normalize("NFC", char)
    if canonical != char:
        return canonical
    compatible = unicodedata.normalize("NFKC", char)
    return compatible if len(compatible) == 1 else char


def _variants(match: re.Match[str]) -> str:
    return "".join(map(_variant, match.group()))


def _control(char: str) -> str:
    if "\x80" <= char <= "\x9f":
        try:
            return bytes((ord(char),)).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return ""


def _controls(match: re.Match[str]) -> str:
    return "".join(map(_control, match.group()))


CARRIAGE_RETURN = re.compile("(?:\r\n?)+")


def framing_edits(text: str) -> list[Edit]:
    """The edits of this step that change how the document reads as a whole,
    which the pipeline takes before it judges the document's kind and lines
    (a file's are undone when it is read): a byte order mark at the start
    (``---`` after it opens no front matter), every CR LF and lone CR made LF.

    >>> [(e.start, e.end, e.replacement) for e in framing_edits("\\ufeff一\\r\\n二\\r\\r三")]
    [(0, 1, ''), (2, 4, '\\n'), (5, 7, '\\n\\n')]
    """
    edits = [Edit(0, 1, "", "invisible character")] if text.startswith("\ufeff") else []
    if "\r" in text:
        edits.extend(Edit(m.start(), m.end(), _line_breaks(m), "line break") for m in CARRIAGE_RETURN.finditer(text))
    return edits


def _line_breaks(match: re.Match[str]) -> str:
    run = match.group()
    return "\n" * (len(run) - run.count("\r\n"))


def _joiner(text: str, match: re.Match[str]) -> str | None:
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 1]
    if (before and _is_emoji(before)) or (after and _is_emoji(after)):
        return None  # joins an emoji sequence
    return ""


def pair_surrogates(text: str) -> tuple[list[Edit], list[Flag]]:
    edits: list[Edit] = []
    flags: list[Flag] = []
    position = 0
    while True:
        match = SURROGATE.search(text, position)
        if match is None:
            return edits, flags
        start = match.start()
        high = text[start]
        low = text[start + 1 : start + 2]
        if "\ud800" <= high <= "\udbff" and low and "\udc00" <= low <= "\udfff":
            code = 0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00)
            edits.append(Edit(start, start + 2, chr(code), "surrogate pair"))
            position = start + 2
        else:
            edits.append(Edit(start, start + 1, "\ufffd", "lone surrogate"))
            flags.append(Flag("lone-surrogate", start, start + 1, "\ufffd", f"U+{ord(high):04X} had no pair"))
            position = start + 1


def clean_unicode_outcome(text: str) -> Outcome:
    """Edits for the hygiene above; flags for lone surrogates (output offsets)."""
    # one scan collects the suspect characters; only the rules that act on
    # one of them run (each rule is a scan of its own)
    suspects = "".join({match.group() for match in SUSPECT.finditer(text)})
    blank = ("\n " in text or "\n\t" in text or "\n\u3000" in text or text[:1] in " \t\u3000") and SPACE_ONLY_LINE.search(text)
    if not suspects and not blank:
        return Outcome([])
    edits: list[Edit] = []
    surrogate_edits, flags = pair_surrogates(text) if SURROGATE.search(suspects) else ([], [])
    edits.extend(surrogate_edits)
    rules = (
        (IDEOGRAPH_VARIANT, _variants, "ideograph variant"),
        (INVISIBLE, lambda m: "", "invisible character"),
        (ZERO_WIDTH_JOINERS, lambda m: _joiner(text, m), "zero-width joiner"),
        (LINE_BREAK, _line_breaks, "line break"),
        (CONTROL, _controls, "control character"),
        (BLANK_LINE, lambda m: "", "white-space-only line"),
        (ODD_SPACE, lambda m: " " * len(m.group()), "odd space"),
        (LIGATURE, lambda m: unicodedata.normalize("NFKC", m.group()), "ligature"),
    )
    for pattern, replace, reason in rules:
        if not (pattern.search(suspects) or (pattern is BLANK_LINE and (blank or ODD_SPACE.search(suspects)))):
            continue
        for match in pattern.finditer(text):
            replacement = replace(match)
            if replacement is not None and replacement != match.group():
                edits.append(Edit(match.start(), match.end(), replacement, reason))
    # of two edits that start together the wider wins, and of two alike the
    # rule listed first: a white-space-only line over the odd spaces in it
    # (else "\xa0\xa0" became "  ", and only a second pass emptied the line)
    kept = non_overlapping(edits, widest_first=True)
    if flags:
        # flag offsets are in the input; move them to the output
        from .edits import PositionMap

        positions = PositionMap(kept)
        flags = [
            Flag(f.kind, positions.forward(f.start), positions.forward(f.start) + 1, f.text, f.detail)
            for f in flags
        ]
    return Outcome(kept, flags)


def clean_unicode(text: str) -> str:
    """Apply the Unicode hygiene of this module.

    >>> clean_unicode("⼀个\\u200b例子\\r\\n\\u3000\\u3000\\n下一行")
    '一个例子\\n\\n下一行'
    """
    return apply_edits(text, clean_unicode_outcome(text).edits)
