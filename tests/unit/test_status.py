"""plan/status.py on hand-built values: pace at its edges, and what the dashboard picks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.progress import Profile, State
from mod4cli.model.schedule import Repeating
from mod4cli.plan.status import DeliverableProgress, Status, module_status, pace
from mod4cli.plan.todos import DueItem
from tests.helpers import (
    DENVER,
    a_booking,
    a_coaching,
    a_deliverable,
    a_due_point,
    a_schedule,
    a_session,
    a_timeline,
    an_item,
    denver,
)

TOKYO = ZoneInfo("Asia/Tokyo")
TIMELINE = a_timeline()  # Monday 4 January 2027 to Sunday 14 February
CV = an_item(id="cv", title="Resume")
PORTFOLIO = an_item(
    id="portfolio", title="Portfolio", stages=("not-started", "review-requested", "published")
)
SURVEY = an_item(id="survey", deliverable="survey", due=a_due_point(week=3))
SCHEDULE = a_schedule(
    sessions=(
        a_session(id="talk", week=2, day=1),  # Tuesday 12 January, 10:00-11:00
        a_session(id="work", kind="work-time", week=2, day=2, start=time(9), end=time(12), required=False),
        a_session(id="homeroom", kind="group", week=2, day=2, start=time(13), end=time(14)),
        a_session(id="mocks", kind="interviews", title="Mocks", week=2, day=3, requires=("cv",)),
    ),
    deliverables=(
        a_deliverable(id="kit", title="Kit", items=(CV, PORTFOLIO)),  # due Friday 15 January, 17:00
        a_deliverable(id="survey", title="Survey", due=a_due_point(week=3), items=(SURVEY,)),
    ),
    coaching=a_coaching(),
    repeating=Repeating(action="Set your goals"),
)


NO_PROGRESS = State()


def status_at(
    now: datetime, state: State = NO_PROGRESS, zone: ZoneInfo = DENVER, *, dated: bool = True
) -> Status:
    """The dashboard of SCHEDULE on the default timeline (dated or not) at `now`."""
    return module_status(SCHEDULE, state, a_timeline(dated=dated), now, zone)


def next_session(status: Status) -> str | None:
    """The id of the session the dashboard names as next."""
    return status.next_session.session.id if status.next_session else None


def next_due(status: Status) -> str | None:
    """The id of the item the dashboard names as due next."""
    return status.next_due.item.id if status.next_due else None


# --- pace ------------------------------------------------------------------------------------

START = datetime(2027, 1, 4, 7, tzinfo=UTC)
DUE = START + timedelta(days=10)


def items(done: int, total: int) -> list[DueItem]:
    """`total` items of one deliverable, the first `done` of them done."""
    return [
        DueItem(item=CV, deliverable="Kit", due=DUE, stage="done" if n < done else "not-started",
                done=n < done, late=None)
        for n in range(total)
    ]  # fmt: skip


def test_half_the_time_gone_needs_half_the_items_done() -> None:
    halfway = START + timedelta(days=5)
    assert pace(items(2, 4), START, DUE, halfway) == "on track"
    assert pace(items(1, 4), START, DUE, halfway) == "behind"


def test_the_share_called_for_is_rounded_down() -> None:
    # Half of three items is one and a half: one done is on pace.
    assert pace(items(1, 3), START, DUE, START + timedelta(days=5)) == "on track"


def test_the_last_day_before_the_deadline_is_behind_until_everything_is_done() -> None:
    assert pace(items(3, 4), START, DUE, DUE - timedelta(days=1, minutes=1)) == "on track"
    assert pace(items(3, 4), START, DUE, DUE - timedelta(days=1)) == "behind"
    assert pace(items(4, 4), START, DUE, DUE - timedelta(days=1)) == "done"


def test_at_the_due_instant_a_deliverable_is_still_in_time_and_a_minute_later_overdue() -> None:
    assert pace(items(3, 4), START, DUE, DUE) == "behind"
    assert pace(items(3, 4), START, DUE, DUE + timedelta(minutes=1)) == "overdue"


def test_before_the_module_starts_nothing_is_expected_yet() -> None:
    assert pace(items(0, 3), START, DUE, START - timedelta(days=5)) == "on track"


def test_a_deliverable_due_when_the_module_starts_expects_everything() -> None:
    assert pace(items(0, 2), START, START, START - timedelta(days=5)) == "behind"


def test_without_dates_pace_is_only_done_or_no_dates() -> None:
    assert pace(items(1, 2), START, None, START) == "no dates"
    assert pace(items(2, 2), START, None, START) == "done"
    assert pace(items(2, 2), START, DUE, DUE + timedelta(days=3)) == "done"  # done late is done


def test_a_deliverable_counts_part_way_items_in_its_share() -> None:
    rows = [
        DueItem(item=CV, deliverable="Kit", due=DUE, stage="done", done=True, late=None),
        DueItem(item=PORTFOLIO, deliverable="Kit", due=DUE, stage="review-requested", done=False, late=None),
    ]
    progress = DeliverableProgress(deliverable=a_deliverable(), items=tuple(rows), due=DUE, pace="on track")
    assert (progress.done, progress.share) == (1, 0.75)
    empty = DeliverableProgress(deliverable=a_deliverable(items=()), items=(), due=DUE, pace="done")
    assert (empty.done, empty.share) == (0, 1.0)


# --- module_status ---------------------------------------------------------------------------


def test_each_deliverable_gets_its_due_instant_and_a_pace_counted_from_the_first_monday() -> None:
    monday = denver(2027, 1, 11, 9)  # week 2: 7 days and 9 hours of 11 days and 17 hours gone
    kit, survey = status_at(monday).progress
    assert (kit.deliverable.id, kit.due, kit.pace, len(kit.items)) == (
        "kit",
        denver(2027, 1, 15, 17),
        "behind",
        2,
    )
    assert (survey.deliverable.id, survey.due, survey.pace) == ("survey", denver(2027, 1, 22, 17), "on track")
    kit, _ = status_at(monday, State(stages=(("cv", "done"),))).progress
    assert (kit.done, kit.pace) == (1, "on track")


def test_the_next_session_is_the_one_under_way_until_its_last_minute() -> None:
    during = status_at(denver(2027, 1, 13, 13, 59))
    assert (next_session(during), during.next_is_today) == ("homeroom", True)
    after = status_at(denver(2027, 1, 13, 14))
    assert (next_session(after), after.next_is_today) == ("mocks", False)
    assert next_session(status_at(denver(2027, 1, 14, 11))) is None  # nothing after the last one


def test_the_next_session_may_be_weeks_ahead_across_weeks_with_none() -> None:
    spread = SCHEDULE._replace(
        sessions=tuple(a_session(id=f"in-week-{w}", week=w, day=1) for w in (1, 3, 6))  # Tuesdays 10:00
    )

    def next_at(now: datetime) -> str | None:
        return next_session(module_status(spread, NO_PROGRESS, TIMELINE, now, DENVER))

    assert next_at(denver(2026, 12, 20, 9)) == "in-week-1"  # before the module
    assert next_at(denver(2027, 1, 6, 9)) == "in-week-3"  # week 2 has none
    assert next_at(denver(2027, 1, 25, 9)) == "in-week-6"  # the last week
    assert next_at(denver(2027, 2, 9, 11)) is None  # after the last one


def test_work_time_is_never_the_next_session() -> None:
    assert next_session(status_at(denver(2027, 1, 13, 8))) == "homeroom"  # work time is 09:00-12:00


def test_the_next_session_is_today_on_the_students_calendar() -> None:
    # Tuesday 06:00 on campus is 22:00 in Tokyo; the 10:00 talk is Wednesday 02:00 there.
    assert status_at(denver(2027, 1, 12, 6)).next_is_today is True
    assert status_at(denver(2027, 1, 12, 6), zone=TOKYO).next_is_today is False


@pytest.mark.parametrize(
    ("now", "week", "phase", "days_left"),
    [
        (denver(2027, 1, 3, 23, 59), 0, "before", 43),
        (denver(2027, 1, 4), 1, "during", 42),
        (denver(2027, 2, 14, 23, 59), 6, "during", 1),  # the last minute of the module
        (denver(2027, 2, 15), 7, "after", 0),
        (denver(2027, 6, 1), 22, "after", 0),  # never below nothing left
    ],
)
def test_week_phase_and_days_left_at_the_edges_of_the_module(
    now: datetime, week: int, phase: str, days_left: int
) -> None:
    status = status_at(now)
    assert (status.week, status.phase, status.days_left, status.weeks) == (week, phase, days_left, 6)


def test_coaching_shown_is_this_weeks() -> None:
    bookings = (
        a_booking(id=1, start=denver(2027, 1, 8, 16, 30)),  # Friday of week 1
        a_booking(id=2, start=denver(2027, 1, 11, 9)),  # Monday of week 2
        a_booking(id=3, start=denver(2027, 1, 18, 9)),  # Monday of week 3
    )
    state = State(bookings=bookings)
    assert [b.id for b in status_at(denver(2027, 1, 12, 9), state).coaching] == [2]
    # Sunday 18:00 on campus is Monday 10:00 of week 2 in Tokyo.
    assert [b.id for b in status_at(denver(2027, 1, 10, 18), state, TOKYO).coaching] == [2]
    assert [b.id for b in status_at(denver(2027, 1, 10, 18), state).coaching] == [1]


def test_coaching_belongs_to_the_campus_week_the_one_a_week_rule_counts_it_in() -> None:
    # A meeting on Sunday 20:00 of week 1 on campus (Monday noon in Tokyo) counts in week 1.
    state = State(bookings=(a_booking(id=1, start=denver(2027, 1, 10, 20)),))
    assert status_at(denver(2027, 1, 10, 19), state, TOKYO).coaching == ()  # Monday 11:00 of week 2 there


def test_next_due_is_the_soonest_item_neither_done_nor_late() -> None:
    monday = denver(2027, 1, 11, 9)
    assert next_due(status_at(monday)) == "cv"
    assert next_due(status_at(monday, State(stages=(("cv", "done"),)))) == "portfolio"
    assert next_due(status_at(denver(2027, 1, 16))) == "survey"  # Saturday: the kit is late
    assert next_due(status_at(denver(2027, 1, 23))) is None  # everything left is late


def test_only_this_weeks_sessions_warn_about_their_prerequisites() -> None:
    assert status_at(denver(2027, 1, 8)).warnings == ()  # week 1: the mocks are next week
    assert status_at(denver(2027, 1, 11)).warnings == ("Finish 'Resume' before Mocks (Thu).",)
    assert status_at(denver(2027, 1, 11), State(stages=(("cv", "done"),))).warnings == ()


def test_only_a_repeating_student_sees_the_repeating_task() -> None:
    assert status_at(denver(2027, 1, 11)).repeating_action is None
    repeater = State(profile=Profile(repeating=True))
    assert status_at(denver(2027, 1, 11), repeater).repeating_action == "Set your goals"


def test_a_repeating_students_next_session_may_be_an_optional_workshop() -> None:
    schedule = SCHEDULE._replace(repeating=Repeating(optional_kinds=("workshop",)))
    repeater = State(profile=Profile(repeating=True))
    status = module_status(schedule, repeater, TIMELINE, denver(2027, 1, 12, 9), DENVER)
    assert status.next_session and (status.next_session.session.id, status.next_session.required) == (
        "talk",
        False,
    )


def test_without_a_start_date_status_has_progress_but_no_dates() -> None:
    state = State(stages=(("cv", "done"),), bookings=(a_booking(start=denver(2027, 1, 12, 9)),))
    status = status_at(denver(2027, 1, 12, 9), state, dated=False)
    assert (status.week, status.phase, status.days_left) == (None, "unknown", None)
    assert (status.next_session, status.next_is_today, status.coaching, status.warnings) == (
        None,
        False,
        (),
        (),
    )
    assert [(p.due, p.pace, p.done) for p in status.progress] == [
        (None, "no dates", 1),
        (None, "no dates", 0),
    ]
    assert next_due(status) == "portfolio"


def test_the_dashboard_says_whether_coaching_can_be_booked_and_keeps_its_inputs() -> None:
    now = denver(2027, 1, 12, 9)
    status = module_status(SCHEDULE, State(), TIMELINE, now, TOKYO)
    assert (status.coaching_offered, status.now, status.zone, status.timeline) == (True, now, TOKYO, TIMELINE)
    none = module_status(
        SCHEDULE._replace(coaching=a_coaching(specialists=())), State(), TIMELINE, now, TOKYO
    )
    assert none.coaching_offered is False


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        (denver(2027, 1, 1, 9), DENVER, 3),  # Friday before: three calendar days
        (denver(2027, 1, 3, 23), DENVER, 1),  # Sunday night: tomorrow
        (denver(2027, 1, 3, 23), ZoneInfo("Europe/Berlin"), None),  # already Monday in Berlin
        (denver(2027, 1, 4, 9), DENVER, None),  # begun
    ],
)
def test_days_to_start_are_counted_only_before_the_module_on_the_students_calendar(
    now: datetime, zone: ZoneInfo, expected: int | None
) -> None:
    status = status_at(now, zone=zone)
    assert (status.days_to_start, status.phase) == (expected, "during" if expected is None else "before")
