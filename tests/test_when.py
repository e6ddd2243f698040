"""Parsing WHEN, --duration and MOD4_NOW, including times near DST changes."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mod4cli.model.errors import UsageError
from mod4cli.model.timeline import Timeline, localize
from mod4cli.plan.when import parse_duration, parse_now, parse_start, parse_when

DENVER = ZoneInfo("America/Denver")
NEW_YORK = ZoneInfo("America/New_York")
# A cohort whose week 2 holds the November 2026 change (Sunday 1 Nov) and whose week 6 holds none.
FALL = Timeline(anchor=date(2026, 10, 26), dated=True, campus=DENVER, weeks=6)
UNDATED = Timeline(anchor=date(2026, 11, 23), dated=False, campus=DENVER, weeks=6)


def test_week_form_is_the_campus_wall_time_of_that_weekday() -> None:
    when = parse_when("week 3 thu 14:00", FALL, DENVER)
    assert when.start == datetime(2026, 11, 12, 14, 0, tzinfo=DENVER).astimezone(UTC)
    assert when.start.utcoffset() == timedelta(0)


def test_week_form_in_the_students_zone() -> None:
    when = parse_when("week 3 thu 14:00", FALL, NEW_YORK)
    assert when.start == datetime(2026, 11, 12, 12, 0, tzinfo=DENVER)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-12 14:00",
        "2026-11-12T14:00",
        "2026-11-12T14:00-07:00",
        "2026-11-12T21:00Z",
        "2026-11-12T16:00-05:00",
    ],
)
def test_every_absolute_form_means_the_same_instant(text: str) -> None:
    assert parse_when(text, FALL, DENVER).start == datetime(2026, 11, 12, 21, 0, tzinfo=UTC)


def test_week_form_works_without_a_start_date() -> None:
    when = parse_when("Week 3 THURSDAY 9:30", UNDATED, DENVER)
    local = when.start.astimezone(DENVER)
    assert (local.weekday(), local.time()) == (3, time(9, 30))


def test_a_calendar_date_needs_a_start_date() -> None:
    with pytest.raises(UsageError, match="no module start date") as caught:
        parse_when("2026-11-12 14:00", UNDATED, DENVER)
    assert caught.value.hint is not None and "mod4 init --start" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("week 9 thu 14:00", "week 9 is outside the module"),
        ("week 3 funday 14:00", "'funday' is not a day"),
        ("week 3 thu 24:00", "is not a time of day"),
        ("week three", "cannot read"),
        ("tomorrow", "cannot read"),
        ("2026-11-12", "has no time of day"),
    ],
)
def test_bad_when_is_a_usage_error(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_when(text, FALL, DENVER)


@pytest.mark.parametrize(
    ("text", "minutes"), [("45", 45), ("45m", 45), ("1h", 60), ("1h30m", 90), ("2H", 120), ("90min", 90)]
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "0", "abc", "1x", "13h", "-5", "1.5h", "h", "m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(UsageError):
        parse_duration(text)


@given(hours=st.integers(0, 12), minutes=st.integers(0, 59))
def test_duration_round_trip(hours: int, minutes: int) -> None:
    total = hours * 60 + minutes
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    if 0 < total <= 720:
        assert parse_duration(text) == timedelta(minutes=total)
        assert parse_duration(str(total)) == timedelta(minutes=total)
    else:
        with pytest.raises(UsageError):
            parse_duration(text or "0")


@given(week=st.integers(1, 6), day=st.integers(0, 6), hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_week_form_lands_on_that_wall_time(week: int, day: int, hour: int, minute: int) -> None:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    when = parse_when(f"week {week} {names[day]} {hour:02d}:{minute:02d}", FALL, DENVER)
    local = when.start.astimezone(DENVER)
    assert local.date() == FALL.anchor + timedelta(weeks=week - 1, days=day)
    if when.note is None:
        assert local.time() == time(hour, minute)


@given(st.text(max_size=40))
def test_any_text_either_parses_or_is_a_usage_error(text: str) -> None:
    with suppress(UsageError):
        parse_when(text, FALL, DENVER)
    with suppress(UsageError):
        parse_duration(text)


def test_skipped_spring_hour_follows_rfc_5545_and_says_so() -> None:
    moment, note = localize(date(2027, 3, 14), time(2, 30), DENVER)
    assert moment.astimezone(UTC) == datetime(2027, 3, 14, 9, 30, tzinfo=UTC)  # 02:30 MST = 03:30 MDT
    assert note is not None and "does not exist" in note and "03:30 MDT" in note


def test_repeated_fall_hour_means_the_first_and_says_so() -> None:
    moment, note = localize(date(2026, 11, 1), time(1, 30), DENVER)
    assert moment.astimezone(UTC) == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # 01:30 MDT
    assert note is not None and "happens twice" in note


def test_sessions_keep_their_wall_time_across_the_dst_change() -> None:
    before = FALL.at(1, 2, time(13))  # Wed 28 Oct, MDT
    after = FALL.at(2, 2, time(13))  # Wed 4 Nov, MST
    assert before.astimezone(DENVER).time() == after.astimezone(DENVER).time() == time(13)
    # Subtract in UTC: with one shared tzinfo Python subtracts wall clocks (PEP 495).
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=7, hours=1)


def test_mod4_now() -> None:
    assert parse_now("2027-01-20", DENVER) == datetime(2027, 1, 20, 7, 0, tzinfo=UTC)
    assert parse_now("2027-01-20T10:00", DENVER) == datetime(2027, 1, 20, 17, 0, tzinfo=UTC)
    assert parse_now("2027-01-20T10:00Z", DENVER) == datetime(2027, 1, 20, 10, 0, tzinfo=UTC)
    with pytest.raises(UsageError, match="MOD4_NOW"):
        parse_now("soon", DENVER)


def test_start_must_be_a_monday() -> None:
    assert parse_start("2027-01-04") == date(2027, 1, 4)
    with pytest.raises(UsageError) as caught:
        parse_start("2027-01-06")
    assert "Wednesday" in caught.value.message
    assert caught.value.hint == "Did you mean 2027-01-04?"
