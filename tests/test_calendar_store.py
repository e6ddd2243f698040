"""The followed calendars on disk (load/calendar_store.py): the busy times worked out from a copy
are kept in the cache and read back as they were, so the everyday commands do not parse the
calendar again; an entry that is damaged or made for other inputs is worked out afresh."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Run

RunFn = Callable[..., Run]

# Week 1 of the cohort of 2026-10-19: Homeroom is Wed 21 Oct 13:00-14:00 MDT (19:00-20:00 UTC).
MINE = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:dentist@example.com\r
DTSTART:20261021T193000Z\r
DTEND:20261021T200000Z\r
SUMMARY:Dentist\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:move@example.com\r
DTSTART;VALUE=DATE:20261021\r
DTEND;VALUE=DATE:20261022\r
SUMMARY:Moving day\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:lunch@example.com\r
DTSTART:20261021T190000Z\r
DTEND:20261021T193000Z\r
TRANSP:TRANSPARENT\r
SUMMARY:Lunch (free)\r
END:VEVENT\r
END:VCALENDAR\r
"""
# What `week 1 --json` shows of them: both busy events collide with Homeroom; the free one is not busy.
CLASHES = [
    {
        "calendar": "mine",
        "summary": "Moving day",
        "start": "2026-10-21T00:00:00-06:00",
        "end": "2026-10-22T00:00:00-06:00",
        "all_day": True,
        "sessions": ["homeroom"],
    },
    {
        "calendar": "mine",
        "summary": "Dentist",
        "start": "2026-10-21T13:30:00-06:00",
        "end": "2026-10-21T14:00:00-06:00",
        "all_day": False,
        "sessions": ["homeroom"],
    },
]


@pytest.fixture
def following(run: RunFn, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mod4_home: Path) -> Path:
    """A student of the cohort of 2026-10-19 (bundled schedule, Denver) following `mine.ics`, a
    file on this machine; returns the copy mod4 keeps of it."""
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T09:00")
    assert run("init", "--start", "2026-10-19").exit_code == 0
    source = tmp_path / "mine.ics"
    source.write_bytes(MINE)
    added = run("calendar", "add", str(source))
    assert added.exit_code == 0, added.stderr
    return mod4_home / "calendars" / "mine.ics"


def _busy_entry(mod4_home: Path) -> Path:
    (entry,) = (mod4_home / "cache").glob("busy-*.json")
    return entry


def test_the_busy_times_come_back_from_the_cache_as_they_were_worked_out(
    run: RunFn, following: Path, mod4_home: Path
) -> None:
    first = run("week", "1", "--json").json()["own_clashes"]
    assert first == CLASHES
    # The copy is now damaged; the cache, made for exactly its content, is what the next read uses.
    following.write_bytes(b"not a calendar any more")
    again = run("week", "1", "--json")
    assert (again.exit_code, again.json()["own_clashes"]) == (0, CLASHES)
    assert "cannot be read" not in again.stdout + again.stderr


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda doc: "not json at all", id="not-json"),
        pytest.param(lambda doc: [doc["key"], doc["events"]], id="not-a-table"),
        pytest.param(lambda doc: doc | {"key": doc["key"] + "-other"}, id="other-inputs"),
        pytest.param(lambda doc: {"key": doc["key"]}, id="no-events"),
        pytest.param(lambda doc: doc | {"events": [["Dentist", "soon", 0, False, None]]}, id="bad-start"),
        pytest.param(lambda doc: doc | {"events": [[7, 0, 0, False, None]]}, id="bad-summary"),
        pytest.param(lambda doc: doc | {"events": [["Dentist", 0, None, False, None]]}, id="bad-end"),
        pytest.param(lambda doc: doc | {"events": [["Dentist", 0]]}, id="short-row"),
    ],
)
def test_a_damaged_busy_entry_is_worked_out_again_and_rewritten(
    run: RunFn, following: Path, mod4_home: Path, damage: Callable[[dict[str, Any]], Any]
) -> None:
    assert run("week", "1", "--json").json()["own_clashes"] == CLASHES
    entry = _busy_entry(mod4_home)
    good = json.loads(entry.read_text())
    damaged = damage(good)
    entry.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged))
    assert run("week", "1", "--json").json()["own_clashes"] == CLASHES
    assert json.loads(entry.read_text()) == good  # worked out from the copy and kept again


def test_removing_a_calendar_forgets_its_copy_and_its_busy_times(
    run: RunFn, following: Path, mod4_home: Path
) -> None:
    assert run("week", "1", "--json").json()["own_clashes"] == CLASHES
    entry = _busy_entry(mod4_home)
    assert run("calendar", "remove", "mine").exit_code == 0
    assert (following.exists(), entry.exists()) == (False, False)
