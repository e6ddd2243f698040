"""Shared fixtures: a private MOD4_HOME for every test, schedule files, and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
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


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--mod4-in-process`: what mutation testing needs (docs/testing.md)."""
    parser.addoption(
        "--mod4-in-process",
        action="store_true",
        help="run the tests' `mod4_exe` commands through the Typer app in this process, not the "
        "installed script in a subprocess: a mutation run can then see them fail on a mutant",
    )


@pytest.fixture
def mod4_exe(pytestconfig: pytest.Config) -> Iterator[Callable[..., Run]]:
    """Run the installed `mod4` in a subprocess, from a folder that is not the repository."""
    in_process = pytestconfig.getoption("--mod4-in-process")

    def call(
        *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 60
    ) -> Run:
        folder = cwd or Path(os.environ["MOD4_HOME"]).parent
        if in_process:
            return _in_process(args, env or {}, folder)
        full_env = {**os.environ, **(env or {})}
        done = subprocess.run(
            [installed_mod4(), *args],
            capture_output=True,
            text=True,
            env=full_env,
            cwd=folder,
            timeout=timeout,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    yield call


def _in_process(args: tuple[str, ...], env: dict[str, str], cwd: Path) -> Run:
    """What `mod4_exe` runs under `--mod4-in-process`: the Typer app, from `cwd`, with `env` on
    top of this process's. A subprocess imports the installed, unmutated code, so a mutation run
    would never see these tests fail; a crash still shows as a traceback on stderr, exit 1."""
    import traceback

    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=True)
    finally:
        os.chdir(before)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Run(result.exit_code, result.stdout, stderr)


def pytest_configure(config: Any) -> None:
    """A folder where each test process leaves its reliability figures (xdist runs several)."""
    if not hasattr(config, "workerinput"):  # the controller, or a run without xdist
        os.environ["MOD4_TEST_FIGURES"] = tempfile.mkdtemp(prefix="mod4-figures-")


def pytest_sessionfinish(session: Any) -> None:
    """A worker's figures, for the controller to add up."""
    folder = os.environ.get("MOD4_TEST_FIGURES")
    if folder and hasattr(session.config, "workerinput") and FIGURES:
        name = session.config.workerinput["workerid"]
        (Path(folder) / f"{name}.json").write_text(json.dumps(FIGURES), encoding="utf-8")


def _added(earlier: object, value: object) -> object:
    """Two workers' figure: counts add up, tables of counts add up key by key, text is kept."""
    if isinstance(earlier, int) and isinstance(value, int):
        return earlier + value
    if isinstance(earlier, dict) and isinstance(value, dict):
        return {key: _added(earlier.get(key), value.get(key)) for key in {**earlier, **value}}
    return value if value is not None else earlier


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the reliability figures gathered during the run, by every test process."""
    totals: dict[str, object] = dict(FIGURES)
    folder = os.environ.get("MOD4_TEST_FIGURES")
    for part in sorted(Path(folder).glob("*.json")) if folder else []:
        for name, value in json.loads(part.read_text(encoding="utf-8")).items():
            totals[name] = _added(totals.get(name), value)
    if totals:
        terminalreporter.section("mod4 reliability figures")
        for name, value in totals.items():
            terminalreporter.write_line(f"{name}: {value}")
