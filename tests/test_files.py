"""Files as black and ruff treat them: the project root, .gitignore, hidden
folders, special files, and one atomic, byte-faithful writer (issue 15; issue
13, item 5).  Each test goes through ``main()`` as a user would, except the
unit tests of the conventions and of the writer's failure paths."""

from __future__ import annotations

import doctest
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from normalize_zh import jsonl, report, textfile, writer
from normalize_zh.cli import main
from normalize_zh.textfile import read_text, restore

DAMAGED = "濟(jì)源網(wǎng)訊,,記者報道。\n"
FIXED = "济源网讯，记者报道。\n"


def run(argv, capsysbinary, cwd: Path | None = None, monkeypatch=None):
    if cwd is not None:
        monkeypatch.chdir(cwd)
    status = main([str(a) for a in argv])
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8", "replace"), captured.err.decode("utf-8", "replace")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("module", [textfile, report, jsonl, writer], ids=lambda m: m.__name__)
def test_doctests(module):
    assert doctest.testmod(module).failed == 0


# -- the project root and settings -------------------------------------------------------


def test_settings_come_from_the_files_project_not_the_working_folder(tmp_path, capsysbinary, monkeypatch):
    """black's find_project_root: from the files upward; the working folder does not matter."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.normalize-zh]\nto = "keep"\npunctuation = "keep"\n', encoding="utf-8")
    page = project / "docs" / "page.txt"
    page.write_text("臺灣,,說明\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    status, out, _ = run([page], capsysbinary, elsewhere, monkeypatch)
    assert status == 0 and out == "臺灣,說明\n"


def test_the_nearest_root_marker_wins_and_a_pyproject_without_the_section_is_passed(tmp_path, capsysbinary, monkeypatch):
    outer = tmp_path / "repo"
    inner = outer / "sub"
    inner.mkdir(parents=True)
    (outer / ".git").mkdir()
    (outer / "pyproject.toml").write_text('[tool.normalize-zh]\nto = "keep"\n', encoding="utf-8")
    (inner / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    page = inner / "p.txt"
    page.write_text("臺灣\n", encoding="utf-8")
    status, out, err = run(["-v", page], capsysbinary, tmp_path, monkeypatch)
    assert status == 0 and out == "臺灣\n"
    assert f"project root: {outer} (by .git)" in err


def test_exclude_patterns_are_relative_to_the_project_root(tmp_path, capsysbinary, monkeypatch):
    project = tmp_path / "project"
    for folder in ("vendor", "docs/vendor"):
        (project / folder).mkdir(parents=True)
        (project / folder / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.normalize-zh]\nexclude = ["/vendor/"]\n', encoding="utf-8")
    status, out, _ = run(["--check", project], capsysbinary, tmp_path, monkeypatch)
    assert status == 1
    assert out.splitlines() == [f"would change {project / 'docs' / 'vendor' / 'a.txt'}"]
    # from inside the project too, and for files named one by one (as pre-commit names them)
    status, out, _ = run(["--check", "vendor/a.txt", "docs/vendor/a.txt"], capsysbinary, project, monkeypatch)
    assert out.splitlines() == ["would change docs/vendor/a.txt"]


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ('reflow = "false"', "reflow"),
        ('exclude = "x*"', "exclude"),
        ("protected-words = 5", "protected-words"),
        ('protected-words = ["乾隆", 3]', "protected"),
        ("preset = 3", "preset"),
        ('to = "martian"', "to"),
        ("fix-encoding = 1", "fix-encoding"),
        ("protect-file = 7", "protect-file"),
    ],
)
def test_setting_types_are_checked(tmp_path, capsysbinary, monkeypatch, setting, named):
    (tmp_path / "pyproject.toml").write_text(f"[tool.normalize-zh]\n{setting}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    status, out, err = run(["a.txt"], capsysbinary, tmp_path, monkeypatch)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "pyproject.toml" in err and named in err


@pytest.mark.parametrize(
    ("files", "argv", "named"),
    [
        ({"pyproject.toml": "[tool.normalize-zh\nto = 1\n"}, ["a.txt"], "invalid TOML"),
        ({}, ["--config", "missing.toml", "a.txt"], "missing.toml"),
        ({}, ["--protect-file", "words.txt", "a.txt"], "words.txt"),
        ({"pyproject.toml": '[tool.normalize-zh]\nprotect-file = "gone.txt"\n'}, ["a.txt"], "gone.txt"),
        ({"words.txt": b"\xff\xfe\x00"}, ["--protect-file", "words.txt", "a.txt"], "not UTF-8"),
        ({}, ["--output-encoding", "klingon", "a.txt"], "klingon"),
    ],
)
def test_settings_errors_are_one_line_and_exit_2(tmp_path, capsysbinary, monkeypatch, files, argv, named):
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    status, _, err = run(argv, capsysbinary, tmp_path, monkeypatch)
    assert status == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and named in err


def test_protect_file_in_pyproject_is_relative_to_it(tmp_path, capsysbinary, monkeypatch):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "words.txt").write_text("# words\n臺灣\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.normalize-zh]\nprotect-file = "conf/words.txt"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("臺灣的軟體\n", encoding="utf-8")
    status, out, _ = run([tmp_path / "a.txt"], capsysbinary, tmp_path.parent, monkeypatch)
    assert status == 0 and out == "臺灣的软体\n"


# -- walks ------------------------------------------------------------------------------------


def test_walk_honours_gitignore_and_skips_hidden_folders(tmp_path, capsysbinary, monkeypatch):
    repo = tmp_path / "repo"
    for name in ("docs/a.md", "docs/build/b.md", ".github/c.md", "node_modules/x/d.md", "sub/e.md", "docs/x.log", "sub/keep.log"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(DAMAGED, encoding="utf-8")
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("build/\n*.log\n", encoding="utf-8")
    (repo / "sub" / ".gitignore").write_text("!keep.log\n", encoding="utf-8")
    status, out, _ = run(["--check", repo], capsysbinary, tmp_path, monkeypatch)
    assert status == 1
    assert out.splitlines() == [f"would change {repo / p}" for p in ("docs/a.md", "sub/e.md", "sub/keep.log")]
    # a hidden folder named on the command line is walked
    status, out, _ = run(["--check", repo / ".github"], capsysbinary, tmp_path, monkeypatch)
    assert out.splitlines() == [f"would change {repo / '.github' / 'c.md'}"]


def test_a_file_reached_twice_is_read_once(tmp_path, capsysbinary, monkeypatch):
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("a.txt")
    status, out, err = run(["-i", tmp_path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0 and err.count("fixed") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_and_sockets_are_skipped_not_read(tmp_path):
    """Reading a FIFO blocks until someone writes: today's walk hangs on it."""
    tree = tmp_path / "tree"
    tree.mkdir()
    os.mkfifo(tree / "pipe")
    os.mkfifo(tmp_path / "named-pipe")
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tree / "sock"))
    (tree / "a.txt").write_text(DAMAGED, encoding="utf-8")
    command = [sys.executable, "-m", "normalize_zh", "--check", str(tree), str(tmp_path / "named-pipe")]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the run hung on a FIFO")
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [f"would change {tree / 'a.txt'}"]
    server.close()
    assert completed.stderr.count("skipped (a FIFO)") == 2 and "skipped (a socket)" in completed.stderr


# -- the atomic writer --------------------------------------------------------------------------


def test_in_place_writes_through_a_symlink(tmp_path, capsysbinary, monkeypatch):
    (tmp_path / "real.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    status, _, _ = run(["-i", tmp_path / "link.txt"], capsysbinary, tmp_path, monkeypatch)
    assert status == 0
    assert (tmp_path / "link.txt").is_symlink() and os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == FIXED
    assert listing(tmp_path) == ["link.txt", "real.txt"]


def test_in_place_keeps_hard_links(tmp_path, capsysbinary, monkeypatch):
    first = tmp_path / "a.txt"
    first.write_text(DAMAGED, encoding="utf-8")
    os.link(first, tmp_path / "b.txt")
    inode = first.stat().st_ino
    status, _, _ = run(["-i", first], capsysbinary, tmp_path, monkeypatch)
    assert status == 0
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == FIXED
    assert listing(tmp_path) == ["a.txt", "b.txt"]


def test_in_place_keeps_permissions_owner_and_group(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody: another owner and group than the writer's
    before = path.stat()
    status, _, _ = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    after = path.stat()
    assert status == 0 and path.read_text(encoding="utf-8") == FIXED
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o640, before.st_uid, before.st_gid)


def test_read_only_file_is_reported_and_left(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    os.chmod(path, 0o444)
    status, _, err = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 2 and "read-only" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == DAMAGED and stat.S_IMODE(path.stat().st_mode) == 0o444
    # a read-only file with nothing to change is no error
    path.chmod(0o644)
    path.write_text(FIXED, encoding="utf-8")
    path.chmod(0o444)
    assert run(["-i", path], capsysbinary, tmp_path, monkeypatch)[0] == 0


def test_interrupted_write_leaves_the_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.replace_file(path, FIXED.encode())
    assert path.read_text(encoding="utf-8") == DAMAGED and listing(tmp_path) == ["a.txt"]


def test_ctrl_c_during_in_place_is_exit_130_and_leaves_nothing(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupted)
    status, _, err = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 130 and "interrupted" in err
    assert path.read_text(encoding="utf-8") == DAMAGED and listing(tmp_path) == ["a.txt"]


def test_a_failed_in_place_write_of_a_hard_link_restores_the_old_bytes(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED * 100, encoding="utf-8")
    os.link(path, tmp_path / "b.txt")
    real_copy = shutil.copyfileobj
    calls = []

    def failing_copy(source, sink, *args):
        calls.append(sink.name)
        if len(calls) == 2:  # the overwrite of the file itself: half of it, then the disk is full
            sink.write(source.read(50))
            raise OSError(28, "No space left on device")
        return real_copy(source, sink, *args)

    monkeypatch.setattr(writer.shutil, "copyfileobj", failing_copy)
    with pytest.raises(OSError):
        writer.replace_file(path, FIXED.encode())
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == DAMAGED * 100
    assert listing(tmp_path) == ["a.txt", "b.txt"]


def test_plain_files_and_jsonl_share_the_writer(tmp_path, capsysbinary, monkeypatch):
    written = []
    real = writer.atomic_output

    def spy(path):
        written.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(writer, "atomic_output", spy)
    (tmp_path / "a.txt").write_text(DAMAGED, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "濟(jì)源,,訊"}\n', encoding="utf-8")
    assert run(["-i", tmp_path / "a.txt"], capsysbinary, tmp_path, monkeypatch)[0] == 0
    assert run(["--jsonl", "-i", tmp_path / "b.jsonl"], capsysbinary, tmp_path, monkeypatch)[0] == 0
    assert written == ["a.txt", "b.jsonl"]


# -- a rewritten file keeps its bytes' conventions (issue 13, item 5) --------------------------


def test_gbk_file_stays_gbk(tmp_path, capsysbinary, monkeypatch):
    """A ``# -*- coding: gbk -*-`` script rewritten as UTF-8 prints mojibake."""
    path = tmp_path / "page.txt"
    path.write_bytes("# -*- coding: gbk -*-\n濟(jì)源網訊,,記者報道。\n".encode("gbk"))
    status, _, _ = run(["-i", "--no-reflow", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0
    assert path.read_bytes() == "# -*- coding: gbk -*-\n济源网讯，记者报道。\n".encode("gbk")


def test_output_encoding_changes_the_encoding_on_request(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_bytes("濟源網訊，記者報道。\n".encode("big5"))
    status, out, err = run(["--check", "--diff", "--to", "keep", "--output-encoding", "utf-8", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 1 and f"would change {path}" in out and "re-encoded from big5 to utf-8" in err
    assert run(["-i", "--to", "keep", "--output-encoding", "utf-8", path], capsysbinary, tmp_path, monkeypatch)[0] == 0
    assert path.read_bytes() == "濟源網訊，記者報道。\n".encode("utf-8")


def test_bom_crlf_and_missing_final_newline_are_kept(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "第一行,,文字\r\n濟(jì)源\r\n最后一行".encode())
    status, _, _ = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + "第一行，文字\r\n济源\r\n最后一行".encode()


def test_mixed_line_endings_are_kept_line_by_line(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_bytes("甲,,乙\r\n丙\n丁,,戊\r\n".encode())
    status, _, _ = run(["-i", "--no-reflow", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0 and path.read_bytes() == "甲，乙\r\n丙\n丁，戊\r\n".encode()


def test_restore_uses_the_dominant_ending_when_the_line_count_changed():
    conventions = read_text(b"a\r\nb\r\nc\nd\r\n").conventions
    assert conventions.uniform_ending is None and conventions.dominant_ending == "\r\n"
    assert restore("a b\nc\nd\n", conventions) == "a b\r\nc\r\nd\r\n"
    assert restore("a\nb\nc\nd", conventions) == "a\r\nb\r\nc\nd\r\n"  # same count: each its own; final newline back


def test_clean_crlf_file_is_clean(tmp_path, capsysbinary, monkeypatch):
    """Today the hygiene step's CR LF -> LF makes every Windows file 'change'."""
    path = tmp_path / "clean.txt"
    data = "已经干净的中文。\r\n第二行。\r\n".encode("gbk")
    path.write_bytes(data)
    for mode in ("--check", "--diff"):
        status, out, err = run([mode, path], capsysbinary, tmp_path, monkeypatch)
        assert (status, out) == (0, ""), (mode, err)
    assert run(["-i", path], capsysbinary, tmp_path, monkeypatch)[0] == 0 and path.read_bytes() == data


def test_undecodable_bytes_are_left_and_reported(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    data = "濟(jì)源網訊,,記者報道。".encode("gbk") + b"\xff\xff" + "今日天氣很好。\n".encode("gbk")
    path.write_bytes(data)
    for mode in ("-i", "--check", "--diff"):
        status, out, err = run([mode, path], capsysbinary, tmp_path, monkeypatch)
        assert status == 0 and out == "" and "not valid in any candidate encoding" in err
    assert path.read_bytes() == data


def test_binary_data_after_a_long_text_header_is_left(tmp_path, capsysbinary, monkeypatch):
    """No NUL in the first 8000 bytes, yet binary: git's rule over the whole file."""
    path = tmp_path / "doc.pdf.txt"
    data = ("%PDF 文字,,说明\n" * 800).encode() + bytes(range(256)) * 8
    path.write_bytes(data)
    status, _, err = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0 and "skipped (binary file)" in err and path.read_bytes() == data


def test_simplified_text_that_big5_cannot_hold_is_reported_and_the_file_left(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    data = "臺灣,,說明\r\n".encode("big5")
    path.write_bytes(data)
    for mode in ("-i", "--check", "--diff"):
        status, out, err = run([mode, path], capsysbinary, tmp_path, monkeypatch)
        assert status == 2 and out == "" and "cannot write '湾'" in err and "--output-encoding" in err
    assert path.read_bytes() == data and listing(tmp_path) == ["page.txt"]
    assert run(["-i", "--output-encoding", "utf-8", path], capsysbinary, tmp_path, monkeypatch)[0] == 0
    assert path.read_bytes() == "台湾，说明\r\n".encode()


def test_unencodable_result_is_reported_and_the_file_left(tmp_path, capsysbinary, monkeypatch):
    path = tmp_path / "page.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    status, _, err = run(["-i", "--output-encoding", "ascii", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 2 and "cannot write" in err and "line 1" in err and "left as it was" in err
    assert path.read_text(encoding="utf-8") == DAMAGED and listing(tmp_path) == ["page.txt"]


@pytest.mark.parametrize(
    ("data", "changes"),
    [
        ("濟(jì)源,,訊\n".encode("gbk"), True),
        ("已经干净。\r\n".encode("gbk"), False),
        (b"\xef\xbb\xbf" + "干净。\n".encode(), False),
        ("濟(jì)源,,訊\r\n".encode("gb18030"), True),
        ("已經乾淨的中文。\n".encode("big5"), False),
        ("中文,,测试\n".encode("utf-16"), True),
        ("没有换行,,".encode(), True),
        ("没有换行".encode(), False),
    ],
    ids=["gbk", "gbk-crlf-clean", "bom-clean", "gb18030-crlf", "big5-clean", "utf16", "no-final-newline", "no-final-newline-clean"],
)
def test_check_diff_and_in_place_agree_for_files_and_stdin(tmp_path, capsysbinary, monkeypatch, data, changes):
    """--check and --diff say what -i would write, and stdin is judged as a file."""
    import io

    path = tmp_path / "f.txt"
    path.write_bytes(data)
    check, out, _ = run(["--check", path], capsysbinary, tmp_path, monkeypatch)
    _, diff, _ = run(["--diff", path], capsysbinary, tmp_path, monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    stdin_check, _, _ = run(["--check", "-"], capsysbinary, tmp_path, monkeypatch)
    run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    rewritten = path.read_bytes() != data
    assert (check == 1) == bool(diff) == rewritten == (stdin_check == 1) == changes


def test_owner_that_cannot_be_given_means_a_write_in_place(tmp_path, capsysbinary, monkeypatch):
    """Not root and not in the file's group: a new file cannot get them, so the
    file is rewritten through its own inode (which keeps them)."""
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED, encoding="utf-8")
    inode = path.stat().st_ino

    def refused(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(writer.os, "fchown", refused)
    monkeypatch.setattr(writer.os, "fstat", lambda fd: os.stat_result((0o100600, 0, 0, 1, 12345, 12345, 0, 0, 0, 0)))
    status, _, _ = run(["-i", path], capsysbinary, tmp_path, monkeypatch)
    assert status == 0 and path.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_ino == inode and listing(tmp_path) == ["a.txt"]


def test_a_dangling_symlink_is_an_error_not_a_crash(tmp_path, capsysbinary, monkeypatch):
    (tmp_path / "link.txt").symlink_to("gone.txt")
    status, _, err = run(["-i", tmp_path / "link.txt"], capsysbinary, tmp_path, monkeypatch)
    assert status == 2 and "link.txt" in err and "Traceback" not in err
