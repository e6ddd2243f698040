"""plan/todos.py on hand-built values: deadlines, lateness, order and what is still owed."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from mod4cli.model.progress import Profile, State
from mod4cli.model.schedule import Repeating
from mod4cli.plan.todos import due_items, todo_list
from tests.helpers import (
    DENVER,
    FALL,
    SPRING,
    a_deliverable,
    a_due_point,
    a_schedule,
    a_timeline,
    an_item,
    denver,
)

TOKYO = ZoneInfo("Asia/Tokyo")
PORTFOLIO = an_item(
    id="portfolio", title="Portfolio", stages=("not-started", "review-requested", "published")
)
DUE = denver(2027, 1, 15, 17)  # Friday of week 2, 17:00 MST: when the default item is due


def test_an_item_is_due_at_its_campus_wall_time() -> None:
    (cv,) = due_items(a_schedule(), State(), a_timeline(), denver(2027, 1, 4))
    assert cv.due == DUE


def test_due_times_keep_their_wall_time_in_the_weeks_of_a_dst_change() -> None:
    """Week 2 holds the change; the item of week 2 and the one of week 3 are both due at 17:00."""
    items = (an_item(id="before", due=a_due_point(week=2)), an_item(id="after", due=a_due_point(week=3)))
    schedule = a_schedule(deliverables=(a_deliverable(items=items),))
    for timeline, expected in (
        (FALL, [denver(2026, 10, 30, 17), denver(2026, 11, 6, 17)]),
        (SPRING, [denver(2027, 3, 12, 17), denver(2027, 3, 19, 17)]),
    ):
        due = [d.due for d in due_items(schedule, State(), timeline, denver(2026, 1, 1))]
        assert due == expected
        assert [d.astimezone(DENVER).time() for d in due if d] == [time(17), time(17)]
    # 17:00 MDT on 30 October is 23:00 UTC; 17:00 MST on 6 November is midnight UTC.
    assert [d.due.hour for d in due_items(schedule, State(), FALL, denver(2026, 1, 1)) if d.due] == [23, 0]


def test_without_a_start_date_nothing_has_a_due_date_or_is_late() -> None:
    undated = a_timeline(dated=False)
    (cv,) = due_items(a_schedule(), State(), undated, denver(2030, 1, 1))
    assert (cv.due, cv.late, cv.done) == (None, None, False)


def test_an_item_is_late_by_the_time_since_its_due_instant() -> None:
    schedule, state, timeline = a_schedule(), State(), a_timeline()
    late = [due_items(schedule, state, timeline, DUE + step)[0].late for step in (
        -timedelta(minutes=1), timedelta(0), timedelta(minutes=1), timedelta(days=2, hours=3)
    )]  # fmt: skip
    assert late == [None, None, timedelta(minutes=1), timedelta(days=2, hours=3)]


def test_a_done_item_is_never_late() -> None:
    state = State(stages=(("cv", "done"),))
    (cv,) = due_items(a_schedule(), state, a_timeline(), DUE + timedelta(days=9))
    assert (cv.stage, cv.done, cv.late) == ("done", True, None)


def test_items_come_soonest_due_first_whatever_the_file_order() -> None:
    items = (
        an_item(id="week2", due=a_due_point(week=2, day=0, time=time(9))),
        an_item(id="fri-evening", due=a_due_point(week=1, day=4, time=time(17))),
        an_item(id="fri-morning", due=a_due_point(week=1, day=4, time=time(9))),
        an_item(id="also-fri-morning", due=a_due_point(week=1, day=4, time=time(9))),  # a tie: file order
        an_item(id="mon", due=a_due_point(week=1, day=0, time=time(23))),
    )
    schedule = a_schedule(deliverables=(a_deliverable(items=items),))
    for timeline in (a_timeline(), a_timeline(dated=False)):
        ordered = [d.item.id for d in due_items(schedule, State(), timeline, denver(2027, 1, 1))]
        assert ordered == ["mon", "fri-morning", "also-fri-morning", "fri-evening", "week2"]


def test_each_item_names_its_deliverable_by_title_and_says_how_far_along_it_is() -> None:
    deliverables = (
        a_deliverable(id="kit", title="Branding kit", items=(an_item(id="cv"), PORTFOLIO)),
        a_deliverable(
            id="survey", title="Self-evaluation", items=(an_item(id="form", deliverable="survey"),)
        ),
    )
    schedule = a_schedule(deliverables=deliverables)
    state = State(stages=(("portfolio", "review-requested"), ("form", "done")))
    rows = {d.item.id: d for d in due_items(schedule, state, a_timeline(), denver(2027, 1, 4))}
    assert {i: (d.deliverable, d.stage, d.done) for i, d in rows.items()} == {
        "cv": ("Branding kit", "not-started", False),
        "portfolio": ("Branding kit", "review-requested", False),
        "form": ("Self-evaluation", "done", True),
    }
    portfolio, form = rows["portfolio"], rows["form"]
    assert (portfolio.steps_done, portfolio.steps, portfolio.share) == (1, 2, 0.5)
    assert (form.steps_done, form.steps, form.share) == (1, 1, 1.0)


def test_todo_lists_what_is_not_done_yet_part_way_included() -> None:
    schedule = a_schedule(
        deliverables=(a_deliverable(items=(an_item(id="cv"), an_item(id="bio"), PORTFOLIO)),)
    )
    state = State(stages=(("bio", "done"), ("portfolio", "review-requested")))
    todo = todo_list(schedule, state, a_timeline(), denver(2027, 1, 4), TOKYO)
    assert [d.item.id for d in todo.items] == ["cv", "portfolio"]
    assert (todo.dated, todo.campus, todo.zone, todo.extra, todo.exit_code) == (True, DENVER, TOKYO, (), 0)


def test_todo_without_a_start_date_says_so() -> None:
    todo = todo_list(a_schedule(), State(), a_timeline(dated=False), denver(2027, 1, 4), DENVER)
    assert todo.dated is False
    assert todo.to_json()["dated"] is False


def test_only_a_repeating_student_gets_the_repeating_task() -> None:
    goals = Repeating(optional_kinds=("workshop",), action="Meet the team and set your goals")
    now, timeline = denver(2027, 1, 4), a_timeline()
    repeater, first_timer = State(profile=Profile(repeating=True)), State()
    assert todo_list(a_schedule(repeating=goals), repeater, timeline, now, DENVER).extra == (goals.action,)
    assert todo_list(a_schedule(repeating=goals), first_timer, timeline, now, DENVER).extra == ()
    assert todo_list(a_schedule(), repeater, timeline, now, DENVER).extra == ()  # the file has no task


def test_todo_json_lists_every_item_with_the_extra_tasks() -> None:
    schedule = a_schedule(deliverables=(a_deliverable(items=(PORTFOLIO,)),))
    state = State(
        profile=Profile(start=date(2027, 1, 4), repeating=True), stages=(("portfolio", "review-requested"),)
    )
    goals = Repeating(action="Set your goals")
    todo = todo_list(schedule._replace(repeating=goals), state, a_timeline(), DUE + timedelta(days=3), TOKYO)
    assert todo.to_json() == {
        "items": [
            {
                "id": "portfolio", "title": "Portfolio", "deliverable": "Kit",
                "due": "2027-01-15T17:00:00-07:00",  # in campus time, whatever the student's zone
                "due_week": 2, "due_defaults": [], "status": "review-requested",
                "stages": ["not-started", "review-requested", "published"], "steps_done": 1, "steps": 2,
                "done": False, "overdue": True, "days_late": 3, "link": None, "notes": None,
            }
        ],
        "dated": True,
        "extra": ["Set your goals"],
    }  # fmt: skip
