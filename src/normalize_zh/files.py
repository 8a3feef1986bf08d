"""Which files a run reads: the project root, exclusions, ``.gitignore``, folder walks.

The project root follows black's ``find_project_root``: from the deepest
folder common to every path given (the working folder for stdin), upward, the
first folder that holds ``.git`` (a folder, or the file of a worktree), an
``.hg`` folder, or a ``pyproject.toml`` with a ``[tool.normalize-zh]``
section; the file system root if none does.  Settings are read from that
root's ``pyproject.toml``; ``exclude`` patterns and ``.gitignore`` files are
matched relative to the folder they belong to (gitignore syntax, by the
``pathspec`` library).

A folder walk skips hidden folders (``.git``, ``.venv``, ``.github``...) unless
the folder was named on the command line, ``__pycache__`` and ``node_modules``,
everything a ``.gitignore`` between the root and the file ignores, and links
that lead outside the root.  ``exclude`` applies to files named on the command
line too (pre-commit names every file), ``.gitignore`` only to walks.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pathspec

SECTION = "normalize-zh"
STDIN = "-"
# not hidden, yet never anyone's text (black skips the same by default)
SKIPPED_FOLDERS = frozenset({"__pycache__", "node_modules", "__pypackages__"})


class SettingsFileError(Exception):
    """A pyproject.toml that cannot be read (exit status 2)."""


def load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise SettingsFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SettingsFileError(f"{path}: is a folder, not a pyproject.toml") from None
    except OSError as error:
        raise SettingsFileError(f"{path}: cannot read: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsFileError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise SettingsFileError(f"{path}: invalid TOML: not UTF-8") from None


def _absolute(path: str) -> Path:
    # not resolve(): a path given through a symlinked folder keeps its spelling
    return Path(os.path.abspath(path))


def find_project_root(paths: Sequence[str]) -> tuple[Path, str]:
    """The project root for ``paths`` and how it was found (black's rule)."""
    sources = [_absolute(os.getcwd() if p == STDIN else p) for p in paths] or [_absolute(os.getcwd())]
    common = Path(os.path.commonpath([str(p if p.is_dir() else p.parent) for p in sources]))
    for folder in (common, *common.parents):
        if (folder / ".git").exists():
            return folder, ".git"
        if (folder / ".hg").is_dir():
            return folder, ".hg"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = load_toml(pyproject)
            except SettingsFileError:
                return folder, "pyproject.toml"  # the settings reader names the error
            if SECTION in data.get("tool", {}):
                return folder, "pyproject.toml"
    return Path(common.anchor), "file system root"


def settings_file(root: Path) -> Path | None:
    """The root's pyproject.toml, if there is one (black reads it even when
    the root was found by .git)."""
    candidate = root / "pyproject.toml"
    return candidate if candidate.is_file() else None


def gitwildmatch(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass
class Skipped:
    """A path the walk did not take, and why (for a message)."""

    path: Path
    why: str


@dataclass
class Missing:
    """A path named on the command line that does not exist."""

    path: str


class Discovery:
    """Files under the paths given, with the exclusions above."""

    def __init__(self, root: Path, exclude: Sequence[str], gitignore: bool = True) -> None:
        self.root = root
        self.exclude = gitwildmatch(exclude) if exclude else None
        self.gitignore = gitignore
        self._ignores: dict[Path, pathspec.PathSpec | None] = {}
        self._seen: set[Path] = set()

    def _relative(self, path: Path, base: Path, folder: bool) -> str | None:
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            return None
        return relative + "/" if folder else relative

    def excluded(self, path: Path, folder: bool = False) -> bool:
        if self.exclude is None:
            return False
        relative = self._relative(path, self.root, folder)
        return relative is not None and relative not in ("./", ".") and self.exclude.match_file(relative)

    def _ignore_spec(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._ignores:
            spec = None
            gitignore = folder / ".gitignore"
            if gitignore.is_file():
                try:
                    spec = gitwildmatch(gitignore.read_text(encoding="utf-8", errors="replace").splitlines())
                except (OSError, ValueError):
                    spec = None
            self._ignores[folder] = spec
        return self._ignores[folder]

    def ignored(self, path: Path, folder: bool = False) -> bool:
        """Whether a .gitignore from the root down to ``path``'s folder ignores
        it; the deepest one with an opinion decides (git's precedence)."""
        if not self.gitignore:
            return False
        folders = [f for f in path.parents if f == self.root or self.root in f.parents]
        for base in folders:  # deepest first
            spec = self._ignore_spec(base)
            if spec is None:
                continue
            relative = self._relative(path, base, folder)
            if relative is None:
                continue
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False

    def _first_time(self, path: Path) -> bool:
        """False for a file already taken under another name (a symlink to it)."""
        real = Path(os.path.realpath(path))
        if real in self._seen:
            return False
        self._seen.add(real)
        return True

    def iter_paths(self, names: Sequence[str]) -> Iterator[Path | Skipped | Missing | str]:
        """Each path to read, in order: a ``Path``, ``STDIN`` for ``-``, or a
        ``Skipped``/``Missing`` record to report."""
        for name in names:
            if name == STDIN:
                yield STDIN
                continue
            path = _absolute(name)
            shown = Path(name)
            if not os.path.lexists(path):
                yield Missing(name)
            elif path.is_dir():
                yield from self._walk(shown, path)
            elif self.excluded(path):
                continue
            elif self._first_time(path):
                yield shown

    def _walk(self, shown: Path, start: Path) -> Iterator[Path | Skipped]:
        for folder, folders, files in os.walk(start):
            here = Path(folder)
            shown_here = shown / here.relative_to(start)
            kept = []
            for name in sorted(folders):
                child = here / name
                if name.startswith(".") or name in SKIPPED_FOLDERS:
                    continue
                if os.path.islink(child):
                    continue  # os.walk does not follow folder links either; named ones are walked
                if self.excluded(child, folder=True) or self.ignored(child, folder=True):
                    continue
                kept.append(name)
            folders[:] = kept
            for name in sorted(files):
                child = here / name
                if self.excluded(child) or self.ignored(child):
                    continue
                if os.path.islink(child):
                    real = Path(os.path.realpath(child))
                    if self.root not in real.parents:
                        yield Skipped(shown_here / name, "a link to outside the project")
                        continue
                if self._first_time(child):
                    yield shown_here / name


def special_file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    for test, what in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return what
    return "not a regular file"


class NotAFile(Exception):
    """FIFOs, sockets, devices: skipped, never opened for reading (a FIFO would block)."""


def _open_regular_fd(path: Path) -> int:
    kind = special_file_kind(os.stat(path).st_mode)  # a socket cannot even be opened
    if kind is not None:
        raise NotAFile(kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = special_file_kind(os.fstat(fd).st_mode)  # swapped in since the stat?
        if kind is not None:
            raise NotAFile(kind)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; ``NotAFile`` for anything else.

    Opened without blocking, then checked on the open handle, so a FIFO
    never hangs the run and nothing is swapped in between.
    """
    with os.fdopen(_open_regular_fd(path), "rb") as f:
        return f.read()


def open_regular(path: Path) -> BinaryIO:
    """A binary reading handle on a regular file (for streaming), ``NotAFile`` otherwise."""
    return os.fdopen(_open_regular_fd(path), "rb")
