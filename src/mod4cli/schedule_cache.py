"""A cache of parsed schedules, so a large cohort or campus file is not re-read on every run.

Parsing and validating TOML costs about 70 microseconds an event, which a 10,000-session
schedule would pay on every command. The parsed Schedule is pickled in the user cache folder
under a key of mod4's version and the file's resolved path, size and modification time. A
cache entry whose key does not match, or that cannot be read for any reason, is ignored and
rewritten: the cache can make mod4 faster, never different. It holds only what mod4 itself
wrote into the user's own cache folder.
"""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path

from mod4cli import __version__, schedule
from mod4cli.schedule import Schedule


def _identity(path: Path) -> tuple[str, str] | None:
    """The file's name in the cache and the key of its current version, or None if unreadable."""
    try:
        stat = path.stat()
        resolved = path.resolve()
    except OSError:
        return None
    name = f"{__version__}\0{resolved}"
    return name, f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}"


def load(path: Path, folder: Path) -> Schedule:
    """The schedule in `path`, from the cache when the file has not changed since."""
    identity = _identity(path)
    if identity is None:
        return schedule.load(path)  # it reports the missing or unreadable file
    name, key = identity
    # One entry per schedule file; the key inside says which version of the file it holds.
    entry = folder / f"schedule-{zlib.crc32(name.encode()):08x}.pickle"
    try:
        cached_key, cached = pickle.loads(entry.read_bytes())
        if cached_key == key and isinstance(cached, Schedule):
            return cached
    except Exception:  # any failure (absent, truncated, foreign, from another version) is a miss
        pass
    parsed = schedule.load(path)
    _store(entry, key, parsed)
    return parsed


def _store(entry: Path, key: str, parsed: Schedule) -> None:
    from mod4cli.state import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, pickle.dumps((key, parsed), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only or full cache folder only costs speed
