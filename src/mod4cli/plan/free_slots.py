"""Where else an appointment could go: the nearest free slots of the same length.

Candidates start every 15 minutes within class hours on weekdays, up to two weeks either side
of the proposed day (a slot further away is no answer to "where else could it go?"). Three are
offered: the nearest one in PD work time, and the nearest before and after the proposed time;
work time first. Days are searched outward from the proposed day and the search stops as soon
as no farther day could hold a nearer slot, so a long module costs no more than a short one.
"""

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from mod4cli.model.timeline import Slot, Timeline, localize
from mod4cli.plan.sessions import inside_work_time

if TYPE_CHECKING:
    from mod4cli.plan.sessions import Overlaps

GRID = timedelta(minutes=15)  # candidates start on the quarter hour
SUGGESTIONS = 3
HORIZON = timedelta(days=14)


class Suggestion(NamedTuple):
    """A free slot offered instead of a colliding one."""

    slot: Slot
    in_work_time: bool


def free_slots_near(
    slot: Slot,
    index: "Overlaps",
    timeline: Timeline,
    class_hours: tuple[time, time],
    not_before: datetime | None = None,
    busy: Sequence[Slot] = (),
) -> list[Suggestion]:
    """Up to three free slots of the same length near `slot`: work time first, then by distance.

    A slot is free when it meets no session (work time aside) and none of the `busy` spans
    (the student's own coaching meetings).
    """
    best: dict[str, tuple[timedelta, datetime, Slot, bool]] = {}
    origin = slot.start.astimezone(timeline.campus).date()
    for day in _days_outward(timeline, origin):
        # No slot on a day this far away can be nearer than a whole day less than the gap.
        floor = max(timedelta(0), timedelta(days=abs((day - origin).days) - 1))
        if len(best) == 3 and all(found[0] < floor for found in best.values()):
            break
        for candidate in _candidates(day, timeline, class_hours, slot.length):
            if (not_before is not None and candidate.start < not_before) or candidate.start == slot.start:
                continue
            in_work = _free(candidate, index)
            if in_work is None or any(b.overlaps(candidate.start, candidate.end) for b in busy):
                continue
            rank = (abs(candidate.start - slot.start), candidate.start, candidate, in_work)
            side = "before" if candidate.start < slot.start else "after"
            for group in (side, "work") if in_work else (side,):
                if group not in best or rank[:2] < best[group][:2]:
                    best[group] = rank
    picks: dict[Slot, bool] = {}
    for group in ("work", "before", "after"):
        if group in best:
            _, _, candidate, in_work = best[group]
            picks.setdefault(candidate, in_work)
    ordered = sorted(picks.items(), key=lambda p: (not p[1], abs(p[0].start - slot.start), p[0].start))
    return [Suggestion(candidate, in_work) for candidate, in_work in ordered[:SUGGESTIONS]]


def _free(candidate: Slot, index: "Overlaps") -> bool | None:
    """None when the candidate collides with a session; else whether it lies in work time."""
    hits = index.overlapping(candidate.start, candidate.end)
    if any(not o.session.is_work_time for o in hits):
        return None
    return inside_work_time(candidate, hits)


def _days_outward(timeline: Timeline, origin: date) -> Iterator[date]:
    """The module's weekdays, nearest to `origin` first (the earlier of two equally near)."""
    days = [timeline.date_of(week, day) for week in range(1, timeline.weeks + 1) for day in range(5)]
    near = [d for d in days if abs(d - origin) <= HORIZON]
    yield from sorted(near, key=lambda d: (abs((d - origin).days), d))


def _candidates(
    day: date, timeline: Timeline, class_hours: tuple[time, time], length: timedelta
) -> Iterator[Slot]:
    opens, closes = class_hours
    start = localize(day, opens, timeline.campus)[0].astimezone(UTC)
    last = localize(day, closes, timeline.campus)[0].astimezone(UTC)
    while start + length <= last:
        yield Slot(start, start + length)
        start += GRID
