"""A quick way in for the commands a student runs all day, without loading Typer.

Typer (with its vendored click) costs more at start-up than all of mod4's own work on a
`check-conflict`. So a plain, well-formed command line of a `hot` row of the table is parsed
here, generically from the row's parameters, and run exactly as the Typer app runs it
(cli/run.py). Anything else (help, completion, another command, an unknown or repeated option,
a value that does not convert) is declined and goes to Typer, which gives the full behaviour
and messages. tests/test_quick.py runs the same command lines both ways and compares them.
"""

from typing import Any, NamedTuple

from mod4cli.cli.commands import Command, Param, find


class Call(NamedTuple):
    """A parsed command line: the row, the global --schedule, and each parameter's value."""

    command: Command
    schedule: str | None
    values: dict[str, Any]


class _Declined(Exception):
    """The line is not one the quick path takes."""


def parse(argv: list[str]) -> Call | None:
    """The command line as a Call, or None when Typer should handle it."""
    args = list(argv)
    schedule = None
    if args and (args[0] == "--schedule" or args[0].startswith("--schedule=")):
        _, equals, schedule = args.pop(0).partition("=")
        if not equals:
            schedule = args.pop(0) if args else ""
        if not schedule:
            return None
    found = find(args)
    if found is None or not found[0].hot:
        return None
    command, size = found
    try:
        return Call(command, schedule, _values(command, args[size:]))
    except _Declined:
        return None


def _values(command: Command, tokens: list[str]) -> dict[str, Any]:
    by_flag = {flag: param for param in command.params for flag in param.flags}
    values: dict[str, Any] = {}
    words: list[str] = []
    rest = iter(tokens)
    for token in rest:
        if not token.startswith("-") or token == "-":
            words.append(token)
            continue
        flag, equals, value = token.partition("=")
        param = by_flag.get(flag)
        if param is None or param.name in values:
            raise _Declined
        if param.type is bool:
            if equals or param.off:
                raise _Declined
            values[param.name] = True
            continue
        if not equals:
            value = next(rest, "")
            if not value or value.startswith("-"):
                raise _Declined
        values[param.name] = _converted(param, value)
    for param in (p for p in command.params if not p.is_option):
        if param.many:
            values[param.name], words = (words or param.default), []
        elif words:
            values[param.name] = _converted(param, words.pop(0))
        if param.required and values.get(param.name) in (None, []):
            raise _Declined
    if words:
        raise _Declined
    return {p.name: values.get(p.name, p.default) for p in command.params}


def _converted(param: Param, value: str) -> Any:
    if param.type is int:
        if not value.isascii() or not value.isdecimal():
            raise _Declined
        return int(value)
    return value


def run(argv: list[str]) -> int | None:
    """Run a hot command and return its exit code, or None to hand the line to Typer."""
    call = parse(argv)
    if call is None:
        return None
    from mod4cli.cli.run import run as run_command

    return run_command(call.command, call.schedule, call.values)
