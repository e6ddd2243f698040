"""The one error family (model/errors.py) as a student reads it: the message, then its hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run

RunFn = Callable[..., Run]


def test_a_command_that_needs_real_dates_says_how_to_give_them(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file()))  # the mini schedule names no start
    result = run("coach", "book", "Tracey", "week 2 tue 10:00")
    assert (result.exit_code, result.stderr) == (
        2,
        "mod4: booking coaching needs your cohort's start date\n"
        "      Set it with `mod4 init --start YYYY-MM-DD` (the Monday of week 1).\n",
    )
