"""The one error family of mod4: each error knows its exit code; the CLI prints it."""

from __future__ import annotations

from collections.abc import Sequence


class Mod4Error(Exception):
    """An error a user can act on; printed as one message on stderr, never a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(Mod4Error):
    """Bad arguments: a time, a duration, an item id, a week number."""


class ScheduleError(Mod4Error):
    """A schedule file that cannot be read or does not validate; carries every problem."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{path}: {count} {noun}"] + [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))
        self.path = path
        self.problems = list(problems)


class StateError(Mod4Error):
    """The student's state file cannot be read, upgraded, locked or written."""


class CalendarError(Mod4Error):
    """An .ics file that cannot be read or makes no sense."""


class RuleBroken(Mod4Error):
    """A request that breaks a rule of the module (a second coaching booking in a week)."""

    exit_code = 1
