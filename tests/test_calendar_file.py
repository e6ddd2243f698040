"""Reading the student's own calendar (load/calendar_file.py, load/calendar_series.py) as
`check-conflict --ics` shows it: events left out with their line and reason, refusals of a file
none of whose events can be read, and the zone a time is read in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, calendar_checker

RunFn = Callable[..., Run]
START = "2026-10-19"  # week 1 of the cohort: Mon 19 - Fri 23 Oct 2026, Denver
SESSIONS = [("wed", [1], "13:00", "14:00", "panel")]


@pytest.fixture
def check(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Run]:
    """Check a calendar, given as its lines, against a one-session cohort; returns the run."""
    checker = calendar_checker(run, schedule_file, monkeypatch)

    def go(*lines: str, extra: tuple[str, ...] = ()) -> Run:
        path = tmp_path / "mine.ics"
        body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR"]
        path.write_text("\r\n".join(body) + "\r\n", encoding="utf-8")
        return checker(path, START, SESSIONS, *extra)

    return go


def event(uid: str, *properties: str) -> tuple[str, ...]:
    """The lines of one VEVENT."""
    return ("BEGIN:VEVENT", f"UID:{uid}", *properties, "END:VEVENT")


def test_a_rule_repeating_every_zero_days_is_left_out_instead_of_hanging(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    """RFC 5545 wants a positive INTERVAL; dateutil, asked for INTERVAL=0, loops for ever."""
    result = check(
        *event(
            "a",
            "DTSTART:20261021T190000Z",
            "DTEND:20261021T200000Z",
            "RRULE:FREQ=DAILY;INTERVAL=0",
            "SUMMARY:Gym",
        ),
        *event("b", "DTSTART;VALUE=DATE:20261021", "RRULE:FREQ=WEEKLY;INTERVAL=0", "SUMMARY:Trip"),
        *event("c", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
        extra=("--json",),
    )
    document = result.json()
    assert [c["summary"] for c in document["conflicts"]] == ["Dentist"]
    assert document["skipped"] == [
        {"summary": "Gym", "line": 4, "reason": "cannot read its RRULE (line 8)"},
        {"summary": "Trip", "line": 11, "reason": "cannot read its RRULE (line 14)"},
    ]
