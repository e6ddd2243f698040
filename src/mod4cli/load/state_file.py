"""The student's state file: load (and upgrade), lock, and save atomically.

The file is TOML with a schema version. A file that cannot be read is never overwritten: the
command stops and names it. Every write happens under an inter-process lock around the whole
read-modify-write, goes to a temporary file in the same folder that is flushed and fsynced, then
renamed over the old one; the previous good version is kept beside it as `state.toml.bak`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from mod4cli.load.fs import FileRefused, read_limited, temp_prefix, write_atomic
from mod4cli.model.calendar import Subscription
from mod4cli.model.errors import StateError
from mod4cli.model.progress import Booking, Profile, Snapshot, State

T = TypeVar("T")
SCHEMA = 2
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another before giving up
MAX_BYTES = 4 * 2**20  # a state file of a whole module, with full undo history, is under 100 KB
# Upgrades from older schema versions, keyed by the version they upgrade from.
# 1 -> 2: followed calendars (`[[calendar]]`) appear; a version-1 file has none.
_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: lambda data: {**data, "schema": 2}}


def backup_path(path: Path) -> Path:
    """Where the last good version of a state file is kept."""
    return path.with_name(path.name + ".bak")


def load(path: Path) -> State:
    """The state in `path`; an empty state when the file does not exist yet."""
    path = _inside_home(path)
    raw = _read(path)
    return State() if raw is None else decode(raw, path)


def _read(path: Path) -> bytes | None:
    """The state file's bytes; None when there is none yet."""
    try:
        return read_limited(path, MAX_BYTES)
    except FileNotFoundError:
        return None
    except FileRefused as refused:
        raise StateError(f"{path}: {refused.reason}; it was left as it is") from None
    except OSError as exc:
        raise StateError(f"{path}: cannot read your state: {exc.strerror or exc}") from None


def _inside_home(path: Path) -> Path:
    """The file to read and write for `path`: itself, or the target of a link that stays in its
    folder. A link that leads elsewhere is refused rather than followed."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    if not target.is_relative_to(path.parent.resolve()):
        raise StateError(
            f"{path}: is a symbolic link to {target}, outside {path.parent}; mod4 will not follow it",
            hint="Replace the link with the file itself, or point MOD4_HOME at the folder you mean.",
        )
    return target


def update(path: Path, change: Callable[[State], tuple[State, T]], timeout: float = LOCK_TIMEOUT) -> T:
    """Apply `change` to the state under the lock and save the result atomically."""
    from filelock import FileLock, Timeout  # only writers pay for the import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the folder for your state: {exc.strerror}") from None
    lock = FileLock(str(path.with_name(path.name + ".lock")), timeout=timeout)
    try:
        with lock:
            path = _inside_home(path)
            _remove_leftovers(path)
            raw = _read(path)
            state = decode(raw, path) if raw is not None else State()
            new_state, result = change(state)
            if raw is not None:
                write_atomic(backup_path(path), raw)
            write_atomic(path, encode(new_state))
            return result
    except Timeout:
        raise StateError(
            f"{path}: another mod4 has been writing for {timeout:g} s, so nothing was changed",
            hint="Try again in a moment. A lock left by a crashed mod4 is released by the system.",
        ) from None
    except OSError as exc:
        raise StateError(
            f"{path}: cannot save your state: {exc.strerror or exc}; nothing was changed"
        ) from None


def _remove_leftovers(path: Path) -> None:
    """Delete temporary files of writes that were killed midway: under the lock, no other
    writer can own one, and the real file was never touched by them."""
    for pattern in (f"{temp_prefix(path)}*.tmp", f"{temp_prefix(backup_path(path))}*.tmp"):
        for leftover in path.parent.glob(pattern):
            with suppress(OSError):
                leftover.unlink()


def encode(state: State) -> bytes:
    """The state as TOML bytes."""
    import tomli_w

    doc: dict[str, Any] = {"schema": SCHEMA}
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


def decode(raw: bytes, path: Path) -> State:
    """Parse and check a state file; anything off is a StateError naming the file and key."""
    import tomllib  # not needed until there is a state file

    restore = _restore_hint(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StateError(
            f"{path}: your state file is damaged ({exc}); it was left as it is", hint=restore
        ) from None
    try:
        return _state_from(_upgraded(data))
    except _Bad as exc:
        raise StateError(f"{path}: {exc}; the file was left as it is", hint=restore) from None


def _restore_hint(path: Path) -> str:
    backup = backup_path(path)
    if backup.is_file():
        return f"The last good version is {backup}. To restore it: cp '{backup}' '{path}'"
    return f"Move the file away to start afresh: mv '{path}' '{path}.broken'"


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


def _state_from(data: dict[str, Any]) -> State:
    _only(data, {"schema", "profile", "stages", "booking", "history", "calendar"}, "")
    profile_raw = _get(data, "profile", dict, {})
    _only(profile_raw, {"start", "timezone", "repeating"}, "profile")
    start = _get(profile_raw, "start", date, None, "profile")
    if isinstance(start, datetime):
        raise _Bad("profile.start: expected a date")
    profile = Profile(
        start=start,
        timezone=_get(profile_raw, "timezone", str, None, "profile"),
        repeating=_get(profile_raw, "repeating", bool, False, "profile"),
    )
    stages = _stages(_get(data, "stages", dict, {}), "stages")
    bookings = _bookings(_get(data, "booking", list, []), "booking")
    history = []
    for index, entry in enumerate(_get(data, "history", list, []), start=1):
        where = f"history[{index}]"
        if not isinstance(entry, dict):
            raise _Bad(f"{where}: expected a table")
        _only(entry, {"action", "at", "stages", "bookings"}, where)
        at = _get(entry, "at", datetime, None, where)
        if at is None:
            raise _Bad(f"{where}.at: missing")
        history.append(
            Snapshot(
                action=_get(entry, "action", str, "change", where),
                at=at,
                stages=_stages(_get(entry, "stages", dict, {}, where), f"{where}.stages"),
                bookings=_bookings(_get(entry, "bookings", list, [], where), f"{where}.bookings"),
            )
        )
    calendars = _calendars(_get(data, "calendar", list, []), "calendar")
    return State(profile, stages, bookings, tuple(history), calendars)


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
            if values[key] is not None and values[key].tzinfo is None:
                raise _Bad(f"{at}.{key}: expected a date-time with its UTC offset")
        calendars.append(Subscription(**values))
    names = [c.name for c in calendars]
    if len(set(names)) != len(names):
        raise _Bad(f"{where}: the same calendar name twice")
    return tuple(calendars)


def _stages(raw: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    for key, value in raw.items():
        if not isinstance(value, str):
            raise _Bad(f"{where}.{key}: expected a stage name")
    return tuple(sorted(raw.items()))


def _bookings(raw: list[Any], where: str) -> tuple[Booking, ...]:
    bookings = []
    for index, entry in enumerate(raw, start=1):
        at = f"{where}[{index}]"
        if not isinstance(entry, dict):
            raise _Bad(f"{at}: expected a table")
        _only(entry, {"id", "specialist", "start", "minutes", "topic"}, at)
        start = _get(entry, "start", datetime, None, at)
        if start is None or start.tzinfo is None:
            raise _Bad(f"{at}.start: expected a date-time with its UTC offset")
        bookings.append(
            Booking(
                id=_get(entry, "id", int, 0, at),
                specialist=_get(entry, "specialist", str, "", at),
                start=start,
                minutes=_get(entry, "minutes", int, 30, at),
                topic=_get(entry, "topic", str, None, at),
            )
        )
    return tuple(bookings)


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
        raise _Bad(
            f"{where + '.' if where else ''}{key}: expected {kind.__name__}, got {type(value).__name__}"
        )
    return value
