"""A quick way in for the commands a student runs all day, without loading Typer.

Typer (with its vendored click) costs more at start-up than all of mod4's own work on a
`check-conflict`. So a plain, well-formed `week`, `todo`, `status` or `check-conflict` command
line is parsed here and run through the same planner and output code as the Typer app.
Anything else (help, completion, another command, an option not listed here, a value that
does not parse) is declined and goes to Typer, which gives the full behaviour and messages.
tests/test_fastpath.py runs the same command lines both ways and compares the results.
"""

from typing import NamedTuple

from mod4cli.errors import Mod4Error

# Each command: its options (name -> whether it takes a value) and how many positional
# arguments it takes (least, most; None: any number).
_COMMANDS: dict[str, tuple[dict[str, bool], tuple[int, int | None]]] = {
    "week": ({"--tz": True, "--json": False, "--grid": False}, (0, 1)),
    "todo": ({"--json": False}, (0, 0)),
    "status": ({"--tz": True, "--json": False}, (0, 0)),
    "check-conflict": ({"--duration": True, "-d": True, "--tz": True, "--json": False}, (1, None)),
}
_CANONICAL = {"-d": "--duration"}


class Call(NamedTuple):
    """A parsed command line."""

    command: str
    schedule: str | None
    positional: tuple[str, ...]
    options: dict[str, str | bool]


def parse(argv: list[str]) -> Call | None:
    """The command line as a Call, or None when Typer should handle it."""
    args = list(argv)
    schedule = None
    if args and (args[0] == "--schedule" or args[0].startswith("--schedule=")):
        name, _, value = args.pop(0).partition("=")
        if not value:
            if not args:
                return None
            value = args.pop(0)
        schedule = value
    if not args or args[0] not in _COMMANDS:
        return None
    command = args[0]
    takes_value, (low, high) = _COMMANDS[command]
    positional: list[str] = []
    options: dict[str, str | bool] = {}
    rest = iter(args[1:])
    for token in rest:
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        name, equals, value = token.partition("=")
        if name not in takes_value or name in options or _CANONICAL.get(name, name) in options:
            return None
        if takes_value[name]:
            if not equals:
                value = next(rest, "")
                if not value or value.startswith("-"):
                    return None
            options[_CANONICAL.get(name, name)] = value
        elif equals:
            return None
        else:
            options[name] = True
    if len(positional) < low or (high is not None and len(positional) > high):
        return None
    if command == "week" and positional and not positional[0].isdecimal():
        return None
    return Call(command, schedule, tuple(positional), options)


def run(argv: list[str]) -> int | None:
    """Run a hot command and return its exit code, or None to hand the line to Typer."""
    call = parse(argv)
    if call is None:
        return None
    try:
        return _execute(call)
    except Mod4Error as error:
        from mod4cli import console

        console.error(error.message, error.hint)
        return error.exit_code


def _execute(call: Call) -> int:
    from mod4cli import planner
    from mod4cli.context import build
    from mod4cli.output import emit

    tz = call.options.get("--tz")
    ctx = build(call.schedule, tz if isinstance(tz, str) else None)
    as_json = bool(call.options.get("--json"))
    if call.command == "week":
        number = int(call.positional[0]) if call.positional else None
        emit(
            planner.week_grid(ctx, number) if call.options.get("--grid") else planner.week(ctx, number),
            as_json,
        )
        return 0
    if call.command == "todo":
        emit(planner.todo(ctx), as_json)
        return 0
    if call.command == "status":
        emit(planner.status(ctx), as_json)
        return 0
    duration = call.options.get("--duration", "30m")
    report = planner.check_conflict(ctx, " ".join(call.positional), str(duration))
    emit(report, as_json, plain=True)
    return report.exit_code
