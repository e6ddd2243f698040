"""The cheap first pass over a calendar keeps everything that can reach the module's weeks: reading
with it gives exactly what reading every event gives, on calendars of years."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mod4cli.load import calendar_file
from mod4cli.load.calendar_window import within_window

DENVER = ZoneInfo("America/Denver")
FIRST = datetime(2027, 1, 4, 7, tzinfo=UTC)  # the module's first Monday, midnight in Denver
LAST = FIRST + timedelta(weeks=6)

# One event: its start (days from the module's start, hours), length, and how it is written.
events = st.tuples(
    st.integers(-900, 400),  # days from the first Monday: years before, weeks after
    st.integers(0, 23),
    st.sampled_from([30, 90, 60 * 24 * 3]),  # minutes: also a three-day event
    st.sampled_from(["utc", "tzid", "floating", "date", "weekly", "weekly-until", "override", "duration"]),
)


def _calendar(specs: list[tuple[int, int, int, str]]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mod4 tests//EN"]
    for n, (days, hour, minutes, form) in enumerate(specs):
        start = datetime(2027, 1, 4, hour) + timedelta(days=days)
        end = start + timedelta(minutes=minutes)
        lines += ["BEGIN:VEVENT", f"UID:e{n}@t", f"SUMMARY:Event {n}"]
        if form == "utc":
            lines += [f"DTSTART:{start:%Y%m%dT%H%M%S}Z", f"DTEND:{end:%Y%m%dT%H%M%S}Z"]
        elif form == "floating":
            lines += [f"DTSTART:{start:%Y%m%dT%H%M%S}", f"DTEND:{end:%Y%m%dT%H%M%S}"]
        elif form == "date":
            lines += [
                f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
                f"DTEND;VALUE=DATE:{end + timedelta(days=1):%Y%m%d}",
            ]
        elif form == "duration":
            lines += [f"DTSTART:{start:%Y%m%dT%H%M%S}Z", f"DURATION:PT{minutes}M"]
        else:
            lines += [f"DTSTART;TZID=America/Denver:{start:%Y%m%dT%H%M%S}"]
            lines += [f"DTEND;TZID=America/Denver:{end:%Y%m%dT%H%M%S}"]
            if form == "weekly":
                lines.append("RRULE:FREQ=WEEKLY;COUNT=60")
            elif form == "weekly-until":
                lines.append(f"RRULE:FREQ=WEEKLY;UNTIL={start + timedelta(weeks=30):%Y%m%dT%H%M%S}Z")
            elif form == "override":
                lines.append(f"RECURRENCE-ID;TZID=America/Denver:{start - timedelta(days=7):%Y%m%dT%H%M%S}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def _read(raw: bytes) -> list[tuple[datetime, datetime, str]]:
    read = calendar_file.read_calendar(raw, "test.ics", DENVER, FIRST, LAST)
    return sorted((e.start, e.end, e.summary) for e in read.events)


@settings(max_examples=60, deadline=None)
@given(specs=st.lists(events, min_size=1, max_size=25))
def test_reading_with_the_first_pass_gives_what_reading_everything_gives(
    specs: list[tuple[int, int, int, str]],
) -> None:
    raw = _calendar(specs)
    with_pass = _read(raw)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(calendar_file, "within_window", lambda text, first, last: (text, 0))
        everything = _read(raw)
    assert with_pass == everything


def test_far_events_are_blanked_line_for_line_and_counted() -> None:
    raw = _calendar([(-800, 10, 30, "utc"), (3, 10, 30, "utc"), (-700, 9, 30, "weekly")]).decode()
    kept, dropped = within_window(raw, date(2027, 1, 4), date(2027, 2, 15))
    assert dropped == 1  # the one-off event two years before; the series may recur into the module
    assert kept.count("\n") == raw.count("\n")  # every line keeps its number for messages
    assert "Event 0" not in kept and "Event 1" in kept and "Event 2" in kept


def test_an_event_the_pass_cannot_judge_is_kept() -> None:
    far_but_odd = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nSUMMARY:Folded start\r\nDTSTART;TZID=America/Denver:2015010\r\n 1T100000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    kept, dropped = within_window(far_but_odd, date(2027, 1, 4), date(2027, 2, 15))
    assert (kept, dropped) == (far_but_odd, 0)


def test_loose_events_far_from_the_module_are_a_calendar_with_nothing_to_check() -> None:
    # Some tools write events without their VCALENDAR; the pass blanks these (1996), and what is
    # left is still a calendar, not "no BEGIN:VCALENDAR" (found by the peer sweep, libical's 8.ics).
    loose = b"BEGIN:VEVENT\nDTSTART:19960701T200000Z\nDTEND:19960701T210000Z\nEND:VEVENT\n"
    assert calendar_file.read_calendar(loose, "loose.ics", DENVER, FIRST, LAST).events == ()
