"""What tests share: the mini schedule, the record of a run, the installed script, the figures
the reliability tests report, schedules and state files written for a test, how a student's
screen is checked, and values built by keyword for the unit tests of plan/. Imported by tests
and by conftest.py's fixtures."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.progress import Booking
from mod4cli.model.schedule import (
    Coaching,
    Deliverable,
    DuePoint,
    Item,
    Module,
    Schedule,
    Session,
    Specialist,
)
from mod4cli.model.timeline import Occurrence, Timeline

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
SessionRow = tuple[str, list[int], str, str, str]  # day, weeks, start, end, id


def cohort(start: str, sessions: list[SessionRow], weeks: int = 2) -> str:
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

    def check(ics: Path | str, start: str, sessions: list[SessionRow], *extra: str) -> Run:
        monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(cohort(start, sessions))))
        monkeypatch.setenv("MOD4_NOW", f"{start}T00:00")
        path = ics if isinstance(ics, Path) else ICS_DATA / ics
        return run("check-conflict", "--ics", str(path), *extra)

    return check


# --- values built by keyword, for the unit tests of plan/ (tests/unit/) -------------------------
# Each builder gives a small valid value; a test names only the fields it is about.

DENVER = ZoneInfo("America/Denver")
WEEKDAYS = tuple(range(5))  # Monday to Friday


def denver(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A campus wall-clock time, as the UTC instant plan/ works with."""
    return datetime(year, month, day, hour, minute, tzinfo=DENVER).astimezone(UTC)


def a_session(**fields: Any) -> Session:
    """A required one-hour workshop, Tuesday 10:00 of week 1."""
    base = {"id": "talk", "title": "Talk", "kind": "workshop", "week": 1, "day": 1}
    return Session(**(base | {"start": time(10), "end": time(11)} | fields))


def a_due_point(**fields: Any) -> DuePoint:
    """Friday 17:00 of week 2."""
    return DuePoint(**({"week": 2, "day": 4, "time": time(17)} | fields))


def an_item(**fields: Any) -> Item:
    """A two-stage item of the deliverable `kit`, due Friday 17:00 of week 2."""
    return Item(**({"id": "cv", "title": "CV", "deliverable": "kit", "due": a_due_point()} | fields))


def a_deliverable(**fields: Any) -> Deliverable:
    """The deliverable `kit`, due Friday 17:00 of week 2, with one item."""
    return Deliverable(
        **({"id": "kit", "title": "Kit", "due": a_due_point(), "items": (an_item(),)} | fields)
    )


def a_specialist(**fields: Any) -> Specialist:
    """A career specialist available Monday to Friday, 09:00-17:00 campus time."""
    return Specialist(**({"name": "Tracey", "days": WEEKDAYS, "start": time(9), "end": time(17)} | fields))


def a_module(**fields: Any) -> Module:
    """A six-week module in Denver, class from 09:00 to 16:00."""
    base = {"title": "Mini", "weeks": 6, "timezone": "America/Denver"}
    return Module(**(base | {"class_start": time(9), "class_end": time(16)} | fields))


def a_schedule(**fields: Any) -> Schedule:
    """A schedule with no sessions, the deliverable `kit` and the module's defaults."""
    return Schedule(
        **(
            {"path": "unit.toml", "module": a_module(), "sessions": (), "deliverables": (a_deliverable(),)}
            | fields
        )
    )


def a_coaching(**fields: Any) -> Coaching:
    """30-minute meetings, one a week, with Tracey or Ryan (Mon-Fri 09:00-17:00)."""
    both = (a_specialist(name="Tracey"), a_specialist(name="Ryan"))
    return Coaching(**({"specialists": both, "how": "Message them on Slack."} | fields))


def a_timeline(**fields: Any) -> Timeline:
    """Six dated weeks in Denver from Monday 4 January 2027 (no DST change inside)."""
    return Timeline(**({"anchor": date(2027, 1, 4), "dated": True, "campus": DENVER, "weeks": 6} | fields))


# Six-week cohorts whose week 2 ends on the Sunday of a DST change in Denver.
FALL = a_timeline(anchor=date(2026, 10, 19))  # clocks go back on Sunday 1 November 2026
SPRING = a_timeline(anchor=date(2027, 3, 1))  # clocks go forward on Sunday 14 March 2027


def placed(session: Session, timeline: Timeline, *, required: bool | None = None) -> Occurrence:
    """A session placed on a timeline's dates, as occurrences() places it."""
    start = timeline.at(session.week, session.day, session.start).astimezone(UTC)
    end = timeline.at(session.week, session.day, session.end).astimezone(UTC)
    kept = session.required if required is None else required
    return Occurrence(session=session, start=start, end=end, required=kept)


def a_booking(**fields: Any) -> Booking:
    """Booking #1, 30 minutes with Tracey at Thursday 10:00 of week 3 (21 January 2027)."""
    base = {"id": 1, "specialist": "Tracey", "start": denver(2027, 1, 21, 10), "minutes": 30}
    return Booking(**(base | fields))
