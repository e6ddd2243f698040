"""How a save reaches the disk: fsync before the rename, the folder after, and a new inode.

The one internal imported here is `write_atomic`; the other tests save through the CLI.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from mod4cli.load.fs import write_atomic
from tests.helpers import Run

RunFn = Callable[..., Run]


class Synced(NamedTuple):
    """An os.fsync call: which file (device and inode), and whether it was a folder."""

    device: int
    inode: int
    folder: bool


class Renamed(NamedTuple):
    """An os.replace call: the inode moved (a rename keeps it) and where it went."""

    device: int
    inode: int
    target: Path


@pytest.fixture
def disk_calls(monkeypatch: pytest.MonkeyPatch) -> list[Synced | Renamed]:
    """Every fsync and rename of the process, in order, still done for real."""
    calls: list[Synced | Renamed] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        calls.append(Synced(device=info.st_dev, inode=info.st_ino, folder=stat.S_ISDIR(info.st_mode)))
        real_fsync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], **kwargs: object) -> None:
        info = Path(src).stat()
        calls.append(Renamed(device=info.st_dev, inode=info.st_ino, target=Path(dst)))
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    return calls


def _assert_durable(calls: list[Synced | Renamed]) -> None:
    """Each rename: its file fsynced since the previous rename, its folder fsynced before the next."""
    renames = [i for i, call in enumerate(calls) if isinstance(call, Renamed)]
    assert renames, "nothing was renamed into place"
    for n, index in enumerate(renames):
        rename = calls[index]
        assert isinstance(rename, Renamed)
        before = calls[renames[n - 1] + 1 if n else 0 : index]
        after = calls[index + 1 : renames[n + 1] if n + 1 < len(renames) else len(calls)]
        file = Synced(device=rename.device, inode=rename.inode, folder=False)
        assert file in before, f"{rename.target.name} was renamed into place before it was fsynced"
        folder = rename.target.parent.stat()
        assert Synced(device=folder.st_dev, inode=folder.st_ino, folder=True) in after, (
            f"the folder of {rename.target.name} was not fsynced after the rename"
        )


@pytest.mark.skipif(os.name != "posix", reason="folders are fsynced on POSIX only")
def test_write_atomic_fsyncs_the_temporary_file_before_the_rename_and_the_folder_after(
    tmp_path: Path, disk_calls: list[Synced | Renamed]
) -> None:
    """The order that makes a write survive a power cut."""
    target = tmp_path / "state.toml"
    target.write_bytes(b"old\n")
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [type(call).__name__ for call in disk_calls] == ["Synced", "Renamed", "Synced"]
    _assert_durable(disk_calls)


@pytest.mark.skipif(os.name != "posix", reason="folders are fsynced on POSIX only")
def test_every_file_a_command_saves_is_fsynced_before_its_rename(
    run: RunFn, mod4_home: Path, disk_calls: list[Synced | Renamed]
) -> None:
    """`done` twice: the state file, its backup and the schedule cache all land durably."""
    assert run("done", "resume").exit_code == 0
    assert run("done", "linkedin").exit_code == 0
    targets = {call.target.name for call in disk_calls if isinstance(call, Renamed)}
    assert {"state.toml", "state.toml.bak"} <= targets
    _assert_durable(disk_calls)


def test_a_save_replaces_the_state_file_so_an_open_reader_keeps_the_old_content(
    run: RunFn, mod4_home: Path
) -> None:
    """A save is a rename, never a truncate-and-rewrite of the file in place."""
    assert run("done", "resume").exit_code == 0
    path = mod4_home / "state.toml"
    old = path.read_bytes()
    with path.open("rb") as reader:
        inode = os.fstat(reader.fileno()).st_ino
        assert run("done", "linkedin").exit_code == 0
        assert path.stat().st_ino != inode
        assert reader.read() == old  # whole, and still the old version
    assert b'linkedin = "done"' in path.read_bytes()
    assert path.with_name("state.toml.bak").read_bytes() == old
