"""A closed pipe and Ctrl-C end mod4 the way Unix tools end: by the signal, quietly (issue 9,
item 8). Run through the installed console script and `python -m mod4cli`, as a student would."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import installed_mod4

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and pipes")

COMMANDS = {
    "console script": [installed_mod4()],
    "python -m": [str(Path(installed_mod4()).parent / "python"), "-m", "mod4cli"],
}


def _shell(line: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", line], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("way", COMMANDS)
def test_a_reader_that_leaves_early_ends_mod4_quietly(way: str) -> None:
    mod4 = shlex.join(COMMANDS[way])
    statuses = []
    for _ in range(50):
        done = _shell(f'{mod4} check-conflict "week 3 wed 13:00" | head -1')
        assert done.stderr == "", done.stderr
        assert done.stdout.startswith("Proposed: ")
        statuses.append(done.returncode)
    # 141 (128 + SIGPIPE) when head had left before mod4 wrote; 1 (the conflict) when mod4 wrote
    # everything first. Never 120 or a traceback.
    assert set(statuses) <= {1, 141}, statuses
    assert 141 in statuses, statuses


@pytest.mark.parametrize("way", COMMANDS)
def test_a_reader_that_is_gone_before_mod4_writes_gives_141(way: str) -> None:
    mod4 = shlex.join(COMMANDS[way])
    for command in ('check-conflict "week 3 wed 13:00"', "week 3", "todo --json"):
        done = _shell(f"{mod4} {command} | true")
        assert (done.returncode, done.stderr) == (141, ""), command


def _signal_state(pid: int) -> tuple[int, int] | None:
    """(caught, ignored) signal masks of a running process, from /proc."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return None
    masks = dict(line.split(":\t", 1) for line in lines if line.startswith(("SigCgt", "SigIgn")))
    return int(masks["SigCgt"], 16), int(masks["SigIgn"], 16)


def _wait_until_mod4_runs(process: subprocess.Popen[bytes]) -> bool:
    """Wait until mod4's main() has run: Python started (it catches SIGINT and ignores SIGPIPE),
    then both went back to the system's default. What Python does before any line of mod4 runs
    (its own start-up, pip's script wrapper) is Python's, not mod4's, to answer for; and at exit
    Python stops catching SIGINT but never restores SIGPIPE, so exiting is not mistaken for it."""
    sigint, sigpipe = 1 << (signal.SIGINT - 1), 1 << (signal.SIGPIPE - 1)
    python_started = False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process.poll() is None:
        masks = _signal_state(process.pid)
        if masks is None:
            return False
        caught, ignored = masks
        if caught & sigint:
            python_started = True
        elif python_started and not ignored & sigpipe:
            return True
        time.sleep(0.0002)
    return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads signal masks from /proc")
@pytest.mark.parametrize("way", COMMANDS)
def test_ctrl_c_during_start_up_ends_quietly(way: str) -> None:
    env = {**os.environ, "MOD4_NO_QUICK_PATH": "1"}  # the slow way in: Typer and Rich to import
    interrupted = 0
    for delay_ms in (0, 1, 2, 5, 10, 20, 40, 0, 1, 3):
        process = subprocess.Popen(
            [*COMMANDS[way], "week", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        reached = _wait_until_mod4_runs(process)
        time.sleep(delay_ms / 1000)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()
        if reached and process.returncode == -signal.SIGINT:
            interrupted += 1
        else:
            assert process.returncode == 0, (delay_ms, process.returncode, err.decode())  # it had finished
    assert interrupted >= 5  # most runs were stopped part-way, by the signal
