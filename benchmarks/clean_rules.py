"""How the clean-bed evaluation judges one change: repair, normalization or damage.

The beds hold clean public files (scripts/build_beds.py), so a change is
**damage** unless one of the principled exceptions below says otherwise.  Each
verdict names the rule that decided, so a reader can check it and a quarrel
with a verdict is a quarrel with one named rule.

Exceptions (written after reading the changes the first baseline made):

``fullwidth-between-han`` (normalization)
    an ASCII ``, ; : ? ! ( )`` with Chinese right before and right after it
    (a Han character or a full-width CJK mark: ``是(没有特定顺序)：`` has ``：``
    after its bracket), made full width, in running text; the one space typed
    after an ASCII mark may go with it (``默认值: 在`` -> ``默认值：在``: the
    space is the ASCII mark's).  Not in Japanese (kana on the line, or a
    Japanese document), not in source code or data, not in Markdown code
    (fences, indented blocks, backtick spans), not in a URL.
``fullwidth-bracket-pair`` (normalization)
    either half of a pair of ``( )`` made full width, the pair judged as one
    (a ``)`` may close a ``(`` on a line above it in the same paragraph, a
    ``(`` open one that a line below closes): in
    a Chinese sentence -- Chinese before the ``(``, and Chinese, a digit or the
    end of the line after the ``)`` -- whatever it holds (``英尺高(棒读)``,
    ``大会(COP30)于``, ``电(记者 王红)11月``: GB/T 15834 sets a Chinese
    sentence's brackets full width around Latin too); a Chinese gloss, Chinese
    just inside both halves and after the ``)``, whatever is before the ``(``
    (``AI(人工智能)领域``); or a ``)`` made full
    width to match the full-width ``（`` it closes (``（遍 一作：徧)``), a pair
    of two widths made one.
``bracket-padding`` (normalization)
    the spaces a typist set just outside a half-width pair removed when the
    pair is made full width as a Chinese sentence's (``委員會 (以下簡稱本會) 為``
    -> ``委员会（以下简称本会）为``); the pair's context is what stands beyond them.
``stray-mark`` (normalization)
    a comma of either width right before another full-width mark removed
    (``模块中，。`` -> ``模块中。``, ``Kelly,、Paul``): a typo, not a choice.
``t2s-traditional-paragraph`` (normalization, prose bed only)
    a traditional paragraph converted by OpenCC t2s, tw2s or hk2s: the line
    reads traditional and the new text is what one of those conversions gives
    at that place.  A context-dependent character such as ``著``, ``乾`` or
    ``藉`` counts only where OpenCC converts it in that context (``著眼`` ->
    ``着眼`` in Taiwan text is the conversion; ``著名`` stays).  (A first
    version also called damage every change of a character that is valid
    simplified on its own -- in GB2312 and left alone by t2s: that made
    tw2s's ``意味著`` -> ``意味着`` damage, which it is not.)
``t2s-stray-traditional`` (normalization, prose bed only)
    in a paragraph that does not read traditional, characters no simplified
    text uses (not in GB2312) converted to what OpenCC t2s, tw2s or hk2s gives
    at that place (``斜陽`` -> ``斜阳`` in a simplified poem; ``簷`` -> ``檐``,
    which t2s leaves and tw2s converts, ``衞`` -> ``卫`` likewise with hk2s: 檐
    and 卫 are the standard forms): the corpus preset makes a page one script;
    a character GB2312 has is never one of these.
``invisible-removed`` (normalization, prose bed only)
    zero-width spaces, joiners, soft hyphens and byte-order marks inside a
    line removed by the corpus preset (``NA\u200b\u200bSA`` -> ``NASA``): they are
    invisible, and a corpus wants them gone; a repository's are its author's
    (the hook leaves them).
``odd-space-plain`` (normalization, prose bed only)
    a space of another width -- no-break, en, em, thin (Unicode Zs, but not the
    ideographic space) -- made an ASCII space (``电\u2003题：`` -> ``电 题：``):
    the corpus preset's hygiene rule, what NFKC gives.
``blank-line-emptied`` (normalization, prose bed only)
    a line of nothing but white space (spaces, tabs, ideographic spaces) made
    empty: it was a blank line and still is.
``sentence-end-fullwidth`` (normalization, prose bed only)
    an ASCII ``? ! ; :`` ending a line right after a Han character made full
    width (``何不改乎此度?`` -> ``何不改乎此度？``, ``诗曰:`` -> ``诗曰：``): a
    Chinese sentence's end, or a Chinese colon opening what the next line says.
``fullwidth-alnum-narrowed`` (normalization, prose bed only)
    a full-width Latin letter or digit made the ASCII one it stands for
    (``Ｉ`` -> ``I``, what NFKC gives): the corpus preset's width rule.
``furniture-kept-as-metadata`` (normalization, prose bed only)
    lines the boilerplate step removed whose every word is in the metadata it
    kept, or is a label (a word of at most LABEL_MAX characters before a colon
    or slash): ``【编辑:李润泽】`` with ``editor: 李润泽`` kept, ``来源：北京青年报``
    with ``source: 北京青年报``.  The corpus preset strips page furniture and
    keeps what it said; a credit whose source is lost (``《人民日报海外版》``
    with only the date kept) stays damage.
``leaked-tag-removed`` (repair, prose bed only)
    an HTML tag printed in the text (``<br/>``, ``<p>``) removed, or turned
    into the line break it stood for: markup a scraper left, not text.
``mojibake-undone`` (repair)
    real damage undone: the old text is what encoding the new text in one
    codec and decoding it in another gives (UTF-8 read as GBK, GBK as Latin-1,
    Big5 as GBK...), and the line now reads as Chinese where it did not (only
    Han, CJK marks and ASCII brought in; the old line's share of frequent
    characters at most MOJIBAKE_LINE, the new line's at least CHINESE_LINE):
    the codec test alone is symmetric and would call the reverse damage a repair.

``join-in-wrapped-text`` (repair)
    a line break removed in a document the bed labels ``wrapped`` (lines
    broken at a fixed column: scripts/build_beds.py ``looks_wrapped``): the
    evaluation expects those joins.
``join-at-print-column`` (repair, prose bed only)
    a line break removed after a line that fills the document's print column
    and does not end a sentence (``…特設國`` / ``家檔案局籌備處``): the column
    is a width, of at least PRINT_COLUMN_MIN columns, that at least
    PRINT_COLUMN_LINES lines reach (within PRINT_COLUMN_SLACK) and none
    exceeds, most of them ending open (``print_column``).  A database or a
    print layout wrapped those lines; a text laid out one paragraph per line
    has no such width.
``space-in-wrapped-text`` (repair)
    a space between two Chinese characters or marks removed in a document the bed labels
    ``wrapped`` (``looks_rejoined``: lines once wrapped, joined again with a
    space at each old break, ``什么 事``): the space is the old line break's.

A change within a line that the diff merged from neighbouring changes of the
same length, or of those and spaces removed, is judged character by character
where no rule passes it whole (``by-character``: each changed character, and
each run of removed spaces, must pass a rule on its own).

Everything else is damage (``default-damage``), and a change of the file's
bytes conventions (encoding, BOM, line endings, final newline) is damage
(``bytes-convention``).  The ``pattern`` of a damaging change is a short label
for grouping in reports (what kind of text was changed into what), not a verdict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
import re
import unicodedata
from functools import lru_cache

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff]")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")
URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+")

# the ASCII marks whose width the normalization rule allows, and their full-width forms
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# kinds of document whose running text is prose (in the hook bed only the
# text of Markdown, plain text, po catalogues and subtitle cues is)
PROSE_KINDS = {"prose", "markdown", "po", "subtitles"}
# codec pairs for "mojibake undone": (how the text was really encoded, how it was wrongly read)
MOJIBAKE_PAIRS = (
    ("utf-8", "gbk"), ("utf-8", "gb18030"), ("gbk", "latin-1"), ("gbk", "cp1252"), ("utf-8", "latin-1"),
    ("utf-8", "cp1252"), ("big5", "gbk"), ("gbk", "big5"), ("utf-8", "big5"), ("utf-8", "cp950"),
)


@dataclasses.dataclass
class Change:
    """One change the evaluation found, with what the rules need to judge it."""

    type: str  # "char" (within a line), "join", "split", "delete", "insert", "block", "bytes"
    before: str
    after: str
    line: int  # 1-based line in the input
    line_before: str = ""  # the whole input line (char changes), or the lines joined
    line_after: str = ""
    column: int = 0  # 0-based column of the change in line_before
    kept: str = ""  # deletions by boilerplate: the metadata values the step kept, one a line
    above: str = ""  # char changes: the lines of its paragraph above line_before (back to a blank line), each ending in "\n"
    below: str = ""  # char changes: the lines of its paragraph below line_before (to a blank line), each after its "\n"
    upper: str = ""  # joins: the whole input line the removed break ended
    print_column: int = 0  # joins: the document's print column (``print_column``), 0 if it has none
    steps: tuple[str, ...] = ()
    in_code: bool = False  # inside syntax, not running text (clean_eval.syntax_regions: Markdown code, subtitle timings, po keywords)
    verdict: str = ""
    rule: str = ""
    pattern: str = ""


@lru_cache(maxsize=None)
def _opencc(name: str):
    import opencc

    return opencc.OpenCC(name)


def reads_traditional(text: str) -> bool:
    han = "".join(HAN.findall(text))
    if not han or KANA.search(text):
        return False
    to_simplified = sum(a != b for a, b in zip(han, _opencc("t2s").convert(han)))
    to_traditional = sum(a != b for a, b in zip(han, _opencc("s2t").convert(han)))
    return to_simplified >= 1 and to_simplified > to_traditional


def _is_han(char: str) -> bool:
    return bool(char) and bool(HAN.match(char))


# full-width CJK marks: Chinese on a mark's side as much as a Han character is
CJK_MARKS = frozenset("，。、；：？！（）《》〈〉【】「」『』〔〕…—～·“”‘’")


def _is_chinese(char: str) -> bool:
    return _is_han(char) or char in CJK_MARKS


def _fullwidth_between_han(change: Change, kind: str, language: str) -> bool:
    if change.type != "char" or kind not in PROSE_KINDS or language == "ja" or change.in_code:
        return False
    line = change.line_before
    if KANA.search(line):
        return False
    before, after = change.before, change.after
    marks = before[:-1] if before.endswith(" ") and len(before) == len(after) + 1 else before
    if not marks or len(marks) != len(after) or any(FULLWIDTH.get(b) != a for b, a in zip(marks, after)):
        return False
    start, end = change.column, change.column + len(before)
    left = line[start - 1] if start > 0 else ""
    right = line[end] if end < len(line) else ""
    if not (_is_chinese(left) and _is_chinese(right)):
        return False
    return not any(m.start() <= start < m.end() for m in URL.finditer(line))


def _partner(text: str, at: int) -> int:
    """Where the bracket at ``at`` of ``text`` is closed or opened (either width), or -1."""
    opening = text[at] in "(（"
    step, own, other = (1, "(（", ")）") if opening else (-1, ")）", "(（")
    depth, index = 0, at + step
    while 0 <= index < len(text):
        if text[index] in own:
            depth += 1
        elif text[index] in other:
            if depth == 0:
                return index
            depth -= 1
        index += step
    return -1


def display_width(line: str) -> int:
    """Columns a line takes in a terminal: two for a wide or full-width character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


PRINT_COLUMN_MIN = 40  # a wrapping tool's or a database's column; verse lines are shorter
PRINT_COLUMN_SLACK = 2  # a full-width character that does not fit ends its line one column short
PRINT_COLUMN_LINES = 3  # lines at the column: one or two long lines may be a paragraph's own length
SENTENCE_END = "。！？；：”」』）…．.!?\"'》"


def print_column(text: str) -> int:
    """The width at which the document's lines were wrapped, or 0: the widest
    line's width, when at least PRINT_COLUMN_LINES lines come within
    PRINT_COLUMN_SLACK of it and most of those end open (mid-sentence).  A
    text laid out one paragraph per line has one widest line, not several."""
    # (a table drawn in box-drawing characters has its own width: its lines are no wrap's)
    widths = [(display_width(line.rstrip()), line.rstrip()) for line in text.splitlines() if line.strip() and not BOX_DRAWING.search(line)]
    if not widths:
        return 0
    column = max(width for width, _ in widths)
    full = [line for width, line in widths if width >= column - PRINT_COLUMN_SLACK]
    open_end = [line for line in full if line[-1] not in SENTENCE_END]
    if column < PRINT_COLUMN_MIN or len(full) < PRINT_COLUMN_LINES or len(open_end) * 2 <= len(full):
        return 0
    return column


def _join_at_print_column(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "join" or not change.print_column or not change.upper.strip():
        return False
    upper = change.upper.rstrip()
    return display_width(upper) >= change.print_column - PRINT_COLUMN_SLACK and upper[-1] not in SENTENCE_END


def _fullwidth_bracket_pair(change: Change, kind: str, language: str) -> bool:
    if change.type != "char" or kind not in PROSE_KINDS or language == "ja" or change.in_code:
        return False
    if (change.before, change.after) not in ((")", "）"), ("(", "（")) or KANA.search(change.line_before):
        return False
    # a ) may close a ( on a line above, in the same paragraph (``(掛帆`` / ``一作：去)``)
    line, at = change.above + change.line_before, len(change.above) + change.column
    if change.before == "(":  # its partner on the same line, or a line below in the paragraph
        line, at = change.line_before + change.below, change.column
    partner = _partner(line, at)
    if partner < 0 or abs(partner - at) < 2:
        return False
    opening, close = min(at, partner), max(at, partner)
    # the spaces a typist set outside a half-width pair (委員會 (以下簡稱本會) 為) are
    # its padding, not its context: the context is what stands beyond them
    if line[opening] == "(":
        while opening > 0 and line[opening - 1] == " ":
            line, opening, close = line[: opening - 1] + line[opening:], opening - 1, close - 1
        while line[close + 1 : close + 2] == " ":
            line = line[: close + 1] + line[close + 2 :]
    right = line[close + 1 : close + 2]
    if right == "\n":  # the end of a line, in a paragraph read on below
        right = ""
    if kind == "po" and right == '"':  # the end of a msgstr string is the end of its text
        right = ""
    if line[opening] == "（":  # two widths made one
        return change.before == ")" and _is_chinese(line[close - 1]) and (right == "" or _is_chinese(right))
    # the pair is the Chinese sentence's, whatever it holds: Chinese before the (,
    # Chinese, a digit or the line's end after the ) (``大会(COP30)于``, ``电(记者 王红)11月``);
    # or a Chinese gloss, Chinese just inside both, with Chinese after the ) whatever
    # is before the ( (``AI(人工智能)领域``, ``110(提供中文服务)，``)
    if opening > 0 and _is_chinese(line[opening - 1]) and (right == "" or _is_chinese(right) or right.isdigit()):
        return True
    # (at a line's end only after a number: ``print(中文)`` is a call)
    after_number = right == "" and opening > 0 and line[opening - 1].isdigit()
    return _is_chinese(line[opening + 1]) and _is_chinese(line[close - 1]) and (_is_chinese(right) or after_number)


_WORDS = re.compile(r"[\w]+")  # runs of Han, letters and digits
_LABEL_END = frozenset(":：/／")
LABEL_MAX = 4  # characters of a label word (编辑, 来源, 责任编辑)


def _furniture_kept(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "delete" or "boilerplate" not in change.steps or not change.kept:
        return False
    text = change.before
    for word in _WORDS.finditer(text):
        after = text[word.end() : word.end() + 1]
        if len(word.group()) <= LABEL_MAX and after in _LABEL_END:
            continue  # a label: what the value is
        if word.group() not in change.kept:
            return False
    return True


def _bracket_padding(change: Change, kind: str, language: str) -> bool:
    """A space removed just outside a half-width bracket that was made full
    width as a Chinese sentence's (``委員會 (以下簡稱本會) 為`` -> ``委员会（…）为``)."""
    if change.type != "char" or change.after or not change.before or change.before.strip(" "):
        return False
    line, start, end = change.line_before, change.column, change.column + len(change.before)
    for at in (end, start - 1):
        if 0 <= at < len(line) and line[at] == ("(" if at == end else ")"):
            bracket = dataclasses.replace(change, before=line[at], after=FULLWIDTH[line[at]], column=at)
            return _fullwidth_bracket_pair(bracket, kind, language)
    return False


def _space_in_wrapped(change: Change, genre: str) -> bool:
    if genre != "wrapped" or change.type != "char" or change.before != " " or change.after:
        return False
    line, column = change.line_before, change.column
    return 0 < column < len(line) - 1 and _is_chinese(line[column - 1]) and _is_chinese(line[column + 1])


def _odd_space_plain(change: Change, bed: str) -> bool:
    """A space of another width (no-break, en, em, thin: Unicode's Zs but the
    ideographic space) made an ASCII space, each one of them."""
    if bed != "prose" or change.type != "char" or not change.before or change.after != " " * len(change.before):
        return False
    return all(unicodedata.category(c) == "Zs" and c not in " \u3000" for c in change.before)


def _stray_mark(change: Change) -> bool:
    if change.type != "char" or change.before not in ("，", ",") or change.after:
        return False
    following = change.line_before[change.column + 1 : change.column + 2]
    return following in CJK_MARKS and following not in "“‘（《【「『"


def _t2s_traditional(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "char" or not change.before or not HAN.search(change.before):
        return False
    line = change.line_before
    if not reads_traditional(line):
        return False
    start, end = change.column, change.column + len(change.before)
    for config in ("t2s", "tw2s", "hk2s"):
        converted = _opencc(config).convert(line)
        if len(converted) == len(line) and converted[start:end] == change.after:
            return True
    return False


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff")


_LEAKED_TAG = re.compile(r"</?(?:br|p|div|span|b|i|strong|em)\b[^<>]{0,40}/?>", re.I)


def _blank_line_emptied(change: Change, bed: str) -> bool:
    return bed == "prose" and change.type == "char" and not change.after and bool(change.before) and not change.before.strip() and not change.line_before.strip()


def _sentence_end_fullwidth(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "char" or (change.before, change.after) not in (("?", "？"), ("!", "！"), (";", "；"), (":", "：")):
        return False
    line, start = change.line_before, change.column
    return start == len(line.rstrip()) - 1 and start > 0 and _is_han(line[start - 1])


def _fullwidth_alnum_narrowed(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "char" or not change.before or len(change.before) != len(change.after):
        return False
    return all(("\uff10" <= old <= "\uff19" or "\uff21" <= old <= "\uff3a" or "\uff41" <= old <= "\uff5a")
               and unicodedata.normalize("NFKC", old) == new for old, new in zip(change.before, change.after))


def _leaked_tag_removed(change: Change, bed: str) -> bool:
    if bed != "prose":
        return False
    if change.type == "char":
        return change.after in ("", "\n") and bool(change.before) and _LEAKED_TAG.fullmatch(change.before) is not None
    # a tag turned into a line break: the split sits where a tag stood
    return change.type == "split" and bool(_LEAKED_TAG.search(change.line_before))


def _invisible_removed(change: Change, bed: str) -> bool:
    return bed == "prose" and change.type == "char" and not change.after and bool(change.before) and set(change.before) <= INVISIBLE


def _t2s_stray(change: Change, bed: str) -> bool:
    if bed != "prose" or change.type != "char" or not change.before or not HAN.search(change.before):
        return False
    if any(_in_gb2312(c) for c in change.before):
        return False
    line = change.line_before
    start, end = change.column, change.column + len(change.before)
    for config in ("t2s", "tw2s", "hk2s"):
        converted = _opencc(config).convert(line)
        if len(converted) == len(line) and converted[start:end] == change.after:
            return True
    return False


@lru_cache(maxsize=65536)
def common_han(char: str) -> bool:
    """A frequent character: GB2312 level 1 (first byte B0-D7) or Big5's
    frequent block (A440-C67E).  Mojibake is dominated by rare characters."""
    for codec, first in (("gb2312", range(0xB0, 0xD8)), ("big5", range(0xA4, 0xC7))):
        try:
            encoded = char.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2 and encoded[0] in first:
            return True
    return False


def commonness(text: str) -> float:
    han = [c for c in text if _is_han(c)]
    return sum(map(common_han, han)) / len(han) if han else 0.0


# what a repaired span may consist of: Han, CJK and full-width marks, ASCII
REPAIRED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\x20-\x7e\u2014-\u2026]+")
# a line that reads this poorly is mojibake; one that reads this well is Chinese
MOJIBAKE_LINE, CHINESE_LINE = 0.6, 0.9


def _reads_better(change: Change) -> bool:
    """The line was unreadable and now reads as Chinese: the repaired span
    holds only Han, CJK marks and ASCII (no kana, no private-use or other
    scripts brought in), the old line's share of frequent characters is low
    and the new line's high.  Without it, the reverse of a repair (Big5 text
    re-read as GBK: 不允許用 -> ぃす砛ノ, 乍绾横波 -> է纺Შ) passes the codec test too:
    the test is symmetric."""
    if not REPAIRED.fullmatch(change.after):
        return False
    new_line = change.line_after or change.line_before.replace(change.before, change.after, 1)
    for pattern in (KANA, PRIVATE_USE):  # the rest of the line must not have been spoilt either
        if len(pattern.findall(new_line)) > len(pattern.findall(change.line_before)):
            return False
    return commonness(change.line_before) <= MOJIBAKE_LINE and commonness(new_line) >= CHINESE_LINE


def _mojibake_undone(change: Change) -> bool:
    if not change.before or not change.after or change.type == "bytes":
        return False
    if not _reads_better(change):
        return False
    for real, wrong in MOJIBAKE_PAIRS:
        try:
            if change.after.encode(real).decode(wrong) == change.before:
                return True
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return False


def classify(change: Change, *, bed: str, kind: str, language: str, genre: str = "") -> Change:
    """Set ``change.verdict``, ``.rule`` and ``.pattern``; returns the change.

    A change within a line that the diff merged from neighbouring character
    changes of the same length (``(餘`` -> ``（余``: a bracket made full width
    beside a character converted), or of those and spaces removed (``員會 (``
    -> ``员会（``), and that no rule passes whole is judged piece by piece
    (``_parts``): it is damage unless each piece passes a rule on its own
    (``by-character``)."""
    change.pattern = pattern_of(change)
    change.verdict, change.rule = _verdict(change, bed=bed, kind=kind, language=language, genre=genre)
    parts = _parts(change) if change.verdict == "damage" and change.type == "char" and len(change.before) > 1 else []
    if parts:
        verdicts = [_verdict(part, bed=bed, kind=kind, language=language, genre=genre) for part in parts]
        if len(parts) > 1 and all(verdict != "damage" for verdict, _ in verdicts):
            change.verdict = "repair" if any(verdict == "repair" for verdict, _ in verdicts) else "normalization"
            change.rule = "by-character: " + "+".join(dict.fromkeys(rule for _, rule in verdicts))
    return change


def _parts(change: Change) -> list[Change]:
    """A merged change's pieces: each character replaced by one, and each run of
    spaces removed (``員會 (`` -> ``员会（``: two conversions, a space, a bracket);
    [] when the change is no such sum."""
    before, after = change.before, change.after
    parts: list[Change] = []
    j = 0
    for i, old in enumerate(before):
        if len(before) != len(after) and old == " " and (j >= len(after) or after[j] != " "):
            if parts and parts[-1].after == "" and parts[-1].column + len(parts[-1].before) == change.column + i:
                parts[-1] = dataclasses.replace(parts[-1], before=parts[-1].before + " ")
            else:
                parts.append(dataclasses.replace(change, before=" ", after="", column=change.column + i))
            continue
        if j >= len(after):
            return []
        if old != after[j]:
            parts.append(dataclasses.replace(change, before=old, after=after[j], column=change.column + i))
        j += 1
    return parts if j == len(after) else []


# The rules in the order they are asked: (verdict, rule, whether it passes the
# change, given the change, the bed, the file's kind, language and genre).
RULES: tuple[tuple[str, str, Callable[[Change, str, str, str, str], bool]], ...] = (
    ("damage", "bytes-convention", lambda c, bed, kind, language, genre: c.type == "bytes"),
    ("repair", "join-in-wrapped-text", lambda c, bed, kind, language, genre: c.type == "join" and genre == "wrapped"),
    ("repair", "join-at-print-column", lambda c, bed, kind, language, genre: _join_at_print_column(c, bed)),
    ("repair", "space-in-wrapped-text", lambda c, bed, kind, language, genre: _space_in_wrapped(c, genre)),
    ("repair", "mojibake-undone", lambda c, bed, kind, language, genre: _mojibake_undone(c)),
    ("normalization", "fullwidth-between-han", lambda c, bed, kind, language, genre: _fullwidth_between_han(c, kind, language)),
    ("normalization", "fullwidth-bracket-pair", lambda c, bed, kind, language, genre: _fullwidth_bracket_pair(c, kind, language)),
    ("normalization", "bracket-padding", lambda c, bed, kind, language, genre: _bracket_padding(c, kind, language)),
    ("normalization", "stray-mark", lambda c, bed, kind, language, genre: _stray_mark(c)),
    ("normalization", "t2s-traditional-paragraph", lambda c, bed, kind, language, genre: _t2s_traditional(c, bed)),
    ("normalization", "blank-line-emptied", lambda c, bed, kind, language, genre: _blank_line_emptied(c, bed)),
    ("normalization", "sentence-end-fullwidth", lambda c, bed, kind, language, genre: _sentence_end_fullwidth(c, bed)),
    ("normalization", "fullwidth-alnum-narrowed", lambda c, bed, kind, language, genre: _fullwidth_alnum_narrowed(c, bed)),
    ("normalization", "furniture-kept-as-metadata", lambda c, bed, kind, language, genre: _furniture_kept(c, bed)),
    ("repair", "leaked-tag-removed", lambda c, bed, kind, language, genre: _leaked_tag_removed(c, bed)),
    ("normalization", "odd-space-plain", lambda c, bed, kind, language, genre: _odd_space_plain(c, bed)),
    ("normalization", "invisible-removed", lambda c, bed, kind, language, genre: _invisible_removed(c, bed)),
    ("normalization", "t2s-stray-traditional", lambda c, bed, kind, language, genre: _t2s_stray(c, bed)),
)


def _verdict(change: Change, *, bed: str, kind: str, language: str, genre: str) -> tuple[str, str]:
    """The verdict and rule of the first of ``RULES`` that passes ``change``; else damage."""
    for verdict, rule, passes in RULES:
        if passes(change, bed, kind, language, genre):
            return verdict, rule
    return "damage", "default-damage"


# -- patterns (labels for grouping damage; not verdicts) -----------------------------------


def _char_class(text: str) -> str:
    if not text:
        return "nothing"
    if not text.isspace() and text.strip(" ") != text:  # "，" for " (": say the space went too
        return "space+" + _char_class(text.strip(" "))
    if text.isspace():
        names = {"\n": "newline", "\u3000": "ideographic-space", "\t": "tab", " ": "space"}
        return "+".join(sorted({names.get(c, "whitespace") for c in text}))
    if KANA.search(text):
        return "kana"
    if all(_is_han(c) for c in text):
        return "han"
    if all(c in FULLWIDTH for c in text):
        return "ascii-punct"
    if all(unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S") for c in text if not c.isspace()):
        return "fullwidth-punct" if all(ord(c) > 0x2000 for c in text if not c.isspace()) else "ascii-symbols"
    if text.isascii():
        return "ascii-text"
    return "mixed"


def pattern_of(change: Change) -> str:
    if change.type == "bytes":
        return f"bytes: {change.before} -> {change.after}"
    if change.type in ("join", "split", "delete", "insert", "block"):
        what = "blank lines" if change.type in ("delete", "insert") and not (change.before + change.after).strip() else "text lines"
        return f"{change.type}: {what}"
    before, after = _char_class(change.before), _char_class(change.after)
    label = f"{before} -> {after}"
    if before == after == "han":
        label = "han -> han (script conversion)" if _is_conversion(change.before, change.after) else "han -> other han"
    elif change.before and change.after and change.before.strip() == change.after.strip():
        label = "white space around text"
    if change.in_code:
        label += " [in syntax]"
    return f"char: {label}"


def _is_conversion(before: str, after: str) -> bool:
    return any(_opencc(c).convert(before) == after for c in ("t2s", "tw2s", "hk2s", "s2t", "t2jp", "jp2t"))
