"""Every path mod4 reads or writes, each overridable from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from mod4cli.model.errors import UsageError

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # src/mod4cli


def bundled_schedule() -> Path:
    """The schedule shipped with mod4 (inside the wheel, or at the repo root when editable)."""
    installed = _PACKAGE_DIR / "data" / "schedule.toml"
    if installed.is_file():
        return installed
    return _PACKAGE_DIR.parent.parent / "data" / "schedule.toml"


def user_path(text: str, what: str) -> Path:
    """`text` as a path, `~` and `~user` expanded; UsageError, naming `what`, for an unknown user."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib's "Could not determine home directory"
        raise UsageError(f"{what}: {text!r}: no such user's home folder") from None


def schedule_path(option: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The schedule to use: `--schedule`, then MOD4_SCHEDULE, then the bundled one."""
    if option:
        return user_path(option, "--schedule")
    chosen = env.get("MOD4_SCHEDULE")
    return user_path(chosen, "MOD4_SCHEDULE") if chosen else bundled_schedule()


def home(env: Mapping[str, str] = os.environ) -> Path:
    """The folder holding the student's own files: MOD4_HOME, else the platform's data folder."""
    chosen = env.get("MOD4_HOME")
    if chosen:
        return user_path(chosen, "MOD4_HOME")
    import platformdirs  # only paid for when MOD4_HOME is not set

    return platformdirs.user_data_path("mod4")


def cache_dir(env: Mapping[str, str] = os.environ) -> Path:
    """Where derived data (the parsed-schedule cache) goes: MOD4_HOME/cache, else the platform's."""
    chosen = env.get("MOD4_HOME")
    if chosen:
        return user_path(chosen, "MOD4_HOME") / "cache"
    import platformdirs

    return platformdirs.user_cache_path("mod4")


def state_file(env: Mapping[str, str] = os.environ) -> Path:
    """The student's progress, profile and bookings."""
    return home(env) / "state.toml"
