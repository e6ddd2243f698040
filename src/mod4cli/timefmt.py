"""How times read: day labels, time ranges, zone names and campus time beside them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from mod4cli.conflicts import Slot
    from mod4cli.timeline import Calendar


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


def slot_text(slot: Slot, zone: ZoneInfo, cal: Calendar) -> str:
    """`Wed 20 Jan 13:15–13:45 MST`, with campus time beside it for another zone."""
    label = day_label(slot.start, zone, cal.dated)
    # Without real dates the DST abbreviation would be a guess: name the zone instead.
    name = (
        zone_abbrev(slot.start, zone)
        if cal.dated
        else ("campus time" if zone.key == cal.campus.key else zone.key)
    )
    text = f"{label} {time_range(slot.start, slot.end, zone)} {name}"
    aside = campus_aside(slot.start, slot.end, zone, cal.campus)
    return f"{text} {aside}" if aside else text


def booking_when(start: datetime, minutes: int, zone: ZoneInfo, dated: bool) -> str:
    """`Tue 26 Jan 14:00–14:30 MST`: when a coaching meeting is."""
    end = start + timedelta(minutes=minutes)
    return f"{day_label(start, zone, dated)} {time_range(start, end, zone)} {zone_abbrev(start, zone)}"
