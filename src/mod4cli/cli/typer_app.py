"""The full command line, built by Typer from the table of commands (cli/commands.py).

Every command of the table becomes a Typer command whose parameters are the row's, with its
help; running it goes through cli/run.py like the quick path. Typer adds what only it gives:
help pages, shell completion and the messages for command lines that do not parse.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from mod4cli import __version__
from mod4cli.cli.commands import COMMANDS, GROUPS, Command, Param
from mod4cli.cli.run import run
from mod4cli.model.errors import Mod4Error
from mod4cli.model.schedule import Schedule


def _completer(values: Callable[[Schedule], list[str]]) -> Callable[[str], list[str]]:
    """A shell-completion callback offering the schedule's values that start with what was typed."""

    def complete(incomplete: str) -> list[str]:
        from mod4cli.plan.context import Context

        try:
            schedule = Context().schedule
        except Mod4Error:
            return []
        return [v for v in values(schedule) if v.lower().startswith(incomplete.lower())]

    return complete


def _topic_names(schedule: Any) -> list[str]:
    from mod4cli.plan.contacts import topic_names

    return topic_names(schedule)


COMPLETERS = {
    "items": _completer(lambda s: [i.id for i in s.items]),
    "specialists": _completer(lambda s: [p.name for p in s.coaching.specialists]),
    "topics": _completer(lambda s: _topic_names(s)),
}


def _annotation(param: Param) -> Any:
    """The Typer annotation of a table parameter: its Python type and its Argument or Option."""
    kind: Any = list[param.type] if param.many else param.type  # type: ignore[name-defined]
    if not param.required:
        kind = kind | None
    extra: dict[str, Any] = {"help": param.help}
    if param.metavar:
        extra["metavar"] = param.metavar
    if param.complete:
        extra["autocompletion"] = COMPLETERS[param.complete]
    if not param.is_option:
        return Annotated[kind, typer.Argument(**extra)]
    flags = (f"{param.flags[0]}/{param.off}", *param.flags[1:]) if param.off else param.flags
    return Annotated[kind, typer.Option(*flags, **extra)]


def _typer_command(command: Command) -> Callable[..., None]:
    """A function with the row's parameters in its signature, as Typer reads commands."""

    def invoke(ctx: typer.Context, **values: Any) -> None:
        code = run(command, ctx.find_root().params.get("schedule"), values)
        if code:
            raise typer.Exit(code)

    parameters = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    parameters.extend(
        inspect.Parameter(
            p.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=_annotation(p),
            default=inspect.Parameter.empty if p.required else p.default,
        )
        for p in command.params
    )
    invoke.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    invoke.__doc__ = inspect.cleandoc(command.help)
    invoke.__name__ = command.name.replace(" ", "_").replace("-", "_")
    return invoke


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"mod4 {__version__}\n")
        raise typer.Exit()


def _main(
    schedule: Annotated[
        str | None,
        typer.Option(
            "--schedule", metavar="PATH", help="Schedule file to use (default: MOD4_SCHEDULE, else bundled)."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Plan Mod 4: sessions, deliverables, and whether an interview collides with a PD session."""


def build() -> typer.Typer:
    """The Typer app of every command of the table."""
    app = typer.Typer(
        name="mod4",
        help="Plan Mod 4 (Professional Development & Job Search Support): sessions, deliverables, "
        "and whether an interview collides with a PD session.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_main)
    groups: dict[str, typer.Typer] = {}
    for command in COMMANDS:
        *group, name = command.name.split()
        parent = app
        if group:
            if group[0] not in groups:
                groups[group[0]] = typer.Typer(help=GROUPS[group[0]], no_args_is_help=True)
                app.add_typer(groups[group[0]], name=group[0])
            parent = groups[group[0]]
        parent.command(name)(_typer_command(command))
    return app


app = build()
