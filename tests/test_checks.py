"""Schedule warnings: deadlines during sessions, session times in a DST gap or fold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mod4cli.load.schedule_file import load_file
from mod4cli.plan.schedule_check import schedule_warnings
from tests.helpers import MINI_SCHEDULE, Run


def test_a_deadline_during_a_session_is_a_warning(schedule_file: Callable[..., Path]) -> None:
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        'due = { week = 2, day = "fri", time = "17:00" }', 'due = { week = 2, day = "wed", time = "13:30" }'
    )
    warnings = schedule_warnings(load_file(schedule_file(text)))
    assert warnings == ["cv: due week 2 wed 13:30, during Group (session[2], 13:00-14:00)"]


def test_session_in_a_dst_gap_is_a_warning(
    schedule_file: Callable[..., Path], run: Callable[..., Run]
) -> None:
    # Israel springs forward on a Friday: 02:00 becomes 03:00 on Friday 26 March 2027.
    text = (
        MINI_SCHEDULE.replace("{start_line}", "start = 2027-03-22")
        .replace('timezone = "America/Denver"', 'timezone = "Asia/Jerusalem"')
        .replace('day = "tue"\nstart = "10:00"\nend = "11:00"', 'day = "fri"\nstart = "02:30"\nend = "03:30"')
    )
    path = schedule_file(text)
    (warning,) = schedule_warnings(load_file(path))
    assert warning.startswith(
        "session[1].start (week 1): 02:30 on 2027-03-26 does not exist in Asia/Jerusalem"
    )
    result = run("schedule", "check", str(path), "--json")
    assert result.exit_code == 0
    assert result.json()["warnings"] == [warning]


def test_the_bundled_schedule_has_no_warnings() -> None:
    from mod4cli.load.paths import bundled_schedule

    assert schedule_warnings(load_file(bundled_schedule())) == []
