"""Hypothesis strategies: realistic clean Chinese, and realistic damage to it.

Clean text is built from real sentences (the seeds' and the held-out file's)
that pass a test independent of normalize-zh: OpenCC's t2s leaves them alone,
and they hold no ASCII punctuation, brackets or spaces.  Generated mixes add
Latin words, numbers, URLs and full-width marks.  Each kind of damage is made
the way a scraper, a content farm or a print extraction makes it.
"""

from __future__ import annotations

import functools
import re
import sys

from hypothesis import assume
from hypothesis import strategies as st

from .damage import MOJIBAKE, ROOT, heldout, to_traditional
from .documents import SEO

# A print column is cut the way the judges' training pages are: scripts/damage.py,
# imported the way scripts/fit_judges.py and benchmarks/ import it, so that the
# fit and the tests share one typesetting model and its line-start rule (禁则).
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))
from damage import break_lines  # noqa: E402  (scripts/damage.py, not .damage)

_NOT_CLEAN = re.compile(r"[,;:?!()\[\]<>{}|_\s\u3000\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
SENTENCE = re.compile(r"[^。！？\n]+[。！？]")


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s.json")


def is_clean(text: str) -> bool:
    """Simplified (t2s changes nothing), and no ASCII marks, brackets or spaces."""
    return _t2s().convert(text) == text and not _NOT_CLEAN.search(text)


@functools.cache
def clean_sentences() -> tuple[str, ...]:
    found = []
    sources = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("0*.txt"))]
    sources += heldout("court") + heldout("forum")
    for source in sources:
        found += [s for s in SENTENCE.findall(source) if 6 <= len(s) <= 150 and is_clean(s)]
    return tuple(dict.fromkeys(found))


@functools.cache
def clean_titles() -> tuple[str, ...]:
    return tuple(t for t in heldout("title") if is_clean(t) and t[-1] not in "。！？，、" and 8 <= len(t) <= 30)


sentences = st.sampled_from(clean_sentences())
paragraphs = st.lists(sentences, min_size=1, max_size=4).map("".join)
titles = st.sampled_from(clean_titles())


@st.composite
def articles(draw, min_paragraphs: int = 1) -> list[str]:
    """A title and paragraphs: the lines of a clean simplified article (no
    sentence twice, as in real text)."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=min_paragraphs, max_size=4))
    chosen = draw(st.lists(sentences, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    body = []
    for size in sizes:
        body.append("".join(chosen[:size]))
        chosen = chosen[size:]
    return [draw(titles), *body]


def article_text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


# Mixes: Han runs cut from the clean sentences, marks, Latin, numbers, URLs
han_runs = st.builds(lambda s, i, n: s[i % len(s) :][:n], sentences, st.integers(0, 100), st.integers(1, 12))
latin_words = st.sampled_from(["GDP", "Python", "iPhone 15", "Hello, world", "COVID-19", "e.g.", "print(x)", "A/B"])
numbers = st.sampled_from(["1,000", "10:05", "3.5%", "2023", "12月28日", "第3版", "0.5", "100:1"])
urls = st.sampled_from(["https://example.com/a_b?x=1,2", "http://www.gov.cn/(test)", "www.example.cn", "a.b@example.com"])
marks = st.sampled_from(list("，。、；：？！（）《》“”‘’…—,.;:?!()\"' \n"))
mixes = st.lists(st.one_of(han_runs, han_runs, latin_words, numbers, urls, marks), max_size=30).map("".join)


# --- damage ------------------------------------------------------------------

@functools.cache
def _annotation_choices() -> frozenset[str]:
    """Characters whose annotation also decides their simplified form (tested
    by example elsewhere; here their reading would have to be guessed)."""
    from normalize_zh.pinyin import reading_choices

    return frozenset(char for char, _ in reading_choices())


def annotate(text: str, every: int) -> str:
    """Traditional text with a content farm's pinyin after every ``every``-th Han
    character (pypinyin's reading in context, with tone marks)."""
    from pypinyin import Style, pinyin

    traditional = to_traditional(text)
    assume(_t2s().convert(traditional) == text)  # OpenCC round-trips this text
    readings = pinyin(text, style=Style.TONE, errors=lambda chars: [None] * len(chars))
    out = []
    count = 0
    for char, original, reading in zip(traditional, text, (r[0] for r in readings)):
        out.append(char)
        if reading and "\u4e00" <= char <= "\u9fff" and original not in _annotation_choices():
            count += 1
            if count % every == 0:
                out.append(f"({reading})")
    return "".join(out)


_FULL_TO_ASCII = str.maketrans("，：；？！", ",:;?!")
_HAN_NEIGHBOUR = re.compile(r"(?<=[\u4e00-\u9fff])[，：；？！]|[，：；？！](?=[\u4e00-\u9fff])")


def ascii_marks(text: str) -> str:
    """What many sites do: ASCII commas, colons and marks after Chinese.  Only
    marks beside a Han character: between Latin letters or digits
    (``215/65R16，98V``) nobody can tell the ASCII form was wrong."""
    return _HAN_NEIGHBOUR.sub(lambda m: m.group().translate(_FULL_TO_ASCII), text)


def stray_commas(text: str, every: int) -> str:
    """A content farm's stray comma before every ``every``-th comma, 、 or 。"""
    out = []
    count = 0
    for char in text:
        if char in "，、。":
            count += 1
            if count % every == 0:
                out.append(",")
        out.append(char)
    return "".join(out)


def ends_sentence(line: str) -> bool:
    return line.rstrip("”’」』）》")[-1:] in "。！？…"


def link_list(picked: list[str], seo: list[str]) -> list[str]:
    return [f"- {title}_{tail}" for title, tail in zip(picked, seo)]


def _between_han(line: str, escape: str) -> str:
    """``escape`` between the first two neighbouring Han characters of ``line``."""
    for index in range(1, len(line)):
        if "\u4e00" <= line[index - 1] <= "\u9fff" and "\u4e00" <= line[index] <= "\u9fff":
            return line[:index] + escape + line[index:]
    return line


LOSSLESS_MOJIBAKE = sorted(kind for kind, (_, lossless) in MOJIBAKE.items() if lossless)


@st.composite
def damaged_articles(draw) -> tuple[str, str, list[str]]:
    """(clean article text, the same damaged, the kinds of damage applied)."""
    lines = draw(articles(min_paragraphs=1))
    clean = article_text(lines)
    kinds = draw(
        st.lists(
            st.sampled_from(["pinyin", "ascii", "stray", "mojibake", "breaks", "links", "markup", "escapes", "spaced", "doubled"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    if "breaks" in kinds or "mojibake" in kinds:  # print and mis-decoded pages carry no leaked HTML
        kinds = [kind for kind in kinds if kind not in ("markup", "escapes")]
    if "mojibake" in kinds:  # a PDF's text layer is decoded by the extractor, never mis-decoded
        kinds = [kind for kind in kinds if kind != "spaced"]
    if "pinyin" in kinds:  # content farms' pages are neither print columns, PDF extractions nor mis-decoded
        kinds = [kind for kind in kinds if kind not in ("breaks", "mojibake", "spaced")]
    if "stray" in kinds:  # nor are their stray commas on printed pages
        kinds = [kind for kind in kinds if kind != "breaks"]
    title, body = lines[0], lines[1:]
    if "pinyin" in kinds:
        every = draw(st.integers(1, 3))
        title, body = annotate(title, every), [annotate(p, every) for p in body]
    if "stray" in kinds:
        every = draw(st.integers(1, 3))
        body = [stray_commas(p, every) for p in body]
    if "breaks" in kinds:
        width = draw(st.integers(12, 30))
        # a printed page shows its column through several cut lines; a lone
        # two-line paragraph whose first line reads as a heading is a guess
        broken = [break_lines(paragraph, width) for paragraph in body]
        assume(sum(len(lines) - 1 for lines in broken) >= 4)
        # a cut right after a sentence end: without the indentation that
        # extraction loses, no reader can tell it from a paragraph's end
        assume(not any(ends_sentence(line) for lines in broken for line in lines[:-1]))
        body = [line for lines in broken for line in lines]
    if "ascii" in kinds:
        body = [ascii_marks(p) for p in body]
    if "mojibake" in kinds:
        kind = draw(st.sampled_from(LOSSLESS_MOJIBAKE))
        damage, _ = MOJIBAKE[kind]
        # a whole file decoded wrongly, or (on the web) one paragraph pasted in from one
        whole = "breaks" in kinds or draw(st.booleans())
        chosen = range(len(body)) if whole else [draw(st.integers(0, len(body) - 1))]
        for index in chosen:
            if kind.startswith("big5"):
                traditional = to_traditional(body[index])
                assume(_t2s().convert(traditional) == body[index])
                assume(traditional.encode("big5", "replace").decode("big5") == traditional)
            body[index] = damage(body[index])
    if "spaced" in kinds:  # spaced-out type, extracted with a space after every character
        # (on a printed page the spaced-out type is the headline's, not a column's)
        index = -1 if "breaks" in kinds else draw(st.integers(-1, len(body) - 1))
        if index < 0:
            title = " ".join(title)
        else:
            body[index] = " ".join(body[index])
    if "markup" in kinds:
        wrap = st.sampled_from(["<p>{}</p>", "{}<br/>", "<div class=\"content\">{}</div>", "<strong>{}</strong>"])
        body = [draw(wrap).format(line) for line in body]
    if "escapes" in kinds:
        body = [_between_han(line, draw(st.sampled_from(["u200b", "u00ad", "ufeff"]))) for line in body]
    lines = [title, *body]
    if "doubled" in kinds and len(body) >= 2 and "breaks" not in kinds:  # a slide-deck extraction
        lines = [line for line in lines for _ in (0, 1)]
    if "links" in kinds:
        count = draw(st.integers(4, 8))
        picked = draw(st.lists(titles, min_size=count, max_size=count, unique=True))
        tails = draw(st.lists(st.sampled_from(SEO), min_size=count, max_size=count))
        lines += link_list(picked, tails)
    return clean, article_text(lines), kinds
