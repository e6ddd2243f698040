"""The one error family of mod4: each error carries its data and exit code; the CLI prints it.

The wording of each kind of error lives in its class, once; callers pass the facts.
"""

from collections.abc import Sequence
from typing import Any, NamedTuple


class Mod4Error(Exception):
    """An error a user can act on; printed as one message on stderr, never a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_json(self) -> dict[str, Any]:
        """The error as a JSON document, for commands asked for `--json`."""
        return {"error": self.message, "hint": self.hint, "exit_code": self.exit_code}


class UsageError(Mod4Error):
    """Bad arguments: a time, a duration, an item id, a week number."""


class NeedsStartDate(UsageError):
    """A command that needs real dates, run before the cohort's start date is known."""

    def __init__(self, action: str) -> None:
        super().__init__(
            f"{action} needs your cohort's start date",
            hint="Set it with `mod4 init --start YYYY-MM-DD` (the Monday of week 1).",
        )
        self.action = action


class Problem(NamedTuple):
    """One problem of a file, where it is: the file, its line (when known) and key."""

    path: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        parts = [part for part in (where, self.key, self.message) if part]
        return ": ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The problem for `schedule check --json`."""
        return {"file": self.path, "line": self.line, "key": self.key, "message": self.message}


def problems_text(path: str, problems: Sequence[Problem]) -> str:
    """A schedule file's problems as printed by every command: a count, then one per line."""
    if len(problems) == 1 and problems[0].line is None and not problems[0].key:
        return str(problems[0])  # the file as a whole (missing, a device, too deep): one line
    noun = "problem" if len(problems) == 1 else "problems"
    return "\n".join([f"{path}: {len(problems)} {noun}", *(f"  {p}" for p in problems)])


class ScheduleError(Mod4Error):
    """A schedule file that cannot be read or does not validate; carries every problem."""

    def __init__(self, path: str, problems: Sequence[Problem]) -> None:
        super().__init__(problems_text(path, problems))
        self.path = path
        self.problems = tuple(problems)


class StateError(Mod4Error):
    """The student's state file cannot be read, upgraded, locked or written."""


class CalendarError(Mod4Error):
    """A calendar (.ics) file that cannot be read or makes no sense."""


class RuleBroken(Mod4Error):
    """A request that breaks a rule of the module (a second coaching booking in a week)."""

    exit_code = 1

    def __init__(self, rule: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.rule = rule

    def to_json(self) -> dict[str, Any]:
        """The refusal as a JSON document: which rule, and why."""
        return {**super().to_json(), "rule": self.rule}
