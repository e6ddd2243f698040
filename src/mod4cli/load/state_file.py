"""The student's state file: load (and upgrade), check, lock, and save atomically.

The file is TOML with a schema version. A file that cannot be read, or holds what mod4 would
never write (a booking on a Saturday, a date in the year 9999, an unknown key), is never
overwritten: the command stops and names the file and the key. Every write happens under an
inter-process lock, named after the file actually written (a link's target), around the whole
read-modify-write; it goes to a temporary file in the same folder that is flushed and fsynced,
then renamed over the old one; the previous good version is kept beside it as `state.toml.bak`.
New files are private (0600), and a file the student made read-only is left alone.

Limits (README, "Where your progress lives"): MAX_BYTES of file, limits.MAX_DEPTH of nesting,
UNDO_DEPTH history entries, dates in 2000-2100, meetings of 1 to MAX_MINUTES minutes.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mod4cli.load.fs import FileRefused, make_private_folder, read_limited, remove_stale_temps, write_atomic
from mod4cli.model.errors import StateError
from mod4cli.model.progress import UNDO_DEPTH, Booking, Profile, Snapshot, State
from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR, within_years

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from mod4cli.model.calendar import Subscription

T = TypeVar("T")
SCHEMA = 2
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another before giving up
MAX_BYTES = 4 * 2**20  # a state file of a whole module, with full undo history, is under 100 KB
MAX_MINUTES = 480  # the longest coaching meeting a schedule may set

# Booking numbers a student could ever reach (a meeting a week for centuries): a hand-edited number
# beyond is refused, as 10**20 would be written back past TOML's 64-bit integers.
MAX_BOOKING_ID = 1_000_000


def _upgrade_from_1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 keeps the next booking id, so that an id is never given twice, even after the
    cancelled booking has left the undo history; a schema 1 file starts after its highest id."""
    if "next_booking" in data:
        raise _Bad("next_booking: unknown key in a schema 1 file")
    return {**data, "schema": 2, "next_booking": max(_ids_in(data), default=0) + 1}


def _ids_in(data: dict[str, Any]) -> list[int]:
    """Every booking id in a parsed state file, current or in the history; wrong shapes are
    skipped here and reported by the checks that follow the upgrade."""
    tables: list[Any] = list(_list_at(data, "booking"))
    for entry in _list_at(data, "history"):
        if isinstance(entry, dict):
            tables.extend(_list_at(entry, "bookings"))
    return [t["id"] for t in tables if isinstance(t, dict) and type(t.get("id")) is int]


def _list_at(table: dict[str, Any], key: str) -> list[Any]:
    value = table.get(key)
    return value if isinstance(value, list) else []


# Upgrades from older schema versions, keyed by the version they upgrade from.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _upgrade_from_1}


def backup_path(path: Path) -> Path:
    """Where the last good version of a state file is kept."""
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    """The lock file of a state file (after following its link: one file, one lock)."""
    return path.with_name(path.name + ".lock")


def load(path: Path, campus: ZoneInfo | None = None) -> State:
    """The state in `path`; an empty state when the file does not exist yet. With the campus
    zone, bookings are also checked to fall on weekdays there."""
    path = _inside_home(path)
    raw = _read(path)
    return State() if raw is None else decode(raw, path, campus)


def _read(path: Path) -> bytes | None:
    """The state file's bytes; None when there is none yet."""
    try:
        return read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    except FileRefused as refused:
        reason = refused.reason
        raise StateError(f"{path}: {reason}; it was left as it is", hint=_restore_hint(path)) from None
    except NotADirectoryError:
        raise StateError(_not_a_folder(path.parent)) from None
    except OSError as exc:
        raise StateError(f"{path}: cannot read your state: {exc.strerror or exc}") from None


def _inside_home(path: Path) -> Path:
    """The file to read and write for `path`: itself, or the target of a link that stays in its
    folder. A link that leads elsewhere is refused rather than followed."""
    if not path.is_symlink():
        return path
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a circle of links: RuntimeError on Python 3.11, OSError on 3.13
        raise StateError(
            f"{path}: is a symbolic link that leads in a circle, so there is no file to read; "
            "mod4 will not follow it",
            hint=_unlink_hint(path),
        ) from None
    if not target.is_relative_to(path.parent.resolve()):
        raise StateError(
            f"{path}: is a symbolic link to {target}, outside {path.parent}; mod4 will not follow it",
            hint="Replace the link with the file itself, or point MOD4_HOME at the folder you mean.",
        )
    return target


def update(
    path: Path,
    change: Callable[[State], tuple[State, T]],
    timeout: float = LOCK_TIMEOUT,
    campus: ZoneInfo | None = None,
) -> tuple[T, State]:
    """Apply `change` to the state under the lock and save the result atomically; the change's
    result, and the state as saved (as reading the file back would give it)."""
    from filelock import FileLock, Timeout  # only writers pay for the import

    _import_writers()
    _make_folder(path.parent)
    # The lock belongs to the file written, not to the name used: writers through a link and
    # through its target must wait for each other.
    path = _inside_home(path)
    lock = FileLock(str(lock_path(path)), timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise StateError(
            f"{lock_path(path)}: another mod4 has been writing for {timeout:g} s, so nothing was changed",
            hint="Try again in a moment. A lock left by a crashed mod4 is released by the system.",
        ) from None
    except OSError as exc:
        raise StateError(
            f"{lock_path(path)}: cannot create the lock file: {exc.strerror or exc}; nothing was changed"
        ) from None
    try:
        return _change_locked(path, change, campus)
    except OSError as exc:
        raise StateError(
            f"{path}: cannot save your state: {exc.strerror or exc}; nothing was changed"
        ) from None
    finally:
        lock.release()


def _import_writers() -> None:
    """Import what a write needs before taking the lock, so other writers wait for the work
    only, not for imports (with fifty writers starting at once on two cores, that matters)."""
    import tomllib  # noqa: F401
    import zoneinfo  # noqa: F401

    import tomli_w  # noqa: F401


def _change_locked(
    path: Path, change: Callable[[State], tuple[State, T]], campus: ZoneInfo | None
) -> tuple[T, State]:
    _refuse_read_only(path)
    _remove_leftovers(path)
    raw = _read(path)
    state = decode(raw, path, campus) if raw is not None else State()
    new_state, result = change(state)
    if raw is not None and new_state == state:  # `done resume` twice: the file and its backup stay
        return result, state
    data = encode(new_state)
    saved = _check_saveable(data, path, campus)
    if raw is not None:
        write_atomic(backup_path(path), _without_dropped_addresses(raw, state, new_state))
    write_atomic(path, data)
    return result, saved


def _without_dropped_addresses(raw: bytes, state: State, new_state: State) -> bytes:
    """The previous state as the backup keeps it: as it was, except for the private address of a
    calendar this change stops following. A student who removes a leaked address expects it gone
    from every file; restoring the backup then gives the state before, without that calendar."""
    kept = {s.source for s in new_state.calendars}
    calendars = tuple(s for s in state.calendars if s.source in kept or not s.is_address)
    if calendars == state.calendars:
        return raw
    return encode(state._replace(calendars=calendars))


def _check_saveable(data: bytes, path: Path, campus: ZoneInfo | None) -> State:
    """The state `data` reads back as: mod4 never writes a state file it would refuse to read back
    (a profile start in 1990, a file grown past the limit); the change is refused instead, and
    nothing is written."""
    import tomllib

    if len(data) > MAX_BYTES:
        raise StateError(
            f"{path}: this change would make the file larger than {MAX_BYTES // 2**20} MB, "
            "the most mod4 keeps; nothing was changed"
        )
    try:
        return _state_from(tomllib.loads(data.decode("utf-8")), campus)
    except _Bad as exc:
        raise StateError(f"{path}: this change cannot be saved ({exc}); nothing was changed") from None


def _make_folder(folder: Path) -> None:
    """Create the state's folder, private to the student, when it does not exist yet."""
    try:
        make_private_folder(folder)
    except NotADirectoryError:
        raise StateError(_not_a_folder(folder)) from None
    except OSError as exc:
        raise StateError(f"{folder}: cannot create the folder for your state: {exc.strerror}") from None


def _not_a_folder(folder: Path) -> str:
    # Name the file that stands where a folder should be: the home itself or one of its parents.
    culprit = next((f for f in (folder, *folder.parents) if f.exists() and not f.is_dir()), folder)
    if culprit == folder:
        return f"{folder}: is a file, not a folder; your state is kept in a folder (see MOD4_HOME)"
    return f"{culprit}: is a file, so the folder for your state, {folder}, cannot be made (see MOD4_HOME)"


def _refuse_read_only(path: Path) -> None:
    """A state file without write permission is the student's choice: leave it as it is (the
    folder may well allow replacing it, and root may write anything, so ask the mode itself)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise StateError(
            f"{path}: is read-only (mode {stat.S_IMODE(mode):04o}), so mod4 leaves it as it is; "
            "nothing was changed",
            hint=f"To let mod4 record changes again: chmod u+w {_quoted(path)}",
        )


def _remove_leftovers(path: Path) -> None:
    """Delete the temporary files of writes of the state or its backup that were killed midway."""
    remove_stale_temps(path)
    remove_stale_temps(backup_path(path))


def encode(state: State) -> bytes:
    """The state as TOML bytes."""
    import tomli_w

    doc: dict[str, Any] = {"schema": SCHEMA, "next_booking": state.next_booking}
    profile = {
        key: value
        for key, value in (
            ("start", state.profile.start),
            ("timezone", state.profile.timezone),
            ("repeating", state.profile.repeating),
        )
        if value is not None
    }
    doc["profile"] = profile
    doc["stages"] = dict(state.stages)
    doc["booking"] = [_booking_table(b) for b in state.bookings]
    doc["history"] = [
        {
            "action": s.action,
            "at": s.at,
            "stages": dict(s.stages),
            "bookings": [_booking_table(b) for b in s.bookings],
        }
        for s in state.history
    ]
    doc["calendar"] = [
        {key: value for key, value in sub._asdict().items() if value is not None} for sub in state.calendars
    ]
    return tomli_w.dumps(doc).encode("utf-8")


def _booking_table(b: Booking) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": b.id,
        "specialist": b.specialist,
        "start": b.start,
        "minutes": b.minutes,
    }
    if b.topic:
        table["topic"] = b.topic
    return table


def decode(raw: bytes, path: Path, campus: ZoneInfo | None = None) -> State:
    """Parse and check a state file; anything off is a StateError naming the file and key."""
    import tomllib  # not needed until there is a state file

    from mod4cli.load.limits import MAX_DEPTH, nesting

    if raw.startswith(b"\xef\xbb\xbf"):
        raise StateError(
            f"{path}: starts with a UTF-8 byte-order mark, which TOML does not allow; "
            "it was left as it is (save it without one)",
            hint=_restore_hint(path),
        )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StateError(
            f"{path}: your state file is damaged ({exc}); it was left as it is", hint=_restore_hint(path)
        ) from None
    except RecursionError:
        data = None
    if data is None or nesting(data) > MAX_DEPTH:
        raise StateError(
            f"{path}: tables or arrays nested more than {MAX_DEPTH} deep, which mod4 never writes; "
            "it was left as it is",
            hint=_restore_hint(path),
        )
    try:
        return _state_from(_upgraded(data), campus)
    except _Bad as exc:
        raise StateError(f"{path}: {exc}; the file was left as it is", hint=_restore_hint(path)) from None


def _restore_hint(path: Path) -> str:
    # Quoted for a shell, so a folder name holding a quote cannot turn the hint into a command.
    backup = backup_path(path)
    here = _quoted(path)
    if backup.is_file():
        return f"The last good version is {backup}. To restore it: cp {_quoted(backup)} {here}"
    return f"Move the file away to start afresh: mv {here} {_quoted(str(path) + '.broken')}"


def _unlink_hint(path: Path) -> str:
    """How to replace a link that leads nowhere (cp onto it would follow it and fail)."""
    backup, here = backup_path(path), _quoted(path)
    if backup.is_file():
        return f"Put the last good version in its place: rm {here} && cp {_quoted(backup)} {here}"
    return f"Remove the link to start afresh: rm {here}"


def _quoted(path: Path | str) -> str:
    """A path as a shell reads it back whatever it holds (a folder named with a quote, a space)."""
    import shlex  # only for the hints of errors

    return shlex.quote(str(path))


class _Bad(Exception):
    """A state value of the wrong shape."""


def _upgraded(data: dict[str, Any]) -> dict[str, Any]:
    version = data.get("schema")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Bad("schema: missing or not a whole number")
    if version > SCHEMA:
        raise _Bad(
            f"schema {version} was written by a newer mod4 (this one reads up to {SCHEMA}); upgrade mod4"
        )
    while version < SCHEMA:
        if version not in _UPGRADES:
            raise _Bad(f"schema {version} is not one this mod4 can upgrade")
        data = _UPGRADES[version](data)
        version = data["schema"]
    return data


def _state_from(data: dict[str, Any], campus: ZoneInfo | None) -> State:
    _only(data, {"schema", "next_booking", "profile", "stages", "booking", "history", "calendar"}, "")
    profile = _profile(_get(data, "profile", dict, {}))
    stages = _stages(_get(data, "stages", dict, {}), "stages")
    bookings = _bookings(_get(data, "booking", list, []), "booking", campus)
    entries = _get(data, "history", list, [])
    if len(entries) > UNDO_DEPTH:
        raise _Bad(f"history: {len(entries)} entries, more than the {UNDO_DEPTH} that mod4 keeps")
    history = tuple(_snapshot(entry, f"history[{n}]", campus) for n, entry in enumerate(entries, start=1))
    next_booking = _get(data, "next_booking", int, None)
    if next_booking is None:
        raise _Bad("next_booking: missing")
    highest = max((b.id for b in (*bookings, *(b for s in history for b in s.bookings))), default=0)
    if not 1 <= next_booking <= MAX_BOOKING_ID + 1:
        raise _Bad(f"next_booking: expected a number from 1 to {MAX_BOOKING_ID + 1:,}, got {next_booking}")
    if next_booking <= highest:
        raise _Bad(f"next_booking: {next_booking} is not above booking #{highest}, so ids would repeat")
    calendars = _calendars(_get(data, "calendar", list, []), "calendar")
    return State(profile, stages, bookings, history, next_booking, calendars)


_CALENDAR_KEYS = {
    "name": str,
    "source": str,
    "added": datetime,
    "refreshed": datetime,
    "etag": str,
    "last_modified": str,
    "content": str,
    "size": int,
    "mtime_ns": int,
    "failure": str,
    "failed_at": datetime,
}


def _calendars(raw: list[Any], where: str) -> tuple[Subscription, ...]:
    """The followed calendars (`[[calendar]]`), each checked like everything else here."""
    if not raw:
        return ()
    from mod4cli.model.calendar import Subscription  # only paid for by students who follow one

    calendars: list[Subscription] = []
    for index, entry in enumerate(raw, start=1):
        at = f"{where}[{index}]"
        if not isinstance(entry, dict):
            raise _Bad(f"{at}: expected a table")
        _only(entry, set(_CALENDAR_KEYS), at)
        values = {key: _get(entry, key, kind, None, at) for key, kind in _CALENDAR_KEYS.items()}
        for key in ("name", "source", "added"):
            if values[key] is None:
                raise _Bad(f"{at}.{key}: missing")
        for key in ("added", "refreshed", "failed_at"):
            if values[key] is not None:
                values[key] = _moment(entry, key, at)
        calendars.append(Subscription(**values))
    names = [c.name for c in calendars]
    if len(set(names)) != len(names):
        raise _Bad(f"{where}: the same calendar name twice")
    return tuple(calendars)


def _profile(raw: dict[str, Any]) -> Profile:
    _only(raw, {"start", "timezone", "repeating"}, "profile")
    start = _get(raw, "start", date, None, "profile")
    if isinstance(start, datetime):
        raise _Bad(f"profile.start: {_expected(date, start)}")
    if start is not None:
        _within_years(start, "profile.start")
        if start.weekday() != 0:
            raise _Bad(f"profile.start: the module starts on a Monday; {start} is a {start:%A}")
    zone = _get(raw, "timezone", str, None, "profile")
    if zone is not None and not _is_zone(zone):
        raise _Bad(f"profile.timezone: {zone!r} is not an IANA time zone name (such as America/Denver)")
    return Profile(start=start, timezone=zone, repeating=_get(raw, "repeating", bool, False, "profile"))


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _snapshot(entry: Any, where: str, campus: ZoneInfo | None) -> Snapshot:
    if not isinstance(entry, dict):
        raise _Bad(f"{where}: expected a table")
    _only(entry, {"action", "at", "stages", "bookings"}, where)
    return Snapshot(
        action=_get(entry, "action", str, "change", where),
        at=_moment(entry, "at", where),
        stages=_stages(_get(entry, "stages", dict, {}, where), f"{where}.stages"),
        bookings=_bookings(_get(entry, "bookings", list, [], where), f"{where}.bookings", campus),
    )


def _stages(raw: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    # Items the schedule does not know are kept (the schedule may change); their stages must
    # still be names.
    for key, value in raw.items():
        if not isinstance(value, str):
            raise _Bad(f"{where}.{key}: expected a stage name")
    return tuple(sorted(raw.items()))


def _bookings(raw: list[Any], where: str, campus: ZoneInfo | None) -> tuple[Booking, ...]:
    bookings: list[Booking] = []
    for index, entry in enumerate(raw, start=1):
        at = f"{where}[{index}]"
        if not isinstance(entry, dict):
            raise _Bad(f"{at}: expected a table")
        _only(entry, {"id", "specialist", "start", "minutes", "topic"}, at)
        booking = Booking(
            id=_get(entry, "id", int, None, at),
            specialist=_get(entry, "specialist", str, "", at),
            start=_moment(entry, "start", at),
            minutes=_get(entry, "minutes", int, 30, at),
            topic=_get(entry, "topic", str, None, at),
        )
        if booking.id is None or not 1 <= booking.id <= MAX_BOOKING_ID:
            raise _Bad(f"{at}.id: expected a booking number from 1 to {MAX_BOOKING_ID:,}")
        if any(b.id == booking.id for b in bookings):
            raise _Bad(f"{at}.id: booking #{booking.id} appears twice")
        # Which names are specialists is the schedule's to say, and it may change: a booking
        # with a name it does not know is still shown.
        if not booking.specialist.strip():
            raise _Bad(f"{at}.specialist: missing")
        if not 1 <= booking.minutes <= MAX_MINUTES:
            raise _Bad(f"{at}.minutes: expected 1 to {MAX_MINUTES}, got {booking.minutes}")
        if campus is not None:
            local = booking.start.astimezone(campus)
            if local.weekday() >= 5:
                raise _Bad(
                    f"{at}.start: {local:%a %d %b %Y %H:%M} {campus.key} is a {local:%A}; "
                    "coaching is Monday to Friday"
                )
        bookings.append(booking)
    return tuple(bookings)


def _moment(table: dict[str, Any], key: str, where: str) -> datetime:
    """A date-time with its UTC offset, within the years mod4 handles."""
    value: datetime | None = _get(table, key, datetime, None, where)
    if value is None:
        raise _Bad(f"{where}.{key}: expected a date-time with its UTC offset")
    if value.tzinfo is None:
        raise _Bad(f"{where}.{key}: {_expected(datetime, value)}")
    _within_years(value, f"{where}.{key}")
    return value


def _within_years(value: date, where: str) -> None:
    # Checked on the written date, before any arithmetic could overflow on year 1 or 9999.
    if not within_years(value):
        raise _Bad(f"{where}: expected a date in {FIRST_YEAR}-{LAST_YEAR}, got {value.isoformat()}")


def _only(table: dict[str, Any], allowed: set[str], where: str) -> None:
    # Unknown keys would be dropped by the next save: refuse rather than lose them.
    for key in table:
        if key not in allowed:
            raise _Bad(f"{where + '.' if where else ''}{key}: unknown key")


def _get(table: dict[str, Any], key: str, kind: type[T], default: Any, where: str = "") -> Any:
    if key not in table:
        return default
    value = table[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Bad(f"{where + '.' if where else ''}{key}: {_expected(kind, value)}")
    return value


def _expected(kind: type, value: Any) -> str:
    """`expected text, got a date-time (...)`, worded as the schedule's problems are."""
    # Imported here: only a wrong state file pays for the schedule reader's module.
    from mod4cli.load.toml_reader import describe_value, type_name

    return f"expected {type_name(kind)}, got {describe_value(value)}"
