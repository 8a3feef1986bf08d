"""What a file is, before any step judges it: prose, Markdown, code, data or subtitles.

A file's kind decides what may change in it.  The kind comes from pre-commit's
own ``identify`` library (the tags a hook's ``types:`` filter uses), so the hook
and the command line agree with pre-commit about what a file is:

===========  ====================================================  ==========================
kind         files                                                 what may change
===========  ====================================================  ==========================
markdown     Markdown, MDX                                         text of paragraphs, headings,
                                                                   list items, table cells
prose        plain text, reStructuredText, AsciiDoc                the text
po           gettext catalogues                                    the text of ``msgstr``
subtitles    SubRip ``.srt``, WebVTT ``.vtt``                      the text of each cue
code         source code (anything pygments has a lexer for)       mojibake inside comments
                                                                   and string literals only
data         JSON, YAML, TOML, CSV/TSV, INI, XML/HTML, properties  mojibake inside values only
===========  ====================================================  ==========================

Anything else (images, archives, unknown extensions) has no kind: the hook
skips it and says so.
"""

from __future__ import annotations

import os

KINDS = ("prose", "markdown", "po", "subtitles", "code", "data")

# identify tags, most specific first: the first that matches decides
_TAG_KINDS: tuple[tuple[str, str], ...] = (
    ("markdown", "markdown"),
    ("mdx", "markdown"),
    ("pofile", "po"),
    ("rst", "prose"),
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
_EXTENSION_KINDS = {".srt": "subtitles", ".vtt": "subtitles", ".jsonl": "data", ".ndjson": "data"}


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
