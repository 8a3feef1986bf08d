"""Boilerplate: what a scraped or printed page carries that is not the article.

Every line is judged by a fitted logistic model (``judges.Judge``; weights and
threshold in ``data/judge_boilerplate.json``, written by
``scripts/fit_judges.py`` from real scraped pages with hand-cut bodies and
clean documents) over the named features of ``LINE_FEATURES``: where the line
stands (above the article's first paragraph, below its last, among them),
its length and punctuation, list shape, labels, dates, repetition, and marker
phrases (data files in ``data/``, simplified, with their traditional forms
derived by OpenCC; the few words inside its own patterns, a photo credit's or
a site name's, are ``data/boilerplate_words.tsv``, matched as written).  The threshold was chosen so that no line of the clean
documents of the development split is removed: a line goes only on evidence
that it is furniture, and key-value fact boxes, an article's enumerations,
footnotes and verse stay.

===================  ==================================================
kind                 example
===================  ==================================================
source header        ``2022-12-12 10:05来源:济源网-济源日报``
editor footer        ``责任编辑:赵红媚`` and the column links after it
image placeholder    ``(相关资料图)``
photo credit         ``冯金灿 蔡雨/摄``
masthead             ``全国优秀医药健康类报纸`` (top or bottom of a page)
page index           ``今日导读`` with ``… 2版`` lines
follow-us box        ``请扫码关注`` / ``微信、微博``
navigation           ``分享到`` ``上一篇`` ``版权所有`` ``首页 > 新闻``
link list            runs of title-like lines: list marks, SEO tails
                     (``_环球通讯``, ``今日报``), dates, numbered repeats
===================  ==================================================

What the header and footer said is kept in the metadata: ``date``,
``source``, ``editor`` and any other labelled fact (``data/boilerplate_labels.tsv``).
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .breaks import column_line, column_width
from .edits import Edit, Outcome, apply_edits
from .judges import Judge, load_judges
from .chars import BRACKET_PAIRS, BULLETS, CLOSERS, HAN_CHARACTER
from .chars import HAN_BMP as HAN
from .tables import alternatives, data_groups, data_lines

# the words the line features' own patterns look for (data/boilerplate_words.tsv, by kind)
LINE_WORDS = data_groups("boilerplate_words.tsv")

DATE = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
DATE_RE = re.compile(DATE)
DATE_LINE = re.compile(rf"^\s*[（(\[【]?\s*{DATE}\s*[）)\]】]?\s*$")
TRAILING_DATE = re.compile(r"(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*$")
PAGE_REF = re.compile(r"(?:\s|(?<=[》”」』）]))(?:第\s*)?[A-Z]?\d{1,2}\s*版\s*$|\s[A-Z]\d{1,2}\s*$")
LIST_MARK = re.compile(rf"^\s*(?:[{BULLETS}]+\s*|\d{{1,3}}\s+|\d{{1,3}}[.、．)）]\s*|[（(]\d{{1,3}}[)）]\s*)")
NUMBERED = re.compile(rf"^\s*(?:[{BULLETS}]+\s*)?\d{{1,3}}[\s.、．)）]\s*")
TITLE_LABEL = re.compile(rf"^\s*(?:[{BULLETS}]+\s*)?(?:\d{{1,3}}\s+)?(?:【[^】]{{1,12}}】|[{HAN}A-Za-z]{{1,8}}[:：|｜])")
TITLE_MARKS = re.compile(r"[|｜_!！?？]|【|《")
SENTENCE_END = "。！？!?…"
PHOTO_CREDIT = re.compile(rf"^\s*[（(]?\s*(?:(?:{alternatives(LINE_WORDS['credit_word'])})\s*[/／:：|｜]\s*[{HAN}A-Za-z·\s、，,]{{2,30}}|[{HAN}A-Za-z·\s、，,]{{2,30}}[/／\s]摄)\s*[）)]?\s*$")
BRACKETED = re.compile(r"^\s*[（(\[【](?P<inner>[^（()\[\]【】）]{1,30})[）)\]】]\s*$")
IMAGE_WORD = re.compile(alternatives(LINE_WORDS["image_word"]))
SHORT = 40  # a line this long or shorter may be furniture
TAIL = 24  # how far from a line's ends dates, page numbers and SEO formulas are looked for
LINK_MAX = 90  # a list item (a title) is no longer than this
PARAGRAPH_MIN = 25  # running text this long is the article's for sure (a title is shorter)
HEADING_MAX = 32  # a heading is no longer (breaks.HEADING_MAX)
VERSE_MAX = 16  # a verse line with its mark (breaks.VERSE_MAX)
BOX_REACH = 12  # an index or related-links box lists at most this many lines under its heading
PLATFORM_MAX = 12  # a follow-us box's platform line (微信、微博) is no longer
TOKEN_MAX = 4  # a page's button or menu item (下载, 打印, 首页) is no longer
NAV_ITEM_MAX = 12  # an item of a menu or a breadcrumb is no longer
TITLE_MIN = 4  # a headline has at least this many characters (fewer: a button or a name)
TITLE_RUN_MIN = 3  # this many headline-shaped lines in a row are a list of them
SITE_MAX = 10  # a site's or a paper's name is no longer
SITE_NAME = re.compile(rf"[{HAN}](?:{alternatives(LINE_WORDS['site_suffix'])})$")
URL = re.compile(r"\S+://\S*|www\.\S+")
NAV_SEPARATORS = re.compile(r"\s*[|｜>»/]\s*")
MARKS = re.compile(r"[，。、；：？！,.;:?!（）()《》“”]")
# key：value with a short key and a value that is a fact (a number, a unit, a name list)
KEY_VALUE = re.compile(rf"^(?P<key>[{HAN}]{{1,6}})\s*[：:]\s*\S.{{0,40}}$")
FOOTNOTE = re.compile(r"^\s*(?:[\[［【]\d{1,3}[\]］】]|[①-⑳]|注[:：释]|※|\*)")
ENUMERATION_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[)）])")


@functools.cache
def _variants(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases with their traditional, Taiwan and Hong Kong forms."""
    from .script import converter

    forms = set(phrases)
    joined = "\n".join(phrases)
    for config in ("s2t", "s2tw", "s2hk"):
        forms.update(converter(config).convert(joined).split("\n"))
    return tuple(sorted(forms, key=len, reverse=True))


@functools.cache
def _markers(name: str = "boilerplate_markers.tsv") -> dict[str, tuple[str, ...]]:
    return {kind: _variants(phrases) for kind, phrases in data_groups(name).items()}


@functools.cache
def _spam_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every spam phrase, and each phrase's kind."""
    kinds = {phrase: kind for kind, phrases in _markers("spam_markers.tsv").items() for phrase in phrases}
    return re.compile(alternatives(sorted(kinds, key=len, reverse=True))), kinds


SPAM_MAX = 120  # a template or advert line is no longer than this
PRICE = re.compile(r"\d+(?:\.\d+)?\s*元|[¥￥]\s*\d")
STUFFING_SEPARATORS = re.compile(r"[,，|｜/、;；\s]+")
STUFFING_ITEMS = 6
# Keyword lists and link rows are of terms of two to five characters (the item
# lengths' median is 3.5 to 4.5 on every such line of the corpus's real pages);
# clauses run longer: a sentence of six short clauses, three opening with 或者,
# has a median of 7.5 and is no list of keywords.
STUFFING_MEDIAN_MAX = 6
STUFFING_TERM = re.compile(rf"[{HAN}]+")


def _spam(line: str, edge: bool) -> str | None:
    """The kind of a content farm's added line, or None.

    A template claim (``本文来源于网络，如有侵权请联系删除``) has two template
    phrases, or one in a short line above or below the article; an advert
    two advert phrases, or one and a price; keyword stuffing is a run of six
    or more short terms and separators, with no sentence punctuation, whose
    terms repeat one another (``济源新闻,济源网,济源日报,…``)."""
    if len(line) > SPAM_MAX:
        return None
    pattern, kinds = _spam_phrases()
    found = [kinds[phrase] for phrase in pattern.findall(line)]
    if found:
        templates = found.count("template")
        if templates >= 2 or (templates and edge and len(line) <= SHORT):
            return "template line"
        adverts = len(found) - templates
        if adverts >= 2 or (adverts and PRICE.search(line)):
            return "advert"
    if "。" not in line and "！" not in line and "？" not in line and _stuffed(line):
        return "keyword stuffing"
    return None


def _stuffed(line: str) -> bool:
    if sum(map(line.count, "，,、|｜ ")) < STUFFING_ITEMS - 1:
        return False  # too few separators for six terms (counted at C speed)
    items = [item for item in STUFFING_SEPARATORS.split(line) if item]
    if len(items) < STUFFING_ITEMS or any(len(item) > 10 for item in items):
        return False
    if statistics.median(map(len, items)) > STUFFING_MEDIAN_MAX:
        return False  # clauses, not terms
    if len({separator.strip() for separator in STUFFING_SEPARATORS.findall(line.strip())}) > 1:
        return False  # a list of keywords or links repeats one separator; a sentence mixes its marks (一人、…一人，並置…、工務)
    if not all(STUFFING_TERM.fullmatch(item) for item in items):
        return False  # keyword lists are Chinese terms; a sentence with Latin words between spaces is none
    # the terms share their words: at least half have a two-character part another has too
    # (counted once per part, not item against item: a line of 10,000 terms is no quadratic)
    parts = [{item[i : i + 2] for i in range(len(item) - 1)} for item in items]
    holders = Counter(part for mine in parts for part in mine)
    sharing = sum(1 for mine in parts if any(holders[part] > 1 for part in mine))
    return sharing * 2 >= len(items)


@functools.cache
def _marker_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(alternatives(_markers()[kind]))


@functools.cache
def _labels() -> tuple[dict[str, tuple[str, str]], re.Pattern[str], re.Pattern[str]]:
    """label -> (key, strength); a pattern for "label：value" pairs; one for a
    label opening a line."""
    table: dict[str, tuple[str, str]] = {}
    for line in data_lines("boilerplate_labels.tsv"):
        label, key, strength = line.split("\t")
        for form in _variants((label,)):
            table[form] = (key, strength)
    alternatives = "|".join(re.escape(label) for label in sorted(table, key=len, reverse=True))
    pair = re.compile(rf"(?P<label>{alternatives})\s*[:：]\s*(?P<value>.*?)(?=\s*(?:{alternatives})\s*[:：]|\s*[|｜]|\s*[）)】\]]\s*$|$)")
    opening = re.compile(rf"^\s*[（(【\[]?\s*(?P<label>{alternatives})\s*[:：]")
    return table, pair, opening


@functools.cache
def _seo() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """SEO formulas as a prefix ("环球动态：", matched at a line's start) and as
    a tail ("_环球通讯", " 今日报", "-全球速讯", "|世界新消息", searched in its end)."""
    parts = data_groups("seo_formulas.tsv")
    scope = alternatives(_variants(parts["scope"]))
    kind = alternatives(_variants(parts["kind"]))
    return (
        re.compile(rf"\s*(?:[{BULLETS}]+\s*)?(?:\d{{1,3}}\s+)?【?(?:{scope})(?:{kind})】?\s*[:：|｜!！]"),
        re.compile(rf"[_\s\-|｜]\s*(?:{scope})(?:{kind})\s*$"),
    )


def _contains(line: str, kind: str) -> bool:
    return _marker_pattern(kind).search(line) is not None


def _is_sentence(line: str) -> bool:
    """Reads as running text: ends a sentence, or has one inside."""
    core = line.rstrip().rstrip(CLOSERS)
    if core[-1:] in SENTENCE_END and len(core) > 8:
        return True
    return "。" in line[:-1] or (len(line) > 60 and ("，" in line or "," in line))


def _labelled(line: str) -> list[tuple[str, str, str]]:
    """(label, key, value) for every "label：value" in ``line``."""
    table, pair, _ = _labels()
    found = []
    for match in pair.finditer(line):
        value = match.group("value").strip(" \t（()）【】[]")
        if value:
            key, _ = table[match.group("label")]
            found.append((match.group("label"), key, value))
    return found


_EMPTY_BRACKETS = re.compile(r"【\s*】|\(\s*\)|（\s*）|\[\s*\]|〔\s*〕")
_WORD = re.compile(r"\w{2,}")


def _unlabelled(line: str) -> str:
    """What a line of labelled facts says besides its labels and their values
    (``《人民日报》(2025年11月23日第02版)`` of ``…【编辑:王琴】``, ``总台央视记者孙艳``
    of ``(总台央视记者孙艳)【编辑:王琴】``); "" when that is only a date or marks."""
    _, pair, _ = _labels()
    rest = _EMPTY_BRACKETS.sub("", pair.sub("", line)).strip(" \t　|/·")
    if rest.startswith(("(", "（")) and rest.endswith((")", "）")):
        rest = rest[1:-1].strip()
    return rest if _WORD.search(DATE_RE.sub("", rest)) else ""


def _label_line(line: str, edge: bool) -> bool:
    """A line of labelled facts: ``来源：…``, ``责任编辑：…``, ``2023-01-05 来源：…``."""
    if "：" not in line and ":" not in line:
        return False  # every label is followed by a colon
    table, _, opening = _labels()
    if len(line) > LINK_MAX * 2 or ("。" in line[:-1] and not _contains(line, "nav")):
        return False
    match = opening.match(line)
    labels = _labelled(line)
    if match:
        key, strength = table[match.group("label")]
        if strength == "strong" or (edge and len(line) <= SHORT and not _is_sentence(line)):
            return True
        # a date beside a weak label makes a dateline (作者：李明 2023-03-05); a date
        # label's own value is no such second fact: 时间：3月5日上午9:00 between a
        # notice's paragraphs is the notice's, at a page's edge its dateline
        if len(labels) >= 2 or (DATE_RE.search(line) and (key != "date" or edge)):
            return True
    if labels and DATE_RE.search(line) and len(line) <= LINK_MAX and not _is_sentence(line):
        return any(table[label][1] == "strong" for label, _, _ in labels)
    return False


def _tail(line: str) -> str:
    """The end of a line, where dates, page numbers and SEO tails sit: searching
    only there keeps end-anchored patterns from rescanning the whole line."""
    return line[-TAIL:]


def _link_like(item: _Line) -> tuple[bool, bool]:
    """(looks like a list item of titles, has a strong title signal)."""
    line = item.text
    if not line or len(line) > LINK_MAX:
        return False, False
    listed = bool(LIST_MARK.match(line))
    if line[-1] in "。；;" and not listed:
        return False, False
    sentence = item.sentence
    if (sentence and not listed) or _unbalanced(line):
        # running text; or a piece of it (a title is whole)
        return False, False
    seo_prefix, seo_tail = _seo()
    tail = _tail(line)
    strong = bool(
        seo_prefix.match(line)
        or seo_tail.search(tail)
        or TRAILING_DATE.search(tail)
        or PAGE_REF.search(tail)
        or TITLE_LABEL.match(line)
        or (not sentence and TITLE_MARKS.search(line, 0, len(line) - 1))  # a final ！ ends a sentence
    )
    return listed or strong, strong


_BRACKETS = re.compile("[《》（）【】“”「」]")


def _unbalanced(line: str) -> bool:
    """A bracket or book-title mark opened and not closed, or closed and not opened."""
    if not _BRACKETS.search(line):
        return False
    return any(line.count(o) != line.count(c) for o, c in BRACKET_PAIRS)


def _title_key(line: str) -> str:
    return NUMBERED.sub("", LIST_MARK.sub("", line)).strip()


def _is_heading_marker(text: str, kind: str) -> bool:
    core = text.strip(" \t:：【】[]()（）>》·-—")
    if len(core) > 8:
        return False
    markers = _markers()[kind]  # (a tuple: str.startswith tries each at C speed)
    return core.startswith(markers) or core.endswith(markers)




# --- the lines of a page, and what the page shows ------------------------------------


@dataclass(slots=True)
class _Line:
    index: int  # among the text's lines, empty ones included
    start: int
    end: int  # end of the text, before the line break
    text: str  # without the white space around it
    sentence: bool = False  # reads as running text (_is_sentence), judged once
    link: tuple[bool, bool] = (False, False)  # (_link_like: list-shaped, strong title signal)
    label: bool = False  # a line of labelled facts (_label_line), read where it stands
    kind: str | None = None  # what it was removed as (for the metadata), None: kept
    reason: str = ""


def _split(text: str) -> list[_Line]:
    """The text's lines that hold something (blank ones have no object: a text of a
    million empty lines is a million numbers, not a million lines to judge)."""
    lines = []
    position = 0
    for index, raw in enumerate(text.split("\n")):
        if raw and not raw.isspace():
            stripped = raw.strip()
            lines.append(_Line(index, position, position + len(raw), stripped, _is_sentence(stripped)))
        position += len(raw) + 1
    return lines


def _is_paragraph(line: _Line) -> bool:
    """A line of the article body for sure: long running text."""
    return len(line.text) >= PARAGRAPH_MIN and line.sentence and not LIST_MARK.match(line.text)


@dataclass
class _Page:
    """The non-empty lines of a text, where its body stands, and what runs of them look like."""

    lines: list[_Line]
    first_body: int  # position of the first line of the article body (len(lines): none)
    last_body: int  # position of the last one (-1: none)
    column: int  # a print column's width (breaks.column_width): cut lines are no titles
    runs: list[int]  # for each line: how many list-shaped lines its run of them has (0: not in one)
    repeated: set[str]  # title keys that two list-shaped lines share (numbered repeats of a link list)
    box_heading: list[bool]  # an index or related-links heading stands above, only short lines between
    footer_label: list[bool]  # a labelled footer line (责任编辑：…) stands above, below the body
    title_runs: list[int]  # for each line: how many title-shaped lines (_title_shaped) its run of them has

    def edge(self, position: int) -> bool:
        return position < self.first_body or position > self.last_body


def _read_page(present: list[_Line]) -> _Page:
    body = [i for i, line in enumerate(present) if _is_paragraph(line)]
    if not body:  # a short article: any line that reads as a sentence
        body = [i for i, line in enumerate(present) if line.sentence and not LIST_MARK.match(line.text)]
    first_body = body[0] if body else len(present)
    last_body = body[-1] if body else -1
    # (each a function of the line's text and sentence, and of where it stands
    # for a label: worked out once per distinct line)
    links: dict[tuple[str, bool], tuple[bool, bool]] = {}
    labels: dict[tuple[str, bool], bool] = {}
    for position, line in enumerate(present):
        link = links.get((line.text, line.sentence))
        if link is None:
            link = links[line.text, line.sentence] = _link_like(line)
        line.link = link
        key = (line.text, position < first_body or position > last_body)
        label = labels.get(key)
        if label is None:
            label = labels[key] = _label_line(*key)
        line.label = label
    column = 0
    if sum(line.link[0] for line in present) >= 2:
        # a print column shows in the lines without list marks (items of a list share widths too)
        unlisted = [line for line in present if not LIST_MARK.match(line.text)]
        column = column_width([line.text for line in unlisted])
        if column:
            for line in unlisted:
                if column_line(line.text, column):
                    line.link = (False, False)  # a line cut at the column's edge is a piece of a paragraph
    runs = [0] * len(present)
    position = 0
    while position < len(present):
        if not present[position].link[0]:
            position += 1
            continue
        end = position
        while end + 1 < len(present) and present[end + 1].link[0]:
            end += 1
        for i in range(position, end + 1):
            runs[i] = end - position + 1
        position = end + 1
    keys: dict[str, int] = {}
    for line in present:
        if line.link[0]:
            key = _title_key(line.text)
            keys[key] = keys.get(key, 0) + 1
    repeated = {key for key, count in keys.items() if count >= 2}
    box_heading = [False] * len(present)
    headings: dict[str, bool] = {}
    for position, line in enumerate(present):
        heading = headings.get(line.text)
        if heading is None:
            heading = headings[line.text] = _is_heading_marker(line.text, "index") or _is_heading_marker(line.text, "related")
        if heading:
            for later in range(position + 1, min(len(present), position + BOX_REACH + 1)):
                item = present[later]
                if len(item.text) > LINK_MAX or item.sentence:
                    break
                box_heading[later] = True
    footer_label = [False] * len(present)
    if last_body >= 0:
        seen = False
        for position in range(last_body + 1, len(present)):
            footer_label[position] = seen
            seen = seen or present[position].label
    title_runs = [0] * len(present)
    position = 0
    while position < len(present):
        if not _title_shaped(present[position]):
            position += 1
            continue
        end = position
        while end + 1 < len(present) and _title_shaped(present[end + 1]):
            end += 1
        for i in range(position, end + 1):
            title_runs[i] = end - position + 1
        position = end + 1
    return _Page(present, first_body, last_body, column, runs, repeated, box_heading, footer_label, title_runs)


def _title_shaped(line: _Line) -> bool:
    """Shaped like a headline: a few words to a line, no sentence, no label, no list of facts."""
    text = line.text
    return TITLE_MIN <= len(text) <= LINK_MAX and not _runs_on(line) and not line.label and KEY_VALUE.match(text) is None


# --- the features: each takes a line and its page, gives a number ------------------------


def _runs_on(line: _Line) -> bool:
    """Reads as running text; an item of a list that ends with ！ or ？ and has no 。 is
    a headline (徐峥个人总票房破82亿了，现在是票房榜第三！)."""
    return line.sentence and not (LIST_MARK.match(line.text) and "。" not in line.text)


def _short_plain(line: _Line) -> bool:
    return len(line.text) <= SHORT and not line.sentence


def f_label_line(line: _Line, page: _Page, i: int) -> float:
    """A line of labelled facts about the page (来源：…, 责任编辑：…, 2023-01-05 来源：…)."""
    return float(line.label)


def f_strong_label(line: _Line, page: _Page, i: int) -> float:
    """The line opens with a label that alone marks furniture (来源, 责任编辑: data/boilerplate_labels.tsv)."""
    table, _, opening = _labels()
    match = opening.match(line.text)
    return float(match is not None and table[match.group("label")][1] == "strong")


def f_labels_many(line: _Line, page: _Page, i: int) -> float:
    """Two or more label：value pairs on the line (发布时间：… 来源：… 作者：…)."""
    if "：" not in line.text and ":" not in line.text:
        return 0.0
    return float(len(_labelled(line.text)) >= 2)


def f_dateline(line: _Line, page: _Page, i: int) -> float:
    """The line is a date and nothing else (2023-03-05 08:12)."""
    return float(DATE_LINE.match(line.text) is not None)


def f_date_short(line: _Line, page: _Page, i: int) -> float:
    """A date in a short line that reads as no sentence."""
    return float(_short_plain(line) and DATE_RE.search(line.text) is not None)


def f_image_placeholder(line: _Line, page: _Page, i: int) -> float:
    """A bracketed stand-in for a picture: （资料图）, （图片来源：网络）."""
    bracketed = BRACKETED.match(line.text)
    if not bracketed:
        return 0.0
    inner = bracketed.group("inner")
    return float((_contains(inner, "image") or IMAGE_WORD.search(inner) is not None) and not _is_sentence(inner))


def f_photo_credit(line: _Line, page: _Page, i: int) -> float:
    """A photographer's credit: 冯金灿 蔡雨/摄, 图/张三."""
    return float(len(line.text) <= SHORT and PHOTO_CREDIT.match(line.text) is not None)


def _marker(kind: str) -> Callable[[_Line, _Page, int], float]:
    def feature(line: _Line, page: _Page, i: int) -> float:
        return float(_short_plain(line) and _contains(line.text, kind))

    feature.__doc__ = f"A short line that reads as no sentence and has a {kind} phrase (data/boilerplate_markers.tsv)."
    return feature


f_follow = _marker("follow")
f_nav = _marker("nav")
f_platform = _marker("platform")


def f_masthead_edge(line: _Line, page: _Page, i: int) -> float:
    """A masthead phrase (报纸, 刊号 ...) in a short line above or below the article."""
    return float(page.edge(i) and _short_plain(line) and _contains(line.text, "masthead"))


def f_box_heading(line: _Line, page: _Page, i: int) -> float:
    """A heading of an index or related-links box (今日导读, 相关阅读)."""
    return float(_is_heading_marker(line.text, "index") or _is_heading_marker(line.text, "related"))


def f_in_box(line: _Line, page: _Page, i: int) -> float:
    """A short line under an index or related-links heading, only short lines between."""
    return float(page.box_heading[i])


def f_page_ref(line: _Line, page: _Page, i: int) -> float:
    """A reference to a page of the paper at the line's end (… 2版, … A3)."""
    return float(len(line.text) <= LINK_MAX and PAGE_REF.search(_tail(line.text)) is not None)


def f_near_follow(line: _Line, page: _Page, i: int) -> float:
    """A short platform line (微信、微博) within two lines of a follow-us line."""
    if len(line.text) > PLATFORM_MAX or not _contains(line.text, "platform"):
        return 0.0
    near = page.lines[max(0, i - 2) : i + 3]
    return float(any(_short_plain(n) and _contains(n.text, "follow") for n in near))


def f_spam_template(line: _Line, page: _Page, i: int) -> float:
    """A content farm's template claim (本文来源于网络，如有侵权请联系删除)."""
    return float(_spam(line.text, page.edge(i)) == "template line")


def f_spam_advert(line: _Line, page: _Page, i: int) -> float:
    """An advert inserted in the article (two advert phrases, or one and a price)."""
    return float(_spam(line.text, page.edge(i)) == "advert")


def f_keyword_stuffing(line: _Line, page: _Page, i: int) -> float:
    """Six or more short terms that share their words, separated, no sentence (济源新闻,济源网,…)."""
    text = line.text
    return float("。" not in text and "！" not in text and "？" not in text and _stuffed(text))


def f_seo_formula(line: _Line, page: _Page, i: int) -> float:
    """A content farm's title formula as a prefix or a tail (环球动态：…, …_今日报)."""
    if not line.link[0]:
        return 0.0
    prefix, tail = _seo()
    return float(prefix.match(line.text) is not None or tail.search(_tail(line.text)) is not None)


def f_link_like(line: _Line, page: _Page, i: int) -> float:
    """Shaped like an item of a list of titles (a list mark, or a strong title signal, no sentence)."""
    return float(line.link[0])


def f_link_strong(line: _Line, page: _Page, i: int) -> float:
    """A strong title signal: an SEO formula, a trailing date, a page number, a 【label】, |."""
    return float(line.link[1])


def f_link_run(line: _Line, page: _Page, i: int) -> float:
    """log(1 + the length of the run of list-shaped lines the line is in): one title is no list."""
    return math.log1p(page.runs[i]) if page.runs[i] >= 2 else 0.0


def f_repeated_title(line: _Line, page: _Page, i: int) -> float:
    """A list-shaped line whose title another list-shaped line repeats (numbered repeats)."""
    return float(line.link[0] and _title_key(line.text) in page.repeated)


def f_title_run(line: _Line, page: _Page, i: int) -> float:
    """log(1 + the length of the run of headline-shaped lines the line is in), for runs of
    three or more: a list of links (an article has a paragraph after each heading)."""
    run = page.title_runs[i]
    return math.log1p(run) if run >= TITLE_RUN_MIN else 0.0


def f_site_name(line: _Line, page: _Page, i: int) -> float:
    """A short line that names a site, a paper or a channel (开封网, 太原晚报, 商业频道)."""
    return float(len(line.text) <= SITE_MAX and SITE_NAME.search(line.text) is not None)


def f_after_footer(line: _Line, page: _Page, i: int) -> float:
    """A short line below the article after a labelled footer (the column links after 责任编辑：…)."""
    limit = LINK_MAX if LIST_MARK.match(line.text) else SHORT
    return float(page.footer_label[i] and len(line.text) <= limit and not _runs_on(line))


def f_nav_separators(line: _Line, page: _Page, i: int) -> float:
    """Short items set apart by | > » / (首页 > 新闻 > 正文): a menu or a breadcrumb
    (the slashes of a URL are no separators, nor those of a formula: no menu
    item holds an "=", Ts=C1/S1+C2/S2 does)."""
    text = URL.sub("", line.text) if "/" in line.text else line.text
    if "=" in text:
        return 0.0
    return float(not line.sentence and len(NAV_SEPARATORS.findall(text)) >= 2 and all(len(part) <= NAV_ITEM_MAX for part in NAV_SEPARATORS.split(text)))


def _token(line: _Line) -> bool:
    return len(line.text) <= TOKEN_MAX and not MARKS.search(line.text)


def f_short_token(line: _Line, page: _Page, i: int) -> float:
    """A line of at most four characters without a mark next to another one, above or
    below the article: a page's buttons and menus (下载 / 打印 / 全屏 / 收藏)."""
    if not (page.edge(i) and _token(line)):
        return 0.0
    return float(any(_token(page.lines[j]) for j in (i - 1, i + 1) if 0 <= j < len(page.lines)))


def f_before_body(line: _Line, page: _Page, i: int) -> float:
    """The line stands above the article's first paragraph."""
    return float(i < page.first_body)


def f_after_body(line: _Line, page: _Page, i: int) -> float:
    """The line stands below the article's last paragraph."""
    return float(i > page.last_body)


def f_inside_body(line: _Line, page: _Page, i: int) -> float:
    """The line stands between the article's first and last paragraphs."""
    return float(page.first_body < i < page.last_body)


def f_sentence(line: _Line, page: _Page, i: int) -> float:
    """The line reads as running text: it ends a sentence or has one inside (an item of a
    list that ends with ！ or ？ and has no 。 is a headline: 徐峥个人总票房破82亿了！)."""
    return float(_runs_on(line))


def f_length(line: _Line, page: _Page, i: int) -> float:
    """log(1 + the line's length)."""
    return math.log1p(len(line.text))


def f_han_share(line: _Line, page: _Page, i: int) -> float:
    """The share of Han characters in the line."""
    return len(HAN_CHARACTER.findall(line.text)) / len(line.text)


def f_key_value(line: _Line, page: _Page, i: int) -> float:
    """A fact given as key：value where the key is no page label (面积：622984平方公里, 人口：330万)."""
    match = KEY_VALUE.match(line.text)
    return float(match is not None and match.group("key") not in _labels()[0])


def f_fact_box(line: _Line, page: _Page, i: int) -> float:
    """A key：value fact next to another one (a fact box: 面积 / 人口 / 语言)."""
    if not f_key_value(line, page, i):
        return 0.0
    near = [page.lines[j] for j in (i - 1, i + 1) if 0 <= j < len(page.lines)]
    return float(any(f_key_value(n, page, 0) for n in near))


def f_footnote(line: _Line, page: _Page, i: int) -> float:
    """A footnote or a note: [1] …, ① …, 注：…, ※ …."""
    return float(FOOTNOTE.match(line.text) is not None)


def f_item_sentence(line: _Line, page: _Page, i: int) -> float:
    """An item of the article's own enumeration that reads as a sentence (一是…。, 1、…。)."""
    return float(line.sentence and ENUMERATION_ITEM.match(line.text) is not None)


COUNTED_ITEM = re.compile(r"^\s*(\d{1,2})、")


def _item_number(text: str) -> int | None:
    found = COUNTED_ITEM.match(text)
    return int(found.group(1)) if found else None


def f_counted_item(line: _Line, page: _Page, i: int) -> float:
    """An item of a list counted 1、2、3、 with the item before or after it in
    the count: the article's own enumeration (an exam's subjects, a
    programme), which link lists, numbered 1. or not at all, rarely are."""
    number = _item_number(line.text)
    if number is None:
        return 0.0
    near = [_item_number(page.lines[j].text) for j in (i - 1, i + 1) if 0 <= j < len(page.lines)]
    return float(number - 1 in near or number + 1 in near)


def f_verse_like(line: _Line, page: _Page, i: int) -> float:
    """A short line as long as a neighbour, both ending with a mark: verse, a couplet."""
    text = line.text
    if len(text) > VERSE_MAX or text[-1] not in "，。；！？、":
        return 0.0
    near = [page.lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(page.lines)]
    return float(any(n and abs(len(n) - len(text)) <= 1 and n[-1] in "，。；！？、" for n in near))


def f_heading_over_paragraph(line: _Line, page: _Page, i: int) -> float:
    """A short line without sentence marks directly above a paragraph of the article (a heading)."""
    text = line.text
    return float(
        not line.sentence
        and len(text) <= HEADING_MAX
        and i + 1 < len(page.lines)
        and _is_paragraph(page.lines[i + 1])
        and not line.link[1]
    )


LINE_FEATURES: dict[str, Callable[[_Line, _Page, int], float]] = {
    "label_line": f_label_line,
    "strong_label": f_strong_label,
    "labels_many": f_labels_many,
    "dateline": f_dateline,
    "date_short": f_date_short,
    "image_placeholder": f_image_placeholder,
    "photo_credit": f_photo_credit,
    "follow": f_follow,
    "nav": f_nav,
    "platform": f_platform,
    "masthead_edge": f_masthead_edge,
    "box_heading": f_box_heading,
    "in_box": f_in_box,
    "page_ref": f_page_ref,
    "near_follow": f_near_follow,
    "spam_template": f_spam_template,
    "spam_advert": f_spam_advert,
    "keyword_stuffing": f_keyword_stuffing,
    "seo_formula": f_seo_formula,
    "link_like": f_link_like,
    "link_strong": f_link_strong,
    "link_run": f_link_run,
    "repeated_title": f_repeated_title,
    "after_footer": f_after_footer,
    "title_run": f_title_run,
    "site_name": f_site_name,
    "nav_separators": f_nav_separators,
    "short_token": f_short_token,
    "before_body": f_before_body,
    "after_body": f_after_body,
    "inside_body": f_inside_body,
    "sentence": f_sentence,
    "length": f_length,
    "han_share": f_han_share,
    "key_value": f_key_value,
    "fact_box": f_fact_box,
    "footnote": f_footnote,
    "item_sentence": f_item_sentence,
    "counted_item": f_counted_item,
    "verse_like": f_verse_like,
    "heading_over_paragraph": f_heading_over_paragraph,
}
# Which way each feature points: +1 furniture, -1 content, 0 either (see breaks.EVIDENCE).
EVIDENCE: dict[str, int] = {
    "label_line": +1, "strong_label": +1, "labels_many": +1, "dateline": +1, "date_short": +1,
    "image_placeholder": +1, "photo_credit": +1, "follow": +1, "nav": +1, "platform": +1,
    "masthead_edge": +1, "box_heading": +1, "in_box": +1, "page_ref": +1, "near_follow": +1,
    "spam_template": +1, "spam_advert": +1, "keyword_stuffing": +1, "seo_formula": +1,
    "link_like": +1, "link_strong": +1, "link_run": +1, "repeated_title": +1, "after_footer": +1, "title_run": +1, "site_name": +1,
    "nav_separators": +1, "short_token": +1, "before_body": 0, "after_body": 0, "inside_body": -1,
    "sentence": -1, "length": 0, "han_share": 0, "key_value": -1, "fact_box": -1, "footnote": -1,
    "item_sentence": -1, "counted_item": -1, "verse_like": -1, "heading_over_paragraph": -1,
}


# The detectors the hand-written step decided by: their weights are fitted from a
# prior (scripts/fit_judges.py RULE_PRIOR) rather than from zero.
RULES = frozenset({
    "label_line", "dateline", "image_placeholder", "photo_credit", "follow", "nav", "masthead_edge",
    "box_heading", "in_box", "page_ref", "near_follow", "spam_template", "spam_advert",
    "keyword_stuffing", "seo_formula", "repeated_title", "after_footer",
})


def features(line: _Line, page: _Page, i: int, names: tuple[str, ...] | None = None) -> list[float]:
    """The values of the features ``names`` (all of LINE_FEATURES by default) for the line at ``i``."""
    if names is None:
        return [feature(line, page, i) for feature in LINE_FEATURES.values()]
    return [feature(line, page, i) for feature in _functions(names)]


@functools.cache
def _functions(names: tuple[str, ...]) -> tuple[Callable[[_Line, _Page, int], float], ...]:
    return tuple(LINE_FEATURES[name] for name in names)


@functools.cache
def judge() -> Judge:
    """The fitted furniture judge (data/judge_boilerplate.json)."""
    return load_judges("boilerplate", LINE_FEATURES)["lines"]


def plainly_content(line: _Line) -> bool:
    """Running text of a paragraph's length with no list mark or label at its start
    and no phrase a content farm adds: a paragraph of the article, kept without
    asking the judge (the common case, and the cheap one).  scripts/fit_judges.py
    counts the furniture lines of the real pages that look like this
    (``plainly_content`` in the data file)."""
    text = line.text
    if not line.sentence or len(text) < PARAGRAPH_MIN or LIST_MARK.match(text) or _labels()[2].match(text):
        return False
    if len(text) > SPAM_MAX:
        return True  # longer than any template line or advert (_spam)
    return _spam_phrases()[0].search(text) is None and _seo()[0].match(text) is None and TITLE_LABEL.match(text) is None


KIND_REASONS = {"label": "labelled facts (source, editor, ...)", "photo": "photo credit", "furniture": "page furniture"}


def _kind(line: _Line, page: _Page, i: int) -> str:
    """What a removed line was, for the metadata and the change's reason (KIND_REASONS)."""
    if line.label or f_dateline(line, page, i):
        return "label"
    if f_photo_credit(line, page, i):
        return "photo"
    spam = _spam(line.text, page.edge(i))
    if spam:
        return spam  # what a content farm adds: "template line", "advert", "keyword stuffing"
    return "furniture"


def judged_lines(text: str, model: Judge | None = None) -> tuple[list[_Line], _Page | None]:
    """The text's lines that hold something, each furniture line marked (``kind``, ``reason``)."""
    model = model or judge()
    lines = _split(text)
    if not lines:
        return lines, None
    plain = [plainly_content(line) for line in lines]
    if all(plain):
        return lines, None  # running text throughout: nothing to judge
    page = _read_page(lines)
    verdicts: dict[tuple, tuple[str, str] | None] = {}  # by _context: (kind, reason), or None for a kept line
    texts = [None] * NEIGHBOURS + [line.text for line in lines] + [None] * NEIGHBOURS
    for i, line in enumerate(lines):
        if plain[i]:
            continue
        # a line whose context was seen before gets the verdict given then
        # (a text of a few short lines repeated: 中 / 文 / 中 / 文 ...)
        context = _context(line, page, i, texts)
        if context in verdicts:
            verdict = verdicts[context]
        else:
            values = features(line, page, i, model.features)
            verdict = None
            if model.decide(values):
                kind = _kind(line, page, i)
                verdict = (kind, f"{KIND_REASONS.get(kind, kind)}: {model.explain(values)}")
            verdicts[context] = verdict
        if verdict is not None:
            line.kind, line.reason = verdict
    return lines, page


# How far a feature looks at the lines around it (near_follow: two each way).
NEIGHBOURS = 2


def _context(line: _Line, page: _Page, i: int, texts: list[str | None] | None = None) -> tuple:
    """Everything a feature of LINE_FEATURES (and ``_kind``) reads about the
    line at ``i``: its text (its ``sentence`` is the text's), ``label`` and
    ``link``, where it stands against the body, what ``_read_page`` marked
    at it (box, runs, footer, a repeated title) and the texts of the lines
    up to ``NEIGHBOURS`` away.  Lines of one context get one verdict.  A new
    feature that reads anything else must add it here
    (tests/test_linear_time.py compares the verdicts with those made line by line).
    ``texts``: the page's texts with ``NEIGHBOURS`` Nones on each side (made once a page)."""
    if texts is None:
        texts = [None] * NEIGHBOURS + [line.text for line in page.lines] + [None] * NEIGHBOURS
    around = tuple(texts[i : i + 2 * NEIGHBOURS + 1])
    position = (i < page.first_body, i > page.last_body, page.first_body < i < page.last_body)
    repeated = bool(line.link[0]) and _title_key(line.text) in page.repeated
    return (around, line.label, line.link, position, page.box_heading[i], page.runs[i], page.title_runs[i], page.footer_label[i], repeated)


def _metadata(lines: list[_Line]) -> dict[str, str]:
    found: dict[str, list[str]] = {}

    def add(key: str, value: str) -> None:
        value = value.strip()
        if value and value not in found.setdefault(key, []):
            found[key].append(value)

    for line in lines:
        if line.kind == "label":
            date = DATE_RE.search(line.text)
            if date:
                add("date", re.sub(r"\s+", " ", date.group()))
            for label, key, value in _labelled(line.text):
                if key == "date":
                    continue  # taken from the date pattern above
                add(key, DATE_RE.sub("", value).strip() or value)
            add("credit", _unlabelled(line.text))  # what no label named: a print source, a reporter
        elif line.kind == "photo":
            add("photo", line.text.strip("（）() "))
    return {key: "; ".join(values) for key, values in found.items()}


def strip_boilerplate_outcome(text: str, *, model: Judge | None = None) -> Outcome:
    """Edits removing the lines the judge reads as page furniture (with the
    blank lines after them), and what their labels said (``Result.metadata``:
    date, source, editor ...).  Every other line stays as it is.  ``model``:
    another judge than the fitted one (the mutation tests)."""
    if not text.strip():
        return Outcome([])
    lines, _ = judged_lines(text, model)
    if not any(line.kind for line in lines):
        return Outcome([])
    edits = []
    kept = [i for i, line in enumerate(lines) if not line.kind]  # (lines: the ones that hold something)
    index = 0
    while index < len(lines):
        if not lines[index].kind:
            index += 1
            continue
        first = index  # a block of furniture lines (and the blank lines among them)
        while index < len(lines) and lines[index].kind:
            index += 1
        after = bisect.bisect_right(kept, first)
        reason = "; ".join(dict.fromkeys(line.reason for line in lines[first:index]))
        if after < len(kept):  # the block and the blank lines after it, up to the next kept line
            edits.append(Edit(lines[first].start, lines[kept[after]].start, "", reason))
        elif after > 0:  # at the end: keep the text's own final line break, nothing more
            start = lines[kept[after - 1]].end
            ending = "\n" if text.endswith("\n") else ""
            edits.append(Edit(start, len(text), ending, reason))
        else:  # nothing but furniture
            edits.append(Edit(0, len(text), "", reason))
    return Outcome(edits, metadata=_metadata(lines))


def strip_boilerplate(text: str) -> str:
    """Remove page furniture (metadata is dropped: use ``run`` to keep it).

    >>> strip_boilerplate("2023-03-05 08:00 来源：人民网\\n正文第一段，讲了一件事，内容很长很长很长。\\n责任编辑：张三\\n")
    '正文第一段，讲了一件事，内容很长很长很长。\\n'
    """
    return apply_edits(text, strip_boilerplate_outcome(text).edits)
