"""The student's followed calendars on disk: the last good copy of each, and its busy times.

Copies live in MOD4_HOME/calendars/NAME.ics (0600, in a 0700 folder: the events are private),
written atomically and only after they parsed. The busy times of the module's window are
kept in the cache folder as plain JSON, keyed by everything they depend on (the copy's content
hash, the student's zone, the module's first day, weeks and campus zone, mod4's version), so
`status`, `week` and `check-conflict` read a few hundred intervals instead of parsing a
calendar, and never import icalendar when nothing changed.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from mod4cli import __version__
from mod4cli.load.fs import (
    FileRefused,
    digest,
    make_private_folder,
    read_limited,
    remove_stale_temps,
    write_atomic,
)
from mod4cli.load.limits import MAX_CALENDAR_BYTES
from mod4cli.model.calendar import CalendarEvent, Subscription
from mod4cli.model.errors import CalendarError
from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR

FORMAT = 1  # of the busy-time entries


def copy_path(home: Path, name: str) -> Path:
    """Where the last good copy of a followed calendar is kept."""
    return home / "calendars" / f"{name}.ics"


def write_copy(home: Path, name: str, data: bytes) -> Path:
    """Keep `data` as the calendar's copy, private to the student (CalendarError: it cannot be)."""
    target = copy_path(home, name)
    try:
        make_private_folder(target.parent)  # the home too, when this is mod4's first write
        remove_stale_temps(target)  # of a run killed while it wrote this copy
        write_atomic(target, data)  # a new file from mkstemp: 0600 already
    except OSError as exc:
        raise CalendarError(f"{target}: cannot keep a copy: {exc.strerror or exc}") from None
    return target


def read_copy(home: Path, name: str) -> bytes | None:
    """The calendar's last good copy, or None when there is none (or it cannot be read)."""
    try:
        return read_limited(copy_path(home, name), MAX_CALENDAR_BYTES)
    except (OSError, FileRefused):
        return None


def changed_source(sub: Subscription) -> bytes | None:
    """The bytes of a followed file whose size or modification time differ from those recorded
    when it was last read; None for an address, an unchanged file or one that is gone (its last
    good copy is what there is). CalendarError, naming the file, when it changed but cannot be read.
    """
    if sub.is_address:
        return None
    source = Path(sub.source)
    try:
        info = source.stat()
    except OSError:
        return None
    if (info.st_size, info.st_mtime_ns) == (sub.size, sub.mtime_ns):
        return None
    from mod4cli.load.calendar_file import read_bytes  # bounded, and its refusals name the file

    return read_bytes(source)


def remove_copy(home: Path, cache: Path, name: str) -> Path | None:
    """Forget a calendar: its copy and its cached busy times. The copy when it could not be
    deleted (the calendar is no longer followed all the same: the student should know)."""
    with suppress(OSError):  # only a cache
        _busy_path(cache, name).unlink(missing_ok=True)
    copy = copy_path(home, name)
    try:
        copy.unlink()
    except (FileNotFoundError, NotADirectoryError):
        return None  # there is none
    except OSError:
        return copy
    return None


def content_hash(data: bytes) -> str:
    """The hash that names a copy's content."""
    return digest(data, 20)


def busy_key(content: str, zone: str, first_day: datetime, weeks: int) -> str:
    """Everything the busy times of a copy depend on, as one string."""
    return f"{__version__}:{FORMAT}:{content}:{zone}:{first_day.isoformat()}:{weeks}"


def read_busy(cache: Path, name: str, key: str) -> list[CalendarEvent] | None:
    """The cached busy events of a calendar, when they were worked out for exactly `key`."""
    try:
        document = json.loads(read_limited(_busy_path(cache, name), MAX_CALENDAR_BYTES))
        if not isinstance(document, dict) or document.get("key") != key:
            return None
        return [_event(row) for row in document["events"]]
    except _UNUSABLE:
        return None  # absent, damaged or for other inputs: work them out again


# Whatever reading and decoding an absent or damaged entry may raise (ArithmeticError: a number too
# large for a date; RecursionError: JSON nested too deep): each means working the times out again.
_UNUSABLE = (
    OSError,
    FileRefused,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    ArithmeticError,
    RecursionError,
)


def write_busy(cache: Path, name: str, key: str, events: list[CalendarEvent]) -> None:
    """Keep the busy events of a calendar for `key` (a cache: failures only cost speed)."""
    rows = [[e.summary, e.start.timestamp(), e.end.timestamp(), e.all_day, e.uid] for e in events if e.busy]
    target = _busy_path(cache, name)
    try:
        make_private_folder(cache)
        remove_stale_temps(target)
        write_atomic(target, json.dumps({"key": key, "events": rows}).encode())
    except OSError:
        pass


def _event(row: list[object]) -> CalendarEvent:
    summary, start, end, all_day, uid = row
    if not (isinstance(summary, str) and isinstance(start, int | float) and isinstance(end, int | float)):
        raise TypeError("not a busy-time row")
    if not _FIRST <= start <= end <= _LAST:  # also NaN; a damaged entry, never one mod4 wrote
        raise ValueError("not a time mod4 would keep")
    return CalendarEvent(
        summary=summary,
        start=datetime.fromtimestamp(start, UTC),
        end=datetime.fromtimestamp(end, UTC),
        all_day=bool(all_day),
        busy=True,
        uid=uid if isinstance(uid, str) else None,
    )


# The instants a kept busy time may fall on: those of the years every date of mod4 falls in.
_FIRST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp() - 2 * 86400
_LAST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp() + 2 * 86400


def _busy_path(cache: Path, name: str) -> Path:
    return cache / f"busy-{name}.json"
