"""The student's own record, as values: profile, stages of items, coaching, and undo history.

Changes are pure functions from one State to the next (plan/progress.py, plan/coaching.py);
load/state_file.py does the disk.
"""

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.schedule import Item
from mod4cli.model.timeline import iso

if TYPE_CHECKING:  # only a student who follows a calendar needs its values
    from mod4cli.model.calendar import Subscription

UNDO_DEPTH = 50  # changes `mod4 undo` can take back; older ones are forgotten


class Profile(NamedTuple):
    """What the student told `mod4 init`."""

    start: date | None = None
    timezone: str | None = None
    repeating: bool = False


class Booking(NamedTuple):
    """A logged coaching meeting."""

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
    """Everything mod4 keeps for a student. `stages` maps item id to stage name; `next_booking`
    is the id the next coaching booking gets (ids are never given twice, whatever undo does)."""

    profile: Profile = Profile()
    stages: tuple[tuple[str, str], ...] = ()
    bookings: tuple[Booking, ...] = ()
    history: tuple[Snapshot, ...] = ()
    next_booking: int = 1
    calendars: tuple["Subscription", ...] = ()  # the student's own calendars, followed

    def stage_of(self, item: Item) -> str:
        """The item's current stage; an item never touched, or with a stage the schedule no
        longer has, is at its first stage."""
        stage = dict(self.stages).get(item.id)
        return stage if stage in item.stages else item.stages[0]

    def is_done(self, item: Item) -> bool:
        """Whether the item reached its final stage."""
        return self.stage_of(item) == item.final_stage

    def recorded(
        self,
        action: str,
        now: datetime,
        *,
        stages: tuple[tuple[str, str], ...] | None = None,
        bookings: tuple[Booking, ...] | None = None,
    ) -> "State":
        """The state after a change of stages or bookings, remembering the old ones for undo.

        A change that changes nothing is no change: the state comes back as it was, with no
        undo step.
        """
        new_stages = self.stages if stages is None else stages
        new_bookings = self.bookings if bookings is None else bookings
        if new_stages == self.stages and new_bookings == self.bookings:
            return self
        snapshot = Snapshot(action=action, at=now, stages=self.stages, bookings=self.bookings)
        return self._replace(
            stages=new_stages, bookings=new_bookings, history=(*self.history, snapshot)[-UNDO_DEPTH:]
        )
