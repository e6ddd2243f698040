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

from mod4cli.load import paths
from mod4cli.model.calendar import CalendarEvent, OwnEvent, Subscription
from mod4cli.model.errors import CalendarError
from mod4cli.model.timeline import Occurrence

if TYPE_CHECKING:
    from mod4cli.plan.context import Context

STALE = timedelta(days=1)  # a copy older than this is named in every read


class OwnCalendars(NamedTuple):
    """The busy events of every followed calendar in the module's weeks, and notes about them."""

    events: tuple[OwnEvent, ...] = ()
    notes: tuple[str, ...] = ()  # stale copies, failed refreshes, unreadable copies

    def overlapping(self, start: datetime, end: datetime) -> list[OwnEvent]:
        """The events sharing time with [start, end)."""
        return [o for o in self.events if o.event.start < end and start < o.event.end]


def own_events(ctx: "Context") -> OwnCalendars:
    """The busy events of the followed calendars in the module's weeks, from the last good copies.

    Never touches the network; parses a copy only when its busy times are not cached for this
    student's zone and module, and a file source only when it has changed.
    """
    subscriptions = ctx.state.calendars
    if not subscriptions:
        return OwnCalendars()
    timeline = ctx.timeline
    if not timeline.dated:
        return OwnCalendars(notes=("your calendars are not checked until your start date is set",))
    from mod4cli.load import calendar_store

    home, cache = paths.home(ctx.env), paths.cache_dir(ctx.env)
    events: list[OwnEvent] = []
    notes: list[str] = []
    for sub in subscriptions:
        data, content = _current_bytes(sub, home)
        if content is None:
            notes.append(f"{sub.name}: no readable copy: mod4 calendar refresh {sub.name}")
            continue
        key = calendar_store.busy_key(content, ctx.zone.key, timeline.first_day(), timeline.weeks)
        busy = calendar_store.read_busy(cache, sub.name, key)
        if busy is None:
            if data is None:
                data = calendar_store.read_copy(home, sub.name)
            try:
                busy = busy_of(data or b"", sub.name, ctx)
            except CalendarError:
                notes.append(f"{sub.name}: its copy cannot be read: mod4 calendar refresh {sub.name}")
                continue
            calendar_store.write_busy(cache, sub.name, key, busy)
        events.extend(OwnEvent(sub.name, e) for e in busy)
        note = staleness(sub, ctx.now)
        if note:
            notes.append(note)
    events.sort(key=lambda o: (o.event.start, o.event.end))
    return OwnCalendars(tuple(events), tuple(notes))


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
    if not ctx.state.calendars or not ctx.timeline.dated:
        return [], ()
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
    """`mine: last refreshed 3 days ago: mod4 calendar refresh`, when the copy is old or failing."""
    if sub.failure:  # a successful refresh clears it
        return f"{sub.name}: the last refresh failed ({sub.failure}); showing the last good copy"
    if sub.is_address and sub.refreshed is not None and now - sub.refreshed > STALE:
        return f"{sub.name}: last refreshed {_age(now - sub.refreshed)} ago: mod4 calendar refresh"
    return None


def _age(gone: timedelta) -> str:
    if gone.days >= 1:
        return f"{gone.days} day{'s' if gone.days != 1 else ''}"
    hours = max(1, gone.seconds // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"


def _current_bytes(sub: Subscription, home: Path) -> tuple[bytes | None, str | None]:
    """The bytes to read for a calendar now (None: the stored copy) and their content hash.

    A file source is read again when its size or modification time changed since it was last
    read; a followed address is its last good copy, named by the hash recorded at its refresh.
    """
    if not sub.is_address:
        source = Path(sub.source)
        try:
            info = source.stat()
        except OSError:
            info = None
        if info is not None and (info.st_size, info.st_mtime_ns) != (sub.size, sub.mtime_ns):
            from mod4cli.load import calendar_store
            from mod4cli.load.fs import FileRefused, read_limited
            from mod4cli.load.limits import MAX_CALENDAR_BYTES

            try:
                data = read_limited(source, MAX_CALENDAR_BYTES)
            except (OSError, FileRefused):
                data = None
            if data is not None:
                return data, calendar_store.content_hash(data)
    return None, sub.content


def busy_of(data: bytes, name: str, ctx: "Context") -> list[CalendarEvent]:
    """The busy events of a calendar's bytes in the module's weeks (CalendarError: unreadable)."""
    from mod4cli.load.calendar_file import read_calendar

    timeline = ctx.timeline
    read = read_calendar(data, name, ctx.zone, timeline.first_day(), timeline.end())
    return [e for e in read.events if e.busy]
