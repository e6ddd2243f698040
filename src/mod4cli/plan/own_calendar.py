"""The student's own calendars as the everyday commands read them: the busy events of the last
good copies, the ones over required sessions, and how old each copy is.

Nothing here goes to the network. A copy is parsed only when the cache of its busy times
(load/calendar_store.py) holds nothing for this student's zone and module, and a file source
only when it has changed; otherwise no calendar library is even imported.
"""

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.calendar import CalendarEvent, OwnEvent, Subscription
from mod4cli.model.errors import CalendarError
from mod4cli.model.timeline import Occurrence
from mod4cli.model.wording import ago

if TYPE_CHECKING:
    from mod4cli.plan.context import Context

STALE = timedelta(days=1)  # a copy older than this is named in every read
UNDATED = "your calendars are not checked until your start date is set: mod4 init --start YYYY-MM-DD"


class OwnCalendars(NamedTuple):
    """The busy events of every followed calendar in the module's weeks, and notes about them."""

    events: tuple[OwnEvent, ...] = ()
    notes: tuple[str, ...] = ()  # stale copies, failed refreshes, unreadable copies

    def overlapping(self, start: datetime, end: datetime) -> list[OwnEvent]:
        """The events sharing time with [start, end)."""
        return [o for o in self.events if o.event.start < end and start < o.event.end]


def own_events(ctx: "Context") -> OwnCalendars:
    """The busy events of the followed calendars in the module's weeks, from the last good copies;
    read once a command, however many parts of it (a verdict, a week's clashes) ask."""
    return ctx.once(_read_own_calendars)


def _read_own_calendars(ctx: "Context") -> OwnCalendars:
    """The busy events of the followed calendars in the module's weeks, from the last good copies.

    Never touches the network; parses a copy only when its busy times are not cached for this
    student's zone and module, and a file source only when it has changed.
    """
    subscriptions = ctx.state.calendars
    if not subscriptions:
        return OwnCalendars()
    timeline = ctx.timeline
    if not timeline.dated:
        return OwnCalendars(notes=(UNDATED,))
    from mod4cli.load import calendar_store

    events: list[OwnEvent] = []
    notes: list[str] = []
    for sub in subscriptions:
        busy: list[CalendarEvent] | None = None
        source_note = None
        try:  # a followed file that changed since its last refresh is read as it is now
            fresh = calendar_store.changed_source(sub)
            if fresh is not None:
                busy = _busy_times(ctx, sub, calendar_store.content_hash(fresh), fresh)
        except CalendarError as error:  # its last good copy stands in for it
            source_note = (
                f"{sub.name}: its source changed and cannot be read, so the last good copy is shown: "
                f"{error.message}"
            )
            notes.append(source_note)
        if busy is None:
            if sub.content is None:
                notes.append(f"{sub.name}: no readable copy: mod4 calendar refresh {sub.name}")
            else:
                try:
                    busy = _busy_times(ctx, sub, sub.content, None)
                except CalendarError:
                    missing = not calendar_store.copy_path(ctx.home, sub.name).exists()
                    what = "its copy is missing" if missing else "its copy cannot be read"
                    notes.append(f"{sub.name}: {what}: mod4 calendar refresh {sub.name}")
        events.extend(OwnEvent(sub.name, e) for e in busy or ())
        note = staleness(sub, ctx.now)
        if note and source_note is None:  # a failed refresh of that source says the same again
            if sub.failure and sub.refreshed is not None and ctx.now - sub.refreshed > STALE:
                note += f", refreshed {ago(ctx.now - sub.refreshed)}"  # failing for days: how old it is
            notes.append(f"{sub.name}: {note}")
    events.sort(key=lambda o: (o.event.start, o.event.end))
    return OwnCalendars(tuple(events), tuple(notes))


def _busy_times(ctx: "Context", sub: Subscription, content: str, data: bytes | None) -> list[CalendarEvent]:
    """The busy events of a calendar's copy with this content hash (the stored copy when `data` is
    None): from the cache, else parsed and cached. CalendarError, led by its source, when unreadable."""
    from mod4cli.load import calendar_store

    timeline = ctx.timeline
    key = calendar_store.busy_key(content, ctx.zone.key, timeline.first_day(), timeline.weeks)
    busy = calendar_store.read_busy(ctx.cache, sub.name, key)
    if busy is None:
        if data is None:
            data = calendar_store.read_copy(ctx.home, sub.name)
        busy = busy_of(data or b"", shown_source(sub), ctx)
        calendar_store.write_busy(ctx.cache, sub.name, key, busy)
    return busy


class OwnClash(NamedTuple):
    """An event of the student's own calendar that collides with required PD sessions."""

    own: OwnEvent
    sessions: tuple[Occurrence, ...]

    def to_json(self, campus: ZoneInfo) -> dict[str, Any]:
        """The clash for `--json`: the event, and the sessions it collides with."""
        return self.own.to_json(campus) | {"sessions": [o.session.id for o in self.sessions]}


def clashes_in(ctx: "Context", weeks: range) -> tuple[list[OwnClash], tuple[str, ...]]:
    """The student's own events that collide with required sessions in these module weeks, and
    the notes about the copies read (old, failing); empty when no calendar is followed."""
    if not ctx.state.calendars:
        return [], ()
    if not ctx.timeline.dated:  # said once, so free-looking weeks are not taken for free
        return [], (UNDATED,)
    from mod4cli.plan.sessions import WeekIndex

    mine = own_events(ctx)
    index = WeekIndex.of(ctx)
    timeline = ctx.timeline
    first = timeline.at(weeks.start, 0, time()).astimezone(timeline.campus)
    last = timeline.at(weeks.stop, 0, time()).astimezone(timeline.campus)
    clashes = []
    for own in mine.overlapping(first, last):
        hits = index.overlapping(own.event.start, own.event.end)
        required = tuple(o for o in hits if o.required and not o.session.is_work_time)
        if required:
            clashes.append(OwnClash(own, required))
    return clashes, mine.notes


def staleness(sub: Subscription, now: datetime) -> str | None:
    """Why a calendar's copy may be out of date (`last refreshed 3 days ago: mod4 calendar
    refresh`, or the failure of the last refresh), or None when it is current."""
    if sub.failure:  # a successful refresh clears it
        return f"the last refresh failed ({sub.failure}); showing the last good copy"
    if sub.is_address and sub.refreshed is not None and now - sub.refreshed > STALE:
        return f"last refreshed {ago(now - sub.refreshed)}: mod4 calendar refresh"
    return None


def shown_source(sub: Subscription) -> str:
    """The source as it may be printed: a file's path (from ~ when in the home folder), or an
    address's host with its path masked."""
    if not sub.is_address:
        path = Path(sub.source)
        try:
            return f"~/{path.relative_to(Path.home())}"
        except (ValueError, RuntimeError):  # elsewhere, or no home folder known
            return sub.source
    from mod4cli.load.http_fetch import masked

    return masked(sub.source)


def busy_of(data: bytes, shown: str, ctx: "Context") -> list[CalendarEvent]:
    """The busy events of a calendar's bytes in the module's weeks (CalendarError, led by `shown`:
    unreadable)."""
    from mod4cli.load.calendar_file import read_calendar

    timeline = ctx.timeline
    read = read_calendar(data, shown, ctx.zone, timeline.first_day(), timeline.end())
    return [e for e in read.events if e.busy]
