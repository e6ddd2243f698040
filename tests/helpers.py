"""Helpers shared by the tests: schedules and calendar checks built from a few facts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

DATA = Path(__file__).parent / "data" / "ics"
Session = tuple[str, list[int], str, str, str]  # day, weeks, start, end, id


def cohort(start: str, sessions: list[Session], weeks: int = 2) -> str:
    """A cohort schedule: (day, weeks, start, end, id) per required session, campus zone Denver."""
    blocks = "".join(
        f'[[session]]\nid = "{sid}"\ntitle = "{sid.title()}"\nkind = "workshop"\nweeks = {w}\n'
        f'day = "{day}"\nstart = "{begin}"\nend = "{end}"\n\n'
        for day, w, begin, end, sid in sessions
    )
    return (
        f'schema = 1\n[module]\ntitle = "Cohort"\nweeks = {weeks}\ntimezone = "America/Denver"\n'
        f"start = {start}\n\n{blocks}"
        '[[deliverable]]\nid = "kit"\ntitle = "Kit"\ndue = { week = 1, day = "fri", time = "17:00" }\n'
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n'
    )


def calendar_checker(
    run: Callable[..., Run], schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """`check(ics, start, sessions, *extra)`: check-conflict --ics against a cohort, now just before it."""

    def check(ics: Path | str, start: str, sessions: list[Session], *extra: str) -> Run:
        monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(cohort(start, sessions))))
        monkeypatch.setenv("MOD4_NOW", f"{start}T00:00")
        path = ics if isinstance(ics, Path) else DATA / ics
        return run("check-conflict", "--ics", str(path), *extra)

    return check
