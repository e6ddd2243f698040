"""Nothing hangs and nothing eats the machine: pipes and devices where files belong, files nested
or grown past every sane size, and a schedule of 30,000 items (issue 10, items 7-9)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mod4cli.load import schedule_file, state_file
from mod4cli.load.limits import MAX_DEPTH
from mod4cli.model.errors import ScheduleError
from mod4cli.model.progress import UNDO_DEPTH
from tests.helpers import FIGURES, MINI_SCHEDULE, Run, installed_mod4, mini_schedule, write_state

Mod4 = Callable[..., Run]
AT_ONCE = 10  # seconds: far longer than any refusal takes, far shorter than "forever"

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def dated(tmp_path: Path) -> dict[str, str]:
    """The environment of a cohort with a start date, so calendars can be checked."""
    return {"MOD4_SCHEDULE": str(mini_schedule(tmp_path, start="2027-01-04")), "MOD4_NOW": "2027-01-04T08:00"}


def one_message(result: Run) -> str:
    """The refusal, checked to be exit 2 and one message (a line and at most a hint), no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    lines = result.stderr.splitlines()
    assert 1 <= len(lines) <= 2 and lines[0].startswith("mod4: "), result.stderr
    return result.stderr


# --- 7. pipes and devices ----------------------------------------------------------------------


@posix_only
def test_a_fifo_as_the_state_file_is_refused_at_once(mod4_exe: Mod4, mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    os.mkfifo(mod4_home / "state.toml")
    for args in (("todo",), ("done", "resume"), ("status",)):
        assert "is a pipe (FIFO), not a regular file" in one_message(mod4_exe(*args, timeout=AT_ONCE))
    assert (mod4_home / "state.toml").is_fifo()


@posix_only
@pytest.mark.parametrize("below", ["", "sub"], ids=["home is a file", "a parent is a file"])
@pytest.mark.parametrize("command", [("done", "resume"), ("week", "3"), ("calendar", "list")])
def test_a_file_where_the_home_folder_should_be_is_named(
    mod4_exe: Mod4, tmp_path: Path, below: str, command: tuple[str, ...]
) -> None:
    file = tmp_path / "not-a-folder"
    file.write_text("mine\n")
    home = file / below if below else file
    result = mod4_exe(*command, env={"MOD4_HOME": str(home)})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mod4: {file}: is a file")
    assert "(see MOD4_HOME)" in result.stderr and "Traceback" not in result.stderr
    assert file.read_text() == "mine\n"


def test_a_fifo_as_the_schedule_is_refused_at_once(mod4_exe: Mod4, tmp_path: Path) -> None:
    fifo = tmp_path / "schedule.toml"
    os.mkfifo(fifo)
    for args in (("--schedule", str(fifo), "week", "1"), ("schedule", "check", str(fifo))):
        result = mod4_exe(*args, timeout=AT_ONCE)
        assert result.exit_code == 2 and "is a pipe (FIFO), not a regular file" in result.stderr
    assert one_message(mod4_exe("todo", env={"MOD4_SCHEDULE": str(fifo)}, timeout=AT_ONCE))


@posix_only
def test_a_fifo_as_the_calendar_is_refused_at_once(
    mod4_exe: Mod4, tmp_path: Path, dated: dict[str, str]
) -> None:
    fifo = tmp_path / "calendar.ics"
    os.mkfifo(fifo)
    message = one_message(mod4_exe("check-conflict", "--ics", str(fifo), env=dated, timeout=AT_ONCE))
    assert f"{fifo}: is a pipe (FIFO), not a regular file" in message


@posix_only
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_as_schedule_or_calendar_is_one_message(mod4_exe: Mod4, dated: dict[str, str]) -> None:
    assert one_message(mod4_exe("--schedule", "/dev/zero", "week", "1", timeout=AT_ONCE)) == (
        "mod4: /dev/zero: is a device, not a regular file\n"
    )
    message = one_message(mod4_exe("check-conflict", "--ics", "/dev/zero", env=dated, timeout=AT_ONCE))
    assert message.startswith("mod4: /dev/zero: is a device, not a regular file\n")


@posix_only
def test_a_calendar_from_process_substitution_is_refused(dated: dict[str, str]) -> None:
    # `--ics <(yes BEGIN:VCALENDAR)`: an endless pipe, which a size check by stat() never stops.
    # The shell, mod4 and `yes` run in a session of their own, so a hang is killed whole.
    command = f"{installed_mod4()} check-conflict --ics <(yes BEGIN:VCALENDAR)"
    proc = subprocess.Popen(
        ["bash", "-c", command], stderr=subprocess.PIPE, text=True, env={**os.environ, **dated},
        start_new_session=True,
    )  # fmt: skip
    try:
        _, stderr = proc.communicate(timeout=AT_ONCE)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, "", stderr)
    assert done.returncode == 2
    assert "is a pipe (FIFO), not a regular file" in done.stderr
    assert "Export your calendar to a file" in done.stderr


@posix_only
def test_export_onto_a_fifo_is_refused_and_the_fifo_kept(mod4_exe: Mod4, tmp_path: Path) -> None:
    fifo = tmp_path / "out.ics"
    os.mkfifo(fifo)
    schedule = mini_schedule(tmp_path, start="2027-01-04")
    result = mod4_exe("--schedule", str(schedule), "export", "ics", "-o", str(fifo), timeout=AT_ONCE)
    assert f"{fifo}: is a pipe (FIFO), not a regular file; nothing was written" in one_message(result)
    assert fifo.is_fifo()


# --- 8. depth and size ---------------------------------------------------------------------------

DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"


def test_a_state_file_nested_5000_deep_is_refused(mod4_exe: Mod4, mod4_home: Path) -> None:
    path = write_state(mod4_home, "schema = 1\n" + DEEP)
    before = path.read_bytes()
    for args in (("todo",), ("done", "resume")):
        message = one_message(mod4_exe(*args))
        assert f"{path}: tables or arrays nested more than {MAX_DEPTH} deep" in message
    assert path.read_bytes() == before


def test_a_schedule_nested_5000_deep_is_refused(mod4_exe: Mod4, tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("schema = 1\n" + DEEP)
    message = one_message(mod4_exe("--schedule", str(path), "week", "1"))
    assert message == f"mod4: {path}: tables or arrays nested more than {MAX_DEPTH} deep\n"
    check = mod4_exe("schedule", "check", str(path))
    assert check.exit_code == 2 and f"nested more than {MAX_DEPTH} deep" in check.stderr


def test_a_100_mb_state_file_is_refused_at_once(mod4_exe: Mod4, mod4_home: Path) -> None:
    path = write_state(mod4_home, "schema = 1\n")
    os.truncate(path, 100 * 2**20)  # sparse: costs the disk nothing
    for args in (("todo",), ("done", "resume")):
        message = one_message(mod4_exe(*args, timeout=AT_ONCE))
        assert f"{path}: is larger than 4 MB, the most mod4 reads here" in message
    assert path.stat().st_size == 100 * 2**20
    assert not (mod4_home / "state.toml.bak").exists()


def test_an_undo_history_past_the_limit_is_refused(run: Callable[..., Run], mod4_home: Path) -> None:
    entry = '[[history]]\naction = "done resume"\nat = 2027-01-20T10:00:00Z\n'
    path = write_state(mod4_home, "schema = 2\nnext_booking = 1\n" + entry * 10_000)
    before = path.read_bytes()
    for args in (("todo",), ("undo",), ("done", "resume")):
        result = run(*args)
        assert result.exit_code == 2
        assert f"history: 10000 entries, more than the {UNDO_DEPTH} that mod4 keeps" in result.stderr
    assert path.read_bytes() == before


def test_a_change_that_would_grow_the_state_past_the_limit_is_refused(
    run: Callable[..., Run], mod4_home: Path
) -> None:
    # 2.2 MB of stages for items the schedule may once have had: readable, but a change would
    # copy them into the undo history and pass 4 MB.
    stages = "".join(f'item-{n:06} = "done"\n' for n in range(110_000))
    path = write_state(mod4_home, f"schema = 2\nnext_booking = 1\n[stages]\n{stages}")
    assert state_file.MAX_BYTES / 2 < path.stat().st_size < state_file.MAX_BYTES
    before = path.read_bytes()
    assert run("todo").exit_code == 0
    result = run("done", "resume")
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {path}: this change would make the file larger than 4 MB, the most mod4 keeps; "
        "nothing was changed\n",
    )
    assert path.read_bytes() == before


# --- 9. a linear schedule check ----------------------------------------------------------------


@pytest.mark.timeout(10)  # the quadratic check took 22 s here; the linear one, under 2 s
def test_a_schedule_of_30000_items_is_checked(tmp_path: Path) -> None:
    items = "".join(f'[[deliverable.item]]\nid = "item{n}"\ntitle = "Item {n}"\n' for n in range(30_000))
    items += '[[deliverable.item]]\nid = "item17"\ntitle = "Again"\n'
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n', items
    )
    with pytest.raises(ScheduleError) as caught:
        schedule_file.parse_text(text, "campus.toml")
    assert [p.message for p in caught.value.problems] == ["item id 'item17' is used more than once"]
    valid = schedule_file.parse_text(
        text.replace('id = "item17"\ntitle = "Again"', 'id = "extra"\ntitle = "X"')
    )
    assert len(valid.items) == 30_001
    FIGURES["schedule items checked"] = "30,001 (one duplicate found)"


@pytest.mark.parametrize("start", ["2100-12-27", "2100-11-22"])
def test_a_start_whose_module_leaves_the_years_mod4_handles_is_refused(
    mod4_exe: Callable[..., Run], mod4_home: Path, start: str
) -> None:
    refused = mod4_exe("init", "--start", start, env={"MOD4_NOW": "2100-11-01T09:00"})
    end = {"2100-12-27": "Sun 6 Feb 2101", "2100-11-22": "Sun 2 Jan 2101"}[start]
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == (
        f"mod4: --start: {start}: the module's 6 weeks would end on {end}, after the years mod4 "
        "handles (2000-2100)\n      Check the year.\n"
    )
    assert not (mod4_home / "state.toml").exists()
    assert mod4_exe("init", "--start", "2100-11-15", env={"MOD4_NOW": "2100-11-01T09:00"}).exit_code == 0
