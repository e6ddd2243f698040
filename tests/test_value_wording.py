"""A value of the wrong TOML type is worded as TOML, never as Python (review round 2, finding 5):
`module.title: expected text, got a date-time (2027-01-04T10:00:00)`, in a cohort's schedule and
in the student's state file alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINI_SCHEDULE, Run, write_state

RunFn = Callable[..., Run]

# Each TOML value type, written as a staff member or a hand edit would, and how mod4 words it.
# The string row needs a key that expects something else; the others go where text is expected.
WRONG_VALUES = [
    pytest.param('"5"', "'5'", id="string"),
    pytest.param("5", "a whole number (5)", id="integer"),
    pytest.param("1.5", "a number (1.5)", id="float"),
    pytest.param("true", "true", id="boolean"),
    pytest.param("2027-01-04", "a date (2027-01-04)", id="date"),
    pytest.param("10:00:00", "a time (10:00:00)", id="time"),
    pytest.param("2027-01-04T10:00:00", "a date-time (2027-01-04T10:00:00)", id="local-date-time"),
    pytest.param(
        "2027-01-04T10:00:00+01:00", "a date-time (2027-01-04T10:00:00+01:00)", id="offset-date-time"
    ),
    pytest.param('["a", "b"]', "a list", id="array"),
    pytest.param('{ a = "b" }', "a table", id="table"),
]


def _schedule_with(tmp_path: Path, toml_value: str) -> tuple[Path, str]:
    """The mini schedule with one wrong value, and the location of the key that holds it."""
    text = MINI_SCHEDULE.replace("{start_line}", "")
    if toml_value.startswith('"'):
        text = text.replace("weeks = 2", f"weeks = {toml_value}")
        where = "5: module.weeks: expected a whole number"
    else:
        text = text.replace('title = "Mini module"', f"title = {toml_value}")
        where = "4: module.title: expected text"
    path = tmp_path / "cohort.toml"
    path.write_text(text, encoding="utf-8")
    return path, where


@pytest.mark.parametrize(("toml_value", "worded"), WRONG_VALUES)
def test_a_schedule_value_of_the_wrong_type_is_worded_as_toml(
    run: RunFn, tmp_path: Path, toml_value: str, worded: str
) -> None:
    path, where = _schedule_with(tmp_path, toml_value)
    result = run("schedule", "check", str(path))
    assert result.exit_code == 2
    assert result.stderr == f"mod4: {path}: 1 problem\n  {path}:{where}, got {worded}\n"


def _state_with(home: Path, toml_value: str) -> tuple[Path, str]:
    """A state file with one wrong value, and the location of the key that holds it."""
    if toml_value.startswith('"'):
        text, where = f"schema = 2\nnext_booking = {toml_value}\n", "next_booking: expected a whole number"
    else:
        text = f"schema = 2\nnext_booking = 1\n[profile]\ntimezone = {toml_value}\n"
        where = "profile.timezone: expected text"
    return write_state(home, text), where


def _refused(path: Path, problem: str) -> str:
    return (
        f"mod4: {path}: {problem}; the file was left as it is\n"
        f"      Move the file away to start afresh: mv {path} {path}.broken\n"
    )


@pytest.mark.parametrize(("toml_value", "worded"), WRONG_VALUES)
def test_a_state_value_of_the_wrong_type_is_worded_as_toml(
    run: RunFn, mod4_home: Path, toml_value: str, worded: str
) -> None:
    path, where = _state_with(mod4_home, toml_value)
    result = run("status")
    assert (result.exit_code, result.stderr) == (2, _refused(path, f"{where}, got {worded}"))


@pytest.mark.parametrize(
    ("toml_value", "worded"),
    [
        ('"2027-01-20 10:00"', "'2027-01-20 10:00'"),
        ("2027-01-20T10:00:00", "a date-time (2027-01-20T10:00:00)"),
        ("2027-01-20", "a date (2027-01-20)"),
    ],
)
def test_a_booking_start_without_its_offset_says_what_was_written(
    run: RunFn, mod4_home: Path, toml_value: str, worded: str
) -> None:
    text = f'schema = 2\nnext_booking = 2\n[[booking]]\nid = 1\nspecialist = "Ryan"\nstart = {toml_value}\n'
    path = write_state(mod4_home, text)
    expected = f"booking[1].start: expected a date-time with its UTC offset, got {worded}"
    assert run("status").stderr == _refused(path, expected)


def test_a_profile_start_with_a_time_says_what_was_written(run: RunFn, mod4_home: Path) -> None:
    path = write_state(mod4_home, "schema = 2\nnext_booking = 1\n[profile]\nstart = 2027-01-04T10:00:00\n")
    expected = "profile.start: expected a date, got a date-time (2027-01-04T10:00:00)"
    assert run("status").stderr == _refused(path, expected)


def test_the_installed_mod4_words_a_date_time_title_as_toml(mod4_exe: RunFn, tmp_path: Path) -> None:
    path, _ = _schedule_with(tmp_path, "2027-01-04T10:00:00")
    result: Run = mod4_exe("todo", env={"MOD4_SCHEDULE": str(path)})
    assert (result.exit_code, result.stdout) == (2, "")
    expected = f"{path}:4: module.title: expected text, got a date-time (2027-01-04T10:00:00)"
    assert result.stderr == f"mod4: {path}: 1 problem\n  {expected}\n"
