"""Shared fixtures: a private MOD4_HOME for every test, schedule files, and a CLI runner."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mod4cli.cli.typer_app import app

# Every test sees the same terminal: no colour, 80 columns, campus time, no user settings.
_ENV_RESET = ("MOD4_HOME", "MOD4_SCHEDULE", "MOD4_NOW", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM")

MINI_SCHEDULE = """\
schema = 1

[module]
title = "Mini module"
weeks = 2
timezone = "America/Denver"
class_hours = { start = "09:00", end = "16:00" }
{start_line}

[[session]]
id = "talk"
title = "Talk"
kind = "workshop"
week = 1
day = "tue"
start = "10:00"
end = "11:00"

[[session]]
id = "group"
title = "Group"
kind = "group"
weeks = [1, 2]
day = "wed"
start = "13:00"
end = "14:00"

[[session]]
id = "work-time"
title = "PD work time"
kind = "work-time"
weeks = [1, 2]
day = "thu"
start = "13:00"
end = "16:00"
required = false

[[week]]
number = 1
focus = "Start"
actions = ["Say hello"]

[[deliverable]]
id = "kit"
title = "Kit"
due = { week = 2, day = "fri", time = "17:00" }

[[deliverable.item]]
id = "cv"
title = "CV"
"""


@pytest.fixture(autouse=True)
def mod4_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty MOD4_HOME for each test; the real user folder is never touched."""
    for name in _ENV_RESET:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("MOD4_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    return home


@pytest.fixture
def schedule_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a schedule file: the mini schedule by default, or any text given."""
    counter = iter(range(1000))

    def write(text: str | None = None, *, start: str | None = None) -> Path:
        if text is None:
            text = MINI_SCHEDULE.replace("{start_line}", f"start = {start}" if start else "")
        path = tmp_path / f"schedule-{next(counter)}.toml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@dataclass
class Run:
    """What a command did."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout parsed as exactly one JSON document."""
        return json.loads(self.stdout)


@pytest.fixture
def run() -> Callable[..., Run]:
    """Run mod4 in-process, at 80 columns without colour."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


def installed_mod4() -> str:
    """The console script installed beside this Python, as a student would run it; MOD4_EXE
    names another build instead (to watch an end-to-end test fail on an older mod4)."""
    if os.environ.get("MOD4_EXE"):
        return os.environ["MOD4_EXE"]
    beside = Path(sys.executable).parent / ("mod4.exe" if os.name == "nt" else "mod4")
    found = str(beside) if beside.exists() else shutil.which("mod4")
    if not found:
        pytest.fail("the mod4 console script is not installed; run: pip install '.[test]'")
    return found


@pytest.fixture
def mod4_exe() -> Iterator[Callable[..., Run]]:
    """Run the installed `mod4` in a subprocess, from a folder that is not the repository."""

    def call(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
    ) -> Run:
        full_env = {**os.environ, **(env or {})}
        done = subprocess.run(
            [installed_mod4(), *args],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=cwd or Path(os.environ["MOD4_HOME"]).parent,
            timeout=timeout,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    yield call


# Figures the reliability and fuzz tests produce, printed after the run (docs/reliability.md).
FIGURES: dict[str, object] = {}


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the reliability figures gathered during the run."""
    if FIGURES:
        terminalreporter.section("mod4 reliability figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
