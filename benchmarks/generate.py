"""Generators of large inputs for the benchmarks: a campus schedule and a busy calendar."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

DAYS = ("mon", "tue", "wed", "thu", "fri")


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


def write_calendar(path: Path, events: int, first: str, seed: int = 4) -> None:
    """A calendar of `events` VEVENTs around `first`: one in ten a weekly series, zones mixed."""
    rng = random.Random(seed)
    origin = datetime.combine(date.fromisoformat(first), datetime.min.time()) - timedelta(days=120)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mod4 benchmarks//EN"]
    for n in range(events):
        start = origin + timedelta(
            days=rng.randrange(240), hours=rng.randrange(7, 19), minutes=rng.choice((0, 15, 30, 45))
        )
        end = start + timedelta(minutes=rng.choice((15, 30, 45, 60, 90)))
        if n % 3 == 0:
            stamp = f"DTSTART:{start:%Y%m%dT%H%M%S}Z", f"DTEND:{end:%Y%m%dT%H%M%S}Z"
        else:
            zone = "America/New_York" if n % 3 == 1 else "America/Denver"
            stamp = f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID={zone}:{end:%Y%m%dT%H%M%S}"
        out += [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@mod4",
            "DTSTAMP:20260101T000000Z",
            f"SUMMARY:Event {n}",
            *stamp,
        ]
        if n % 10 == 0:
            out.append("RRULE:FREQ=WEEKLY;COUNT=12")
        out.append("END:VEVENT")
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")
