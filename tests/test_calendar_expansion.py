"""What mod4 reads of a calendar, checked against an expansion written here from the rules.

mod4 expands recurrences with recurring-ical-events. This test expands the same files on its
own, with icalendar for parsing and dateutil.rrule for the rules, following the reading rules
of the README ("Your whole calendar at once") and nothing of mod4's code, and asks for exactly
the same occurrences: same summaries, same instants, same all-day and busy flags.

The rules, as written here:
- a date-time with a TZID icalendar knows, or in UTC, is that instant; a floating one, or one
  whose TZID nothing defines, is wall-clock time in the calendar's X-WR-TIMEZONE if it has one,
  else in the student's zone; in an X-WR-TIMEZONE calendar a UTC time is that zone's wall clock;
- a date-only UNTIL of a timed series lets that date's occurrence through;
- an EXDATE removes the occurrence at the same instant (the same date, for all-day series);
- a RECURRENCE-ID replaces the occurrence at its instant (its date, for all-day series); one
  that replaces nothing, or has no series, is an event of its own;
- an event is all-day when its start (and its end, if any) are dates; it covers its dates from
  midnight to midnight in the student's zone;
- cancelled, transparent and Outlook-free occurrences are there but not busy.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pytest

from mod4cli.load.calendar_file import read_calendar

DATA = Path(__file__).parent / "data" / "ics"


class Seen(NamedTuple):
    summary: str
    start: datetime
    end: datetime
    all_day: bool
    busy: bool


def _values(component: Any, name: str) -> list[Any]:
    found = component.get(name)
    props = found if isinstance(found, list) else [found] if found is not None else []
    return [value.dt for prop in props for value in getattr(prop, "dts", [prop])]


class Expansion:
    """One calendar file expanded by the rules in the module docstring."""

    def __init__(self, raw: bytes, zone: ZoneInfo, first: datetime, last: datetime) -> None:
        import icalendar

        self.calendar: Any = icalendar.Calendar.from_ical(raw)
        declared = self.calendar.get("X-WR-TIMEZONE")
        self.own_zone = ZoneInfo(str(declared)) if declared else None
        self.floating: tzinfo = self.own_zone or zone
        self.zone, self.first, self.last = zone, first, last

    def placed(self, value: date | datetime) -> date | datetime:
        """A value of the file as an instant (or a date)."""
        if not isinstance(value, datetime):
            return value
        if value.tzinfo is None:
            return value.replace(tzinfo=self.floating)
        if self.own_zone is not None and value.utcoffset() == timedelta(0) and str(value.tzinfo) == "UTC":
            return value.astimezone(self.own_zone)
        return value

    def instant(self, value: date | datetime) -> datetime:
        if isinstance(value, datetime):
            return value.astimezone(UTC)
        return datetime.combine(value, time(), self.zone).astimezone(UTC)

    def occurrences(self) -> set[Seen]:
        """Every occurrence overlapping [first, last) (an instant: inside it)."""
        events = list(self.calendar.walk("VEVENT"))
        found: set[Seen] = set()
        used: set[int] = set()
        for event in events:
            if "RECURRENCE-ID" not in event:
                uid = str(event.get("UID"))
                mine = [o for o in events if "RECURRENCE-ID" in o and str(o.get("UID")) == uid]
                found |= self.series(event, mine, used)
        for event in events:
            if "RECURRENCE-ID" in event and id(event) not in used:  # replaces nothing: its own event
                start = self.placed(event["DTSTART"].dt)
                found.add(self.seen(event, start, self.length(event, start)))
        return {s for s in found if self.inside(s)}

    def key(self, value: date | datetime, all_day: bool) -> date | datetime:
        """What identifies an occurrence: its instant, or its date in an all-day series."""
        placed = self.placed(value)
        if all_day:
            return placed.date() if isinstance(placed, datetime) else placed
        return self.instant(placed)

    def series(self, event: Any, overrides: list[Any], used: set[int]) -> set[Seen]:
        start = self.placed(event["DTSTART"].dt)
        all_day = not isinstance(start, datetime)
        length = self.length(event, start)
        starts = self.rule_starts(event, start) | {self.placed(v) for v in _values(event, "RDATE")}
        excluded = {self.key(v, all_day) for v in _values(event, "EXDATE")}
        replacing = {self.key(o["RECURRENCE-ID"].dt, all_day): o for o in overrides}
        seen = set()
        for one in starts:
            one_start, one_length = one, length
            if isinstance(one, tuple):  # a period: (start, end) or (start, duration)
                one_start = one[0]
                one_length = (
                    one[1] if isinstance(one[1], timedelta) else self.instant(one[1]) - self.instant(one[0])
                )
            at = self.key(one_start, all_day)
            if at in excluded:
                continue
            if at in replacing:
                replacement = replacing[at]
                used.add(id(replacement))
                new_start = self.placed(replacement["DTSTART"].dt)
                seen.add(self.seen(replacement, new_start, self.length(replacement, new_start)))
            else:
                seen.add(self.seen(event, one_start, one_length))
        return seen

    def rule_starts(self, event: Any, start: date | datetime) -> set[Any]:
        from dateutil.rrule import rrulestr

        if "RRULE" not in event:
            return {start}
        text = event["RRULE"].to_ical().decode()
        until_found = re.search(r"UNTIL=([0-9TZ]+)", text)
        text = re.sub(r";?UNTIL=[0-9TZ]+", "", text).lstrip(";")
        timed = isinstance(start, datetime)
        dtstart = start if timed else datetime.combine(start, time())
        until = None
        if until_found:
            raw = until_found[1]
            if len(raw) == 8:  # a date: its whole day counts
                day = datetime.strptime(raw, "%Y%m%d")
                until = (day + timedelta(days=1, seconds=-1)).replace(tzinfo=dtstart.tzinfo)
            else:
                until = datetime.strptime(raw.rstrip("Z"), "%Y%m%dT%H%M%S")
                until = (
                    until.replace(tzinfo=UTC) if raw.endswith("Z") else until.replace(tzinfo=dtstart.tzinfo)
                )
                if not timed:
                    until = until.replace(tzinfo=None)
        horizon = self.last + timedelta(days=400)
        limit = horizon if timed else horizon.replace(tzinfo=None)
        result = set()
        for moment in rrulestr(text, dtstart=dtstart):
            if moment > limit or (until is not None and moment > until):
                break
            result.add(moment if timed else moment.date())
        return result

    def length(self, event: Any, start: date | datetime) -> timedelta:
        if "DTEND" in event:
            end = self.placed(event["DTEND"].dt)
            return self.instant(end) - self.instant(start)
        if "DURATION" in event:
            duration: timedelta = event["DURATION"].dt
            return duration
        return timedelta(0) if isinstance(start, datetime) else timedelta(days=1)

    def seen(self, event: Any, start: date | datetime, length: timedelta) -> Seen:
        at = self.instant(start)
        busy = not (
            str(event.get("STATUS", "")).upper() == "CANCELLED"
            or str(event.get("TRANSP", "")).upper() == "TRANSPARENT"
            or str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE"
        )
        end = event.get("DTEND")
        all_day = not isinstance(start, datetime) and (end is None or not isinstance(end.dt, datetime))
        return Seen(str(event.get("SUMMARY", "")), at, at + length, all_day, busy)

    def inside(self, seen: Seen) -> bool:
        if seen.start == seen.end:
            return self.first <= seen.start < self.last
        return seen.start < self.last and self.first < seen.end


def mod4_reads(raw: bytes, zone: ZoneInfo, first: datetime, last: datetime) -> set[Seen]:
    read = read_calendar(raw, "calendar.ics", zone, first, last)
    return {Seen(e.summary, e.start, e.end, e.all_day, e.busy) for e in read.events}


DENVER = ZoneInfo("America/Denver")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
LONDON = ZoneInfo("Europe/London")
AUTUMN_2026 = (datetime(2026, 10, 12, tzinfo=UTC), datetime(2026, 12, 7, tzinfo=UTC))

# (file, student's zone, window): recurrences, exceptions, Windows zones and floating times.
CASES = [
    ("peers/floating_series_unknown_tzid_utc_exdate.ics", BERLIN, AUTUMN_2026),
    ("peers/floating_series_unknown_tzid_utc_exdate.ics", DENVER, AUTUMN_2026),
    ("peers/floating_daily_series_utc_exceptions.ics", BERLIN, AUTUMN_2026),
    ("peers/floating_daily_series_utc_exceptions.ics", KOLKATA, AUTUMN_2026),
    ("peers/floating_daily_series_utc_exceptions.ics", DENVER, AUTUMN_2026),
    ("peers/floating_daily_series_utc_exceptions.ics", LONDON, AUTUMN_2026),
    ("peers/date_only_until_timed_weekly_series.ics", DENVER, AUTUMN_2026),
    ("peers/datetime_until_all_day_series.ics", DENVER, (datetime(2026, 9, 1, tzinfo=UTC), AUTUMN_2026[1])),
    ("peers/utc_exdates_across_dst_new_york.ics", DENVER, AUTUMN_2026),
    ("peers/rdate_tzid_without_value_biweekly.ics", KOLKATA, AUTUMN_2026),
    ("peers/recurrence_id_moves_one_and_cancels_one.ics", DENVER, AUTUMN_2026),
    ("peers/recurrence_id_with_unknown_tzid.ics", BERLIN, AUTUMN_2026),
    ("peers/override_before_its_series.ics", DENVER, AUTUMN_2026),
    ("peers/overrides_without_their_series_floating.ics", KOLKATA, AUTUMN_2026),
    ("peers/exdate_and_rdate_with_edited_instance.ics", DENVER, AUTUMN_2026),
    ("peers/rdate_on_until_instant_with_exdate.ics", DENVER, AUTUMN_2026),
    ("peers/windows_tzid_new_zealand.ics", DENVER, AUTUMN_2026),
    ("peers/windows_tzid_several_exdates_on_one_line.ics", DENVER, AUTUMN_2026),
    ("peers/outlook_gmt_offset_tzid_biweekly_utc_until.ics", DENVER, AUTUMN_2026),
    ("peers/all_day_start_floating_end_and_duration.ics", KOLKATA, AUTUMN_2026),
    ("peers/x_wr_timezone_utc_series_across_dst.ics", DENVER, AUTUMN_2026),
    ("peers/rdate_period_with_tzid.ics", DENVER, AUTUMN_2026),
    ("google_school_weekly_exdate_across_dst_chicago.ics", DENVER,
     (datetime(2020, 11, 16, tzinfo=UTC), datetime(2021, 3, 29, tzinfo=UTC))),
    ("google_yearly_rrule_exdate_recurrence-id.ics", DENVER,
     (datetime(2013, 1, 1, tzinfo=UTC), datetime(2017, 1, 1, tzinfo=UTC))),
    ("exchange2010_allday_biweekly_recurrence-id_gmt_standard_time.ics", DENVER,
     (datetime(2020, 3, 1, tzinfo=UTC), datetime(2020, 6, 1, tzinfo=UTC))),
    ("outlook2003_desktop_legacy_display_name_tzid.ics", DENVER,
     (datetime(2009, 3, 23, tzinfo=UTC), datetime(2009, 4, 20, tzinfo=UTC))),
    ("apple_ical_multiday_allday_weekly_until_date.ics", DENVER,
     (datetime(2006, 8, 28, tzinfo=UTC), datetime(2006, 10, 9, tzinfo=UTC))),
    ("floating_times_with_x-wr-timezone.ics", KOLKATA,
     (datetime(2021, 9, 1, tzinfo=UTC), datetime(2021, 10, 1, tzinfo=UTC))),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "zone", "window"),
    CASES,
    ids=[f"{name.removeprefix('peers/')}-{zone.key}" for name, zone, _ in CASES],
)
def test_mod4_reads_the_occurrences_an_independent_expansion_finds(
    name: str, zone: ZoneInfo, window: tuple[datetime, datetime]
) -> None:
    raw = (DATA / name).read_bytes()
    expected = Expansion(raw, zone, *window).occurrences()
    assert expected, "a case must have occurrences in its window"
    assert sorted(mod4_reads(raw, zone, *window)) == sorted(expected)


def test_the_sample_covers_enough_calendars() -> None:
    assert len({name for name, _, _ in CASES}) >= 15
