"""Cutting a calendar file down to what can reach the module's weeks, before the full parse.

A student's export holds years of events, and only the few in or near the module's weeks, and
the recurring ones, can collide with a session; parsing every event costs seconds. So a cheap
first pass over the text keeps every VTIMEZONE and everything outside events, every VEVENT
that recurs (RRULE, RDATE, EXRULE, EXDATE) or overrides a recurrence (RECURRENCE-ID), and every
other VEVENT whose dates lie in or near the window; icalendar then parses only those. Dropped
events become blank lines, so every line keeps its number for messages. A block the pass cannot
judge (no readable date, a DURATION) is kept: the pass may keep too much, never too little.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Any zone is at most 14 hours from UTC, and an all-day or floating event is placed in the
# student's zone: two days either side of the window cover every reading of a date.
MARGIN = timedelta(days=2)
# One pass over the text finds the lines that matter: where events begin and end, whether they
# recur, and their dates (a date value ends its line: `DTSTART;TZID=...:20270104T100000`).
_LINES = re.compile(
    r"^(BEGIN:VEVENT|END:VEVENT|RRULE|RDATE|EXRULE|EXDATE|RECURRENCE-ID|DURATION|DTSTART|DTEND)"
    r"(?:[;:][^\r\n]*?(?:(\d{4})(\d{2})(\d{2})(?:T\d{4,6}Z?)?)?[ \t]*)?\r?$",
    re.M,
)


def within_window(text: str, first: date, last: date) -> tuple[str, int]:
    """The calendar's text with the events that cannot reach [first, last] blanked out, and how
    many were (each had readable dates: it counts as a readable event of the file)."""
    low, high = first - MARGIN, last + MARGIN
    pieces: list[str] = []
    done = 0  # the text before this offset is in `pieces`
    begin: int | None = None  # where the open event begins
    keep = False
    starts: list[date] = []
    ends: list[date] = []
    dropped = 0
    for line in _LINES.finditer(text):
        name = line[1]
        if name == "BEGIN:VEVENT":
            begin, keep, starts, ends = line.start(), False, [], []
        elif begin is None:
            continue  # a date of a VTIMEZONE, or an END without a BEGIN: not an event's
        elif name == "END:VEVENT":
            if not starts or (min(starts) <= high and max(ends or starts) >= low):
                keep = True  # no start to judge by (the reader says what is wrong), or it may reach
            if not keep:
                pieces.append(text[done:begin])
                pieces.append("\n" * text.count("\n", begin, line.end()))
                done = line.end()
                dropped += 1
            begin = None
        elif name in ("DTSTART", "DTEND"):
            try:
                value = date(int(line[2]), int(line[3]), int(line[4]))
            except (TypeError, ValueError):
                keep = True  # a date the pass cannot read (folded, odd): the reader decides
                continue
            (starts if name == "DTSTART" else ends).append(value)
        else:
            keep = True  # it recurs, overrides a recurrence, or lasts a DURATION
    pieces.append(text[done:])
    return "".join(pieces), dropped
