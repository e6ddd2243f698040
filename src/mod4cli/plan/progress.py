"""Recording progress: done, reopen, stage, undo and the profile (init).

Each change is a pure function from one State to the next; the command handlers below apply
them through `Context.save`, locked and atomic, and say what changed.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import Profile, Snapshot, State
from mod4cli.model.schedule import Item, Schedule
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
    stages.update((item.id, stage) for item, stage in changes)
    return state.recorded(action, now, stages=tuple(sorted(stages.items())))


def set_stage(
    state: State, schedule: Schedule, item_id: str, stage: str, now: datetime
) -> tuple[State, Item]:
    """Move an item to a named stage."""
    item = find_item(schedule, item_id)
    wanted = stage.strip().lower()
    if wanted not in item.stages:
        raise UsageError(
            f"{item.id} has no stage {stage!r}",
            hint=f"Stages of {item.id}, in order: {', '.join(item.stages)}.",
        )
    return with_stages(state, [(item, wanted)], f"stage {item.id} {wanted}", now), item


def mark_done(
    state: State, schedule: Schedule, item_ids: list[str], now: datetime
) -> tuple[State, list[Item]]:
    """Move items to their final stage, as one change (one undo takes it back)."""
    items = list(dict.fromkeys(find_item(schedule, i) for i in item_ids))  # each once, in order
    changes = [(item, item.final_stage) for item in items]
    return with_stages(state, changes, "done " + " ".join(i.id for i in items), now), items


def reopen_item(state: State, schedule: Schedule, item_id: str, now: datetime) -> tuple[State, Item]:
    """Move an item back to its first stage."""
    item = find_item(schedule, item_id)
    return with_stages(state, [(item, item.stages[0])], f"reopen {item.id}", now), item


def undo_last(state: State) -> tuple[State, Snapshot]:
    """Take back the last change; repeatable while history lasts."""
    if not state.history:
        raise UsageError(
            "nothing to undo",
            hint="Undo takes back changes made with done, reopen, stage and coach.",
        )
    last = state.history[-1]
    return state._replace(stages=last.stages, bookings=last.bookings, history=state.history[:-1]), last


def done(ctx: "Context", items: list[str]) -> Message:
    """The done command: move items to their final stage."""
    before = ctx.state
    marked = ctx.save(lambda s: mark_done(s, ctx.schedule, items, ctx.now))
    lines = [f"{i.id}: {before.stage_of(i)} → {i.final_stage}" for i in marked]
    return Message(
        "Done: " + ", ".join(i.title for i in marked) + ".",
        {"items": [{"id": i.id, "status": i.final_stage} for i in marked]},
        (*lines, "Changed your mind? mod4 undo"),
    )


def reopen(ctx: "Context", item: str) -> Message:
    """The reopen command: move an item back to its first stage."""
    reopened = ctx.save(lambda s: reopen_item(s, ctx.schedule, item, ctx.now))
    first = reopened.stages[0]
    return Message(f"Reopened: {reopened.title} ({first}).", {"id": reopened.id, "status": first})


def stage(ctx: "Context", item: str, name: str) -> Message:
    """The stage command: move an item to a named stage."""
    moved = ctx.save(lambda s: set_stage(s, ctx.schedule, item, name, ctx.now))
    wanted = name.strip().lower()
    # Steps, as todo and status count them: review requested is 1 of 2 steps, half-way.
    steps_done, steps = moved.stages.index(wanted), len(moved.stages) - 1
    return Message(
        f"{moved.title}: {wanted} ({steps_done} of {steps} steps done).",
        {"id": moved.id, "status": wanted, "steps_done": steps_done, "steps": steps},
    )


def undo(ctx: "Context") -> Message:
    """The undo command: take back the last progress change."""
    snapshot = ctx.save(undo_last)
    at = snapshot.at.astimezone(ctx.zone)
    return Message(f"Undid: {snapshot.action} (made {at:%a %d %b %H:%M}).", {"undone": snapshot.action})


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
