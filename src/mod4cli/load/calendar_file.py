"""Reading the student's own calendar (.ics from Google Calendar, Outlook or Apple Calendar).

Parsing is icalendar's, recurrence expansion (RRULE, RDATE, EXDATE, RECURRENCE-ID) is
recurring-ical-events', and Google's non-standard X-WR-TIMEZONE is repaired by x-wr-timezone.
They are imported here only, so commands that never read a calendar never pay for them.

Rules of reading:
- a time with a TZID (IANA, Windows or a custom VTIMEZONE) or in UTC is that instant;
- a floating time (no zone) is in the calendar's X-WR-TIMEZONE when it declares one (that is
  what Google means by it), else in the student's zone;
- an all-day event covers its dates, midnight to midnight in the student's zone;
- TRANSP:TRANSPARENT, Outlook's BUSYSTATUS FREE and STATUS:CANCELLED are not busy.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mod4cli.load.fs import FileRefused, read_limited
from mod4cli.model.calendar import CalendarEvent
from mod4cli.model.errors import CalendarError
from mod4cli.model.timeline import localize

MAX_BYTES = 20 * 1024 * 1024  # far above a year of a busy calendar; refuses what would eat the machine
MAX_DEPTH = 8  # VCALENDAR > VEVENT > VALARM is 3; real files never nest deeper than 4


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a missing, unreadable, oversized or not regular file."""
    try:
        return read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        raise CalendarError(f"{path}: no such calendar file") from None
    except FileRefused as refused:
        raise CalendarError(
            f"{path}: {refused.reason}", hint="Export your calendar to a file, then check that file."
        ) from None
    except OSError as exc:
        raise CalendarError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _check_nesting(text: str, path: Path | str) -> None:
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        upper = line[:6].upper()
        if upper == "BEGIN:":
            depth += 1
            if depth > MAX_DEPTH:
                raise CalendarError(f"{path}:{number}: components nested more than {MAX_DEPTH} deep")
        elif upper.startswith("END:"):
            depth -= 1


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.rstrip("\r") == needle or (needle and line.startswith(needle)):
            return number
    return None


def read_events(path: Path, zone: ZoneInfo, first: datetime, last: datetime) -> list[CalendarEvent]:
    """Every occurrence of every event of a calendar file in [first, last), recurrences expanded."""
    return read_calendar(read_bytes(path), path, zone, first, last)


def read_calendar(
    raw: bytes, path: Path | str, zone: ZoneInfo, first: datetime, last: datetime
) -> list[CalendarEvent]:
    """Every occurrence in [first, last) of a calendar's events, given its bytes (`path` names it)."""
    from mod4cli.load.calendar_window import within_window

    text = raw.decode("utf-8", errors="replace")
    _check_nesting(text, path)
    import icalendar

    try:
        # Only what can reach the window is parsed: seconds saved on a calendar of years.
        calendars = icalendar.Calendar.from_ical(
            within_window(text, first.date(), last.date()), multiple=True
        )
    except ValueError as exc:
        quoted = re.search(r"'([^']*)'", str(exc))
        line = _line_of(text, quoted[1]) if quoted else None
        where = f"{path}:{line}" if line else str(path)
        raise CalendarError(f"{where}: not a valid calendar file: {exc}") from None
    except Exception as exc:  # icalendar trips over some damage with other types (tests/test_fuzz.py)
        raise CalendarError(f"{path}: not a valid calendar file: {type(exc).__name__}: {exc}") from None
    if not calendars:
        raise CalendarError(f"{path}: no VCALENDAR in this file")
    try:
        return _events_of(calendars, path, text, zone, first, last)
    except CalendarError:
        raise
    except Exception as exc:  # icalendar, x-wr-timezone and recurring-ical-events raise many
        # unrelated types on malformed input (found by tests/test_fuzz.py); all mean a bad file.
        raise CalendarError(f"{path}: cannot read this calendar: {type(exc).__name__}: {exc}") from None


def _events_of(
    calendars: list[Any], path: Path | str, text: str, zone: ZoneInfo, first: datetime, last: datetime
) -> list[CalendarEvent]:
    import recurring_ical_events
    import x_wr_timezone

    events: list[CalendarEvent] = []
    window = (first.date() - timedelta(days=1), last.date() + timedelta(days=1))
    for calendar in calendars:
        _check_events(calendar, path, text)
        standard = x_wr_timezone.to_standard(calendar)
        for component in recurring_ical_events.of(standard).between(*window):
            event = _event(component, zone)
            if _within(event, first, last):
                events.append(event)
    events.sort(key=lambda e: (e.start, e.end))
    return events


def _within(event: CalendarEvent, first: datetime, last: datetime) -> bool:
    if event.start == event.end:  # an instant: inside or not
        return first <= event.start < last
    return event.start < last and first < event.end


def _check_events(calendar: Any, path: Path | str, text: str) -> None:
    """Report what icalendar parsed around: broken properties, no DTSTART, an end before the start."""
    begins = [
        n for n, line in enumerate(text.splitlines(), start=1) if line.strip().upper() == "BEGIN:VEVENT"
    ]
    for index, component in enumerate(calendar.walk("VEVENT")):
        line = begins[index] if index < len(begins) else None
        where = f"{path}:{line}" if line else str(path)
        name = _summary(component)
        for prop, message in getattr(component, "errors", []):
            named = prop or _property_in(str(message)) or "a property"
            raise CalendarError(f"{where}: event {name!r}: cannot read {named}: {message}")
        start = component.get("DTSTART")
        if start is None:
            raise CalendarError(f"{where}: event {name!r} has no DTSTART")
        end = component.get("DTEND")
        if end is not None and _comparable(end.dt) < _comparable(start.dt):
            raise CalendarError(
                f"{where}: event {name!r} ends ({end.to_ical().decode()}) before it starts "
                f"({start.to_ical().decode()}); fix DTEND in the calendar"
            )


def _property_in(message: str) -> str | None:
    """The property a parse error quotes (`'DTSTART;;VALUE=...'` names DTSTART)."""
    match = re.search(r"'([A-Za-z-]+)[;:]", message)
    return match[1].upper() if match else None


def _comparable(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(), tzinfo=UTC)


def _summary(component: Any) -> str:
    return str(component.get("SUMMARY", "")) or "(no title)"


def _event(component: Any, zone: ZoneInfo) -> CalendarEvent:
    start_value = component["DTSTART"].dt
    end_prop = component.get("DTEND")
    end_value = end_prop.dt if end_prop is not None else start_value
    all_day = not isinstance(start_value, datetime)
    transparent = str(component.get("TRANSP", "")).upper() == "TRANSPARENT"
    free = str(component.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"
    cancelled = str(component.get("STATUS", "")).upper() == "CANCELLED"
    uid = component.get("UID")
    return CalendarEvent(
        summary=_summary(component),
        start=_instant(start_value, zone),
        end=_instant(end_value, zone),
        all_day=all_day,
        busy=not (transparent or free or cancelled),
        uid=str(uid) if uid is not None else None,
    )


def _instant(value: date | datetime, zone: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):
        return localize(value, time(), zone)[0].astimezone(UTC)
    if value.tzinfo is None:  # floating: the student's wall clock
        return localize(value.date(), value.time(), zone)[0].astimezone(UTC)
    return value.astimezone(UTC)
