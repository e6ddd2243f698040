"""How things read: day labels, time ranges, zone names with campus time beside them, counts,
lateness and kinds of session. Every renderer words these the same way through here; the
wording of times and counts itself is model/wording.py's, shared with plan's messages."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mod4cli.model.schedule import DAY_NAMES
from mod4cli.model.timeline import Slot
from mod4cli.model.wording import (
    campus_aside,
    count,
    date_label,
    day_label,
    moment_aside,
    span_text,
    time_range,
    undated_span,
    zone_abbrev,
)

if TYPE_CHECKING:
    from mod4cli.model.calendar import CalendarEvent
    from mod4cli.model.schedule import Item
    from mod4cli.model.timeline import Timeline

__all__ = [
    "KIND_LABELS",
    "campus_aside",
    "count",
    "date_label",
    "day_label",
    "due_point",
    "event_when",
    "late_text",
    "moment_aside",
    "slot_text",
    "span_text",
    "time_range",
    "undated_span",
    "zone_abbrev",
]

KIND_LABELS = {"office-hours": "office hours", "work-time": "work time"}


def late_text(late: timedelta) -> str:
    """`3 days late`, `5 hours late`, `a few minutes late`."""
    if late.days >= 1:
        return f"{count(late.days, 'day')} late"
    hours = late.seconds // 3600
    if hours >= 1:
        return f"{count(hours, 'hour')} late"
    return "a few minutes late"


def due_point(item: Item) -> str:
    """`end of week 5 (Fri 17:00)`: a deadline in module terms, when no dates are known."""
    due = item.due
    return f"end of week {due.week} ({DAY_NAMES[due.day].capitalize()} {due.time:%H:%M})"


def slot_text(slot: Slot, zone: ZoneInfo, timeline: Timeline) -> str:
    """`Wed 20 Jan 13:15–13:45 MST`, with campus time beside it for another zone."""
    dated = timeline.dated
    text = span_text(slot.start, slot.end, zone, dated, campus=timeline.campus)
    aside = campus_aside(slot.start, slot.end, zone, timeline.campus, dated)
    return f"{text} {aside}" if aside else text


def event_when(event: CalendarEvent, zone: ZoneInfo, timeline: Timeline) -> str:
    """When an event of the student's calendar is: `Wed 4 Nov 15:00–16:00 MST`, or for an
    all-day event its day or days, `Wed 4 Nov, all day` (never midnight to midnight)."""
    if not event.all_day:
        return slot_text(Slot(event.start, event.end), zone, timeline)
    last = event.end.astimezone(zone) - timedelta(days=1)
    first = day_label(event.start, zone, True)
    if last.date() <= event.start.astimezone(zone).date():
        return f"{first}, all day"
    return f"{first} – {day_label(last, zone, True)}, all day"
