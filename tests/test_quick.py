"""The quick path and the Typer app answer every everyday command line the same way."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from mod4cli.cli.quick import parse
from tests.helpers import installed_mod4

LINES = [
    ["week", "3"],
    ["week", "3", "--json"],
    ["week", "--json", "3"],
    ["week"],
    ["week", "3", "--tz", "America/New_York"],
    ["week", "3", "--tz=Asia/Tokyo", "--json"],
    ["week", "4", "--grid"],
    ["week", "9"],
    ["week", "3", "--tz", "Mars/Base"],
    ["todo"],
    ["todo", "--json"],
    ["status"],
    ["status", "--json"],
    ["check-conflict", "week 3 wed 13:15"],
    ["check-conflict", "week", "3", "wed", "13:15", "--json"],
    ["check-conflict", "week 3 thu 14:00", "-d", "45m"],
    ["check-conflict", "week 3 thu 14:00", "--duration=1h30m", "--json"],
    ["check-conflict", "2027-01-20T20:15Z"],
    ["check-conflict", "week 3 thu 25:00"],
    ["check-conflict", "week 3 wed 13:15", "--show"],
    ["check-conflict"],
    ["check-conflict", "--ics", "MISSING"],
    ["check-conflict", "week 3 thu 14:00", "--duration", "forever"],
    ["--schedule", "SCHEDULE", "week", "1"],
    ["--schedule=SCHEDULE", "check-conflict", "week 1 wed 13:30", "--json"],
    ["--schedule", "MISSING", "todo"],
]


@pytest.fixture
def both(tmp_path: Path, schedule_file: Callable[..., Path]) -> Callable[[list[str]], tuple[object, object]]:
    schedule = schedule_file(start="2027-01-04")
    home = tmp_path / "home"
    base = {**os.environ, "MOD4_HOME": str(home), "MOD4_NOW": "2027-01-20T09:00"}
    subprocess.run(
        [installed_mod4(), "init", "--start", "2027-01-04"], env=base, check=True, capture_output=True
    )

    def run(line: list[str]) -> tuple[object, object]:
        args = [
            a.replace("MISSING", str(tmp_path / "nope.toml")).replace("SCHEDULE", str(schedule)) for a in line
        ]
        results = []
        for extra in ({}, {"MOD4_NO_QUICK_PATH": "1"}):
            done = subprocess.run(
                [installed_mod4(), *args], env={**base, **extra}, capture_output=True, text=True, check=False
            )
            results.append((done.returncode, done.stdout, done.stderr))
        return results[0], results[1]

    return run


@pytest.mark.parametrize("line", LINES, ids=[" ".join(line) for line in LINES])
def test_quick_path_and_typer_agree(
    both: Callable[[list[str]], tuple[object, object]], line: list[str]
) -> None:
    fast, typer = both(line)
    assert fast == typer


def _taken(line: list[str]) -> tuple[str, str | None, dict[str, object]]:
    call = parse(line)
    assert call is not None
    return call.command.name, call.schedule, call.values


def test_what_the_quick_path_takes() -> None:
    assert _taken(["week", "3", "--json"]) == (
        "week",
        None,
        {"number": 3, "grid": False, "tz": None, "json": True},
    )
    assert _taken(["--schedule", "x.toml", "todo"]) == ("todo", "x.toml", {"json": False})
    assert _taken(["check-conflict", "week", "3", "wed", "13:15", "-d", "1h"]) == (
        "check-conflict",
        None,
        {
            "when": ["week", "3", "wed", "13:15"],
            "duration": "1h",
            "ics": None,
            "show": False,
            "tz": None,
            "json": False,
        },
    )


@pytest.mark.parametrize(
    "line",
    [
        [], ["--help"], ["week", "--help"], ["week", "-h"], ["week", "3", "4"], ["week", "three"],
        ["week", "--tz"], ["week", "--json=yes"], ["todo", "extra"],
        ["check-conflict", "x", "-d", "1h", "--duration", "2h"], ["done", "resume"], ["--version"],
        ["--schedule"], ["week", "--", "3"], ["coach", "list"],
    ],
)  # fmt: skip
def test_everything_else_goes_to_typer(line: list[str]) -> None:
    assert parse(line) is None
