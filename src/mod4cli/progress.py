"""The student's own record, as values: profile, stages of items, coaching, and undo history.

Every change is a pure function from one State to the next; `state.py` does the disk.
"""

from datetime import date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.errors import UsageError
from mod4cli.schedule import Item, Schedule
from mod4cli.timeline import iso

UNDO_DEPTH = 50


class Profile(NamedTuple):
    """What the student told `mod4 init`."""

    start: date | None = None
    timezone: str | None = None
    repeating: bool = False


class Booking(NamedTuple):
    """A logged 30-minute coaching meeting."""

    id: int
    specialist: str
    start: datetime
    minutes: int
    topic: str | None = None

    @property
    def end(self) -> datetime:
        """When the meeting ends."""
        return self.start + timedelta(minutes=self.minutes)

    def to_json(self, campus: ZoneInfo) -> dict[str, Any]:
        """The booking as JSON, date-times in the campus zone."""
        return {
            "id": self.id,
            "specialist": self.specialist,
            "start": iso(self.start, campus),
            "end": iso(self.end, campus),
            "minutes": self.minutes,
            "topic": self.topic,
        }


class Snapshot(NamedTuple):
    """What progress looked like before one change, so `undo` can put it back."""

    action: str
    at: datetime
    stages: tuple[tuple[str, str], ...]
    bookings: tuple[Booking, ...]


class State(NamedTuple):
    """Everything mod4 keeps for a student. `stages` maps item id to stage name."""

    profile: Profile = Profile()
    stages: tuple[tuple[str, str], ...] = ()
    bookings: tuple[Booking, ...] = ()
    history: tuple[Snapshot, ...] = ()

    def stage_of(self, item: Item) -> str:
        """The item's current stage; an item never touched, or with a stage the schedule no
        longer has, is at its first stage."""
        stage = dict(self.stages).get(item.id)
        return stage if stage in item.stages else item.stages[0]

    def is_done(self, item: Item) -> bool:
        """Whether the item reached its final stage."""
        return self.stage_of(item) == item.final_stage


def find_item(schedule: Schedule, item_id: str) -> Item:
    """The schedule's item with this id, or a UsageError listing the known ones."""
    item = schedule.item(item_id.strip().lower())
    if item is None:
        known = ", ".join(i.id for i in schedule.items)
        raise UsageError(f"unknown item {item_id!r}", hint=f"Items of this schedule: {known}.")
    return item


def _with_stages(state: State, changes: list[tuple[Item, str]], action: str, now: datetime) -> State:
    snapshot = Snapshot(action, now, state.stages, state.bookings)
    stages = dict(state.stages)
    stages.update((item.id, stage) for item, stage in changes)
    history = (*state.history, snapshot)[-UNDO_DEPTH:]
    return state._replace(stages=tuple(sorted(stages.items())), history=history)


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
    return _with_stages(state, [(item, wanted)], f"stage {item.id} {wanted}", now), item


def mark_done(
    state: State, schedule: Schedule, item_ids: list[str], now: datetime
) -> tuple[State, list[Item]]:
    """Move items to their final stage, as one change (one undo takes it back)."""
    items = [find_item(schedule, i) for i in item_ids]
    changes = [(item, item.final_stage) for item in items]
    return _with_stages(state, changes, "done " + " ".join(i.id for i in items), now), items


def reopen(state: State, schedule: Schedule, item_id: str, now: datetime) -> tuple[State, Item]:
    """Move an item back to its first stage."""
    item = find_item(schedule, item_id)
    return _with_stages(state, [(item, item.stages[0])], f"reopen {item.id}", now), item


def undo(state: State) -> tuple[State, Snapshot]:
    """Take back the last change; repeatable while history lasts."""
    if not state.history:
        raise UsageError(
            "nothing to undo",
            hint="Undo takes back changes made with done, reopen, stage and coach.",
        )
    last = state.history[-1]
    return state._replace(stages=last.stages, bookings=last.bookings, history=state.history[:-1]), last


def with_bookings(state: State, bookings: tuple[Booking, ...], action: str, now: datetime) -> State:
    """Replace the coaching bookings, remembering the old ones for undo."""
    snapshot = Snapshot(action, now, state.stages, state.bookings)
    return state._replace(bookings=bookings, history=(*state.history, snapshot)[-UNDO_DEPTH:])
