"""Clean documents laid out cleanly and broken the ways extraction breaks them,
with a label for every line break: 1 a wrap (the clean text has none there),
0 a break the clean text has.  Used by scripts/fit_judges.py, the
evaluations in benchmarks/ and (``break_lines``) the tests' hypothesis
strategies (tests/support/strategies.py); any change of its output changes the
fitted judges.

A document is ``blocks`` of ``(kind, text)`` lines (scripts/build_corpus.py):
blocks are separated by a blank line, lines of a block by one line break;
``para`` lines are prose and may be wrapped; ``verse``, ``heading`` and
``meta`` lines are wrapped only when longer than the column.
"""

from __future__ import annotations

import random

# typesetting's line-start rule (禁则): no line starts with a closing mark or quote
# (full-width or ASCII); it hangs at the end of the line before
NO_LINE_START = "，。、；：？！）》”’」』,.;:?!)"
TERMINAL = "。！？…"
INDENT = "\u3000\u3000"
SPLIT_RATES = (0.1, 0.25, 0.5)  # shares of the paragraphs a page of split paragraphs splits


def width(text: str) -> int:
    """Printed width in half characters: ASCII is half as wide as Han."""
    return 2 * len(text) - sum(map(str.isascii, text))


def hard_lines(paragraph: str, columns: int) -> list[str]:
    """A fixed-width text dump (``fold``, a terminal, a fixed-width web box):
    cut every ``columns`` characters, marks and all."""
    return [paragraph[i : i + columns] for i in range(0, len(paragraph), columns)]


def break_lines(paragraph: str, columns: int, jitter: int = 0, rng: random.Random | None = None) -> list[str]:
    """A print column ``columns`` Han characters wide (ASCII is half as wide),
    with typesetting's rules: no line starts with a closing mark
    (``NO_LINE_START``: it hangs at the end of the line before), no character
    stands alone on a last line (the line before is squeezed to take it).
    ``jitter``: each line may be up to that many characters narrower
    (justified type, mixed widths, an extractor's rounding)."""
    lines = []
    start = 0
    while True:
        limit = 2 * (columns - (rng.randint(0, jitter) if jitter and rng else 0))
        if width(paragraph[start:]) <= limit:
            break
        cut = start
        while width(paragraph[start : cut + 1]) <= limit:
            cut += 1
        while cut < len(paragraph) and paragraph[cut] in NO_LINE_START:
            cut += 1
        lines.append(paragraph[start:cut])
        start = cut
    if start < len(paragraph):
        lines.append(paragraph[start:])
    if len(lines) > 1 and len(lines[-1].rstrip(NO_LINE_START)) < 2:
        lines[-2:] = [lines[-2] + lines[-1]]
    return lines


def _render(pieces: list[tuple[str, str, int]]) -> tuple[str, list[int]]:
    """pieces: (separator before, text, label of the break before) -> text, labels."""
    text = "".join(separator + line for separator, line, _ in pieces)
    return text.lstrip("\n") + "\n", [label for _, _, label in pieces[1:]]


def clean_layouts(doc: dict, rng: random.Random) -> list[tuple[str, str, list[int]]]:
    blocks = doc["blocks"]
    out = []
    pieces = [("\n\n" if j == 0 else "\n", text, 0) for block in blocks for j, (_, text) in enumerate(block)]
    out.append(("clean", *_render(pieces)))
    if len(blocks) > 1 and doc["genre"] != "verse":
        flat = [("\n", text, 0) for block in blocks for _, text in block]
        out.append(("clean-flat", *_render(flat)))
    if doc["genre"] != "verse":
        # news bodies carry no heading marks: every line but the title is indented
        indented = [
            ("\n\n" if (j == 0 and rng.random() < 0.3) else "\n", (INDENT + text) if kind == "para" or (doc["genre"] == "news" and (i or j)) else text, 0)
            for i, block in enumerate(blocks)
            for j, (kind, text) in enumerate(block)
        ]
        out.append(("clean-indent", *_render(indented)))
    return out


def wrapped(doc: dict, rng: random.Random, *, jitter: int = 0, hard: bool = False) -> tuple[str, list[int]]:
    """A print column: every line longer than the column cut at its edge."""
    columns = rng.randint(12, 40)
    blank_lines = rng.random() < 0.25  # some pages put a blank line after every line
    indent = doc["genre"] != "verse" and rng.random() < 0.4
    pieces = []
    for i, block in enumerate(doc["blocks"]):
        for j, (kind, text) in enumerate(block):
            if indent and kind == "para":
                text = INDENT + text
            cut = hard_lines(text, columns) if hard else break_lines(text, columns, jitter, rng)
            for n, line in enumerate(cut):
                if n:
                    separator, label = ("\n\n" if blank_lines else "\n"), 1
                else:
                    separator = "\n\n" if (blank_lines or (j == 0 and i)) else "\n"
                    label = 0
                pieces.append((separator, line, label))
    return _render(pieces)


def split_paragraphs(doc: dict, rng: random.Random, separator: str = "\n\n") -> tuple[str, list[int]]:
    """Seed 000's damage: every line a paragraph with a blank line after it
    (``separator``; one line break for a scraper's one paragraph a line), and
    some paragraphs split at any point but right after a sentence's end."""
    pieces = []
    # how often a page splits its paragraphs varies: a few of them, or every other one
    rate = rng.choice(SPLIT_RATES)
    for block in doc["blocks"]:
        for kind, text in block:
            # the text's first line is its title (or stands for it): the damage is in the body
            if pieces and kind == "para" and len(text) > 30 and rng.random() < rate:
                cuts = [i for i in range(6, len(text) - 4) if text[i - 1] not in TERMINAL and text[i] not in NO_LINE_START]
                if cuts:
                    cut = rng.choice(cuts)
                    pieces += [(separator, text[:cut], 0), (separator, text[cut:], 1)]
                    continue
            pieces.append((separator, text, 0))
    return _render(pieces)


def excerpt(doc: dict, rng: random.Random) -> dict:
    """A short article cut from ``doc``: its first line (the title) and one to four of
    its paragraphs.  Many real inputs are short, and a short page shows its print
    column through a few lines only."""
    lines = [line for block in doc["blocks"] for line in block]
    paragraphs = [line for line in lines[1:] if line[0] == "para"]
    if not paragraphs:
        return doc
    start = rng.randrange(len(paragraphs))
    return {**doc, "blocks": [[lines[0], *paragraphs[start : start + rng.randint(1, 4)]]]}


def renderings(doc: dict, rng: random.Random) -> list[tuple[str, str, list[int]]]:
    """Every layout of ``doc`` the judges learn from: (layout, text, labels)."""
    out = clean_layouts(doc, rng)
    out.append(("wrap", *wrapped(doc, rng)))
    out.append(("wrap-varying", *wrapped(doc, rng, jitter=2)))
    out.append(("wrap-hard", *wrapped(doc, rng, hard=True)))
    if doc["genre"] != "verse":
        out.append(("wrap-short", *wrapped(excerpt(doc, rng), rng)))
    if doc["genre"] != "verse":
        out.append(("split", *split_paragraphs(doc, rng)))
        out.append(("split-flat", *split_paragraphs(doc, rng, "\n")))
    return out
