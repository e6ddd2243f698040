"""plan/free_slots.py on hand-built values: where else an appointment could go, at the edges of
class hours, of the two weeks searched, of weekends, of now, and across a DST weekend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from mod4cli.model.timeline import Slot, Timeline
from mod4cli.plan.free_slots import free_slots_near
from mod4cli.plan.sessions import WeekIndex
from tests.helpers import DENVER, SPRING, a_schedule, a_session, a_timeline

TIMELINE = a_timeline()  # Monday 4 January 2027; week 3 is 18-22 January
CLASS = (time(9), time(16))
HALF_HOUR = timedelta(minutes=30)


def busy_weekdays(
    timeline: Timeline, start: time, end: time, *, free: tuple[tuple[int, int], ...] = ()
) -> WeekIndex:
    """The index the CLI uses, with a required session from `start` to `end` on every weekday of
    the module but the (week, day) pairs in `free`."""
    sessions = tuple(
        a_session(id=f"s{week}{day}", week=week, day=day, start=start, end=end)
        for week in range(1, timeline.weeks + 1)
        for day in range(5)
        if (week, day) not in free
    )
    return WeekIndex(a_schedule(sessions=sessions), timeline)


def offered(
    slot: Slot, index: WeekIndex, *, not_before: datetime | None = None, busy: Sequence[Slot] = ()
) -> list[str]:
    """The suggestions as campus wall-clock times, `Wed 20 Jan 09:00` (and whether in work time)."""
    found = free_slots_near(slot, index, TIMELINE, CLASS, not_before=not_before, busy=busy)
    assert all(s.slot.length == slot.length for s in found)
    return [
        f"{s.slot.start.astimezone(DENVER):%a %d %b %H:%M}" + (" work" if s.in_work_time else "")
        for s in found
    ]


def at(timeline: Timeline, week: int, day: int, clock: time, length: timedelta = HALF_HOUR) -> Slot:
    """A slot at a campus wall-clock time of the module, in UTC as the CLI gives it."""
    start = timeline.at(week, day, clock).astimezone(UTC)
    return Slot(start=start, end=start + length)


# Every weekday is taken from 09:30 to 15:30: only the first and last half hours of class are free.
EDGES_FREE = busy_weekdays(TIMELINE, time(9, 30), time(15, 30))


def test_the_first_slot_starts_as_class_opens_and_the_last_ends_as_it_closes() -> None:
    assert offered(at(TIMELINE, 3, 2, time(12)), EDGES_FREE) == ["Wed 20 Jan 09:00", "Wed 20 Jan 15:30"]


def test_a_longer_appointment_must_fit_before_class_closes() -> None:
    # 45 minutes fit in neither free half hour, on any day: there is nothing to offer.
    assert offered(at(TIMELINE, 3, 2, time(12), timedelta(minutes=45)), EDGES_FREE) == []


def test_the_proposed_time_itself_is_never_offered_even_when_free() -> None:
    assert offered(at(TIMELINE, 3, 2, time(9)), EDGES_FREE) == ["Wed 20 Jan 15:30", "Tue 19 Jan 15:30"]


def test_nothing_before_now_is_offered_and_now_itself_is() -> None:
    proposed = at(TIMELINE, 3, 2, time(12))
    nine = TIMELINE.at(3, 2, time(9)).astimezone(UTC)
    assert offered(proposed, EDGES_FREE, not_before=nine) == ["Wed 20 Jan 09:00", "Wed 20 Jan 15:30"]
    later = nine + timedelta(minutes=1)
    assert offered(proposed, EDGES_FREE, not_before=later) == ["Wed 20 Jan 15:30"]


def test_the_students_own_meetings_are_busy_but_touching_them_is_free() -> None:
    coaching = [at(TIMELINE, 3, 2, time(10))]  # 10:00-10:30 on Wednesday
    proposed = at(TIMELINE, 3, 2, time(10), timedelta(minutes=15))
    free = offered(proposed, WeekIndex(a_schedule(), TIMELINE), busy=coaching)
    assert free == ["Wed 20 Jan 09:45", "Wed 20 Jan 10:30"]


def test_weekends_are_never_offered() -> None:
    # Only Friday 22 and Monday 25 January are free around Saturday 23 January.
    index = busy_weekdays(TIMELINE, time(9), time(16), free=((3, 4), (4, 0)))
    assert offered(at(TIMELINE, 3, 5, time(10)), index) == ["Fri 22 Jan 15:30", "Mon 25 Jan 09:00"]


def test_only_days_within_two_weeks_are_searched() -> None:
    # Free: Monday of week 1 (exactly 14 days before) and Tuesday of week 5 (15 days after).
    index = busy_weekdays(TIMELINE, time(9), time(16), free=((1, 0), (5, 1)))
    assert offered(at(TIMELINE, 3, 0, time(10)), index) == ["Mon 04 Jan 15:30"]
    # Days are campus dates: at 18:00 it is already Tuesday in UTC, and still Monday on campus.
    assert offered(at(TIMELINE, 3, 0, time(18)), index) == ["Mon 04 Jan 15:30"]


def test_the_last_weeks_of_the_module_are_searched_too() -> None:
    index = busy_weekdays(TIMELINE, time(9), time(16), free=((6, 0),))  # only Monday 8 February
    assert offered(at(TIMELINE, 6, 4, time(10)), index) == ["Mon 08 Feb 15:30"]


def test_a_nearer_slot_two_days_away_beats_one_found_a_day_away() -> None:
    # Proposed at Wednesday 23:45. Free: Tuesday 09:00 (work time, 38h45 before), Thursday 09:00
    # (9h15 after) and Friday 09:00 (work time, 33h15 after): the search must reach Friday.
    opens_late = {(3, 1): time(9, 30), (3, 3): time(10), (3, 4): time(9, 30)}  # Tuesday, Thursday, Friday
    work = [
        a_session(
            id=f"work{day}", kind="work-time", week=3, day=day, start=time(9), end=time(9, 30), required=False
        )
        for day in (1, 4)
    ]
    busy = [
        a_session(
            id=f"s{week}{day}", week=week, day=day, start=opens_late.get((week, day), time(9)), end=time(16)
        )
        for week in range(1, 7)
        for day in range(5)
    ]
    sessions = tuple(sorted([*work, *busy], key=lambda s: (s.week, s.day, s.start)))
    index = WeekIndex(a_schedule(sessions=sessions), TIMELINE)
    assert offered(at(TIMELINE, 3, 2, time(23, 45)), index) == [
        "Fri 22 Jan 09:00 work", "Tue 19 Jan 09:00 work", "Thu 21 Jan 09:00"
    ]  # fmt: skip


def test_only_the_modules_weekdays_are_searched() -> None:
    # Everything is busy; the days just before and after the module are never offered.
    index = busy_weekdays(TIMELINE, time(9), time(16))
    assert offered(at(TIMELINE, 1, 0, time(10)), index) == []
    assert offered(at(TIMELINE, 6, 4, time(10)), index) == []


def test_work_time_comes_first_then_the_nearest() -> None:
    sessions = (
        a_session(id="talk", week=3, day=2, start=time(12), end=time(13)),
        a_session(id="work", kind="work-time", week=3, day=4, start=time(13), end=time(16), required=False),
    )
    index = WeekIndex(a_schedule(sessions=sessions), TIMELINE)
    assert offered(at(TIMELINE, 3, 2, time(12)), index) == [
        "Fri 22 Jan 13:00 work", "Wed 20 Jan 11:30", "Wed 20 Jan 13:00"
    ]  # fmt: skip


def test_class_hours_are_campus_wall_clock_hours_on_both_sides_of_the_march_change() -> None:
    # Friday 12 March is MST, Monday 15 March MDT.
    index = busy_weekdays(SPRING, time(9, 30), time(15, 30))
    sunday = at(SPRING, 2, 6, time(12))  # the Sunday the clocks go forward
    found = free_slots_near(sunday, index, SPRING, CLASS)
    assert [s.slot.start for s in found] == [
        datetime(2027, 3, 15, 15, 0, tzinfo=UTC),  # Monday's first half hour, 09:00 MDT
        datetime(2027, 3, 12, 22, 30, tzinfo=UTC),  # Friday's last, 15:30 MST
    ]


def test_a_slot_overlaps_what_shares_time_with_it_and_not_what_only_touches_it() -> None:
    ten = datetime(2027, 1, 20, 17, tzinfo=UTC)
    slot = Slot(ten, ten + HALF_HOUR)
    assert slot.overlaps(ten - HALF_HOUR, ten + timedelta(minutes=1))
    assert slot.overlaps(ten + timedelta(minutes=29), ten + HALF_HOUR * 2)
    assert slot.overlaps(ten - HALF_HOUR, ten + HALF_HOUR * 2)  # around it
    assert not slot.overlaps(ten - HALF_HOUR, ten)  # ends as it starts
    assert not slot.overlaps(ten + HALF_HOUR, ten + HALF_HOUR * 2)  # starts as it ends
