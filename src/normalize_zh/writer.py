"""One atomic writer for every file the command line rewrites (plain files and JSON Lines).

``replace_file(path, data)`` and ``with atomic_output(path) as sink:`` leave
``path`` either as it was or with the new bytes, never half written, and
nothing else behind (no temporary file after an error, a crash of ours,
Ctrl-C or SIGTERM):

* the new bytes go to a temporary file in the same folder, are flushed and
  fsynced, then renamed over the file; the folder is fsynced so the rename
  itself survives a power cut;
* a symlink is written through: its target is rewritten, the link stays;
* permissions, owner and group are kept (set on the temporary file before the
  rename); when the owner or group cannot be given to a new file (not root,
  not a member of the group), the file is rewritten in place instead;
* a file with more than one hard link is rewritten in place, through the same
  inode, so every name sees the new text (black and ruff keep hard links the
  same way).  In place is not atomic, so it is done safely: the new bytes are
  written to a temporary file first, a backup copy of the old bytes is
  fsynced beside the file, the file is overwritten and fsynced, and only then
  are both removed; if overwriting fails the old bytes are copied back;
* read-only files (no write permission bit, or no write access) and anything
  that is not a regular file are refused with ``WriteRefused``: never
  rewritten behind their owner's back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMPORARY_SUFFIX = ".normalize-zh.tmp"


class WriteRefused(Exception):
    """The file is left as it was; the message says why (for the user)."""


def _target(path: Path) -> tuple[Path, os.stat_result]:
    """The file to rewrite (a symlink's final target) and its status."""
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        raise WriteRefused("no such file (a dangling symlink?)") from None
    if not stat.S_ISREG(status.st_mode):
        raise WriteRefused("not a regular file")
    # root may write anything: the permission bits say what the owner wants
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused("read-only; left as it was")
    return target, status


def refusal(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` would not be rewritten (read-only, not a regular file), or None."""
    try:
        _target(Path(path))
    except WriteRefused as why:
        return str(why)
    return None


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without folder handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse it
        pass
    finally:
        os.close(fd)


def _remove(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=folder)


def _take_attributes(fd: int, status: os.stat_result) -> bool:
    """Give the temporary file the original's owner, group and mode; False
    when the owner or group cannot be given (then write in place)."""
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(fd, status.st_uid, status.st_gid)
        except PermissionError:
            return False
    os.fchmod(fd, stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
    return True


def _overwrite_in_place(target: Path, new: str) -> None:
    """Copy the bytes of the temporary file ``new`` into ``target`` through its
    own inode, with a fsynced backup of the old bytes until it succeeded."""
    backup_fd, backup = _temporary(target.parent, target.name + ".backup")
    try:
        with os.fdopen(backup_fd, "wb") as copy, open(target, "rb") as old:
            shutil.copyfileobj(old, copy)
            copy.flush()
            os.fsync(copy.fileno())
        try:
            with open(target, "r+b") as sink, open(new, "rb") as source:
                shutil.copyfileobj(source, sink)
                sink.truncate()
                sink.flush()
                os.fsync(sink.fileno())
        except BaseException:
            with open(target, "r+b") as sink, open(backup, "rb") as source:
                shutil.copyfileobj(source, sink)
                sink.truncate()
                sink.flush()
                os.fsync(sink.fileno())
            raise
    finally:
        _remove(backup)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write the new content of ``path`` to; it replaces
    ``path`` when the ``with`` block ends without an exception, and is
    removed otherwise (``path`` then stays as it was).

    Raises ``WriteRefused`` before anything is written for read-only files
    and for what is not a regular file; ``OSError`` for the rest.
    """
    target, status = _target(Path(path))
    fd, name = _temporary(target.parent, target.name)
    temporary: str | None = name
    try:
        in_place = status.st_nlink > 1 or not _take_attributes(fd, status)
        with os.fdopen(fd, "wb") as sink:
            fd = -1
            yield sink
            sink.flush()
            os.fsync(sink.fileno())
        if in_place:
            _overwrite_in_place(target, name)
        else:
            os.replace(name, target)
            temporary = None
            _fsync_folder(target.parent)
    finally:
        if fd != -1:
            os.close(fd)
        _remove(temporary)


def replace_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the content of ``path`` with ``data`` atomically (see the module)."""
    with atomic_output(path) as sink:
        sink.write(data)
