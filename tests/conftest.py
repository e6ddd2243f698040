"""Shared fixtures: a private MOD4_HOME for every test, schedule files, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mod4cli.cli.typer_app import app
from tests.helpers import FIGURES, MINI_SCHEDULE, Run, installed_mod4

# Every test sees the same terminal: no colour, 80 columns, campus time, no user settings.
_ENV_RESET = ("MOD4_HOME", "MOD4_SCHEDULE", "MOD4_NOW", "COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TERM")


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


@pytest.fixture
def run() -> Callable[..., Run]:
    """Run mod4 in-process, at 80 columns without colour."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the reliability figures gathered during the run."""
    if FIGURES:
        terminalreporter.section("mod4 reliability figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")
