"""Subtitles: the text of each cue is editable; numbers, timings and the blank
lines between cues are structure, and no step joins one cue to the next.

SubRip is read by the ``srt`` package (its parser validates the file, its
block pattern gives each cue's text span); WebVTT by its block structure
(a ``WEBVTT`` header, blocks separated by blank lines, a cue's timing line
holding ``-->``; NOTE, STYLE and REGION blocks are not cues); Advanced
SubStation Alpha (``.ass``, ``.ssa``) by its ``[Events]`` section: the text is
the last field of each ``Dialogue:`` line, as its ``Format:`` line counts
them (styles, font names and timings are syntax).  Formatting tags inside a
cue (``<i>``, ``{\\an8}``) and ASS's ``\\N`` line breaks are syntax.
"""

from __future__ import annotations

import re

from .regions import Region

CUE_TAG = re.compile(r"<[^<>\n]*>|\{[^{}\n]*\}|\\[Nnh]")
MIN_CUES = 2  # a text that parses as one cue could be anything with a timestamp in it


def _cue(text: str, start: int, end: int) -> Region | None:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if end <= start:
        return None
    return Region(start, end, tuple(m.span() for m in CUE_TAG.finditer(text, start, end)), "cue")


# srt's cue pattern reads an index as -?[0-9]+\.?[0-9]*: on a line that
# starts with a run of k digits it tries k**2 splits before failing, at every
# cue start and every line start inside a cue ("-->" and 5,000 digits took
# minutes).  No index or timestamp is this long, and a line of a cue seldom
# starts with a longer number than an identity card's (18 digits) or a bank
# card's (19); a file with such a line is not read as SubRip (and so is left
# alone).  At this bound a file of 25-digit lines costs about 0.3 s per MB.
MAX_LEADING_DIGITS = 24
_LONG_LEADING_DIGITS = re.compile(rf"^[^\S\n]*-?[0-9]{{{MAX_LEADING_DIGITS + 1}}}", re.MULTILINE)


def srt_regions(text: str) -> list[Region] | None:
    """The cue texts of a SubRip file, or None if it is not one.

    What ``srt.parse`` accepts, found with the same pattern
    (``srt.SRT_REGEX``) anchored at each cue's expected start: ``srt.parse``
    runs it with ``finditer``, which reads on through anything that is not a
    cue looking for one (trying every start, quadratic in runs of white space
    and cubic in runs of digits) before it finds the text invalid.

    >>> text = "1\\n00:00:01,000 --> 00:00:02,500\\n你好,世界\\n\\n2\\n00:00:03,000 --> 00:00:04,000\\n<i>再见</i>\\n"
    >>> [text[r.start : r.end] for r in srt_regions(text)]
    ['你好,世界', '<i>再见</i>']
    >>> srt_regions("见下文 -->\\n" + "1" * 100) is None
    True
    """
    import srt

    if _LONG_LEADING_DIGITS.search(text):
        return None
    # as srt.parse: a byte order mark may come before the first cue; between
    # and after cues, nothing but what the pattern itself takes
    position = 1 if text.startswith("\ufeff") else 0
    cues = []
    while position < len(text):
        match = srt.SRT_REGEX.match(text, position)
        if match is None:
            break
        try:
            srt.srt_timestamp_to_timedelta(match.group(2))
            srt.srt_timestamp_to_timedelta(match.group(3))
        except ValueError:
            return None
        cues.append(match.span(5))
        position = match.end()
    if position != len(text) or len(cues) < MIN_CUES:
        return None
    regions = []
    for start, end in cues:
        region = _cue(text, start, end)
        if region is not None:
            regions.append(region)
    return regions


TIMING = re.compile(r"^(?:\d+:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(?:\d+:)?\d{2}:\d{2}\.\d{3}")


def vtt_regions(text: str) -> list[Region] | None:
    """The cue texts of a WebVTT file, or None if it is not one."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return None
    regions = []
    position = 0
    for block in re.split(r"(\r?\n[ \t]*\r?\n)", text):
        if block.strip() and not block.startswith(("\n", "\r\n")):
            lines = block.split("\n")
            offset = position
            for number, line in enumerate(lines):
                if TIMING.match(line.strip()):
                    cue_start = offset + len(line) + 1
                    region = _cue(text, cue_start, position + len(block)) if number + 1 < len(lines) else None
                    if region is not None:
                        regions.append(region)
                    break
                offset += len(line) + 1
        position += len(block)
    return regions


def ass_regions(text: str) -> list[Region] | None:
    """The dialogue texts of an Advanced SubStation Alpha file, or None if it is not one.

    >>> text = "[Script Info]\\n\\n[Events]\\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\\nDialogue: 0,0:00:01.00,0:00:02.00,思源黑体,,0,0,0,,{\\\\blur4}你好,世界\\\\N再见\\n"
    >>> [text[r.start : r.end] for r in ass_regions(text)]
    ['{\\\\blur4}你好,世界\\\\N再见']
    """
    if "[Events]" not in text or "Dialogue:" not in text:
        return None
    regions = []
    fields = 10  # ASS's default Format: Layer ... Effect, Text
    in_events = False
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            in_events = stripped.lower() == "[events]"
        elif in_events and stripped.startswith("Format:"):
            fields = len(stripped[len("Format:") :].split(","))
        elif in_events and line.startswith("Dialogue:"):
            body = len("Dialogue:")
            for _ in range(fields - 1):
                comma = line.find(",", body)
                if comma < 0:
                    break
                body = comma + 1
            else:
                region = _cue(text, position + body, position + len(line))
                if region is not None:
                    regions.append(region)
        position += len(line) + 1
    return regions


def subtitle_regions(text: str) -> list[Region] | None:
    """Cue texts of SubRip, WebVTT or ASS ``text``; None when it is none of them."""
    head = text.lstrip("\ufeff")
    if head.startswith("WEBVTT"):
        return vtt_regions(text)
    if head.startswith("[Script Info]") or "\n[Events]" in text:
        return ass_regions(text)
    return srt_regions(text)
