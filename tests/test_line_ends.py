"""A text's line ends and byte order mark do not change what it is or what it becomes.

A file's own line ends are made LF when it is read (``textfile.read_text``)
and put back when it is written; text given to the library, or to the
datatrove step, comes as it is: a subtitle file saved on Windows (CR LF), a
Markdown article, an old Mac file of lone CRs.  The pipeline makes them LF
before it judges the document's kind and its lines, so that every judge
sees the same lines whatever the ends were; and it drops a byte order mark
at the start first (behind one, ``---`` opens no YAML front matter).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normalize_zh import run
from normalize_zh.pipeline import replay

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("0*.txt"))

SUBTITLES = (
    "1\n00:00:01,000 --> 00:00:03,500\n翻译，特效，压制：布尔\n字体：思源宋体 SemiBold\n\n"
    "2\n00:00:04,880 --> 00:00:11,310\n→ 通往ISS的旅途\n\n"
    "3\n00:00:13,150 --> 00:00:15,000\n嗨 我是Everyday Astronaut的Tim Dodd\n"
)
MARKDOWN = '---\ntitle: "眾新聞告別    感謝讀者"\n---\n\n## 小標題\n\n- 第一項，\n- 第二項\n\n正文第一段。\n'
POEM = "静夜思\n李白\n\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n"
TEXTS = {"subtitles": SUBTITLES, "markdown": MARKDOWN, "verse": POEM}


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_a_document_is_of_its_kind_whatever_its_line_ends(kind, ending):
    lf = run(TEXTS[kind])
    other = run(TEXTS[kind].replace("\n", ending))
    assert lf.kind == other.kind == kind
    # (the subtitle cues stay apart: a lone CR read as no line break joined each cue's lines)
    assert other.text == lf.text


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_is_repaired_alike_whatever_its_line_ends(seed, ending):
    text = seed.read_text(encoding="utf-8")
    assert "\r" not in text
    lf = run(text)
    other = run(text.replace("\n", ending))
    assert (other.kind, other.text) == (lf.kind, lf.text)


def test_line_ends_are_recorded_as_changes_that_replay():
    text = SUBTITLES.replace("\n", "\r\n")
    result = run(text)
    assert "\r" not in result.text and result.changed_steps.count("clean_unicode") == 1
    breaks = [c for c in result.changes if c.reason == "line break"]
    assert len(breaks) == text.count("\r\n") - text.count("\r\n\r\n")  # (a blank line's two ends are one change)
    assert replay(text, result.changes) == result.text


def test_line_ends_stay_when_the_hygiene_step_is_off():
    text = POEM.replace("\n", "\r\n")
    assert run(text, clean_unicode=False).text == text


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_a_document_is_of_its_kind_behind_a_byte_order_mark(kind):
    lf = run(TEXTS[kind])
    marked = run("\ufeff" + TEXTS[kind])
    assert (marked.kind, marked.text) == (lf.kind, lf.text)


def test_front_matter_behind_a_byte_order_mark_keeps_its_colons():
    # (read as prose, "title: 測試" became "title：测试": YAML no parser reads)
    result = run("\ufeff---\ntitle: 測試\n---\n\n正文。\n")
    assert result.text == "---\ntitle: 測試\n---\n\n正文。\n"
    assert [(c.step, c.reason) for c in result.changes] == [("clean_unicode", "invisible character")]
