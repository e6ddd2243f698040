"""Does a proposed appointment collide with a PD session? And if so, where else could it go?

The rule of the module: interviews and coffee chats go in PD work time, never during PD
sessions. A collision with a required session is a conflict; with an optional one (office
hours, or a workshop for a repeating student), a warning.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol
from zoneinfo import ZoneInfo

from mod4cli.agenda import session_json
from mod4cli.schedule import Schedule
from mod4cli.timeline import Calendar, Occurrence, iso, occurrences

if TYPE_CHECKING:  # a Protocol class costs start-up time; only the type checker needs it

    class Overlaps(Protocol):
        """Anything that answers which sessions share time with a span."""

        def overlapping(self, start: datetime, end: datetime) -> list[Occurrence]:
            """The occurrences sharing time with [start, end), in order."""


GRID = timedelta(minutes=15)
SUGGESTIONS = 3


class Slot(NamedTuple):
    """A span of time, in UTC."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        """How long the slot lasts."""
        return self.end - self.start


class Suggestion(NamedTuple):
    """A free slot offered instead of a colliding one."""

    slot: Slot
    in_work_time: bool


class SessionIndex:
    """Occurrences sorted by start, so each overlap query is two bisections, not a scan."""

    def __init__(self, items: Iterable[Occurrence]) -> None:
        self._items = sorted(items, key=lambda o: (o.start, o.end))
        self._starts = [o.start for o in self._items]
        self._longest = max((o.end - o.start for o in self._items), default=timedelta(0))

    def overlapping(self, start: datetime, end: datetime) -> list[Occurrence]:
        """The occurrences sharing time with [start, end), in order."""
        # Anything that overlaps starts before `end` and after `start - longest`.
        low = bisect_right(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [o for o in self._items[low:high] if o.end > start]


class WeekIndex:
    """The sessions of a schedule, placed in time one module week at a time, when first asked.

    A session lies within its campus date, so a span can only meet sessions of the weeks from
    its start's to its end's: a query on a 10,000-session schedule places one week, not all.
    """

    def __init__(self, schedule: Schedule, calendar: Calendar, *, repeating: bool = False) -> None:
        self._schedule = schedule
        self._calendar = calendar
        self._repeating = repeating
        self._weeks: dict[int, SessionIndex] = {}

    def week(self, number: int) -> SessionIndex:
        """The index of one module week."""
        if number not in self._weeks:
            placed = occurrences(self._schedule, self._calendar, repeating=self._repeating, week=number)
            self._weeks[number] = SessionIndex(placed)
        return self._weeks[number]

    def overlapping(self, start: datetime, end: datetime) -> list[Occurrence]:
        """The occurrences sharing time with [start, end), in order."""
        first = max(1, self._calendar.week_of(start))
        last = min(self._calendar.weeks, self._calendar.week_of(end))
        found: list[Occurrence] = []
        for number in range(first, last + 1):
            found.extend(self.week(number).overlapping(start, end))
        return found


class ConflictReport(NamedTuple):
    """The answer to check-conflict for one proposed slot."""

    slot: Slot
    conflicts: tuple[Occurrence, ...]  # required sessions: exit 1
    warnings: tuple[Occurrence, ...]  # optional sessions
    in_work_time: bool
    suggestions: tuple[Suggestion, ...]
    week: int | None  # the module week of the slot, if it falls inside the module
    zone: ZoneInfo
    calendar: Calendar
    notes: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """1 when the slot collides with a required session."""
        return 1 if self.conflicts else 0

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.calendar.campus

    def to_json(self) -> dict[str, Any]:
        """The report for `--json`."""
        campus, dated = self.campus, self.calendar.dated
        return {
            "start": iso(self.slot.start, campus) if dated else None,
            "end": iso(self.slot.end, campus) if dated else None,
            "week": self.week,
            "conflicts": [_collision_json(o, campus, dated) for o in self.conflicts],
            "warnings": [_collision_json(o, campus, dated) for o in self.warnings],
            "suggestions": [
                _slot_json(s.slot, campus, self.calendar) | {"in_pd_work_time": s.in_work_time}
                for s in self.suggestions
            ],
            "in_pd_work_time": self.in_work_time,
            "notes": list(self.notes),
        }


def _collision_json(o: Occurrence, campus: ZoneInfo, dated: bool) -> dict[str, Any]:
    data = session_json(o, campus, dated)
    return {"session": data.pop("id"), **data}


def _slot_json(slot: Slot, campus: ZoneInfo, calendar: Calendar) -> dict[str, Any]:
    local = slot.start.astimezone(campus)
    return {
        "start": iso(slot.start, campus) if calendar.dated else None,
        "end": iso(slot.end, campus) if calendar.dated else None,
        "week": calendar.week_of(slot.start),
        "day": local.strftime("%a").lower(),
        "start_time": f"{local:%H:%M}",
        "end_time": f"{slot.end.astimezone(campus):%H:%M}",
    }


def check_slot(
    slot: Slot,
    index: "Overlaps",
    calendar: Calendar,
    class_hours: tuple[time, time],
    zone: ZoneInfo,
    notes: Sequence[str] = (),
    not_before: datetime | None = None,
) -> ConflictReport:
    """Whether `slot` collides with any session, and the nearest free slots when it does."""
    hits = index.overlapping(slot.start, slot.end)
    conflicts = tuple(o for o in hits if o.required and not o.session.is_work_time)
    warnings = tuple(o for o in hits if not o.required and not o.session.is_work_time)
    in_work_time = inside_work_time(slot, hits)
    suggestions: tuple[Suggestion, ...] = ()
    if conflicts:
        from mod4cli.free_slots import free_slots_near

        suggestions = tuple(free_slots_near(slot, index, calendar, class_hours, not_before))
    week = calendar.week_of(slot.start)
    return ConflictReport(
        slot=slot,
        conflicts=conflicts,
        warnings=warnings,
        in_work_time=in_work_time,
        suggestions=suggestions,
        week=week if 1 <= week <= calendar.weeks else None,
        zone=zone,
        calendar=calendar,
        notes=tuple(notes),
    )


def inside_work_time(slot: Slot, hits: Sequence[Occurrence]) -> bool:
    """Whether the slot lies wholly inside one PD work-time block."""
    return any(o.session.is_work_time and o.start <= slot.start and slot.end <= o.end for o in hits)
