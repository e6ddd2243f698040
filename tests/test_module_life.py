"""Status, coaching, contacts, repeating students, the panel topic and the week grid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mod4cli.load.paths import bundled_schedule
from tests.helpers import MINI_SCHEDULE, Run, overflowing

RunFn = Callable[..., Run]


@pytest.fixture
def started(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> RunFn:
    """A student of the cohort starting Monday 4 January 2027, now Wednesday of week 3, 09:00."""
    assert run("init", "--start", "2027-01-04").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T09:00")
    return run


# --- coaching --------------------------------------------------------------------------------


def test_coaching_is_booked_and_listed(started: RunFn) -> None:
    booked = started("coach", "book", "tracey", "week 3 thu 10:00", "--topic", "strategy", "--json")
    assert booked.exit_code == 0, booked.stderr
    assert booked.json() == {
        "id": 1, "specialist": "Tracey", "start": "2027-01-21T10:00:00-07:00", "end": "2027-01-21T10:30:00-07:00",
        "minutes": 30, "topic": "Job search strategy", "overlaps": [],
        "how_to_book": "Reach out to either of them to set up a 1:1 using the links in their Slack bios.",
    }  # fmt: skip
    listed = started("coach", "list", "--json").json()
    assert [(b["id"], b["specialist"], b["week"]) for b in listed["bookings"]] == [(1, "Tracey", 3)]
    assert "Tracey" in started("week", "3").stdout
    assert started("status", "--json").json()["coaching_this_week"][0]["specialist"] == "Tracey"


def test_a_second_booking_in_a_week_is_refused_and_changes_nothing(started: RunFn, mod4_home: Path) -> None:
    started("coach", "book", "Tracey", "week 3 thu 10:00")
    before = (mod4_home / "state.toml").read_bytes()
    second = started("coach", "book", "Ryan", "week 3 fri 11:00")
    assert second.exit_code == 1
    assert "already have coaching in week 3: #1 with Tracey, Thu 21 Jan 10:00" in second.stderr
    assert "mod4 coach cancel 1" in second.stderr
    assert (mod4_home / "state.toml").read_bytes() == before
    assert started("coach", "book", "Ryan", "week 4 fri 11:00").exit_code == 0  # another week is fine


@pytest.mark.parametrize(
    "when", ["week 3 thu 17:00", "week 3 sat 10:00", "week 3 mon 08:45", "week 3 fri 16:45"]
)
def test_a_booking_outside_the_specialists_hours_is_refused(
    started: RunFn, mod4_home: Path, when: str
) -> None:
    result = started("coach", "book", "Ryan", when)
    assert result.exit_code == 1
    assert "Ryan is available Mon-Fri 09:00-17:00" in result.stderr
    assert not (mod4_home / "state.toml.bak").exists()
    assert started("coach", "list", "--json").json()["bookings"] == []


SPECIALISTS_OF_THEIR_OWN = """
[coaching]
minutes = 30
per_week = 1

[[coaching.specialist]]
name = "Ryan"
days = ["tue", "thu"]
start = "10:00"
end = "12:00"

[[coaching.specialist]]
name = "Nobody"
days = []
start = "09:00"
end = "17:00"
"""


def test_specialists_days_are_named_as_they_are(
    mod4_exe: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A specialist on Tuesdays and Thursdays is not said to be there on Wednesday, and one
    with no days does not break `about`."""
    path = schedule_file(
        MINI_SCHEDULE.replace("{start_line}", "start = 2027-01-04") + SPECIALISTS_OF_THEIR_OWN
    )
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T08:00")
    refused = mod4_exe("coach", "book", "Ryan", "week 1 wed 10:00")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "mod4: Ryan is available Tue, Thu 10:00-12:00 America/Denver time; Wed 6 Jan 10:00–10:30 MST is outside"
    )
    about = mod4_exe("about")
    assert (about.exit_code, about.stderr) == (0, "")
    assert "Coaching: Ryan, Tue, Thu 10:00-12:00; Nobody, no days (America/Denver)" in about.stdout


def test_a_booking_in_another_zone_is_checked_in_mountain_time(started: RunFn) -> None:
    # 18:30 in New York is 16:30 in Denver: inside the hours.
    assert started("coach", "book", "Ryan", "week 3 thu 18:30", "--tz", "America/New_York").exit_code == 0
    # 19:30 in New York is 17:30 in Denver: outside.
    assert started("coach", "book", "Ryan", "week 4 thu 19:30", "--tz", "America/New_York").exit_code == 1


def test_a_booking_over_a_session_is_a_warning(started: RunFn) -> None:
    result = started("coach", "book", "Ryan", "week 3 wed 13:00")
    assert result.exit_code == 0
    assert "It overlaps Homeroom group, Wed 20 Jan 13:00–14:00 MST (required)." in result.stdout


def test_names_topics_and_ids_are_checked(started: RunFn) -> None:
    typo = started("coach", "book", "Trasey", "week 3 thu 10:00")
    assert typo.exit_code == 2 and "Did you mean Tracey?" in typo.stderr
    topic = started("coach", "book", "Tracey", "week 3 thu 10:00", "--topic", "astrology")
    assert topic.exit_code == 2 and "unknown coaching topic" in topic.stderr
    gone = started("coach", "cancel", "9")
    assert gone.exit_code == 2 and "no coaching booking #9" in gone.stderr


def test_cancel_and_undo(started: RunFn) -> None:
    started("coach", "book", "Tracey", "week 3 thu 10:00")
    assert started("coach", "cancel", "1").exit_code == 0
    assert started("coach", "list", "--json").json()["bookings"] == []
    assert (
        started("coach", "book", "Ryan", "week 3 fri 10:00", "--json").json()["id"] == 2
    )  # ids are not reused
    started("undo")
    started("undo")
    assert [b["id"] for b in started("coach", "list", "--json").json()["bookings"]] == [1]


# --- status ----------------------------------------------------------------------------------


def test_status_json(started: RunFn) -> None:
    started("done", "resume")
    started("stage", "portfolio", "review-requested")
    data = started("status", "--json").json()
    assert (data["week"], data["weeks"], data["phase"], data["days_left"]) == (3, 6, "during", 26)
    assert data["next_session"]["id"] == "homeroom"
    assert data["next_is_today"] is True
    branding, survey = data["deliverables"]
    assert (branding["done"], branding["total"], branding["pace"]) == (1, 3, "on track")
    assert [(i["id"], i["stage"], i["stages"]) for i in branding["items"]] == [
        ("resume", 2, 2), ("linkedin", 1, 2), ("portfolio", 2, 3)
    ]  # fmt: skip
    assert (survey["done"], survey["pace"]) == (0, "on track")


def test_status_says_behind_and_overdue(started: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOD4_NOW", "2027-02-03T09:00")  # week 5, nothing done
    assert [d["pace"] for d in started("status", "--json").json()["deliverables"]] == ["behind", "on track"]
    monkeypatch.setenv("MOD4_NOW", "2027-02-08T09:00")  # week 6
    # One small item with four days to go is still on pace.
    assert [d["pace"] for d in started("status", "--json").json()["deliverables"]] == ["overdue", "on track"]


def test_status_reads_at_a_glance(started: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    started("done", "resume")
    for width in ("80", "40"):
        monkeypatch.setenv("COLUMNS", width)
        out = started("status").stdout
        assert "Week 3 of 6 · 26 days left" in out
        assert "Next: Homeroom group · today 13:00–14:00" in out
        assert "1 of 3 items done · on track" in " ".join(out.split())
        assert overflowing(out, int(width)) == []


def test_status_before_the_module_and_without_a_start(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("status", "--json").json()["phase"] == "unknown"
    assert "No start date set" in run("status").stdout
    run("init", "--start", "2027-01-04")
    monkeypatch.setenv("MOD4_NOW", "2026-12-30T09:00")
    data = run("status", "--json").json()
    assert data["phase"] == "before"
    assert "Mod 4 has not started" in run("status").stdout


def test_prerequisite_warning(started: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOD4_NOW", "2027-01-25T09:00")  # week 4: mock interviews on Thursday
    assert started("week", "--json").json()["warnings"] == [
        "Finish 'Targeted resume' before Employer mock interviews (Thu)."
    ]
    assert "Finish 'Targeted resume'" in started("status").stdout
    started("done", "resume")
    assert started("week", "--json").json()["warnings"] == []


# --- contacts --------------------------------------------------------------------------------


def test_contact_offer_names_both_specialists_and_direct_message(run: RunFn) -> None:
    result = run("contact", "offer")
    assert result.exit_code == 0
    assert "Tracey" in result.stdout and "Ryan" in result.stdout
    assert "direct message" in result.stdout
    assert run("contact", "offer", "--json").json() == {
        "topic": "offer",
        "contacts": [{"topic": "offer", "when": "You got an offer", "where": "Slack direct message",
                      "how": "DM both specialists", "to": ["Tracey", "Ryan"]}],
    }  # fmt: skip


def test_contact_by_a_word_and_all(run: RunFn) -> None:
    assert run("contact", "sick", "--json").json()["contacts"][0]["topic"] == "missing-pd"
    group = run("contact", "group", "--json").json()["contacts"][0]
    assert group["where"] == "Cohort Combined Slack channel"
    assert len(run("contact", "--json").json()["contacts"]) == 7  # the page's six, and coaching
    unknown = run("contact", "promotion")
    assert unknown.exit_code == 2
    assert "group-question, missing-pd, offer, interview, application, other, coaching" in unknown.stderr


# --- repeating students ----------------------------------------------------------------------


def test_repeating_student_workshops_are_optional(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    run("init", "--start", "2027-01-04", "--repeating")
    week1 = {s["id"]: s["required"] for s in run("week", "1", "--json").json()["sessions"]}
    assert week1["negotiations"] is False
    assert week1["homeroom"] is True
    clash = run("check-conflict", "week 1 tue 10:30")
    assert clash.exit_code == 0
    assert "Overlaps: Negotiations workshop" in clash.stdout
    assert run("check-conflict", "week 1 wed 13:15").exit_code == 1  # Homeroom stays required
    actions = run("week", "1", "--json").json()["actions"]
    assert actions[0].startswith("Meet the Career Development team")
    assert "Meet the Career Development team" in run("todo").stdout
    run("init", "--not-repeating")
    assert run("check-conflict", "week 1 tue 10:30").exit_code == 1


# --- panel topic and the grid ----------------------------------------------------------------


def test_panel_shows_the_cohorts_topic_or_the_four(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    (panel,) = [s for s in run("week", "3", "--json").json()["sessions"] if s["id"] == "panel"]
    assert panel["topic"] is None
    assert panel["topics"] == [
        "Recent alumni experiences", "Networking", "Working with recruiters", "Career exploration"
    ]  # fmt: skip
    assert "Topic, one of: Recent alumni experiences;" in run("week", "3").stdout
    text = (
        bundled_schedule()
        .read_text()
        .replace('id = "panel"\n', 'id = "panel"\ntopic = "Working with recruiters"\n')
    )
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(text)))
    out = run("week", "3").stdout
    assert "Topic: Working with recruiters" in out
    assert "one of" not in out


def test_week_grid(started: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    started("coach", "book", "Tracey", "week 4 tue 14:00")
    out = started("week", "4", "--grid").stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "Mon 25" in line)
    assert all(day in header for day in ("Tue 26", "Wed 27", "Thu 28", "Fri 29"))
    column = header.index("Thu 28")
    nine = next(line for line in lines if line.startswith("09:00"))
    assert nine[column:].startswith("Employer mock")
    assert "★ Tracey" in out and "░░░" in out
    monkeypatch.setenv("COLUMNS", "40")
    narrow = started("week", "4", "--grid").stdout
    assert "Employer mock interviews" in narrow and "░" not in narrow


def test_check_conflict_show_overlays_the_slot(started: RunFn) -> None:
    result = started("check-conflict", "week 3 thu 10:00", "--show")
    assert result.exit_code == 0
    assert "▶ Proposed" in result.stdout
    clash = started("check-conflict", "week 3 wed 13:15", "--show")
    assert clash.exit_code == 1
    assert "✗ Homeroom" in clash.stdout
