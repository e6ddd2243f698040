"""Where the student stands: module week, next session, progress and pace, coaching."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.progress import Booking, State
from mod4cli.model.schedule import Deliverable, Schedule
from mod4cli.model.timeline import Occurrence, Timeline, iso, occurrences
from mod4cli.plan.agenda import prerequisite_warnings
from mod4cli.plan.todos import DueItem, due_items

if TYPE_CHECKING:
    from mod4cli.plan.context import Context
    from mod4cli.plan.own_calendar import OwnClash


class DeliverableProgress(NamedTuple):
    """One deliverable: how many of its items are done, and whether that is on pace."""

    deliverable: Deliverable
    items: tuple[DueItem, ...]
    due: datetime | None
    pace: str  # "done", "on track", "behind", "overdue" or "no dates"

    @property
    def done(self) -> int:
        """Items at their final stage."""
        return sum(1 for i in self.items if i.done)

    @property
    def share(self) -> float:
        """How far along the deliverable is, 0 to 1, counting part-way stages as todo does."""
        return sum(i.share for i in self.items) / len(self.items) if self.items else 1.0

    def to_json(self, campus: ZoneInfo) -> dict[str, Any]:
        """The progress for `--json`."""
        return {
            "id": self.deliverable.id,
            "title": self.deliverable.title,
            "due": iso(self.due, campus),
            "due_week": self.deliverable.due.week,
            "done": self.done,
            "total": len(self.items),
            "pace": self.pace,
            "items": [
                {
                    "id": i.item.id,
                    "status": i.stage,
                    "done": i.done,
                    "stage": i.item.stages.index(i.stage) + 1,
                    "stages": len(i.item.stages),
                    "steps_done": i.steps_done,
                    "steps": i.steps,
                }
                for i in self.items
            ],
            "share": round(self.share, 3),
            "due_defaults": list(self.deliverable.due.defaults),
        }


class Status(NamedTuple):
    """The dashboard."""

    week: int | None  # None without a start date; below 1 before the module, above `weeks` after
    weeks: int
    days_left: int | None  # calendar days in the student's zone from today to the day after the module
    next_session: Occurrence | None
    next_is_today: bool
    next_due: DueItem | None  # the soonest item not done and not late yet
    progress: tuple[DeliverableProgress, ...]
    coaching: tuple[Booking, ...]  # this week's
    warnings: tuple[str, ...]
    repeating_action: str | None
    timeline: Timeline
    zone: ZoneInfo
    now: datetime
    coaching_offered: bool = True  # whether the schedule names specialists to book
    clashes: tuple["OwnClash", ...] = ()  # this week's events of the student's calendars over sessions
    clashes_later: int = 0  # how many more there are in the rest of the module
    calendar_notes: tuple[str, ...] = ()  # about those calendars' copies (old, failing)
    days_to_start: int | None = None  # before the module: calendar days in the student's zone to week 1

    @property
    def phase(self) -> str:
        """ "before", "during" or "after" the module; "unknown" without a start date."""
        if self.week is None:
            return "unknown"
        if self.week < 1:
            return "before"
        return "after" if self.week > self.weeks else "during"

    @property
    def exit_code(self) -> int:
        """Always 0: the dashboard is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The dashboard for `--json`."""
        campus = self.timeline.campus
        return {
            "week": self.week,
            "weeks": self.weeks,
            "phase": self.phase,
            "days_left": self.days_left,
            "next_session": self.next_session.to_json(campus, True) if self.next_session else None,
            "next_is_today": self.next_is_today,
            "next_due": self.next_due.to_json(campus) if self.next_due else None,
            "deliverables": [p.to_json(campus) for p in self.progress],
            "coaching_this_week": [b.to_json(campus) for b in self.coaching],
            "warnings": list(self.warnings),
            "repeating_action": self.repeating_action,
            "own_clashes": [c.to_json(self.timeline.campus) for c in self.clashes],
            "own_clashes_later": self.clashes_later,
            "calendar_notes": list(self.calendar_notes),
        }


LAST_STRETCH = timedelta(days=1)


def pace(items: list[DueItem], start: datetime, due: datetime | None, now: datetime) -> str:
    """On track when at least the share of items that the share of time gone by calls for are done,
    and nothing is left on the deadline's last day (else a one-item deliverable would be "on
    track" until the very hour it is due)."""
    done = sum(1 for i in items if i.done)
    if done == len(items):
        return "done"
    if due is None:
        return "no dates"
    if now > due:  # due at 17:00 means 17:00 is still in time, as in `todo`
        return "overdue"
    if due - now <= LAST_STRETCH:
        return "behind"
    gone = max(0.0, (now - start) / (due - start)) if due > start else 1.0
    return "on track" if done >= int(len(items) * gone) else "behind"


def module_status(
    schedule: Schedule, state: State, timeline: Timeline, now: datetime, zone: ZoneInfo
) -> Status:
    """Everything `mod4 status` shows."""
    items = due_items(schedule, state, timeline, now)
    start = timeline.first_day()
    progress = []
    for d in schedule.deliverables:
        mine = [i for i in items if i.item.deliverable == d.id]
        due = timeline.due(d.due) if timeline.dated else None
        progress.append(DeliverableProgress(d, tuple(mine), due, pace(mine, start, due, now)))
    week = None
    days_left = None
    upcoming: Occurrence | None = None
    this_week: tuple[Occurrence, ...] = ()
    if timeline.dated:
        # Module weeks are dates, and so are "days left": counted on the student's calendar,
        # so a DST change or an evening hour never makes one day read as two.
        week = timeline.week_of(now, zone)
        days_left = max(0, (timeline.end().date() - now.astimezone(zone).date()).days)
        repeating = state.profile.repeating
        if 1 <= week <= timeline.weeks:
            this_week = tuple(occurrences(schedule, timeline, repeating=repeating, week=week))
        upcoming = _next_session(schedule, timeline, now, repeating)
    today = upcoming is not None and upcoming.start.astimezone(zone).date() == now.astimezone(zone).date()
    coaching = tuple(b for b in state.bookings if week is not None and timeline.week_of(b.start) == week)
    action = schedule.repeating.action if state.profile.repeating else None
    return Status(
        week=week,
        weeks=timeline.weeks,
        days_left=days_left,
        next_session=upcoming,
        next_is_today=today,
        next_due=next((i for i in items if not i.done and i.late is None), None),
        progress=tuple(progress),
        coaching=coaching,
        warnings=tuple(prerequisite_warnings(schedule, state, this_week)),
        repeating_action=action,
        days_to_start=timeline.days_to_start(now, zone) if week is not None and week < 1 else None,
        timeline=timeline,
        zone=zone,
        now=now,
        coaching_offered=bool(schedule.coaching.specialists),
    )


def _next_session(
    schedule: Schedule, timeline: Timeline, now: datetime, repeating: bool
) -> Occurrence | None:
    """The first session, not work time, that has not ended: found week by week from now's, so a
    10,000-session schedule places a week or two, not every session."""
    # Sessions are sorted by week and lie within their campus date, so no week before now's
    # campus week can hold one that has not ended, and the first found is the first in order.
    for week in range(max(1, timeline.week_of(now)), timeline.weeks + 1):
        placed = occurrences(schedule, timeline, repeating=repeating, week=week)
        found = next((o for o in placed if o.end > now and not o.session.is_work_time), None)
        if found is not None:
            return found
    return None


def status(ctx: "Context") -> Status:
    """The status command: where the student stands, with what of the student's own calendars
    collides with required sessions this week and later in the module."""
    result = module_status(ctx.schedule, ctx.state, ctx.timeline, ctx.now, ctx.zone)
    if not ctx.state.calendars or result.phase == "after":
        return result
    if result.week is None:  # no start date: the calendars cannot be placed in the module
        from mod4cli.plan.own_calendar import UNDATED

        return result._replace(calendar_notes=(UNDATED,))
    from mod4cli.plan.own_calendar import clashes_in

    timeline = ctx.timeline
    clashes, notes = clashes_in(ctx, range(max(result.week, 1), timeline.weeks + 1))
    now = tuple(c for c in clashes if timeline.week_of(c.own.event.start, ctx.zone) == result.week)
    return result._replace(clashes=now, clashes_later=len(clashes) - len(now), calendar_notes=notes)
