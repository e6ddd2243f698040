"""A cache of parsed schedules, so a large cohort or campus file is not re-validated on every run.

Validating TOML costs about 70 microseconds an event, which a 10,000-session schedule would pay
on every command. The parsed Schedule is kept as plain JSON data (lists, strings, numbers:
nothing that can run code when read) in the user's cache folder, keyed by mod4's version and a
hash of the schedule file's bytes, which are read on every run anyway. So an edited file is
always parsed again, whatever its size and timestamps say.

An entry is used only when it is a regular file owned by the user, writable by no one else and
not a hard link, and only when it decodes into exactly the shapes of the model; anything else is
a miss, and the file is parsed and the entry rewritten: the cache can make mod4 faster, never
different. `schedule check` never reads it. JSON rather than marshal: docs/reliability.md has
the measurements and the reasons.
"""

from __future__ import annotations

import os
import stat
import types
from collections.abc import Callable
from datetime import date, time
from functools import partial
from operator import contains, itemgetter
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from mod4cli import __version__
from mod4cli.load.fs import FileRefused, digest, read_limited
from mod4cli.load.schedule_file import decode_text, parse_text, read_schedule_bytes
from mod4cli.model.schedule import Schedule
from mod4cli.model.timeline import FIRST_YEAR, LAST_YEAR

FORMAT = 2  # of the entries; part of the key, so an older layout is a miss


class _Miss(Exception):
    """The cache entry cannot be used."""


# Whatever reading and decoding an absent, foreign or damaged entry may raise (ArithmeticError: a
# number too large for a date; RecursionError: JSON nested too deep): each is a miss, never an error.
_UNUSABLE = (
    _Miss,
    FileRefused,
    OSError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    ArithmeticError,
    RecursionError,
)


def load(path: Path, folder: Path) -> Schedule:
    """The schedule in `path`, from the cache when its bytes have not changed since."""
    raw = read_schedule_bytes(path)
    key = entry_key(raw)
    entry = entry_path(path, folder)
    try:
        return _read_entry(entry, key, str(path))
    except _UNUSABLE:
        pass  # absent, foreign, damaged or from another version: parse the file
    parsed = parse_text(decode_text(raw, path), str(path))
    _store(entry, key, parsed)
    return parsed


def entry_path(path: Path, folder: Path) -> Path:
    """The cache entry of a schedule file (one per file, named after its resolved path)."""
    return folder / f"schedule-{digest(str(path.resolve()).encode(), 8)}.json"


def entry_key(raw: bytes) -> str:
    """What an entry must carry to stand for a file of these bytes, read by this mod4."""
    return f"{__version__}:{FORMAT}:{digest(raw, 20)}"


def _read_entry(entry: Path, key: str, path: str) -> Schedule:
    import json

    document = json.loads(read_limited(entry, _MAX_ENTRY, nofollow=True, check=_only_ours))
    if not isinstance(document, dict) or document.get("key") != key or document.get("path") != path:
        raise _Miss
    schedule = _decode(Schedule, document.get("schedule"))
    assert isinstance(schedule, Schedule)
    return schedule


def _only_ours(info: os.stat_result) -> None:
    """An entry is used only when it is the user's own, writable by no one else, and not a hard
    link: in a shared cache folder a link could bring in any file of the student's own, whose bytes
    someone else chose."""
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or info.st_nlink != 1:
        raise _Miss
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise _Miss


_MAX_ENTRY = 256 * 2**20  # far above the largest schedule file mod4 reads


def _store(entry: Path, key: str, parsed: Schedule) -> None:
    import json

    from mod4cli.load.fs import make_private_folder, remove_stale_temps, write_atomic

    document = {"key": key, "path": parsed.path, "schedule": _encode(parsed)}
    try:
        make_private_folder(entry.parent)
        remove_stale_temps(entry)  # of a run killed while it wrote this entry
        write_atomic(entry, json.dumps(document, separators=(",", ":")).encode())
    except OSError:
        pass  # a read-only or full cache folder only costs speed


def _encode(value: Any) -> Any:
    """A model value as plain data: named tuples and tuples as lists, times and dates as numbers."""
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, date):
        return value.toordinal()
    return value


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decode(kind: Any, data: Any) -> Any:
    """Plain data back into a value of `kind`, checking every shape; _Miss when it does not fit."""
    return _decoder(kind)(data)


def _decoder(kind: Any) -> Decoder:
    """The function that decodes plain data into `kind`, built once per type from its annotations."""
    if kind not in _DECODERS:
        _DECODERS[kind] = _build(kind)
    return _DECODERS[kind]


def _build(kind: Any) -> Decoder:
    origin = get_origin(kind)
    plain = _plain_types(kind)
    if plain is not None:
        return partial(_exactly, plain)
    if kind is time:
        return _time
    if kind is date:
        return _date
    if origin in (Union, types.UnionType):
        (inner,) = (_decoder(arg) for arg in get_args(kind) if arg is not type(None))  # `X | None` only
        return lambda data: None if data is None else inner(data)
    if origin is tuple:
        args = get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            items = _plain_types(args[0])
            if items is not None:
                return partial(_plain_tuple, items)
            item = _decoder(args[0])
            return lambda data: tuple(map(item, _exactly(_LIST, data)))
        return partial(_record, tuple, *_fields(args))
    if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields"):
        # What kind._make does once the length is checked, without its Python-level call.
        make = partial(tuple.__new__, kind)
        return partial(_record, make, *_fields(tuple(kind.__annotations__.values())))
    raise TypeError(f"the schedule cache cannot hold {kind!r}")


# Decoding is most of a warm run on a big schedule (10,000 sessions of 17 fields each), so the
# fields JSON already holds as they are (strings, numbers, booleans, maybe null) are checked all
# at once with C-level map() calls, and only the others go through a decoder of their own.
_LIST = frozenset({list})
_PLAIN = (str, int, bool)


def _plain_types(kind: Any) -> frozenset[type] | None:
    """The JSON types a value of `kind` arrives as unchanged, or None when it needs decoding."""
    if kind in _PLAIN:
        return frozenset({kind})
    if get_origin(kind) in (Union, types.UnionType):
        args = get_args(kind)
        if type(None) in args and all(arg in _PLAIN or arg is type(None) for arg in args):
            return frozenset(args)
    return None


def _fields(
    kinds: tuple[Any, ...],
) -> tuple[
    int, Callable[[Any], tuple[Any, ...]], tuple[frozenset[type], ...], tuple[tuple[int, Decoder], ...]
]:
    """How to check and decode a record of these field types: its length, the plain fields (picked
    out together, with their allowed types) and the decoders of the rest."""
    plain = [(i, allowed) for i, k in enumerate(kinds) if (allowed := _plain_types(k)) is not None]
    others = tuple((i, _decoder(k)) for i, k in enumerate(kinds) if _plain_types(k) is None)
    indexes = [i for i, _ in plain]
    pick: Callable[[Any], tuple[Any, ...]] = (
        itemgetter(*indexes) if len(indexes) > 1 else lambda data: tuple(data[i] for i in indexes)
    )
    return len(kinds), pick, tuple(allowed for _, allowed in plain), others


def _exactly(allowed: frozenset[type], data: Any) -> Any:
    if type(data) not in allowed:
        raise _Miss
    return data


def _plain_tuple(allowed: frozenset[type], data: Any) -> tuple[Any, ...]:
    if type(data) is not list or not allowed.issuperset(map(type, data)):
        raise _Miss
    return tuple(data) if data else ()


_TIMES: dict[int, time] = {}  # minutes of the day -> time: a schedule has only a few


def _time(data: Any) -> time:
    if type(data) is not int:
        raise _Miss
    try:
        return _TIMES[data]
    except KeyError:  # checked once per value: only minutes of a day are ever kept here
        if not 0 <= data < 24 * 60:
            raise _Miss from None
        _TIMES[data] = value = time(*divmod(data, 60))
        return value


# The days a schedule's dates may fall on (the validator's within_years), as ordinals.
_DAYS = range(date(FIRST_YEAR, 1, 1).toordinal(), date(LAST_YEAR, 12, 31).toordinal() + 1)


def _date(data: Any) -> date:
    if type(data) is not int or data not in _DAYS:
        raise _Miss
    return date.fromordinal(data)


def _record(
    make: Callable[[list[Any]], Any],
    size: int,
    pick: Callable[[Any], tuple[Any, ...]],
    allowed: tuple[frozenset[type], ...],
    others: tuple[tuple[int, Decoder], ...],
    data: Any,
) -> Any:
    if type(data) is not list or len(data) != size:
        raise _Miss
    if not all(map(contains, allowed, map(type, pick(data)))):
        raise _Miss
    for i, decode in others:
        data[i] = decode(data[i])  # the list is this decoder's own, fresh from json.loads
    return make(data)
