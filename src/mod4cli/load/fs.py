"""Files on disk: reading one safely (bounded, never a FIFO or a device) and replacing one safely,
the one way mod4 writes the student's state, its cache and exports.

A write goes to a temporary file in the same folder, which is flushed and fsynced, then renamed
over the target, and the folder is fsynced: a reader (or a power cut) sees the old bytes or the
new, never a mix. Named checkpoints between the steps let the crash tests kill the process at
each one (MOD4_TEST_CRASH_AT=NAME:STEP; tests only).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

CRASH_VARIABLE = "MOD4_TEST_CRASH_AT"
LEFTOVER_AGE = 3600.0  # seconds after which a temporary file without a writer's id is stale
CHECKPOINTS = ("temp-created", "temp-half-written", "temp-written", "temp-synced", "renamed", "folder-synced")


class FileRefused(Exception):
    """A path that is not a regular file, or a file over the size allowed for it."""

    def __init__(self, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.too_large = too_large


def read_limited(
    path: Path, limit: int, *, nofollow: bool = False, check: Callable[[os.stat_result], None] | None = None
) -> bytes:
    """The bytes of a regular file, at most `limit` of them, counted as read.

    A FIFO, a device or a folder is refused at once (FileRefused), never waited on or read
    without end; so is a file that turns out longer than `limit`. OSError (a missing or
    unreadable file) passes to the caller, which names the file. With `nofollow`, a symbolic
    link is not followed (OSError); `check` sees the opened file's status first, and may raise.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | (getattr(os, "O_NOFOLLOW", 0) if nofollow else 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {_kind_of(info.st_mode)}, not a regular file")
        if check is not None:
            check(info)
        chunks: list[bytes] = []
        total = 0
        # The whole file in one read when its size holds, then the read that finds its end; a
        # file that grows meanwhile is read on, in megabytes, up to the limit.
        want = min(info.st_size, limit) + 1
        while chunk := os.read(fd, min(want, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"is larger than {_size(limit)}, the most mod4 reads here", too_large=True)
            want = 1 << 20
        return b"".join(chunks)
    finally:
        os.close(fd)


def digest(data: bytes, size: int) -> str:
    """A BLAKE2b digest of `data`, `size` bytes long, as hex: what names a cache entry, a copy's
    content or an exported UID."""
    try:  # what hashlib.blake2b is, without hashlib's loading of OpenSSL (2 ms a run)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover (a Python built without it)
        from hashlib import blake2b
    return blake2b(data, digest_size=size).hexdigest()


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _size(limit: int) -> str:
    return f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit / 2**10:g} KB"


def refuse_special(path: Path) -> None:
    """Refuse (FileRefused) to replace what is there when it is not a regular file: writing
    onto a FIFO would wait for a reader forever, and renaming over a device or a folder is never
    what was meant. A missing file, or a link to a regular file, is fine."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise FileRefused(f"is {_kind_of(mode)}, not a regular file")


def make_private_folder(folder: Path) -> None:
    """Create `folder` and whatever parents it lacks, each readable by the user only (0700);
    what exists already is left as it is. (Path.mkdir gives parents the default mode.)"""
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    for each in reversed(missing):
        with suppress(FileExistsError):  # made meanwhile by another mod4
            each.mkdir(mode=0o700)
    if not folder.is_dir():  # a file where the folder should be (MOD4_HOME=some-file)
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))


def temp_prefix(path: Path) -> str:
    """The name every temporary file for `path` starts with (`.state.toml.`); the writer's
    process id follows, so a leftover can be told from a write in progress."""
    return f".{path.name}."


def temp_writer(path: Path, name: str) -> int | None:
    """The process id in the name of a temporary file for `path`, or None when the name
    carries none (not one of ours, or left by an older mod4)."""
    prefix = temp_prefix(path)
    if not (name.startswith(prefix) and name.endswith(".tmp")):
        return None
    pid, dot, _ = name[len(prefix) :].partition(".")
    return int(pid) if dot and pid.isdecimal() and pid[0] != "0" else None


def is_running(pid: int) -> bool:
    """Whether a process with this id exists (on POSIX; elsewhere, assume it does)."""
    if os.name != "posix":
        return True  # Windows' os.kill(pid, 0) would send Ctrl-C, not probe
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_temps(path: Path) -> None:
    """Delete the temporary files of writes of `path` that were killed midway, and only those.

    Each carries its writer's process id: one whose writer has gone is stale; one whose writer
    still runs is never touched, whatever lock that writer holds or does not hold. One without an
    id (an older mod4's) is stale only when it is older than any write could take.
    """
    import time

    prefix = temp_prefix(path)
    try:
        leftovers = [f for f in path.parent.iterdir() if f.name.startswith(prefix) and f.suffix == ".tmp"]
    except OSError:
        return
    for leftover in leftovers:
        name = leftover.name
        writer = temp_writer(path, name)
        if writer is None and "." in name[len(prefix) : -len(".tmp")]:
            continue  # another file's: `.state.toml.bak.<pid>.<random>.tmp` is the backup's
        with suppress(OSError):
            if (writer is not None and not is_running(writer)) or (
                writer is None and time.time() - leftover.lstat().st_mtime > LEFTOVER_AGE
            ):
                leftover.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader sees the old bytes or the new, never a mix."""
    import tempfile  # writers only

    prefix = f"{temp_prefix(path)}{os.getpid()}."
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        _checkpoint(path, "temp-created")
        with os.fdopen(fd, "wb") as handle:
            half = len(data) // 2
            handle.write(data[:half])
            handle.flush()
            _checkpoint(path, "temp-half-written")
            handle.write(data[half:])
            handle.flush()
            _checkpoint(path, "temp-written")
            os.fsync(handle.fileno())
        _checkpoint(path, "temp-synced")
        Path(tmp).replace(path)
    except BaseException:
        with suppress(OSError):
            Path(tmp).unlink()
        raise
    _checkpoint(path, "renamed")
    fsync_folder(path.parent)
    _checkpoint(path, "folder-synced")


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _checkpoint(path: Path, step: str) -> None:
    """Where the crash tests kill the process: each step of a write, for each file written."""
    if os.environ.get(CRASH_VARIABLE) == f"{path.name}:{step}":
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
