"""The student's own calendar: its events, as read from an .ics file.

("Calendar" in mod4 always means the student's; the module's weeks on real dates are the
timeline, model/timeline.py.)
"""

from datetime import datetime
from typing import NamedTuple


class CalendarEvent(NamedTuple):
    """One occurrence of an event of the student's calendar, in UTC."""

    summary: str
    start: datetime
    end: datetime
    all_day: bool
    busy: bool
    uid: str | None = None
