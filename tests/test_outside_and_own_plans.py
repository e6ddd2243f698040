"""Outside the module's weeks, changes that change nothing, and the student's own coaching as
appointments (issue 9, items 7, 9 and 10)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from tests.helpers import Run

Mod4 = Callable[..., Run]


# --- 7. outside the module -------------------------------------------------------------------


def test_week_before_the_module_says_it_has_not_started(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    result = mod4_exe("week", env={"MOD4_NOW": "2026-10-20"})
    assert result.exit_code == 0
    assert "Mod 4 has not started: week 1 starts Mon 26 Oct, in 6 days. Showing week 1." in result.stdout
    data = mod4_exe("week", "--json", env={"MOD4_NOW": "2026-10-25T12:00"}).json()
    assert data["week"] == 1
    assert data["notes"] == ["Mod 4 has not started: week 1 starts Mon 26 Oct, in 1 day. Showing week 1."]


def test_week_after_the_module_says_it_is_over(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    result = mod4_exe("week", env={"MOD4_NOW": "2027-01-20"})
    assert result.exit_code == 0
    assert "Mod 4 is over: its last week, week 6, began Mon 30 Nov. Showing week 6." in result.stdout
    assert "Week 6 of 6" in result.stdout


def test_a_week_inside_the_module_has_no_note_and_a_named_week_never_has_one(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    assert mod4_exe("week", "--json", env={"MOD4_NOW": "2026-11-04"}).json()["notes"] == []
    assert mod4_exe("week", "3", "--json", env={"MOD4_NOW": "2027-01-20"}).json()["notes"] == []


def test_a_past_slot_that_collides_says_why_no_free_slot_is_offered(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    # Now is week 6: every slot within two weeks of week 3's Wednesday is in the past.
    result = mod4_exe("check-conflict", "week 3 wed 13:00", env={"MOD4_NOW": "2026-12-03"})
    assert result.exit_code == 1
    assert (
        "That time has passed, and no free slot of the same length from now on is within two weeks of it."
        in " ".join(result.stdout.split())
    )
    data = mod4_exe("check-conflict", "week 3 wed 13:00", "--json", env={"MOD4_NOW": "2026-12-03"}).json()
    assert data["suggestions"] == [] and data["suggestions_note"].startswith("That time has passed")


def test_a_past_slot_that_collides_is_offered_slots_from_now_on(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-26")
    result = mod4_exe("check-conflict", "week 3 wed 13:00", env={"MOD4_NOW": "2026-11-20T08:00"})
    assert "That time has passed, so the free slots offered are from now on." in result.stdout
    assert "Free slots of the same length nearby:" in result.stdout


# --- 9. a change that changes nothing --------------------------------------------------------


def _stages(run: Mod4) -> dict[str, str]:
    return {i["id"]: i["status"] for i in run("todo", "--json").json()["items"]}


def test_done_twice_records_one_undo_step(mod4_exe: Mod4) -> None:
    first = mod4_exe("done", "resume")
    assert "Done: Targeted resume." in first.stdout and "mod4 undo" in first.stdout
    second = mod4_exe("done", "resume")
    assert second.exit_code == 0
    assert "Nothing changed: Targeted resume is already done." in second.stdout
    assert "mod4 undo" not in second.stdout  # it would take back the first change
    assert "Undid: done resume" in mod4_exe("undo").stdout
    assert "resume" in [i["id"] for i in mod4_exe("todo", "--json").json()["items"]]
    again = mod4_exe("undo")
    assert again.exit_code == 2 and "nothing to undo" in again.stderr


def test_done_with_an_item_twice_lists_it_once(mod4_exe: Mod4) -> None:
    result = mod4_exe("done", "resume", "resume", "RESUME")
    assert result.stdout.count("Targeted resume") == 1
    assert result.stdout.count("resume: not-started → done") == 1
    data = mod4_exe("done", "linkedin", "linkedin", "--json").json()
    assert data == {
        "message": "Done: LinkedIn optimized for job searching.",
        "items": [{"id": "linkedin", "status": "done", "changed": True}],
    }
    mod4_exe("undo")  # linkedin
    mod4_exe("undo")  # resume
    assert mod4_exe("undo").exit_code == 2


def test_a_stage_or_reopen_to_the_current_stage_records_nothing(mod4_exe: Mod4, mod4_home: Path) -> None:
    mod4_exe("done", "resume")
    state = mod4_home / "state.toml"
    before = state.read_bytes()
    stage = mod4_exe("stage", "portfolio", "not-started")  # where it is, if only by default
    assert "Nothing changed" in stage.stdout and "mod4 undo" not in stage.stdout
    reopen = mod4_exe("reopen", "linkedin")
    assert "Nothing changed" in reopen.stdout
    assert len(tomllib.loads(state.read_text())["history"]) == 1
    assert state.read_bytes() == before
    # Not even rewritten, and no backup made of it: the one write so far made the file.
    kept = (state.stat().st_ino, state.stat().st_mtime_ns)
    assert mod4_exe("done", "resume").stdout.startswith("Nothing changed")
    assert (state.stat().st_ino, state.stat().st_mtime_ns) == kept
    assert not (mod4_home / "state.toml.bak").exists()
    assert "Undid: done resume" in mod4_exe("undo").stdout


def test_a_real_change_among_repeats_is_undone_by_one_undo(mod4_exe: Mod4) -> None:
    mod4_exe("stage", "portfolio", "review-requested")
    mod4_exe("done", "resume")
    for _ in range(3):
        mod4_exe("done", "resume")
        mod4_exe("done", "resume", "resume")
    mod4_exe("undo")
    items = {i["id"]: i["status"] for i in mod4_exe("todo", "--json").json()["items"]}
    assert items["resume"] == "not-started" and items["portfolio"] == "review-requested"


# --- 10. the student's own coaching ----------------------------------------------------------


def test_check_conflict_names_an_overlap_with_the_students_coaching(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2027-01-04")
    env = {"MOD4_NOW": "2027-01-20T09:00"}
    assert mod4_exe("coach", "book", "Tracey", "week 3 thu 10:00", env=env).exit_code == 0
    result = mod4_exe("check-conflict", "week 3 thu 10:15", env=env)
    assert result.exit_code == 0  # no PD session: the exit code keeps its meaning
    assert "! Also busy: coaching #1 with Tracey, Thu 21 Jan 10:00–10:30 MST" in result.stdout
    assert "Free slots of the same length nearby:" in result.stdout
    data = mod4_exe("check-conflict", "week 3 thu 10:15", "--json", env=env).json()
    assert data == {
        "start": "2027-01-21T10:15:00-07:00", "end": "2027-01-21T10:45:00-07:00", "week": 3,
        "day": "thu", "start_time": "10:15", "end_time": "10:45",
        "conflicts": [], "warnings": [],
        "coaching": [{"id": 1, "specialist": "Tracey", "start": "2027-01-21T10:00:00-07:00",
                      "end": "2027-01-21T10:30:00-07:00", "minutes": 30, "topic": None}],
        "own_events": [],
        "suggestions": [
            {"start": "2027-01-21T13:00:00-07:00", "end": "2027-01-21T13:30:00-07:00", "week": 3, "day": "thu",
             "start_time": "13:00", "end_time": "13:30", "in_pd_work_time": True},
            {"start": "2027-01-21T10:30:00-07:00", "end": "2027-01-21T11:00:00-07:00", "week": 3, "day": "thu",
             "start_time": "10:30", "end_time": "11:00", "in_pd_work_time": False},
            {"start": "2027-01-21T09:30:00-07:00", "end": "2027-01-21T10:00:00-07:00", "week": 3, "day": "thu",
             "start_time": "09:30", "end_time": "10:00", "in_pd_work_time": False},
        ],
        "suggestions_note": None, "in_pd_work_time": False, "campus_times": [], "notes": [],
    }  # fmt: skip
    shown = mod4_exe("check-conflict", "week 3 thu 10:15", "--show", env={**env, "COLUMNS": "100"})
    assert "Also busy: coaching #1 with Tracey" in shown.stdout and "✗ ★ Tracey" in shown.stdout
    clear = mod4_exe("check-conflict", "week 3 thu 11:00", "--json", env=env).json()
    assert clear["coaching"] == [] and clear["suggestions"] == []


def test_free_slots_avoid_the_students_coaching(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2027-01-04")
    env = {"MOD4_NOW": "2027-01-20T09:00"}
    before = mod4_exe("check-conflict", "week 3 wed 13:15", "--json", env=env).json()["suggestions"][0]
    assert (before["day"], before["start_time"]) == ("thu", "13:00")
    mod4_exe("coach", "book", "Ryan", "week 3 thu 13:00", env=env)
    after = mod4_exe("check-conflict", "week 3 wed 13:15", "--json", env=env).json()["suggestions"]
    assert ("thu", "13:00") not in [(s["day"], s["start_time"]) for s in after]
    assert (after[0]["day"], after[0]["start_time"], after[0]["in_pd_work_time"]) == ("thu", "13:30", True)
