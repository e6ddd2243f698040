"""Files on disk as a student meets them (load/fs.py): what a schedule that is not a regular file
is called in the refusal, and the temporary files of killed saves, which the next save clears
without ever touching a save still in progress."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run

RunFn = Callable[..., Run]
posix_only = pytest.mark.skipif(os.name != "posix", reason="sockets, pids and modes are POSIX")


# --- what is not a regular file is named for what it is -----------------------------------------


def test_a_folder_as_the_schedule_is_refused_by_name(run: RunFn, tmp_path: Path) -> None:
    folder = tmp_path / "schedule.toml"
    folder.mkdir()
    result = run("--schedule", str(folder), "week", "1")
    assert (result.exit_code, result.stderr) == (2, f"mod4: {folder}: is a folder, not a regular file\n")


@posix_only
def test_a_device_as_the_schedule_is_refused_by_name(run: RunFn) -> None:
    result = run("--schedule", os.devnull, "week", "1")
    assert (result.exit_code, result.stderr) == (2, f"mod4: {os.devnull}: is a device, not a regular file\n")


# --- the temporary files of saves that were killed midway ----------------------------------------


def _gone_pid() -> int:
    """The id of a process that has ended (and was reaped), as a killed mod4's would be."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(child.stdout)


@pytest.fixture
def saved_once(run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A student whose state was saved once; returns MOD4_HOME."""
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file()))
    assert run("init", "--start", "2027-01-04").exit_code == 0
    return Path(os.environ["MOD4_HOME"])


@posix_only
def test_a_save_clears_the_temporary_files_of_killed_saves_and_only_those(
    run: RunFn, saved_once: Path
) -> None:
    home = saved_once
    gone, alive = _gone_pid(), os.getpid()
    old = time.time() - 2 * 3600
    leftovers = {
        f".state.toml.{gone}.k2j3.tmp": False,  # its writer was killed: cleared
        f".state.toml.bak.{gone}.k2j3.tmp": False,  # the backup's, writer killed: cleared
        f".state.toml.{alive}.k2j3.tmp": True,  # its writer still runs: a save in progress
        ".state.toml.k2j3.tmp": True,  # an older mod4's, without an id, and recent
        ".state.toml.x9q1.tmp": False,  # an older mod4's, without an id, two hours old
        f".state.toml.0{gone}.k2j3.tmp": True,  # not an id mod4 writes, nor an old name: left alone
        f".state.toml.{gone}.k2j3.tmp.keep": True,  # not a temporary file at all
        f".other.toml.{gone}.k2j3.tmp": True,  # another file's
    }
    for name in leftovers:
        (home / name).write_bytes(b"half a state")
    os.utime(home / ".state.toml.x9q1.tmp", (old, old))
    assert run("done", "cv").exit_code == 0
    kept = {name: (home / name).exists() for name in leftovers}
    assert kept == leftovers


@posix_only
def test_a_save_leaves_a_writer_that_still_runs_alone(run: RunFn, saved_once: Path) -> None:
    """Its temporary file is kept, and the writer itself is only asked whether it runs, never
    signalled: a hang-up sent to it would end another mod4 in the middle of its save."""
    script = "import signal, time; signal.signal(signal.SIGHUP, signal.SIG_DFL); print('ready', flush=True); time.sleep(60)"
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"  # its signals are set
        temp = saved_once / f".state.toml.{writer.pid}.k2j3.tmp"
        temp.write_bytes(b"half a state")
        assert run("done", "cv").exit_code == 0
        assert temp.exists()
        with pytest.raises(subprocess.TimeoutExpired):  # still running a second later
            writer.wait(timeout=1)
    finally:
        writer.kill()
        writer.wait()
