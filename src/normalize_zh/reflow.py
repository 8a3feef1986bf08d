"""Re-flow: re-join lines broken mid-sentence, keep headings on their own lines.

Pages extracted from print or scraped from the web break lines where a column
or page ended (``医疗救治`` / ``工作，统筹城乡医疗救治。``, ``要统`` / ``筹兼顾``).
For every pair of neighbouring lines this step weighs two readings:

* a break inside a sentence: the first line does not end a sentence (a comma,
  no punctuation at all), is too long or too punctuated to be a heading, a
  word runs across the break (``统筹``, ``沿线``, ``到位``, ``信访``), the next
  line starts with a character no sentence starts with (``的`` ``了``), a
  bracket or quote is still open;
  and a prepositional frame opened before the break closes after it
  (``各地要加强对县域医疗`` / ``救治工作的支持`` : 对…的);
* a heading: a short line without sentence punctuation, phrases separated by
  spaces (``积极化解信访问题 维护群众合法权益``), followed by another heading or
  by the opening of an article (``本报讯``), or echoed in the paragraph after
  it; and a paragraph closed by its byline (``…。记者 蔺洋 通讯员 刘娟``).

Lines are joined only when the first reading wins.  The output separates
paragraphs one way throughout -- a blank line if the input mostly had them,
else a single line break -- and white-space-only lines and indentation go.
"""

from __future__ import annotations

import re

from .edits import Edit, Outcome, apply_edits
from .tables import HAN_BMP as HAN
from .tables import word_across, words

TERMINAL = "。！？!?…"
CLOSERS = "”’」』）)》】"
CONTINUING_PUNCTUATION = "，、；,;—–-“‘「『（(《【"
HEADING_MAX = 32
# characters that do not start a sentence or a heading (particles, suffixes)
NO_START = set("的了着地得之们等或而并且则吗呢吧啊么过所者及于")
# characters that do not end a heading (function words, adverbs, conjunctions)
NO_END = set("的和与及对在把被将为从向于以给让是跟同由但而且或要应须既还也就才都又很更最太挺蛮颇较没使令比往朝当若如虽因其该这那此每各某所")
# adverbs and conjunctions: a heading or a paragraph seldom starts with them
SELDOM_START = set("就才都也还又便却和与或及并且而但")
# what headings seldom have and sentences often do: a first- or second-person
# subject, a sentence adverb
PERSONAL_START = re.compile(r"^(?:我|你|您|咱|俺)")
SENTENCE_ADVERBS = re.compile(r"都|也|就|才|还|又|再|已经|正在|一直|比较")
# a line that opens a subordinate clause and stops needs its main clause
CLAUSE_OPENER = re.compile(r"^(?:如果|假如|要是|因为|由于|虽然|尽管|即使|只要|只有|除非|无论|不管|既然|根据|按照|通过|经过|为了|随着)")
ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[，、,]|[①-⑳])")
TITLE_MAX = 48
ARTICLE_OPENING = re.compile(r"^(?:本报讯|本报[^，,。]{0,8}[电讯]|新华社|中新社|中新网|人民网|记者|据[^，,]{1,12}报道|[（(]?记者|\d{1,2}月\d{1,2}日[，,]|[（(【][^）)】]{0,20}[讯电][）)】])")
SPACED_PHRASES = re.compile(rf"[{HAN}]\s+[{HAN}]")
# a byline closes a paragraph: "…。记者 蔺洋 通讯员 刘娟"
BYLINE_TAIL = re.compile(rf"(?:记者|通讯员|编辑|摄影|作者|文|图)[/／:：\s]*[{HAN}·]{{2,4}}(?:[\s、，,]+(?:(?:记者|通讯员|实习生)\s*)?[{HAN}·]{{2,4}})*$")
BYLINE_REACH = 40  # a byline sits within this many characters of the line's end
# prepositional frames a sentence opens and closes: 对…的, 在…中, 从…到 ...
FRAMES = (
    ("对", "的"),
    ("在", "中上下时里内外前后"),
    ("从", "到起"),
    ("随着", "的"),
    ("关于", "的"),
    ("针对", "的"),
    ("按照", "的"),
    ("根据", "的"),
    ("围绕", "的"),
)
FRAME_REACH = 6  # the closer must come within this many characters after the break
SENTENCE_PUNCTUATION = re.compile(r"[，。；！？,;!?]")
COLUMN_LINES = 4
LIST_ITEM = re.compile(r"\s*(?:[-–—•·▪►▶●◆■□>※]|\d{1,3}[.、．)）\s])")
LABEL_HEADING = re.compile(r"^[^，。；]{1,12}[:：]")  # 一、总体要求：
CLAUSE_END = re.compile(r"[，、；,;？！?!：:]")
FIRST_CLAUSE_END = re.compile(r"[，、；：。？！,;:.?!]")
FRAME_CLAUSE_END = re.compile(r"[，。；,;：:]")
SENTENCE_TAIL = re.compile(r"[^，。；！？,;!?]{1,3}[。！？]")  # 情况。 ending the sentence before
# marks typesetting does not start a line with: they hang at the end of the line before
HANGING = "，。、；：？！）》”’」』"
INNER_PUNCTUATION = re.compile(r"[，。、；：！？,;:!?“”《》（）]")


def _ends_sentence(line: str) -> bool:
    if not line:
        return False
    last = line[-1]
    if last in TERMINAL:
        return True
    if last not in CLOSERS:
        return False
    # “…”  or （…） closing a line: a sentence end when what it closes ends one,
    # or when it is a whole bracketed line such as a byline "（王正勋 侯林峰）"
    # (or nothing but closing marks)
    core = line.rstrip(CLOSERS)
    return not core or core[-1] in TERMINAL or line[0] in "（(【["


def _is_heading_like(line: str) -> bool:
    if len(line) > HEADING_MAX or _ends_sentence(line):
        return False
    if line[-1] in CONTINUING_PUNCTUATION or _open_brackets(line):
        return False  # it goes on: a heading closes what it opens
    inner = line[:-1]
    return not SENTENCE_PUNCTUATION.search(inner) or bool(LABEL_HEADING.match(line))


def text_width(line: str) -> int:
    """A line's width on the page, in half characters: ASCII letters and
    digits are half as wide as Han characters and full-width marks, and
    closing marks at the end may hang past the column's edge."""
    body = line.rstrip(HANGING)
    if len(line) - len(body) > 2:
        body = line[:-2]
    return 2 * len(body) - len(body.encode("ascii", "ignore"))


def _same_width(x: str, y: str) -> bool:
    """Two lines as wide as each other in a print column: a mark may hang past
    the edge or be squeezed (one character either way)."""
    return len(x) >= 8 and len(y) >= 8 and abs(text_width(x) - text_width(y)) <= 2


_BRACKET_PAIRS = ("“”", "（）", "《》", "【】", "「」", "()")
_OPENING = re.compile("[“（《【「(]")


def _open_brackets(line: str) -> bool:
    if not _OPENING.search(line):
        return False
    return any(line.count(o) > line.count(c) for o, c in _BRACKET_PAIRS)


def _standalone_adverb(line: str) -> bool:
    """A sentence adverb standing alone, not inside a word (再次, 还珠)."""
    vocabulary = words()
    for match in SENTENCE_ADVERBS.finditer(line):
        start, end = match.span()
        if line[max(0, start - 1) : end] in vocabulary or line[start : end + 1] in vocabulary:
            continue
        return True
    return False


def _open_frame(a: str, b: str) -> bool:
    """A prepositional frame opened in ``a`` and closed early in ``b``:
    各地要加强对县域医疗 / 救治工作的支持和指导 (对…的)."""
    vocabulary = words()
    clause = FRAME_CLAUSE_END.split(b, maxsplit=1)[0][:FRAME_REACH]
    for opener, closers in FRAMES:
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


def _heading_ahead(b: str, after_b: str, rest: str) -> bool:
    """``b`` reads as a heading: short, followed by another heading or an
    article opening, or echoed further on."""
    if not _is_heading_like(b):
        return False
    return (
        (after_b and (_is_heading_like(after_b) or ARTICLE_OPENING.match(after_b) is not None))
        or (len(b) >= 4 and b in rest)
    )


def column_width(lines: list[str]) -> int:
    """The width of a print column the lines were cut to (``text_width``), or 0.

    Extraction from a printed page cuts every line of a paragraph but its last
    at the column's edge: many lines share one width.  That width, when at
    least COLUMN_LINES lines that do not end a sentence have it (the title
    apart), they are a quarter of the lines or more, and most have
    punctuation inside (running text does; headline lines of like length do
    not; web titles are often of one length, so three lines are not enough)."""
    if len(lines) <= COLUMN_LINES:
        return 0
    widths: dict[int, list[str]] = {}
    for line in lines[1:]:  # [0] is the title; list items (titles of like length) are no column
        if len(line) >= 8 and not _ends_sentence(line) and not LIST_ITEM.match(line):
            widths.setdefault(text_width(line), []).append(line)
    if sum(map(len, widths.values())) < COLUMN_LINES:
        return 0
    counts = {width: sum(len(widths.get(width + d, ())) for d in range(-2, 3)) for width in widths}
    width, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if count < COLUMN_LINES or count * 4 < len(lines):
        return 0
    near = [line for d in range(-2, 3) for line in widths.get(width + d, ())]
    punctuated = sum(1 for line in near if INNER_PUNCTUATION.search(line))
    return width if punctuated * 2 >= count else 0


def column_line(line: str, column: int) -> bool:
    """``line`` is as wide as the page's ``column`` (and no list item)."""
    return bool(column) and abs(text_width(line) - column) <= 2 and not LIST_ITEM.match(line)


def join_score(
    a: str, b: str, after_b: str = "", rest: str = "", *, position: int = 0, previous: str = "", column: int = 0
) -> tuple[float, str]:
    """Positive: ``a`` and ``b`` are one paragraph broken in two.  With a reason."""
    if not a or not b:
        return -10, "empty"
    if _ends_sentence(a):
        return -10, "sentence end"
    # a full line of a print column is cut at the edge, whatever follows
    full = position > 0 and column_line(a, column)
    if a[-1] in "：:" and not (full and a[-1] == "：" and not ENUMERATION.match(b)):
        return -5, "colon ends the line"
    if (ENUMERATION.match(b) or ARTICLE_OPENING.match(b)) and not full:
        return -5, "next line opens an item or an article"
    if a[-1] in CONTINUING_PUNCTUATION:
        return 5, f"line ends with {a[-1]}"
    # structure no heading has: an open bracket or quote, a number cut in two
    if _open_brackets(a):
        return 5, "a bracket or quote is still open"
    number_end = a[-1].isdigit() or (a[-1] in ".．" and a[-2:-1].isdigit())
    if number_end and (b[0].isdigit() or (b[0].isascii() and b[0].isalpha()) or b[0] in "年月日时分秒万亿元%个人次"):
        return 5, "a number runs across the break"
    if BYLINE_TAIL.search(a[-BYLINE_REACH:]) and (len(a) > 12 or _is_heading_like(b)):
        return -4, "a byline closes the paragraph"
    score = 0.0
    reasons = []
    title = position == 0 and len(a) <= TITLE_MAX and "。" not in a
    if title:
        score -= 5
        reasons.append("first line: the title")
    # a line as wide as the page's column is a cut line, not a heading
    column_b = column_line(b, column)
    if not column_b and _heading_ahead(b, after_b, rest):
        score -= 3
        reasons.append("next line is a heading")
    heading = _is_heading_like(a)
    if len(a) > TITLE_MAX or "。" in a[:-1]:
        score += 3
        reasons.append("running text, too long or punctuated for a heading")
    elif heading:
        score -= 2
        reasons.append("reads as a heading")
        if PERSONAL_START.match(a):
            score += 2
            reasons.append("but starts with 我/你")
        if _standalone_adverb(a):
            score += 1
            reasons.append("but has a sentence adverb")
        if " " in a and SPACED_PHRASES.search(a):
            score -= 2
        if _is_heading_like(b) and not SENTENCE_PUNCTUATION.search(b):
            score -= 2
            reasons.append("next line is a heading too")
        if len(a) >= 4 and a in (b + after_b)[:400]:
            score -= 2
            reasons.append("echoed in the next paragraph")
    else:  # a short line with clauses: a web title (at the top), or the start of a paragraph
        clauses = CLAUSE_END.split(a)
        if len(clauses[-1]) <= 2:
            # one character is no clause at all (…定期保养，除 / 易损件外…)
            score += 3 if len(clauses[-1]) == 1 else 2
            reasons.append("a clause cut short")
        subtitle = position == 1 and len(previous) <= TITLE_MAX and "。" not in previous[:-1]
        if subtitle:
            score -= 2
            reasons.append("clauses right under the title: a subtitle")
        elif position >= 1:
            score += 2
            reasons.append("clauses below the title: a paragraph's start")
    # a column's lines share one width (a title is set apart from them)
    if not title:
        if full:
            score += 5
            reasons.append(f"a full line of the page's column ({column / 2:g} characters wide)")
        elif (
            ((position >= 2 and _same_width(previous, a) and _same_width(a, b)) or (_same_width(a, b) and _same_width(b, after_b)))
            and SENTENCE_PUNCTUATION.search(previous + a + b + after_b)
        ):
            score += 5
            reasons.append("three lines of one width: a column")
    tail = SENTENCE_TAIL.match(b)
    if tail and len(b) > len(tail.group()):
        score += 2
        reasons.append("next line starts with a sentence's last words")
    word = word_across(a, b)
    if word:
        score += min(1.5 + 0.75 * word, 3.0 if title else 5.0)
        reasons.append(f"word across the break: {a[-2:]}|{b[:2]}")
    if (b[0] in NO_START and b[:2] not in words()) or b[0] in "，、。；：？！,.;:?!）)】》”’":
        score += 4
        reasons.append(f"next line starts with {b[0]}")
    if a[-1] in NO_END and a[-2:] not in words():
        score += 3
        reasons.append(f"line ends with {a[-1]}")
    if heading and _open_frame(a, b):
        score += 4
        reasons.append("a prepositional frame runs across the break")
    if b[0] in SELDOM_START and b[:2] not in words():
        score += 2
        reasons.append(f"next line starts with {b[0]}")
    first_clause = FIRST_CLAUSE_END.split(b, maxsplit=1)[0]
    if len(first_clause) == 1 and len(b) > 1 and first_clause not in "我你他她它这那是对好嗯哦啊唉":
        score += 3
        reasons.append("a one-character clause: a word was split")
    if heading and CLAUSE_OPENER.match(a):
        score += 3
        reasons.append("a subordinate clause without its main clause")
    return score, "; ".join(reasons)


def rejoin_lines_outcome(text: str) -> Outcome:
    """Edits joining broken lines and making paragraph separators uniform."""
    if "\n" not in text:
        stripped = text.strip()
        if stripped != text and stripped:
            start = text.index(stripped)
            edits = []
            if start:
                edits.append(Edit(0, start, "", "white space"))
            if start + len(stripped) < len(text):
                edits.append(Edit(start + len(stripped), len(text), "", "white space"))
            return Outcome(edits)
        return Outcome([])
    lines = []  # (start, end) of the stripped text of each non-empty line
    position = 0
    blank_between = 0
    direct = 0
    previous_blank = None
    for raw in text.split("\n"):
        stripped = raw.strip(" \t\u3000\u00a0")
        if stripped:
            if previous_blank is not None and lines:
                if previous_blank:
                    blank_between += 1
                else:
                    direct += 1
            offset = position + raw.index(stripped)
            lines.append((offset, offset + len(stripped)))
            previous_blank = False
        elif lines:
            previous_blank = True
        position += len(raw) + 1
    if not lines:
        return Outcome([Edit(0, len(text), "", "white space")] if text else [])
    separator = "\n\n" if blank_between > direct else "\n"
    ending = "\n" if text.endswith("\n") else ""
    joins = _joins([text[start:end] for start, end in lines], separator, ending)
    edits = []
    if lines[0][0] > 0:
        edits.append(Edit(0, lines[0][0], "", "white space"))
    for index, ((_, a_end), (b_start, _)) in enumerate(zip(lines, lines[1:])):
        if index in joins:
            replacement, why = joins[index]
        else:
            replacement, why = separator, "paragraph separator"
        if text[a_end:b_start] != replacement:
            edits.append(Edit(a_end, b_start, replacement, why))
    end = lines[-1][1]
    if text[end:] != ending:
        edits.append(Edit(end, len(text), ending, "white space"))
    return Outcome(edits)


def _glue(a: str, b: str) -> str:
    """A space between Latin words of a Latin line; nothing in Chinese."""
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        if sum(c.isascii() and c.isalpha() for c in a) * 2 > len(a):
            return " "
    return ""


def _joins(lines: list[str], separator: str, ending: str) -> dict[int, tuple[str, str]]:
    """Which breaks between ``lines`` to join: break index -> (glue, reason).

    Every break is judged with the paragraphs as they stand; joining can make
    a line long enough to read as running text, so the judging repeats on the
    joined paragraphs until nothing more joins.  The result is what judging
    the output would give: the step is idempotent."""
    groups = [[index] for index in range(len(lines))]
    texts = list(lines)
    joins: dict[int, tuple[str, str]] = {}
    judged: dict[tuple, tuple[float, str]] = {}  # later rounds re-judge only what joining changed
    # The page's column is read off the lines as they came: joined lines are
    # no evidence of it.  Judged on the output, a page either shows no column
    # any more (which only lowers scores) or the same one.
    column = column_width(lines)
    while len(texts) > 1:
        document = separator.join(texts) + ending
        merged_groups, merged_texts = [groups[0]], [texts[0]]
        offset = len(texts[0])  # end of paragraph ``index`` in ``document``
        joined = False
        for index in range(len(texts) - 1):
            a, b = texts[index], texts[index + 1]
            b_end = offset + len(separator) + len(b)
            if _ends_sentence(a):  # join_score's first verdict, without building its inputs
                merged_groups.append(groups[index + 1])
                merged_texts.append(b)
                offset = b_end
                continue
            after_b = texts[index + 2] if index + 2 < len(texts) else ""
            previous = texts[index - 1] if index else ""
            # what join_score reads: the rest of the text only for a heading-like b
            rest = document[b_end : b_end + 600] if _is_heading_like(b) else ""
            key = (a, b, after_b, rest, min(index, 2), previous, column)
            if key not in judged:
                judged[key] = join_score(a, b, after_b, rest, position=index, previous=previous, column=column)
            score, reason = judged[key]
            if score > 0:
                glue = _glue(a, b)
                joins[groups[index][-1]] = (glue, f"joined: {reason}")
                merged_groups[-1] = merged_groups[-1] + groups[index + 1]
                merged_texts[-1] = merged_texts[-1] + glue + b
                joined = True
            else:
                merged_groups.append(groups[index + 1])
                merged_texts.append(b)
            offset = b_end
        if not joined:
            break
        groups, texts = merged_groups, merged_texts
    return joins


def rejoin_lines(text: str) -> str:
    """Join lines broken mid-sentence; one paragraph separator throughout.

    >>> rejoin_lines("集中优势资源\\n\\n全省卫生系统要统\\n\\n筹兼顾，做好工作。\\n")
    '集中优势资源\\n\\n全省卫生系统要统筹兼顾，做好工作。\\n'
    """
    return apply_edits(text, rejoin_lines_outcome(text).edits)
