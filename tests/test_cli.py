"""The commands as a student sees them: JSON compared whole, text checked for what a person reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, overflowing

RunFn = Callable[..., Run]


def _mini(
    schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, start: str | None = "2027-01-04"
) -> Path:
    path = schedule_file(start=start)
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    return path


def test_week_json_is_the_whole_agenda(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _mini(schedule_file, monkeypatch)
    monkeypatch.setenv("MOD4_NOW", "2027-01-05T08:00")
    result = run("week", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "week": 1,
        "weeks": 2,
        "focus": "Start",
        "dated": True,
        "timezone": "America/Denver",
        "sessions": [
            {"id": "talk", "title": "Talk", "kind": "workshop", "week": 1, "day": "tue", "start_time": "10:00",
             "end_time": "11:00", "start": "2027-01-05T10:00:00-07:00", "end": "2027-01-05T11:00:00-07:00",
             "required": True, "link": None, "notes": None, "defaults": [], "cohort_default": False,
             "source": None},
            {"id": "group", "title": "Group", "kind": "group", "week": 1, "day": "wed", "start_time": "13:00",
             "end_time": "14:00", "start": "2027-01-06T13:00:00-07:00", "end": "2027-01-06T14:00:00-07:00",
             "required": True, "link": None, "notes": None, "defaults": [], "cohort_default": False,
             "source": None},
            {"id": "work-time", "title": "PD work time", "kind": "work-time", "week": 1, "day": "thu",
             "start_time": "13:00", "end_time": "16:00", "start": "2027-01-07T13:00:00-07:00",
             "end": "2027-01-07T16:00:00-07:00", "required": False, "link": None, "notes": None, "defaults": [],
             "cohort_default": False, "source": None},
        ],
        "due": [],
        "actions": ["Say hello"],
        "tips": [],
        "groups_overview": None,
        "own_clashes": [],
        "calendar_notes": [],
        "coaching": [],
        "warnings": [],
        "notes": [],
    }  # fmt: skip


def test_week_without_a_start_date_has_null_datetimes(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _mini(schedule_file, monkeypatch, start=None)
    data = run("week", "2", "--json").json()
    assert data["dated"] is False
    assert [(s["day"], s["start_time"], s["end_time"], s["start"], s["end"]) for s in data["sessions"]] == [
        ("wed", "13:00", "14:00", None, None),
        ("thu", "13:00", "16:00", None, None),
    ]
    assert data["due"] == [{"id": "cv", "title": "CV", "due": None, "status": "not-started",
                            "deliverable": "Kit", "done": False, "overdue": False, "days_late": None,
                            "due_defaults": [], "link": None, "notes": None}]  # fmt: skip


def test_current_week_needs_a_start_date(run: RunFn) -> None:
    result = run("week")
    assert result.exit_code == 2
    assert "no module start date" in result.stderr
    assert "mod4 init --start" in result.stderr
    assert result.stdout == ""


def test_bundled_week_3_reads_well(run: RunFn) -> None:
    result = run("week", "3")
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("Week 3 of 6", "Panel: guest speakers", "Networking", "Homeroom group", "PD work time",
                     "Office hours", "Bring one takeaway from the panel", "nothing is due this week"):  # fmt: skip
        assert expected in out, expected
    assert overflowing(out, 80) == []


def test_narrow_terminal_gets_the_list_layout(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    for args in (("week", "4"), ("todo",), ("check-conflict", "week 4 wed 13:15")):
        out = run(*args).stdout
        assert overflowing(out, 40) == [], args
    week4 = run("week", "4").stdout
    assert "Mix It Up group" in week4 and "Email your mock interviewer" in week4


def test_todo_lists_items_soonest_first_and_flags_overdue(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("init", "--start", "2027-01-04")
    monkeypatch.setenv("MOD4_NOW", "2027-02-08T12:00")  # Monday of week 6: week 5's items are 3 days late
    data = run("todo", "--json").json()
    assert [(i["id"], i["overdue"], i["days_late"]) for i in data["items"]] == [
        ("resume", True, 2), ("linkedin", True, 2), ("portfolio", True, 2), ("survey", False, None),
    ]  # fmt: skip
    assert data["items"][2] | {} == {
        "id": "portfolio", "title": "Terminal portfolio reviewed and published",
        "deliverable": "Update and complete your branding materials", "due": "2027-02-05T17:00:00-07:00",
        "due_week": 5, "due_defaults": ["day", "time"], "status": "not-started",
        "stages": ["not-started", "review-requested", "published"], "steps_done": 0, "steps": 2,
        "done": False, "overdue": True, "days_late": 2, "link": None,
        "notes": "Request review on your Terminal portfolio; a member of the Career Dev team then reviews and "
                 "publishes it. It isn't complete until it is published.",
    }  # fmt: skip
    assert "2 days late" in run("todo").stdout


def test_done_then_undo(run: RunFn) -> None:
    assert run("done", "resume").exit_code == 0
    ids = [i["id"] for i in run("todo", "--json").json()["items"]]
    assert ids == ["linkedin", "portfolio", "survey"]
    undo = run("undo")
    assert undo.exit_code == 0 and "done resume" in undo.stdout
    assert [i["id"] for i in run("todo", "--json").json()["items"]] == ["resume", *ids]
    nothing = run("undo")
    assert nothing.exit_code == 2 and "nothing to undo" in nothing.stderr


def test_portfolio_goes_through_its_stages(run: RunFn) -> None:
    assert run("stage", "portfolio", "review-requested").exit_code == 0
    (portfolio,) = [i for i in run("todo", "--json").json()["items"] if i["id"] == "portfolio"]
    assert portfolio["status"] == "review-requested"
    run("done", "portfolio")
    assert "portfolio" not in [i["id"] for i in run("todo", "--json").json()["items"]]
    run("reopen", "portfolio")
    (portfolio,) = [i for i in run("todo", "--json").json()["items"] if i["id"] == "portfolio"]
    assert portfolio["status"] == "not-started"


def test_done_several_items_is_one_change(run: RunFn) -> None:
    run("done", "resume", "linkedin")
    run("undo")
    assert len(run("todo", "--json").json()["items"]) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "resme"), "unknown item 'resme'"),
        (("done", "resume", "nope"), "unknown item 'nope'"),
        (("stage", "portfolio", "shipped"), "portfolio has no stage 'shipped'"),
        (("init", "--start", "2027-01-06"), "2027-01-06 is a Wednesday"),
        (("init", "--tz", "Mars/Base"), "unknown time zone 'Mars/Base'"),
        (("week", "3", "--tz", ""), "--tz: unknown time zone ''"),
        (("check-conflict", "week 3 wed 13:15", "--tz", ""), "--tz: unknown time zone ''"),
        (("week", "7"), "week 7 is outside the module"),
        (("check-conflict", "week 3 wed 13:15", "--duration", "forever"), "--duration: cannot read"),
        (("check-conflict",), "check-conflict needs WHEN"),
    ],
)
def test_bad_input_is_one_message_exit_2_and_changes_nothing(
    run: RunFn, mod4_home: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("mod4: ")
    assert "Traceback" not in result.stderr
    assert not (mod4_home / "state.toml").exists()


def test_check_conflict_names_the_session_and_suggests(run: RunFn) -> None:
    result = run("check-conflict", "week 3 wed 13:15")
    assert result.exit_code == 1
    assert "Conflict: Homeroom group" in result.stdout
    assert "PD work time" in result.stdout
    clear = run("check-conflict", "week 3 thu 14:00", "--json")
    assert clear.exit_code == 0
    assert clear.json()["conflicts"] == []
    assert clear.json()["in_pd_work_time"] is True


def test_check_conflict_json(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _mini(schedule_file, monkeypatch)
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T08:00")
    result = run("check-conflict", "2027-01-06 13:30", "--duration", "1h", "--json")
    assert result.exit_code == 1
    assert result.json() == {
        "start": "2027-01-06T13:30:00-07:00",
        "end": "2027-01-06T14:30:00-07:00",
        "week": 1,
        "day": "wed",
        "start_time": "13:30",
        "end_time": "14:30",
        "conflicts": [{"session": "group", "title": "Group", "kind": "group", "week": 1, "day": "wed",
                       "start_time": "13:00", "end_time": "14:00", "start": "2027-01-06T13:00:00-07:00",
                       "end": "2027-01-06T14:00:00-07:00", "required": True, "link": None, "notes": None,
                       "defaults": [], "cohort_default": False, "source": None}],
        "warnings": [],
        "coaching": [],
        "own_events": [],
        "suggestions": [
            {"start": "2027-01-07T13:00:00-07:00", "end": "2027-01-07T14:00:00-07:00", "week": 1, "day": "thu",
             "start_time": "13:00", "end_time": "14:00", "in_pd_work_time": True},
            {"start": "2027-01-06T14:00:00-07:00", "end": "2027-01-06T15:00:00-07:00", "week": 1, "day": "wed",
             "start_time": "14:00", "end_time": "15:00", "in_pd_work_time": False},
            {"start": "2027-01-06T12:00:00-07:00", "end": "2027-01-06T13:00:00-07:00", "week": 1, "day": "wed",
             "start_time": "12:00", "end_time": "13:00", "in_pd_work_time": False},
        ],
        "suggestions_note": None,
        "in_pd_work_time": False,
        "campus_times": [],
        "notes": [],
    }  # fmt: skip


def test_times_typed_in_the_students_zone(run: RunFn) -> None:
    run("init", "--start", "2027-01-04", "--tz", "America/New_York")
    # 15:15 in New York is 13:15 in Denver: Homeroom.
    result = run("check-conflict", "week 3 wed 15:15")
    assert result.exit_code == 1
    assert "15:15–15:45 EST (13:15–13:45 MST)" in result.stdout
    assert run("check-conflict", "week 3 wed 13:15", "--tz", "America/Denver").exit_code == 1
    assert run("check-conflict", "2027-01-20T20:15Z").exit_code == 1


def test_outside_text_is_shown_harmlessly(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _mini(schedule_file, monkeypatch)
    hostile = 'title = "[bold red]Talk\\u001b[2J\\u202e"'
    path.write_text(path.read_text().replace('title = "Talk"', hostile, 1))
    monkeypatch.setenv("MOD4_NOW", "2027-01-05T08:00")
    out = run("week").stdout
    assert "[bold red]Talk\\x1b[2J\\u202e" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_help_of_every_command_has_an_example(run: RunFn) -> None:
    for command in ("week", "todo", "check-conflict", "done", "reopen", "stage", "undo", "init"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert f"Example: mod4 {command}" in result.stdout, command
    assert "Example: mod4 schedule check" in run("schedule", "check", "--help").stdout


def test_schedule_check_for_staff(run: RunFn, schedule_file: Callable[..., Path]) -> None:
    good = run("schedule", "check", str(schedule_file()))
    assert good.exit_code == 0 and "OK" in good.stdout
    broken = schedule_file().read_text().replace('day = "tue"', 'day = "someday"')
    bad = run("schedule", "check", str(schedule_file(broken)))
    assert bad.exit_code == 2
    assert "session[1].day: expected one of mon..fri, got 'someday'" in bad.stderr


@pytest.mark.parametrize("name", ["missing.toml", "./missing.toml"])
def test_a_missing_schedule_reads_the_same_from_schedule_check_and_todo(
    run: RunFn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # One line for a problem of the file as a whole, whichever command met it (review finding 10).
    monkeypatch.chdir(tmp_path)
    checked = run("schedule", "check", name)
    used = run("todo", env={"MOD4_SCHEDULE": name})
    expected = (2, "", "mod4: missing.toml: file not found\n")
    assert (checked.exit_code, checked.stdout, checked.stderr) == expected
    assert (used.exit_code, used.stdout, used.stderr) == expected


@pytest.mark.parametrize(
    ("zone", "span"), [("America/Denver", "10:00–10:30 MST"), ("Europe/Berlin", "18:00–18:30 CET")]
)
def test_a_booking_reads_the_same_on_week_status_and_coach_list(
    run: RunFn, monkeypatch: pytest.MonkeyPatch, zone: str, span: str
) -> None:
    # One wording of a meeting's span, zone name included (review finding 9): week used to leave
    # the zone out.
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T09:00")
    run("init", "--start", "2027-01-04", "--tz", zone)
    assert run("coach", "book", "Tracey", "week 3 thu 10:00", "--tz", "America/Denver").exit_code == 0
    when = f"Thu 21 Jan {span}"
    assert f"\n  {when} with Tracey\n" in run("week", "3").stdout
    assert f"Coaching this week: #1 with Tracey, {when}\n" in run("status").stdout
    assert f"  {when}   Tracey" in run("coach", "list").stdout


def test_status_before_the_module_counts_the_days_to_week_1(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_NOW", "2027-01-01T09:00")
    run("init", "--start", "2027-01-04")
    assert run("status").stdout.startswith("Mod 4 has not started · week 1 starts Mon 4 Jan (in 3 days)\n")
