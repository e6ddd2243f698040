"""plan/progress.py on hand-built values: done, reopen, stage and undo, and what is one change."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import UNDO_DEPTH, Profile, Snapshot, State
from mod4cli.plan.progress import find_item, mark_done, reopen_item, set_stage, undo_last, with_stages
from tests.helpers import a_booking, a_deliverable, a_schedule, an_item, denver

RESUME = an_item(id="resume", title="Resume")
LINKEDIN = an_item(id="linkedin", title="LinkedIn")
PORTFOLIO = an_item(
    id="portfolio", title="Portfolio", stages=("not-started", "review-requested", "published")
)
SCHEDULE = a_schedule(deliverables=(a_deliverable(items=(RESUME, LINKEDIN, PORTFOLIO)),))
NOW = denver(2027, 1, 20, 9)
STUDENT = State(profile=Profile(repeating=True), bookings=(a_booking(),), next_booking=2)


def test_an_item_is_found_by_its_id_in_any_case() -> None:
    assert find_item(SCHEDULE, "  PortFolio ") == PORTFOLIO


def test_an_unknown_item_lists_the_items_there_are() -> None:
    with pytest.raises(UsageError) as caught:
        find_item(SCHEDULE, "cv")
    assert (caught.value.message, caught.value.hint) == (
        "unknown item 'cv'",
        "Items of this schedule: resume, linkedin, portfolio.",
    )


# --- done ------------------------------------------------------------------------------------


def test_done_moves_each_item_to_its_final_stage_as_one_change() -> None:
    after, marked = mark_done(STUDENT, SCHEDULE, ["portfolio", "resume", "PORTFOLIO"], NOW)
    assert dict(after.stages) == {"portfolio": "published", "resume": "done"}
    assert marked == [(PORTFOLIO, "not-started"), (RESUME, "not-started")]  # each once, as typed
    assert after.history == (
        Snapshot(action="done portfolio resume", at=NOW, stages=(), bookings=STUDENT.bookings),
    )
    assert (after.profile, after.bookings, after.next_booking) == (STUDENT.profile, STUDENT.bookings, 2)


def test_done_says_where_each_item_was() -> None:
    state = State(stages=(("portfolio", "review-requested"), ("resume", "done")))
    _, marked = mark_done(state, SCHEDULE, ["resume", "portfolio"], NOW)
    assert marked == [(RESUME, "done"), (PORTFOLIO, "review-requested")]


def test_done_on_items_already_done_is_no_change_and_no_undo_step() -> None:
    state, _ = mark_done(STUDENT, SCHEDULE, ["resume"], NOW)
    again, _ = mark_done(state, SCHEDULE, ["resume", "resume"], NOW + timedelta(hours=1))
    assert again == state


def test_done_with_an_unknown_item_changes_nothing() -> None:
    with pytest.raises(UsageError, match="unknown item 'cv'"):
        mark_done(STUDENT, SCHEDULE, ["resume", "cv"], NOW)


# --- stage and reopen ------------------------------------------------------------------------


def test_stage_moves_an_item_to_a_named_stage_and_says_where_it_was() -> None:
    after, (item, old) = set_stage(STUDENT, SCHEDULE, "portfolio", " Review-Requested ", NOW)
    assert (item, old, dict(after.stages)) == (PORTFOLIO, "not-started", {"portfolio": "review-requested"})
    assert [(s.action, s.at) for s in after.history] == [("stage portfolio review-requested", NOW)]
    back, (_, old) = set_stage(after, SCHEDULE, "portfolio", "not-started", NOW)
    assert (old, dict(back.stages), len(back.history)) == (
        "review-requested",
        {"portfolio": "not-started"},
        2,
    )


def test_a_stage_the_item_does_not_have_is_refused_with_its_stages() -> None:
    with pytest.raises(UsageError) as caught:
        set_stage(STUDENT, SCHEDULE, "portfolio", "done", NOW)
    assert (caught.value.message, caught.value.hint) == (
        "portfolio has no stage 'done'",
        "Stages of portfolio, in order: not-started, review-requested, published.",
    )


def test_moving_an_item_to_the_stage_it_has_records_nothing_even_its_first_by_default() -> None:
    assert set_stage(STUDENT, SCHEDULE, "portfolio", "not-started", NOW)[0] is STUDENT
    assert reopen_item(STUDENT, SCHEDULE, "resume", NOW)[0] is STUDENT
    assert with_stages(STUDENT, [(RESUME, "not-started")], "anything", NOW) is STUDENT


def test_reopen_moves_an_item_back_to_its_first_stage() -> None:
    state = State(stages=(("portfolio", "published"), ("resume", "done")))
    after, (item, old) = reopen_item(state, SCHEDULE, "portfolio", NOW)
    assert (item, old) == (PORTFOLIO, "published")
    assert after.stages == (("portfolio", "not-started"), ("resume", "done"))
    assert [(s.action, s.at) for s in after.history] == [("reopen portfolio", NOW)]


def test_stages_are_kept_in_order_of_item_id() -> None:
    state = with_stages(
        State(), [(RESUME, "done"), (LINKEDIN, "done"), (PORTFOLIO, "published")], "done", NOW
    )
    assert [item for item, _ in state.stages] == ["linkedin", "portfolio", "resume"]


# --- undo ------------------------------------------------------------------------------------


def test_undo_puts_back_stages_and_bookings_but_keeps_the_profile_and_next_id() -> None:
    booked = STUDENT.recorded("coach book Tracey #2", NOW, bookings=(*STUDENT.bookings, a_booking(id=2)))
    booked = booked._replace(next_booking=3)
    done, _ = mark_done(booked, SCHEDULE, ["resume"], NOW)
    once, (snapshot, before) = undo_last(done)
    assert (snapshot.action, before) == ("done resume", done)
    assert (once.stages, once.bookings, once.profile, once.next_booking) == (
        (),
        booked.bookings,
        STUDENT.profile,
        3,
    )
    twice, (snapshot, _) = undo_last(once)
    assert (snapshot.action, twice.bookings, twice.next_booking, twice.history) == (
        "coach book Tracey #2", STUDENT.bookings, 3, ()
    )  # fmt: skip


def test_undo_with_nothing_to_undo_says_what_it_takes_back() -> None:
    with pytest.raises(UsageError) as caught:
        undo_last(STUDENT)
    assert (caught.value.message, caught.value.hint) == (
        "nothing to undo",
        "Undo takes back changes made with done, reopen, stage and coach.",
    )


def test_undo_reaches_back_fifty_changes_and_no_further() -> None:
    state, states = State(), [State()]
    for n in range(UNDO_DEPTH + 10):  # 60 changes, each undoable
        state = with_stages(state, [(RESUME, "done" if n % 2 == 0 else "not-started")], f"change {n}", NOW)
        states.append(state)
    assert UNDO_DEPTH == 50
    for back in range(1, UNDO_DEPTH + 1):
        state, (snapshot, _) = undo_last(state)
        assert (snapshot.action, state.stages) == (f"change {60 - back}", states[60 - back].stages)
    with pytest.raises(UsageError, match="nothing to undo"):
        undo_last(state)
