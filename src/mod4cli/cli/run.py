"""Running one command of the table, the same way from the quick path and from Typer.

Build the Context from the global and shared options, call the row's handler with the rest,
print the result once (JSON or for a person), and turn any mod4 error into its one message
and exit code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

from mod4cli.cli.commands import JSON, ZONE, Command
from mod4cli.model.errors import Mod4Error


def handler_of(command: Command) -> Callable[..., Any]:
    """The function in mod4cli.plan that does a command's work."""
    module, name = command.handler.split(":")
    function: Callable[..., Any] = getattr(import_module(f"mod4cli.plan.{module}"), name)
    return function


def run(command: Command, schedule_option: str | None, values: dict[str, Any]) -> int:
    """Run `command` with its parameters' values (by name) and return the exit code."""
    from mod4cli.plan.context import Context
    from mod4cli.show.output import emit, emit_error

    arguments = dict(values)
    as_json = bool(arguments.pop(JSON.name, False)) if JSON in command.params else False
    zone = arguments.pop(ZONE.name, None) if ZONE in command.params else None
    try:
        result = handler_of(command)(Context(schedule_option, zone), **arguments)
        code = emit(result, as_json)
    except Mod4Error as error:
        code = emit_error(error, as_json)
    sys.stdout.flush()
    return code
