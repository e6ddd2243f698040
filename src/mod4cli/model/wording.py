"""How times, spans and counts read, the one wording of them all.

It lives below plan and show because both need it: show/words.py builds pages with it, and the
messages and refusals that plan/ builds (a cancelled booking, an undo, "you already have
coaching in week 3: ...") must read the same as `coach list` does.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mod4cli.model.schedule import DAY_NAMES, Specialist


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 item`, `3 items` (`plural` for nouns that do not take an s)."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def ago(gone: timedelta) -> str:
    """How long ago something was: `3 days ago`, `5 hours ago`, `12 minutes ago`, `just now`
    (also for a moment after now, as MOD4_NOW in the past can make a refresh)."""
    if gone.days >= 1:
        return f"{count(gone.days, 'day')} ago"
    if gone.days < 0 or gone.seconds < 120:
        return "just now"
    if gone.seconds >= 3600:
        return f"{count(gone.seconds // 3600, 'hour')} ago"
    return f"{gone.seconds // 60} minutes ago"


def date_label(day: date, *, year: bool = False) -> str:
    """`Wed 20 Jan` (`Wed 20 Jan 2027` with `year`): a date as every page words it."""
    return f"{day:%a} {day.day} {day:%b}" + (f" {day.year}" if year else "")


def day_label(moment: datetime, zone: ZoneInfo, dated: bool) -> str:
    """`Wed 20 Jan`, or just `Wed` when the dates are nominal."""
    local = moment.astimezone(zone)
    return date_label(local.date()) if dated else f"{local:%a}"


def zone_abbrev(moment: datetime, zone: ZoneInfo) -> str:
    """The zone's short name at that moment (MST, MDT, EST...)."""
    return moment.astimezone(zone).strftime("%Z")


def moment_text(moment: datetime, zone: ZoneInfo) -> str:
    """`Wed 20 Jan 10:00 MST`: one instant, as the student reads it."""
    return f"{day_label(moment, zone, True)} {moment.astimezone(zone):%H:%M} {zone_abbrev(moment, zone)}"


def time_range(
    start: datetime, end: datetime, zone: ZoneInfo, *, dated: bool = True, name: str | None = None
) -> str:
    """`13:00–14:00` in a zone, then ` name` when given.

    A range that ends on another day carries the end's day (`23:30–Thu 02:30`); one whose UTC
    offset changes in between (the autumn night) names each end's offset (`01:30 MDT–01:00 MST`),
    which only real dates can tell (`dated`).
    """
    first, last = start.astimezone(zone), end.astimezone(zone)
    end_text = f"{last:%a %H:%M}" if last.date() != first.date() else f"{last:%H:%M}"
    if dated and first.utcoffset() != last.utcoffset():
        return f"{first:%H:%M %Z}–{end_text} {last:%Z}"
    return f"{first:%H:%M}–{end_text}" + (f" {name}" if name else "")


def span_text(
    start: datetime, end: datetime, zone: ZoneInfo, dated: bool, *, campus: ZoneInfo | None = None
) -> str:
    """`Tue 26 Jan 14:00–14:30 MST`: a meeting, session or slot, with its day and zone.

    Without real dates a DST abbreviation would be a guess, so the zone is named instead:
    `campus time` when it is `campus`, else its IANA name (`Tue 14:00–14:30 Europe/Berlin`).
    """
    if dated:
        name = zone_abbrev(start, zone)
    else:
        name = "campus time" if campus is not None and zone.key == campus.key else zone.key
    return f"{day_label(start, zone, dated)} {time_range(start, end, zone, dated=dated, name=name)}"


def campus_aside(start: datetime, end: datetime, zone: ZoneInfo, campus: ZoneInfo, dated: bool = True) -> str:
    """`(13:00–14:00 MST)` when the student's zone is not the campus zone, else empty.

    When the campus day is not the student's day it is named: `(Wed 13:00–14:00 MDT)` beside
    `Thu 00:30–01:30 IST`.
    """
    if zone.key == campus.key:
        return ""
    day = (
        f"{start.astimezone(campus):%a} "
        if start.astimezone(campus).date() != start.astimezone(zone).date()
        else ""
    )
    # Without real dates the DST abbreviation would be a guess: say "campus time" instead.
    name = zone_abbrev(start, campus) if dated else "campus time"
    return f"({day}{time_range(start, end, campus, dated=dated, name=name)})"


def moment_aside(moment: datetime, zone: ZoneInfo, campus: ZoneInfo) -> str:
    """`(Fri 17:00 MST)` beside a deadline shown in another zone (its campus day named when it
    differs), else empty."""
    if zone.key == campus.key:
        return ""
    there = moment.astimezone(campus)
    day = f"{there:%a} " if there.date() != moment.astimezone(zone).date() else ""
    return f"({day}{there:%H:%M} {zone_abbrev(moment, campus)})"


def undated_span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`Wed 13:15–13:45`: a span on its weekday, for a cohort whose dates are not known."""
    return f"{day_label(start, zone, False)} {time_range(start, end, zone, dated=False)}"


def specialist_hours(specialist: Specialist) -> str:
    """`Mon-Fri 09:00-17:00`, `Tue, Thu 10:00-12:00`: when a specialist can be met (campus time)."""
    days = specialist.days
    if not days:
        return "no days"
    names = [DAY_NAMES[d].capitalize() for d in days]
    # A range only for days that follow each other: Tuesdays and Thursdays are not "Tue-Thu".
    consecutive = len(days) > 1 and days == tuple(range(days[0], days[-1] + 1))
    listed = f"{names[0]}-{names[-1]}" if consecutive else ", ".join(names)
    return f"{listed} {specialist.start:%H:%M}-{specialist.end:%H:%M}"
