"""Nothing lost: crashes at every step of a write, random kills, many writers, bad state folders.

Figures (kills survived, writers landed) are recorded for the summary printed at the end of
the run (see conftest.py) and quoted in docs/reliability.md.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mod4cli.load import fs, state_file
from mod4cli.model.errors import StateError
from mod4cli.model.progress import State
from tests.conftest import FIGURES, MINI_SCHEDULE, Run, installed_mod4

KILL_ROUNDS = int(os.environ.get("MOD4_KILL_ROUNDS", "500"))


def many_items_schedule(tmp_path: Path, count: int) -> Path:
    items = "".join(f'[[deliverable.item]]\nid = "item{n}"\ntitle = "Item {n}"\n' for n in range(count))
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n', items
    )
    path = tmp_path / f"items-{count}.toml"
    path.write_text(text)
    return path


def stages(home: Path) -> dict[str, str]:
    return dict(state_file.load(home / "state.toml").stages)


@pytest.fixture
def env(mod4_home: Path, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MOD4_SCHEDULE": str(many_items_schedule(tmp_path, 50))}


def mod4(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_mod4(), *args], env=env, capture_output=True, text=True, check=False)


# --- crashes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["state.toml.bak", "state.toml"])
@pytest.mark.parametrize("step", fs.CHECKPOINTS)
def test_a_crash_at_any_step_leaves_the_old_or_the_new_state(
    env: dict[str, str], mod4_home: Path, file: str, step: str
) -> None:
    assert mod4(env, "done", "item1").returncode == 0
    assert mod4(env, "done", "item2").returncode == 0  # so that a backup exists and is rewritten
    old = stages(mod4_home)
    crashed = mod4({**env, fs.CRASH_VARIABLE: f"{file}:{step}"}, "done", "item3")
    assert crashed.returncode == -signal.SIGKILL
    now = stages(mod4_home)
    assert now in (old, {**old, "item3": "done"})
    assert state_file.load(state_file.backup_path(mod4_home / "state.toml")) is not None  # parseable
    # The next write cleans up after the killed one and lands.
    assert mod4(env, "done", "item4").returncode == 0
    assert stages(mod4_home)["item4"] == "done"
    assert not list(mod4_home.glob(".*.tmp"))
    FIGURES["crash checkpoints survived"] = FIGURES.get("crash checkpoints survived", 0) + 1


def _median_run(env: dict[str, str]) -> float:
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        assert mod4(env, "done", "item0").returncode == 0
        timings.append(time.perf_counter() - began)
    return sorted(timings)[1]


def _kill_rounds(env: dict[str, str], home: Path, rounds: int, seed: int) -> dict[str, int]:
    """Start `done`/`reopen` and SIGKILL it at a random moment, `rounds` times; check the state."""
    env = {**env, "MOD4_HOME": str(home)}
    rng = random.Random(seed)
    assert mod4(env, "done", "item0").returncode == 0  # the first run also fills the schedule cache
    outcomes = {"killed": 0, "finished": 0}
    full = 0.0
    for n in range(rounds):
        if n % 25 == 0:
            # How long a run takes now: the median of three, measured again as the load on a
            # shared machine changes, so the kills keep landing inside the runs.
            full = _median_run(env)
        item = f"item{n % 50}"
        args = ["reopen", item] if n % 3 == 0 else ["done", item]
        proc = subprocess.Popen(
            [installed_mod4(), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # Aim at the end of the run, where the write happens, and around it.
        time.sleep(rng.uniform(0.5, 1.2) * full)
        proc.send_signal(signal.SIGKILL)
        outcomes["killed" if proc.wait() == -signal.SIGKILL else "finished"] += 1
        current = state_file.load(home / "state.toml")  # raises on anything unreadable
        assert all(stage in ("not-started", "done") for _, stage in current.stages)
    return outcomes


def test_killed_at_random_moments_the_state_is_always_valid(env: dict[str, str], tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    workers = 4  # independent homes, so the kills run side by side
    shares = [KILL_ROUNDS // workers + (1 if w < KILL_ROUNDS % workers else 0) for w in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        results = list(
            pool.map(lambda w: _kill_rounds(env, tmp_path / f"home{w}", shares[w], w), range(workers))
        )
    killed = sum(r["killed"] for r in results)
    finished = sum(r["finished"] for r in results)
    assert killed + finished == KILL_ROUNDS
    assert killed > KILL_ROUNDS // 4  # the kills did land while mod4 was running
    FIGURES["random kills survived"] = (
        f"{KILL_ROUNDS} of {KILL_ROUNDS} ({killed} killed mid-run, {finished} finished first)"
    )


def test_a_short_write_never_replaces_the_good_file(mod4_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = mod4_home / "state.toml"
    state_file.update(path, lambda s: (State(stages=(("cv", "done"),)), None))
    good = path.read_bytes()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle = handle
            self.calls = 0

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.calls += 1
            if self.calls > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            return int(self.handle.write(data))

        def flush(self) -> None:
            self.handle.flush()

        def fileno(self) -> int:
            return int(self.handle.fileno())

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(StateError, match="No space left on device"):
        state_file.update(path, lambda s: (State(stages=(("cv", "not-started"),)), None))
    monkeypatch.undo()
    assert path.read_bytes() == good
    assert sorted(p.name for p in mod4_home.iterdir()) == ["state.toml", "state.toml.lock"]


# --- many writers ----------------------------------------------------------------------------


def test_fifty_writers_at_once_all_land(env: dict[str, str], mod4_home: Path) -> None:
    procs = [
        subprocess.Popen(
            [installed_mod4(), "done", f"item{n}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for n in range(50)
    ]
    codes = [p.wait(timeout=300) for p in procs]
    assert codes == [0] * 50
    assert stages(mod4_home) == {f"item{n}": "done" for n in range(50)}
    FIGURES["concurrent writers landed"] = "50 of 50"


def test_a_stale_lock_file_does_not_block(env: dict[str, str], mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    (mod4_home / "state.toml.lock").write_text("left by a crashed mod4")
    result = mod4({**env, "MOD4_LOCK_TIMEOUT": "2"}, "done", "item1")
    assert result.returncode == 0, result.stderr


def test_a_held_lock_times_out_with_a_clear_message(env: dict[str, str], mod4_home: Path) -> None:
    from filelock import FileLock

    assert mod4(env, "done", "item1").returncode == 0
    before = (mod4_home / "state.toml").read_bytes()
    with FileLock(str(mod4_home / "state.toml.lock")):
        result = mod4({**env, "MOD4_LOCK_TIMEOUT": "0.5"}, "done", "item2")
    assert result.returncode == 2
    assert "another mod4 has been writing for 0.5 s, so nothing was changed" in result.stderr
    assert (mod4_home / "state.toml").read_bytes() == before


# --- odd state and state folders -------------------------------------------------------------


def test_unknown_items_in_the_state_are_kept(env: dict[str, str], mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    (mod4_home / "state.toml").write_text('schema = 1\n[stages]\nold-item = "done"\nitem1 = "shipped"\n')
    assert mod4(env, "todo", "--json").returncode == 0
    assert mod4(env, "done", "item2").returncode == 0
    assert stages(mod4_home) == {"old-item": "done", "item1": "shipped", "item2": "done"}


def test_a_state_folder_that_is_a_file(env: dict[str, str], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = mod4({**env, "MOD4_HOME": str(blocker / "home")}, "done", "item1")
    assert result.returncode == 2
    assert "Not a directory" in result.stderr
    assert result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_state_folder_that_is_not_writable(env: dict[str, str], mod4_home: Path) -> None:
    assert mod4(env, "done", "item1").returncode == 0
    before = (mod4_home / "state.toml").read_bytes()
    mod4_home.chmod(0o500)
    try:
        result = mod4({**env, "MOD4_LOCK_TIMEOUT": "1"}, "done", "item2")
    finally:
        mod4_home.chmod(0o700)
    assert result.returncode == 2
    assert (mod4_home / "state.toml").read_bytes() == before


def test_links_out_of_the_home_folder_are_not_followed(
    env: dict[str, str], mod4_home: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('schema = 1\n[stages]\nitem1 = "done"\n')
    mod4_home.mkdir(parents=True)
    (mod4_home / "state.toml").symlink_to(outside)
    for args in (("todo",), ("done", "item2")):
        result = mod4(env, *args)
        assert result.returncode == 2
        assert "outside" in result.stderr and "will not follow" in result.stderr
    assert outside.read_text() == 'schema = 1\n[stages]\nitem1 = "done"\n'


def test_links_inside_the_home_folder_are_followed(env: dict[str, str], mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    real = mod4_home / "mine.toml"
    real.write_text('schema = 1\n[stages]\nitem1 = "done"\n')
    (mod4_home / "state.toml").symlink_to(real)
    assert mod4(env, "done", "item2").returncode == 0
    assert (mod4_home / "state.toml").is_symlink()
    assert dict(state_file.load(real).stages) == {"item1": "done", "item2": "done"}


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "schema: missing"), (b"schema = 2\n", "newer mod4"), (b"\xff\xfe garbage", "damaged")],
)
def test_unreadable_state_names_the_file_and_the_backup(
    run: Callable[..., Run], mod4_home: Path, content: bytes, message: str
) -> None:
    assert run("done", "resume").exit_code == 0
    assert run("done", "linkedin").exit_code == 0
    path = mod4_home / "state.toml"
    path.write_bytes(content)
    result = run("todo")
    assert result.exit_code == 2
    assert message in result.stderr
    assert f"cp '{path}.bak' '{path}'" in result.stderr
    assert path.read_bytes() == content
