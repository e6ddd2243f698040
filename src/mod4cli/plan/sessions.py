"""The module's sessions placed in time and indexed, so "what overlaps this span?" is cheap.

Every question about collisions (check-conflict, free slots, the calendar check, coaching) asks
a WeekIndex, which places one module week's sessions the first time that week is asked about.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from mod4cli.model.schedule import Schedule
from mod4cli.model.timeline import Occurrence, Slot, Timeline, occurrences

if TYPE_CHECKING:  # a Protocol class costs start-up time; only the type checker needs these
    from mod4cli.plan.context import Context

    class Overlaps(Protocol):
        """Anything that answers which sessions share time with a span."""

        def overlapping(self, start: datetime, end: datetime) -> list[Occurrence]:
            """The occurrences sharing time with [start, end), in order."""


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

    def __init__(self, schedule: Schedule, timeline: Timeline, *, repeating: bool = False) -> None:
        self._schedule = schedule
        self._timeline = timeline
        self._repeating = repeating
        self._weeks: dict[int, SessionIndex] = {}

    @classmethod
    def of(cls, ctx: Context) -> WeekIndex:
        """The index of the context's schedule, as the student's profile places it."""
        return cls(ctx.schedule, ctx.timeline, repeating=ctx.repeating)

    def week(self, number: int) -> SessionIndex:
        """The index of one module week."""
        if number not in self._weeks:
            placed = occurrences(self._schedule, self._timeline, repeating=self._repeating, week=number)
            self._weeks[number] = SessionIndex(placed)
        return self._weeks[number]

    def overlapping(self, start: datetime, end: datetime) -> list[Occurrence]:
        """The occurrences sharing time with [start, end), in order."""
        first = max(1, self._timeline.week_of(start))
        last = min(self._timeline.weeks, self._timeline.week_of(end))
        found: list[Occurrence] = []
        for number in range(first, last + 1):
            found.extend(self.week(number).overlapping(start, end))
        return found


def work_block_of(slot: Slot, hits: Sequence[Occurrence]) -> Occurrence | None:
    """The PD work-time block that holds the slot wholly, if one does."""
    holding = (o for o in hits if o.session.is_work_time and o.start <= slot.start and slot.end <= o.end)
    return next(holding, None)


def inside_work_time(slot: Slot, hits: Sequence[Occurrence]) -> bool:
    """Whether the slot lies wholly inside one PD work-time block."""
    return work_block_of(slot, hits) is not None
