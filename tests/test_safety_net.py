"""A safety net through the command line, for the move of every module into subpackages.

Each test drives `mod4` as a student or staff member would (in-process through the Typer app)
and checks what they would notice: whole JSON documents, exit codes, the files mod4 keeps.
Only the property test of check-conflict calls the planner directly, with the same Context
the CLI builds, to run hundreds of examples quickly.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Run

RunFn = Callable[..., Run]
DENVER = ZoneInfo("America/Denver")
DATA = Path(__file__).parent / "data"
BUNDLED_ACTION = "Meet the Career Development team and set specific goals from your first self-evaluation"


def _use_schedule(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    return path


def _stages(run: RunFn) -> dict[str, str]:
    """Every item's stage as `status --json` reports it, done items included."""
    data = run("status", "--json").json()
    return {i["id"]: i["status"] for d in data["deliverables"] for i in d["items"]}


# --- 2. the state format, pinned by files of every schema version ---------------------------


@dataclass(frozen=True)
class Pinned:
    """What a state fixture must read back as, through the CLI."""

    now: str  # MOD4_NOW for the reads
    same_profile: tuple[str, ...]  # `init` options that restate the profile: a save that changes nothing
    profile: dict[str, Any]
    stages: dict[str, str]
    bookings: list[dict[str, Any]]
    todo_extra: list[str]
    branding_due: str | None  # the branding items' due date-time as todo --json gives it
    # Newest first, as undo takes them back: the undo message, then the stages and bookings after it.
    history: list[tuple[str, dict[str, str], list[int]]] = field(default_factory=list)


NOT_STARTED = {
    "resume": "not-started",
    "linkedin": "not-started",
    "portfolio": "not-started",
    "survey": "not-started",
}
TRACEY = {"id": 1, "specialist": "Tracey", "start": "2027-01-21T10:00:00-07:00", "end": "2027-01-21T10:45:00-07:00",
          "minutes": 45, "topic": "Job search strategy", "week": 3, "past": False}  # fmt: skip
RYAN = {"id": 2, "specialist": "Ryan", "start": "2027-01-26T12:30:00-07:00", "end": "2027-01-26T13:00:00-07:00",
        "minutes": 30, "topic": None, "week": 4, "past": False}  # fmt: skip

# One entry per file in tests/data/state; a new fixture without its expectations fails.
STATE_FIXTURES = {
    # init --start 2027-01-04 --tz America/New_York --repeating; done resume; stage portfolio
    # review-requested; coach book Tracey and Ryan; coach cancel 2 (times typed in New York).
    # Tracey's meeting was then made 45 minutes long by hand, as a cohort file with longer
    # coaching would have written it, so that no value equals a default.
    "schema-1-full.toml": Pinned(
        now="2027-01-19T09:00",
        same_profile=("--repeating",),
        profile={"start": "2027-01-04", "timezone": "America/New_York", "repeating": True},
        stages=NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
        bookings=[TRACEY],
        todo_extra=[BUNDLED_ACTION],
        branding_due="2027-02-05T17:00:00-07:00",
        history=[
            # `at` is shown in the profile's zone: 23:45 UTC is 18:45 in New York.
            (
                "Undid: coach cancel #2 (made Fri 15 Jan 18:45).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [1, 2],
            ),
            (
                "Undid: coach book Ryan #2 (made Thu 14 Jan 13:05).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [1],
            ),
            (
                "Undid: coach book Tracey #1 (made Thu 14 Jan 13:00).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [],
            ),
            (
                "Undid: stage portfolio review-requested (made Wed 13 Jan 12:30).",
                NOT_STARTED | {"resume": "done"},
                [],
            ),
            ("Undid: done resume (made Tue 12 Jan 11:00).", NOT_STARTED, []),
        ],
    ),
    # init --start 2027-01-04 and nothing else.
    "schema-1-fresh.toml": Pinned(
        now="2027-01-19T09:00",
        same_profile=("--start", "2027-01-04"),
        profile={"start": "2027-01-04", "timezone": None, "repeating": False},
        stages=NOT_STARTED,
        bookings=[],
        todo_extra=[],
        branding_due="2027-02-05T17:00:00-07:00",
    ),
    # No start date: init --not-repeating; done linkedin survey; reopen survey; stage portfolio
    # published (times in campus time).
    "schema-1-undated.toml": Pinned(
        now="2027-01-19T09:00",
        same_profile=("--not-repeating",),
        profile={"start": None, "timezone": None, "repeating": False},
        stages=NOT_STARTED | {"linkedin": "done", "portfolio": "published"},
        bookings=[],
        todo_extra=[],
        branding_due=None,
        history=[
            (
                "Undid: stage portfolio published (made Fri 08 Jan 10:00).",
                NOT_STARTED | {"linkedin": "done"},
                [],
            ),
            (
                "Undid: reopen survey (made Thu 07 Jan 20:00).",
                NOT_STARTED | {"linkedin": "done", "survey": "done"},
                [],
            ),
            ("Undid: done linkedin survey (made Wed 06 Jan 09:15).", NOT_STARTED, []),
        ],
    ),
}


def test_every_state_fixture_has_its_expectations() -> None:
    """A fixture added for a new schema version needs its pinned values too."""
    assert sorted(p.name for p in (DATA / "state").glob("*.toml")) == sorted(STATE_FIXTURES)
    assert all(name.startswith("schema-1-") for name in STATE_FIXTURES)


@pytest.mark.parametrize("name", sorted(STATE_FIXTURES))
def test_state_files_of_every_schema_version_keep_loading(
    run: RunFn, mod4_home: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Old state files load whole: profile, stages, bookings and every undo step."""
    pinned = STATE_FIXTURES[name]
    fixture = DATA / "state" / name
    mod4_home.mkdir(parents=True)
    shutil.copyfile(fixture, mod4_home / "state.toml")
    monkeypatch.setenv("MOD4_NOW", pinned.now)

    # Restating the profile rewrites the file byte for byte: the writer still writes this format.
    restated = run("init", *pinned.same_profile, "--json")
    assert restated.exit_code == 0, restated.stderr
    assert restated.json() == {"message": f"Profile saved in {mod4_home / 'state.toml'}.", **pinned.profile}
    assert (mod4_home / "state.toml").read_bytes() == fixture.read_bytes()

    assert _stages(run) == pinned.stages
    status = run("status", "--json").json()
    assert status["repeating_action"] == (BUNDLED_ACTION if pinned.profile["repeating"] else None)
    assert status["phase"] == ("during" if pinned.profile["start"] else "unknown")
    assert run("coach", "list", "--json").json() == {"bookings": pinned.bookings}
    todo = run("todo", "--json").json()
    assert todo["extra"] == pinned.todo_extra
    assert todo["dated"] is (pinned.profile["start"] is not None)
    assert {i["id"]: i["status"] for i in todo["items"]} == {
        k: v for k, v in pinned.stages.items() if v not in ("done", "published")
    }
    assert {i["due"] for i in todo["items"] if i["id"] != "survey"} <= {pinned.branding_due}

    for message, stages, booking_ids in pinned.history:
        undone = run("undo")
        assert undone.exit_code == 0, undone.stderr
        assert undone.stdout.strip() == message
        assert _stages(run) == stages
        listed = run("coach", "list", "--json").json()["bookings"]
        assert listed == [b for b in (TRACEY, RYAN) if b["id"] in booking_ids]
    nothing = run("undo")
    assert nothing.exit_code == 2
    assert "nothing to undo" in nothing.stderr


# --- 3. boundaries at the exact instants -----------------------------------------------------
# The mini schedule with start 2027-01-04: the CV is due Fri 15 Jan 17:00 MST (week 2), and
# Group meets Wed 6 Jan 13:00-14:00 MST (week 1).


@pytest.mark.parametrize(
    ("now", "overdue", "days_late"),
    [
        ("2027-01-15T16:59", False, None),
        ("2027-01-15T17:00", False, None),  # due now is not late yet
        ("2027-01-15T17:01", True, 0),
        ("2027-01-16T16:59", True, 0),
        ("2027-01-16T17:00", True, 1),  # a whole day late exactly
        ("2027-01-16T17:01", True, 1),
    ],
)
def test_an_item_is_overdue_only_after_its_due_instant(
    run: RunFn,
    schedule_file: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    now: str,
    overdue: bool,
    days_late: int | None,
) -> None:
    """todo --json at the due minute and either side of it, and at whole days late."""
    _use_schedule(monkeypatch, schedule_file(start="2027-01-04"))
    monkeypatch.setenv("MOD4_NOW", now)
    (item,) = run("todo", "--json").json()["items"]
    assert (item["id"], item["due"]) == ("cv", "2027-01-15T17:00:00-07:00")
    assert (item["overdue"], item["days_late"]) == (overdue, days_late)


@pytest.mark.parametrize(
    ("now", "pace"),
    [
        ("2027-01-15T16:59", "on track"),
        # At the due instant itself, status already calls it overdue (todo waits one more minute).
        ("2027-01-15T17:00", "overdue"),
        ("2027-01-15T17:01", "overdue"),  # not a day late: the minute after
    ],
)
def test_status_pace_turns_overdue_at_the_deadline_not_a_day_later(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, now: str, pace: str
) -> None:
    """The deliverable's pace around its deadline."""
    _use_schedule(monkeypatch, schedule_file(start="2027-01-04"))
    monkeypatch.setenv("MOD4_NOW", now)
    (kit,) = run("status", "--json").json()["deliverables"]
    assert (kit["id"], kit["due"], kit["pace"]) == ("kit", "2027-01-15T17:00:00-07:00", pace)


@pytest.mark.parametrize(
    ("when", "duration", "collides"),
    [
        ("week 1 wed 12:30", "30m", False),  # ends exactly when Group starts
        ("week 1 wed 12:31", "30m", True),  # one minute into it
        ("week 1 wed 12:00", "1h", False),
        ("week 1 wed 12:00", "61", True),
        ("week 1 wed 14:00", "30m", False),  # starts exactly when Group ends
        ("week 1 wed 13:59", "30m", True),  # one minute before it ends
    ],
)
def test_a_slot_touching_a_session_is_no_conflict_one_minute_more_is(
    run: RunFn,
    schedule_file: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    when: str,
    duration: str,
    collides: bool,
) -> None:
    """check-conflict at a session's edges: exit code and the conflicts listed."""
    _use_schedule(monkeypatch, schedule_file(start="2027-01-04"))
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T08:00")
    result = run("check-conflict", when, "--duration", duration, "--json")
    assert result.exit_code == (1 if collides else 0), result.stderr
    conflicts = result.json()["conflicts"]
    assert [(c["session"], c["start"], c["end"]) for c in conflicts] == (
        [("group", "2027-01-06T13:00:00-07:00", "2027-01-06T14:00:00-07:00")] if collides else []
    )
