"""JSON Lines through the command line (issue 15): only the field's string
changes, every other byte stays; a line that cannot be processed passes
through and is reported with its number; --check/--diff/--explain/-i mean what
they mean for files; memory stays flat."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize_zh import normalize
from normalize_zh.cli import main
from normalize_zh.jsonl import LineError, field_span

DAMAGED = "濟(jì)源網(wǎng)訊,,記者報道。"
FIXED = normalize(DAMAGED)


def run(argv, stdin: bytes, monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main([str(a) for a in argv])
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8", "replace")


def test_a_lone_surrogate_in_another_field_does_not_stop_the_line(monkeypatch, capsysbinary):
    """Today: a traceback, exit 1 and the output cut mid-file."""
    line = b'{"text":"\xe6\xbf\x9f(j\xc3\xac)\xe6\xba\x90","x":"\\ud800"}\n'
    status, out, err = run(["--jsonl"], line + '{"text":"甲,,乙"}\n'.encode(), monkeypatch, capsysbinary)
    assert status == 0 and "Traceback" not in err
    assert out == '{"text":"济源","x":"\\ud800"}\n{"text":"甲，乙"}\n'.encode()


def test_a_lone_surrogate_in_the_field_passes_the_line_through(tmp_path, monkeypatch, capsysbinary):
    path = tmp_path / "c.jsonl"
    data = '{"text":"甲,,乙"}\n{"text":"\\udc00 ,,"}\n'.encode()
    path.write_bytes(data)
    status, _, err = run(["--jsonl", "-i", path], b"", monkeypatch, capsysbinary)
    assert status == 2 and "line 2: lone surrogate" in err and "Traceback" not in err
    assert path.read_bytes() == '{"text":"甲，乙"}\n{"text":"\\udc00 ,,"}\n'.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_a_line_that_is_not_utf8_passes_through(monkeypatch, capsysbinary):
    """Today: AttributeError: 'UnicodeDecodeError' object has no attribute 'msg'."""
    data = '{"text":"甲,,乙"}\n'.encode() + b'{"text":"\xff"}\n'
    status, out, err = run(["--jsonl"], data, monkeypatch, capsysbinary)
    assert status == 2 and "line 2: not UTF-8" in err and "Traceback" not in err
    assert out == '{"text":"甲，乙"}\n'.encode() + b'{"text":"\xff"}\n'


def test_only_the_field_changes_every_other_byte_stays(monkeypatch, capsysbinary):
    line = '{"id": 1,  "url":"http:\\/\\/x.cn" , "text" : "%s", "n": 1.50, "text": "%s", "z":[1 , 2]}\r\n'
    data = (line % ("first", DAMAGED)).encode()
    status, out, _ = run(["--jsonl"], data, monkeypatch, capsysbinary)
    assert status == 0
    # as json.loads, the last of two equal keys is the field
    assert out == (line % ("first", FIXED)).encode()


def test_the_line_keeps_its_escaping_style(monkeypatch, capsysbinary):
    data = (json.dumps({"text": DAMAGED}) + "\n").encode()  # \uXXXX escapes, as json.dumps writes by default
    status, out, _ = run(["--jsonl"], data, monkeypatch, capsysbinary)
    assert status == 0 and out.isascii() and json.loads(out) == {"text": FIXED}
    data = (json.dumps({"text": DAMAGED, "n": "名"}, ensure_ascii=False) + "\n").encode()
    status, out, _ = run(["--jsonl"], data, monkeypatch, capsysbinary)
    assert out == (json.dumps({"text": FIXED, "n": "名"}, ensure_ascii=False) + "\n").encode()


def test_lines_that_cannot_be_processed_are_reported_with_their_numbers(monkeypatch, capsysbinary):
    data = b'{"text": "a,,b"}\nnot json\n{"text": 5}\n{"other": 1}\n[1, 2]\n\n{"text": "ok"} extra\n'
    status, out, err = run(["--jsonl", "--stats"], data, monkeypatch, capsysbinary)
    assert status == 2
    assert out.decode().splitlines()[1:] == data.decode().splitlines()[1:]
    for number, reason in ((2, "not JSON"), (3, "field is not a string"), (4, "no field 'text'"), (5, "not a JSON object"), (7, "not JSON")):
        assert f"line {number}: {reason}" in err
    assert "passed through unchanged: 5" in err and "no such field" in err


def test_a_field_no_line_has_is_an_error(tmp_path, monkeypatch, capsysbinary):
    path = tmp_path / "c.jsonl"
    data = ('{"text": "%s"}\n' % DAMAGED).encode() * 3
    path.write_bytes(data)
    status, _, err = run(["--jsonl", "--field", "txet", "-i", path], b"", monkeypatch, capsysbinary)
    assert status == 2 and "no line has the field 'txet'" in err
    assert path.read_bytes() == data


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_diff_and_explain_work_for_jsonl(tmp_path, monkeypatch, capsysbinary, jobs):
    path = tmp_path / "c.jsonl"
    rows = [{"id": i, "text": DAMAGED if i in (3, 40) else "干净的文字"} for i in range(60)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(data)
    status, out, _ = run(["--jsonl", "--check", "-j", jobs, path], b"", monkeypatch, capsysbinary)
    assert status == 1 and out.decode() == f"would change {path}\n"
    status, out, _ = run(["--jsonl", "--diff", "-j", jobs, path], b"", monkeypatch, capsysbinary)
    diff = out.decode()
    assert status == 0 and diff.count("@@ ") == 2 and f'-{{"id": 3, "text": "{DAMAGED}"}}' in diff
    assert f'+{{"id": 40, "text": "{FIXED}"}}' in diff
    if subprocess.run(["git", "--version"], capture_output=True).returncode == 0:
        applied = subprocess.run(["git", "apply", "--check", "-"], input=diff.replace(f"a/{path}", "a/c.jsonl").replace(f"b/{path}", "b/c.jsonl").encode(), cwd=tmp_path, capture_output=True)
        assert applied.returncode == 0, applied.stderr
    status, out, _ = run(["--jsonl", "--explain", "-j", jobs, path], b"", monkeypatch, capsysbinary)
    lines = out.decode().splitlines()
    assert lines and all(line.startswith((f"{path}:4:text:", f"{path}:41:text:")) for line in lines)
    assert f"{path}:4:text:1:1 strip_pinyin: 濟(jì) -> 濟 (reading jì)" in lines
    assert path.read_bytes() == data


def test_in_place_crash_leaves_the_file_and_no_temporary_file(tmp_path, monkeypatch, capsysbinary):
    from normalize_zh import jsonl

    path = tmp_path / "c.jsonl"
    data = ('{"text": "%s"}\n' % DAMAGED).encode() * 600
    path.write_bytes(data)
    real = jsonl.normalize_batch
    calls = []

    def crashing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("a bug in a step")
        return real(*args, **kwargs)

    monkeypatch.setattr(jsonl, "normalize_batch", crashing)
    status, _, err = run(["--jsonl", "-i", path], b"", monkeypatch, capsysbinary)
    assert status == 123 and "internal error: RuntimeError: a bug in a step" in err and "Traceback" not in err
    assert path.read_bytes() == data and sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_memory_stays_flat_output_streams_while_input_is_read(monkeypatch, capsysbinary):
    """The first output is written long before the last input line is read."""
    total = 5_000
    read = []

    class Source(io.RawIOBase):
        def __init__(self):
            self.lines = (b'{"text": "a,,b %d"}\n' % i for i in range(total))

        def __iter__(self):
            for line in self.lines:
                read.append(1)
                yield line

    class Stdin:
        buffer = Source()

    first_write = []

    class Stdout(io.BytesIO):
        def write(self, data):
            if not first_write:
                first_write.append(len(read))
            return super().write(data)

    sink = Stdout()

    class Out:
        buffer = sink

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdin", Stdin())
    monkeypatch.setattr(sys, "stdout", Out())
    assert main(["--jsonl"]) == 0
    assert len(read) == total and sink.getvalue().count(b"\n") == total
    assert first_write and first_write[0] < total / 4


def test_field_span_is_a_tokenizer_not_a_pattern():
    line = '{"a": "\\"text\\": \\"no\\"", "b": {"text": "nested"}, "text": "yes"}'
    start, end, value = field_span(line, "text")
    assert value == "yes" and line[start:end] == '"yes"'
    with pytest.raises(LineError, match="no such field"):
        field_span('{"b": {"text": "nested"}}', "text")
    for bad in ('{"text": "a",}', '{"text" "a"}', '{"text": "a"', "{'text': 'a'}", '{"text": "a\x01"}'):
        with pytest.raises(LineError, match="not JSON"):
            field_span(bad, "text")


@given(
    flags=st.lists(st.booleans(), min_size=1, max_size=40),
    final_newline=st.booleans(),
)
def test_the_streamed_diff_is_the_diff_difflib_makes(flags, final_newline):
    """LineDiff writes JSONL diffs line by line (flat memory): the same hunks as
    difflib's unified diff of the whole files."""
    import re

    from normalize_zh.report import LineDiff, unified_diff

    before = [b"line %d\n" % i for i in range(len(flags))]
    if not final_newline:
        before[-1] = before[-1].rstrip(b"\n")
    after = [line.replace(b"line", b"LINE") if changed else line for line, changed in zip(before, flags)]
    sink = io.BytesIO()
    diff = LineDiff(sink, "f")
    for number, (old, new) in enumerate(zip(before, after), 1):
        diff.feed(number, old, new)
    diff.close()
    expected = unified_diff(b"".join(before).decode(), b"".join(after).decode(), "f")

    def spelled_out(text: str) -> str:  # difflib writes "@@ -3 +3 @@" for "-3,1 +3,1"
        return re.sub(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", lambda m: f"@@ -{m[1]},{m[2] or 1} +{m[3]},{m[4] or 1} @@", text)

    assert spelled_out(sink.getvalue().decode()) == spelled_out(expected)
