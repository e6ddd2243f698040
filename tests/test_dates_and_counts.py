"""Calendar-day counts, ranges that change offset or cross midnight, seconds and far dates
(issue 9, items 3-6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import Run

Mod4 = Callable[..., Run]
DENVER = ZoneInfo("America/Denver")
KOLKATA = ZoneInfo("Asia/Kolkata")


# --- 3. calendar days ------------------------------------------------------------------------


def test_the_day_before_the_module_is_one_day_before(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-19")
    for now in ("2026-10-18", "2026-10-18T12:00", "2026-10-18T23:59"):
        status = mod4_exe("status", env={"MOD4_NOW": now})
        assert "week 1 starts Mon 19 Oct (in 1 day)" in status.stdout, (now, status.stdout)
        assert mod4_exe("status", "--json", env={"MOD4_NOW": now}).json()["days_left"] == 43


def test_days_left_do_not_change_with_a_dst_week(mod4_exe: Mod4) -> None:
    # The same point (Saturday of week 2, midnight) of a cohort whose weeks hold the November
    # change and of one whose weeks hold none.
    mod4_exe("init", "--start", "2026-10-19")
    across_dst = mod4_exe("status", "--json", env={"MOD4_NOW": "2026-10-31T00:00"}).json()["days_left"]
    mod4_exe("init", "--start", "2027-01-18")
    no_dst = mod4_exe("status", "--json", env={"MOD4_NOW": "2027-01-30T00:00"}).json()["days_left"]
    assert across_dst == no_dst == 30


def test_days_are_counted_on_the_students_calendar(mod4_exe: Mod4) -> None:
    # Sunday 20:00 on campus is Monday 07:30 in Kolkata: week 1 has begun there.
    mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata")
    data = mod4_exe("status", "--json", env={"MOD4_NOW": "2026-10-18T20:00"}).json()
    assert (data["phase"], data["week"], data["days_left"]) == ("during", 1, 42)
    assert "Week 1 of 6 · 42 days left" in mod4_exe("status", env={"MOD4_NOW": "2026-10-18T20:00"}).stdout


_PLURAL_ONE = re.compile(r"\b1 (day|item|hour|week|minute|event|problem|warning|session|slot|booking)s\b")


def test_no_count_reads_one_days(run: Mod4) -> None:
    run("init", "--start", "2026-10-19")
    start = datetime(2026, 10, 17, 12, 0)
    for step in range(0, 24 * 48, 11):  # every 11 hours across the module and after it
        now = (start + timedelta(hours=step)).isoformat()
        for command in (("status",), ("week",), ("todo",)):
            out = run(*command, env={"MOD4_NOW": now}).stdout
            assert not _PLURAL_ONE.search(out), (now, command, _PLURAL_ONE.search(out))


def test_counts_read_singular_and_plural() -> None:
    from mod4cli.model.wording import count

    assert [count(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]


# --- 4. ranges -------------------------------------------------------------------------------


def test_a_range_that_changes_offset_names_both(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    result = mod4_exe("check-conflict", "2026-11-01 01:30", env={"MOD4_NOW": "2026-10-20"})
    assert "Proposed: Sun 1 Nov 01:30 MDT–01:00 MST (week 1)" in result.stdout


def test_a_range_that_ends_on_another_day_shows_that_day(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata")
    result = mod4_exe(
        "check-conflict", "week 1 wed 23:30", "--duration", "3h", env={"MOD4_NOW": "2026-10-01"}
    )
    assert "Proposed: Wed 21 Oct 23:30–Thu 02:30 IST (12:00–15:00 MDT) (week 1)" in result.stdout


def test_time_range_wording() -> None:
    from mod4cli.model.wording import time_range

    fold_start = datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # 01:30 MDT
    assert time_range(fold_start, fold_start + timedelta(minutes=30), DENVER) == "01:30 MDT–01:00 MST"
    late = datetime(2026, 10, 21, 18, 0, tzinfo=UTC)  # Wed 23:30 IST
    assert time_range(late, late + timedelta(hours=3), KOLKATA, name="IST") == "23:30–Thu 02:30 IST"
    noon = datetime(2026, 10, 21, 19, 0, tzinfo=UTC)
    assert time_range(noon, noon + timedelta(hours=1), DENVER, name="MDT") == "13:00–14:00 MDT"
    # Without real dates an offset change is not known: wall clocks only.
    assert time_range(fold_start, fold_start + timedelta(minutes=30), DENVER, dated=False) == "01:30–01:00"


def test_coaching_messages_read_in_the_students_zone_like_coach_list(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2027-01-04", "--tz", "Asia/Kolkata")
    env = {"MOD4_NOW": "2027-01-20T09:00"}
    when = "Thu 21 Jan 22:30–23:00 IST"  # Thursday 10:00 on campus
    booked = mod4_exe("coach", "book", "Tracey", "week 3 thu 22:30", env=env)
    assert booked.exit_code == 0, booked.stderr
    assert f"Recorded #1: Tracey, {when}" in booked.stdout
    assert when in mod4_exe("coach", "list", env=env).stdout
    second = mod4_exe("coach", "book", "Ryan", "week 3 fri 22:30", env=env)
    assert f"you already have coaching in week 3: #1 with Tracey, {when}." in second.stderr
    assert f"Cancelled #1: Tracey, {when}." in mod4_exe("coach", "cancel", "1", env=env).stdout
    undo = mod4_exe("undo", env=env).stdout
    assert "Undid: coach cancel #1 (made Wed 20 Jan 21:30 IST)." in undo
    assert f"restored coaching #1 with Tracey, {when}" in undo
    assert f"removed coaching #1 with Tracey, {when}" in mod4_exe("undo", env=env).stdout


def test_a_session_that_crosses_midnight_in_the_students_zone_is_drawn_on_both_days(
    mod4_exe: Mod4,
) -> None:
    # PD work time, Thursday 13:00-16:00 on campus, is 23:00-02:00 in Moscow.
    mod4_exe("init", "--start", "2027-01-04", "--tz", "Europe/Moscow")
    env = {"MOD4_NOW": "2027-01-20T09:00", "COLUMNS": "120"}
    assert "23:00–Fri 02:00" in mod4_exe("week", "3", env=env).stdout
    grid = mod4_exe("week", "3", "--grid", env=env).stdout.splitlines()
    # A column is a campus day on the student's clock: Thursday's work time runs on past
    # midnight (rows marked +1) in Thursday's column, not cut off at midnight.
    header = next(line for line in grid if "Mon 18" in line)
    thu = header.index("Thu 21")
    starts = next(line for line in grid if line.startswith("23:00"))
    assert "PD work time" in starts[thu : thu + 16]
    midnight = next(line for line in grid if line.startswith("00:00+1"))
    assert "░" in midnight[thu : thu + 16]


# --- 5. seconds ------------------------------------------------------------------------------


def test_seconds_are_refused_never_rounded_into_a_collision(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    env = {"MOD4_NOW": "2026-10-20"}
    for when in ("2026-11-04T12:30:45", "2026-11-04 12:30:00.5", "2026-11-04T19:30:45Z"):
        result = mod4_exe("check-conflict", when, env=env)
        assert result.exit_code == 2, (when, result.stdout)
        assert "has seconds" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""
    whole = mod4_exe("check-conflict", "2026-11-04T12:30:00", env=env)
    assert whole.exit_code == 0 and "12:30–13:00 MST" in whole.stdout
    booked = mod4_exe("coach", "book", "Tracey", "2026-11-05T10:00:30", env=env)
    assert booked.exit_code == 2 and "has seconds" in booked.stderr


def test_now_may_have_seconds(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    result = mod4_exe("check-conflict", "week 3 wed 13:00", env={"MOD4_NOW": "2026-11-04T12:29:59.5"})
    assert result.exit_code == 1 and "Homeroom" in result.stdout


# --- 6. far dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "what"),
    [
        (("init", "--start", "9999-12-27"), {}, "--start: '9999-12-27'"),
        (("init", "--start", "1999-12-27"), {}, "--start: '1999-12-27'"),
        (("todo",), {"MOD4_NOW": "9999-12-31T23:59"}, "MOD4_NOW: '9999-12-31T23:59'"),
        (("week",), {"MOD4_NOW": "0001-01-01T00:00+05:00"}, "MOD4_NOW: '0001-01-01T00:00+05:00'"),
        (("check-conflict", "9999-12-31 23:59"), {}, "WHEN: '9999-12-31 23:59'"),
        (("check-conflict", "0001-01-01T00:30+01:00"), {}, "WHEN: '0001-01-01T00:30+01:00'"),
        (("coach", "book", "Tracey", "0001-01-01 10:00"), {}, "WHEN: '0001-01-01 10:00'"),
    ],
)
def test_far_dates_are_refused_with_a_clear_message(
    mod4_exe: Mod4, mod4_home: Path, args: tuple[str, ...], env: dict[str, str], what: str
) -> None:
    if args[0] != "init":
        mod4_exe("init", "--start", "2027-01-04")
    before = (mod4_home / "state.toml").read_bytes() if (mod4_home / "state.toml").exists() else None
    result = mod4_exe(*args, env=env)
    assert result.exit_code == 2, result.stdout
    assert f"{what} is outside the years mod4 handles (2000-2100)" in result.stderr
    assert "Traceback" not in result.stderr and "Overflow" not in result.stderr
    after = (mod4_home / "state.toml").read_bytes() if (mod4_home / "state.toml").exists() else None
    assert after == before


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("[profile]\nstart = 9999-12-27\n", "profile.start"),
        (
            "[[booking]]\nid = 1\nspecialist = 'Tracey'\nstart = 0001-01-01T10:00:00-07:00\nminutes = 30\n",
            "booking[1].start",
        ),
        (
            "[profile]\nstart = 2027-01-04\n[[booking]]\nid = 1\nspecialist = 'Tracey'\n"
            "start = 2027-01-21T10:00:00-07:00\nminutes = 99999999999\n",
            "booking[1].minutes",
        ),
    ],
)
def test_far_dates_in_the_state_file_are_refused_naming_the_file(
    mod4_exe: Mod4, mod4_home: Path, table: str, key: str
) -> None:
    mod4_home.mkdir(parents=True)
    state = mod4_home / "state.toml"
    state.write_text(f"schema = 1\n{table}", encoding="utf-8")
    before = state.read_bytes()
    for command in (("week", "3"), ("status",), ("coach", "list"), ("check-conflict", "week 3 wed 13:00")):
        result = mod4_exe(*command, env={"MOD4_NOW": "2027-01-20"})
        assert result.exit_code == 2, (command, result.stdout)
        assert f"{state}: {key}" in result.stderr
        assert "Traceback" not in result.stderr
    assert state.read_bytes() == before


def test_a_far_start_in_a_schedule_file_is_a_problem_of_that_file(
    mod4_exe: Mod4, schedule_file: Callable[..., Path]
) -> None:
    path = schedule_file(start="9999-12-27")
    checked = mod4_exe("schedule", "check", str(path))
    assert checked.exit_code == 2
    assert (
        "module.start: 9999-12-27 is outside the years mod4 handles (2000-2100)"
        in checked.stdout + checked.stderr
    )
    week = mod4_exe("week", "1", env={"MOD4_SCHEDULE": str(path)})
    assert week.exit_code == 2 and "Traceback" not in week.stderr


@settings(max_examples=60, deadline=None)
@given(
    monday=st.dates(date(2000, 1, 3), date(2100, 12, 27)).map(lambda d: d - timedelta(days=d.weekday())),
    weeks=st.integers(1, 52),
    offset_days=st.integers(-400, 400),
    zone=st.sampled_from(["America/Denver", "Pacific/Kiritimati", "Pacific/Pago_Pago"]),
)
def test_no_computation_overflows_at_the_edges_of_the_accepted_years(
    monday: date, weeks: int, offset_days: int, zone: str
) -> None:
    from mod4cli.load.paths import bundled_schedule
    from mod4cli.load.schedule_file import load_file
    from mod4cli.model.progress import State
    from mod4cli.model.timeline import Slot, Timeline, within_years
    from mod4cli.plan.agenda import week_agenda
    from mod4cli.plan.conflicts import check_slot
    from mod4cli.plan.sessions import WeekIndex
    from mod4cli.plan.status import module_status

    if not within_years(monday):
        return
    schedule = load_file(bundled_schedule())
    schedule = schedule._replace(module=schedule.module._replace(weeks=max(weeks, 6)))
    timeline = Timeline(anchor=monday, dated=True, campus=DENVER, weeks=schedule.module.weeks)
    student = ZoneInfo(zone)
    now = datetime.combine(monday + timedelta(days=offset_days), datetime.min.time(), tzinfo=UTC)
    module_status(schedule, State(), timeline, now, student)
    week_agenda(schedule, State(), timeline, 1, now, student)
    start = timeline.at(timeline.weeks, 2, datetime.min.time().replace(hour=13)).astimezone(UTC)
    report = check_slot(
        Slot(start, start + timedelta(minutes=30)),
        WeekIndex(schedule, timeline),
        timeline,
        (schedule.module.class_start, schedule.module.class_end),
        student,
        not_before=now,
    )
    assert report.conflicts or report.suggestions is not None
