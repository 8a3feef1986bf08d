"""Extraction debris added to clean articles, the way scrapers and PDF tools add it.

Two kinds of page: a scraped news page (leaked HTML, escapes, content-farm
spam lines, around the furniture of documents.damage_document) and a PDF or
print extraction (letter-spaced headings, lines joined with spaces at a
column's width, doubled lines of a slide deck, chunk markers of a
document-sharing site).  Phrases differ from the package's data files where
they can, so the evaluation checks kinds, not strings.
"""

from __future__ import annotations

import random

from .documents import Article, damage_document

TEMPLATE_LINES = [
    "本文内容来源于网络，如有侵权请联系删除。",
    "声明：本文系原创，未经授权不得转载。",
    "以上内容仅代表作者本人观点，不代表本站观点。",
    "转载请注明出处，谢谢合作。",
]
ADVERT_LINES = [
    "【推广】美国服务器低至19元/月，免备案，点击购买！",
    "新用户专享：云服务器限时优惠，低至8折。",
    "虚拟主机、域名注册一站式服务，优惠码NEW2024立减50元。",
]
KEYWORDS = ["新闻", "资讯", "头条", "要闻", "快讯", "热点", "日报", "在线"]


def _stuffed_line(rng: random.Random) -> str:
    place = rng.choice(["郑州", "洛阳", "济源", "开封", "新乡"])
    items = [place + word for word in rng.sample(KEYWORDS, 6)]
    return rng.choice([",", "|", "、", " "]).join(items)


def news_page(article: Article, rng: random.Random) -> tuple[str, dict[str, int]]:
    """A scraped page: furniture, then HTML, escapes and spam lines (counts by kind)."""
    text, _ = damage_document(article, rng, breaks=False)
    counts = {"markup": 0, "escapes": 0, "spam": 0}
    lines = text.split("\n")
    out = []
    for line in lines:
        paragraph = len(line) > 30 and "。" in line  # where an article's markup would be
        if paragraph and rng.random() < 0.5:
            form = rng.random()
            if form < 0.4:
                line = f"<p>{line}</p>"
            elif form < 0.7:
                cut = rng.randint(5, len(line) - 5)
                while line[cut - 1] in "，。、；：？！" or line[cut] in "，。、；：？！":
                    cut += 1
                line = line[:cut] + "<br/>" + line[cut:]
            else:
                line = f'<span style="font-size:16px">{line}</span>'
            counts["markup"] += 1
        # a template's invisible character, printed without its backslash, between two Chinese characters
        between = [i for i in range(1, len(line)) if not line[i - 1].isascii() and not line[i].isascii()]
        if paragraph and between and rng.random() < 0.3:
            cut = rng.choice(between)
            line = line[:cut] + rng.choice(["u200b", "u3000", "u00a0"]) + line[cut:]
            counts["escapes"] += 1
        out.append(line)
    body = [i for i, line in enumerate(out) if len(line) > 40]
    if body and rng.random() < 0.5:
        out.insert(rng.choice(body) + 1, rng.choice(ADVERT_LINES))
        counts["spam"] += 1
    if rng.random() < 0.5:
        out.insert(len(out) - 1, rng.choice(TEMPLATE_LINES))
        counts["spam"] += 1
    if rng.random() < 0.4:
        out.insert(0, _stuffed_line(rng))
        counts["spam"] += 1
    return "\n".join(out), counts


def pdf_extraction(article: Article, rng: random.Random) -> tuple[str, dict[str, int]]:
    """A PDF or print extraction: one kind of debris per document (counts by kind)."""
    counts = {"letter-spaced": 0, "line-end spaces": 0, "doubled lines": 0, "chunk markers": 0, "broken lines": 0}
    kind = rng.choice(list(counts))
    lines = [article.title, *article.blocks]
    if kind == "letter-spaced":
        lines[0] = " ".join(lines[0])
        counts[kind] = 1
    elif kind == "line-end spaces":
        width = rng.randint(16, 30)
        for index, line in enumerate(lines[1:], 1):
            if len(line) > width * 2:
                lines[index] = " ".join(line[i : i + width] for i in range(0, len(line), width))
                counts[kind] += len(line) // width
    elif kind == "doubled lines":
        lines = [line for line in lines for _ in (0, 1)]
        counts[kind] = len(lines) // 2
    elif kind == "chunk markers":
        text = "\n".join(lines)
        size = rng.randint(60, 120)
        pieces = [text[i : i + size] for i in range(0, len(text), size)]
        marked = pieces[0]
        for number, piece in enumerate(pieces[1:], 1):
            marked += f"{number}、" + piece
        counts[kind] = len(pieces) - 1
        return marked + "\n", counts
    else:
        text, _ = damage_document(article, rng, furniture=False)
        counts[kind] = text.count("\n") - len(lines)
        return text, counts
    return "\n".join(lines) + "\n", counts
