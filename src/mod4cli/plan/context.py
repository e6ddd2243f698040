"""Everything a command works from: options and environment at once, files when first asked for.

A handler asks its Context for what it needs (the schedule, the student's state, now, the
student's zone, the module's timeline) and each is read or worked out once, on first use; a
command that never needs the schedule (`schedule check`) never reads it, and a damaged state
file stops only the commands that read it. Changes to the state go through `save`, locked and
atomic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from mod4cli.load import paths, state_file
from mod4cli.model.errors import UsageError
from mod4cli.model.progress import State
from mod4cli.model.schedule import Schedule
from mod4cli.model.timeline import Timeline
from mod4cli.plan.when import parse_now, zone_named

T = TypeVar("T")


class Context:
    """The inputs of one command, each read from disk or the environment at most once."""

    def __init__(
        self,
        schedule_option: str | None = None,
        tz_option: str | None = None,
        env: Mapping[str, str] = os.environ,
    ) -> None:
        self.schedule_option = schedule_option
        self.tz_option = tz_option
        self.env = env
        self._worked_out: dict[Callable[[Context], Any], Any] = {}

    @cached_property
    def schedule(self) -> Schedule:
        """The schedule chosen by --schedule, MOD4_SCHEDULE or the bundled default."""
        from mod4cli.load import schedule_cache

        return schedule_cache.load(self.schedule_path, self.cache)

    @cached_property
    def home(self) -> Path:
        """The folder of the student's own files: MOD4_HOME, else the platform's data folder."""
        return paths.home(self.env)

    @cached_property
    def cache(self) -> Path:
        """The folder of derived data (parsed schedules, busy times): MOD4_HOME/cache, else the platform's."""
        return paths.cache_dir(self.env)

    @cached_property
    def schedule_path(self) -> Path:
        """The schedule file in use."""
        return paths.schedule_path(self.schedule_option, self.env)

    @cached_property
    def state_path(self) -> Path:
        """The student's state file."""
        return paths.state_file(self.env)

    @cached_property
    def state(self) -> State:
        """The student's state as it was when first asked for (bookings checked in campus time)."""
        return state_file.load(self.state_path, self.campus)

    @cached_property
    def now(self) -> datetime:
        """Now, in UTC: MOD4_NOW when set (naive = campus time), else the clock."""
        raw = self.env.get("MOD4_NOW")
        return parse_now(raw, self.campus) if raw else datetime.now(UTC)

    @cached_property
    def zone(self) -> ZoneInfo:
        """The student's zone: --tz, else the profile's, else campus time."""
        if self.tz_option is not None:  # `--tz ""` is an unknown zone, not "no --tz"
            return zone_named(self.tz_option)
        if self.state.profile.timezone:
            return zone_named(self.state.profile.timezone, f"{self.state_path}: profile.timezone")
        return self.campus

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.schedule.module.zone

    @cached_property
    def timeline(self) -> Timeline:
        """The module's weeks on real dates (nominal ones when no start date is known)."""
        return Timeline.for_schedule(self.schedule, self.state.profile.start, self.now)

    @property
    def repeating(self) -> bool:
        """Whether the student is repeating the module."""
        return self.state.profile.repeating

    @cached_property
    def lock_timeout(self) -> float:
        """Seconds a change waits for another mod4 that is writing (MOD4_LOCK_TIMEOUT)."""
        raw = self.env.get("MOD4_LOCK_TIMEOUT")
        if not raw:
            return state_file.LOCK_TIMEOUT
        try:
            seconds = float(raw)
        except ValueError:
            seconds = -1.0
        if not 0 <= seconds <= 3600:
            raise UsageError(f"MOD4_LOCK_TIMEOUT: expected seconds (0-3600), got {raw!r}")
        return seconds

    def once(self, work: Callable[[Context], T]) -> T:
        """`work(self)`, worked out on the first call and kept for the rest of the command: for what
        several parts of a command read (the followed calendars) and this module cannot import."""
        if work not in self._worked_out:
            self._worked_out[work] = work(self)
        result: T = self._worked_out[work]
        return result

    def save(self, change: Callable[[State], tuple[State, T]]) -> T:
        """Apply a change to the student's state: locked, atomic, the previous version kept. What
        the command asks of its state afterwards (its zone, say) is the state saved, not read again."""
        result, saved = state_file.update(self.state_path, change, self.lock_timeout, self.campus)
        self.__dict__["state"] = saved  # the cached_property's slot
        return result
