"""The normalize-zh command: main(argv) in-process, the installed console script,
the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from normalize_zh import normalize
from normalize_zh.cli import _batches, main

from .conftest import ROOT, seed_paths, seed_text

DAMAGED = "濟(jì)源網(wǎng)訊,,記者報道。\n"


@pytest.fixture
def damaged_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    return path


def run_main(argv, stdin: bytes = b"", monkeypatch=None, capsysbinary=None):
    """Call main(argv) with ``stdin``; return (status, stdout bytes, stderr text)."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main(argv)
    captured = capsysbinary.readouterr()
    return status, captured.out, captured.err.decode("utf-8", "replace")


def test_stdin_to_stdout_on_seed_002(monkeypatch, capsysbinary):
    status, out, _ = run_main(["-"], seed_text("002").encode("utf-8"), monkeypatch, capsysbinary)
    assert status == 0
    assert out.decode("utf-8") == normalize(seed_text("002"))


def test_stdin_in_gbk(monkeypatch, capsysbinary):
    status, out, _ = run_main([], "郑州市卫生健康委召开会议,部署工作".encode("gbk"), monkeypatch, capsysbinary)
    assert status == 0 and out.decode("utf-8") == "郑州市卫生健康委召开会议，部署工作"


def test_file_to_stdout(damaged_file, monkeypatch, capsysbinary):
    status, out, _ = run_main([str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 0 and out.decode() == "济源网讯，记者报道。\n"
    assert damaged_file.read_text(encoding="utf-8") == DAMAGED


def test_check_exits_1_and_leaves_the_file(damaged_file, monkeypatch, capsysbinary):
    before = damaged_file.read_bytes()
    status, out, _ = run_main(["--check", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 1
    assert f"would change {damaged_file}".encode() in out
    assert damaged_file.read_bytes() == before


def test_in_place_fixes_two_seeds_and_a_second_check_passes(tmp_path, monkeypatch, capsysbinary):
    paths = []
    for source in seed_paths()[2:4]:
        target = tmp_path / source.name
        shutil.copy(source, target)
        paths.append(str(target))
    status, _, err = run_main(["-i", *paths], b"", monkeypatch, capsysbinary)
    assert status == 0 and err.count("fixed") == 2
    assert (tmp_path / seed_paths()[2].name).read_text(encoding="utf-8") == normalize(seed_text("002"))
    status, _, _ = run_main(["--check", *paths], b"", monkeypatch, capsysbinary)
    assert status == 0


def test_in_place_keeps_permissions_and_leaves_no_temporary_file(damaged_file, monkeypatch, capsysbinary):
    os.chmod(damaged_file, 0o640)
    status, _, _ = run_main(["-i", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 0
    assert stat.S_IMODE(damaged_file.stat().st_mode) == 0o640
    assert sorted(p.name for p in damaged_file.parent.iterdir()) == ["page.txt"]


def test_binary_file_is_skipped_byte_for_byte(tmp_path, monkeypatch, capsysbinary):
    binary = tmp_path / "image.png"
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    binary.write_bytes(data)
    status, out, err = run_main(["-i", str(binary)], b"", monkeypatch, capsysbinary)
    assert status == 0
    assert "skipped (binary file)" in err
    assert binary.read_bytes() == data


def test_missing_path_is_exit_2_with_a_message(tmp_path, monkeypatch, capsysbinary):
    status, _, err = run_main([str(tmp_path / "nope.txt")], b"", monkeypatch, capsysbinary)
    assert status == 2 and "no such file or directory" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--preset", "everything", "x"],
        ["-i"],
        ["-i", "--check", "x"],
        ["--hook", "-"],
        ["--jobs", "-3", "-"],
        ["--output-encoding", "nonsense", "-"],
        ["-", "-"],
        ["--no-such-switch"],
    ],
)
def test_usage_errors_are_exit_2_with_one_message(argv, monkeypatch, capsysbinary):
    status, out, err = run_main(argv, b"", monkeypatch, capsysbinary)
    assert status == 2 and "Traceback" not in err and "error:" in err


def test_check_and_diff_combine_as_in_black(damaged_file, monkeypatch, capsysbinary):
    """Today they are refused; black and ruff print the diff and exit 1."""
    status, out, _ = run_main(["--check", "--diff", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 1 and "+济源网讯，记者报道。" in out.decode()
    assert damaged_file.read_text(encoding="utf-8") == DAMAGED


def test_internal_error_is_exit_123_with_the_traceback_behind_verbose(damaged_file, monkeypatch, capsysbinary):
    from normalize_zh import pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a step")

    monkeypatch.setattr(pipeline, "run_text", broken)
    status, _, err = run_main([str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 123 and "internal error: RuntimeError: a bug in a step" in err and "Traceback" not in err
    status, _, err = run_main(["--verbose", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 123 and "Traceback" in err
    assert damaged_file.read_text(encoding="utf-8") == DAMAGED


def test_stdin_among_file_names(damaged_file, monkeypatch, capsysbinary):
    """Today ``-`` together with file names fails; as in black, stdin is one input among the files."""
    status, out, _ = run_main([str(damaged_file), "-"], "臺灣,,說明\n".encode("big5"), monkeypatch, capsysbinary)
    assert status == 0 and out.decode() == "济源网讯，记者报道。\n台湾，说明\n"
    status, out, err = run_main(["-i", str(damaged_file), "-"], "甲,,乙\n".encode(), monkeypatch, capsysbinary)
    assert status == 0 and out == "甲，乙\n".encode() and f"fixed {damaged_file}" in err
    assert damaged_file.read_text(encoding="utf-8") == "济源网讯，记者报道。\n"


def test_diff_without_a_final_newline_is_a_patch_git_applies(tmp_path, monkeypatch, capsysbinary):
    """``printf '甲,,乙\\n濟(jì)源' > f.txt; normalize-zh --diff f.txt | git apply --check``"""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    (tmp_path / "f.txt").write_bytes("甲,,乙\n濟(jì)源".encode())
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_main(["--diff", "f.txt"], b"", monkeypatch, capsysbinary)
    assert status == 0 and out.decode().endswith("+济源\n\\ No newline at end of file\n")
    applied = subprocess.run(["git", "apply", "--check", "-"], input=out, cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    subprocess.run(["git", "apply", "-"], input=out, cwd=tmp_path, check=True)
    assert (tmp_path / "f.txt").read_bytes() == "甲，乙\n济源".encode()


def test_explain_is_sorted_by_position_and_escapes_control_characters(tmp_path, monkeypatch, capsysbinary):
    path = tmp_path / "p.txt"
    path.write_bytes("第一,,句濟(jì)源\r\n中文\x07文字\u200b。\r\n".encode())
    status, out, _ = run_main(["--explain", str(path)], b"", monkeypatch, capsysbinary)
    text = out.decode()
    lines = text.splitlines()
    assert status == 0 and "\r" not in text and "\x07" not in text and "\u200b" not in text
    positions = [tuple(map(int, line[len(str(path)) + 1 :].split(" ")[0].split(":"))) for line in lines]
    assert positions == sorted(positions) and len(positions) >= 5
    assert f"{path}:2:3 clean_unicode: \\x07 -> '' (control character)" in lines
    assert f"{path}:2:6 clean_unicode: \\u200b -> '' (invisible character)" in lines


def test_progress_bar_counts_files_and_bytes_and_messages_print_above_it(tmp_path, monkeypatch, capsysbinary):
    """Today: ``0.0/0.0 MB 0.0 MB/s``, never 100%, and "fixed ..." printed over the bar."""
    paths = []
    for index in range(3):
        path = tmp_path / f"{index}.txt"
        path.write_text(DAMAGED * 50, encoding="utf-8")
        paths.append(str(path))
    status, _, err = run_main(["-i", "--progress", *paths], b"", monkeypatch, capsysbinary)
    assert status == 0
    assert "100%" in err and "3/3 files" in err and "B/s" in err
    for line in err.split("\n"):
        if "fixed" in line:
            # tqdm clears its bar before a message: what stays on the line is the message alone
            assert line.split("\r")[-1].startswith("fixed "), repr(line)
    assert err.count("fixed") == 3


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch, capsysbinary):
    paths = []
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text(DAMAGED, encoding="utf-8")
        paths.append(str(tmp_path / f"{index}.txt"))
    status, _, err = run_main(["--check", *paths], b"", monkeypatch, capsysbinary)
    assert status == 1 and err == ""


def test_hook_skips_files_of_no_kind(tmp_path, monkeypatch, capsysbinary):
    unknown = tmp_path / "notes.unknownext"
    unknown.write_text(DAMAGED, encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("浣犲ソ锛屼笘鐣岋紒\n", encoding="utf-8")
    status, _, err = run_main(["--hook", str(unknown), str(page)], b"", monkeypatch, capsysbinary)
    assert status == 1
    assert f"{unknown}: skipped (not a kind normalize-zh edits)" in err and f"fixed {page}" in err
    assert unknown.read_text(encoding="utf-8") == DAMAGED
    assert page.read_text(encoding="utf-8") == "你好，世界！\n"


def test_readme_pre_commit_example_names_no_missing_tag():
    """``rev: v0.1.0`` named a tag that does not exist: use a branch or a commit and say to pin it."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", readme, re.M)
    assert revs
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for rev in revs:
        assert rev == "main" or re.fullmatch("[0-9a-f]{40}", rev) or rev in tags, rev
    assert "pin" in readme.split("## pre-commit", 1)[1].split("\n## ", 1)[0]


def test_help_lists_every_step_switch(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for switch in ("--no-strip-markup", "--no-fix-escapes", "--no-fix-spacing", "--no-fix-repeats", "--no-reflow"):
        assert switch in out
    assert "%E4%B8%AD" in out
    # what the hook edits per kind, and how to narrow it
    for kind in ("markdown", "prose", "po", "subtitles", "code", "data"):
        assert f"\n  {kind} " in out
    assert "types_or" in out and "Exit status" in out


def test_diff(damaged_file, monkeypatch, capsysbinary):
    status, out, _ = run_main(["--diff", str(damaged_file)], b"", monkeypatch, capsysbinary)
    text = out.decode()
    assert status == 0
    assert f"--- a/{damaged_file}" in text and "+济源网讯，记者报道。" in text
    assert damaged_file.read_text(encoding="utf-8") == DAMAGED


def test_explain_lists_each_change_with_line_and_column(tmp_path, monkeypatch, capsysbinary):
    path = tmp_path / "two.txt"
    path.write_text("第一行正常。\n第二行,,濟(jì)源。\n", encoding="utf-8")
    status, out, _ = run_main(["--explain", str(path)], b"", monkeypatch, capsysbinary)
    lines = out.decode().splitlines()
    assert status == 0
    assert f"{path}:2:5 fix_punctuation: , -> '' (stray comma)" in lines
    assert f"{path}:2:4 punctuation: , -> ， (full width)" in lines
    assert any(line.startswith(f"{path}:2:6 strip_pinyin: 濟(jì) -> 濟") for line in lines)
    assert any(":2:" in line and " convert: 濟 -> 济" in line for line in lines)


def test_stats(damaged_file, monkeypatch, capsysbinary):
    status, _, err = run_main(["--stats", "--check", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 1
    assert "changes by step:" in err and "strip_pinyin" in err


def test_directories_are_walked_with_exclude(tmp_path, monkeypatch, capsysbinary):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "docs" / "skip.md").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(DAMAGED, encoding="utf-8")
    status, out, _ = run_main(["--check", "--exclude", "skip.md", str(tmp_path)], b"", monkeypatch, capsysbinary)
    assert status == 1
    assert out.decode().splitlines() == [f"would change {tmp_path / 'docs' / 'a.md'}"]


def test_settings_from_pyproject_and_the_command_line_wins(tmp_path, monkeypatch, capsysbinary):
    (tmp_path / "pyproject.toml").write_text('[tool.normalize-zh]\nto = "keep"\npunctuation = "keep"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "臺灣,,說明\n".encode()
    status, out, _ = run_main([], text, monkeypatch, capsysbinary)
    assert status == 0 and out.decode() == "臺灣,說明\n"
    status, out, _ = run_main(["--to", "simplified"], text, monkeypatch, capsysbinary)
    assert out.decode() == "台湾,说明\n"
    (tmp_path / "pyproject.toml").write_text("[tool.normalize-zh]\ncolour = 1\n", encoding="utf-8")
    status, _, err = run_main([], text, monkeypatch, capsysbinary)
    assert status == 2 and "colour" in err


def test_step_switches(monkeypatch, capsysbinary):
    status, out, _ = run_main(["--no-strip-pinyin", "--to", "keep", "--punctuation", "keep"], "濟(jì)源".encode(), monkeypatch, capsysbinary)
    assert out.decode() == "濟(jì)源"
    status, out, _ = run_main(["--no-strip-pinyin", "--to", "keep"], "濟(jì)源".encode(), monkeypatch, capsysbinary)
    assert out.decode() == "濟（jì）源"


def test_unify_script_switch(monkeypatch, capsysbinary):
    page = "濟源網訊，示範區黨工委書記史秉銳主持召開疫情防控工作專題会議，進一步研究部署當前工作。"
    status, out, _ = run_main(["--to", "keep"], page.encode(), monkeypatch, capsysbinary)
    assert status == 0 and "專題會議" in out.decode()
    status, out, _ = run_main(["--to", "keep", "--no-unify-script"], page.encode(), monkeypatch, capsysbinary)
    assert status == 0 and out.decode() == page


def test_output_encoding(damaged_file, monkeypatch, capsysbinary):
    status, out, _ = run_main(["--output-encoding", "gbk", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 0 and out.decode("gbk") == "济源网讯，记者报道。\n"
    status, _, err = run_main(["--output-encoding", "ascii", str(damaged_file)], b"", monkeypatch, capsysbinary)
    assert status == 2 and "cannot write" in err


def _jsonl_rows(count: int) -> list[dict]:
    seeds = [path.read_text(encoding="utf-8") for path in seed_paths()]
    return [{"id": i, "meta": {"n": i}, "text": seeds[i % len(seeds)][: 200 + i], "lang": "zh"} for i in range(count)]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_keeps_ids_order_and_fields(tmp_path, jobs, monkeypatch, capsysbinary):
    rows = _jsonl_rows(100)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    status, out, _ = run_main(["--jsonl", "--field", "text", "-j", jobs, str(path)], b"", monkeypatch, capsysbinary)
    assert status == 0
    got = [json.loads(line) for line in out.decode().splitlines()]
    assert [g["id"] for g in got] == list(range(100))
    for row, result in zip(rows, got):
        assert result["meta"] == row["meta"] and result["lang"] == "zh"
        assert result["text"] == normalize(row["text"])


def test_jsonl_batches_are_bounded_in_lines_and_bytes():
    """Many small documents go 256 to a task; long ones fewer, so a task stays
    small in memory and the workers finish together."""
    import io

    small = [b'{"text": "x"}\n'] * 600
    assert [len(batch) for batch in _batches(io.BytesIO(b"".join(small)), 256)] == [256, 256, 88]
    long = [b'{"text": "' + "长".encode() * 40_000 + b'"}\n'] * 5
    batches = list(_batches(io.BytesIO(b"".join(long)), 256))
    assert [len(batch) for batch in batches] == [2, 2, 1] and b"".join(sum(batches, [])) == b"".join(long)


def test_jsonl_bad_lines_are_reported_and_kept(monkeypatch, capsysbinary):
    data = b'{"text": "a,,b"}\nnot json\n{"text": 5}\n{"other": 1}\n'
    status, out, err = run_main(["--jsonl"], data, monkeypatch, capsysbinary)
    assert status == 2
    lines = out.decode().splitlines()
    assert lines[1:] == ["not json", '{"text": 5}', '{"other": 1}']
    assert "line 2: not JSON" in err and "line 3" in err


def test_jsonl_in_place(tmp_path, monkeypatch, capsysbinary):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": 1, "text": "濟(jì)源,,訊"}\n', encoding="utf-8")
    status, _, _ = run_main(["--jsonl", "-i", str(path)], b"", monkeypatch, capsysbinary)
    assert status == 0
    assert json.loads(path.read_text(encoding="utf-8")) == {"id": 1, "text": "济源，讯"}


# -- the installed console script and the pre-commit hook ----------------------


def _script() -> str:
    found = shutil.which("normalize-zh", path=str(Path(sys.executable).parent)) or shutil.which("normalize-zh")
    if found is None:
        pytest.fail("the normalize-zh console script is not installed")
    return found


@pytest.mark.slow
def test_installed_console_script(damaged_file):
    completed = subprocess.run([_script(), str(damaged_file)], capture_output=True, timeout=120)
    assert completed.returncode == 0
    assert completed.stdout.decode() == "济源网讯，记者报道。\n"
    version = subprocess.run([_script(), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("normalize-zh ")


# Clean files of every kind a repository holds: the hook must leave each byte as it is.
CLEAN_REPOSITORY = {
    "clean.md": "# 标题\n\n:::info 注意\n已经干净的中文。\n:::\n\n![图](a.png) 见[第一部: 基本文法][]。\n\n[第一部: 基本文法]: https://e.cn\n".encode(),
    "calc.py": "def 计算(数量, 单价):\n    print(f'总价值: {数量 * 单价}美元')  # 注释, 中文\n".encode(),
    "config.yaml": "标题: 欢迎使用\n说明: 第一,第二\n".encode(),
    "people.csv": "姓名,年龄\n张三,20\n".encode(),
    "zh.json": '{"标题": "欢迎使用", "说明": "第一,第二"}\n'.encode(),
    "movie.srt": "1\n00:00:01,000 --> 00:00:02,500\n你好\n\n2\n00:00:03,000 --> 00:00:04,000\n再见\n".encode(),
    "messages.po": 'msgid "Hello, %(name)s!"\nmsgstr "你好, %(name)s!"\n'.encode(),
    "guide.rst": "指南\n====\n\n示例::\n\n    print(\"你好,世界\")\n".encode(),
    "ja.md": "# 詳細\n\nこの章では、日本語を扱います。\n".encode(),
    "legacy.py": "# -*- coding: gbk -*-\nprint('中文')\n".encode("gbk"),
    "windows.txt": "\ufeff第一行。\r\n第二行。".encode(),
    "latin1.txt": "Grüße aus München\n".encode("latin-1"),
    "notes.lrc": "[00:01.00]歌词,一\n".encode(),
}


@pytest.mark.slow
def test_pre_commit_try_repo_fixes_the_file_and_fails(tmp_path):
    """The real pre-commit, with this repository as the hook repository, on a
    repository holding every kind of file: the damaged one is fixed, every
    clean one keeps its bytes."""
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    damaged = "# 说明\n\n浣犲ソ锛屼笘鐣岋紒这是文档,,测试。\n\n```python\nprint('你好,世界')\n```\n"
    (repo / "README.md").write_text(damaged, encoding="utf-8")
    (repo / "broken.py").write_text("x = 1  # 浣犲ソ锛屼笘鐣岋紒\n", encoding="utf-8")
    for name, data in CLEAN_REPOSITORY.items():
        (repo / name).write_bytes(data)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "normalize-zh", "--all-files"]
    completed = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "files were modified by this hook" in completed.stdout
    fixed = (repo / "README.md").read_text(encoding="utf-8")
    assert fixed == "# 说明\n\n你好，世界！这是文档，测试。\n\n```python\nprint('你好,世界')\n```\n"
    assert (repo / "broken.py").read_text(encoding="utf-8") == "x = 1  # 你好，世界！\n"
    for name, data in CLEAN_REPOSITORY.items():
        assert (repo / name).read_bytes() == data, name
    again = subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=900)
    assert again.returncode == 0, again.stdout + again.stderr
