#!/usr/bin/env python3
"""Build the clean test beds: real public files nobody here wrote.

Two beds, each described by a committed manifest (one JSON object a line):

``benchmarks/beds/hook.jsonl``
    files as they sit in public repositories (Markdown, reStructuredText,
    gettext catalogues, source code, data, subtitles), in the bytes their
    owners committed: GBK, Big5, BOM, CRLF and no final newline included.
    The evaluation runs the pre-commit hook on each and expects no change.
``benchmarks/beds/prose.jsonl``
    documents a corpus user would feed to ``normalize_zh.run``: novels,
    classical texts, poems and ci, news, subtitles, Markdown articles.  Some
    are derived from a repository file by a *named transform* (a chinese-poetry
    JSON file rendered as verse, an HTML chapter as one paragraph a line, an
    ASS subtitle as SRT, a story of a day's news transcript); the manifest
    names the transform and its parameters.

Subcommands::

    python scripts/build_beds.py select   # mirrors -> manifests (deterministic)
    python scripts/build_beds.py build    # manifests + mirrors -> benchmarks/work/beds/
    python scripts/build_beds.py stats    # counts per bed, kind, language, split, repo

``select`` reads every source repository from its mirror
(``/work/.mirror/<owner>+<name>/repo``, brought by the search tool's fetch),
applies the rules written in ``SOURCES`` below (path patterns, per-rule caps,
200 B - 200 kB, must contain Han or kana, decodable in one named encoding) and
samples with a fixed seed.  ``build`` reads each entry's bytes back with
``git --git-dir=... show <commit>:<path>``, applies its transform, checks the
sha256 and writes ``benchmarks/work/beds/<bed>/<split>/<owner>+<name>/<name>``.
benchmarks/work/ is git-ignored: the fetched files are never committed.

The split holds out whole source repositories (``HELDOUT``), never single
files, so that rules tuned on ``dev`` are judged on repositories never seen.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import fnmatch
import hashlib
import html
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from clean_rules import display_width  # noqa: E402  (one home for a line's width in columns)
MANIFESTS = ROOT / "benchmarks" / "beds"
WORK = ROOT / "benchmarks" / "work" / "beds"
MIRRORS = Path(os.environ.get("NORMALIZE_ZH_MIRRORS", "/work/.mirror"))
SEED = 20261201  # the day the beds were first drawn; change it and every sample changes

# Size limits for a bed document (the transformed output for derived ones):
# below 200 bytes a file says too little to judge; above 200 kB one file would
# weigh as much as a hundred others in the totals and slow the run.
MIN_BYTES = 200
MAX_BYTES = 200_000
# A rare byte convention (GBK/Big5, BOM, CRLF or mixed line ends) is what the
# hook most often breaks: up to this share of a rule's cap is drawn from such
# files first, the rest from all files, so each repository that has them
# brings some.
RARE_SHARE = 0.5
# ... looking at no more than this many candidates per place in the cap once
# the cap is full (a repository of 20,000 chapters need not be read whole).
SCAN_LIMIT = 20

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff]")

# Whole repositories held out (about a quarter of the sources, of different kinds).
HELDOUT = {
    "rust-lang-ja/book-ja",
    "He11oLiu/ChatRoom",
    "svenfuchs/rails-i18n",
    "l10n-tw/docs-krita-org_zh-tw",
    "PanJiaChen/vue-element-admin",
    "NiuTrans/Classical-Modern",
    "reactjs/zh-hant.react.dev",
    "immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
}


@dataclasses.dataclass(frozen=True)
class Rule:
    """Which files of a repository go into which bed, how many at most."""

    bed: str  # "hook" or "prose"
    patterns: tuple[str, ...]  # fnmatch patterns on the path ('*' crosses '/')
    cap: int
    genre: str
    kind: str | None = None  # None: from the file name (KIND_BY_EXTENSION)
    transform: str | None = None  # a name in TRANSFORMS
    exclude: tuple[str, ...] = ()
    license: str | None = None  # when this part of the repository has its own licence
    per_file: int = 1  # derived documents drawn from one source file at most


@dataclasses.dataclass(frozen=True)
class Source:
    repo: str
    license: str  # SPDX id, read from license_source
    license_source: str  # the file (at the commit) that says so
    rules: tuple[Rule, ...]
    ref: str = "HEAD"  # branch to read when the default one lacks the files


H, P = "hook", "prose"
SOURCES: tuple[Source, ...] = (
    # -- Markdown documentation: simplified ------------------------------------------
    Source("pingcap/docs-cn", "CC-BY-SA-3.0", "LICENSE", (
        Rule(H, ("*.md",), 50, "docs"),
        Rule(H, ("*.yaml", "*.yml", "*.json"), 5, "config"),
    )),
    Source("d2l-ai/d2l-zh", "Apache-2.0", "LICENSE", (
        Rule(H, ("chapter_*.md",), 40, "docs-math"),
        Rule(H, ("*.py",), 5, "code"),
        Rule(P, ("chapter_*.md",), 20, "article-markdown", exclude=("*/index.md",)),
    )),
    Source("vitest-dev/docs-cn", "MIT", "LICENSE", (
        Rule(H, ("*.md",), 40, "docs-containers"),
        Rule(H, ("*.ts", "*.vue"), 5, "code"),
    )),
    Source("vuejs-translations/docs-zh-cn", "CC-BY-4.0", "LICENSE", (
        Rule(H, ("src/*.md",), 40, "docs-containers"),
        Rule(H, ("*.vue", "*.js", "*.ts", "*.json", "*.yml", "*.yaml"), 15, "code"),
    )),
    Source("KaiserY/trpl-zh-cn", "MIT", "LICENSE", (
        Rule(H, ("src/*.md",), 30, "docs"),
        Rule(H, ("listings/*.rs",), 10, "code"),
    )),
    Source("unknwon/the-way-to-go_ZH_CN", "CC-BY-SA-3.0", "README.md", (
        Rule(H, ("eBook/*.md",), 30, "docs"),
        Rule(H, ("eBook/*.go",), 12, "code", license="BSD-3-Clause"),
    )),
    # -- Markdown documentation: traditional ------------------------------------------
    Source("JoeHsiao/trpl-zh-tw", "MIT", "LICENSE", (
        Rule(H, ("src/*.md",), 40, "docs"),
        Rule(H, ("listings/*.rs",), 5, "code"),
        Rule(P, ("src/ch*.md",), 20, "article-markdown"),
    )),
    Source("reactjs/zh-hant.react.dev", "CC-BY-4.0", "LICENSE-DOCS.md", (
        Rule(H, ("*.md", "*.json", "*.js"), 25, "docs-mdx"),
        Rule(P, ("src/content/*.md",), 10, "article-markdown"),
    )),
    # -- Markdown documentation: Japanese -----------------------------------------------
    Source("reactjs/ja.react.dev", "CC-BY-4.0", "LICENSE-DOCS.md", (
        Rule(H, ("src/content/*.md",), 50, "docs-mdx"),
        Rule(H, ("*.tsx", "*.js", "*.json", "*.yml"), 8, "code"),
    )),
    Source("rust-lang-ja/book-ja", "MIT OR Apache-2.0", "LICENSE-MIT", (
        Rule(H, ("src/*.md",), 40, "docs"),
        Rule(H, ("*.rs",), 8, "code"),
    )),
    # -- reStructuredText --------------------------------------------------------------
    Source("ifreyr/learning-sphinx", "MIT", "LICENSE", (
        Rule(H, ("*.rst",), 20, "docs-rst"),
    )),
    # -- gettext catalogues -------------------------------------------------------------
    Source("python/python-docs-zh-cn", "PSF-2.0", "license.po", (
        Rule(H, ("*.po",), 50, "po-sphinx"),
    ), ref="3.13"),
    Source("l10n-tw/docs-krita-org_zh-tw", "GFDL-1.3-or-later", "README.md", (
        Rule(H, ("*.po",), 40, "po-sphinx"),
    )),
    # -- source code ---------------------------------------------------------------------
    Source("fxsjy/jieba", "MIT", "LICENSE", (
        Rule(H, ("*.py",), 25, "code"),
        Rule(H, ("*.txt",), 3, "text"),
        Rule(P, ("test/lyric.txt",), 1, "lyrics"),
    )),
    Source("macrozheng/mall", "Apache-2.0", "LICENSE", (
        Rule(H, ("*.java",), 40, "code"),
        Rule(H, ("*.yml", "*.xml", "*.json"), 10, "config"),
        Rule(H, ("*.md",), 5, "docs"),
    )),
    Source("PanJiaChen/vue-element-admin", "MIT", "LICENSE", (
        Rule(H, ("*.vue", "*.js"), 30, "code"),
        Rule(H, ("*.md",), 3, "docs"),
    )),
    Source("duilib/duilib", "MIT", "LICENSE", (
        Rule(H, ("*.cpp", "*.h", "*.txt", "*.xml", "*.rc"), 45, "code-gbk"),
    )),
    Source("ptt/pttbbs", "GPL-2.0", "LICENSE", (
        Rule(H, ("*.c", "*.h", "*.cc", "*.cpp", "*.txt", "*.md", "*.py", "*.go", "*.pl", "*.pm", "*.sh", "docs/*"), 45, "code-big5"),
    )),
    Source("He11oLiu/ChatRoom", "MIT", "LICENSE", (
        Rule(H, ("*.java", "*.md"), 30, "code-gbk"),
    )),
    # -- data ----------------------------------------------------------------------------
    Source("modood/Administrative-divisions-of-China", "WTFPL", "LICENSE", (
        Rule(H, ("*.csv", "*.json", "*.md", "*.js"), 15, "data"),
    )),
    Source("next-theme/hexo-theme-next", "AGPL-3.0", "LICENSE.md", (
        Rule(H, ("languages/*.yml", "*.md", "*.yml"), 12, "i18n"),
    )),
    Source("svenfuchs/rails-i18n", "MIT", "MIT-LICENSE.txt", (
        Rule(H, ("rails/locale/*.yml",), 10, "i18n"),
    )),
    Source("BYVoid/OpenCC", "Apache-2.0", "LICENSE", (
        Rule(H, ("data/dictionary/*.txt",), 15, "tsv", kind="data"),
        Rule(H, ("*.md", "*.cpp", "*.hpp", "*.py", "*.json", "*.js", "*.ts", "test/*"), 25, "project-files"),
    )),
    Source("chinese-poetry/chinese-poetry", "MIT", "LICENSE", (
        Rule(H, ("*.json",), 20, "data"),
        Rule(H, ("*.md",), 5, "docs"),
        # verse, rendered: title, then one line per verse line; blank line between poems
        Rule(P, ("宋词/ci.song.*.json",), 40, "ci", transform="poetry_json", per_file=2),
        Rule(P, ("全唐诗/poet.tang.*.json",), 40, "poem", transform="poetry_json"),
        Rule(P, ("全唐诗/poet.song.*.json",), 15, "poem", transform="poetry_json"),
        Rule(P, ("御定全唐詩/json/*.json",), 10, "poem", transform="poetry_json"),
        Rule(P, ("五代诗词/*.json", "纳兰性德/*.json", "曹操诗集/*.json", "水墨唐诗/*.json"), 12, "poem", transform="poetry_json", per_file=3),
        Rule(P, ("诗经/*.json", "楚辞/*.json"), 8, "classical-verse", transform="poetry_json", per_file=4),
        Rule(P, ("论语/*.json", "四书五经/*.json", "幽梦影/*.json", "蒙学/*.json"), 16, "classical", transform="poetry_json", per_file=3),
    )),
    # -- subtitles -----------------------------------------------------------------------
    Source("Bourshevik0/subtitle_works", "CC-BY-NC-SA-4.0", "LICENSE.md", (
        Rule(H, ("*.ass", "*.srt"), 30, "subtitles"),
        Rule(H, ("*.ass",), 15, "subtitles", kind="subtitles", transform="ass_to_srt"),
        Rule(P, ("*.srt",), 1, "subtitles"),
        Rule(P, ("*.ass",), 30, "subtitles", kind="subtitles", transform="ass_to_srt"),
    )),
    # -- prose ---------------------------------------------------------------------------
    Source("luoxuhai/chinese-novel", "MIT", "LICENSE", (
        Rule(P, ("resources/*.html",), 70, "novel", kind="prose", transform="html_paragraphs"),
    )),
    Source("NiuTrans/Classical-Modern", "MIT", "LICENSE", (
        Rule(H, ("古文原文/*/text.txt",), 10, "classical"),
        Rule(P, ("古文原文/*/text.txt",), 40, "classical"),
    )),
    Source("immortal-autumn/Chinese-Web-Content-Extraction-Dataset", "MIT", "LICENSE", (
        Rule(H, ("original/*.html",), 30, "web-page"),
        Rule(P, ("cleaned/*.txt",), 69, "news"),
    )),
    # 新闻联播 transcripts from cctv.com, one Markdown file a day, each story's
    # body the site's HTML paragraphs: one story of a day a document (news of the
    # dev split; the news above is held out).  The bot commits a day a day: the
    # snapshot is pinned so that select draws the same stories.
    Source("DuckBurnIncense/xin-wen-lian-bo", "MIT", "LICENSE", (
        Rule(P, ("news/2*.md",), 80, "news", kind="prose", transform="news_story"),
    ), ref="ae8d591d33dd3701a34045e0acb24cd5b70b2ede"),
    # chinanews.com articles of November 2025 as a search-engine demo's spider
    # saved them: one XML file an article (<title>, <body> of one <p> a line).
    # Web news of the dev split with the site's own conventions: half-width
    # brackets in datelines "中新网北京11月26日电(记者陈杭)", "【编辑:...】" at
    # the end, "记者：" interview lines, "一是"/"第一，" enumerations.  The
    # spider deleted every ASCII space (body.replace(" ", "")), so Latin words
    # and numbers stand glued to each other and to Han: that is how the owner
    # committed the text.  Pinned: the repository may yet re-crawl.
    Source("Seeeeeeeeeeeea/news_search_engine", "MIT", "LICENSE", (
        Rule(P, ("data/news/*.xml",), 60, "news", kind="prose", transform="news_xml"),
    ), ref="396267785838f3f8adb4e249b126d762c611b486"),
    # 2026 provincial government work reports (official documents, simplified)
    # as a scraper saved each from a province's or a newspaper's web page: one
    # CSV a province, its full_text one line a paragraph, with the page's
    # furniture ("下载/打印/全屏/收藏", "【字号：加大 还原 减小】", "来源：",
    # "您的位置: 首页 > ...", "扫一扫在手机打开当前页", "相关报道：") on lines of
    # their own: web-extracted text of the dev split.  The repository states no
    # licence (NOASSERTION); the reports are documents of state organs (PRC
    # Copyright Law art. 5), quoted for evaluation only.
    Source("johncodes404/china-provincial-gov-reports-2026", "NOASSERTION", "README.md", (
        Rule(P, ("output/2026_raw_text/2026_*_政府工作报告.csv",), 16, "official", transform="report_csv"),
    ), ref="ad4c815c4acefe47240a3afaece74e1eb2011dd3"),
    # Citizen News (眾新聞, Hong Kong, 2016-2022) articles backed up from
    # archive.org: Markdown with YAML front matter, one paragraph a line, <figure>
    # HTML for the photos and their captions.  Traditional news of the dev
    # split, files as committed.  Citizen News keeps the copyright (README.md:
    # all rights reserved); quoted for evaluation only, never committed here.
    Source("hkarchivist/hkcnews-article-archive", "LicenseRef-All-Rights-Reserved", "README.md", (
        Rule(P, ("articles/*.md",), 40, "news"),
    ), ref="635cc02f3c0fcd3d8c829c68cd2fe07f50adfc25"),
    # Laws and regulations of Taiwan (traditional official text) from the
    # 全國法規資料庫, one JSON object a law, rendered by moj_law_json.  The
    # database wraps articles at a fixed width: many are labelled "wrapped".
    # The repository states no licence (NOASSERTION); laws and regulations are
    # not subject to copyright (Taiwan Copyright Act art. 9).
    Source("kong0107/mojLawSplitJSON", "NOASSERTION", "README.md", (
        Rule(P, ("FalVMingLing/*.json",), 30, "law", transform="moj_law_json"),
    ), ref="0d26e6c7c759821bbb6465162ffe149af5aed203"),
    # Tencent News (news.qq.com) articles as a bot archived them every hour or
    # two since 2022-12-27: one Markdown file an article under a folder a day,
    # made by html2text from the page's content block: "# title" (twice in
    # many files), one paragraph a line with a blank line between, "**...**"
    # subheads, "![](...)" photo lines, the reporter in brackets at the end
    # ("（北京青年报记者 王浩雄 实习生 卢画）").  html2text wrapped at 78
    # columns where it found a space or hyphen, so a long image URL or a line
    # with Latin words may be broken across two lines: that is how the owner
    # committed it.  Simplified web news of the dev split, files as committed.
    # The repository states no licence (NOASSERTION, README.md); the articles
    # are their publishers' (Tencent and the papers it carries), quoted for
    # evaluation only, never committed here.  Pinned: the bot may yet commit.
    Source("nuz007/qqnews", "NOASSERTION", "README.md", (
        Rule(P, ("2*/*.md",), 40, "news"),
    ), ref="4299fdae51a7486005f046e03b6cb9cfe2c8f82f"),
    # 古诗文 of gushiwen.org exported from MongoDB (one JSON object a line,
    # 1000 a file): classical prose (记, 传, 赋, 论, 书, 史记 chapters) picked
    # by gushiwen_json, one piece a document: the title, then the original
    # text as stored: each paragraph indented with two ideographic spaces
    # (　　) and followed by a blank line.  Simplified classical text of the
    # dev split (the classical text above is held out).  The repository states
    # no licence (NOASSERTION, README.md); only the original texts are taken
    # (centuries old, in the public domain), never the site's notes,
    # translations or appreciations.
    Source("caoxingyu/chinese-gushiwen", "NOASSERTION", "README.md", (
        Rule(P, ("guwen/guwen*.json",), 40, "classical", kind="prose", transform="gushiwen_json", per_file=40),
    ), ref="34956ae167a585986d51bcc8dbd17a9f1d8e4ae9"),
    # Zhihu (知乎) column articles and answers a crawler saved as JSON, one a
    # file (title, the post's HTML content, author, votes, comments, the
    # page's raw HTML), rendered by zhihu_json: the title (articles) on a
    # line, then the post's paragraphs, headings, list items and quotes one a
    # line with a blank line between; tags dropped, entities decoded.  Essays,
    # fan fiction and forum answers (simplified, informal, emoji brackets,
    # "1." enumerations, ASCII punctuation), of the dev split.  The repository
    # is MIT (LICENSE); the posts are their authors', quoted for evaluation
    # only, never committed here.
    Source("project-polymorph/zhihu-archive", "MIT", "LICENSE", (
        Rule(P, (".github/download/data/articles/*.json",), 30, "forum", kind="prose", transform="zhihu_json"),
        Rule(P, (".github/download/data/questions/*/answers/*.json",), 20, "forum", kind="prose", transform="zhihu_json"),
    ), ref="67d7854f91e62ef709688ab05b04323d9ef19e8d"),
)

KIND_BY_EXTENSION = {
    ".md": "markdown", ".mdx": "markdown",
    ".txt": "prose", ".rst": "prose", ".adoc": "prose", "": "prose",
    ".po": "po", ".pot": "po",
    ".srt": "subtitles", ".ass": "subtitles", ".vtt": "subtitles",
    ".json": "data", ".yml": "data", ".yaml": "data", ".csv": "data", ".tsv": "data",
    ".xml": "data", ".html": "data", ".htm": "data", ".toml": "data", ".ini": "data",
}


def kind_of(path: str) -> str:
    extension = os.path.splitext(path)[1].lower()
    return KIND_BY_EXTENSION.get(extension, "code")


# -- git -------------------------------------------------------------------------------


class MirrorMissing(Exception):
    pass


def git_dir(repo: str) -> Path:
    path = MIRRORS / repo.replace("/", "+") / "repo"
    if not (path / "objects").is_dir() and not (path / "HEAD").is_file():
        raise MirrorMissing(f"no mirror of {repo} at {path}: fetch github:{repo} with the search tool's fetch, then run again")
    return path


def git(repo: str, *args: str) -> bytes:
    result = subprocess.run(["git", "--git-dir", str(git_dir(repo)), *args], capture_output=True)
    if result.returncode:
        raise MirrorMissing(f"{repo}: git {' '.join(args)} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def resolve(repo: str, ref: str) -> str:
    return git(repo, "rev-parse", f"{ref}^{{commit}}").decode().strip()


def list_blobs(repo: str, commit: str) -> Iterator[tuple[str, str, int]]:
    """(path, blob id, size) of every blob the snapshot really holds."""
    for record in git(repo, "ls-tree", "-r", "-l", "-z", commit).split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        _mode, kind, blob, size = meta.split()
        if kind == b"blob" and size.isdigit():
            yield path.decode("utf-8", "surrogateescape"), blob.decode(), int(size)


class BlobReader:
    """Many blobs through one ``git cat-file --batch`` (selection reads thousands)."""

    def __init__(self, repo: str) -> None:
        self.process = subprocess.Popen(
            ["git", "--git-dir", str(git_dir(repo)), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def read(self, blob: str) -> bytes:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(blob.encode() + b"\n")
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            return b""
        data = self.process.stdout.read(int(header[2]))
        self.process.stdout.read(1)
        return data

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


# -- bytes conventions and language -------------------------------------------------------


def _common_share(text: str, codec: str, first: range) -> float:
    """Share of Han characters among a codec's common ones (GB2312 level 1,
    Big5 frequent): a wrong reading of the bytes is dominated by rare ones."""
    han = [c for c in text if HAN.match(c)]
    if not han:
        return 0.0
    common = 0
    for c in han:
        try:
            encoded = c.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(encoded) == 2 and encoded[0] in first
    return common / len(han)


def decode(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) for bytes that one named encoding reads strictly, else None.

    UTF-8 first (a BOM is reported separately); then GB18030 against Big5
    (cp950), decided by which reading has more common characters."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return "utf-8", body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = []
    # GBK and Big5 (cp950) first, strictly; GB18030 reads almost any bytes,
    # so it is only the last resort, never a rival (a Big5 source with few
    # Chinese comments would otherwise be named GB18030)
    for encoding, codec, first in (("gbk", "gb2312", range(0xB0, 0xD8)), ("big5", "big5", range(0xA4, 0xC7))):
        try:
            text = data.decode("cp950" if encoding == "big5" else encoding)
        except UnicodeDecodeError:
            continue
        readings.append((_common_share(text, codec, first), encoding, text))
    if readings:
        _, encoding, text = max(readings)
        return encoding, text
    try:
        return "gb18030", data.decode("gb18030")
    except UnicodeDecodeError:
        return None


def conventions(data: bytes) -> dict[str, object]:
    found = decode(data)
    crlf = data.count(b"\r\n")
    lf = data.count(b"\n") - crlf
    cr = data.count(b"\r") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("lf", lf), ("cr", cr)) if count]
    return {
        "encoding": found[0] if found else None,
        "bom": data.startswith(b"\xef\xbb\xbf"),
        "line_endings": kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none"),
        "final_newline": data.endswith((b"\n", b"\r")),
    }


_OPENCC: dict[str, object] = {}


def _opencc(name: str):
    if name not in _OPENCC:
        import opencc

        _OPENCC[name] = opencc.OpenCC(name)
    return _OPENCC[name]


def language_of(text: str) -> str:
    """zh-Hans, zh-Hant, ja, or mixed: kana decide Japanese; otherwise which of
    OpenCC's t2s and s2t changes more of the Han characters."""
    han = len(HAN.findall(text))
    kana = len(KANA.findall(text))
    if kana >= 5 and kana >= 0.05 * (han + kana):
        return "ja"
    han_text = "".join(HAN.findall(text))
    to_simplified = sum(a != b for a, b in zip(han_text, _opencc("t2s").convert(han_text)))
    to_traditional = sum(a != b for a, b in zip(han_text, _opencc("s2t").convert(han_text)))
    if to_simplified >= 3 and to_simplified > 2 * to_traditional:
        return "zh-Hant"
    if to_traditional >= 3 and to_traditional > 2 * to_simplified:
        return "zh-Hans"
    if han and not to_simplified and not to_traditional:
        return "zh"  # only characters both scripts share
    return "mixed"


# verse is broken by the poet, not by a column: never "wrapped" (御定全唐詩 lines
# end with a comma mid-stanza and have near-equal widths)
VERSE_GENRES = {"poem", "ci", "classical-verse", "lyrics", "subtitles"}
WRAP_MIN_COLUMNS = 40  # wrapping tools break at 60-80 columns; verse lines (弟子规, 律诗) are shorter
# how far from the commonest width a wrapped line may end: a wrapper that counts
# characters, not columns, ends lines two full-width characters either side when
# punctuation or an indent of 　 falls at the cut (luoxuhai/chinese-novel's
# 上古秘史 is cut at 93-100 columns).  On the prose bed, 3 labels no document
# wrapped that 2 did not, 4 that one, 6 no other.
WRAP_SLACK = 4




def looks_wrapped(text: str) -> bool:
    """Hard-wrapped at a fixed column: most long lines have the same display
    width (within WRAP_SLACK columns, at least WRAP_MIN_COLUMNS) and end without
    sentence-final punctuation.  Such text is not clean for re-flow purposes:
    its genre becomes "wrapped".  Widths, not characters: a line of Han
    wrapped at 76 columns holds 38 characters, one with digits more."""
    lines = [line.rstrip() for line in text.splitlines() if len(line.strip()) >= 10]
    if len(lines) < 6:
        return False
    widths = collections.Counter(display_width(line) for line in lines)
    mode, _ = widths.most_common(1)[0]
    near = [line for line in lines if abs(display_width(line) - mode) <= WRAP_SLACK]
    open_end = [line for line in near if line[-1] not in "。！？；：”」』）…．.!?\"'）》"]
    return mode >= WRAP_MIN_COLUMNS and len(near) >= 0.5 * len(lines) and len(open_end) >= 0.5 * len(near)


# a space between two Han characters where a wrapped line's break was once
# turned into a space: in a long paragraph line such spaces fall at one period
# (luoxuhai/chinese-novel's 杀子报 has them every 73 characters)
REWRAP_MIN_PERIOD = 20  # characters; a text spaced for emphasis or verse spaces more often
REWRAP_MIN_GAPS = 3  # periods seen before a document is called re-joined
REWRAP_SHARE = 0.8  # of the gaps between such spaces, the share at the commonest period


def looks_rejoined(text: str) -> bool:
    """Wrapped once and joined again with spaces: in lines that hold two or more
    spaces between Han characters, most gaps between those spaces are one period
    (at least REWRAP_MIN_PERIOD characters, REWRAP_MIN_GAPS gaps or more).  Such text
    is not clean for spacing purposes: its genre becomes "wrapped" too."""
    gaps: collections.Counter[int] = collections.Counter()
    for line in text.splitlines():
        spaces = [i for i in range(1, len(line) - 1) if line[i] == " " and HAN.match(line[i - 1]) and HAN.match(line[i + 1])]
        gaps.update(b - a for a, b in zip(spaces, spaces[1:]))
    if sum(gaps.values()) < REWRAP_MIN_GAPS:
        return False
    period, count = gaps.most_common(1)[0]
    return period >= REWRAP_MIN_PERIOD and count >= REWRAP_SHARE * sum(gaps.values())


# -- transforms -----------------------------------------------------------------------------


def _poems(data: bytes) -> list[dict]:
    value = json.loads(data.decode("utf-8-sig"))
    if isinstance(value, dict):
        for key in ("content", "paragraphs", "data", "poems"):
            if isinstance(value.get(key), list):
                value = value[key]
                break
        else:
            value = [value]
    items: list[dict] = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("content"), list) and item["content"] and isinstance(item["content"][0], dict):
            items.extend(sub for sub in item["content"] if isinstance(sub, dict))  # 蒙学 files nest sections
        elif isinstance(item, dict):
            items.append(item)
    return items


def _verse_lines(item: dict) -> list[str]:
    for key in ("paragraphs", "content", "para"):
        lines = item.get(key)
        if isinstance(lines, str):
            return [lines]
        if isinstance(lines, list):
            return [line for line in lines if isinstance(line, str) and line.strip()]
    return []


def poetry_json(data: bytes, start: int = 0, count: int = 20) -> bytes:
    """chinese-poetry JSON -> text: for each item, its title (title, rhythmic,
    chapter or section) on a line, then one line per verse line; a blank line
    between items.  Items ``start`` .. ``start + count``."""
    blocks = []
    for item in _poems(data)[start : start + count]:
        lines = _verse_lines(item)
        if not lines:
            continue
        title = next((item[k] for k in ("title", "rhythmic", "chapter", "section") if isinstance(item.get(k), str) and item[k].strip()), None)
        blocks.append("\n".join(([title.strip()] if title else []) + [line.strip() for line in lines]))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_paragraphs(data: bytes) -> bytes:
    """An HTML chapter whose paragraphs are separated by ``<br>`` -> one
    paragraph a line, a blank line between; indentation (``&nbsp;``) dropped,
    entities decoded, the text otherwise as it was."""
    text = data.decode("utf-8-sig")
    paragraphs = []
    for piece in _BREAK.split(text):
        paragraph = html.unescape(_TAG.sub("", piece)).strip(" \t\r\n\u00a0")
        if paragraph:
            paragraphs.append(paragraph)
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


_STORY = re.compile(r"^### (.*)$", re.MULTILINE)
_PARAGRAPH_END = re.compile(r"</p\s*>|<br\s*/?>", re.IGNORECASE)
STORY_MAX_BYTES = 8_000  # a story of a few kB, not a day's whole programme


def _stories(text: str) -> list[tuple[str, str]]:
    """(title, HTML body) of each story under a transcript's "## 详细新闻"."""
    _, found, detail = text.partition("\n## 详细新闻")
    if not found:
        return []
    heads = list(_STORY.finditer(detail))
    stories = []
    for head, following in zip(heads, heads[1:] + [None]):
        body = detail[head.end() : following.start() if following else len(detail)]
        stories.append((head.group(1).strip(), body))
    return stories


def news_story(data: bytes, index: int = 0) -> bytes:
    """A 新闻联播 transcript (Markdown, one file a day) -> its story ``index``
    of "## 详细新闻": the title on a line, then the story's HTML paragraphs
    (``</p>`` or ``<br>`` end one) one a line, a blank line between; tags
    dropped, entities decoded, white space at a paragraph's ends (``&nbsp;``,
    a trailing ideographic space) stripped.  The day's summary list, the
    "[查看原文](...)" link and the timestamp are not the story's and are left
    out.  A story the scraper missed ("undefined") is no document."""
    stories = _stories(data.decode("utf-8-sig"))
    if not 0 <= index < len(stories):
        raise ValueError(f"no story {index}")
    title, body = stories[index]
    body = body.split("\n[查看原文]", 1)[0].split("\n---", 1)[0]
    if "<p" not in body or title == "undefined":
        raise ValueError(f"story {index} has no paragraphs")
    paragraphs = [title]
    for piece in _PARAGRAPH_END.split(body):
        paragraph = html.unescape(_TAG.sub("", piece)).strip()  # a rendered paragraph shows no space at its ends
        if paragraph:
            paragraphs.append(paragraph)
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


def _story_picks(data: bytes, per_file: int, rng: random.Random) -> list[dict]:
    """Up to ``per_file`` stories of a transcript, drawn with ``rng`` among those
    that render to MIN_BYTES..STORY_MAX_BYTES."""
    fitting = []
    for index in range(len(_stories(data.decode("utf-8-sig")))):
        try:
            size = len(news_story(data, index))
        except ValueError:
            continue
        if MIN_BYTES <= size <= STORY_MAX_BYTES:
            fitting.append(index)
    rng.shuffle(fitting)
    return [{"name": "news_story", "index": i} for i in sorted(fitting[:per_file])]


_ASS_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[.](\d\d)")
_ASS_OVERRIDE = re.compile(r"\{[^}]*\}")


def _srt_time(value: str) -> str:
    match = _ASS_TIME.fullmatch(value.strip())
    if not match:
        raise ValueError(f"not an ASS time: {value!r}")
    hours, minutes, seconds, centis = (int(g) for g in match.groups())
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{centis * 10:03d}"


def ass_to_srt(data: bytes) -> bytes:
    """An ASS/SSA subtitle -> SRT: each ``Dialogue:`` event a cue, in time order,
    override tags ``{...}`` removed, ``\\N`` a line break; empty events dropped."""
    text = data.decode("utf-8-sig")
    fields: list[str] | None = None
    cues = []
    in_events = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            in_events = stripped.lower() == "[events]"
            continue
        if not in_events:
            continue
        if stripped.lower().startswith("format:"):
            fields = [f.strip().lower() for f in stripped.split(":", 1)[1].split(",")]
        elif stripped.startswith("Dialogue:") and fields:
            values = stripped.split(":", 1)[1].split(",", len(fields) - 1)
            event = dict(zip(fields, (v.strip() if f != "text" else v for f, v in zip(fields, values))))
            body = _ASS_OVERRIDE.sub("", event.get("text", "")).replace("\\N", "\n").replace("\\n", "\n").replace("\\h", " ")
            body = "\n".join(part.strip() for part in body.split("\n") if part.strip())
            if body:
                cues.append((_srt_time(event["start"]), _srt_time(event["end"]), body))
    cues.sort(key=lambda cue: cue[0])  # an SRT file lists its cues in time order (ASS need not)
    out = [f"{number}\n{start} --> {end}\n{body}\n" for number, (start, end, body) in enumerate(cues, 1)]
    return "\n".join(out).encode("utf-8")


def news_xml(data: bytes) -> bytes:
    """A news article saved as ``<doc><title>..</title><body>..</body></doc>``
    (one paragraph a line in the body, each after a tab) -> the title on a
    line, then the body's paragraphs one a line with a blank line between;
    the tab and white space at a paragraph's ends stripped, entities decoded
    (by the XML parser), the text otherwise as it was."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ValueError(f"not an XML news document: {error}") from None
    title = (root.findtext("title") or "").strip()
    body = root.findtext("body") or ""
    paragraphs = ([title] if title else []) + [line.strip() for line in body.splitlines() if line.strip()]
    if len(paragraphs) < 2:
        raise ValueError("no body")
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


REPORT_FIELDS = ["province", "year", "title", "source_url", "publish_date", "full_text"]


def report_csv(data: bytes) -> bytes:
    """A government work report saved as a one-row CSV (UTF-8 with BOM; columns
    province, year, title, source_url, publish_date, full_text) -> the row's
    ``full_text`` exactly as the scraper stored it (one line a paragraph or a
    piece of page furniture: "下载", "打印", "【字号：", "相关报道："), with a
    final newline added when the field has none."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if len(rows) != 2 or rows[0] != REPORT_FIELDS:
        raise ValueError("not a one-report CSV")
    text = rows[1][REPORT_FIELDS.index("full_text")]
    if not text.strip():
        raise ValueError("no text")
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def moj_law_json(data: bytes) -> bytes:
    """A law or regulation of Taiwan's 全國法規資料庫 as one JSON object
    (kong0107/mojLawSplitJSON: 法規名稱, 前言, 法規內容 = a list of
    {編章節} headings and {條號, 條文內容} articles) -> the name on a line, then
    the preamble if any, then each heading, and each article as its number on a
    line ("第 1 條") followed by its text; a blank line between blocks.  The
    texts keep the database's own line breaks (it wraps them at a fixed width,
    indenting items, so many documents are labelled "wrapped"); CRLF becomes LF
    and white space at a line's end is dropped.  Metadata (網址, 類別, dates, 沿革內容, 附件) is left out."""
    value = json.loads(data.decode("utf-8-sig"))
    if not isinstance(value, dict) or not isinstance(value.get("法規名稱"), str) or not isinstance(value.get("法規內容"), list):
        raise ValueError("not a mojLaw JSON law")

    def lines(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip("\n")

    blocks = [value["法規名稱"].strip()]
    if isinstance(value.get("前言"), str) and value["前言"].strip():
        blocks.append(lines(value["前言"]))
    articles = 0
    for item in value["法規內容"]:
        if not isinstance(item, dict):
            continue
        if isinstance(item.get("編章節"), str) and item["編章節"].strip():
            blocks.append(item["編章節"].strip())
        elif isinstance(item.get("條號"), str) and isinstance(item.get("條文內容"), str) and item["條文內容"].strip():
            blocks.append(item["條號"].strip() + "\n" + lines(item["條文內容"]))
            articles += 1
    if not articles:
        raise ValueError("no articles")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _gushiwen_items(data: bytes) -> list[dict]:
    items = []
    for line in data.decode("utf-8-sig").splitlines():
        if line.strip():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(item, dict) and isinstance(item.get("content"), str):
                items.append(item)
    return items


GUWEN_PROSE_LINE = 80  # characters: a line of prose; verse lines (even 歌行) are shorter


def gushiwen_json(data: bytes, index: int = 0) -> bytes:
    """A chinese-gushiwen file (one MongoDB JSON object a line) -> its item
    ``index``: the title on a line, a blank line, then the original text
    (``content``) as stored, white space at its end stripped (paragraphs
    indented with 　　, a blank line after each).  Notes, translation and
    appreciation are left out."""
    items = _gushiwen_items(data)
    if not 0 <= index < len(items):
        raise ValueError(f"no item {index}")
    item = items[index]
    title = (item.get("title") or "").strip()
    body = item["content"].rstrip()
    if not body.strip():
        raise ValueError("no text")
    return ((title + "\n\n" if title else "") + body + "\n").encode("utf-8")


def _gushiwen_picks(data: bytes, per_file: int, rng: random.Random) -> list[dict]:
    """Up to ``per_file`` pieces of classical prose of a file (a line of
    GUWEN_PROSE_LINE characters or more), drawn with ``rng`` among those that
    render to MIN_BYTES..STORY_MAX_BYTES."""
    fitting = []
    for index, item in enumerate(_gushiwen_items(data)):
        if not any(len(line.strip()) >= GUWEN_PROSE_LINE for line in item["content"].splitlines()):
            continue
        if MIN_BYTES <= len(gushiwen_json(data, index)) <= STORY_MAX_BYTES:
            fitting.append(index)
    rng.shuffle(fitting)
    return [{"name": "gushiwen_json", "index": i} for i in sorted(fitting[:per_file])]


_ZHIHU_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|pre)\s*>|<br\s*/?>", re.IGNORECASE)
_ZHIHU_DROP = re.compile(r"<(svg|noscript|style|script)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def zhihu_json(data: bytes) -> bytes:
    """A Zhihu article or answer saved as JSON (project-polymorph/zhihu-archive:
    title for articles, content = the post's HTML) -> the title on a line if
    any, then each paragraph, heading, list item, quote or caption (``</p>``,
    ``</hN>``, ``</li>``, ``<br>`` ... end one) on a line, a blank line
    between; svg icons and noscript copies dropped, tags dropped, entities
    decoded, white space at a paragraph's ends stripped.  Metadata, comments
    and the page's raw HTML are left out."""
    value = json.loads(data.decode("utf-8-sig"))
    if not isinstance(value, dict) or not isinstance(value.get("content"), str):
        raise ValueError("not a Zhihu post")
    content = _ZHIHU_DROP.sub("", value["content"])
    paragraphs = []
    title = value.get("title")
    if isinstance(title, str) and title.strip():
        paragraphs.append(title.strip())
    for piece in _ZHIHU_BLOCK_END.split(content):
        paragraph = html.unescape(_TAG.sub("", piece)).strip()
        if paragraph:
            paragraphs.append(paragraph)
    if len(paragraphs) < 2:
        raise ValueError("no body")
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


TRANSFORMS = {"poetry_json": poetry_json, "html_paragraphs": html_paragraphs, "ass_to_srt": ass_to_srt, "news_story": news_story, "news_xml": news_xml, "report_csv": report_csv, "moj_law_json": moj_law_json, "gushiwen_json": gushiwen_json, "zhihu_json": zhihu_json}


def apply_transform(spec: dict | None, data: bytes) -> bytes:
    if not spec:
        return data
    params = {k: v for k, v in spec.items() if k != "name"}
    return TRANSFORMS[spec["name"]](data, **params)


# -- select -----------------------------------------------------------------------------------


def _matches(path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, p) for p in patterns)


def _derived_name(path: str, transform: dict | None) -> str:
    if not transform:
        return path
    if transform["name"] == "poetry_json":
        return f"{path}.{transform['start']}-{transform['start'] + transform['count']}.txt"
    if transform["name"] == "ass_to_srt":
        return os.path.splitext(path)[0] + ".srt"
    if transform["name"] == "news_story":
        return f"{os.path.splitext(path)[0]}.story{transform['index']:02d}.txt"
    if transform["name"] == "gushiwen_json":
        return f"{os.path.splitext(path)[0]}.{transform['index']:04d}.txt"
    return os.path.splitext(path)[0] + ".txt"


def _poetry_windows(data: bytes, per_file: int, rng: random.Random) -> list[dict]:
    """Up to ``per_file`` windows of consecutive items, each rendering to
    MIN_BYTES..MAX_BYTES; positions drawn with ``rng``."""
    items = len(_poems(data))
    if not items:
        return []
    count = 12  # about 1-3 kB of verse: a page a reader would take in one go
    starts = list(range(0, max(1, items - count + 1), count))
    rng.shuffle(starts)
    return [{"name": "poetry_json", "start": s, "count": count} for s in sorted(starts[:per_file])]


def select(args: argparse.Namespace) -> int:
    entries: dict[str, list[dict]] = {"hook": [], "prose": []}
    problems = 0
    for source in SOURCES:
        try:
            commit = resolve(source.repo, source.ref)
            blobs = list(list_blobs(source.repo, commit))
        except MirrorMissing as error:
            print(f"build_beds: {error}", file=sys.stderr)
            problems += 1
            continue
        reader = BlobReader(source.repo)
        split = "heldout" if source.repo in HELDOUT else "dev"
        taken: set[tuple[str, str]] = set()  # (bed, path): a file enters a bed once
        for number, rule in enumerate(source.rules):
            rng = random.Random(f"{SEED}:{source.repo}:{number}")
            candidates = sorted(
                (path, blob, size)
                for path, blob, size in blobs
                if _matches(path, rule.patterns) and not _matches(path, rule.exclude) and (rule.bed, path) not in taken
                and (rule.transform or MIN_BYTES <= size <= MAX_BYTES)
            )
            rng.shuffle(candidates)
            drawn: list[dict] = []  # in draw order
            rare_quota = max(1, int(rule.cap * RARE_SHARE))
            for scanned, (path, blob, _size) in enumerate(candidates):
                rare_count = sum(e["_rare"] for e in drawn)
                if len(drawn) - rare_count >= rule.cap and (rare_count >= rare_quota or scanned >= SCAN_LIMIT * rule.cap):
                    break
                raw = reader.read(blob)
                for entry in _entries_for(source, rule, commit, split, path, raw, rng):
                    seen = entry["bytes"]
                    entry["_rare"] = seen["encoding"] != "utf-8" or seen["bom"] or seen["line_endings"] in ("crlf", "mixed", "cr")
                    drawn.append(entry)
            picked = [e for e in drawn if e["_rare"]][:rare_quota]
            picked += [e for e in drawn if not any(e is p for p in picked)][: rule.cap - len(picked)]
            picked = picked[: rule.cap]
            for entry in picked:
                del entry["_rare"]
            for entry in picked:
                taken.add((rule.bed, entry["path"]))
            entries[rule.bed].extend(picked)
        reader.close()
    MANIFESTS.mkdir(parents=True, exist_ok=True)
    for bed, items in entries.items():
        items.sort(key=lambda e: (e["repo"], e["name"]))
        with open(MANIFESTS / f"{bed}.jsonl", "w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False, sort_keys=False) + "\n")
        print(f"{bed}: {len(items)} entries -> {(MANIFESTS / f'{bed}.jsonl').relative_to(ROOT)}")
    return 1 if problems else 0


def _entries_for(source: Source, rule: Rule, commit: str, split: str, path: str, raw: bytes, rng: random.Random) -> list[dict]:
    if b"\0" in raw[:8192]:
        return []
    if rule.transform == "poetry_json":
        try:
            specs = _poetry_windows(raw, rule.per_file, rng)
        except (ValueError, UnicodeDecodeError):
            return []
    elif rule.transform == "news_story":
        try:
            specs = _story_picks(raw, rule.per_file, rng)
        except UnicodeDecodeError:
            return []
    elif rule.transform == "gushiwen_json":
        try:
            specs = _gushiwen_picks(raw, rule.per_file, rng)
        except UnicodeDecodeError:
            return []
    elif rule.transform:
        specs = [{"name": rule.transform}]
    else:
        specs = [None]
    out = []
    for spec in specs:
        try:
            data = apply_transform(spec, raw)
        except (ValueError, UnicodeDecodeError, KeyError):
            continue
        if not MIN_BYTES <= len(data) <= MAX_BYTES:
            continue
        found = decode(data)
        if not found:
            continue  # no single encoding reads it: not a clean file
        text = found[1]
        if not (HAN.search(text) or KANA.search(text)):
            continue
        genre = rule.genre
        kind = rule.kind or (kind_of(_derived_name(path, spec)) if spec else kind_of(path))
        if rule.bed == "prose" and kind in ("prose", "markdown") and genre not in VERSE_GENRES and (looks_wrapped(text) or looks_rejoined(text)):
            genre = "wrapped"
        entry = {
            "repo": source.repo,
            "commit": commit,
            "path": path,
            "name": _derived_name(path, spec),
            "license": rule.license or source.license,
            "license_source": source.license_source if not rule.license else "README.md",
            "kind": kind,
            "genre": genre,
            "language": language_of(text),
            "split": split,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "bytes": conventions(data),
        }
        if spec:
            entry["transform"] = spec
            entry["source_sha256"] = hashlib.sha256(raw).hexdigest()
        out.append(entry)
    return out


# -- build -------------------------------------------------------------------------------------


def read_manifest(bed: str) -> list[dict]:
    path = MANIFESTS / f"{bed}.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def bed_path(entry: dict, bed: str) -> Path:
    return WORK / bed / entry["split"] / entry["repo"].replace("/", "+") / entry["name"]


def build(args: argparse.Namespace) -> int:
    beds = ("hook", "prose") if args.bed == "all" else (args.bed,)
    missing: set[str] = set()
    bad = 0
    written = 0
    for bed in beds:
        for entry in read_manifest(bed):
            if entry["repo"] in missing:
                continue
            target = bed_path(entry, bed)
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]:
                continue
            try:
                git_dir(entry["repo"])
                raw = git(entry["repo"], "show", f"{entry['commit']}:{entry['path']}")
            except MirrorMissing as error:
                print(f"build_beds: {error}", file=sys.stderr)
                missing.add(entry["repo"])
                continue
            data = apply_transform(entry.get("transform"), raw)
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                print(f"build_beds: {entry['repo']}:{entry['path']}: sha256 differs from the manifest; not written", file=sys.stderr)
                bad += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
        wanted = {bed_path(entry, bed) for entry in read_manifest(bed)}
        for stale in sorted(p for p in (WORK / bed).rglob("*") if p.is_file() and p not in wanted):
            stale.unlink()  # a file the manifest no longer names (an earlier selection)
    print(f"wrote {written} files under {WORK.relative_to(ROOT)}" + (f"; {len(missing)} repositories missing" if missing else ""))
    return 1 if missing or bad else 0


def stats(args: argparse.Namespace) -> int:
    for bed in ("hook", "prose"):
        entries = read_manifest(bed)
        print(f"## {bed}: {len(entries)} documents from {len({e['repo'] for e in entries})} repositories")
        for key in ("split", "kind", "language", "genre"):
            counts = collections.Counter(e[key] for e in entries)
            print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
        conv = collections.Counter()
        for e in entries:
            b = e["bytes"]
            conv[f"encoding {b['encoding']}"] += 1
            conv["bom"] += b["bom"]
            conv[f"line endings {b['line_endings']}"] += 1
            conv["no final newline"] += not b["final_newline"]
        print("  bytes: " + ", ".join(f"{k} {v}" for k, v in sorted(conv.items()) if v))
        repos = collections.Counter((e["repo"], e["split"], e["license"]) for e in entries)
        for (repo, split, license_), count in sorted(repos.items()):
            print(f"    {count:4d}  {repo}  [{license_}] {split}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("select", help="draw the beds from the mirrors and write the manifests")
    b = sub.add_parser("build", help="materialize the manifests' files under benchmarks/work/beds/")
    b.add_argument("--bed", choices=("hook", "prose", "all"), default="all")
    sub.add_parser("stats", help="counts per bed, kind, language, split and repository")
    args = parser.parse_args(argv)
    return {"select": select, "build": build, "stats": stats}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
