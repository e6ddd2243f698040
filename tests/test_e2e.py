"""The installed `mod4`, run in a subprocess from another folder, exactly as a student would."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, installed_mod4

Mod4 = Callable[..., Run]


def test_the_bundled_schedule_works_with_no_set_up(mod4_exe: Mod4, tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    week = mod4_exe("week", "3", cwd=elsewhere)
    assert week.exit_code == 0, week.stderr
    assert "Week 3 of 6" in week.stdout and "Panel: guest speakers" in week.stdout
    todo = mod4_exe("todo", cwd=elsewhere)
    assert todo.exit_code == 0 and "resume" in todo.stdout
    clash = mod4_exe("check-conflict", "week 3 wed 13:15", cwd=elsewhere)
    assert clash.exit_code == 1
    assert "Homeroom" in clash.stdout
    free = mod4_exe("check-conflict", "week 3 wed 10:00", cwd=elsewhere)
    assert free.exit_code == 0
    assert "No conflict" in free.stdout


def test_version_and_python_m(mod4_exe: Mod4) -> None:
    from mod4cli import __version__

    assert mod4_exe("--version").stdout.strip() == f"mod4 {__version__}"
    python = Path(installed_mod4()).parent / "python"
    done = subprocess.run(
        [str(python), "-m", "mod4cli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == f"mod4 {__version__}"


def test_done_and_undo_through_the_console_script(mod4_exe: Mod4) -> None:
    assert mod4_exe("done", "resume").exit_code == 0
    items = [i["id"] for i in mod4_exe("todo", "--json").json()["items"]]
    assert "resume" not in items
    assert mod4_exe("undo").exit_code == 0
    items = [i["id"] for i in mod4_exe("todo", "--json").json()["items"]]
    assert "resume" in items


def test_twenty_writers_at_once_all_land(
    mod4_exe: Mod4, schedule_file: Callable[..., Path], tmp_path: Path
) -> None:
    items = "\n".join(f'[[deliverable.item]]\nid = "item{n}"\ntitle = "Item {n}"\n' for n in range(20))
    path = schedule_file(
        schedule_file().read_text().replace('[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n', items)
    )
    env = {**os.environ, "MOD4_SCHEDULE": str(path)}
    exe = installed_mod4()
    commands = [[exe, "done", f"item{n}"] if n % 2 else [exe, "stage", f"item{n}", "done"] for n in range(20)]
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0] * 20, [p.stderr.read() for p in procs if p.stderr]
    todo = mod4_exe("todo", "--json", env={"MOD4_SCHEDULE": str(path)}).json()
    assert todo["items"] == []


def test_garbage_state_is_refused_and_left_byte_for_byte(mod4_exe: Mod4, mod4_home: Path) -> None:
    mod4_home.mkdir(parents=True)
    state = mod4_home / "state.toml"
    garbage = b"\x00\x01 not toml [[[ \xff"
    state.write_bytes(garbage)
    for args in (("todo",), ("done", "resume"), ("undo",)):
        result = mod4_exe(*args)
        assert result.exit_code == 2, args
        assert str(state) in result.stderr
        assert "Traceback" not in result.stderr
        assert state.read_bytes() == garbage


def test_a_schedule_with_three_mistakes_gets_one_report(
    mod4_exe: Mod4, schedule_file: Callable[..., Path]
) -> None:
    text = schedule_file().read_text()
    text = text.replace('day = "tue"', 'day = "tues"').replace('end = "11:00"', 'end = "11:00"\nroom = "B"')
    text = text.replace('time = "17:00"', 'time = "5pm"')
    path = schedule_file(text)
    for args in (("schedule", "check", str(path)), ("--schedule", str(path), "week", "1")):
        result = mod4_exe(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0] == f"mod4: {path}: 3 problems"
        assert [line.split(": ", 2)[1] for line in lines[1:]] == [
            "session[1].day",
            "session[1].room",
            "deliverable[1].due.time",
        ]


def test_shell_completion_offers_items_specialists_and_topics(mod4_exe: Mod4) -> None:
    def complete(words: str) -> list[str]:
        cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        env = {"_MOD4_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
        return mod4_exe(env=env).stdout.split()

    assert complete("mod4 done p") == ["portfolio"]
    assert complete("mod4 coach book ") == ["Tracey", "Ryan"]
    assert complete("mod4 contact o") == ["offer", "other"]
    assert "check-conflict" in complete("mod4 ch")


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (("--schedule", "~nosuchuser/s.toml", "todo"), {}, "--schedule: '~nosuchuser/s.toml'"),
        (("todo",), {"MOD4_SCHEDULE": "~nosuchuser/s.toml"}, "MOD4_SCHEDULE: '~nosuchuser/s.toml'"),
        (("todo",), {"MOD4_HOME": "~nosuchuser/mod4"}, "MOD4_HOME: '~nosuchuser/mod4'"),
        (("status", "--json"), {"MOD4_HOME": "~nosuchuser/mod4"}, "MOD4_HOME: '~nosuchuser/mod4'"),
        (("calendar", "add", "~nosuchuser/work.ics"), {}, "SOURCE: '~nosuchuser/work.ics'"),
        (("export", "ics", "-o", "~nosuchuser/pd.ics"), {}, "-o: '~nosuchuser/pd.ics'"),
    ],
)
def test_a_path_of_an_unknown_users_home_is_one_message(
    mod4_exe: Mod4, args: tuple[str, ...], env: dict[str, str], named: str
) -> None:
    assert mod4_exe("init", "--start", "2026-10-19").exit_code == 0  # export needs real dates
    result = mod4_exe(*args, env=env)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"mod4: {named}: no such user's home folder\n"


def test_a_calendar_repeating_every_zero_days_is_read_at_once(mod4_exe: Mod4, tmp_path: Path) -> None:
    """It used to hang `check-conflict --ics` for ever (dateutil loops on INTERVAL=0)."""
    ics = tmp_path / "mine.ics"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
        "BEGIN:VEVENT", "UID:a", "DTSTART:20261021T190000Z", "DTEND:20261021T200000Z",
        "RRULE:FREQ=DAILY;INTERVAL=0", "SUMMARY:Gym", "END:VEVENT",
        "END:VCALENDAR",
    ]  # fmt: skip
    ics.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    assert mod4_exe("init", "--start", "2026-10-19").exit_code == 0
    result = mod4_exe("check-conflict", "--ics", str(ics), env={"MOD4_NOW": "2026-10-19T08:00"}, timeout=30)
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {ics}:4: cannot read its only event 'Gym': cannot read its RRULE (line 8)\n",
    )
