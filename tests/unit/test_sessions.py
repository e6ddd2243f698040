"""plan/sessions.py on hand-built values: which sessions share time with a span, across the
edges of sessions, of module weeks and of the weekends when Denver's clocks change."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from mod4cli.model.schedule import Repeating
from mod4cli.model.timeline import Occurrence, Slot, Timeline
from mod4cli.plan.sessions import SessionIndex, WeekIndex, inside_work_time
from tests.helpers import FALL, SPRING, a_schedule, a_session, a_timeline, denver, placed

TIMELINE = a_timeline()  # Monday 4 January 2027
TALK = placed(a_session(id="talk", day=1, start=time(10), end=time(11)), TIMELINE)  # Tuesday 5 January
DAYLONG = placed(a_session(id="retreat", day=1, start=time(8), end=time(17)), TIMELINE)
NEXT_DAY_RETREAT = placed(a_session(id="retreat", day=2, start=time(8), end=time(17)), TIMELINE)
WORK = placed(a_session(id="work", kind="work-time", day=3, start=time(13), end=time(16)), TIMELINE)


def ids(found: list[Occurrence]) -> list[str]:
    """The ids of the sessions found."""
    return [o.session.id for o in found]


# --- SessionIndex ----------------------------------------------------------------------------


def test_a_span_touching_a_session_does_not_share_time_with_it() -> None:
    index = SessionIndex([TALK, NEXT_DAY_RETREAT])  # the long one makes the index look further back
    minute = timedelta(minutes=1)
    assert index.overlapping(TALK.start - timedelta(hours=1), TALK.start) == []  # ends as it starts
    assert index.overlapping(TALK.end, TALK.end + timedelta(hours=1)) == []  # starts as it ends
    assert ids(index.overlapping(TALK.start - timedelta(hours=1), TALK.start + minute)) == ["talk"]
    assert ids(index.overlapping(TALK.end - minute, TALK.end + timedelta(hours=1))) == ["talk"]


def test_a_long_session_that_began_long_before_is_found() -> None:
    # The retreat began at 08:00; a span at 16:00 starts after every other session has ended.
    index = SessionIndex([TALK, DAYLONG])
    assert ids(index.overlapping(denver(2027, 1, 5, 16), denver(2027, 1, 5, 16, 30))) == ["retreat"]


def test_sessions_come_in_order_of_start_whatever_order_they_were_given_in() -> None:
    index = SessionIndex([WORK, TALK, DAYLONG])
    assert ids(index.overlapping(denver(2027, 1, 4), denver(2027, 1, 9))) == ["retreat", "talk", "work"]
    assert SessionIndex([]).overlapping(denver(2027, 1, 4), denver(2027, 1, 9)) == []


# --- WeekIndex -------------------------------------------------------------------------------

# A late session closing each Sunday and an early one opening each Monday, in every week.
SUNDAY_LATE = a_session(id="sunday", day=6, start=time(23), end=time(23, 59))
MONDAY_EARLY = a_session(id="monday", day=0, start=time(0), end=time(1))
EDGES = a_schedule(
    sessions=tuple(s._replace(week=w) for w in range(1, 7) for s in (MONDAY_EARLY, SUNDAY_LATE)),
)


@pytest.mark.parametrize("timeline", [TIMELINE, FALL, SPRING], ids=["january", "november", "march"])
def test_a_span_across_the_end_of_a_module_week_finds_the_sessions_of_both(timeline: Timeline) -> None:
    """Week 2 of FALL and SPRING ends on the Sunday the clocks change."""
    index = WeekIndex(EDGES, timeline)
    sunday_late = timeline.at(2, 6, time(23, 30))
    monday_early = timeline.at(3, 0, time(0, 30))
    found = index.overlapping(sunday_late, monday_early)
    assert [(o.session.id, o.session.week) for o in found] == [("sunday", 2), ("monday", 3)]
    assert [o.start for o in found] == [timeline.at(2, 6, time(23)), timeline.at(3, 0, time(0))]


def test_the_sessions_of_a_dst_sunday_are_at_their_wall_clock_time() -> None:
    # 23:00 on Sunday 1 November 2026 is MST (06:00 UTC), on Sunday 14 March 2027 MDT (05:00 UTC).
    for timeline, utc_hour in ((FALL, 6), (SPRING, 5)):
        (sunday,) = WeekIndex(EDGES, timeline).overlapping(
            timeline.at(2, 6, time(22)), timeline.at(2, 6, time(23, 30))
        )
        assert (sunday.start.hour, sunday.start.utcoffset()) == (utc_hour, timedelta(0))


def test_spans_before_or_after_the_module_meet_nothing_and_one_reaching_into_it_meets_week_1() -> None:
    index = WeekIndex(EDGES, TIMELINE)
    assert index.overlapping(denver(2026, 12, 1), denver(2027, 1, 3, 23, 30)) == []
    assert index.overlapping(denver(2027, 2, 15, 2), denver(2027, 3, 1)) == []
    assert ids(index.overlapping(denver(2027, 1, 3, 23, 30), denver(2027, 1, 4, 0, 30))) == ["monday"]
    assert ids(index.overlapping(denver(2027, 2, 14, 23, 30), denver(2027, 2, 15, 0, 30))) == ["sunday"]


def test_a_span_of_several_weeks_finds_every_week_in_it() -> None:
    found = WeekIndex(EDGES, TIMELINE).overlapping(denver(2027, 1, 4), denver(2027, 2, 15))
    assert [o.session.week for o in found] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]


def test_a_repeating_students_workshops_are_optional_in_the_index() -> None:
    schedule = EDGES._replace(repeating=Repeating(optional_kinds=("workshop",)))
    span = (denver(2027, 1, 4), denver(2027, 1, 4, 1))
    assert [o.required for o in WeekIndex(schedule, TIMELINE, repeating=True).overlapping(*span)] == [False]
    assert [o.required for o in WeekIndex(schedule, TIMELINE).overlapping(*span)] == [True]


def test_a_week_is_placed_once() -> None:
    index = WeekIndex(EDGES, TIMELINE)
    assert index.week(2) is index.week(2)
    assert [o.session.week for o in index.week(2).overlapping(denver(2027, 1, 4), denver(2027, 2, 15))] == [
        2,
        2,
    ]


# --- inside_work_time ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "minutes", "inside"),
    [
        (time(13), 180, True),  # the whole block
        (time(13), 30, True),  # from its first minute
        (time(15, 30), 30, True),  # to its last
        (time(12, 59), 30, False),  # a minute before it
        (time(15, 31), 30, False),  # a minute past it
    ],
)
def test_a_slot_is_in_work_time_only_when_wholly_inside_the_block(
    start: time, minutes: int, inside: bool
) -> None:
    begin = TIMELINE.at(1, 3, start)
    slot = Slot(start=begin, end=begin + timedelta(minutes=minutes))
    assert inside_work_time(slot, [WORK]) is inside


def test_only_work_time_counts_as_work_time() -> None:
    begin = TIMELINE.at(1, 1, time(10))
    assert inside_work_time(Slot(start=begin, end=begin + timedelta(minutes=30)), [DAYLONG, TALK]) is False
