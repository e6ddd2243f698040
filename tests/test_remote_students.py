"""Remote students: what `week N DAY HH:MM` means in their zone, the campus day in brackets, and
answers that never hang on today's season when no start date is known (issue 9, items 1-2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from mod4cli.model.timeline import Timeline
from mod4cli.plan.when import parse_when
from tests.helpers import Run

Mod4 = Callable[..., Run]
KOLKATA = ZoneInfo("Asia/Kolkata")
DENVER = ZoneInfo("America/Denver")
SEASONS = ("2026-12-01", "2026-07-01", "2027-03-20")  # winter, summer, between the US and EU changes


# --- no start date: the campus offset of a module week is not known ---------------------------


def test_without_a_start_date_a_remote_answer_that_hangs_on_the_season_is_refused(mod4_exe: Mod4) -> None:
    # 00:30 in Kolkata is Wed 12:00 campus time in winter (clear) and 13:00 in summer (Homeroom).
    results = [
        mod4_exe("check-conflict", "week 3 thu 00:30", "--tz", "Asia/Kolkata", env={"MOD4_NOW": now})
        for now in SEASONS
    ]
    for result in results:
        assert result.exit_code == 2, result.stdout
        assert result.stdout == ""
        assert "Wed 12:00–12:30 or Wed 13:00–13:30 campus time" in result.stderr
        assert "conflict with Homeroom group" in result.stderr
        assert "mod4 init --start" in result.stderr
        assert "Traceback" not in result.stderr
    assert len({r.stderr for r in results}) == 1


def test_without_a_start_date_a_remote_answer_that_holds_either_way_is_given_once(mod4_exe: Mod4) -> None:
    results = [
        mod4_exe("check-conflict", "week 3 thu 02:30", "--tz", "Asia/Kolkata", env={"MOD4_NOW": now})
        for now in SEASONS
    ]
    assert {r.exit_code for r in results} == {0}
    assert len({r.stdout for r in results}) == 1
    out = results[0].stdout
    assert "Proposed: Thu 02:30–03:00 Asia/Kolkata (Wed 14:00–14:30 or Wed 15:00–15:30" in out
    assert "campus time depends on daylight saving" in out
    data = mod4_exe(
        "check-conflict", "week 3 thu 02:30", "--tz", "Asia/Kolkata", "--json", env={"MOD4_NOW": SEASONS[0]}
    ).json()
    assert data["start"] is None and data["week"] == 3 and data["conflicts"] == []
    assert data["campus_times"] == [
        {"day": "wed", "start_time": "14:00", "end_time": "14:30"},
        {"day": "wed", "start_time": "15:00", "end_time": "15:30"},
    ]


def test_without_a_start_date_conflicts_read_in_campus_time_when_the_zones_time_is_a_guess(
    mod4_exe: Mod4,
) -> None:
    # 20:45 in Berlin is campus 12:45 or 13:45: inside Homeroom (13:00-14:00) either way.
    args = ("check-conflict", "week 3 wed 20:45", "--tz", "Europe/Berlin")
    results = [mod4_exe(*args, env={"MOD4_NOW": now}) for now in SEASONS]
    assert {r.exit_code for r in results} == {1}
    assert len({r.stdout for r in results}) == 1
    assert "Conflict: Homeroom group, Wed 13:00–14:00 campus time" in results[0].stdout


def test_a_zone_always_in_step_with_campus_needs_no_start_date(mod4_exe: Mod4) -> None:
    # Boise keeps Mountain time: its wall clock is campus time all year.
    results = [
        mod4_exe("check-conflict", "week 3 wed 13:15", "--tz", "America/Boise", env={"MOD4_NOW": now})
        for now in SEASONS
    ]
    assert {r.exit_code for r in results} == {1}
    assert len({r.stdout for r in results}) == 1
    assert "(13:15–13:45 campus time)" in results[0].stdout
    # JSON names the slot checked as the text does: its campus day and times, as sessions carry them.
    data = mod4_exe("check-conflict", "week 3 wed 15:15", "--tz", "America/New_York", "--json").json()
    assert (data["start"], data["day"], data["start_time"], data["end_time"]) == (
        None,
        "wed",
        "13:15",
        "13:45",
    )
    assert data["campus_times"] == []
    either = mod4_exe("check-conflict", "week 3 thu 02:30", "--tz", "Asia/Kolkata", "--json").json()
    assert (either["day"], either["start_time"], len(either["campus_times"])) == (None, None, 2)


def test_week_in_a_remote_zone_without_a_start_date_is_in_campus_time_and_says_so(mod4_exe: Mod4) -> None:
    results = [mod4_exe("week", "3", "--tz", "Asia/Kolkata", env={"MOD4_NOW": now}) for now in SEASONS]
    assert {r.exit_code for r in results} == {0}
    assert len({r.stdout for r in results}) == 1
    out = results[0].stdout
    assert "Times in campus time, America/Denver." in out
    assert "times in Asia/Kolkata are not known" in out and "mod4 init --start" in out
    assert "13:00–14:00" in out and "MDT" not in out and "MST" not in out
    notes = mod4_exe("week", "3", "--tz", "Asia/Kolkata", "--json").json()["notes"]
    assert len(notes) == 1 and "Asia/Kolkata" in notes[0]


def test_a_date_with_an_offset_needs_a_start_date_too(mod4_exe: Mod4) -> None:
    # Where 12 Nov falls in the module depends on the start date, offset or not.
    result = mod4_exe("check-conflict", "2026-11-12T14:00-07:00", env={"MOD4_NOW": "2026-11-10"})
    assert result.exit_code == 2
    assert "no module start date is known" in result.stderr


def test_the_offset_varies_for_zones_with_their_own_seasons() -> None:
    from mod4cli.model.timeline import offset_varies

    around = date(2026, 1, 5)
    assert offset_varies(KOLKATA, DENVER, around)  # no DST in Kolkata
    assert offset_varies(ZoneInfo("Europe/Berlin"), DENVER, around)  # changes on other dates
    assert offset_varies(ZoneInfo("America/Phoenix"), DENVER, around)  # no DST in Arizona
    assert not offset_varies(ZoneInfo("America/Boise"), DENVER, around)
    assert not offset_varies(ZoneInfo("America/New_York"), DENVER, around)  # the same rules


# --- week N DAY HH:MM for a remote student ---------------------------------------------------


def test_campus_time_in_brackets_carries_its_day(mod4_exe: Mod4) -> None:
    assert mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata").exit_code == 0
    result = mod4_exe("check-conflict", "week 1 thu 00:30", env={"MOD4_NOW": "2026-10-01"})
    assert result.exit_code == 1
    assert "Proposed: Thu 22 Oct 00:30–01:00 IST (Wed 13:00–13:30 MDT) (week 1)" in result.stdout
    assert "Conflict: Homeroom group, Thu 22 Oct 00:30–01:30 IST (Wed 13:00–14:00 MDT)" in result.stdout
    week = mod4_exe("week", "1", env={"MOD4_NOW": "2026-10-01", "COLUMNS": "100"}).stdout
    assert "(Wed 13:00–14:00 MDT)" in week  # Homeroom, listed on Thursday
    # The same day on both sides: no day in brackets.
    same_day = mod4_exe("check-conflict", "week 1 wed 22:30", env={"MOD4_NOW": "2026-10-01"}).stdout
    assert "Wed 21 Oct 22:30–23:00 IST (11:00–11:30 MDT)" in same_day


def test_the_week_label_is_the_week_the_student_typed(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata")
    env = {"MOD4_NOW": "2026-10-01"}
    # Monday 02:00 in Kolkata is still Sunday on campus: it is the student's Monday of week 3.
    week3 = mod4_exe("check-conflict", "week 3 mon 02:00", env=env)
    assert "Proposed: Mon 2 Nov 02:00–02:30 IST (Sun 13:30–14:00 MST) (week 3)" in week3.stdout
    assert mod4_exe("check-conflict", "week 3 mon 02:00", "--json", env=env).json()["week"] == 3
    week1 = mod4_exe("check-conflict", "week 1 mon 02:00", env=env).stdout
    assert "(week 1)" in week1 and "outside the module" not in week1
    # A date typed in full is read the same way.
    assert mod4_exe("check-conflict", "2026-11-02 02:00", "--json", env=env).json()["week"] == 3


def test_status_gives_a_remote_students_deadlines_with_campus_time_beside_them(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata")
    lines = mod4_exe("status", env={"MOD4_NOW": "2026-11-10T09:00", "COLUMNS": "100"}).stdout.splitlines()
    assert "Due next: Targeted resume · Sat 21 Nov 05:30 (Fri 17:00 MST)*" in lines
    assert "Update and complete your branding materials · due Sat 21 Nov 05:30 (Fri 17:00 MST)*" in lines


def test_coach_book_reads_the_week_and_words_its_refusals_as_check_conflict_does(mod4_exe: Mod4) -> None:
    mod4_exe("init", "--start", "2026-10-19", "--tz", "Asia/Kolkata")
    env = {"MOD4_NOW": "2026-10-01"}
    # Monday 02:00 of week 1 in Kolkata is in the module (Sunday on campus): outside Ryan's hours.
    monday = mod4_exe("coach", "book", "Ryan", "week 1 mon 02:00", env=env)
    assert (monday.exit_code, monday.stderr) == (
        1,
        "mod4: Ryan is available Mon-Fri 09:00-17:00 America/Denver time; Mon 19 Oct 02:00–02:30 IST "
        "(Sun 14:30–15:00 MDT) is outside those hours. Nothing was booked.\n",
    )
    # The student's Saturday, told with its date in their zone, and campus time beside it.
    saturday = mod4_exe("coach", "book", "Tracey", "week 3 sat 10:00", env=env)
    assert saturday.exit_code == 1
    assert "; Sat 7 Nov 10:00–10:30 IST (Fri 21:30–22:00 MST) is outside those hours." in saturday.stderr
    after = mod4_exe("coach", "book", "Ryan", "2027-03-01 10:00", env=env)
    assert (after.exit_code, after.stderr) == (
        2,
        "mod4: Mon 1 Mar 2027 is outside the module's weeks (1-6)\n",
    )
    assert mod4_exe("coach", "list", "--json", env=env).json()["bookings"] == []  # nothing was booked


@given(
    zone=st.sampled_from(["Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"]),
    week=st.integers(1, 6),
    day=st.integers(0, 6),
    minute=st.integers(0, 24 * 60 - 1),
)
def test_week_form_is_that_wall_time_on_that_module_date_in_the_students_zone(
    zone: str, week: int, day: int, minute: int
) -> None:
    timeline = Timeline(anchor=date(2026, 10, 19), dated=True, campus=DENVER, weeks=6)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    when = parse_when(f"week {week} {names[day]} {minute // 60}:{minute % 60:02d}", timeline, ZoneInfo(zone))
    local = when.start.astimezone(ZoneInfo(zone))
    assert local.date() == timeline.anchor + timedelta(weeks=week - 1, days=day)
    assert timeline.week_of(when.start, ZoneInfo(zone)) == week
