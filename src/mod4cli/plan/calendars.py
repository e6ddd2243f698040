"""Following the student's own calendar: `calendar add`, `list`, `remove` and `refresh`.

Only these go to the network (load/http_fetch.py), and only add and refresh; the everyday
commands read the last good copy (plan/own_calendar.py). A secret address is never shown.
"""

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli.load import paths
from mod4cli.model.calendar import Subscription, reading_warnings
from mod4cli.model.errors import CalendarError, UsageError
from mod4cli.model.progress import State
from mod4cli.plan.message import Message
from mod4cli.plan.own_calendar import shown_source, staleness

if TYPE_CHECKING:
    from mod4cli.plan.context import Context

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_SET_START = "mod4 init --start YYYY-MM-DD"
_KNOWN_HOSTS = (  # a readable default name for the services students use
    ("google.com", "google"),
    ("outlook.", "outlook"),
    ("office365.com", "outlook"),
    ("live.com", "outlook"),
    ("icloud.com", "icloud"),
)


class CalendarList(NamedTuple):
    """`calendar list`: the followed calendars, their sources masked."""

    calendars: tuple[Subscription, ...]
    now: datetime

    @property
    def exit_code(self) -> int:
        """Always 0: a list is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The calendars for `--json`: never the secret part of an address."""
        return {"calendars": [describe(s, self.now) for s in self.calendars]}


def describe(sub: Subscription, now: datetime) -> dict[str, Any]:
    """A followed calendar as it may be shown: its source masked, its last refresh and failure."""
    return {
        "name": sub.name,
        "source": shown_source(sub),
        "kind": "address" if sub.is_address else "file",
        "added": sub.added.isoformat(),
        "refreshed": sub.refreshed.isoformat() if sub.refreshed else None,
        "stale": staleness(sub, now) is not None,
        "failure": sub.failure,
        "failed_at": sub.failed_at.isoformat() if sub.failed_at else None,
    }


class Refreshed(NamedTuple):
    """What `calendar add` or `calendar refresh` did to one calendar."""

    name: str
    source: str  # masked
    outcome: str  # "added", "refreshed", "unchanged" or "failed"
    detail: str = ""  # the reason of a failure, or what was read
    events: int | None = None  # busy events in the module's weeks, when known
    warnings: tuple[str, ...] = ()  # events left out of the new copy, zones guessed: said once, here

    def to_json(self) -> dict[str, Any]:
        """The outcome for `--json`."""
        return self._asdict() | {"warnings": list(self.warnings)}


class RefreshReport(NamedTuple):
    """The outcome for each calendar; exit 2 when any failed (its last good copy stays)."""

    results: tuple[Refreshed, ...]

    @property
    def exit_code(self) -> int:
        """2 when a calendar could not be refreshed, else 0."""
        return 2 if any(r.outcome == "failed" for r in self.results) else 0

    def to_json(self) -> dict[str, Any]:
        """Every calendar's outcome."""
        return {"calendars": [r.to_json() for r in self.results]}


def calendar_add(ctx: "Context", source: str, name: str | None = None) -> RefreshReport:
    """The calendar add command: follow a calendar by its private address, or an .ics file."""
    from mod4cli.load import calendar_store

    address, path = _source_of(source)
    chosen = _chosen_name(name, address, path, ctx.state.calendars)
    for sub in ctx.state.calendars:
        if sub.source == (address or str(path)):
            raise UsageError(f"this calendar is already followed, as {sub.name!r}")
    now = ctx.now
    sub = Subscription(name=chosen, source=address or str(path), added=now)
    from mod4cli.load.http_fetch import FetchError

    try:
        data, fetched = _fetch_or_read(sub)
    except FetchError as error:
        raise CalendarError(f"{error.reason}; nothing was added") from None
    assert data is not None  # an unconditional fetch has a body
    events, warnings = _check_readable(data, shown_source(sub), ctx)
    sub = _refreshed(sub, data, fetched, now)
    try:
        calendar_store.write_copy(ctx.home, chosen, data)
    except CalendarError as error:
        raise CalendarError(f"{error.message}; nothing was added") from None

    def change(state: State) -> tuple[State, None]:
        if any(s.name == chosen for s in state.calendars):
            raise UsageError(f"a calendar called {chosen!r} was added meanwhile; nothing was changed")
        return state._replace(calendars=(*state.calendars, sub)), None

    try:
        ctx.save(change)
    except BaseException:
        calendar_store.remove_copy(ctx.home, ctx.cache, chosen)
        raise
    return RefreshReport((Refreshed(chosen, shown_source(sub), "added", _undated(events), events, warnings),))


def calendar_list(ctx: "Context") -> CalendarList:
    """The calendar list command: the calendars the student follows."""
    return CalendarList(ctx.state.calendars, ctx.now)


def calendar_remove(ctx: "Context", name: str) -> Message:
    """The calendar remove command: stop following a calendar and delete its copy."""
    from mod4cli.load import calendar_store

    def change(state: State) -> tuple[State, Subscription]:
        found = next((s for s in state.calendars if s.name == name), None)
        if found is None:
            raise UsageError(f"no followed calendar called {name!r}", hint=_names_hint(state))
        return state._replace(calendars=tuple(s for s in state.calendars if s.name != name)), found

    removed = ctx.save(change)
    kept = calendar_store.remove_copy(ctx.home, ctx.cache, removed.name)
    lines = (f"Its copy could not be deleted: {kept}. Delete it yourself.",) if kept else ()
    return Message(
        f"No longer following {removed.name!r} ({shown_source(removed)}).", {"removed": removed.name}, lines
    )


def calendar_refresh(ctx: "Context", name: str | None = None) -> RefreshReport:
    """The calendar refresh command: fetch each calendar (or one) again, keeping the last good copy
    when the new one cannot be had or read."""
    from mod4cli.load import calendar_store
    from mod4cli.load.http_fetch import FetchError

    chosen = ctx.state.calendars
    if name is not None:
        chosen = tuple(s for s in chosen if s.name == name)
        if not chosen:
            raise UsageError(f"no followed calendar called {name!r}", hint=_names_hint(ctx.state))
    if not chosen:
        raise UsageError("you follow no calendar yet", hint="Add one with: mod4 calendar add ADDRESS")
    now = ctx.now
    results: list[Refreshed] = []
    updates: dict[str, Subscription] = {}
    pending: dict[str, bytes] = {}  # new copies, kept under the lock once still followed
    for sub in chosen:  # the network, outside the state's lock
        shown = shown_source(sub)
        # Only an intact copy can be kept: without one, ask for the whole calendar (a 304 would
        # leave nothing to read) and keep what comes, even the same bytes as before.
        intact = _copy_is_intact(ctx, sub)
        try:
            data, fetched = _fetch_or_read(sub, conditional=intact)
            # Unchanged: the server said so (304), or sent (or the file holds) the same bytes.
            if data is None or (intact and calendar_store.content_hash(data) == sub.content):
                kept = _refreshed(sub, data, fetched, now) if data is not None else sub
                updates[sub.name] = kept._replace(refreshed=now, failure=None, failed_at=None)
                results.append(Refreshed(sub.name, shown, "unchanged"))
                continue
            events, warnings = _check_readable(data, shown, ctx)
            pending[sub.name] = data
        except (FetchError, CalendarError, UsageError) as error:
            reason = error.reason if isinstance(error, FetchError) else error.message
            updates[sub.name] = sub._replace(failure=reason, failed_at=now)
            results.append(Refreshed(sub.name, shown, "failed", reason))
            continue
        updates[sub.name] = _refreshed(sub, data, fetched, now)
        results.append(Refreshed(sub.name, shown, "refreshed", _undated(events), events, warnings))

    def change(state: State) -> tuple[State, tuple[Refreshed, ...]]:
        # A calendar removed or replaced while the network was asked keeps what the state says,
        # and no copy of it is kept: a student who removed a leaked address wants it all gone.
        followed = {s.name: s.source for s in state.calendars}
        before = {s.name: s for s in chosen}
        outcome = []
        for result in results:
            sub = updates[result.name]
            if followed.get(result.name) != sub.source:
                updates.pop(result.name)
                continue
            if result.name in pending:
                try:
                    calendar_store.write_copy(ctx.home, result.name, pending[result.name])
                except CalendarError as error:  # the old copy stays, and so does what names it
                    updates[result.name] = before[result.name]._replace(failure=error.message, failed_at=now)
                    result = result._replace(outcome="failed", detail=error.message, events=None)
            outcome.append(result)
        merged = tuple(updates.get(s.name, s) for s in state.calendars)
        return state._replace(calendars=merged), tuple(outcome)

    return RefreshReport(ctx.save(change))


def _undated(events: int | None) -> str:
    """What a student without a start date should know of a calendar just read."""
    return "" if events is not None else f"its events are checked once your start date is set: {_SET_START}"


def _copy_is_intact(ctx: "Context", sub: Subscription) -> bool:
    """Whether the calendar's last good copy is on disk as it was kept."""
    from mod4cli.load import calendar_store

    copy = calendar_store.read_copy(ctx.home, sub.name)
    return copy is not None and calendar_store.content_hash(copy) == sub.content


def _names_hint(state: State) -> str:
    names = ", ".join(s.name for s in state.calendars)
    return f"Followed: {names}." if names else "You follow no calendar yet: mod4 calendar add ADDRESS"


def _source_of(source: str) -> tuple[str | None, Path | None]:
    """An address (normalized) or an absolute path to a calendar file."""
    from mod4cli.load.http_fetch import FetchError, normalized

    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", source.strip()):
        try:
            return normalized(source), None
        except FetchError as error:
            raise UsageError(f"SOURCE: {error.reason}") from None
    return None, paths.user_path(source, "SOURCE").resolve()


def _chosen_name(
    name: str | None, address: str | None, path: Path | None, followed: tuple[Subscription, ...]
) -> str:
    taken = {s.name for s in followed}
    if name is not None:
        wanted = name.strip().lower()
        if not _NAME.fullmatch(wanted):
            raise UsageError(
                f"--name: {name!r} is not a calendar name",
                hint="Use up to 32 letters, digits and dashes, such as `mine` or `work`.",
            )
        if wanted in taken:
            raise UsageError(f"--name: you already follow a calendar called {wanted!r}")
        return wanted
    base = _default_name(address, path)
    chosen, n = base, 2
    while chosen in taken:
        chosen, n = f"{base}-{n}", n + 1
    return chosen


def _default_name(address: str | None, path: Path | None) -> str:
    if address is not None:
        from urllib.parse import urlsplit

        host = (urlsplit(address).hostname or "").lower()
        for part, name in _KNOWN_HOSTS:
            if part in host:
                return name
        labels = [label for label in host.split(".") if re.fullmatch(r"[a-z][a-z0-9-]*", label)]
        # `calendar.example.org` is "example"; an address by number or on this machine, "mine"
        label = labels[-2] if len(labels) >= 2 else ""
        return label[:32] if _NAME.fullmatch(label[:32]) else "mine"
    assert path is not None
    stem = re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-")
    return (stem or "mine")[:32]


class _Fetched(NamedTuple):
    etag: str | None
    last_modified: str | None
    size: int | None = None
    mtime_ns: int | None = None


def _fetch_or_read(sub: Subscription, *, conditional: bool = False) -> tuple[bytes | None, _Fetched]:
    """The calendar's new bytes (None: unchanged since the last refresh) and what to remember."""
    if sub.is_address:
        from mod4cli.load.http_fetch import fetch

        got = fetch(sub.source, sub.etag if conditional else None, sub.last_modified if conditional else None)
        return got.body, _Fetched(got.etag, got.last_modified)
    from mod4cli.load.calendar_file import read_bytes

    path = Path(sub.source)
    data = read_bytes(path)
    info = path.stat()
    return data, _Fetched(None, None, info.st_size, info.st_mtime_ns)


def _check_readable(data: bytes, shown: str, ctx: "Context") -> tuple[int | None, tuple[str, ...]]:
    """Read the calendar (raising CalendarError, led by `shown`, its path or masked address, when
    it cannot be): its busy events in the module's weeks, when the start date is known, and what
    the student should know of its reading (events left out, zones guessed)."""
    from mod4cli.load.calendar_file import read_calendar

    timeline = ctx.timeline
    if timeline.dated:
        read = read_calendar(data, shown, ctx.zone, timeline.first_day(), timeline.end())
        events: int | None = sum(1 for e in read.events if e.busy)
    else:  # no start date: still make sure the calendar reads, over a window around today
        read = read_calendar(data, shown, ctx.zone, ctx.now - timedelta(days=7), ctx.now + timedelta(days=7))
        events = None
    return events, tuple(reading_warnings(shown, read))


def _refreshed(sub: Subscription, data: bytes, fetched: _Fetched, now: datetime) -> Subscription:
    from mod4cli.load.calendar_store import content_hash

    return sub._replace(
        refreshed=now,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        content=content_hash(data),
        size=fetched.size,
        mtime_ns=fetched.mtime_ns,
        failure=None,
        failed_at=None,
    )
