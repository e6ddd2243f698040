"""Printing a command's result once: one JSON document, or its page for a person.

Every result knows its JSON (`to_json`) and its exit code; RENDERERS says which function draws
it. A renderer's module is imported only when its result is drawn, so `check-conflict` never
loads Rich and `week` never loads the grid (tests/test_output.py checks that every result a
handler can return is in the table, and that each entry names a function taking that type).
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from mod4cli.model.errors import Mod4Error

if TYPE_CHECKING:  # a Protocol class costs start-up time; only the type checker needs it

    class Result(Protocol):
        """What a command handler returns."""

        @property
        def exit_code(self) -> int:
            """The command's exit code: 0, or 1 for a conflict, 2 for problems found."""

        def to_json(self) -> dict[str, Any]:
            """The result as one JSON document."""


# result type (mod4cli.plan)  ->  renderer (mod4cli.show.<module>.<function>)
RENDERERS: dict[str, tuple[str, str]] = {
    "Agenda": ("week", "show_agenda"),
    "WeekGrid": ("grid", "show_grid"),
    "TodoList": ("todo", "show_todo"),
    "Status": ("status", "show_status"),
    "ConflictReport": ("conflict", "show_conflict"),
    "CalendarReport": ("calendar_check", "show_calendar_check"),
    "BookingResult": ("coaching", "show_booking"),
    "BookingList": ("coaching", "show_bookings"),
    "ContactList": ("contacts", "show_contacts"),
    "ScheduleCheck": ("schedule_check", "show_schedule_check"),
    # Only ever drawn: `export ics` takes no --json, since without -o its stdout is the calendar
    # itself. Export.to_json is kept for the Result protocol every result follows.
    "Export": ("export", "show_export"),
    "Message": ("message", "show_message"),
    "About": ("about", "show_about"),
    "RefreshReport": ("calendars", "show_refresh"),
    "CalendarList": ("calendars", "show_calendars"),
}


def emit(result: Result, as_json: bool) -> int:
    """Print a result as JSON or for a person, and return its exit code."""
    if as_json:
        _write_json(result.to_json())
    else:
        from mod4cli.show.terminal import Terminal

        module, name = RENDERERS[type(result).__name__]
        getattr(import_module(f"mod4cli.show.{module}"), name)(result, Terminal())
    return result.exit_code


def emit_error(error: Mod4Error, as_json: bool) -> int:
    """Print an error on stderr (and, for a refusal asked for as JSON, as a document on stdout)."""
    from mod4cli.show.terminal import error as print_error

    print_error(error.message, error.hint)
    if as_json and error.exit_code == 1:
        _write_json(error.to_json())
    return error.exit_code


def _write_json(document: dict[str, Any]) -> None:
    import json

    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
