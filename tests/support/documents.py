"""Realistic damaged pages built from held-out text, for the cleanup evaluation
and the property tests.

A clean article (a title, sometimes a subtitle and subheadings, paragraphs)
is made from held-out real text (tests/data/heldout_zh.txt).  Then, like a
scraper or a print extraction would, furniture is added around and inside it
and lines are broken mid-sentence.  The furniture comes from templates written
for this file (different words from the seeds, some SEO words that no data
file of the package lists), so the evaluation checks kinds, not strings.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from .damage import heldout

NAMES = ["李晓明", "王芳", "张建国", "陈静", "刘洋", "赵丽", "孙强", "周婷", "吴昊", "郑雪"]
SOURCES = ["大河网", "东方网-东方晚报", "南方日报", "新京报", "光明网", "中国新闻网", "长江日报", "齐鲁晚报"]
COLUMNS = ["本地要闻", "社会民生", "经济观察", "时政要闻", "城市资讯", "文化体育"]
SEO = ["热点聚焦", "环球快讯", "天天资讯", "今日头条", "全球热议", "每日速递", "焦点快报", "实时热点", "最新动态", "世界播报"]
PLATFORMS = ["微信、微博", "官方微信 官方微博", "抖音 快手", "客户端下载"]


def _date(rng: random.Random) -> str:
    return f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _time(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


@dataclass
class Article:
    title: str
    blocks: list[str]  # headings and paragraphs, in order, one per line when clean
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> str:
        return "\n".join([self.title, *self.blocks]) + "\n"

    @property
    def paragraphs(self) -> int:
        return 1 + len(self.blocks)


def make_article(rng: random.Random, bodies: tuple[str, ...] = ("court", "forum")) -> Article:
    """A clean article; ``bodies`` chooses the paragraphs: "court" (long, like
    news paragraphs), "forum" (short comments)."""
    titles = heldout("title")
    bodies = [text for kind in bodies for text in heldout(kind)]
    title = rng.choice(titles)
    blocks = []
    if rng.random() < 0.3:
        blocks.append(rng.choice(titles))  # subtitle line
    for section in range(rng.randint(1, 3)):
        if section and rng.random() < 0.7:
            heading = re.split(r"[，,：:！？!?]", rng.choice(titles))[0]
            if 4 <= len(heading) <= 20:
                blocks.append(heading)
        for _ in range(rng.randint(1, 3)):
            paragraph = rng.choice(bodies)
            if len(paragraph) < 30:
                paragraph = paragraph + rng.choice(bodies)
            if paragraph[-1] not in "。！？…”":
                paragraph += "。"
            blocks.append(paragraph)
    return Article(title, blocks)


def _furniture_header(rng: random.Random, article: Article) -> list[str]:
    date, time, source = _date(rng), _time(rng), rng.choice(SOURCES)
    article.metadata.update(date=f"{date} {time}", source=source)
    return [
        rng.choice(
            [
                f"{date} {time}来源：{source}",
                f"{date} {time} 来源: {source}",
                f"发布时间：{date} {time}  来源：{source}",
            ]
        )
    ]


def _furniture_footer(rng: random.Random, article: Article) -> list[str]:
    editor = rng.choice(NAMES)
    article.metadata["editor"] = editor
    lines = [rng.choice([f"责任编辑：{editor}", f"（责任编辑：{editor}）", f"编辑：{editor}"])]
    for _ in range(rng.randint(0, 4)):
        lines.append(f"{rng.choice(COLUMNS)}{_date(rng)}")
    return lines


def _trending(rng: random.Random) -> list[str]:
    titles = heldout("title")
    picked = rng.sample(titles, rng.randint(5, 12))
    lines = []
    for title in picked:
        form = rng.random()
        seo = rng.choice(SEO)
        if form < 0.3:
            lines.append(f"- {seo}：{title}")
        elif form < 0.55:
            lines.append(f"- {title}_{seo}")
        elif form < 0.75:
            lines.append(f"- {title} {seo}")
        else:
            lines.append(f"- {title}")
    if rng.random() < 0.5:
        lines += [f"- {i} {t}" for i, t in enumerate(picked[: rng.randint(3, 6)], 1)]
    return lines


def _print_furniture(rng: random.Random) -> list[list[str]]:
    """Boxes of a printed page: masthead, today's index, follow-us box, photo credit."""
    titles = heldout("title")
    boxes = []
    if rng.random() < 0.5:
        boxes.append(["今日导读", *(f"{re.split(r'[，,：:]', t)[0][:14]} {i}版" for i, t in enumerate(rng.sample(titles, 2), 2))])
    if rng.random() < 0.5:
        boxes.append(["扫码关注我们", rng.choice(PLATFORMS)])
    return boxes


def damage_document(article: Article, rng: random.Random, *, furniture: bool = True, breaks: bool = True) -> tuple[str, set[str]]:
    """The article as a scraper or print extraction delivers it, and the set
    of furniture lines added (each must be gone from the output)."""
    separator = rng.choice(["\n", "\n\n"])
    blocks = list(article.blocks)
    if breaks:
        broken = []
        for block in blocks:
            if len(block) > 30 and rng.random() < 0.5:
                # break mid-sentence: not right after a sentence end
                positions = [i for i in range(6, len(block) - 4) if block[i - 1] not in "。！？" and block[i] not in "。！？，"]
                cut = rng.choice(positions)
                broken += [block[:cut], block[cut:]]
            else:
                broken.append(block)
        blocks = broken
    furniture_lines: set[str] = set()
    lines = [article.title, *blocks]
    if furniture:
        kind = rng.random()
        if kind < 0.5:  # a scraped web page
            header = _furniture_header(rng, article)
            lines = header + lines
            if rng.random() < 0.5:
                lines.insert(len(header) + 1, rng.choice(["（资料图）", "（图片来源：网络）", "（相关资料图）"]))
                furniture_lines.add(lines[len(header) + 1])
            footer = _furniture_footer(rng, article)
            trending = _trending(rng) if rng.random() < 0.7 else []
            lines += footer + trending
            furniture_lines.update(header + footer + trending)
        else:  # a printed page
            if rng.random() < 0.6:
                masthead = rng.choice(["全国优秀科技类报纸", "国内统一刊号CN41-0001", f"{_date(rng)} 星期二"])
                lines.insert(0, masthead)
                furniture_lines.add(masthead)
            if rng.random() < 0.6:
                credit = f"{rng.choice(NAMES)} {rng.choice(NAMES)}/摄"
                lines.insert(rng.randint(2, len(lines)), credit)
                furniture_lines.add(credit)
            for box in _print_furniture(rng):
                lines += box
                furniture_lines.update(box)
    return separator.join(lines) + "\n", furniture_lines
