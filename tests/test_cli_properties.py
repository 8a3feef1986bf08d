"""Random bytes and random JSON lines through ``main()`` (issue 15): never a
traceback, an exit status in {0, 1, 2}, input files unchanged unless -i, and
as many JSONL output lines as input lines."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from normalize_zh.cli import main

CHINESE = "濟(jì)源網訊，,、。浣犲ソ锛屼笘鐣岋紒臺灣的軟體中文\u3000\u200b\r\n\t"
text = st.text(alphabet=st.sampled_from(CHINESE) | st.characters(codec="utf-8"), max_size=80)
encodings = st.sampled_from(["utf-8", "gbk", "big5", "utf-16", "utf-8-sig", "gb18030"])


@st.composite
def file_bytes(draw) -> bytes:
    """Raw bytes, or text in one of the encodings a Chinese file comes in."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    return draw(text).encode(draw(encodings), errors="ignore")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=6,
)


@st.composite
def json_line(draw) -> bytes:
    kind = draw(st.sampled_from(["record", "record", "record", "no-field", "value", "garbage", "blank"]))
    if kind == "record":
        record = draw(st.dictionaries(text, json_values, max_size=3))
        record["text"] = draw(text | json_values)
        keys = list(record.items())
        draw(st.randoms()).shuffle(keys)
        line = json.dumps(dict(keys), ensure_ascii=draw(st.booleans()))
        return line.encode("utf-8", "surrogatepass")
    if kind == "no-field":
        return json.dumps(draw(st.dictionaries(text, json_values, max_size=3))).encode()
    if kind == "value":
        return json.dumps(draw(json_values)).encode()
    if kind == "blank":
        return b"   "
    return draw(st.binary(max_size=60)).replace(b"\n", b"")


@contextlib.contextmanager
def streams(stdin: bytes):
    """sys.stdin/stdout/stderr on bytes, as a terminal-less pipe would give."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="replace", write_through=True)
    result: dict[str, bytes] = {}
    try:
        yield result
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        result["out"], result["err"] = out.getvalue(), err.getvalue()
        sys.stdin, sys.stdout, sys.stderr = saved


def call(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes, str]:
    with streams(stdin) as captured:
        status = main(argv)
    err = captured["err"].decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert status in (0, 1, 2), (argv, status, err)
    return status, captured["out"], err


def line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


@given(data=file_bytes(), mode=st.sampled_from([[], ["--check"], ["--diff"], ["--explain"], ["--check", "--diff", "--stats"], ["--hook"], ["-i"]]))
def test_random_files_never_crash_and_stay_unless_in_place(data, mode):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_bytes(data)
        status, _, _ = call([*mode, str(path)])
        if "-i" not in mode and "--hook" not in mode:
            assert path.read_bytes() == data
        assert sorted(p.name for p in Path(folder).iterdir()) == ["page.txt"]


@given(data=file_bytes())
def test_random_stdin_never_crashes(data):
    call(["-"], data)
    call(["--check", "--diff", "-"], data)


@given(lines=st.lists(json_line(), max_size=8), final_newline=st.booleans(), mode=st.sampled_from([[], ["--check"], ["--diff"], ["--explain", "--stats"], ["-i"]]))
def test_random_json_lines_never_crash_and_keep_the_line_count(lines, final_newline, mode):
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.jsonl"
        path.write_bytes(data)
        status, out, _ = call(["--jsonl", *mode, str(path)])
        if mode == []:
            assert line_count(out) == line_count(data)
        if mode == ["-i"]:
            assert line_count(path.read_bytes()) == line_count(data)
        else:
            assert path.read_bytes() == data
        assert sorted(p.name for p in Path(folder).iterdir()) == ["c.jsonl"]
    status, out, _ = call(["--jsonl", "-"], data)
    assert line_count(out) == line_count(data)
