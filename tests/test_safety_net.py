"""A safety net through the command line, for the move of every module into subpackages.

Each test drives `mod4` as a student or staff member would (in-process through the Typer app)
and checks what they would notice: whole JSON documents, exit codes, the files mod4 keeps.
Only the property test of check-conflict calls the planner directly, with the same Context
the CLI builds, to run hundreds of examples quickly.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers import MINI_SCHEDULE, Run

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
                "Undid: coach cancel #2 (made Fri 15 Jan 18:45 EST).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [1, 2],
            ),
            (
                "Undid: coach book Ryan #2 (made Thu 14 Jan 13:05 EST).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [1],
            ),
            (
                "Undid: coach book Tracey #1 (made Thu 14 Jan 13:00 EST).",
                NOT_STARTED | {"resume": "done", "portfolio": "review-requested"},
                [],
            ),
            (
                "Undid: stage portfolio review-requested (made Wed 13 Jan 12:30 EST).",
                NOT_STARTED | {"resume": "done"},
                [],
            ),
            ("Undid: done resume (made Tue 12 Jan 11:00 EST).", NOT_STARTED, []),
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
                "Undid: stage portfolio published (made Fri 8 Jan 10:00 MST).",
                NOT_STARTED | {"linkedin": "done"},
                [],
            ),
            (
                "Undid: reopen survey (made Thu 7 Jan 20:00 MST).",
                NOT_STARTED | {"linkedin": "done", "survey": "done"},
                [],
            ),
            ("Undid: done linkedin survey (made Wed 6 Jan 09:15 MST).", NOT_STARTED, []),
        ],
    ),
}


# What `coach list --json` says beside the bookings, from the bundled schedule.
COACHING = {
    "how_to_book": "Reach out to either of them to set up a 1:1 using the links in their Slack bios.",
    "specialists": ["Tracey", "Ryan"],
}


def _schema_of(path: Path) -> int:
    version = tomllib.loads(path.read_text(encoding="utf-8"))["schema"]
    assert isinstance(version, int)
    return version


def test_there_are_fixtures_of_every_schema_version_with_their_expectations(
    run: RunFn, mod4_home: Path
) -> None:
    """The version mod4 writes today and every older one has a fixture, and each fixture its values."""
    assert run("init", "--start", "2027-01-04").exit_code == 0
    current = _schema_of(mod4_home / "state.toml")
    files = sorted((DATA / "state").glob("*.toml"))
    assert set(STATE_FIXTURES) <= {p.name for p in files}  # tests/test_state_format.py pins the rest
    assert all(p.name.startswith(f"schema-{_schema_of(p)}-") for p in files)
    assert {_schema_of(p) for p in files} == set(range(1, current + 1))


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

    # Restating the profile saves without changing anything: a file of the version mod4 writes
    # today comes back byte for byte, so the writer still writes exactly this format.
    restated = run("init", *pinned.same_profile, "--json")
    assert restated.exit_code == 0, restated.stderr
    assert restated.json() == {"message": f"Profile saved in {mod4_home / 'state.toml'}.", **pinned.profile}
    if _schema_of(mod4_home / "state.toml") == _schema_of(fixture):
        assert (mod4_home / "state.toml").read_bytes() == fixture.read_bytes()

    assert _stages(run) == pinned.stages
    status = run("status", "--json").json()
    assert status["repeating_action"] == (BUNDLED_ACTION if pinned.profile["repeating"] else None)
    assert status["phase"] == ("during" if pinned.profile["start"] else "unknown")
    assert run("coach", "list", "--json").json() == {"bookings": pinned.bookings, **COACHING}
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
        assert undone.stdout.splitlines()[0] == message
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
        ("2027-01-15T16:59", "behind"),  # the last day, nothing done (issue 11: not "on track")
        # At the due instant itself the item is still in time, as `todo` says; nothing is done.
        ("2027-01-15T17:00", "behind"),
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


# --- 4. check-conflict against a brute-force oracle, through the index the CLI uses ----------
# Sessions at midnight and late on Friday, weeks 1-3 from Monday 26 October 2026: the clocks go
# back on Sunday 1 November, inside week 1. A slot may start on a Sunday and run into Monday of
# the next module week, or cross midnight, or be typed in a zone far from campus.

PROPERTY_START = date(2026, 10, 26)
PROPERTY_SESSIONS = [
    {"id": "early", "kind": "workshop", "weeks": [1, 2, 3], "day": 0, "start": time(0, 0), "end": time(0, 45), "required": True},
    {"id": "office", "kind": "office-hours", "weeks": [1, 2, 3], "day": 0, "start": time(15), "end": time(16), "required": False},
    {"id": "talk", "kind": "workshop", "weeks": [2], "day": 1, "start": time(10), "end": time(11), "required": True},
    {"id": "dawn", "kind": "group", "weeks": [2], "day": 2, "start": time(0), "end": time(0, 30), "required": True},
    {"id": "group", "kind": "group", "weeks": [1, 3], "day": 2, "start": time(13), "end": time(14), "required": True},
    {"id": "work", "kind": "work-time", "weeks": [1, 2, 3], "day": 3, "start": time(13), "end": time(16), "required": False},
    # Work time that a cohort file forgot to mark optional is still never a conflict.
    {"id": "work", "kind": "work-time", "weeks": [1, 2, 3], "day": 4, "start": time(9), "end": time(12), "required": True},
    {"id": "late", "kind": "group", "weeks": [1, 2, 3], "day": 4, "start": time(22, 30), "end": time(23, 59), "required": True},
]  # fmt: skip
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _property_schedule() -> str:
    blocks = "".join(
        f'[[session]]\nid = "{s["id"]}"\ntitle = "{s["id"].title()}"\nkind = "{s["kind"]}"\n'
        f'weeks = {s["weeks"]}\nday = "{DAYS[s["day"]]}"\nstart = "{s["start"]:%H:%M}"\n'
        f'end = "{s["end"]:%H:%M}"\nrequired = {str(s["required"]).lower()}\n\n'
        for s in PROPERTY_SESSIONS
    )
    return (
        f'schema = 1\n[module]\ntitle = "Edges"\nweeks = 3\ntimezone = "America/Denver"\n'
        f"start = {PROPERTY_START}\n\n{blocks}"
        '[[deliverable]]\nid = "kit"\ntitle = "Kit"\ndue = { week = 3, day = "fri", time = "17:00" }\n'
        '[[deliverable.item]]\nid = "cv"\ntitle = "CV"\n'
    )


def _campus_instant(week: int, day: int, clock: time, zone: ZoneInfo = DENVER) -> datetime:
    """A wall-clock time of a module week, as the first of two readings in a fold (RFC 5545)."""
    moment = datetime.combine(PROPERTY_START + timedelta(weeks=week - 1, days=day), clock, tzinfo=zone)
    return moment.astimezone(UTC)


def _every_session() -> list[tuple[str, int, str, datetime, datetime, bool, bool]]:
    """(id, week, day, start, end, required, work time) of every session of every week."""
    return [
        (s["id"], week, DAYS[s["day"]], _campus_instant(week, s["day"], s["start"]),
         _campus_instant(week, s["day"], s["end"]), s["required"], s["kind"] == "work-time")
        for s in PROPERTY_SESSIONS
        for week in s["weeks"]
    ]  # fmt: skip


@pytest.fixture(scope="module")
def property_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment the CLI would see: the edge schedule, a private home, now before the module."""
    folder = tmp_path_factory.mktemp("property")
    schedule = folder / "edges.toml"
    schedule.write_text(_property_schedule(), encoding="utf-8")
    return {"MOD4_SCHEDULE": str(schedule), "MOD4_HOME": str(folder / "home"), "MOD4_NOW": "2026-10-01T09:00"}


@settings(max_examples=400, deadline=None)
@example(week=1, day="sun", hour=22, minute=0, minutes=12 * 60, tz=None)  # into Monday of week 2
@example(week=2, day="tue", hour=23, minute=30, minutes=60, tz=None)  # across midnight into dawn
@example(week=2, day="mon", hour=15, minute=0, minutes=180, tz="Asia/Tokyo")  # Sunday night in Denver
@example(week=1, day="sun", hour=20, minute=30, minutes=60, tz="Pacific/Honolulu")  # 23:30 in Denver
@given(
    week=st.integers(1, 3),
    day=st.sampled_from(DAYS),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    minutes=st.integers(1, 12 * 60),
    tz=st.sampled_from([None, "Asia/Tokyo", "Pacific/Honolulu", "Europe/London"]),
)
def test_check_conflict_matches_every_session_checked_one_by_one(
    property_env: dict[str, str], week: int, day: str, hour: int, minute: int, minutes: int, tz: str | None
) -> None:
    """Conflicts, warnings, work time and suggestions agree with a scan of every session."""
    from mod4cli.plan.conflicts import conflict_report
    from mod4cli.plan.context import Context

    ctx = Context(None, tz, env=property_env)
    report = conflict_report(ctx, f"week {week} {day} {hour:02d}:{minute:02d}", f"{minutes}m").to_json()

    zone = ZoneInfo(tz) if tz else DENVER
    start = _campus_instant(week, DAYS.index(day), time(hour, minute), zone)
    end = start + timedelta(minutes=minutes)
    hits = [s for s in _every_session() if s[3] < end and start < s[4]]
    expected_conflicts = sorted((s[0], s[1], s[2]) for s in hits if s[5] and not s[6])
    expected_warnings = sorted((s[0], s[1], s[2]) for s in hits if not s[5] and not s[6])
    assert (report["start"], report["end"]) == (
        start.astimezone(DENVER).isoformat(),
        end.astimezone(DENVER).isoformat(),
    )
    # The week is the one the student's own date falls in (issue 9: the week they typed).
    their_week = (start.astimezone(zone).date() - PROPERTY_START).days // 7 + 1
    assert report["week"] == (their_week if 1 <= their_week <= 3 else None)
    assert sorted((c["session"], c["week"], c["day"]) for c in report["conflicts"]) == expected_conflicts
    assert sorted((c["session"], c["week"], c["day"]) for c in report["warnings"]) == expected_warnings
    assert report["in_pd_work_time"] == any(s[6] and s[3] <= start and end <= s[4] for s in hits)

    busy = [s for s in _every_session() if not s[6]]
    assert bool(report["suggestions"]) <= bool(expected_conflicts)
    for suggestion in report["suggestions"]:
        offered = datetime.fromisoformat(suggestion["start"])
        assert suggestion["week"] == (offered.date() - PROPERTY_START).days // 7 + 1
        offered_end = datetime.fromisoformat(suggestion["end"])
        assert offered_end - offered == timedelta(minutes=minutes)
        assert offered != start
        assert not [s for s in busy if s[3] < offered_end and offered < s[4]]


# --- 5. whole JSON documents -----------------------------------------------------------------


@pytest.fixture
def cohort(run: RunFn) -> RunFn:
    """A student of the bundled schedule whose cohort started Monday 4 January 2027."""
    assert run("init", "--start", "2027-01-04").exit_code == 0
    return run


def test_status_json_is_the_whole_dashboard(cohort: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    """Monday of week 4 at 11:00, repeating, survey done, coaching last week and this morning."""
    cohort("init", "--repeating")
    monkeypatch.setenv("MOD4_NOW", "2027-01-22T09:00")
    assert cohort("done", "survey").exit_code == 0
    assert cohort("coach", "book", "Tracey", "week 3 thu 10:00").exit_code == 0
    assert cohort("coach", "book", "Ryan", "week 4 mon 10:00", "--topic", "offers").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2027-01-25T11:00")
    result = cohort("status", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "week": 4,
        "weeks": 6,
        "phase": "during",
        "days_left": 21,  # 20 days 13 hours to midnight after Friday of week 6, rounded up
        "next_session": {
            "id": "office-hours", "title": "Office hours", "kind": "office-hours", "week": 4, "day": "mon",
            "start_time": "15:00", "end_time": "16:00", "start": "2027-01-25T15:00:00-07:00",
            "end": "2027-01-25T16:00:00-07:00", "required": False, "link": None, "notes": None,
            "defaults": ["day", "time"], "cohort_default": True, "source": "page",
        },
        "next_is_today": True,
        "next_due": {
            "id": "resume", "title": "Targeted resume", "deliverable": "Update and complete your branding materials",
            "due": "2027-02-05T17:00:00-07:00", "due_week": 5, "due_defaults": ["day", "time"],
            "status": "not-started", "stages": ["not-started", "done"], "steps_done": 0, "steps": 1,
            "done": False, "overdue": False, "days_late": None, "link": None, "notes": None,
        },
        "deliverables": [
            {
                "id": "branding", "title": "Update and complete your branding materials",
                "due": "2027-02-05T17:00:00-07:00", "due_week": 5, "done": 0, "total": 3,
                "pace": "behind",  # two thirds of the time gone, nothing done
                "items": [
                    {"id": "resume", "status": "not-started", "done": False, "stage": 1, "stages": 2,
                     "steps_done": 0, "steps": 1},
                    {"id": "linkedin", "status": "not-started", "done": False, "stage": 1, "stages": 2,
                     "steps_done": 0, "steps": 1},
                    {"id": "portfolio", "status": "not-started", "done": False, "stage": 1, "stages": 3,
                     "steps_done": 0, "steps": 2},
                ],
                "share": 0.0, "due_defaults": ["day", "time"],
            },
            {
                "id": "self-evaluation", "title": "Self-evaluation survey", "due": "2027-02-12T17:00:00-07:00",
                "due_week": 6, "done": 1, "total": 1, "pace": "done",
                "items": [{"id": "survey", "status": "done", "done": True, "stage": 2, "stages": 2,
                           "steps_done": 1, "steps": 1}],
                "share": 1.0, "due_defaults": ["day", "time"],
            },
        ],
        "coaching_this_week": [
            {"id": 2, "specialist": "Ryan", "start": "2027-01-25T10:00:00-07:00", "end": "2027-01-25T10:30:00-07:00",
             "minutes": 30, "topic": "Job offers"},
        ],
        "warnings": ["Finish 'Targeted resume' before Employer mock interviews (Thu)."],
        "repeating_action": BUNDLED_ACTION,
        "own_clashes": [],
        "own_clashes_later": 0,
        "calendar_notes": [],
    }  # fmt: skip
    # Thursday after the mock interviews: PD work time is not a session to go to.
    monkeypatch.setenv("MOD4_NOW", "2027-01-28T12:30")
    later = cohort("status", "--json").json()
    assert (later["next_session"], later["next_is_today"]) == (
        {"id": "office-hours", "title": "Office hours", "kind": "office-hours", "week": 5, "day": "mon",
         "start_time": "15:00", "end_time": "16:00", "start": "2027-02-01T15:00:00-07:00",
         "end": "2027-02-01T16:00:00-07:00", "required": False, "link": None, "notes": None,
         "defaults": ["day", "time"], "cohort_default": True, "source": "page"},
        False,
    )  # fmt: skip


def test_status_json_before_the_module_and_without_a_start(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The secondary keys when there is nothing to count yet."""
    monkeypatch.setenv("MOD4_NOW", "2027-01-01T12:00")
    undated = run("status", "--json").json()
    assert (undated["next_due"]["id"], undated["next_due"]["due"]) == ("resume", None)
    assert {k: v for k, v in undated.items() if k not in ("deliverables", "next_due")} == {
        "week": None, "weeks": 6, "phase": "unknown", "days_left": None, "next_session": None,
        "next_is_today": False, "coaching_this_week": [], "warnings": [], "repeating_action": None,
        "own_clashes": [], "own_clashes_later": 0, "calendar_notes": [],
    }  # fmt: skip
    assert [(d["id"], d["due"], d["pace"]) for d in undated["deliverables"]] == [
        ("branding", None, "no dates"), ("self-evaluation", None, "no dates")
    ]  # fmt: skip
    run("init", "--start", "2027-01-04")
    before = run("status", "--json").json()
    assert (before["next_due"]["id"], before["next_due"]["due"]) == ("resume", "2027-02-05T17:00:00-07:00")
    assert {k: v for k, v in before.items() if k not in ("deliverables", "next_session", "next_due")} == {
        "week": 0, "weeks": 6, "phase": "before", "days_left": 45, "next_is_today": False,
        "coaching_this_week": [], "warnings": [], "repeating_action": None,
        "own_clashes": [], "own_clashes_later": 0, "calendar_notes": [],
    }  # fmt: skip
    assert (before["next_session"]["id"], before["next_session"]["start"]) == (
        "office-hours", "2027-01-04T15:00:00-07:00"
    )  # fmt: skip


def test_coach_list_json_is_whole_with_past_and_week(cohort: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    """One meeting already held, one still to come."""
    monkeypatch.setenv("MOD4_NOW", "2027-01-08T12:00")
    assert cohort("coach", "book", "Tracey", "week 2 mon 11:00").exit_code == 0
    assert cohort("coach", "book", "Ryan", "week 3 wed 15:30", "--topic", "mock").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T15:00")
    result = cohort("coach", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "bookings": [
            {"id": 1, "specialist": "Tracey", "start": "2027-01-11T11:00:00-07:00",
             "end": "2027-01-11T11:30:00-07:00", "minutes": 30, "topic": None, "week": 2, "past": True},
            {"id": 2, "specialist": "Ryan", "start": "2027-01-20T15:30:00-07:00",
             "end": "2027-01-20T16:00:00-07:00", "minutes": 30, "topic": "Mock interviews", "week": 3, "past": False},
        ],
        **COACHING,
    }  # fmt: skip


def test_schedule_check_json_is_whole(run: RunFn, schedule_file: Callable[..., Path]) -> None:
    """Counts and warnings of a cohort file with a deadline in the middle of a session."""
    text = MINI_SCHEDULE.replace("{start_line}", "").replace(
        'due = { week = 2, day = "fri", time = "17:00" }', 'due = { week = 1, day = "wed", time = "13:30" }'
    )
    path = schedule_file(text)
    result = run("schedule", "check", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "file": str(path),
        "ok": True,
        "problems": [],
        "warnings": ["cv: due week 1 wed 13:30, during Group (session[2], 13:00-14:00)"],
        "sessions": 5,  # the talk, and Group and work time in each of 2 weeks
        "items": 1,
    }


def test_schedule_check_json_of_the_bundled_schedule(run: RunFn) -> None:
    """The bundled schedule: 30 sessions over 6 weeks, 4 items, no warnings."""
    from mod4cli.load.paths import bundled_schedule

    path = str(bundled_schedule())
    assert run("schedule", "check", path, "--json").json() == {
        "file": path,
        "ok": True,
        "problems": [],
        "warnings": [],
        "sessions": 30,
        "items": 4,
    }


# --- 6. calendar events that are not busy ------------------------------------------------------


def test_cancelled_free_and_transparent_events_are_counted_free_not_checked(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the busy interview is a conflict; the other three overlap sessions but are free."""
    _use_schedule(monkeypatch, schedule_file(start="2027-01-04"))
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T00:00")
    ics = DATA / "ics" / "handwritten_cancelled_free_transparent.ics"
    result = run("check-conflict", "--ics", str(ics), "--json")
    assert result.exit_code == 1, result.stderr
    assert result.json() == {
        "file": str(ics),
        "checked": 4,
        "free": 3,
        "conflicts": [
            {
                "summary": "Interview: Acme", "uid": "interview-acme@mod4.test",
                "start": "2027-01-13T13:30:00-07:00", "end": "2027-01-13T14:00:00-07:00", "all_day": False,
                "session": "group", "title": "Group",
                "sessions": [
                    {"session": "group", "title": "Group", "kind": "group", "week": 2, "day": "wed",
                     "start_time": "13:00", "end_time": "14:00", "start": "2027-01-13T13:00:00-07:00",
                     "end": "2027-01-13T14:00:00-07:00", "required": True, "link": None, "notes": None,
                     "defaults": [], "cohort_default": False, "source": None},
                ],
                "suggestions": [
                    {"start": "2027-01-14T13:00:00-07:00", "end": "2027-01-14T13:30:00-07:00", "week": 2,
                     "day": "thu", "start_time": "13:00", "end_time": "13:30", "in_pd_work_time": True},
                    {"start": "2027-01-13T14:00:00-07:00", "end": "2027-01-13T14:30:00-07:00", "week": 2,
                     "day": "wed", "start_time": "14:00", "end_time": "14:30", "in_pd_work_time": False},
                    {"start": "2027-01-13T12:30:00-07:00", "end": "2027-01-13T13:00:00-07:00", "week": 2,
                     "day": "wed", "start_time": "12:30", "end_time": "13:00", "in_pd_work_time": False},
                ],
                "in_pd_work_time": False,
            }
        ],
        "warnings": [],
        "skipped": [],
        "file_warnings": [],
    }  # fmt: skip
    text = run("check-conflict", "--ics", str(ics)).stdout
    assert "4 events in the module's weeks (3 marked free)" in text
    for free in ("Cancelled interview", "Outlook free block", "Transparent hold"):
        assert free not in text


# --- 7. bugs that went unnoticed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "when"),
    [
        ("2027-01-20T13:40", "week 3 wed 13:45"),  # during Homeroom: every earlier slot is past
        ("2027-01-20T12:40", "week 3 wed 13:15"),  # 12:30-13:00 is free but already under way
    ],
)
def test_no_suggestion_starts_before_now(
    cohort: RunFn, monkeypatch: pytest.MonkeyPatch, now: str, when: str
) -> None:
    """Wednesday of week 3: Wed 12:30, the nearest free slot before, is past and not offered."""
    monkeypatch.setenv("MOD4_NOW", now)
    result = cohort("check-conflict", when, "--json")
    assert result.exit_code == 1
    suggestions = result.json()["suggestions"]
    assert [(s["start"], s["in_pd_work_time"]) for s in suggestions] == [
        ("2027-01-21T13:00:00-07:00", True),
        ("2027-01-20T14:00:00-07:00", False),
    ]
    moment = datetime.fromisoformat(now).replace(tzinfo=DENVER)
    assert all(datetime.fromisoformat(s["start"]) >= moment for s in suggestions)


def test_done_with_two_items_marks_both(cohort: RunFn) -> None:
    """Both items reach their final stage, and one undo takes both back."""
    done = cohort("done", "resume", "portfolio", "--json")
    assert done.exit_code == 0, done.stderr
    assert done.json()["items"] == [
        {"id": "resume", "status": "done", "changed": True},
        {"id": "portfolio", "status": "published", "changed": True},
    ]
    assert _stages(cohort) == NOT_STARTED | {"resume": "done", "portfolio": "published"}
    assert [i["id"] for i in cohort("todo", "--json").json()["items"]] == ["linkedin", "survey"]
    assert cohort("undo").exit_code == 0
    assert _stages(cohort) == NOT_STARTED


def test_coaching_changes_keep_at_most_fifty_undo_steps(
    cohort: RunFn, mod4_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sixty book/cancel changes leave the newest fifty in the state file, and fifty undos."""
    from mod4cli.model.progress import UNDO_DEPTH

    monkeypatch.setenv("MOD4_NOW", "2027-01-18T09:00")
    for booking in range(1, 31):
        assert cohort("coach", "book", "Tracey", "week 3 thu 10:00").exit_code == 0
        assert cohort("coach", "cancel", str(booking)).exit_code == 0
    history = tomllib.loads((mod4_home / "state.toml").read_text(encoding="utf-8"))["history"]
    assert UNDO_DEPTH == 50
    assert len(history) == UNDO_DEPTH
    # Changes 11-60 are kept: the 11th is the sixth booking.
    assert (history[0]["action"], history[-1]["action"]) == ("coach book Tracey #6", "coach cancel #30")
    for _ in range(UNDO_DEPTH):
        assert cohort("undo").exit_code == 0
    assert cohort("undo").exit_code == 2
    assert cohort("coach", "list", "--json").json() == {"bookings": [], **COACHING}


@pytest.mark.parametrize("which", ["bundled", "work time not marked optional"])
def test_export_marks_work_time_and_office_hours_free_and_sessions_busy(
    cohort: RunFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """TRANSP in the exported calendar: calendars offer free time for interviews from it."""
    import icalendar

    if which != "bundled":
        schedule = tmp_path / "edges.toml"
        schedule.write_text(_property_schedule(), encoding="utf-8")
        _use_schedule(monkeypatch, schedule)
    out = tmp_path / "mod4.ics"
    assert cohort("export", "ics", "-o", str(out)).exit_code == 0
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    by_kind: dict[str, set[str]] = {}
    for event in events:
        kind = event.get("CATEGORIES").cats[0]
        by_kind.setdefault(kind, set()).add(str(event.get("TRANSP")))
    free, busy = {"TRANSPARENT"}, {"OPAQUE"}
    expected = {"work-time": free, "office-hours": free, "deadline": free, "workshop": busy, "group": busy}
    if which == "bundled":
        expected |= {"panel": busy, "interviews": busy}
    assert by_kind == expected


@pytest.mark.parametrize(
    ("new_title", "touch"),
    [
        ("Chat", True),  # same size, newer modification time
        ("Talk about CVs", False),  # other size, same modification time
        ("Talk about CVs", True),  # both
    ],
)
def test_an_edited_schedule_is_read_again_not_served_from_the_cache(
    run: RunFn,
    schedule_file: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    mod4_home: Path,
    new_title: str,
    touch: bool,
) -> None:
    """Staff fix a title between two commands; the second shows the new title."""
    path = _use_schedule(monkeypatch, schedule_file(start="2027-01-04"))
    assert run("week", "1", "--json").json()["sessions"][0]["title"] == "Talk"
    assert list((mod4_home / "cache").glob("schedule-*.json"))  # the first run filled the cache
    before = path.stat()
    path.write_text(path.read_text().replace('title = "Talk"', f'title = "{new_title}"'), encoding="utf-8")
    mtime = before.st_mtime_ns + 5_000_000_000 if touch else before.st_mtime_ns
    os.utime(path, ns=(before.st_atime_ns, mtime))
    assert (path.stat().st_size != before.st_size) is (len(new_title) != len("Talk"))
    assert run("week", "1", "--json").json()["sessions"][0]["title"] == new_title
