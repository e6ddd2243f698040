"""The table of commands, its handlers, the Typer app built from it and the renderers agree."""

from __future__ import annotations

import inspect
import typing
from importlib import import_module

import pytest
import typer

from mod4cli.cli.commands import COMMANDS, JSON, ZONE, Command
from mod4cli.cli.run import handler_of
from mod4cli.cli.typer_app import app
from mod4cli.show.output import RENDERERS

IDS = [c.name for c in COMMANDS]


def _click_command(command: Command) -> typing.Any:
    group = typer.main.get_command(app)
    for word in command.name.split():
        group = group.commands[word]  # type: ignore[attr-defined]
    return group


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_each_handler_takes_exactly_the_rows_parameters(command: Command) -> None:
    handler = handler_of(command)
    signature = inspect.signature(handler)
    names = list(signature.parameters)
    assert names[0] == "ctx"
    runner_takes = {p.name for p in command.params if p in (JSON, ZONE)}  # the runner's, not the handler's
    expected = [p.name for p in command.params if p.name not in runner_takes]
    assert names[1:] == expected
    for param in command.params:
        if param.name in runner_takes:
            continue
        default = signature.parameters[param.name].default
        if param.required:
            assert default is inspect.Parameter.empty, param.name
        else:
            assert default == param.default, param.name


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_the_typer_app_has_the_rows_parameters(command: Command) -> None:
    click_command = _click_command(command)
    assert click_command.help.splitlines()[0] == inspect.cleandoc(command.help).splitlines()[0]
    by_name = {p.name: p for p in click_command.params}
    assert set(by_name) == {p.name for p in command.params}
    for param in command.params:
        clicked = by_name[param.name]
        assert clicked.required == param.required, param.name
        if param.is_option:
            assert set(param.flags) <= set(clicked.opts), param.name
            if param.off:
                assert clicked.secondary_opts == [param.off]
        else:
            assert clicked.nargs == (-1 if param.many else 1), param.name
        if param.metavar:
            assert clicked.metavar == param.metavar


def test_every_result_a_handler_returns_has_a_renderer_for_its_type() -> None:
    returned: set[type] = set()
    for command in COMMANDS:
        handler = handler_of(command)
        hint = typing.get_type_hints(handler, vars(import_module(handler.__module__)) | _plan_types())[
            "return"
        ]
        returned.update(typing.get_args(hint) or (hint,))
    assert {t.__name__ for t in returned} == set(RENDERERS)
    for kind in returned:
        module, name = RENDERERS[kind.__name__]
        renderer = getattr(import_module(f"mod4cli.show.{module}"), name)
        first = next(iter(inspect.signature(renderer).parameters.values()))
        assert typing.get_type_hints(renderer)[first.name] is kind


def _plan_types() -> dict[str, typing.Any]:
    """The result types that handlers name only for the type checker."""
    from mod4cli.plan.agenda import WeekGrid
    from mod4cli.plan.calendar_check import CalendarReport
    from mod4cli.plan.context import Context

    return {"WeekGrid": WeekGrid, "CalendarReport": CalendarReport, "Context": Context}


def test_hot_rows_are_the_everyday_commands() -> None:
    assert {c.name for c in COMMANDS if c.hot} == {"week", "todo", "status", "check-conflict"}
