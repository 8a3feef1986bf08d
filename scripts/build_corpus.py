"""Materialize the judges' clean corpus and real pages from the fetched mirrors.

    python scripts/build_corpus.py [--mirror /work/.mirror] [--out benchmarks/work/corpus]

Reads public repositories fetched under ``--mirror`` (bare git directories,
read with ``git show``; nothing is downloaded here) and writes, into the
git-ignored ``benchmarks/work/corpus/``:

* ``clean.jsonl``: clean documents, one JSON object a line::

      {"id", "source", "genre", "script", "split", "blocks": [[[kind, text], ...], ...]}

  ``blocks`` are separated by a blank line in the clean layout; the lines of
  a block by a single line break.  ``kind`` is ``title``, ``heading``,
  ``para`` (prose: may be wrapped when damaged), ``verse`` (a line of a poem
  or lyric: never joined) or ``meta`` (an author or date line).
* ``pages.jsonl``: real scraped pages: the page's text as a naive scraper
  delivers it (every block element on its own line) and the body a person
  cut out of it by hand (``{"id", "source", "split", "page", "body"}``).
* ``language.txt``: running text of the training split only, for the
  character statistics of ``scripts/build_tables.py``.

The split is by SOURCE (a repository's book, collection or site), never by
line: ``train`` fits the models, ``dev`` chooses their thresholds, ``test``
gives the reported figures.  Every file read is listed with its repository,
commit and license in ``benchmarks/corpus_manifest.tsv`` (committed), so the
corpus can be rebuilt exactly.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "benchmarks" / "corpus_manifest.tsv"

# repository -> license (read from the repository's own LICENSE file)
REPOSITORIES = {
    "chinese-poetry/chinese-poetry": "MIT",
    "NiuTrans/Classical-Modern": "MIT",
    "ruanyf/weekly": "none stated (public repository; quoted for evaluation only)",
    "d2l-ai/d2l-zh": "Apache-2.0",
    "vitest-dev/docs-cn": "MIT",
    "immortal-autumn/Chinese-Web-Content-Extraction-Dataset": "MIT",
    # official documents: no licence stated; PRC Copyright Law art. 5 leaves official documents unprotected
    "johncodes404/china-provincial-gov-reports-2026": "none stated (official documents of the PRC provinces)",
}
HAN = re.compile("[\u4e00-\u9fff]")
TERMINAL = "。！？!?…”」』）"


def split_of(source: str) -> str:
    """train / dev / test by a stable hash of the source's name (60/20/20)."""
    bucket = int(hashlib.sha1(source.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


class Mirror:
    def __init__(self, root: Path, repo: str) -> None:
        name = repo.replace("/", "+")
        candidates = [root / name / "repo" / ".git", root / name / "repo", root / name]
        self.git_dir = next(c for c in candidates if (c / "HEAD").exists())
        self.repo = repo
        self.commit = self._git("rev-parse", "HEAD").strip()

    def _git(self, *args: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "-c", "core.quotepath=off", *args],
            check=True, capture_output=True, text=True, encoding="utf-8", errors="replace",
        ).stdout

    def files(self, prefix: str = "") -> list[str]:
        return sorted(self._git("ls-tree", "-r", "--name-only", "HEAD", "--", prefix).splitlines()) if prefix else sorted(
            self._git("ls-tree", "-r", "--name-only", "HEAD").splitlines()
        )

    def read_bytes(self, path: str, manifest: list[tuple[str, ...]]) -> bytes:
        manifest.append((self.repo, self.commit, path, REPOSITORIES[self.repo]))
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "show", f"HEAD:{path}"], check=True, capture_output=True
        ).stdout

    def read(self, path: str, manifest: list[tuple[str, ...]]) -> str:
        return self.read_bytes(path, manifest).decode("utf-8", errors="replace")


def _han_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    return sum(bool(HAN.match(c)) for c in letters) / len(letters) if letters else 0.0


# --- verse ---------------------------------------------------------------

POETRY = {  # collection -> (path prefix, poems per document)
    "全唐诗": ("全唐诗/poet.tang.", 4),
    "宋词": ("宋词/ci.song.", 4),
    # 元曲/yuanqu.json is left out: its lines are cut at arbitrary points (金 / 鸡触祸机)
    "诗经": ("诗经/shijing.json", 3),
    "楚辞": ("楚辞/chuci.json", 2),
    "纳兰性德": ("纳兰性德/纳兰性德诗集.json", 4),
    "花间集": ("五代诗词/huajianji/huajianji-", 4),
    "曹操诗集": ("曹操诗集/caocao.json", 3),
    # the imperial edition's lines as its JSON has them: often three clauses on one
    # line and one on the next (晴江春暖蘭蕙熏，鳧鷖苒苒鷗著群。洛陽賈誼自無命，/ 松醪酒好…)
    "御定全唐詩": ("御定全唐詩/json/", 4),
    "水墨唐诗": ("水墨唐诗/", 4),
    "论语": ("论语/", 2),
}


def poetry(mirror: Mirror, manifest: list, limit: int) -> list[dict]:
    docs = []
    all_files = mirror.files()
    for collection, (prefix, per_doc) in POETRY.items():
        files = [f for f in all_files if f.startswith(prefix) and f.endswith(".json") and "author" not in f]
        poems = []
        for path in files[:3]:
            data = json.loads(mirror.read(path, manifest))
            for poem in data if isinstance(data, list) else data.get("content", []):
                lines = poem.get("paragraphs") or poem.get("content") or []
                if isinstance(lines, str):
                    lines = [lines]
                lines = [re.sub(r"\s+", "", line) for line in lines if line and line.strip()]
                title = (poem.get("title") or poem.get("rhythmic") or poem.get("chapter") or "").strip()
                if title and 2 <= len(lines) <= 40:
                    poems.append((title, poem.get("author", ""), lines))
            if len(poems) >= limit * per_doc:
                break
        for start in range(0, min(len(poems), limit * per_doc), per_doc):
            blocks = []
            number = start // per_doc
            for title, author, lines in poems[start : start + per_doc]:
                block = [["heading", title]]
                if author and number % 2:
                    block.append(["meta", author])
                if number % 3 == 2:  # one 句 a line: the layout of lyrics and school anthologies
                    lines = [part for line in lines for part in re.findall(r"[^，。！？；]+[，。！？；]?", line) if part]
                block += [["verse", line] for line in lines]
                blocks.append(block)
            script = "traditional" if collection == "全唐诗" else "simplified"
            docs.append(_doc(f"poetry/{collection}/{number}", f"{mirror.repo}:{collection}", "verse", script, blocks))
    return docs


# --- classical prose -----------------------------------------------------


def classical(mirror: Mirror, manifest: list, limit: int) -> list[dict]:
    docs = []
    files = [f for f in mirror.files("古文原文") if f.endswith("text.txt")]
    books: dict[str, list[str]] = {}
    for path in files:
        books.setdefault(path.split("/")[1], []).append(path)
    for book in sorted(books)[:limit]:
        path = books[book][0]
        lines = []
        for raw in mirror.read(path, manifest).splitlines():
            raw = raw.strip()
            if not raw:
                continue
            heading = re.fullmatch(r"<strong>(.*?)</strong>", raw)
            if heading:
                lines.append(["heading", re.sub(r"^[○◎]", "", heading.group(1))])
            else:
                lines.append(["para", re.sub(r"<[^>]+>", "", raw)])
        lines = lines[:40]
        if sum(kind == "para" for kind, _ in lines) >= 3:
            docs.append(_doc(f"classical/{book}", f"{mirror.repo}:{book}", "classical", "simplified", [lines]))
    return docs


def modern_translations(mirror: Mirror, manifest: list, limit: int) -> list[str]:
    """Modern Chinese sentences (the translations), for character statistics."""
    out = []
    files = [f for f in mirror.files("双语数据") if f.endswith("target.txt")]
    step = max(1, len(files) // limit)
    for path in files[::step][:limit]:
        source = f"{mirror.repo}:{path.split('/')[1]}"
        if split_of(source) == "train":
            out.append(mirror.read(path, manifest))
    return out


# --- Markdown prose (blog, docs) ----------------------------------------


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("")
    return "".join(parts).strip()


def markdown_docs(mirror: Mirror, manifest: list, prefix: str, genre: str, limit: int) -> list[dict]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    docs = []
    files = [f for f in mirror.files(prefix) if f.endswith(".md")]
    step = max(1, len(files) // limit)
    for path in files[::step][:limit]:
        tokens = md.parse(mirror.read(path, manifest))
        lines = []
        depth = 0  # inside a list, table or quote: not running prose
        for index, token in enumerate(tokens):
            if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open", "table_open"):
                depth += 1
            elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close", "table_close"):
                depth -= 1
            elif token.type == "inline" and depth == 0:
                text = _inline_text(token)
                if not text or _han_share(text) < 0.5:
                    # a formula, code or a Latin paragraph left out: the line
                    # before may lead into it (表示为 / $$...$$) and is no clean end
                    if lines and lines[-1][1][-1] not in "。！？…”」』）":
                        lines.pop()
                    continue
                if text[-1] in "“‘「（(《":
                    continue  # an image or a link left out after it
                kind = "heading" if tokens[index - 1].type == "heading_open" else "para"
                lines.append([kind, text])
        # one paragraph a block (the blank-line layout of Markdown), at most 30
        lines = lines[:30]
        if sum(kind == "para" for kind, _ in lines) >= 3:
            # one author or one project's docs: the repository is the source
            docs.append(_doc(f"{genre}/{path}", mirror.repo, genre, "simplified", [[line] for line in lines]))
    return docs


# --- official documents ------------------------------------------------------


REPORT_TAIL = re.compile(r"^(?:相关报道|相关文档|分享到|扫一扫|打印本页|关闭窗口|（来源|编辑：|责任编辑|收藏$|》》|【$|\|$)")
REPORT_HEADER_KEEP = re.compile(r"政府工作报告$|人民代表大会|^(?:[\u4e00-\u9fff]{0,12}(?:省长|市长|主席))\s*[\u4e00-\u9fff·]{2,8}$")


def report_body(lines: list[str]) -> list[str]:
    """The report as published, without the page around it: from its title, the
    meeting line and the speaker's line (the page's 下载 / 打印 / 【字号：…】,
    来源：… and 时间：… lines dropped) to its last paragraph and notes, before
    the page's own tail (相关报道：, 分享到, 打印本页 …).  A rule for this
    dataset's pages, checked by eye on all 31."""
    opening = next((i for i, line in enumerate(lines) if line.startswith("各位代表")), 0)
    header = [line for line in lines[:opening] if REPORT_HEADER_KEEP.search(line)]
    if header:
        # the title as the page repeats it: from its last occurrence before the text
        titles = [i for i, line in enumerate(header) if line.endswith("政府工作报告")]
        header = header[titles[-1] :] if titles else header
    body = []
    for line in lines[opening:]:
        if REPORT_TAIL.match(line):
            break
        body.append(line)
    return header + body


def government_reports(mirror: Mirror, manifest: list) -> tuple[list[dict], list[dict]]:
    """The provinces' 2026 government work reports: modern official prose, one
    paragraph a line, headings (一、… （一）…) on lines of their own.  As clean
    documents: the report's body (``report_body``); as real pages: the page's
    text as scraped, with that body.  One source per province."""
    import csv
    import io

    docs, pages = [], []
    for path in mirror.files("output/2026_raw_text"):
        if not path.endswith("政府工作报告.csv"):
            continue
        for row in csv.DictReader(io.StringIO(mirror.read(path, manifest))):
            lines = [line.strip() for line in row["full_text"].splitlines() if line.strip()]
            body = report_body(lines)
            kinds = [["para" if line[-1] in TERMINAL + "：" or len(line) > 40 else "heading", line] for line in body]
            if len(kinds) >= 10:
                province = path.rsplit("/", 1)[-1].split("_")[1]
                source = f"{mirror.repo}:{province}"
                docs.append(_doc(f"official/{province}", source, "official", "simplified", [kinds]))
                pages.append({"id": f"page/official/{province}", "source": source, "split": split_of(source),
                              "page": "\n".join(lines) + "\n", "body": "\n".join(body) + "\n"})
    return docs, pages


# --- real pages ------------------------------------------------------------

BLOCK_TAGS = set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer nav dt dd dl "
    "blockquote pre form option title td th center hr".split()
)


class _PageText(html.parser.HTMLParser):
    """The text of a page as a naive scraper gives it: each block element on a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def _flush(self) -> None:
        line = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "select"):
            self.skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "select"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines) + "\n"


def page_text(markup: str) -> str:
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _declared(data: bytes) -> str:
    """A page's text as normalize-zh's own decoder reads its bytes (the
    dataset's ``encoding="gb2312"`` attribute is wrong for some pages: a user's
    pipeline would not trust it either)."""
    sys.path.insert(0, str(ROOT / "src"))
    from normalize_zh.decode import detect

    return detect(data).text


def pages(mirror: Mirror, manifest: list) -> tuple[list[dict], list[dict]]:
    """Real pages, and the clean bodies that read as one paragraph a line (news)."""
    out, clean = [], []
    for path in mirror.files("original"):
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        body = mirror.read(f"cleaned/{name}.txt", manifest)
        markup = _declared(mirror.read_bytes(path, manifest))
        url = re.search(r'<text id="([^"]+)"', markup)
        site = re.sub(r"^https?://", "", url.group(1)).split("/")[0] if url else name
        source = f"{mirror.repo}:{site}"
        out.append({"id": f"page/{name}", "source": source, "split": split_of(source), "page": page_text(markup), "body": body})
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        ends = sum(line[-1] in TERMINAL for line in lines)
        if len(lines) >= 4 and ends >= 0.7 * len(lines) and _han_share(body) > 0.6:
            kinds = [["para" if line[-1] in TERMINAL or len(line) > 40 else "heading", line] for line in lines]
            title = _page_title(markup, page_text(markup), lines[0])
            if title:
                kinds.insert(0, ["title", title])
            clean.append(_doc(f"news/{name}", source, "news", "simplified", [kinds]))
    return out, clean


def _page_title(markup: str, text: str, first_line: str) -> str | None:
    """The article's title as the page shows it above the body: the part of the
    page's ``<title>`` (site names cut off at ``_ - | ——``) that is a line of the
    page before the body's first line (the hand-cut bodies leave titles out)."""
    found = re.search(r"<title>(.*?)</title>", markup, re.S | re.I)
    if not found:
        return None
    parts = [part.strip() for part in re.split(r"\s*(?:_|\||｜|-{1,2}|——|—)\s*", html.unescape(found.group(1))) if part.strip()]
    lines = [line.strip() for line in text.splitlines()]
    try:
        before = lines[: lines.index(first_line)]
    except ValueError:
        return None
    for part in sorted(parts, key=len, reverse=True):
        if len(part) >= 6 and _han_share(part) > 0.6 and part in before:
            return part
    return None


def _doc(doc_id: str, source: str, genre: str, script: str, blocks: list) -> dict:
    return {"id": doc_id, "source": source, "genre": genre, "script": script, "split": split_of(source), "blocks": blocks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "work" / "corpus")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest: list[tuple[str, ...]] = []
    mirrors = {repo: Mirror(args.mirror, repo) for repo in REPOSITORIES}
    docs = poetry(mirrors["chinese-poetry/chinese-poetry"], manifest, 40)
    docs += classical(mirrors["NiuTrans/Classical-Modern"], manifest, 120)
    docs += markdown_docs(mirrors["ruanyf/weekly"], manifest, "docs", "blog", 120)
    docs += markdown_docs(mirrors["d2l-ai/d2l-zh"], manifest, "", "docs", 80)
    docs += markdown_docs(mirrors["vitest-dev/docs-cn"], manifest, "", "docs", 40)
    real_pages, news = pages(mirrors["immortal-autumn/Chinese-Web-Content-Extraction-Dataset"], manifest)
    docs += news
    reports, report_pages = government_reports(mirrors["johncodes404/china-provincial-gov-reports-2026"], manifest)
    docs += reports
    real_pages += report_pages
    with open(args.out / "clean.jsonl", "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(args.out / "pages.jsonl", "w", encoding="utf-8") as handle:
        for page in real_pages:
            handle.write(json.dumps(page, ensure_ascii=False) + "\n")
    # running text of the training split, for the language statistics
    language = [
        "\n".join(text for block in doc["blocks"] for _, text in block)
        for doc in docs
        if doc["split"] == "train" and doc["genre"] != "verse"  # verse's clauses are no model of prose's
    ]
    language += modern_translations(mirrors["NiuTrans/Classical-Modern"], manifest, 1500)
    (args.out / "language.txt").write_text("\n".join(language) + "\n", encoding="utf-8")
    seen = set()
    rows = ["repo\tcommit\tpath\tlicense"]
    for row in manifest:
        if row not in seen:
            seen.add(row)
            rows.append("\t".join(row))
    MANIFEST.write_text("\n".join(rows) + "\n", encoding="utf-8")
    counts: dict[tuple[str, str], int] = {}
    for doc in docs:
        counts[doc["genre"], doc["split"]] = counts.get((doc["genre"], doc["split"]), 0) + 1
    for (genre, split), count in sorted(counts.items()):
        print(f"{genre:10} {split:5} {count}")
    print(f"pages: {len(real_pages)}; manifest rows: {len(rows) - 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
