"""How things read: day labels, time ranges, zone names with campus time beside them, counts,
lateness and kinds of session. Every renderer words these the same way through here."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mod4cli.model.schedule import DAY_NAMES

if TYPE_CHECKING:
    from mod4cli.model.schedule import Item
    from mod4cli.model.timeline import Slot, Timeline

KIND_LABELS = {"office-hours": "office hours", "work-time": "work time"}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 item`, `3 items` (`plural` for nouns that do not take an s)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


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


def day_label(moment: datetime, zone: ZoneInfo, dated: bool) -> str:
    """`Wed 20 Jan`, or just `Wed` when the dates are nominal."""
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b}" if dated else f"{local:%a}"


def zone_abbrev(moment: datetime, zone: ZoneInfo) -> str:
    """The zone's short name at that moment (MST, MDT, EST...)."""
    return moment.astimezone(zone).strftime("%Z")


def time_range(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`13:00–14:00` in a zone."""
    return f"{start.astimezone(zone):%H:%M}–{end.astimezone(zone):%H:%M}"


def campus_aside(start: datetime, end: datetime, zone: ZoneInfo, campus: ZoneInfo) -> str:
    """`(13:00–14:00 MST)` when the student's zone is not the campus zone, else empty."""
    if zone.key == campus.key:
        return ""
    return f"({time_range(start, end, campus)} {zone_abbrev(start, campus)})"


def slot_text(slot: Slot, zone: ZoneInfo, timeline: Timeline) -> str:
    """`Wed 20 Jan 13:15–13:45 MST`, with campus time beside it for another zone."""
    label = day_label(slot.start, zone, timeline.dated)
    # Without real dates the DST abbreviation would be a guess: name the zone instead.
    name = (
        zone_abbrev(slot.start, zone)
        if timeline.dated
        else ("campus time" if zone.key == timeline.campus.key else zone.key)
    )
    text = f"{label} {time_range(slot.start, slot.end, zone)} {name}"
    aside = campus_aside(slot.start, slot.end, zone, timeline.campus)
    return f"{text} {aside}" if aside else text


def booking_when(start: datetime, minutes: int, zone: ZoneInfo, dated: bool) -> str:
    """`Tue 26 Jan 14:00–14:30 MST`: when a coaching meeting is."""
    end = start + timedelta(minutes=minutes)
    return f"{day_label(start, zone, dated)} {time_range(start, end, zone)} {zone_abbrev(start, zone)}"
