"""Property tests: whatever the docs preset repairs in a file, the file's
syntax comes out exactly as it went in.

Markdown: the token stream markdown-it gives (types, tags, markup, info,
attributes, code and HTML content) is the same before and after; only text
may differ.  Code: pygments' tokens outside comments and strings are the same.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalize_zh.config import Config
from normalize_zh.markdown import parser
from normalize_zh.pipeline import run_text

DOCS = Config.preset("docs")
CORPUS = Config.preset("corpus")

# text as it comes: clean, with ASCII marks between Chinese, with mojibake, with pinyin
words = st.sampled_from(["中文", "说明", "例子", "北京", "浣犲ソ锛屼笘鐣岋紒", "濟(jì)源", "你好,世界", "好吗?", "注意:", "(注释)", "1) 项", "panic!", ":-)", "Hello, world"])
text = st.lists(words, min_size=1, max_size=5).map("".join)
inline = st.one_of(
    text,
    text.map(lambda t: f"`{t}`"),
    st.tuples(text, text).map(lambda p: f"[{p[0]}](https://e.cn/{p[1]})"),
    text.map(lambda t: f"[{t}][]"),
    text.map(lambda t: f"![{t}](a.png)"),
    text.map(lambda t: f"<b>{t}</b>"),
    st.just("&#96;"),
    text.map(lambda t: f"{{{{< tip text=\"{t}\" >}}}}"),
    text.map(lambda t: f"{{ref}}`{t}`"),
    text.map(lambda t: f":label:`{t}`"),
    st.just("$a,b$"),
    text.map(lambda t: f"*{t}*"),
)
line = st.lists(inline, min_size=1, max_size=4).map(" ".join)
block = st.one_of(
    line,
    st.tuples(st.integers(1, 3), line).map(lambda p: "#" * p[0] + " " + p[1]),
    st.lists(line, min_size=1, max_size=3).map(lambda items: "\n".join("- " + i for i in items)),
    st.lists(line, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}) {i}" for n, i in enumerate(items, 1))),
    line.map(lambda t: "> " + t),
    text.map(lambda t: f"```python\nprint(\"{t}\")\n```"),
    st.tuples(text, text).map(lambda p: f"| {p[0]} | 说明 |\n|---|---|\n| {p[1]} | x |"),
    st.tuples(text, line).map(lambda p: f":::info {p[0]}\n{p[1]}\n:::"),
    text.map(lambda t: f"    indented {t}"),
    text.map(lambda t: f"<div title=\"{t}\">\n{t}\n</div>"),
)
markdown = st.tuples(st.booleans(), st.lists(block, min_size=1, max_size=6)).map(
    lambda p: ("---\ntitle: 标题: 副标题\n---\n\n" if p[0] else "") + "\n\n".join(p[1]) + "\n"
)


def _structure(source: str) -> list[tuple]:
    """The document without its text: every token's type, tag, markup, info,
    attributes, and the content of code, HTML and front matter."""
    shape = []
    for token in parser().parse(source):
        content = token.content if token.type in ("fence", "code_block", "html_block", "front_matter") else ""
        shape.append((token.type, token.tag, token.markup, token.info, tuple(sorted(token.attrs.items())), content))
        for child in token.children or ():
            child_content = child.content if child.type in ("code_inline", "html_inline", "myst_role", "template") else ""
            shape.append(("  " + child.type, child.tag, child.markup, tuple(sorted(child.attrs.items())), child_content))
    return shape


@given(markdown)
def test_markdown_syntax_survives_the_docs_preset(source):
    result = run_text(source, DOCS, path="doc.md")
    assert _structure(result.text) == _structure(source)


@given(markdown)
def test_markdown_syntax_survives_the_corpus_preset(source):
    result = run_text(source, CORPUS, path="doc.md")
    assert _structure(result.text) == _structure(source)


def _code_shape(source: str) -> list[tuple[str, str]]:
    from pygments.lexers import PythonLexer

    shape = []
    for _, token, value in PythonLexer(stripnl=False, ensurenl=False).get_tokens_unprocessed(source):
        kind = str(token)
        if kind.startswith(("Token.Comment", "Token.Literal.String")) and not kind.startswith(
            ("Token.Literal.String.Escape", "Token.Literal.String.Interpol", "Token.Literal.String.Affix")
        ):
            shape.append((kind, ""))
        else:
            shape.append((kind, value))
    return shape


code_line = st.one_of(
    st.tuples(text, text).map(lambda p: f"def 计算(数量, 单价):  # {p[0]}\n    return f'{p[1]}: {{x}}\\n'"),
    text.map(lambda t: f"x = (item.id, )  # {t}"),
    text.map(lambda t: f"PATTERN = r\"(\\d+){t}\""),
    text.map(lambda t: f"print(\"{t}\")"),
)


@given(st.lists(code_line, min_size=1, max_size=5).map("\n".join))
def test_code_outside_comments_and_strings_is_untouched(source):
    for config in (DOCS, CORPUS):
        result = run_text(source, config, path="module.py")
        assert [v for k, v in _code_shape(result.text) if v] == [v for k, v in _code_shape(source) if v]
        assert set(result.changed_steps) <= {"fix_encoding"}
