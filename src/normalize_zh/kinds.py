"""What a file is, before any step judges it: prose, Markdown, code, data or subtitles.

A file's kind decides what may change in it.  The kind comes from pre-commit's
own ``identify`` library (the tags a hook's ``types:`` filter uses), so the hook
and the command line agree with pre-commit about what a file is:

===========  ====================================================  ==========================
kind         files                                                 what may change
===========  ====================================================  ==========================
markdown     Markdown, MDX                                         text of paragraphs, headings,
                                                                   list items, table cells
rst          reStructuredText                                      text of paragraphs, titles,
                                                                   line blocks (docutils)
prose        plain text, AsciiDoc                                  the text
po           gettext catalogues                                    the text of ``msgstr``
subtitles    SubRip ``.srt``, WebVTT ``.vtt``, ASS ``.ass``/``.ssa``  the text of each cue
code         source code (anything pygments has a lexer for)       mojibake inside comments
                                                                   and string literals only
data         JSON, YAML, TOML, CSV/TSV, INI, XML/HTML, properties  mojibake inside values only
===========  ====================================================  ==========================

Anything else (images, archives, unknown extensions) has no kind: the hook
skips it and says so.
"""

from __future__ import annotations

import os

from .chars import no_text

KINDS = ("prose", "verse", "markdown", "rst", "po", "subtitles", "code", "data")

# The steps each kind allows (the Config then switches steps on or off).
# Character-level repairs everywhere text is prose; code and data get mojibake
# repair only; line-level steps (re-flow, boilerplate, repeated lines, spacing)
# only where lines are free text: never across Markdown blocks, subtitle cues
# or the lines of a poem.
_CHARACTER_STEPS = frozenset({"fix_encoding", "clean_unicode", "strip_pinyin", "fix_punctuation", "punctuation", "convert"})
KIND_STEPS: dict[str, frozenset[str]] = {
    "prose": _CHARACTER_STEPS | {"strip_markup", "fix_escapes", "fix_spacing", "fix_repeats", "boilerplate", "reflow"},
    # every line twice is a slide deck's or a PDF layer's, not a refrain: fix_repeats judges
    "verse": _CHARACTER_STEPS | {"strip_markup", "fix_escapes", "fix_repeats"},
    "markdown": _CHARACTER_STEPS,
    "rst": _CHARACTER_STEPS,
    "po": _CHARACTER_STEPS,
    "subtitles": _CHARACTER_STEPS,
    "code": frozenset({"fix_encoding"}),
    "data": frozenset({"fix_encoding"}),
}

# identify tags, most specific first: the first that matches decides
_TAG_KINDS: tuple[tuple[str, str], ...] = (
    ("markdown", "markdown"),
    ("mdx", "markdown"),
    ("pofile", "po"),
    ("rst", "rst"),
    ("asciidoc", "prose"),
    ("plain-text", "prose"),
    ("jupyter", "data"),
    ("json", "data"),
    ("yaml", "data"),
    ("toml", "data"),
    ("csv", "data"),
    ("tsv", "data"),
    ("ini", "data"),
    ("xml", "data"),
    ("html", "data"),
    ("java-properties", "data"),
    ("dotenv", "data"),
)
# what identify does not tag
_EXTENSION_KINDS = {".srt": "subtitles", ".vtt": "subtitles", ".ass": "subtitles", ".ssa": "subtitles", ".jsonl": "data", ".ndjson": "data"}


def file_kind(path: str | os.PathLike[str]) -> str | None:
    """The kind of the file at ``path`` from its name (None: not one we edit).

    >>> file_kind("docs/zh/index.md"), file_kind("src/app.py"), file_kind("data/cities.csv")
    ('markdown', 'code', 'data')
    >>> file_kind("movie.srt"), file_kind("logo.png") is None
    ('subtitles', True)
    """
    from identify import identify

    name = os.fspath(path)
    extension = os.path.splitext(name)[1].lower()
    if extension in _EXTENSION_KINDS:
        return _EXTENSION_KINDS[extension]
    tags = identify.tags_from_filename(os.path.basename(name))
    if "text" not in tags:
        return None
    for tag, kind in _TAG_KINDS:
        if tag in tags:
            return kind
    return "code" if code_lexer(name) is not None else None


def code_lexer(path: str):
    """The pygments lexer for a source file's name, or None."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        return get_lexer_for_filename(os.path.basename(path), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None

# Steps a region's role keeps out: a heading's text makes its anchor
# (``[见下文](#安装:步骤)``, Sphinx's and GitHub's section ids), and a link to
# it breaks when a mark in it changes width.
ROLE_STEPS_OFF: dict[str, frozenset[str]] = {"heading": frozenset({"fix_punctuation", "punctuation"})}


# -- what a text is, when no file name says -------------------------------------

# Verse: short lines that end where a phrase ends.  Classical poems, ci and
# songs end (nearly) every line with a mark (床前明月光，/ 疑是地上霜。); modern
# verse and lyrics have (nearly) no marks at all.  Prose has long paragraph
# lines; a narrow print column has marks inside its lines and ends them
# anywhere.  The first TITLE_LINES lines (title, author) are not judged.
VERSE_MIN_LINES = 4
VERSE_LINE_MAX = 24  # a seven-character couplet with its marks is 16
VERSE_SHORT_SHARE = 0.8  # of the judged lines, at least this share short ...
VERSE_PATTERN_SHARE = 0.75  # ... and this share ending with a mark, or without any mark
# a line this long is a paragraph: a page with one is prose (its short lines
# are headings or furniture), whatever the rest looks like
PARAGRAPH_MIN = 60
TITLE_LINES = 2
_LINE_END_MARKS = "，。！？；、：,.!?;…—"
_MARKS = set("，。！？；、：,.!?;:…")


def looks_like_verse(text: str) -> bool:
    """Runs of short lines that end where phrases end: a poem, lyrics, a ci.

    >>> looks_like_verse("静夜思\\n李白\\n\\n床前明月光，\\n疑是地上霜。\\n举头望明月，\\n低头思故乡。\\n")
    True
    >>> looks_like_verse("会议召开\\n正文第一段，要统\\n筹兼顾。\\n全省卫生系统要\\n周密组织，确保\\n工作平稳有序。\\n")
    False
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if any(len(line) >= PARAGRAPH_MIN for line in lines):
        return False
    # judged with and without the title and author lines above the verse
    return any(_verse_lines(judged) for judged in (lines, lines[TITLE_LINES:]))


def _verse_lines(lines: list[str]) -> bool:
    if len(lines) < VERSE_MIN_LINES:
        return False
    if sum(1 for line in lines if len(line) <= VERSE_LINE_MAX) < VERSE_SHORT_SHARE * len(lines):
        return False
    ending = sum(1 for line in lines if line[-1] in _LINE_END_MARKS)
    markless = sum(1 for line in lines if not _MARKS.intersection(line))
    return max(ending, markless) >= VERSE_PATTERN_SHARE * len(lines)


# cheap signs of Markdown, before any parsing: front matter, a fence, an ATX
# heading, a link or image, a table's delimiter row
_MARKDOWN_SIGNS = ("\n```", "\n~~~", "\n# ", "\n## ", "\n### ", "](", "|---", "| ---", "|:--")


def looks_like_markdown(text: str) -> bool:
    """Markdown syntax that prose does not have: front matter, fenced code,
    headings, links, tables (markdown-it decides, after a cheap look)."""
    head = "\n" + text[:200_000]
    if not (head.startswith("\n---\n") or any(sign in head for sign in _MARKDOWN_SIGNS)):
        return False
    from .markdown import parser

    tokens = parser().parse(text)
    headings = sum(1 for t in tokens if t.type == "heading_open" and t.markup.startswith("#"))
    structure = any(t.type in ("front_matter", "fence", "table_open") for t in tokens)
    links = any(
        child.type in ("link_open", "image")
        for t in tokens
        if t.type == "inline" and t.children
        for child in t.children
    )
    return structure or links or headings >= 2


# How much of a text is read to tell that it is no text (random or binary bytes).
SNIFF_SAMPLE = 100_000


def sniff(text: str, *, markdown: bool = False) -> str:
    """The kind of ``text`` read from itself: subtitles, Markdown, verse or
    prose (code and data are told by a file name, not guessed).  With
    ``markdown`` (the docs preset), text that is not subtitles is read as
    Markdown: plain prose parses as Markdown paragraphs."""
    if no_text(text[:SNIFF_SAMPLE]):
        return "prose"  # (random or binary bytes: no syntax to look for; the mojibake step flags them)
    if "-->" in text or ("[Events]" in text and "Dialogue:" in text):
        from .subtitles import subtitle_regions

        if subtitle_regions(text) is not None:
            return "subtitles"
    if markdown or looks_like_markdown(text):
        return "markdown"
    return "verse" if looks_like_verse(text) else "prose"
