"""What a student still owes: outstanding deliverable items, soonest due first."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.progress import State
from mod4cli.model.schedule import Item, Schedule
from mod4cli.model.timeline import Timeline, iso

if TYPE_CHECKING:
    from mod4cli.plan.context import Context


class DueItem(NamedTuple):
    """An item with its deadline (None when no start date is known) and where it stands."""

    item: Item
    deliverable: str
    due: datetime | None
    stage: str
    done: bool
    late: timedelta | None  # how late, when overdue

    @property
    def steps_done(self) -> int:
        """How many steps from its first stage the item has gone (its final stage: all of them)."""
        return self.item.step_of(self.stage)

    @property
    def steps(self) -> int:
        """How many steps lead from its first stage to its final one."""
        return self.item.steps

    @property
    def share(self) -> float:
        """How far along it is, 0 to 1: a portfolio with review requested is half-way."""
        return self.steps_done / self.steps

    def to_json(self, zone: ZoneInfo) -> dict[str, Any]:
        """The item for `--json`, date-times in `zone`."""
        return {
            "id": self.item.id,
            "title": self.item.title,
            "deliverable": self.deliverable,
            "due": iso(self.due, zone),
            "due_week": self.item.due.week,
            "due_defaults": list(self.item.due.defaults),
            "status": self.stage,
            "stages": list(self.item.stages),
            "steps_done": self.steps_done,
            "steps": self.steps,
            "done": self.done,
            "overdue": self.late is not None,
            "days_late": self.late.days if self.late is not None else None,
            "link": self.item.link,
            "notes": self.item.notes,
        }


def due_items(schedule: Schedule, state: State, timeline: Timeline, now: datetime) -> list[DueItem]:
    """Every item of the schedule with its deadline and stage, soonest due first."""
    titles = {d.id: d.title for d in schedule.deliverables}
    out = []
    for item in schedule.items:
        due = timeline.due(item.due) if timeline.dated else None
        done = state.is_done(item)
        late = now - due if due is not None and not done and now > due else None
        out.append(DueItem(item, titles[item.deliverable], due, state.stage_of(item), done, late))
    # A stable sort keeps the file's order among items due at the same moment.
    return sorted(out, key=lambda d: (d.item.due.week, d.item.due.day, d.item.due.time))


class TodoList(NamedTuple):
    """The outstanding items, and what the renderer needs to say about them."""

    items: tuple[DueItem, ...]
    dated: bool
    campus: ZoneInfo
    zone: ZoneInfo  # the student's, for display
    extra: tuple[str, ...] = ()  # standing tasks that are not items (a repeating student's goals)

    @property
    def exit_code(self) -> int:
        """Always 0: a list is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The list for `--json`."""
        items = [i.to_json(self.campus) for i in self.items]
        return {"items": items, "dated": self.dated, "extra": list(self.extra)}


def todo_list(
    schedule: Schedule, state: State, timeline: Timeline, now: datetime, zone: ZoneInfo
) -> TodoList:
    """The items not yet at their final stage, soonest due first."""
    extra: tuple[str, ...] = ()
    if state.profile.repeating and schedule.repeating.action:
        extra = (schedule.repeating.action,)
    pending = tuple(d for d in due_items(schedule, state, timeline, now) if not d.done)
    return TodoList(pending, timeline.dated, timeline.campus, zone, extra)


def todo(ctx: "Context") -> TodoList:
    """The todo command: what the student still owes."""
    return todo_list(ctx.schedule, ctx.state, ctx.timeline, ctx.now, ctx.zone)
