"""plan/agenda.py on hand-built values: which week is "this week", and what a week holds."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import Profile, State
from mod4cli.model.schedule import Repeating, WeekPlan
from mod4cli.model.timeline import Timeline
from mod4cli.plan.agenda import current_week, prerequisite_warnings, week_agenda
from tests.helpers import (
    DENVER,
    FALL,
    SPRING,
    a_booking,
    a_deliverable,
    a_due_point,
    a_module,
    a_schedule,
    a_session,
    a_timeline,
    an_item,
    denver,
    placed,
)

TOKYO = ZoneInfo("Asia/Tokyo")
TIMELINE = a_timeline()  # week 1 starts Monday 4 January 2027; week 6 ends Sunday 14 February

HOMEROOM = a_session(
    id="homeroom", title="Homeroom", kind="group", week=2, day=2, start=time(13), end=time(14)
)
WORKSHOP = a_session(id="negotiate", title="Negotiations", kind="workshop", week=2, day=1)
MOCKS = a_session(
    id="mocks", title="Mock interviews", kind="interviews", week=2, day=3, requires=("cv", "portfolio")
)
CV = an_item(id="cv", title="Resume")
PORTFOLIO = an_item(
    id="portfolio", title="Portfolio", stages=("not-started", "review-requested", "published")
)
SCHEDULE = a_schedule(
    module=a_module(
        class_start=time(8, 30), class_end=time(15, 30), groups_overview="https://example.org/groups"
    ),
    sessions=(a_session(id="intro", week=1), WORKSHOP, HOMEROOM, MOCKS, a_session(id="late", week=3)),
    deliverables=(
        a_deliverable(items=(CV, PORTFOLIO)),
        a_deliverable(
            id="survey", items=(an_item(id="survey", deliverable="survey", due=a_due_point(week=3)),)
        ),
    ),
    weeks=(WeekPlan(number=2, focus="Practise", actions=("Book a mock",), tips=("Bring water",)),),
    repeating=Repeating(optional_kinds=("workshop",), action="Meet the Career Development team"),
)


# --- current_week: the week of the student's today, clamped to the module --------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (denver(2027, 1, 4), (1, None)),  # Monday 00:00 of week 1
        (denver(2027, 1, 10, 23, 59), (1, None)),
        (denver(2027, 1, 11), (2, None)),  # the next Monday begins week 2
        (denver(2027, 2, 14, 23, 59), (6, None)),  # the last minute of the module
    ],
)
def test_the_current_week_changes_at_midnight_on_monday(now: datetime, expected: tuple[int, None]) -> None:
    assert current_week(TIMELINE, now, DENVER) == expected


def test_the_minute_before_the_module_shows_week_1_and_says_it_starts_tomorrow() -> None:
    assert current_week(TIMELINE, denver(2027, 1, 3, 23, 59), DENVER) == (
        1,
        "Mod 4 has not started: week 1 starts Mon 4 Jan, in 1 day. Showing week 1.",
    )


def test_the_minute_after_the_module_shows_the_last_week_and_says_it_is_over() -> None:
    assert current_week(TIMELINE, denver(2027, 2, 15), DENVER) == (
        6,
        "Mod 4 is over: its last week, week 6, began Mon 8 Feb. Showing week 6.",
    )


def test_a_remote_students_week_and_days_follow_their_own_calendar() -> None:
    # Monday 00:30 in Tokyo is still Sunday on campus: for this student, week 1 has begun.
    assert current_week(TIMELINE, denver(2027, 1, 3, 8, 30), TOKYO) == (1, None)
    # Saturday 20:00 on campus is Sunday noon in Tokyo: week 1 starts tomorrow there.
    _, note = current_week(TIMELINE, denver(2027, 1, 2, 20), TOKYO)
    assert note == "Mod 4 has not started: week 1 starts Mon 4 Jan, in 1 day. Showing week 1."
    _, note = current_week(TIMELINE, denver(2027, 1, 2, 20), DENVER)
    assert note is not None and "in 2 days" in note


@pytest.mark.parametrize("timeline", [FALL, SPRING], ids=["november", "march"])
def test_the_week_of_a_dst_change_ends_at_midnight_on_sunday_campus_time(timeline: Timeline) -> None:
    sunday = timeline.date_of(2, 6)
    last_minute = denver(sunday.year, sunday.month, sunday.day, 23, 59)
    assert current_week(timeline, last_minute, DENVER) == (2, None)
    assert current_week(timeline, last_minute + timedelta(minutes=1), DENVER) == (3, None)


def test_without_a_start_date_there_is_no_current_week() -> None:
    with pytest.raises(UsageError) as caught:
        current_week(a_timeline(dated=False), denver(2027, 1, 6), DENVER)
    assert caught.value.message == "no module start date is known, so there is no current week"
    assert caught.value.hint == (
        "Name a week (`mod4 week 3`), or set your start with `mod4 init --start YYYY-MM-DD`."
    )


# --- week_agenda -----------------------------------------------------------------------------


@pytest.mark.parametrize("week", [0, 7])
def test_a_week_outside_the_module_is_refused(week: int) -> None:
    with pytest.raises(UsageError) as caught:
        week_agenda(SCHEDULE, State(), TIMELINE, week, denver(2027, 1, 6), DENVER)
    assert (caught.value.message, caught.value.hint) == (
        f"week {week} is outside the module",
        "Weeks run 1-6.",
    )


@pytest.mark.parametrize("week", [1, 6])
def test_the_first_and_last_weeks_have_agendas(week: int) -> None:
    assert week_agenda(SCHEDULE, State(), TIMELINE, week, denver(2027, 1, 6), DENVER).week == week


def test_a_week_holds_its_own_sessions_due_items_and_plan() -> None:
    agenda = week_agenda(SCHEDULE, State(), TIMELINE, 2, denver(2027, 1, 6), DENVER)
    assert [(o.session.id, o.start, o.required) for o in agenda.sessions] == [
        ("negotiate", denver(2027, 1, 12, 10), True),
        ("homeroom", denver(2027, 1, 13, 13), True),
        ("mocks", denver(2027, 1, 14, 10), True),
    ]
    assert [d.item.id for d in agenda.due] == ["cv", "portfolio"]  # the survey is due in week 3
    assert (agenda.focus, agenda.actions, agenda.tips) == ("Practise", ("Book a mock",), ("Bring water",))
    assert (agenda.week, agenda.weeks, agenda.class_hours) == (2, 6, (time(8, 30), time(15, 30)))
    assert agenda.groups_overview == "https://example.org/groups"  # the week has a group session


def test_a_week_without_groups_or_a_plan_holds_only_its_own_due_items() -> None:
    agenda = week_agenda(SCHEDULE, State(), TIMELINE, 3, denver(2027, 1, 6), DENVER)
    assert [d.item.id for d in agenda.due] == ["survey"]  # not week 2's items again
    assert (agenda.groups_overview, agenda.focus, agenda.actions, agenda.tips) == (None, None, (), ())


def test_a_repeating_student_may_skip_workshops_and_is_asked_to_meet_the_team_first() -> None:
    repeater = State(profile=Profile(repeating=True))
    agenda = week_agenda(SCHEDULE, repeater, TIMELINE, 2, denver(2027, 1, 6), DENVER)
    assert [(o.session.id, o.required) for o in agenda.sessions] == [
        ("negotiate", False), ("homeroom", True), ("mocks", True)
    ]  # fmt: skip
    assert agenda.actions == ("Meet the Career Development team", "Book a mock")
    plain = week_agenda(
        SCHEDULE._replace(repeating=Repeating()), repeater, TIMELINE, 2, denver(2027, 1, 6), DENVER
    )
    assert plain.actions == ("Book a mock",)  # no task in the file: nothing added


def test_only_the_weeks_own_coaching_is_listed() -> None:
    sunday_night = a_booking(id=1, start=denver(2027, 1, 10, 23, 30))  # week 1's last hour
    monday = a_booking(id=2, start=denver(2027, 1, 11, 9))  # week 2's first morning
    next_monday = a_booking(id=3, start=denver(2027, 1, 18, 9))  # week 3
    state = State(bookings=(sunday_night, monday, next_monday))
    agenda = week_agenda(SCHEDULE, state, TIMELINE, 2, denver(2027, 1, 6), DENVER)
    assert agenda.bookings == (monday,)


def test_today_is_marked_only_in_the_week_that_holds_it() -> None:
    wednesday = denver(2027, 1, 13, 10)
    assert week_agenda(SCHEDULE, State(), TIMELINE, 2, wednesday, DENVER).today == date(2027, 1, 13)
    assert week_agenda(SCHEDULE, State(), TIMELINE, 3, wednesday, DENVER).today is None
    undated = a_timeline(dated=False)
    assert week_agenda(SCHEDULE, State(), undated, 2, wednesday, DENVER).today is None


def test_today_is_the_students_date() -> None:
    # Sunday 18:00 of week 1 on campus is Monday 10:00 of week 2 in Tokyo.
    sunday_evening = denver(2027, 1, 10, 18)
    assert week_agenda(SCHEDULE, State(), TIMELINE, 2, sunday_evening, TOKYO).today == date(2027, 1, 11)
    assert week_agenda(SCHEDULE, State(), TIMELINE, 1, sunday_evening, TOKYO).today is None


def test_the_agenda_keeps_the_students_zone_and_the_campus_as_reference() -> None:
    agenda = week_agenda(SCHEDULE, State(), TIMELINE, 2, denver(2027, 1, 6), TOKYO)
    assert (agenda.zone, agenda.campus, agenda.timeline) == (TOKYO, DENVER, TIMELINE)


def test_the_week_warns_about_what_its_sessions_need() -> None:
    agenda = week_agenda(SCHEDULE, State(stages=(("cv", "done"),)), TIMELINE, 2, denver(2027, 1, 6), DENVER)
    assert agenda.warnings == ("Finish 'Portfolio' before Mock interviews (Thu).",)


# --- prerequisite_warnings -------------------------------------------------------------------


def test_each_unfinished_prerequisite_is_a_warning_until_it_reaches_its_final_stage() -> None:
    sessions = (placed(MOCKS, TIMELINE),)
    assert prerequisite_warnings(SCHEDULE, State(), sessions) == [
        "Finish 'Resume' before Mock interviews (Thu).",
        "Finish 'Portfolio' before Mock interviews (Thu).",
    ]
    part_way = State(stages=(("cv", "done"), ("portfolio", "review-requested")))
    assert prerequisite_warnings(SCHEDULE, part_way, sessions) == [
        "Finish 'Portfolio' before Mock interviews (Thu)."
    ]
    finished = State(stages=(("cv", "done"), ("portfolio", "published")))
    assert prerequisite_warnings(SCHEDULE, finished, sessions) == []


def test_a_prerequisite_the_schedule_does_not_know_is_no_warning() -> None:
    talk = a_session(title="Talk", day=0, requires=("gone", "cv"))
    assert prerequisite_warnings(SCHEDULE, State(), (placed(talk, TIMELINE),)) == [
        "Finish 'Resume' before Talk (Mon)."
    ]
