"""Recording progress: done, reopen, stage, undo and the profile (init).

Each change is a pure function from one State to the next; the command handlers below apply
them through `Context.save`, locked and atomic, and say what changed.
"""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import Booking, Profile, Snapshot, State
from mod4cli.model.schedule import Item, Schedule
from mod4cli.model.wording import moment_text, span_text
from mod4cli.plan.message import Message

if TYPE_CHECKING:
    from mod4cli.plan.context import Context


def find_item(schedule: Schedule, item_id: str) -> Item:
    """The schedule's item with this id, or a UsageError listing the known ones."""
    item = schedule.item(item_id.strip().lower())
    if item is None:
        known = ", ".join(i.id for i in schedule.items)
        raise UsageError(f"unknown item {item_id!r}", hint=f"Items of this schedule: {known}.")
    return item


def with_stages(state: State, changes: list[tuple[Item, str]], action: str, now: datetime) -> State:
    """The state with items moved to the given stages, as one undoable change."""
    stages = dict(state.stages)
    # An item already at that stage (if only by default, never written) is no change to record.
    stages.update((item.id, stage) for item, stage in changes if state.stage_of(item) != stage)
    return state.recorded(action, now, stages=tuple(sorted(stages.items())))


def set_stage(
    state: State, schedule: Schedule, item_id: str, stage: str, now: datetime
) -> tuple[State, tuple[Item, str]]:
    """Move an item to a named stage; returns the item with the stage it had."""
    item = find_item(schedule, item_id)
    wanted = stage.strip().lower()
    if wanted not in item.stages:
        raise UsageError(
            f"{item.id} has no stage {stage!r}",
            hint=f"Stages of {item.id}, in order: {', '.join(item.stages)}.",
        )
    changed = with_stages(state, [(item, wanted)], f"stage {item.id} {wanted}", now)
    return changed, (item, state.stage_of(item))


def mark_done(
    state: State, schedule: Schedule, item_ids: list[str], now: datetime
) -> tuple[State, list[tuple[Item, str]]]:
    """Move items to their final stage, as one change (one undo takes it back); returns each
    item once, with the stage it had."""
    items = list(dict.fromkeys(find_item(schedule, i) for i in item_ids))  # each once, in order
    changes = [(item, item.final_stage) for item in items]
    action = "done " + " ".join(i.id for i in items)
    return with_stages(state, changes, action, now), [(i, state.stage_of(i)) for i in items]


def reopen_item(
    state: State, schedule: Schedule, item_id: str, now: datetime
) -> tuple[State, tuple[Item, str]]:
    """Move an item back to its first stage; returns the item with the stage it had."""
    item = find_item(schedule, item_id)
    return with_stages(state, [(item, item.stages[0])], f"reopen {item.id}", now), (
        item,
        state.stage_of(item),
    )


def undo_last(state: State) -> tuple[State, tuple[Snapshot, State]]:
    """Take back the last change; repeatable while history lasts. Returns the change taken
    back and the state it left."""
    if not state.history:
        raise UsageError(
            "nothing to undo",
            hint="Undo takes back changes made with done, reopen, stage and coach.",
        )
    last = state.history[-1]
    restored = state._replace(stages=last.stages, bookings=last.bookings, history=state.history[:-1])
    return restored, (last, state)


# A change that changes nothing records no undo step (State.recorded), so its message must not
# offer `mod4 undo`: that would take back the change before it.
_UNDO_LINE = "Changed your mind? mod4 undo"


def done(ctx: "Context", items: list[str]) -> Message:
    """The done command: move items to their final stage."""
    marked = ctx.save(lambda s: mark_done(s, ctx.schedule, items, ctx.now))
    details = {
        "items": [{"id": i.id, "status": i.final_stage, "changed": old != i.final_stage} for i, old in marked]
    }
    titles = ", ".join(i.title for i, _ in marked)
    if all(old == i.final_stage for i, old in marked):
        verb = "is" if len(marked) == 1 else "are"
        return Message(f"Nothing changed: {titles} {verb} already done.", details)
    lines = [
        f"{i.id}: {old} → {i.final_stage}" if old != i.final_stage else f"{i.id}: already done"
        for i, old in marked
    ]
    return Message(f"Done: {titles}.", details, (*lines, _UNDO_LINE))


def reopen(ctx: "Context", item: str) -> Message:
    """The reopen command: move an item back to its first stage."""
    reopened, old = ctx.save(lambda s: reopen_item(s, ctx.schedule, item, ctx.now))
    first = reopened.stages[0]
    if old == first:
        return Message(
            f"Nothing changed: {reopened.title} is already at its first stage ({first}).",
            {"id": reopened.id, "status": first, "changed": False},
        )
    return Message(
        f"Reopened: {reopened.title} ({first}).",
        {"id": reopened.id, "status": first, "changed": True},
        (f"{reopened.id}: {old} → {first}", _UNDO_LINE),
    )


def stage(ctx: "Context", item: str, name: str) -> Message:
    """The stage command: move an item to a named stage."""
    moved, old = ctx.save(lambda s: set_stage(s, ctx.schedule, item, name, ctx.now))
    wanted = name.strip().lower()
    steps_done, steps = moved.step_of(wanted), moved.steps  # as todo and status count them
    position = f"{steps_done} of {steps} steps done"
    details = {
        "id": moved.id,
        "status": wanted,
        "steps_done": steps_done,
        "steps": steps,
        "changed": old != wanted,
    }
    if old == wanted:
        return Message(f"Nothing changed: {moved.title} is already at {wanted} ({position}).", details)
    return Message(
        f"{moved.title}: {wanted} ({position}).", details, (f"{moved.id}: {old} → {wanted}", _UNDO_LINE)
    )


def undo(ctx: "Context") -> Message:
    """The undo command: take back the last progress change."""
    snapshot, before = ctx.save(undo_last)
    zone, dated = ctx.zone, ctx.timeline.dated

    def meeting(verb: str, b: Booking) -> str:
        return f"{verb} coaching #{b.id} with {b.specialist}, {span_text(b.start, b.end, zone, dated)}"

    kept, held = {b.id for b in snapshot.bookings}, {b.id for b in before.bookings}
    lines = [meeting("removed", b) for b in before.bookings if b.id not in kept]
    lines += [meeting("restored", b) for b in snapshot.bookings if b.id not in held]
    made = moment_text(snapshot.at, zone)
    return Message(f"Undid: {snapshot.action} (made {made}).", {"undone": snapshot.action}, tuple(lines))


def _check_module_fits(start: date, weeks: int) -> None:
    """A UsageError when the module's last week would leave the years mod4 handles: every later
    command would refuse its own dates."""
    from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR, within_years

    last = start + timedelta(weeks=weeks, days=-1)
    if not within_years(last):
        raise UsageError(
            f"--start: {start}: the module's {weeks} weeks would end on {last:%a} {last.day} {last:%b %Y}, "
            f"after the years mod4 handles ({FIRST_YEAR}-{LAST_YEAR})",
            hint="Check the year.",
        )


def init(
    ctx: "Context", start: str | None = None, tz: str | None = None, repeating: bool | None = None
) -> Message:
    """The init command: record or update the student's profile."""
    from mod4cli.plan.when import parse_start, zone_named

    if start is None and tz is None and repeating is None:
        raise UsageError(
            "init needs at least one of --start, --tz, --repeating",
            hint="mod4 init --start 2027-01-04",
        )
    day: date | None = parse_start(start) if start is not None else None
    if day is not None:
        _check_module_fits(day, ctx.schedule.module.weeks)
    zone = zone_named(tz).key if tz is not None else None

    def change(current: State) -> tuple[State, Profile]:
        old = current.profile
        profile = old._replace(
            start=day if day is not None else old.start,
            timezone=zone if zone is not None else old.timezone,
            repeating=repeating if repeating is not None else old.repeating,
        )
        return current._replace(profile=profile), profile

    profile = ctx.save(change)
    lines = [
        f"start: {profile.start or 'not set'}",
        f"time zone: {profile.timezone or str(ctx.campus) + ' (campus)'}",
        f"repeating the module: {'yes' if profile.repeating else 'no'}",
    ]
    details = {
        "start": profile.start.isoformat() if profile.start else None,
        "timezone": profile.timezone,
        "repeating": profile.repeating,
    }
    return Message(f"Profile saved in {ctx.state_path}.", details, tuple(lines))
