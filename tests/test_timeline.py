"""The module's weeks on real dates (model/timeline.py), where a remote student meets them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINI_SCHEDULE, Run

RunFn = Callable[..., Run]


@pytest.mark.parametrize(
    ("campus", "student"),
    [("America/Denver", "Europe/London"), ("Europe/London", "America/Denver")],
    ids=["student-in-london", "campus-in-london"],
)
def test_without_a_start_date_a_zone_at_utc_for_part_of_the_year_reads_in_campus_time(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, campus: str, student: str
) -> None:
    """London is at UTC+0 all winter: an offset of zero is an offset like any other."""
    monkeypatch.setenv(
        "MOD4_SCHEDULE",
        str(schedule_file(MINI_SCHEDULE.replace("{start_line}", "").replace("America/Denver", campus))),
    )
    monkeypatch.setenv("MOD4_NOW", "2026-10-21T09:00")
    result = run("week", "1", "--tz", student, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["notes"] == [
        f"No start date, so times in {student} are not known (they depend on daylight saving); times are in "
        "campus time. For times in your zone: mod4 init --start YYYY-MM-DD"
    ]
