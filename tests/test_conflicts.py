"""Conflict detection against a brute-force, minute-by-minute oracle, across DST changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mod4cli.model.schedule import Session
from mod4cli.model.timeline import Occurrence, Slot, Timeline
from mod4cli.plan.conflicts import check_slot
from mod4cli.plan.sessions import SessionIndex

DENVER = ZoneInfo("America/Denver")
HOURS = (time(9), time(16))
# Weeks 1-2 of this cohort straddle the November change (1 Nov 2026), weeks 20-21 the March one.
CAL = Timeline(anchor=date(2026, 10, 26), dated=True, campus=DENVER, weeks=22)

KINDS = st.sampled_from(["workshop", "group", "office-hours", "work-time"])


@st.composite
def sessions(draw: st.DrawFn) -> Occurrence:
    week = draw(st.sampled_from([1, 2, 20, 21]))
    day = draw(st.integers(0, 4))
    start = draw(st.integers(8 * 4, 17 * 4)) * 15
    length = draw(st.integers(1, 12)) * 15
    kind = draw(KINDS)
    required = kind in ("workshop", "group") and draw(st.booleans())
    begin, end = (
        time(start // 60, start % 60),
        time(min(start + length, 23 * 60) // 60, min(start + length, 23 * 60) % 60),
    )
    s = Session(f"s{draw(st.integers(0, 10**6))}", "S", kind, week, day, begin, end, required)
    return Occurrence(
        s, CAL.at(week, day, begin).astimezone(UTC), CAL.at(week, day, end).astimezone(UTC), required
    )


def _minutes(start: datetime, end: datetime) -> set[datetime]:
    out, t = set(), start
    while t < end:
        out.add(t)
        t += timedelta(minutes=1)
    return out


@settings(max_examples=150, deadline=None)
@given(
    occs=st.lists(sessions(), max_size=12),
    week=st.sampled_from([1, 2, 20, 21]),
    day=st.integers(0, 6),
    minute=st.integers(7 * 60, 18 * 60),
    length=st.integers(1, 180),
)
def test_collisions_match_the_minute_by_minute_oracle(
    occs: list[Occurrence], week: int, day: int, minute: int, length: int
) -> None:
    start = CAL.at(week, day, time(minute // 60, minute % 60)).astimezone(UTC)
    slot = Slot(start, start + timedelta(minutes=length))
    report = check_slot(slot, SessionIndex(occs), CAL, HOURS, DENVER)

    proposed = _minutes(slot.start, slot.end)
    touching = [o for o in occs if proposed & _minutes(o.start, o.end)]
    expected_conflicts = {id(o) for o in touching if o.required and o.session.kind != "work-time"}
    expected_warnings = {id(o) for o in touching if not o.required and o.session.kind != "work-time"}
    assert {id(o) for o in report.conflicts} == expected_conflicts
    assert {id(o) for o in report.warnings} == expected_warnings
    assert report.exit_code == (1 if expected_conflicts else 0)
    in_work = any(proposed <= _minutes(o.start, o.end) for o in occs if o.session.kind == "work-time")
    assert report.in_work_time == in_work

    busy = set().union(*(_minutes(o.start, o.end) for o in occs if o.session.kind != "work-time"))
    for suggestion in report.suggestions:
        s = suggestion.slot
        assert s.length == slot.length
        assert not (_minutes(s.start, s.end) & busy)
        local_start, local_end = s.start.astimezone(DENVER), s.end.astimezone(DENVER)
        assert local_start.weekday() < 5
        assert HOURS[0] <= local_start.time() and local_end.time() <= HOURS[1]
    assert [s.in_work_time for s in report.suggestions] == sorted(
        (s.in_work_time for s in report.suggestions), reverse=True
    )


def _occ(
    week: int, day: int, start: time, end: time, kind: str = "group", required: bool = True
) -> Occurrence:
    s = Session(kind, kind.title(), kind, week, day, start, end, required)
    return Occurrence(
        s, CAL.at(week, day, start).astimezone(UTC), CAL.at(week, day, end).astimezone(UTC), required
    )


def test_touching_is_not_colliding() -> None:
    index = SessionIndex([_occ(1, 2, time(13), time(14))])
    for begin in (time(12, 30), time(14)):
        start = CAL.at(1, 2, begin).astimezone(UTC)
        assert (
            check_slot(Slot(start, start + timedelta(minutes=30)), index, CAL, HOURS, DENVER).exit_code == 0
        )


def test_suggestions_put_work_time_first_then_the_nearest_either_side() -> None:
    index = SessionIndex([_occ(1, 2, time(13), time(14)), _occ(1, 3, time(13), time(16), "work-time", False)])
    start = CAL.at(1, 2, time(13, 15)).astimezone(UTC)
    report = check_slot(Slot(start, start + timedelta(minutes=30)), index, CAL, HOURS, DENVER)
    got = [(s.slot.start.astimezone(DENVER).strftime("%a %H:%M"), s.in_work_time) for s in report.suggestions]
    assert got == [("Thu 13:00", True), ("Wed 12:30", False), ("Wed 14:00", False)]


def test_no_suggestions_in_the_past() -> None:
    index = SessionIndex([_occ(2, 2, time(9), time(16))])
    start = CAL.at(2, 2, time(10)).astimezone(UTC)
    now = CAL.at(2, 2, time(8)).astimezone(UTC)
    report = check_slot(Slot(start, start + timedelta(hours=1)), index, CAL, HOURS, DENVER, not_before=now)
    assert report.suggestions and all(s.slot.start >= now for s in report.suggestions)


def test_week_crossing_dst_is_checked_at_the_right_instant() -> None:
    # Homeroom Wed 4 Nov 2026 13:00 MST (after the change) is 20:00 UTC, not 19:00.
    index = SessionIndex([_occ(2, 2, time(13), time(14))])
    at_19 = Slot(datetime(2026, 11, 4, 19, 0, tzinfo=UTC), datetime(2026, 11, 4, 19, 30, tzinfo=UTC))
    at_20 = Slot(datetime(2026, 11, 4, 20, 0, tzinfo=UTC), datetime(2026, 11, 4, 20, 30, tzinfo=UTC))
    assert check_slot(at_19, index, CAL, HOURS, DENVER).exit_code == 0
    assert check_slot(at_20, index, CAL, HOURS, DENVER).exit_code == 1


def _brute_force_suggestions(
    slot: Slot, occs: list[Occurrence], cal: Timeline, coaching: Sequence[Slot] = ()
) -> list[tuple[datetime, bool]]:
    """Every candidate of the module, checked minute by minute; the nearest of each kind.

    The proposed start itself is never a suggestion ("where else could it go?"), even when it
    is free: free_slots.py skips it, and so must the reference.
    """
    busy = set().union(*(_minutes(o.start, o.end) for o in occs if o.session.kind != "work-time"))
    busy |= set().union(*(_minutes(b.start, b.end) for b in coaching))
    work = [o for o in occs if o.session.kind == "work-time"]
    free = []
    for week in range(1, cal.weeks + 1):
        for day in range(5):
            start = cal.at(week, day, HOURS[0]).astimezone(UTC)
            close = cal.at(week, day, HOURS[1]).astimezone(UTC)
            while start + slot.length <= close:
                span = _minutes(start, start + slot.length)
                if start != slot.start and not span & busy:
                    free.append((start, any(span <= _minutes(o.start, o.end) for o in work)))
                start += timedelta(minutes=15)
    picks: list[tuple[datetime, bool]] = []
    for keep in (lambda c: c[1], lambda c: c[0] < slot.start, lambda c: c[0] > slot.start):
        group = [c for c in free if keep(c)]
        if group:
            nearest = min(group, key=lambda c: (abs(c[0] - slot.start), c[0]))
            if nearest not in picks:
                picks.append(nearest)
    return sorted(picks, key=lambda c: (not c[1], abs(c[0] - slot.start), c[0]))[:3]


@settings(max_examples=25, deadline=None)
# The case the old reference got wrong: the proposed start is free and in work time.
@example(
    occs=[_occ(week=1, day=3, start=time(13), end=time(16), kind="work-time", required=False)],
    week=1,
    day=3,
    minute=13 * 60,
    length=30,
    coaching=[],
)
@given(
    occs=st.lists(sessions(), min_size=1, max_size=10),
    week=st.sampled_from([1, 2]),
    day=st.integers(0, 4),
    minute=st.integers(9 * 60, 15 * 60),
    length=st.sampled_from([30, 45, 60]),
    coaching=st.lists(
        st.tuples(st.sampled_from([1, 2]), st.integers(0, 4), st.integers(9 * 4, 16 * 4)), max_size=3
    ),
)
def test_suggestions_match_an_exhaustive_search(
    occs: list[Occurrence],
    week: int,
    day: int,
    minute: int,
    length: int,
    coaching: list[tuple[int, int, int]],
) -> None:
    from mod4cli.plan.free_slots import free_slots_near

    small = Timeline(anchor=CAL.anchor, dated=True, campus=DENVER, weeks=2)
    occs = [o for o in occs if o.session.week <= 2]
    start = small.at(week, day, time(minute // 60, minute % 60)).astimezone(UTC)
    slot = Slot(start, start + timedelta(minutes=length))
    # The student's own coaching meetings (30 minutes, on the quarter hour) are busy too.
    meetings = [small.at(w, d, time(q // 4, q % 4 * 15)).astimezone(UTC) for w, d, q in coaching]
    busy = [Slot(m, m + timedelta(minutes=30)) for m in meetings]
    found = free_slots_near(slot, SessionIndex(occs), small, HOURS, busy=busy)
    assert [(s.slot.start, s.in_work_time) for s in found] == _brute_force_suggestions(
        slot, occs, small, busy
    )
