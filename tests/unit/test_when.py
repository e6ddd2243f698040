"""plan/when.py on hand-built values, beyond tests/test_when.py: the zone and note a time
carries, the edges of each form, and the full message and hint of each refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.errors import UsageError
from mod4cli.plan.when import WHEN_FORMS, When, parse_duration, parse_now, parse_start, parse_when, zone_named
from tests.helpers import DENVER, FALL, SPRING

NEW_YORK = ZoneInfo("America/New_York")


def refused(call: Callable[..., object], *args: object) -> tuple[str, str | None]:
    """The message and hint a call is refused with."""
    with pytest.raises(UsageError) as caught:
        call(*args)
    return caught.value.message, caught.value.hint


# --- what a parsed time carries --------------------------------------------------------------


@pytest.mark.parametrize("text", ["week 3 thu 14:00", "2026-11-05 14:00", "2026-11-05T14:00+01:00"])
def test_a_parsed_time_is_an_instant_in_utc(text: str) -> None:
    assert parse_when(text, FALL, NEW_YORK).start.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["2026-11-05", "2026-11-05T14:00", "2026-11-05T14:00+01:00"])
def test_now_is_an_instant_in_utc(text: str) -> None:
    assert parse_now(text, DENVER).utcoffset() == timedelta(0)


def test_an_iso_basic_date_and_hour_is_a_time_of_day() -> None:
    # Eleven characters, one more than a date alone: 14:00 on 5 November.
    assert parse_when("20261105T14", FALL, DENVER).start == datetime(2026, 11, 5, 21, 0, tzinfo=UTC)


def test_a_calendar_date_without_a_start_date_is_refused_with_both_ways_out() -> None:
    undated = FALL._replace(dated=False)
    assert refused(parse_when, "2026-11-05 14:00", undated, DENVER) == (
        "WHEN: '2026-11-05 14:00' is a calendar date, but no module start date is known",
        "Set yours with `mod4 init --start YYYY-MM-DD`, or write the time as 'week 3 thu 14:00'.",
    )


def test_a_time_remembers_the_zone_it_was_meant_in() -> None:
    assert parse_when("week 3 thu 14:00", FALL, NEW_YORK) == When(
        start=datetime(2026, 11, 5, 19, 0, tzinfo=UTC), zone=NEW_YORK, note=None
    )
    assert parse_when("2026-11-05 14:00", FALL, NEW_YORK).zone == NEW_YORK


def test_a_wall_time_the_spring_change_skips_says_how_it_was_read() -> None:
    # Sunday 14 March 2027, 02:30 in Denver does not exist: read as 03:30 MDT (09:30 UTC).
    for text in ("week 2 sun 02:30", "2027-03-14 02:30"):
        when = parse_when(text, SPRING, DENVER)
        assert (when.start, when.zone) == (datetime(2027, 3, 14, 9, 30, tzinfo=UTC), DENVER)
        assert when.note == (
            "02:30 on 2027-03-14 does not exist in America/Denver (clocks spring forward); "
            "read as 03:30 MDT, as RFC 5545 does"
        )


def test_a_wall_time_the_autumn_change_repeats_is_the_first_and_says_so() -> None:
    when = parse_when("week 2 sun 01:30", FALL, DENVER)  # Sunday 1 November 2026
    assert when.start == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)  # 01:30 MDT
    assert when.note is not None and when.note.startswith("01:30 on 2026-11-01 happens twice")


def test_a_time_with_its_offset_needs_no_note() -> None:
    when = parse_when("2027-03-14T02:30-07:00", SPRING, DENVER)
    assert (when.start, when.note) == (datetime(2027, 3, 14, 9, 30, tzinfo=UTC), None)


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("week 1 mon 00:00", datetime(2026, 10, 19, 0, 0)),
        ("week 6 sun 23:59", datetime(2026, 11, 29, 23, 59)),
    ],
)
def test_the_first_and_last_minutes_of_the_module_can_be_named(text: str, local: datetime) -> None:
    assert parse_when(text, FALL, DENVER).start == local.replace(tzinfo=DENVER).astimezone(UTC)


# --- refusals, with their hints --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("week 0 mon 10:00", "WHEN: week 0 is outside the module (weeks 1-6)", None),
        ("week 7 mon 10:00", "WHEN: week 7 is outside the module (weeks 1-6)", None),
        ("week 3 thu 23:60", "WHEN: 23:60 is not a time of day", "Use 24-hour HH:MM."),
        ("week 3 thu 24:00", "WHEN: 24:00 is not a time of day", "Use 24-hour HH:MM."),
        ("week 3 noday 10:00", "WHEN: 'noday' is not a day", "Use mon, tue, wed, thu, fri, sat or sun."),
        ("Week three", "WHEN: cannot read 'Week three'", "Write it as 'week 3 thu 14:00'."),
        ("next thursday", "WHEN: cannot read 'next thursday'", f"Use {WHEN_FORMS}."),
        ("2026-11-05", "WHEN: '2026-11-05' has no time of day", "Add one, as in '2027-01-21 14:00'."),
        (
            "2026-11-05 14:00:30",
            "WHEN: '2026-11-05 14:00:30' has seconds; mod4 works to the minute",
            "Write it to the minute, as in '2026-11-05 14:00'.",
        ),
        (
            "2026-11-05T14:00:00.5",
            "WHEN: '2026-11-05T14:00:00.5' has seconds; mod4 works to the minute",
            "Write it to the minute, as in '2026-11-05 14:00'.",
        ),
        (
            "2026-11-05T14:00+00:00:30",  # an offset with seconds moves the minute too
            "WHEN: '2026-11-05T14:00+00:00:30' has seconds; mod4 works to the minute",
            "Write it to the minute, as in '2026-11-05 14:00'.",
        ),
        (
            "1999-12-31 23:00",
            "WHEN: '1999-12-31 23:00' is outside the years mod4 handles (2000-2100)",
            "Check the year.",
        ),
        (
            "2101-01-03 10:00",
            "WHEN: '2101-01-03 10:00' is outside the years mod4 handles (2000-2100)",
            "Check the year.",
        ),
    ],
)
def test_a_when_that_cannot_be_used_is_refused_saying_why(text: str, message: str, hint: str | None) -> None:
    assert refused(parse_when, text, FALL, DENVER) == (message, hint)


def test_the_first_and_last_years_mod4_handles_are_accepted() -> None:
    assert parse_when("2000-01-01 00:00", FALL, DENVER).start == datetime(2000, 1, 1, 7, 0, tzinfo=UTC)
    assert parse_when("2100-12-31 10:00", FALL, DENVER).start == datetime(2100, 12, 31, 17, 0, tzinfo=UTC)


# --- durations, now, start and zones ---------------------------------------------------------


def test_twelve_hours_is_the_longest_duration() -> None:
    assert parse_duration("12h") == parse_duration("720") == timedelta(hours=12)
    assert refused(parse_duration, "721") == (
        "--duration: '721' must be more than 0 and at most 12 hours",
        None,
    )
    assert refused(parse_duration, "0m") == (
        "--duration: '0m' must be more than 0 and at most 12 hours",
        None,
    )


@pytest.mark.parametrize("text", ["999h", "24h", "100000m", "13h", "1h661m"])
def test_a_duration_too_long_is_told_the_limit_not_called_unreadable(text: str) -> None:
    assert refused(parse_duration, text) == (
        f"--duration: {text!r} must be more than 0 and at most 12 hours",
        None,
    )


def test_an_unreadable_duration_says_what_is_read() -> None:
    assert refused(parse_duration, "soon") == (
        "--duration: cannot read 'soon'",
        "Use minutes or hours: 45, 45m, 1h, 1h30m.",
    )


def test_now_with_an_offset_keeps_its_instant() -> None:
    assert parse_now("2027-01-20T10:00-05:00", DENVER) == datetime(2027, 1, 20, 15, 0, tzinfo=UTC)
    assert parse_now("2027-03-14T02:30", DENVER) == datetime(2027, 3, 14, 9, 30, tzinfo=UTC)  # the gap


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "soon",
            "MOD4_NOW: cannot read 'soon'",
            "Use an ISO 8601 date or date-time, such as 2027-01-20T10:00.",
        ),
        (
            "2101-01-01",
            "MOD4_NOW: '2101-01-01' is outside the years mod4 handles (2000-2100)",
            "Check the year.",
        ),
    ],
)
def test_an_unusable_now_is_refused_saying_why(text: str, message: str, hint: str) -> None:
    assert refused(parse_now, text, DENVER) == (message, hint)


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("4 January", "--start: cannot read '4 January'", "Use YYYY-MM-DD, the Monday of week 1."),
        (
            "1999-01-04",
            "--start: '1999-01-04' is outside the years mod4 handles (2000-2100)",
            "Check the year.",
        ),
        (
            "2027-01-10",
            "--start: 2027-01-10 is a Sunday; week 1 starts on a Monday",
            "Did you mean 2027-01-04?",
        ),
    ],
)
def test_an_unusable_start_is_refused_saying_why(text: str, message: str, hint: str) -> None:
    assert refused(parse_start, text) == (message, hint)


def test_a_start_is_read_whatever_spaces_surround_it() -> None:
    assert parse_start(" 2027-01-04 ") == date(2027, 1, 4)


def test_an_unknown_zone_is_named_with_the_option_it_came_from() -> None:
    assert zone_named("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    hint = "Use an IANA name such as America/Denver or Europe/Berlin."
    assert refused(zone_named, "Mars/Olympus") == ("--tz: unknown time zone 'Mars/Olympus'", hint)
    assert refused(zone_named, "../etc", "profile.timezone") == (
        "profile.timezone: unknown time zone '../etc'",
        hint,
    )
