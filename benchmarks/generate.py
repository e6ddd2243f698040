"""Generators of large inputs for the benchmarks: a campus schedule and years of a calendar."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

DAYS = ("mon", "tue", "wed", "thu", "fri")
NOTES = "Notes for the meeting about the project and what to bring"


def write_schedule(path: Path, sessions: int, start: str | None = None) -> None:
    """A campus schedule: 40 sessions a weekday (39 five-minute ones from 07:00, then PD work
    time 13:00-16:00), as many weeks as it takes (52 at most)."""
    per_week = 5 * 40
    weeks = -(-sessions // per_week)
    if weeks > 52:
        raise ValueError("at most 10,400 sessions fit 52 weeks of 40 a weekday")
    lines = [
        "schema = 1",
        "[module]",
        'title = "Campus"',
        f"weeks = {weeks}",
        'timezone = "America/Denver"',
        f"start = {start}" if start else "",
        "",
    ]
    for n in range(sessions):
        week, rest = divmod(n, per_week)
        day, slot = divmod(rest, 40)
        kind = "work-time" if slot == 39 else "workshop"
        begin, length = (13 * 60, 180) if slot == 39 else (7 * 60 + slot * 5, 5)
        lines += [
            "[[session]]",
            f'id = "s{n}"',
            f'title = "Session {n}"',
            f'kind = "{kind}"',
            f"week = {week + 1}",
            f'day = "{DAYS[day]}"',
            f'start = "{begin // 60:02d}:{begin % 60:02d}"',
            f'end = "{(begin + length) // 60:02d}:{(begin + length) % 60:02d}"',
            "",
        ]
    lines += [
        "[[deliverable]]",
        'id = "kit"',
        'title = "Kit"',
        'due = { week = 1, day = "fri", time = "17:00" }',
        "[[deliverable.item]]",
        'id = "cv"',
        'title = "CV"',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_history(path: Path, events: int, first: str, years: int = 8, seed: int = 42) -> None:
    """A calendar as Google exports years of a student's life: `events` events over `years`
    years before `first` (and a few weeks after), 1 in 28 a weekly series, 1 in 10 all-day,
    alarms, descriptions and locations, in the shape of a real 4,778-event export."""
    rng = random.Random(seed)
    end_day = date.fromisoformat(first) + timedelta(days=60)
    span = years * 365 + 60
    out = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:student@example.com",
        "X-WR-TIMEZONE:America/Denver",
        "BEGIN:VTIMEZONE",
        "TZID:America/Denver",
        "X-LIC-LOCATION:America/Denver",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:-0700",
        "TZOFFSETTO:-0600",
        "TZNAME:MDT",
        "DTSTART:19700308T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:-0600",
        "TZOFFSETTO:-0700",
        "TZNAME:MST",
        "DTSTART:19701101T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
    for n in range(events):
        day = end_day - timedelta(days=rng.randrange(span))
        start = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=rng.randrange(7, 20), minutes=rng.choice((0, 15, 30, 45))
        )
        end = start + timedelta(minutes=rng.choice((30, 45, 60, 90, 120)))
        stamp = f"{start - timedelta(days=rng.randrange(1, 60)):%Y%m%dT%H%M%S}Z"
        out += ["BEGIN:VEVENT"]
        if n % 10 == 3:
            out += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}"]
        else:
            out += [f"DTSTART;TZID=America/Denver:{start:%Y%m%dT%H%M%S}"]
            out += [f"DTEND;TZID=America/Denver:{end:%Y%m%dT%H%M%S}"]
        if n % 28 == 0:
            until = start + timedelta(weeks=rng.randrange(4, 80))
            out.append(
                f"RRULE:FREQ=WEEKLY;UNTIL={until:%Y%m%dT%H%M%S}Z;BYDAY={start:%a}"[:-3]
                + f"{start:%a}"[:2].upper()
            )
        out += [
            "DTSTAMP:20261120T154012Z",
            f"UID:{rng.getrandbits(64):016x}{n}@google.com",
            f"CREATED:{stamp}",
            f"DESCRIPTION:{NOTES if n % 3 == 0 else ''}",
            f"LAST-MODIFIED:{stamp}",
            f"LOCATION:{'Room 2' if n % 4 == 0 else ''}",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            f"SUMMARY:Event {n} with a title of a usual length",
            "TRANSP:OPAQUE",
        ]
        if n % 3 == 1:
            out += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:This is an event reminder",
                "TRIGGER:-P0DT0H10M0S",
                "END:VALARM",
            ]
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")
