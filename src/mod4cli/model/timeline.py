"""Where module weeks fall in real time: dates, campus wall-clock times and DST.

Sessions are campus wall-clock times. Each occurrence is placed on its own date in the campus
zone (never by adding 24 hours in UTC), so a week that crosses a DST change keeps its sessions
at the times people expect. A wall time in a DST gap or fold follows RFC 5545: a time in the
gap is read with the offset before the change (02:30 becomes 03:30 daylight time), and a
repeated time means its first occurrence.
"""

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.schedule import DAY_NAMES, DuePoint, Schedule, Session


def localize(day: date, clock: time, zone: tzinfo) -> tuple[datetime, str | None]:
    """The instant of a wall-clock time in a zone, and a note when that time is in a gap or fold."""
    moment = datetime.combine(day, clock, tzinfo=zone)  # fold=0: RFC 5545's reading of both
    back = moment.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return moment, (
            f"{clock:%H:%M} on {day} does not exist in {zone} (clocks spring forward); "
            f"read as {back:%H:%M %Z}, as RFC 5545 does"
        )
    if moment.utcoffset() != moment.replace(fold=1).utcoffset():
        return moment, (
            f"{clock:%H:%M} on {day} happens twice in {zone} (clocks fall back); "
            f"read as the first, {moment:%H:%M %Z}, as RFC 5545 does"
        )
    return moment, None


def iso(moment: datetime | None, zone: tzinfo) -> str | None:
    """ISO 8601 in `zone`, with its UTC offset; None stays None (a date not known)."""
    return None if moment is None else moment.astimezone(zone).isoformat()


FIRST_YEAR, LAST_YEAR = 2000, 2100  # every date mod4 accepts falls in these years (see within_years)


def within_years(day: date) -> bool:
    """Whether a date is one mod4 accepts: any real cohort is, and no date arithmetic near it
    (52 weeks of module, a year of seasons, two weeks of free slots) can leave Python's years."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def offset_varies(zone: tzinfo, campus: tzinfo, around: date) -> bool:
    """Whether `zone` is ahead of or behind campus time by different amounts in the year from
    `around` (DST in one of them, or changes on different dates), so that a wall time in
    `zone` has more than one campus time when the module's dates are not known."""
    # One instant a day sees every offset that lasts a day or more; changes happen at night.
    noon = datetime.combine(around, time(19), tzinfo=UTC)
    gaps = set()
    for day in range(371):
        moment = noon + timedelta(days=day)
        mine, theirs = moment.astimezone(zone).utcoffset(), moment.astimezone(campus).utcoffset()
        gaps.add((mine or timedelta(0)) - (theirs or timedelta(0)))
    return len(gaps) > 1


def monday_of(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


class Occurrence(NamedTuple):
    """A session placed in time, in UTC so that comparisons never trip over a DST fold.

    (PEP 495: two aware times sharing one tzinfo compare by wall clock, fold ignored.)
    `required` already reflects the student's profile.
    """

    session: Session
    start: datetime
    end: datetime
    required: bool

    def to_json(self, campus: ZoneInfo, dated: bool) -> dict[str, Any]:
        """The occurrence as JSON; date-times are null when the start date is unknown."""
        s = self.session
        data: dict[str, Any] = {
            "id": s.id,
            "title": s.title,
            "kind": s.kind,
            "week": s.week,
            "day": DAY_NAMES[s.day],
            "start_time": f"{s.start:%H:%M}",
            "end_time": f"{s.end:%H:%M}",
            "start": iso(self.start, campus) if dated else None,
            "end": iso(self.end, campus) if dated else None,
            "required": self.required,
            "link": s.link,
            "notes": s.notes,
            "defaults": list(s.defaults),
            "cohort_default": s.cohort_default,
            "source": s.source,
        }
        if s.topics or s.topic:
            data["topic"] = s.topic
            data["topics"] = list(s.topics)
        if s.checklist:
            data["checklist"] = list(s.checklist)
        return data


class Slot(NamedTuple):
    """A span of time, in UTC: a proposed appointment, a free slot."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        """How long the slot lasts."""
        return self.end - self.start

    def overlaps(self, start: datetime, end: datetime) -> bool:
        """Whether [start, end) shares any time with this slot (touching does not count)."""
        return self.start < end and start < self.end


class Timeline(NamedTuple):
    """The module's weeks laid on real dates.

    Without a known start date the weeks are laid from a nominal Monday (the current week) so
    that times can still be compared; `dated` is then false and no date is shown to the user.
    """

    anchor: date
    dated: bool
    campus: ZoneInfo
    weeks: int

    @classmethod
    def for_schedule(cls, schedule: Schedule, start: date | None, now: datetime) -> "Timeline":
        """The timeline of a schedule, from the profile's start, else the file's, else nominal."""
        chosen = start or schedule.module.start
        campus = schedule.module.zone
        anchor = chosen or monday_of(now.astimezone(campus).date())
        return cls(anchor=anchor, dated=chosen is not None, campus=campus, weeks=schedule.module.weeks)

    def date_of(self, week: int, day: int) -> date:
        """The date of a weekday (0 = Monday) in a module week."""
        return self.anchor + timedelta(weeks=week - 1, days=day)

    def at(self, week: int, day: int, clock: time) -> datetime:
        """A campus wall-clock time in a module week, as an aware date-time."""
        return localize(self.date_of(week, day), clock, self.campus)[0]

    def due(self, point: DuePoint) -> datetime:
        """The instant of a deadline, in UTC."""
        return self.at(point.week, point.day, point.time).astimezone(UTC)

    def week_of(self, moment: datetime, zone: tzinfo | None = None) -> int:
        """The module week holding `moment`: below 1 before the module, above `weeks` after it.

        The week is found from the calendar date in `zone` (campus time by default): module
        weeks are dates, so for a remote student the week of their Monday 02:00 is the week of
        that Monday, even when it is still Sunday on campus.
        """
        days = (moment.astimezone(zone or self.campus).date() - self.anchor).days
        return days // 7 + 1

    def first_day(self) -> datetime:
        """Midnight, campus time, of the module's first Monday."""
        return datetime.combine(self.anchor, time(), tzinfo=self.campus)

    def days_to_start(self, now: datetime, zone: ZoneInfo) -> int:
        """Calendar days in `zone` from today to the module's first Monday (0 or less once begun)."""
        return (self.anchor - now.astimezone(zone).date()).days

    def end(self) -> datetime:
        """Midnight, campus time, after the module's last day."""
        return datetime.combine(self.anchor + timedelta(weeks=self.weeks), time(), tzinfo=self.campus)


def occurrences(
    schedule: Schedule, timeline: Timeline, *, repeating: bool = False, week: int | None = None
) -> list[Occurrence]:
    """Every session (or one week's) placed in time, in order; workshops optional for repeaters."""
    optional_kinds = set(schedule.repeating.optional_kinds) if repeating else set()
    sessions = schedule.sessions if week is None else schedule.sessions_in(week)
    return [
        Occurrence(
            session=s,
            start=timeline.at(s.week, s.day, s.start).astimezone(UTC),
            end=timeline.at(s.week, s.day, s.end).astimezone(UTC),
            required=s.required and s.kind not in optional_kinds,
        )
        for s in sessions
    ]
