"""Nothing lost: crashes at every step of a write, random kills, many writers, bad state folders.

Figures (kills survived, writers landed) are recorded for the summary printed at the end of
the run (see conftest.py) and quoted in docs/reliability.md.
"""

from __future__ import annotations

import errno
import os
import random
import shlex
import signal
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mod4cli.load import fs, schedule_cache, schedule_file, state_file
from mod4cli.model.errors import StateError
from mod4cli.model.progress import State
from mod4cli.model.schedule import Schedule
from tests.helpers import FIGURES, Run, installed_mod4, many_items_schedule

# Random-timing kills (the slow test); the deterministic crash tests run CRASH_ROUNDS rounds.
KILL_ROUNDS = int(os.environ.get("MOD4_KILL_ROUNDS", "100"))
CRASH_ROUNDS = int(os.environ.get("MOD4_CRASH_ROUNDS", "3"))
NOW = datetime(2027, 1, 20, 17, 0, tzinfo=UTC)


def stages(home: Path) -> dict[str, str]:
    return dict(state_file.load(home / "state.toml").stages)


@pytest.fixture
def env(mod4_home: Path, tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MOD4_SCHEDULE": str(many_items_schedule(tmp_path, 50))}


def mod4(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_mod4(), *args], env=env, capture_output=True, text=True, check=False)


def leftovers(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.iterdir() if p.suffix == ".tmp"]


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


def _command(n: int, state: State) -> list[str]:
    """The n-th change of a crash round: done, reopen it, undo that (when there is a change to
    undo: the kills decide which landed), and again. Each is a real change of `state`, since a
    change that changes nothing writes nothing and so could not be killed inside a write."""
    if n % 3 == 2 and state.history:
        return ["undo"]
    item = f"item{(n - 1) % 50}" if n % 3 == 1 else f"item{n % 50}"
    return ["reopen", item] if dict(state.stages).get(item) == "done" else ["done", item]


def _outcomes(state: State, args: list[str], schedule: Schedule) -> list[tuple[object, ...]]:
    """What the state may hold after `args` was killed: as before, or as after the change."""
    from mod4cli.plan.progress import mark_done, reopen_item, undo_last

    if args[0] == "undo":
        after = undo_last(state)[0]
    elif args[0] == "done":
        after = mark_done(state, schedule, [args[1]], NOW)[0]
    else:
        after = reopen_item(state, schedule, args[1], NOW)[0]
    return [(s.stages, s.bookings) for s in (state, after)]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("round_number", range(CRASH_ROUNDS))
def test_killed_inside_every_write_the_state_is_always_valid(
    env: dict[str, str], mod4_home: Path, round_number: int
) -> None:
    """A SIGKILL at every step of every file a change writes (the schedule cache, the backup, the
    state), on an empty home and on a full one: the state is always the old or the new one."""
    schedule = schedule_file.load_file(Path(env["MOD4_SCHEDULE"]))
    cache = schedule_cache.entry_path(Path(env["MOD4_SCHEDULE"]), mod4_home / "cache")
    path = mod4_home / "state.toml"
    changes = iter(range(10 * round_number, 10**6))  # each round starts on its own items
    kills = 0

    def kill(file: str, step: str, args: list[str]) -> None:
        nonlocal kills
        before = state_file.load(path)
        crashed = mod4({**env, fs.CRASH_VARIABLE: f"{file}:{step}"}, *args)
        assert crashed.returncode == -signal.SIGKILL, (file, step, args, crashed.stderr)
        after = state_file.load(path)  # raises on anything unreadable
        assert (after.stages, after.bookings) in _outcomes(before, args, schedule), (file, step, args)
        kills += 1

    for step in fs.CHECKPOINTS:  # the very first write: no state, no backup yet
        kill("state.toml", step, ["done", f"item{round_number}"])
        assert not path.exists() or stages(mod4_home) == {f"item{round_number}": "done"}
        path.unlink(missing_ok=True)
    assert mod4(env, "done", "item0").returncode == 0
    for file in (cache.name, "state.toml.bak", "state.toml"):
        for step in fs.CHECKPOINTS:
            if file == cache.name:
                cache.unlink(missing_ok=True)  # so that this run writes it
            kill(file, step, _command(next(changes), state_file.load(path)))
        # The next change cleans up after the killed ones and lands.
        done = mod4(env, *_command(next(changes), state_file.load(path)))
        assert done.returncode == 0, done.stderr
        assert not leftovers(mod4_home, mod4_home / "cache")
    assert kills == 4 * len(fs.CHECKPOINTS)
    FIGURES["kills inside a write"] = int(str(FIGURES.get("kills inside a write", 0))) + kills


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


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_killed_at_random_moments_the_state_is_always_valid(env: dict[str, str], tmp_path: Path) -> None:
    """Kills at random moments, wherever they land: the timing-dependent complement of the test
    above (which is the one that guarantees kills inside writes)."""
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


# Many writers start at once on two cores: the lock waits for all of them, however long the
# machine takes; what is tested is that nothing is lost, not how fast.
PATIENT = {"MOD4_LOCK_TIMEOUT": "600"}


def test_fifty_writers_at_once_all_land(env: dict[str, str], mod4_home: Path) -> None:
    procs = [
        subprocess.Popen(
            [installed_mod4(), "done", f"item{n}"],
            env={**env, **PATIENT},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(50)
    ]
    codes = [p.wait(timeout=600) for p in procs]
    assert codes == [0] * 50, [p.stderr.read() for p in procs if p.stderr and p.returncode]
    assert stages(mod4_home) == {f"item{n}": "done" for n in range(50)}
    FIGURES["concurrent writers landed"] = "50 of 50"


def test_writers_through_a_link_and_through_its_target_lose_nothing(tmp_path: Path) -> None:
    # `H/state.toml -> sub/state.toml`, a link the docs allow: half the writers use MOD4_HOME=H,
    # half MOD4_HOME=H/sub. They must take one lock and leave each other's temporary files alone.
    home = tmp_path / "H"
    (home / "sub").mkdir(parents=True)
    (home / "state.toml").symlink_to(Path("sub") / "state.toml")
    schedule = many_items_schedule(tmp_path, 20)
    rounds = (("done", "done"), ("reopen", "not-started"), ("done", "done"))
    for command, stage in rounds:
        procs = [
            subprocess.Popen(
                [installed_mod4(), command, f"item{n}"],
                env={
                    **os.environ,
                    **PATIENT,
                    "MOD4_SCHEDULE": str(schedule),
                    "MOD4_HOME": str(home if n % 2 else home / "sub"),
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(20)
        ]
        failed = [p.stderr.read() for p in procs if p.wait(timeout=600) != 0 and p.stderr]
        assert failed == []
        assert stages(home / "sub") == {f"item{n}": stage for n in range(20)}
        assert (home / "state.toml").is_symlink()
    assert not leftovers(home, home / "sub")
    assert not (home / "state.toml.lock").exists()  # the lock is the target's
    FIGURES["writers through a link and its target landed"] = f"{20 * len(rounds)} of {20 * len(rounds)}"


def test_only_temporary_files_of_dead_writers_are_removed(mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    gone = subprocess.Popen(["true"])  # a process id that no longer runs
    gone.wait()
    with subprocess.Popen(["sleep", "60"]) as running:
        names = {
            "dead writer": f".state.toml.{gone.pid}.abc123.tmp",
            "dead writer of the backup": f".state.toml.bak.{gone.pid}.abc123.tmp",
            "running writer": f".state.toml.{running.pid}.def456.tmp",
            "running writer of the backup": f".state.toml.bak.{running.pid}.def456.tmp",
            "old one of an older mod4": ".state.toml.k2j3h4g5.tmp",
            "new one of an older mod4": ".state.toml.a1b2c3d4.tmp",
            "someone else's": ".notes.txt.1.x.tmp",
        }
        for name in names.values():
            (mod4_home / name).write_text("partial")
        hour_ago = time.time() - 2 * fs.LEFTOVER_AGE
        os.utime(mod4_home / names["old one of an older mod4"], (hour_ago, hour_ago))
        state_file.update(mod4_home / "state.toml", lambda s: (s._replace(stages=(("cv", "done"),)), None))
        running.kill()
    left = {label for label, name in names.items() if (mod4_home / name).exists()}
    assert left == {
        "running writer",
        "running writer of the backup",
        "new one of an older mod4",
        "someone else's",
    }


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
    lock = mod4_home / "state.toml.lock"
    assert f"mod4: {lock}: another mod4 has been writing for 0.5 s, so nothing was changed" in result.stderr
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
    assert result.stderr.startswith(f"mod4: {blocker}: is a file")  # the file in the way, named
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


@pytest.mark.parametrize("circle", [("state.toml",), ("other.toml", "state.toml")])
def test_a_circle_of_links_at_the_state_is_one_message(
    mod4_exe: Callable[..., Run], mod4_home: Path, circle: tuple[str, ...]
) -> None:
    mod4_home.mkdir(parents=True)
    path = mod4_home / "state.toml"
    for name, target in zip(("state.toml", *circle), circle, strict=False):
        (mod4_home / name).symlink_to(target)  # state.toml -> state.toml, or -> other.toml -> state.toml
    expected = (
        f"mod4: {path}: is a symbolic link that leads in a circle, so there is no file to read; "
        f"mod4 will not follow it\n      Remove the link to start afresh: rm {path}\n"
    )
    for args in (("todo",), ("done", "cv"), ("status", "--json")):
        result = mod4_exe(*args)
        assert (result.exit_code, result.stderr) == (2, expected), args
    assert path.is_symlink()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "schema: missing"), (b"schema = 3\n", "newer mod4"), (b"\xff\xfe garbage", "damaged")],
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
    assert f"cp {shlex.quote(f'{path}.bak')} {shlex.quote(str(path))}" in result.stderr
    assert path.read_bytes() == content
