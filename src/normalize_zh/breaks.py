"""What a line break looks like: the named features the re-flow judge weighs.

Pages extracted from print or scraped from the web break lines where a column
or a page ended (``医疗救治`` / ``工作，统筹城乡医疗救治。``, ``要统`` / ``筹兼顾``).
Every break between two non-empty lines is described by the features of
``BREAK_FEATURES`` -- each a small function of the break (``Break``: the two
lines and their neighbours) and of what the whole text shows about its layout
(``Page``: a print column, indentation, blank lines, how its running lines
end), read once off the text's lines.  ``reflow.py`` weighs them with the
fitted model of ``data/judge_reflow.json`` (``scripts/fit_judges.py``).

The features fall into five groups:

* how the line before ends and the next begins (a sentence end, a comma, a
  bare character; a mark no line starts with);
* the language across the break (``data/char_roles.tsv``, ``data/bigrams.tsv``,
  ``data/words.txt``): a word or a likely pair cut in two, a character that
  never closes a clause before it (``对``) or never opens one after it (``的``);
* the page: a print column and the lines as wide as it; on a page whose
  running lines end their sentences, one that does not (seed 000's layout:
  paragraphs split by blank lines at any point);
* headings and verse: short unpunctuated lines, a heading echoed in the
  paragraph after it, a byline closing a paragraph, lines parallel like verse;
* structure: an open bracket, a number or a Latin word across the break, a
  prepositional frame (``对…的``) opened before and closed after it, the next
  line opening an enumeration or an article.

Every number that is not fitted has a name and a reason here, and
tests/test_judges.py fails when it moves.  The words the features look for
(clause openers, byline roles, the units after 第 and a numeral...) are
``data/break_words.tsv``, each kind with its reason and source.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .chars import BRACKET_PAIRS, BULLETS, CLOSERS, HAN_CHARACTER
from .chars import HAN_BMP as HAN
from .chars import is_han as _han
from .judges import bigram_table, char_roles
from .tables import alternatives, data_groups, data_lines, word_across, words

# the words and characters the features look for (data/break_words.tsv, by kind)
BREAK_WORDS = data_groups("break_words.tsv")

TERMINAL = "。！？!?…"
COMMAS = "，、,"
SEMICOLONS = "；;"
DASHES = "—–"  # a dash ends a line that introduces what follows (何夕的故事和心里话——), or one cut short
OPENING = "“‘「『（(《【"
# marks typesetting does not start a line with: they hang at the end of the line before
HANGING = "，。、；：？！）》”’」』"
LINE_START_MARKS = "，、。；：？！,.;:?!）)】》”’」』"
END_MARKS = "，。、；：？！,.;:?!…”’」』）)》】—"
INNER_PUNCTUATION = re.compile(r"[，。、；：！？,;:!?]")
SENTENCE_INNER = re.compile(r"[，。；！？,;!?]")


def _character_class(kind: str) -> str:
    """The entries of ``kind`` (single characters) as the inside of a character class."""
    return "".join(map(re.escape, BREAK_WORDS[kind]))


PART_UNITS = _character_class("part_unit")  # 第一章, 第二条: an enumeration's item or a heading
BOOK_UNITS = _character_class("book_unit")  # 第三回, 第二篇: a heading
ENUMERATION = re.compile(
    r"^(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)"
    rf"|第[一二三四五六七八九十]+[，、,{PART_UNITS}]|[①-⑳]|[{BULLETS}])"
)
# what opens a news article's first paragraph: 本报讯, 新华社北京…电, （记者 …）
ARTICLE_OPENING = re.compile(
    rf"^(?:本报讯|本报[^，,。]{{0,8}}[电讯]|{alternatives(BREAK_WORDS['news_agency'])}|据[^，,]{{1,12}}报道|[（(]?记者"
    r"|[（(【][^）)】]{0,20}[讯电][）)】])"
)
# a byline closes a paragraph: "…。记者 蔺洋 通讯员 刘娟", "（记者 张三）"
BYLINE_TAIL = re.compile(
    rf"(?:^|[。！？”）)])\s*[（(]?(?:{alternatives(BREAK_WORDS['byline_role'])})[/／:：\s]*[{HAN}·]{{2,4}}"
    rf"(?:[\s、，,]+(?:(?:{alternatives(BREAK_WORDS['byline_co_role'])})\s*)?[{HAN}·]{{2,4}})*[）)]?$"
)
# the subordinate clauses a sentence opens and must close: a line that opens one and stops is cut
CLAUSE_OPENER = re.compile(rf"^(?:{alternatives(BREAK_WORDS['clause_opener'])})")
# a heading's number: 一、 （一） 1. 第一章 (not 一是, which enumerates inside a paragraph)
HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)"
    rf"|第[一二三四五六七八九十百\d]+[{PART_UNITS}{BOOK_UNITS}])"
)
# a sentence's end, then at most this many characters without a mark up to the line's end
SHORT_TAIL = re.compile(r"[。！？][”’」』]?[^，。、；：！？,.;:!?“”‘’「」『』（）()《》]{1,5}$")
SPACED_NAME_END = re.compile(rf"[{HAN}）)] +[{HAN}·]{{2,4}}$")
INNER_INDENT_TAIL = re.compile(r"[。！？”」』）][\u3000 ]{2,}[^。！？，；：]{1,16}$")
# symbols (So, Sm...) and private-use characters (a font's glyph a page could not say)
SYMBOL_CATEGORIES = frozenset({"So", "Sm", "Sc", "Sk", "Co"})
NEXT_LABEL = re.compile(rf"^[{HAN}A-Za-z]{{1,6}}[：:]")
SPACED_PHRASES = re.compile(f"[{HAN}] +[{HAN}]")
# a next line that starts with a sentence's last words: "情况。…"
SENTENCE_TAIL = re.compile(r"[^，。；！？,;!?]{1,3}[。！？]")
# what follows a number in a sentence (年, 万, 元, %, 个): a number cut from its unit
NUMBER_FOLLOWERS = frozenset(BREAK_WORDS["number_follower"])
FIRST_CLAUSE_END = re.compile(r"[，、；：。？！,;:.?!]")
# one-character clauses that are whole words (我，/ 是，/ 好，): no split word
ONE_CHARACTER_CLAUSES = frozenset(BREAK_WORDS["one_character_clause"])
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
# ... and they must be this share of the lines (the title apart): three headings
# of one width in a long article are no column.  Below it a page is read as
# paragraphs a line (the "lines" judge), at or above it as a print column (the
# "column" judge).  Measured on the judges' corpus: 0.15 puts 95% of the pages
# wrapped at a column on the column side and 95% of the split ones and 90% of
# the clean ones on the other.
COLUMN_SHARE_MIN = 0.15
# Lines shorter than this (in half characters) say nothing about a column's width.
SAME_WIDTH_MIN = 16
NO_ROLES = (0.0, 0.0, 0.0, 0.0)  # a character too rare to have roles: no evidence either way
UNSEEN_PAIR = -2.0  # PMI given to a Han pair the table has not seen (its weakest pairs are about -1)
FRAME_REACH = 6  # a frame's closer must come within this many characters after the break
ECHO_REACH = 400  # a heading is echoed by the paragraphs within this many characters after it
BYLINE_REACH = 40
PARALLEL_PRIOR = 3  # pairs of lines not parallel added to every page's count (see read_page)
# Seed 000's layout shows in several split paragraphs: this many unfinished running
# lines besides the one judged make the evidence whole.
UNFINISHED_COMPANY = 3  # a byline sits within this many characters of its line's end


def ends_sentence(line: str) -> bool:
    """``line`` ends with a sentence's last mark, a closing mark after one, or a
    bracketed aside after one (``……山明。（via）``, ``……。（记者 张三）``).  The
    full-width full stop ``．`` of older typesetting counts after anything but
    a digit (``夷坚志``: ``仕至南丰宰．``), and an ASCII full stop after a Han
    character (``东京梦华录``: ``次曰集英殿.``; after a digit it is a decimal point cut off)."""
    core = line.rstrip(CLOSERS)
    if core and (
        core[-1] in TERMINAL
        or (core[-1] == "．" and not core[-2:-1].isdigit())
        or (core[-1] == "." and _han(core[-2:-1]))
    ):
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


def running(line: str) -> bool:
    """Running text, not a heading: longer than a heading, or punctuated inside like a sentence."""
    return len(line) > HEADING_MAX or SENTENCE_INNER.search(line, 0, len(line) - 1) is not None


@dataclass(frozen=True)
class Page:
    """What the whole text shows about its layout, read once off its lines."""

    column: int  # the print column's width in half characters (0: none)
    column_share: float  # share of the lines as wide as that column
    terminal_share: float  # share of the lines that end a sentence
    indent_share: float  # share of the lines that start indented
    blank_share: float  # share of the breaks that are blank lines
    short_share: float  # share of the lines no longer than a verse line
    ends_share: float  # share of the lines narrower than the column that end a sentence (paragraph ends)
    parallel_share: float  # share of neighbouring lines that are parallel like verse
    running_ends_share: float  # share of the running lines (``running``) that end a sentence or a colon
    unfinished: int  # how many running lines (the last apart) end neither a sentence nor with a colon
    marked_share: float  # share of the lines that end with a punctuation mark (verse: nearly all)
    first_paragraph: int  # index of the text's first line of running text (the lines before: title, subtitles, byline)


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
    if count < COLUMN_MIN or count < COLUMN_SHARE_MIN * len(body):
        return 0, 0.0
    return best, count / len(body)


def column_line(line: str, column: int) -> bool:
    """``line`` is as wide as the page's ``column`` (a cut at its edge)."""
    return bool(column) and 0 <= column - text_width(line) <= WIDTH_SLACK


def read_page(lines: list[str], indents: list[bool], blanks: list[bool]) -> Page:
    """The layout ``lines`` show (``indents``: each line starts indented;
    ``blanks``: a blank line stands before each line but the first)."""
    column, share = _column(lines)
    count = len(lines)
    short = [line for line in lines[1:] if column and text_width(line) < column - WIDTH_SLACK]
    # the last line ends the text: whatever it is, it says nothing about how paragraphs
    # end; nor do the title and the short lines above the first paragraph (a web title
    # has commas: 科技爱好者周刊（第 115 期）：DNA，不要泄漏)
    # the first line of running text: a sentence ended, a line longer than a heading, or
    # (on a page cut at a column) a full line of the column below the title
    first_paragraph = next(
        (
            i
            for i, line in enumerate(lines)
            if (running(line) and ends_sentence(line)) or len(line) > HEADING_MAX or (i and column and column_line(line, column))
        ),
        count,
    )
    runs = [line for i, line in enumerate(lines[:-1]) if running(line) and not _opening(line, i, first_paragraph)]
    closed = sum(1 for line in runs if ends_sentence(line) or line[-1] in "：:")
    return Page(
        column,
        share,
        sum(map(ends_sentence, lines)) / count,
        sum(indents) / count,
        sum(blanks) / max(1, len(blanks)),
        sum(len(line) <= VERSE_MAX for line in lines) / count,
        # with a pseudo-line that ends and one that does not: a page whose every line is
        # full (one paragraph, its last line long) says neither way
        (sum(map(ends_sentence, short)) + 1) / (len(short) + 2),
        # shrunk towards "no verse" by PARALLEL_PRIOR pairs: on a short page one chance
        # pair of like lines (a column's lines are as long as each other) is no verse
        sum(parallel(x, y) for x, y in zip(lines, lines[1:])) / (max(0, count - 1) + PARALLEL_PRIOR),
        closed / len(runs) if runs else 0.0,
        len(runs) - closed,
        sum(1 for line in lines if line[-1] in END_MARKS) / count,
        first_paragraph,
    )


def _opening(line: str, index: int, first_paragraph: int) -> bool:
    """The title, a heading-short line above the first paragraph (subtitle, byline), or a
    numbered heading anywhere (（九）守牢安全发展底线，维护社会和谐稳定): no paragraph of the page."""
    short = len(line) <= HEADING_MAX
    return index == 0 or (short and (index < first_paragraph or HEADING_NUMBER.match(line) is not None))


@dataclass(frozen=True)
class Break:
    """A line break between the stripped lines ``a`` and ``b``."""

    a: str
    b: str
    index: int  # of ``a`` among the text's lines
    previous: str  # the line before ``a`` ("" for the first)
    indented: bool  # ``b`` starts with indentation
    blank: bool  # a blank line stands between ``a`` and ``b``
    #: the text's lines joined, and where each starts in that (``joined_lines``; for ``after``)
    joined: tuple[str, list[int]] = field(default=("", [0]), compare=False, repr=False)

    @functools.cached_property
    def after(self) -> str:
        """The text after ``b``, up to ECHO_REACH characters (read by ``echoed`` alone)."""
        text, starts = self.joined
        start = starts[min(self.index + 2, len(starts) - 1)]
        return text[start : start + ECHO_REACH]


@functools.cache
def _frames() -> tuple[tuple[str, str], ...]:
    from .script import converter

    frames = []
    for line in data_lines("prepositional_frames.tsv"):
        opener, closers = line.split("\t")
        traditional = converter("s2t").convert(opener + "\t" + closers).split("\t")
        for form, close in {(opener, closers), tuple(traditional)}:
            frames.append((form, "".join(dict.fromkeys(closers + close))))
    return tuple(frames)


@functools.cache
def _frame_index() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    frames = _frames()
    return re.compile("|".join(sorted({re.escape(opener) for opener, _ in frames}, key=len, reverse=True))), frames


def open_frame(a: str, b: str) -> bool:
    """A prepositional frame opened in ``a`` and closed early in ``b``:
    各地要加强对县域医疗 / 救治工作的支持和指导 (对…的)."""
    openers, frames = _frame_index()
    if openers.search(a) is None:
        return False  # no preposition of a frame in the line (the common case)
    vocabulary = words()
    clause = re.split(r"[，。；,;：:]", b, maxsplit=1)[0][:FRAME_REACH]
    for opener, closers in frames:
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


_OPENERS = re.compile("[“（《【「(]")


def _open_brackets(line: str) -> bool:
    if _OPENERS.search(line) is None:
        return False  # nothing opened (the common case, at C speed)
    return any(line.count(o) > line.count(c) for o, c in (*BRACKET_PAIRS, "()"))


def heading_shape(line: str) -> bool:
    """Short and unpunctuated inside, like a heading."""
    return len(line) <= HEADING_MAX and not INNER_PUNCTUATION.search(line, 0, len(line) - 1)


# --- the features: each takes the break and the page, gives a number -------------


def f_ends_sentence(k: Break, p: Page) -> float:
    """The line before ends a sentence (。！？…, or a closing mark after one)."""
    return float(ends_sentence(k.a))


def f_ends_comma(k: Break, p: Page) -> float:
    """The line before ends with a comma or an enumeration comma (，、): the sentence goes on."""
    return float(k.a[-1] in COMMAS)


def f_ends_semicolon(k: Break, p: Page) -> float:
    """The line before ends with a semicolon: a clause ends (and an item of a list may)."""
    return float(k.a[-1] in SEMICOLONS)


def f_ends_dash(k: Break, p: Page) -> float:
    """The line before ends with a dash: what it introduces follows, or the line was cut."""
    return float(k.a[-1] in DASHES)


def f_ends_opening(k: Break, p: Page) -> float:
    """The line before ends with an opening quote or bracket: what it opens is on the next line."""
    return float(k.a[-1] in OPENING)


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
    """The next line starts with a mark no line starts with (，。、 or a closing mark);
    a run of ASCII marks (``:::``, ``...``) is syntax, not a mark cut off."""
    b = k.b
    return float(b[0] in LINE_START_MARKS and not (b[0].isascii() and b[1:2] == b[0]))


def f_word_across(k: Break, p: Page) -> float:
    """The frequency class (0-4) of a word the break splits (words.txt), over 4."""
    return word_across(k.a, k.b) / 4


def f_pair_pmi(k: Break, p: Page) -> float:
    """How much more often than chance the two Han characters at the break are
    written together (PMI in nats from data/bigrams.tsv); 0 when not both Han."""
    x, y = k.a[-1], k.b[0]
    if not (_han(x) and _han(y)):
        return 0.0
    entry = bigram_table().get(x + y)
    return entry[0] if entry else UNSEEN_PAIR


def f_start_role(k: Break, p: Page) -> float:
    """How readily the next line's first character opens a clause (data/char_roles.tsv)."""
    return char_roles().get(k.b[0], NO_ROLES)[0]


def f_end_role(k: Break, p: Page) -> float:
    """How readily the line before's last character closes a clause (data/char_roles.tsv)."""
    return char_roles().get(k.a[-1], NO_ROLES)[1]


def f_para_start(k: Break, p: Page) -> float:
    """How readily the next line's first character opens a paragraph (data/char_roles.tsv)."""
    return char_roles().get(k.b[0], NO_ROLES)[2]


def f_heading_end(k: Break, p: Page) -> float:
    """How readily the line before's last character closes a heading, a line without a
    mark (data/char_roles.tsv; 0 when it ends with a mark)."""
    return char_roles().get(k.a[-1], NO_ROLES)[3] if k.a[-1].isalnum() else 0.0


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
    (paragraph ends: a column of prose, not verse of like lengths); times the column's share."""
    return p.column_share * p.ends_share if k.index and column_line(k.a, p.column) else 0.0


def f_short_of_column(k: Break, p: Page) -> float:
    """The page has a print column and the line before stops short of it (a paragraph's end)."""
    return p.column_share if p.column and text_width(k.a) < p.column - WIDTH_SLACK else 0.0


def f_same_width(k: Break, p: Page) -> float:
    """The line before, the one before it and the next line are equally wide (a column, seen locally)."""
    widths = [text_width(x) for x in (k.previous, k.a, k.b)]
    return float(
        k.index > 0
        and min(widths[0], widths[1]) >= SAME_WIDTH_MIN
        and abs(widths[0] - widths[1]) <= WIDTH_SLACK
        and widths[2] <= widths[1] + WIDTH_SLACK
    )


def f_next_at_column(k: Break, p: Page) -> float:
    """The next line is as wide as the page's column too (times the column's share)."""
    return p.column_share if column_line(k.b, p.column) else 0.0


def f_bare_running(k: Break, p: Page) -> float:
    """A bare end on a line longer than a heading with sentence punctuation inside: running text cut off."""
    return float(len(k.a) > HEADING_MAX and k.a[-1].isalnum() and SENTENCE_INNER.search(k.a, 0, len(k.a) - 1) is not None)


def f_bare_clauses(k: Break, p: Page) -> float:
    """A bare end on a heading-short line with clauses inside, below the title and the lines
    above the first paragraph (there it is a title or a subtitle with commas)."""
    a = k.a
    if len(a) > HEADING_MAX or not a[-1].isalnum() or _opening(a, k.index, p.first_paragraph):
        return 0.0
    return float(SENTENCE_INNER.search(a, 0, len(a) - 1) is not None)


def f_comma_long(k: Break, p: Page) -> float:
    """A comma end on a line longer than a verse line: prose that goes on."""
    return float(k.a[-1] in COMMAS and len(k.a) > VERSE_MAX)


def _unfinished(k: Break, p: Page) -> bool:
    a = k.a
    return running(a) and not ends_sentence(a) and a[-1] not in "：:" and not _opening(a, k.index, p.first_paragraph)


def f_comma_running(k: Break, p: Page) -> float:
    """A comma end on a line longer than a heading: a sentence that goes on (verse lines and
    headings are shorter)."""
    return float(k.a[-1] in COMMAS and len(k.a) > HEADING_MAX)


def f_unfinished_running(k: Break, p: Page) -> float:
    """Running text below the title that stops without a sentence end or a colon."""
    return float(_unfinished(k, p))


def f_unfinished_company(k: Break, p: Page) -> float:
    """An unfinished running line among others like it, where the page's other running
    lines end (seed 000's layout: several paragraphs split; one odd line alone is no layout)."""
    if not _unfinished(k, p) or p.column:
        return 0.0
    return min(1.0, (p.unfinished - 1) / UNFINISHED_COMPANY) * p.running_ends_share


def f_column_fill(k: Break, p: Page) -> float:
    """How much of the page's column the line before fills (0-1), times the column's share:
    a paragraph's last line stops anywhere, a cut line near the edge (justified type varies)."""
    if not p.column or not k.index:
        return 0.0
    width = text_width(k.a)
    if width > p.column + WIDTH_SLACK:
        return 0.0  # wider than the column: not cut at it (over_column)
    return min(1.0, width / p.column) * p.column_share


def f_over_column(k: Break, p: Page) -> float:
    """The line before is wider than the page's column: a line of its own (a long
    paragraph or a table row), not one cut at the column's edge."""
    return float(bool(p.column) and text_width(k.a) > p.column + WIDTH_SLACK)


def f_unended_on_column_page(k: Break, p: Page) -> float:
    """A line below the title that ends no sentence and no label and is no heading, on a page
    cut at a column (times the column's share): a cut line, whatever its width."""
    a = k.a
    if not p.column or not k.index or ends_sentence(a) or a[-1] in "：:" or heading_shape(a):
        return 0.0
    return p.column_share


def f_short_company(k: Break, p: Page) -> float:
    """A heading-shaped line that ends no sentence on a page of many unfinished running lines
    (cut into pieces: its short pieces are as likely cuts as headings); times their count's share."""
    a = k.a
    if p.column or not heading_shape(a) or ends_sentence(a) or a[-1] in "：:" or _opening(a, k.index, p.first_paragraph):
        return 0.0
    return min(1.0, p.unfinished / UNFINISHED_COMPANY) * p.running_ends_share


def f_short_unfinished(k: Break, p: Page) -> float:
    """A heading-short line below the opening that ends with a comma, times the share of the
    page's running lines that end."""
    if len(k.a) > HEADING_MAX or k.a[-1] not in COMMAS or _opening(k.a, k.index, p.first_paragraph):
        return 0.0
    return p.running_ends_share


def f_length(k: Break, p: Page) -> float:
    """log(1 + length) of the line before: running text is long, headings short."""
    return math.log1p(len(k.a))


def f_first_line(k: Break, p: Page) -> float:
    """The line before is the text's first line (a title)."""
    return float(k.index == 0)


def f_heading_shape(k: Break, p: Page) -> float:
    """The line before is short and unpunctuated inside, like a heading."""
    return float(heading_shape(k.a))


def f_next_heading_shape(k: Break, p: Page) -> float:
    """The next line is short, unpunctuated and ends bare, like a heading (杨炯, 第二章)."""
    b = k.b
    return float(len(b) <= HEADING_MAX and b[-1].isalnum() and not INNER_PUNCTUATION.search(b) and not column_line(b, p.column))


def f_indented_next(k: Break, p: Page) -> float:
    """The next line starts indented on a page that indents (times the share of indented lines)."""
    return p.indent_share if k.indented else 0.0


def f_flush_next(k: Break, p: Page) -> float:
    """A full line of the column followed by a flush line, on a page that indents its
    paragraphs (a continuation: a new paragraph would be indented)."""
    return 0.0 if k.indented or not column_line(k.a, p.column) else p.indent_share


def f_flush_heading(k: Break, p: Page) -> float:
    """A heading-shaped next line set flush on a page that indents its paragraphs (a heading, no continuation)."""
    return p.indent_share if not k.indented and f_next_heading_shape(k, p) else 0.0


def f_rare_blank(k: Break, p: Page) -> float:
    """A blank line stands here on a page whose breaks are mostly single (a separator)."""
    return 1.0 - p.blank_share if k.blank else 0.0


def f_bare_on_sentence_page(k: Break, p: Page) -> float:
    """A bare end of a heading-short line on a page whose lines mostly end sentences (one
    paragraph a line: a heading; a long line cut short is no heading)."""
    return p.terminal_share if k.a[-1].isalnum() and len(k.a) <= HEADING_MAX else 0.0


def f_opening_short(k: Break, p: Page) -> float:
    """A heading-short line above the text's first paragraph (a title, a subtitle, a byline)."""
    return float(len(k.a) <= HEADING_MAX and k.index < p.first_paragraph)


def f_comma_on_marked_page(k: Break, p: Page) -> float:
    """A comma end on a page whose lines nearly all end with a mark (verse, lists: a
    column cuts lines anywhere, a mark ends one now and then)."""
    return p.marked_share if k.a[-1] in COMMAS else 0.0


def f_verse_pair(k: Break, p: Page) -> float:
    """Both lines short on a page of short lines (times that share), the line before not
    at a print column: verse, lyrics."""
    if len(k.a) > VERSE_MAX or len(k.b) > VERSE_MAX or column_line(k.a, p.column):
        return 0.0
    return p.short_share


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
    return float(number_end and not a.isdigit() and (b[0].isdigit() or b[0] in NUMBER_FOLLOWERS))


def f_latin_across(k: Break, p: Page) -> float:
    """A Latin word or run of digits continues across the break."""
    return float(k.a[-1].isascii() and k.a[-1].isalnum() and k.b[0].isascii() and k.b[0].isalnum())


def f_opens_item(k: Break, p: Page) -> float:
    """The next line opens an item of an enumeration (一、 （二） 3. ①)."""
    return float(ENUMERATION.match(k.b) is not None)


def f_opens_article(k: Break, p: Page) -> float:
    """The next line opens a news article (本报讯, 新华社…电, （记者 …）): what stands before it is a headline."""
    return float(ARTICLE_OPENING.match(k.b) is not None)


def f_item_heading(k: Break, p: Page) -> float:
    """The line before is heading-short, opens with a heading's number and ends no
    sentence: a numbered heading, clauses and all (（九）守牢安全发展底线，维护社会和谐稳定).  An
    enumeration inside a paragraph (一是…, 二是…) is no heading."""
    return float(len(k.a) <= HEADING_MAX and HEADING_NUMBER.match(k.a) is not None and not ends_sentence(k.a))


def f_short_tail(k: Break, p: Page) -> float:
    """The line before ends a sentence a few characters before its end, and what follows
    has no mark: a title glued to the paragraph before it (…耶？”纪曹孝廉梦)."""
    match = SHORT_TAIL.search(k.a)
    return float(match is not None and match.start() > 0)


def f_spaced_name_end(k: Break, p: Page) -> float:
    """The line before ends with a name set apart by a space (…省长 赵刚, 记者 王红): a byline, no cut."""
    return float(SPACED_NAME_END.search(k.a[-BYLINE_REACH:]) is not None)


def f_next_no_han(k: Break, p: Page) -> float:
    """The next line has no Han character at all (an identifier, a number, a Latin line)
    while the line before ends with one."""
    return float(_han(k.a[-1]) and HAN_CHARACTER.search(k.b) is None)


def f_inner_indent_tail(k: Break, p: Page) -> float:
    """The line before holds an indent after a sentence's end and a short tail after it
    (…阳去。\u3000\u3000击竹子): a heading or a paragraph's first words set on the line
    of the paragraph before, not a line cut at its end."""
    match = INNER_INDENT_TAIL.search(k.a)
    return float(match is not None)


def f_opens_label(k: Break, p: Page) -> float:
    """The next line opens with a label and a colon (时间：, 来源：, 表现一：): a field of its own."""
    return float(NEXT_LABEL.match(k.b) is not None)


def f_ends_symbol(k: Break, p: Page) -> float:
    """The line before ends with a symbol that is neither text nor punctuation (● □ ★):
    a placeholder or an ornament, no cut word."""
    last = k.a[-1]
    return float(not last.isalnum() and last not in END_MARKS + OPENING + "“‘" and unicodedata.category(last) in SYMBOL_CATEGORIES)


def f_open_frame(k: Break, p: Page) -> float:
    """A prepositional frame opened before the break closes just after it (对…的)."""
    return float(len(k.a) <= HEADING_MAX and open_frame(k.a, k.b))


def f_byline_end(k: Break, p: Page) -> float:
    """The line before ends with a byline after its last sentence (…。记者 蔺洋 通讯员 刘娟)."""
    return float(BYLINE_TAIL.search(k.a[-BYLINE_REACH:]) is not None)


def f_spaced_phrases(k: Break, p: Page) -> float:
    """A heading-short line of phrases set apart by spaces (积极化解信访问题 维护群众合法权益)."""
    return float(len(k.a) <= HEADING_MAX and SPACED_PHRASES.search(k.a) is not None)


def f_echoed(k: Break, p: Page) -> float:
    """A heading-shaped line whose words come back in the paragraphs after it (a section's heading)."""
    a = k.a
    return float(len(a) >= 4 and heading_shape(a) and a in (k.b + k.after))


def f_sentence_tail_next(k: Break, p: Page) -> float:
    """The next line starts with a sentence's last words and goes on (情况。…): the sentence began before."""
    tail = SENTENCE_TAIL.match(k.b)
    return float(tail is not None and len(k.b) > tail.end())


def f_one_character_clause(k: Break, p: Page) -> float:
    """The next line's first clause is a single character that is no word alone (位，切实…): a word was cut."""
    first = FIRST_CLAUSE_END.split(k.b, maxsplit=1)[0]
    return float(len(first) == 1 and len(k.b) > 1 and first not in ONE_CHARACTER_CLAUSES)


def f_clause_opener(k: Break, p: Page) -> float:
    """A heading-shaped line that opens a subordinate clause (如果, 由于, 随着…) and stops."""
    return float(heading_shape(k.a) and CLAUSE_OPENER.match(k.a) is not None)


BREAK_FEATURES: dict[str, Callable[[Break, Page], float]] = {
    "ends_sentence": f_ends_sentence,
    "ends_comma": f_ends_comma,
    "ends_semicolon": f_ends_semicolon,
    "ends_dash": f_ends_dash,
    "ends_opening": f_ends_opening,
    "ends_colon": f_ends_colon,
    "ends_bare": f_ends_bare,
    "open_bracket": f_open_bracket,
    "starts_mark": f_starts_mark,
    "word_across": f_word_across,
    "pair_pmi": f_pair_pmi,
    "start_role": f_start_role,
    "end_role": f_end_role,
    "para_start": f_para_start,
    "heading_end": f_heading_end,
    "pair_end_role": f_pair_end_role,
    "pair_start_role": f_pair_start_role,
    "at_column": f_at_column,
    "column_with_ends": f_column_with_ends,
    "short_of_column": f_short_of_column,
    "same_width": f_same_width,
    "next_at_column": f_next_at_column,
    "bare_running": f_bare_running,
    "bare_clauses": f_bare_clauses,
    "comma_long": f_comma_long,
    "comma_running": f_comma_running,
    "unfinished_running": f_unfinished_running,
    "unfinished_company": f_unfinished_company,
    "short_company": f_short_company,
    "column_fill": f_column_fill,
    "over_column": f_over_column,
    "unended_on_column_page": f_unended_on_column_page,
    "short_unfinished": f_short_unfinished,
    "length": f_length,
    "first_line": f_first_line,
    "heading_shape": f_heading_shape,
    "next_heading_shape": f_next_heading_shape,
    "indented_next": f_indented_next,
    "flush_next": f_flush_next,
    "flush_heading": f_flush_heading,
    "rare_blank": f_rare_blank,
    "bare_on_sentence_page": f_bare_on_sentence_page,
    "opening_short": f_opening_short,
    "comma_on_marked_page": f_comma_on_marked_page,
    "verse_pair": f_verse_pair,
    "couplet": f_couplet,
    "parallel": f_parallel,
    "parallel_page": f_parallel_page,
    "number_across": f_number_across,
    "latin_across": f_latin_across,
    "opens_item": f_opens_item,
    "opens_article": f_opens_article,
    "item_heading": f_item_heading,
    "short_tail": f_short_tail,
    "spaced_name_end": f_spaced_name_end,
    "next_no_han": f_next_no_han,
    "inner_indent_tail": f_inner_indent_tail,
    "opens_label": f_opens_label,
    "ends_symbol": f_ends_symbol,
    "open_frame": f_open_frame,
    "byline_end": f_byline_end,
    "spaced_phrases": f_spaced_phrases,
    "echoed": f_echoed,
    "sentence_tail_next": f_sentence_tail_next,
    "one_character_clause": f_one_character_clause,
    "clause_opener": f_clause_opener,
}


# Which way each feature's evidence points: +1 a wrap (join), -1 the text's own
# break (keep), 0 either (graded, or read together with others).  The fit keeps
# every weight on its feature's side (scripts/fit_judges.py), so that a feature
# seen rarely in training cannot end up arguing the opposite of what it means.
EVIDENCE: dict[str, int] = {
    "ends_sentence": -1, "ends_comma": +1, "ends_semicolon": 0, "ends_dash": 0, "ends_opening": +1,
    "ends_colon": 0, "ends_bare": 0, "open_bracket": +1, "starts_mark": +1, "word_across": +1,
    "pair_pmi": +1, "start_role": -1, "end_role": -1, "para_start": -1, "heading_end": -1,
    "pair_end_role": -1, "pair_start_role": -1, "at_column": 0, "column_with_ends": +1,
    "short_of_column": -1, "same_width": +1, "next_at_column": 0, "bare_running": +1, "bare_clauses": 0,
    "comma_long": +1, "comma_running": +1, "unfinished_running": +1, "unfinished_company": +1, "short_company": +1, "column_fill": +1,
    "over_column": -1, "unended_on_column_page": +1, "short_unfinished": 0, "length": 0,
    "first_line": -1, "opening_short": -1, "heading_shape": -1, "next_heading_shape": -1, "indented_next": -1, "flush_next": +1,
    "flush_heading": -1, "rare_blank": -1, "bare_on_sentence_page": -1, "comma_on_marked_page": -1,
    "verse_pair": -1, "couplet": -1, "parallel": -1, "parallel_page": -1, "number_across": +1,
    "latin_across": +1, "opens_item": -1, "opens_article": -1, "item_heading": -1, "short_tail": -1, "spaced_name_end": -1,
    "next_no_han": -1, "opens_label": -1, "inner_indent_tail": -1, "ends_symbol": -1, "open_frame": +1, "byline_end": -1,
    "spaced_phrases": -1, "echoed": -1, "sentence_tail_next": +1, "one_character_clause": +1, "clause_opener": +1,
}


# Structure no heading and no verse line has, and structure only they have: the
# evidence the hand-written re-flow decided by.  Their weights are fitted from a
# prior (scripts/fit_judges.py STRUCTURE_PRIOR, signed by EVIDENCE) rather than
# from zero: the corpus shows some of them rarely (a prepositional frame cut
# open, a number cut in two), and a rare pattern must not lose its weight for it.
STRUCTURE = frozenset({
    "open_bracket", "open_frame", "number_across", "latin_across", "starts_mark", "comma_long",
    "bare_running", "one_character_clause", "clause_opener",
    "byline_end", "opens_item", "opens_article", "spaced_name_end", "item_heading", "echoed", "spaced_phrases",
    "ends_symbol", "inner_indent_tail",
})


def features(k: Break, p: Page, names: tuple[str, ...] | None = None) -> list[float]:
    """The values of the features ``names`` (all of BREAK_FEATURES by default) for one break."""
    if names is None:
        return [feature(k, p) for feature in BREAK_FEATURES.values()]
    return [feature(k, p) for feature in _functions(names)]


@functools.cache
def _functions(names: tuple[str, ...]) -> tuple[Callable[[Break, Page], float], ...]:
    return tuple(BREAK_FEATURES[name] for name in names)


@dataclass(frozen=True)
class Line:
    """A non-empty line of a text: the offsets of its text without the white space around it."""

    start: int
    end: int
    indented: bool  # white space stood before its text
    blank_before: bool  # an empty (or white-space-only) line stands before it


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``."""
    lines: list[Line] = []
    position = 0
    blank = False
    for raw in text.split("\n"):
        stripped = raw.strip(WHITE)
        if stripped:
            offset = position + raw.index(stripped)
            lines.append(Line(offset, offset + len(stripped), offset > position, blank))
            blank = False
        else:
            blank = bool(lines) or blank
        position += len(raw) + 1
    return lines


def page_of(texts: list[str], lines: list[Line]) -> Page:
    return read_page(texts, [line.indented for line in lines], [line.blank_before for line in lines[1:]])


def joined_lines(texts: list[str]) -> tuple[str, list[int]]:
    """The lines joined, and the offset of each in that (one more: the end), so
    that a break reads what follows it in constant time."""
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text))
    return "".join(texts), starts


def make_break(texts: list[str], lines: list[Line], i: int, joined: tuple[str, list[int]] | None = None) -> Break:
    """The break after ``texts[i]`` (``lines`` give indentation and blank lines;
    ``joined``: ``joined_lines(texts)``, made once for all the breaks of a text)."""
    return Break(texts[i], texts[i + 1], i, texts[i - 1] if i else "", lines[i + 1].indented, lines[i + 1].blank_before,
                 joined if joined is not None else joined_lines(texts))


def breaks_of(texts: list[str], lines: list[Line]) -> list[Break]:
    """Every break between the lines ``texts``."""
    joined = joined_lines(texts)
    return [make_break(texts, lines, i, joined) for i in range(len(texts) - 1)]


def breaks(text: str) -> tuple[list[Break], Page | None, list[Line]]:
    """Every line break of ``text`` between non-empty lines, and the page they are read on."""
    lines = split_lines(text)
    texts = [text[line.start : line.end] for line in lines]
    if not texts:
        return [], None, lines
    return breaks_of(texts, lines), page_of(texts, lines), lines
