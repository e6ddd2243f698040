"""Everything a command works from, gathered once at the edge: schedule, state, now, zones."""

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mod4cli import paths, state
from mod4cli.errors import UsageError
from mod4cli.progress import State
from mod4cli.schedule import Schedule
from mod4cli.state import LOCK_TIMEOUT
from mod4cli.timeline import Calendar
from mod4cli.when import parse_now, zone_named


class Context(NamedTuple):
    """The inputs of a command, read from disk and the environment exactly once."""

    schedule: Schedule
    state: State
    state_path: Path
    now: datetime  # UTC
    zone: ZoneInfo  # the student's zone, for display and for times typed without an offset
    calendar: Calendar
    lock_timeout: float = LOCK_TIMEOUT

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.calendar.campus

    @property
    def repeating(self) -> bool:
        """Whether the student is repeating the module."""
        return self.state.profile.repeating


def load_schedule(option: str | None, env: Mapping[str, str] = os.environ) -> Schedule:
    """The schedule chosen by --schedule, MOD4_SCHEDULE or the bundled default (cached parse)."""
    from mod4cli import schedule_cache

    return schedule_cache.load(paths.schedule_path(option, env), paths.cache_dir(env))


def build(
    schedule_option: str | None, tz_option: str | None = None, env: Mapping[str, str] = os.environ
) -> Context:
    """Load the schedule and state, read the clock and pick the student's zone."""
    sched = load_schedule(schedule_option, env)
    state_path = paths.state_file(env)
    current = state.load(state_path)
    campus = sched.module.zone
    raw_now = env.get("MOD4_NOW")
    now = parse_now(raw_now, campus) if raw_now else datetime.now(UTC)
    if tz_option:
        zone = zone_named(tz_option)
    elif current.profile.timezone:
        zone = zone_named(current.profile.timezone, f"{state_path}: profile.timezone")
    else:
        zone = campus
    calendar = Calendar.for_schedule(sched, current.profile.start, now)
    return Context(sched, current, state_path, now, zone, calendar, _lock_timeout(env))


def _lock_timeout(env: Mapping[str, str]) -> float:
    raw = env.get("MOD4_LOCK_TIMEOUT")
    if not raw:
        return LOCK_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise UsageError(f"MOD4_LOCK_TIMEOUT: expected seconds (0-3600), got {raw!r}")
    return seconds
