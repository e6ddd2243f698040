"""What tests share: the mini schedule, the record of a run, the installed script, the figures
the reliability tests report, and schedules and state files written for a test. Imported by
tests and by conftest.py's fixtures, and how a student's screen is checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

MINI_SCHEDULE = """\
schema = 1

[module]
title = "Mini module"
weeks = 2
timezone = "America/Denver"
class_hours = { start = "09:00", end = "16:00" }
{start_line}

[[session]]
id = "talk"
title = "Talk"
kind = "workshop"
week = 1
day = "tue"
start = "10:00"
end = "11:00"

[[session]]
id = "group"
title = "Group"
kind = "group"
weeks = [1, 2]
day = "wed"
start = "13:00"
end = "14:00"

[[session]]
id = "work-time"
title = "PD work time"
kind = "work-time"
weeks = [1, 2]
day = "thu"
start = "13:00"
end = "16:00"
required = false

[[week]]
number = 1
focus = "Start"
actions = ["Say hello"]

[[deliverable]]
id = "kit"
title = "Kit"
due = { week = 2, day = "fri", time = "17:00" }

[[deliverable.item]]
id = "cv"
title = "CV"
"""


@dataclass
class Run:
    """What a command did."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout parsed as exactly one JSON document."""
        return json.loads(self.stdout)


def installed_mod4() -> str:
    """The console script installed beside this Python, as a student would run it; MOD4_EXE
    names another build instead (to watch an end-to-end test fail on an older mod4)."""
    if os.environ.get("MOD4_EXE"):
        return os.environ["MOD4_EXE"]
    beside = Path(sys.executable).parent / ("mod4.exe" if os.name == "nt" else "mod4")
    found = str(beside) if beside.exists() else shutil.which("mod4")
    if not found:
        pytest.fail("the mod4 console script is not installed; run: pip install '.[test]'")
    return found


# Figures the reliability and fuzz tests produce, printed after the run (docs/reliability.md).
FIGURES: dict[str, object] = {}


def toml_string(text: str) -> str:
    """`text` as a TOML basic string; control characters as \\uXXXX escapes (JSON's are TOML's)."""
    return json.dumps(text)


def mini_schedule(tmp_path: Path, *, start: str | None = None, talk_title: str = "Talk") -> Path:
    """The mini schedule, its first session's title replaced, written to a new file."""
    text = MINI_SCHEDULE.replace("{start_line}", f"start = {start}" if start else "")
    text = text.replace('title = "Talk"', f"title = {toml_string(talk_title)}")
    path = tmp_path / f"mini-{len(list(tmp_path.glob('mini-*')))}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def many_items_schedule(tmp_path: Path, count: int) -> Path:
    """The mini schedule with `count` items (`item0`...), all due at the same time."""
    items = "".join(f'[[deliverable.item]]\nid = "item{n}"\ntitle = "Item {n}"\n' for n in range(count))
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n', items
    )
    path = tmp_path / f"items-{count}.toml"
    path.write_text(text)
    return path


def write_state(home: Path, text: str) -> Path:
    """A hand-written state file in `home` (created if needed)."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "state.toml"
    path.write_text(text, encoding="utf-8")
    return path


_URL = re.compile(r"https?://\S+")


def overflowing(out: str, width: int) -> list[str]:
    """The lines of `out` wider than `width`, a link aside: a link is printed whole on its line,
    past the width when it must, so a line counts as too wide only when it is without its link."""
    return [line for line in out.splitlines() if len(_URL.sub("", line).rstrip()) > width]


def trailing_spaces(out: str) -> list[str]:
    """The lines of `out` that end in spaces."""
    return [line for line in out.splitlines() if line != line.rstrip(" ")]


# --- calendar checks against a cohort built from a few facts -----------------------------------

ICS_DATA = Path(__file__).parent / "data" / "ics"
Session = tuple[str, list[int], str, str, str]  # day, weeks, start, end, id


def cohort(start: str, sessions: list[Session], weeks: int = 2) -> str:
    """A cohort schedule: (day, weeks, start, end, id) per required session, campus zone Denver."""
    blocks = "".join(
        f'[[session]]\nid = "{sid}"\ntitle = "{sid.title()}"\nkind = "workshop"\nweeks = {w}\n'
        f'day = "{day}"\nstart = "{begin}"\nend = "{end}"\n\n'
        for day, w, begin, end, sid in sessions
    )
    return (
        f'schema = 1\n[module]\ntitle = "Cohort"\nweeks = {weeks}\ntimezone = "America/Denver"\n'
        f"start = {start}\n\n{blocks}"
        '[[deliverable]]\nid = "kit"\ntitle = "Kit"\ndue = { week = 1, day = "fri", time = "17:00" }\n'
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n'
    )


def calendar_checker(
    run: Callable[..., Run], schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """`check(ics, start, sessions, *extra)`: check-conflict --ics against a cohort, now just before it."""

    def check(ics: Path | str, start: str, sessions: list[Session], *extra: str) -> Run:
        monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(cohort(start, sessions))))
        monkeypatch.setenv("MOD4_NOW", f"{start}T00:00")
        path = ics if isinstance(ics, Path) else ICS_DATA / ics
        return run("check-conflict", "--ics", str(path), *extra)

    return check
