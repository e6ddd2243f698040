"""Parsing what people type for times: WHEN, --duration, --tz and MOD4_NOW."""

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mod4cli.model.errors import UsageError
from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR, Timeline, localize, within_years

WHEN_FORMS = "'YYYY-MM-DD HH:MM', ISO 8601 such as 2027-01-21T14:00-07:00, or 'week N DAY HH:MM'"
_DAY_WORDS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_WEEK_FORM = r"week\s*(\d{1,2})\s+([a-z]+)\s+(\d{1,2}):(\d{2})"
# Digits are bounded so no number read is huge, yet loose enough that 999h or 100000m is read and
# then told the limit, not called unreadable.
_DURATION = r"(?:(\d{1,6})\s*h)?\s*(?:(\d{1,6})\s*m(?:in)?)?"
_MINUTES = r"\d{1,6}"
_FLAGS = re.IGNORECASE | re.ASCII  # ASCII: \d must not match other scripts' digits, which int() rejects


def _fullmatch(pattern: str, text: str) -> re.Match[str] | None:
    # re caches compiled patterns; compiling on first use keeps them off every start-up.
    return re.fullmatch(pattern, text, _FLAGS)


MAX_DURATION = timedelta(hours=12)


class When(NamedTuple):
    """A parsed appointment start: the instant (UTC), the zone it was meant in, and any note."""

    start: datetime
    zone: ZoneInfo
    note: str | None = None


def zone_named(name: str, what: str = "--tz") -> ZoneInfo:
    """An IANA zone by name, or a UsageError that says what was expected."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"{what}: unknown time zone {name!r}",
            hint="Use an IANA name such as America/Denver or Europe/Berlin.",
        ) from None


def parse_when(text: str, timeline: Timeline, zone: ZoneInfo) -> When:
    """Parse WHEN; a time without an offset is in `zone`."""
    raw = text.strip()
    match = _fullmatch(_WEEK_FORM, raw)
    if match:
        return _parse_week_form(match, timeline, zone, text)
    if raw.lower().startswith("week"):
        raise UsageError(f"WHEN: cannot read {text!r}", hint="Write it as 'week 3 thu 14:00'.")
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"WHEN: cannot read {text!r}", hint=f"Use {WHEN_FORMS}.") from None
    if len(raw) <= 10:  # a date alone: fromisoformat accepted it as midnight
        raise UsageError(f"WHEN: {text!r} has no time of day", hint="Add one, as in '2027-01-21 14:00'.")
    check_years(parsed, f"WHEN: {text!r}")
    if not timeline.dated:
        # Even with an offset: where the instant falls in the module depends on the start date.
        raise UsageError(
            f"WHEN: {text!r} is a calendar date, but no module start date is known",
            hint="Set yours with `mod4 init --start YYYY-MM-DD`, or write the time as 'week 3 thu 14:00'.",
        )
    if parsed.tzinfo is not None:
        moment, note = parsed, None
    else:
        moment, note = localize(parsed.date(), parsed.time(), zone)
    if parsed.second or parsed.microsecond or moment.astimezone(UTC).second:
        # Shown to the minute, 12:30:45 would read as 12:30 and then collide with 13:00.
        raise UsageError(
            f"WHEN: {text!r} has seconds; mod4 works to the minute",
            hint=f"Write it to the minute, as in '{parsed:%Y-%m-%d %H:%M}'.",
        )
    return When(moment.astimezone(UTC), zone, note)


def _parse_week_form(match: re.Match[str], timeline: Timeline, zone: ZoneInfo, text: str) -> When:
    week, day_word, hour, minute = int(match[1]), match[2].lower(), int(match[3]), int(match[4])
    if not 1 <= week <= timeline.weeks:
        raise UsageError(f"WHEN: week {week} is outside the module (weeks 1-{timeline.weeks})")
    if day_word not in _DAY_WORDS:
        raise UsageError(f"WHEN: {day_word!r} is not a day", hint="Use mon, tue, wed, thu, fri, sat or sun.")
    if hour > 23 or minute > 59:
        raise UsageError(f"WHEN: {hour}:{minute:02d} is not a time of day", hint="Use 24-hour HH:MM.")
    day = timeline.date_of(week, _DAY_WORDS[day_word])
    moment, note = localize(day, time(hour, minute), zone)
    return When(moment.astimezone(UTC), zone, note)


def check_years(moment: date, what: str) -> None:
    """A UsageError when a date (or date-time) falls outside the years mod4 accepts."""
    if not within_years(moment):
        raise UsageError(
            f"{what} is outside the years mod4 handles ({FIRST_YEAR}-{LAST_YEAR})",
            hint="Check the year.",
        )


def parse_duration(text: str) -> timedelta:
    """Parse --duration: 45, 45m, 1h, 1h30m (minutes when no unit is given)."""
    raw = text.strip()
    if _fullmatch(_MINUTES, raw):
        minutes = int(raw)
    else:
        match = _fullmatch(_DURATION, raw)
        if not raw or not match or not (match[1] or match[2]):
            raise UsageError(
                f"--duration: cannot read {text!r}",
                hint="Use minutes or hours: 45, 45m, 1h, 1h30m.",
            )
        minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    duration = timedelta(minutes=minutes)
    if not timedelta(0) < duration <= MAX_DURATION:
        raise UsageError(f"--duration: {text!r} must be more than 0 and at most 12 hours")
    return duration


def parse_now(text: str, campus: ZoneInfo) -> datetime:
    """Parse MOD4_NOW: an ISO date or date-time; naive means campus time. Returns UTC."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"MOD4_NOW: cannot read {text!r}",
            hint="Use an ISO 8601 date or date-time, such as 2027-01-20T10:00.",
        ) from None
    check_years(parsed, f"MOD4_NOW: {text!r}")
    if parsed.tzinfo is None:
        parsed = localize(parsed.date(), parsed.time(), campus)[0]
    return parsed.astimezone(UTC)


def parse_start(text: str) -> date:
    """Parse `init --start`: an ISO date that is a Monday."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--start: cannot read {text!r}", hint="Use YYYY-MM-DD, the Monday of week 1."
        ) from None
    check_years(day, f"--start: {text!r}")
    if day.weekday() != 0:
        monday = day - timedelta(days=day.weekday())
        raise UsageError(
            f"--start: {day} is a {day:%A}; week 1 starts on a Monday",
            hint=f"Did you mean {monday}?",
        )
    return day
