"""The fitted line-break judge: is this line break a wrap (join it) or the text's own?

Not yet wired into the pipeline: ``reflow.rejoin_lines_outcome`` still
decides with its hand-set ``join_score``.  On the judges' held-out sources
this judge is as precise on clean text (no clean layout changed) but joins
too few of the breaks of seed 000's layout (paragraphs split by blank lines)
for the seeds' spots: see ``data/judge_reflow.json`` for its scores.

Pages extracted from print or scraped from the web break lines where a column
or page ended (``医疗救治`` / ``工作，统筹城乡医疗救治。``, ``要统`` / ``筹兼顾``).
Every line break is judged by a fitted logistic model (``judges.Judge``,
weights in ``data/judge_reflow.json`` written by ``scripts/fit_judges.py``)
over the named features of ``BREAK_FEATURES``: how the line before ends (a
sentence end, a comma, a bare character), whether a word, a number or a
frequent character pair runs across the break, how likely the next line's
first character is to open a clause (``的`` never does), whether the line is
as wide as the page's print column, whether the page indents its paragraphs
or sets its lines short and parallel like verse.  The model's threshold was
chosen so that no break of the clean texts of the development split is
joined: it joins on positive evidence of a wrap, and text laid out one
paragraph a line, headings and verse stay as they are.

What is not joined is left exactly as it came: blank lines between poems and
sections, indentation, the text's own paragraph separators (making them
uniform would rewrite clean text; it is never done).  Only lines of nothing
but white space lose that white space.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from .edits import Edit, Outcome, apply_edits
from .judges import Judge, bigram_table, bigrams, char_roles, load_judge
from .tables import data_lines, word_across, words

TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》】"
CONTINUING = "，、；,;—–“‘「『（(《【"
# marks typesetting does not start a line with: they hang at the end of the line before
HANGING = "，。、；：？！）》”’」』"
LINE_START_MARKS = "，、。；：？！,.;:?!）)】》”’」』"
INNER_PUNCTUATION = re.compile(r"[，。、；：！？,;:!?]")
SENTENCE_INNER = re.compile(r"[，。；！？,;!?]")
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[，、,章节条部分]|[①-⑳]|[-•·●◆■□※>])")
INDENT = " \t\u3000\u00a0"
WHITE = " \t\u3000\u00a0\r"
# A heading is short: the longest headline line of the seeds' papers is 31 characters.
HEADING_MAX = 32
# Verse and lyric lines: five or seven characters and a mark, two to a line at most.
VERSE_MAX = 16
# Two lines are as wide as each other (in half characters) when they differ by
# at most a squeezed or hanging mark: typesetting's own slack.
WIDTH_SLACK = 2
# A column needs this many lines of one width (besides the title) before it counts.
COLUMN_MIN = 3
# Lines shorter than this (in half characters) say nothing about a column's width.
SAME_WIDTH_MIN = 16
UNSEEN_PAIR = -2.0  # PMI given to a Han pair the table has not seen (its weakest pairs are about -1)


def ends_sentence(line: str) -> bool:
    """``line`` ends with a sentence's last mark, a closing mark after one, or a
    bracketed aside after one (``……山明。（via）``, ``……。（记者 张三）``)."""
    core = line.rstrip(CLOSERS)
    if core and core[-1] in TERMINAL:
        return True
    if core == line:
        return False
    if not core or line[0] in "（(【[":
        return True
    opening = max(line.rfind("（"), line.rfind("("), line.rfind("【"))
    return opening > 0 and line[opening - 1] in TERMINAL + CLOSERS and line[opening - 1] not in "（(【"


def text_width(line: str) -> int:
    """A line's width on the page, in half characters: ASCII letters and
    digits are half as wide as Han characters and full-width marks, and
    closing marks at the end may hang past the column's edge."""
    body = line.rstrip(HANGING)
    if len(line) - len(body) > 2:
        body = line[:-2]
    return 2 * len(body) - len(body.encode("ascii", "ignore"))


@dataclass(frozen=True)
class Page:
    """What the whole text shows about its layout, read once off its lines as they came."""

    column: int  # the print column's width in half characters (0: none)
    column_share: float  # share of the lines as wide as that column
    terminal_share: float  # share of the lines that end a sentence
    indent_share: float  # share of the lines that start indented
    blank_share: float  # share of the breaks that are blank lines
    short_share: float  # share of the lines no longer than a verse line
    ends_share: float  # share of the lines narrower than the column that end a sentence (paragraph ends)
    parallel_share: float  # share of neighbouring lines that are parallel like verse


def column_width(lines: list[str]) -> int:
    """The width of a print column the lines were cut to (``text_width``), or 0."""
    return _column(lines)[0]


def _column(lines: list[str]) -> tuple[int, float]:
    body = lines[1:]  # [0] is the title, set apart from the column
    widths: dict[int, int] = {}
    for line in body:
        if not ends_sentence(line):
            width = text_width(line)
            widths[width] = widths.get(width, 0) + 1
    best, count = 0, 0
    for width in widths:
        near = sum(widths.get(width - d, 0) for d in range(WIDTH_SLACK + 1))
        if near > count or (near == count and width > best):
            best, count = width, near
    if count < COLUMN_MIN:
        return 0, 0.0
    return best, count / len(body)


def column_line(line: str, column: int) -> bool:
    """``line`` is as wide as the page's ``column`` (a cut at its edge)."""
    return bool(column) and 0 <= column - text_width(line) <= WIDTH_SLACK


def read_page(lines: list[str], indents: list[bool], blanks: list[bool]) -> Page:
    column, share = _column(lines)
    count = len(lines)
    short = [line for line in lines[1:] if column and text_width(line) < column - WIDTH_SLACK]
    return Page(
        column,
        share,
        sum(map(ends_sentence, lines)) / count,
        sum(indents) / count,
        sum(blanks) / max(1, len(blanks)),
        sum(len(line) <= VERSE_MAX for line in lines) / count,
        sum(map(ends_sentence, short)) / len(short) if short else 0.0,
        sum(parallel(x, y) for x, y in zip(lines, lines[1:])) / max(1, count - 1),
    )


@dataclass(frozen=True)
class Break:
    """A line break between the stripped lines ``a`` and ``b``."""

    a: str
    b: str
    index: int  # of ``a`` among the text's lines
    previous: str  # the line before ``a`` ("" for the first)
    indented: bool  # ``b`` starts with indentation
    blank: bool  # a blank line stands between ``a`` and ``b``


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@functools.cache
def _frames() -> tuple[tuple[str, str], ...]:
    from .boilerplate import _variants

    frames = []
    for line in data_lines("prepositional_frames.tsv"):
        opener, closers = line.split("\t")
        for form in _variants((opener,)):
            frames.append((form, closers + "".join(_variants(tuple(closers)))))
    return tuple(frames)


FRAME_REACH = 6  # the closer must come within this many characters after the break


def open_frame(a: str, b: str) -> bool:
    """A prepositional frame opened in ``a`` and closed early in ``b``:
    各地要加强对县域医疗 / 救治工作的支持和指导 (对…的)."""
    vocabulary = words()
    clause = re.split(r"[，。；,;：:]", b, maxsplit=1)[0][:FRAME_REACH]
    for opener, closers in _frames():
        position = a.rfind(opener)
        if position < 1:
            continue
        end = position + len(opener)
        # the opener must stand alone, not inside a word (结对, 存在)
        if a[position - 1 : end] in vocabulary or a[position : end + 1] in vocabulary:
            continue
        if any(c in a[end:] for c in closers):
            continue
        if any(c in clause for c in closers):
            return True
    return False


def _open_brackets(line: str) -> bool:
    return any(line.count(o) > line.count(c) for o, c in ("“”", "（）", "《》", "【】", "「」", "()"))


# --- the features: each takes the break and the page, gives a number -------------


def f_ends_sentence(k: Break, p: Page) -> float:
    """The line before ends a sentence (。！？…, or a closing mark after one)."""
    return float(ends_sentence(k.a))


def f_ends_comma(k: Break, p: Page) -> float:
    """The line before ends with a mark that continues a sentence (，、；— or an opening mark)."""
    return float(k.a[-1] in CONTINUING)


def f_ends_colon(k: Break, p: Page) -> float:
    """The line before ends with a colon (a label, or what it introduces follows)."""
    return float(k.a[-1] in "：:")


def f_ends_bare(k: Break, p: Page) -> float:
    """The line before ends with a character, letter or digit, no mark at all."""
    return float(k.a[-1].isalnum())


def f_open_bracket(k: Break, p: Page) -> float:
    """A bracket or quote opened in the line before is not closed in it."""
    return float(_open_brackets(k.a))


def f_starts_mark(k: Break, p: Page) -> float:
    """The next line starts with a mark no line starts with (，。、 or a closing mark)."""
    return float(k.b[0] in LINE_START_MARKS)


def f_word_across(k: Break, p: Page) -> float:
    """The frequency class (0-4) of a word the break splits (words.txt), over 4."""
    return word_across(k.a, k.b) / 4


def f_pair_pmi(k: Break, p: Page) -> float:
    """How much more often than chance the two Han characters at the break are
    written together (PMI in nats from data/bigrams.tsv); 0 when not both Han."""
    x, y = k.a[-1], k.b[0]
    if not (_han(x) and _han(y)):
        return 0.0
    return bigrams().get(x + y, UNSEEN_PAIR)


def f_start_role(k: Break, p: Page) -> float:
    """How readily the next line's first character opens a clause (data/char_roles.tsv)."""
    return char_roles().get(k.b[0], (0.0, 0.0))[0]


def f_end_role(k: Break, p: Page) -> float:
    """How readily the line before's last character closes a clause (data/char_roles.tsv)."""
    return char_roles().get(k.a[-1], (0.0, 0.0))[1]


def f_pair_end_role(k: Break, p: Page) -> float:
    """How readily the last two characters of the line before close a clause (data/bigrams.tsv; 0 unseen)."""
    entry = bigram_table().get(k.a[-2:])
    return entry[2] if entry else 0.0


def f_pair_start_role(k: Break, p: Page) -> float:
    """How readily the first two characters of the next line open a clause (data/bigrams.tsv; 0 unseen)."""
    entry = bigram_table().get(k.b[:2])
    return entry[1] if entry else 0.0


def f_at_column(k: Break, p: Page) -> float:
    """The line before is as wide as the page's print column (times the column's share of lines)."""
    return p.column_share if k.index and column_line(k.a, p.column) else 0.0


def f_column_with_ends(k: Break, p: Page) -> float:
    """The line before is at the column and the page's shorter lines end sentences
    (paragraph ends: a column of prose, not verse of like lengths)."""
    return p.ends_share if k.index and column_line(k.a, p.column) else 0.0


def f_short_of_column(k: Break, p: Page) -> float:
    """The page has a print column and the line before stops short of it (a paragraph's end)."""
    return p.column_share if p.column and text_width(k.a) < p.column - WIDTH_SLACK else 0.0


def f_same_width(k: Break, p: Page) -> float:
    """The line before, the one before it and the next line are equally wide (a column, seen locally)."""
    widths = [text_width(x) for x in (k.previous, k.a, k.b)]
    return float(k.index > 0 and min(widths[0], widths[1]) >= SAME_WIDTH_MIN and abs(widths[0] - widths[1]) <= WIDTH_SLACK and widths[2] <= widths[1] + WIDTH_SLACK)


def f_bare_running(k: Break, p: Page) -> float:
    """A bare end on a line with sentence punctuation inside: running text cut off, no heading."""
    return float(k.a[-1].isalnum() and SENTENCE_INNER.search(k.a, 0, len(k.a) - 1) is not None)


def f_comma_long(k: Break, p: Page) -> float:
    """A comma end on a line longer than a verse line: prose that goes on."""
    return float(k.a[-1] in CONTINUING and len(k.a) > VERSE_MAX)


def f_next_at_column(k: Break, p: Page) -> float:
    """The next line is as wide as the page's column too (times the column's share)."""
    return p.column_share if column_line(k.b, p.column) else 0.0


def f_bare_running_blank(k: Break, p: Page) -> float:
    """bare_running on a page whose every break is a blank line (seed 000's layout: blank lines are no evidence)."""
    return p.blank_share * f_bare_running(k, p)


def f_comma_long_blank(k: Break, p: Page) -> float:
    """comma_long on a page whose every break is a blank line."""
    return p.blank_share * f_comma_long(k, p)


def f_length_blank(k: Break, p: Page) -> float:
    """length of a bare or comma-ended line on a page whose every break is a blank line."""
    return p.blank_share * math.log1p(len(k.a)) if (k.a[-1].isalnum() or k.a[-1] in CONTINUING) else 0.0


def f_length(k: Break, p: Page) -> float:
    """log(1 + length) of the line before: running text is long, headings short."""
    return math.log1p(len(k.a))


def f_next_length(k: Break, p: Page) -> float:
    """log(1 + length) of the next line."""
    return math.log1p(len(k.b))


def f_first_line(k: Break, p: Page) -> float:
    """The line before is the text's first line (a title)."""
    return float(k.index == 0)


def f_heading_shape(k: Break, p: Page) -> float:
    """The line before is short and unpunctuated inside, like a heading."""
    return float(len(k.a) <= HEADING_MAX and not INNER_PUNCTUATION.search(k.a[:-1]))


def f_next_heading_shape(k: Break, p: Page) -> float:
    """The next line is short, unpunctuated and ends bare, like a heading (杨炯, 第二章)."""
    b = k.b
    return float(len(b) <= HEADING_MAX and b[-1].isalnum() and not INNER_PUNCTUATION.search(b) and not column_line(b, p.column))


def f_indented_next(k: Break, p: Page) -> float:
    """The next line starts indented on a page that indents (times the share of indented lines)."""
    return p.indent_share if k.indented else 0.0


def f_flush_next(k: Break, p: Page) -> float:
    """The next line starts flush on a page that indents its paragraphs (a continuation)."""
    return 0.0 if k.indented else p.indent_share


def f_rare_blank(k: Break, p: Page) -> float:
    """A blank line stands here on a page whose breaks are mostly single (a separator)."""
    return 1.0 - p.blank_share if k.blank else 0.0


def f_bare_on_sentence_page(k: Break, p: Page) -> float:
    """A bare end on a page whose lines mostly end sentences (one paragraph a line: a heading)."""
    return p.terminal_share if k.a[-1].isalnum() else 0.0


def f_comma_on_sentence_page(k: Break, p: Page) -> float:
    """A comma end on a page whose lines mostly end sentences (verse, lists)."""
    return p.terminal_share if k.a[-1] in CONTINUING else 0.0


def f_verse_pair(k: Break, p: Page) -> float:
    """Both lines short on a page of short lines (times that share): verse, lyrics."""
    return p.short_share if len(k.a) <= VERSE_MAX and len(k.b) <= VERSE_MAX else 0.0


def f_couplet(k: Break, p: Page) -> float:
    """A short line ending with ，or ； and a next line as long that ends the sentence: a verse couplet."""
    return float(k.a[-1] in "，；,;" and ends_sentence(k.b) and abs(len(k.a) - len(k.b)) <= 1 and len(k.a) <= VERSE_MAX)


MARKS = re.compile(r"[，。、；：！？,;:!?]")


def _pattern(line: str) -> tuple[int, ...]:
    return tuple(m.start() for m in MARKS.finditer(line, 0, len(line) - 1))


def parallel(a: str, b: str) -> bool:
    """Two lines of verse: as long as each other (a character either way) with
    their inner marks at the same places; or short and unpunctuated alike."""
    if abs(len(a) - len(b)) > 2:
        return False
    x, y = _pattern(a), _pattern(b)
    if not x:
        return not y and max(len(a), len(b)) <= VERSE_MAX and abs(len(a) - len(b)) <= 1
    return len(x) == len(y) and all(abs(i - j) <= 1 for i, j in zip(x, y))


def f_parallel(k: Break, p: Page) -> float:
    """The two lines are parallel like verse (like lengths, marks at like places)."""
    return float(parallel(k.a, k.b))


def f_parallel_page(k: Break, p: Page) -> float:
    """The share of the page's neighbouring lines that are parallel like verse."""
    return p.parallel_share


def f_number_across(k: Break, p: Page) -> float:
    """A number of a sentence runs across the break (增长了2. / 5个); a line of nothing but digits is a count."""
    a, b = k.a, k.b
    number_end = a[-1].isdigit() or (a[-1] in ".．" and a[-2:-1].isdigit())
    return float(number_end and not a.isdigit() and (b[0].isdigit() or b[0] in "年月日时分秒万亿元%个人次"))


def f_latin_across(k: Break, p: Page) -> float:
    """A Latin word or run of digits continues across the break."""
    return float(k.a[-1].isascii() and k.a[-1].isalnum() and k.b[0].isascii() and k.b[0].isalnum())


def f_opens_item(k: Break, p: Page) -> float:
    """The next line opens an item of an enumeration (一、 （二） 3. ①)."""
    return float(ENUMERATION.match(k.b) is not None)


def f_open_frame(k: Break, p: Page) -> float:
    """A prepositional frame opened before the break closes just after it (对…的)."""
    return float(len(k.a) <= HEADING_MAX and open_frame(k.a, k.b))


BREAK_FEATURES: dict[str, Callable[[Break, Page], float]] = {
    "ends_sentence": f_ends_sentence,
    "ends_comma": f_ends_comma,
    "ends_colon": f_ends_colon,
    "ends_bare": f_ends_bare,
    "open_bracket": f_open_bracket,
    "starts_mark": f_starts_mark,
    "word_across": f_word_across,
    "pair_pmi": f_pair_pmi,
    "start_role": f_start_role,
    "end_role": f_end_role,
    "pair_end_role": f_pair_end_role,
    "pair_start_role": f_pair_start_role,
    "at_column": f_at_column,
    "column_with_ends": f_column_with_ends,
    "short_of_column": f_short_of_column,
    "same_width": f_same_width,
    "bare_running": f_bare_running,
    "comma_long": f_comma_long,
    "next_at_column": f_next_at_column,
    "bare_running_blank": f_bare_running_blank,
    "comma_long_blank": f_comma_long_blank,
    "length_blank": f_length_blank,
    "length": f_length,
    "next_length": f_next_length,
    "first_line": f_first_line,
    "heading_shape": f_heading_shape,
    "next_heading_shape": f_next_heading_shape,
    "indented_next": f_indented_next,
    "flush_next": f_flush_next,
    "rare_blank": f_rare_blank,
    "bare_on_sentence_page": f_bare_on_sentence_page,
    "comma_on_sentence_page": f_comma_on_sentence_page,
    "verse_pair": f_verse_pair,
    "couplet": f_couplet,
    "parallel": f_parallel,
    "parallel_page": f_parallel_page,
    "number_across": f_number_across,
    "latin_across": f_latin_across,
    "opens_item": f_opens_item,
    "open_frame": f_open_frame,
}


def features(k: Break, p: Page) -> list[float]:
    return [feature(k, p) for feature in BREAK_FEATURES.values()]


@functools.cache
def judge() -> Judge:
    return load_judge("reflow", BREAK_FEATURES)


@dataclass
class _Line:
    start: int  # offset of the stripped text
    end: int
    indented: bool
    blank_before: bool


def _lines(text: str) -> tuple[list[_Line], list[Edit]]:
    """The non-empty lines (offsets of their stripped text), and the edits
    emptying lines of nothing but white space."""
    lines: list[_Line] = []
    edits: list[Edit] = []
    position = 0
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip(WHITE)
        if stripped:
            offset = position + raw.index(stripped)
            lines.append(_Line(offset, offset + len(stripped), offset > position, blank))
            blank = False
        else:
            if raw:
                edits.append(Edit(position, position + len(raw), "", "white space"))
            blank = bool(lines) or blank
        position += len(raw) + 1
    return lines, edits


def breaks(text: str) -> tuple[list[Break], Page, list[_Line]]:
    """Every line break of ``text`` between non-empty lines, and the page they are read on."""
    lines, _ = _lines(text)
    texts = [text[line.start : line.end] for line in lines]
    page = read_page(texts, [line.indented for line in lines], [line.blank_before for line in lines[1:]]) if texts else None
    found = [
        Break(texts[i], texts[i + 1], i, texts[i - 1] if i else "", lines[i + 1].indented, lines[i + 1].blank_before)
        for i in range(len(texts) - 1)
    ]
    return found, page, lines


def _glue(a: str, b: str) -> str:
    """A space between Latin words of a Latin line; nothing in Chinese."""
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        if sum(c.isascii() and c.isalpha() for c in a) * 2 > len(a):
            return " "
    return ""


def rejoin_lines_outcome(text: str) -> Outcome:
    """Edits joining the line breaks the model judges to be wraps, and emptying
    white-space-only lines; nothing else changes."""
    if "\n" not in text:
        return Outcome([])
    found, page, lines = breaks(text)
    _, edits = _lines(text)
    model = judge()
    for k in found:
        # a sentence's end with nothing of a column about the page: never a wrap
        # (the common case, decided without building the features)
        if not page.column and ends_sentence(k.a) and not k.b[0] in LINE_START_MARKS:
            continue
        values = features(k, page)
        if model.decide(values):
            a_end, b_start = lines[k.index].end, lines[k.index + 1].start
            edits = [e for e in edits if not (a_end <= e.start < b_start)]
            edits.append(Edit(a_end, b_start, _glue(k.a, k.b), f"joined: {model.explain(values)}"))
    edits.sort()
    return Outcome(edits)


def rejoin_lines(text: str) -> str:
    """Join lines broken mid-sentence; everything else stays as it came.

    >>> rejoin_lines("集中优势资源\\n\\n全省卫生系统要统\\n\\n筹兼顾，做好工作。\\n")
    '集中优势资源\\n\\n全省卫生系统要统筹兼顾，做好工作。\\n'
    """
    return apply_edits(text, rejoin_lines_outcome(text).edits)
