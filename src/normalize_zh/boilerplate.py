"""Boilerplate: what a scraped or printed page carries that is not the article.

Each line is judged from several signals -- its length and punctuation,
whether it reads as a sentence, where it stands (before the first paragraph
of the article, after the last, or among them), list shape, labels, dates,
repetition, and marker phrases (data files in ``data/``, simplified, with
their traditional forms derived by OpenCC).  A line goes only when a rule
recognises it; when unsure, it stays.

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
navigation           ``分享到`` ``上一篇`` ``版权所有``
link list            runs of title-like lines: list marks, SEO tails
                     (``_环球通讯``, ``今日报``), dates, numbered repeats
===================  ==================================================

What the header and footer said is kept in the metadata: ``date``,
``source``, ``editor`` and any other labelled fact (``data/boilerplate_labels.tsv``).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .edits import Edit, Outcome, apply_edits
from .reflow import column_line, column_width
from .tables import HAN_BMP as HAN
from .tables import data_lines

DATE = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
DATE_RE = re.compile(DATE)
DATE_LINE = re.compile(rf"^\s*[（(\[【]?\s*{DATE}\s*[）)\]】]?\s*$")
TRAILING_DATE = re.compile(r"(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*$")
PAGE_REF = re.compile(r"(?:\s|(?<=[》”」』）]))(?:第\s*)?[A-Z]?\d{1,2}\s*版\s*$|\s[A-Z]\d{1,2}\s*$")
LIST_MARK = re.compile(r"^\s*(?:[-–—•·▪►▶●◆■□>※]+\s*|\d{1,3}\s+|\d{1,3}[.、．)）]\s*|[（(]\d{1,3}[)）]\s*)")
NUMBERED = re.compile(r"^\s*(?:[-–—•·▪►▶●◆■□>※]+\s*)?\d{1,3}[\s.、．)）]\s*")
TITLE_LABEL = re.compile(rf"^\s*(?:[-–—•·▪►▶●◆■□>※]+\s*)?(?:\d{{1,3}}\s+)?(?:【[^】]{{1,12}}】|[{HAN}A-Za-z]{{1,8}}[:：|｜])")
TITLE_MARKS = re.compile(r"[|｜_!！?？]|【|《")
SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》"
PHOTO_CREDIT = re.compile(rf"^\s*[（(]?\s*(?:(?:图|摄影|图片|摄)\s*[/／:：|｜]\s*[{HAN}A-Za-z·\s、，,]{{2,30}}|[{HAN}A-Za-z·\s、，,]{{2,30}}[/／\s]摄)\s*[）)]?\s*$")
BRACKETED = re.compile(r"^\s*[（(\[【](?P<inner>[^（()\[\]【】）]{1,30})[）)\]】]\s*$")
IMAGE_WORD = re.compile("图|摄|视频")
SHORT = 40  # a line this long or shorter may be furniture
TAIL = 24  # how far from a line's ends dates, page numbers and SEO formulas are looked for
LINK_MAX = 90


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
    kinds: dict[str, list[str]] = {}
    for line in data_lines(name):
        kind, phrase = line.split("\t")
        kinds.setdefault(kind, []).append(phrase)
    return {kind: _variants(tuple(phrases)) for kind, phrases in kinds.items()}


@functools.cache
def _spam_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every spam phrase, and each phrase's kind."""
    kinds = {phrase: kind for kind, phrases in _markers("spam_markers.tsv").items() for phrase in phrases}
    return re.compile("|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))), kinds


SPAM_MAX = 120  # a template or advert line is no longer than this
PRICE = re.compile(r"\d+(?:\.\d+)?\s*元|[¥￥]\s*\d")
STUFFING_SEPARATORS = re.compile(r"[,，|｜/、;；\s]+")
STUFFING_ITEMS = 6


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
    # the terms share their words: at least half have a two-character part another has too
    parts = [{item[i : i + 2] for i in range(len(item) - 1)} for item in items]
    sharing = sum(1 for index, mine in enumerate(parts) if any(mine & other for j, other in enumerate(parts) if j != index))
    return sharing * 2 >= len(items)


@functools.cache
def _marker_pattern(kind: str) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _markers()[kind])))


@functools.cache
def _any_marker() -> re.Pattern[str]:
    """Every marker phrase of every kind: one search tells a line has none."""
    phrases = {phrase for kind in _markers().values() for phrase in kind}
    return re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))


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
    parts: dict[str, list[str]] = {}
    for line in data_lines("seo_formulas.tsv"):
        part, word = line.split("\t")
        parts.setdefault(part, []).append(word)
    scope = "|".join(map(re.escape, _variants(tuple(parts["scope"]))))
    kind = "|".join(map(re.escape, _variants(tuple(parts["kind"]))))
    return (
        re.compile(rf"\s*(?:[-–—•·▪►▶●◆■□>※]+\s*)?(?:\d{{1,3}}\s+)?【?(?:{scope})(?:{kind})】?\s*[:：|｜!！]"),
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


def _is_paragraph(line: _Line) -> bool:
    """A line of the article body for sure: long running text."""
    return len(line.text) >= 25 and line.sentence and not LIST_MARK.match(line.text)


@dataclass(slots=True)
class _Line:
    index: int
    start: int
    end: int  # end of the text, before the line break
    text: str
    sentence: bool = False  # reads as running text (_is_sentence), judged once
    kind: str | None = None
    reason: str = ""


def _split(text: str) -> list[_Line]:
    lines = []
    position = 0
    for index, raw in enumerate(text.split("\n")):
        text = raw.strip()
        lines.append(_Line(index, position, position + len(raw), text, bool(text) and _is_sentence(text)))
        position += len(raw) + 1
    return lines


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
        strength = table[match.group("label")][1]
        if strength == "strong" or (edge and len(line) <= SHORT and not _is_sentence(line)):
            return True
        if len(labels) >= 2 or DATE_RE.search(line):
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
    return any(line.count(o) != line.count(c) for o, c in ("《》", "（）", "【】", "“”", "「」"))


def _title_key(line: str) -> str:
    return NUMBERED.sub("", LIST_MARK.sub("", line)).strip()


def _classify(lines: list[_Line]) -> None:
    present = [line for line in lines if line.text]
    if not present:
        return
    body = [i for i, line in enumerate(present) if _is_paragraph(line)]
    if not body:  # a short article: any line that reads as a sentence
        body = [i for i, line in enumerate(present) if line.sentence and not LIST_MARK.match(line.text)]
    first_body = body[0] if body else len(present)
    last_body = body[-1] if body else -1

    def edge(position: int) -> bool:
        return position < first_body or position > last_body

    # single lines
    for position, line in enumerate(present):
        text = line.text
        if len(text) > LINK_MAX and "。" in text[:-1] and not _labels()[2].match(text):
            continue  # running text: a paragraph of the article
        if _label_line(text, edge(position)):
            line.kind, line.reason = "label", "labelled facts (source, editor, ...)"
        elif DATE_LINE.match(text):
            line.kind, line.reason = "label", "dateline"
        elif (bracketed := BRACKETED.match(text)) and (
            _contains(bracketed.group("inner"), "image") or IMAGE_WORD.search(bracketed.group("inner"))
        ) and not _is_sentence(bracketed.group("inner")):
            line.kind, line.reason = "image", "image placeholder"
        elif len(text) <= SHORT and PHOTO_CREDIT.match(text):
            line.kind, line.reason = "photo", "photo credit"
        elif len(text) <= SHORT and not line.sentence and (
            PAGE_REF.search(_tail(text)) or _any_marker().search(text)
        ):
            if _contains(text, "follow"):
                line.kind, line.reason = "follow", "follow-us box"
            elif _contains(text, "nav") and len(text) <= 30:
                line.kind, line.reason = "nav", "navigation"
            elif PAGE_REF.search(_tail(text)):
                line.kind, line.reason = "index", "page index"
            elif _is_heading_marker(text, "index"):
                line.kind, line.reason = "index", "page index"
            elif _is_heading_marker(text, "related"):
                line.kind, line.reason = "related", "related-links heading"
            elif edge(position) and _contains(text, "masthead"):
                line.kind, line.reason = "masthead", "masthead"
    # what content farms add: template claims, adverts, keyword stuffing
    for position, line in enumerate(present):
        if line.kind is None and (kind := _spam(line.text, edge(position))):
            line.kind, line.reason = "spam", kind
    # boxes: the lines of a page-index box under its heading; short platform
    # lines next to a follow-us line
    for position, line in enumerate(present):
        if line.kind in ("index", "related") and _is_heading_marker(line.text, line.kind):
            kind, reason = ("index", "page index") if line.kind == "index" else ("links", "link list")
            for item in present[position + 1 : position + 13]:
                if item.kind or len(item.text) > (SHORT if kind == "index" else LINK_MAX) or item.sentence:
                    break
                item.kind, item.reason = kind, reason
    for position, line in enumerate(present):
        if line.kind or len(line.text) > 12 or not _contains(line.text, "platform"):
            continue
        neighbours = present[max(0, position - 2) : position + 3]
        if any(n.kind == "follow" for n in neighbours):
            line.kind, line.reason = "follow", "follow-us box"
    _link_runs(present, first_body, last_body)
    # after an editor or source footer below the article, short non-sentence
    # lines are its column links
    for position, line in enumerate(present):
        if line.kind == "label" and position > last_body and last_body >= 0:
            for later in present[position + 1 :]:
                if later.kind is None and len(later.text) <= SHORT and not later.sentence:
                    later.kind, later.reason = "links", "links after the footer"


def _is_heading_marker(text: str, kind: str) -> bool:
    core = text.strip(" \t:：【】[]()（）>》·-—")
    return len(core) <= 8 and any(core.startswith(m) or core.endswith(m) for m in _markers()[kind])


def _link_runs(present: list[_Line], first_body: int, last_body: int) -> None:
    """Runs of title-like lines: trending and related-link lists."""
    features = [_link_like(line) if line.kind is None else (False, False) for line in present]
    if sum(shaped for shaped, _ in features) >= 2:
        # lines cut at a print column's edge are pieces of paragraphs, however title-like
        column = column_width([line.text for line in present])
        if column:
            features = [(False, False) if column_line(line.text, column) else f for line, f in zip(present, features)]
    seen_titles: set[str] = set()
    position = 0
    while position < len(present):
        if not features[position][0] and present[position].kind != "related":
            position += 1
            continue
        end = position
        while end + 1 < len(present) and (features[end + 1][0] or present[end + 1].kind in ("related", "index")):
            end += 1
        run = present[position : end + 1]
        items = [line for line, (shaped, _) in zip(run, features[position : end + 1]) if shaped]
        strong = sum(1 for shaped, strong in features[position : end + 1] if strong)
        after_heading = present[position].kind == "related" or (position > 0 and present[position - 1].kind == "related")
        tail = position > last_body
        enough = len(items) >= 3 and (strong * 2 >= len(items) or (tail and len(items) >= 5))
        if enough or (after_heading and len(items) >= 2):
            for line in items:
                line.kind, line.reason = "links", "link list"
                seen_titles.add(_title_key(line.text))
        position = end + 1
    # numbered repeats of titles already removed ("- 1 环球动态：…"); the
    # article's own title may be among the links, so only list-shaped lines
    # or lines after the article body go
    for position, line in enumerate(present):
        if (
            line.kind is None
            and seen_titles
            and (LIST_MARK.match(line.text) or position > last_body)
            and _title_key(line.text) in seen_titles
            and len(line.text) <= LINK_MAX
        ):
            line.kind, line.reason = "links", "repeated link title"


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
        elif line.kind == "photo":
            add("photo", line.text.strip("（）() "))
    return {key: "; ".join(values) for key, values in found.items()}


def strip_boilerplate_outcome(text: str) -> Outcome:
    """Edits removing furniture lines (with the blank lines after them), and metadata."""
    if not text.strip():
        return Outcome([])
    lines = _split(text)
    _classify(lines)
    if not any(line.kind for line in lines):
        return Outcome([])
    edits = []
    kept = [line.index for line in lines if line.text and not line.kind]
    index = 0
    while index < len(lines):
        if not lines[index].kind:
            index += 1
            continue
        first = index  # a block of furniture lines (and the blank lines among them)
        while index < len(lines) and (lines[index].kind or not lines[index].text):
            index += 1
        after = bisect.bisect_right(kept, first)
        reason = "; ".join(dict.fromkeys(line.reason for line in lines[first:index] if line.kind))
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

    >>> strip_boilerplate("2023-03-05 08:00 来源：人民网\\n正文第一段，讲了一件事。\\n责任编辑：张三")
    '正文第一段，讲了一件事。\\n'
    """
    return apply_edits(text, strip_boilerplate_outcome(text).edits)
