"""plan/coaching.py on hand-built values: the specialists' hours and the one-a-week rule at their
exact edges, in DST weeks too, and the names, topics and ids a student types."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.errors import RuleBroken, UsageError
from mod4cli.model.progress import Booking, Snapshot, State
from mod4cli.model.schedule import Schedule
from mod4cli.model.timeline import Timeline
from mod4cli.plan.coaching import BookingList, BookingResult, book, cancel, find_specialist, find_topic
from mod4cli.plan.sessions import WeekIndex
from tests.helpers import (
    DENVER,
    FALL,
    SPRING,
    a_booking,
    a_coaching,
    a_schedule,
    a_session,
    a_specialist,
    a_timeline,
    denver,
)

NEW_YORK = ZoneInfo("America/New_York")
PHOENIX = ZoneInfo("America/Phoenix")  # Mountain Standard Time all year: no DST
TOPICS = ("Resume and cover letter", "Job search strategy", "Mock interviews", "Job offers", "Anything else")
HOMEROOM = a_session(
    id="homeroom", title="Homeroom", kind="group", week=3, day=2, start=time(13), end=time(14)
)
WORK = a_session(id="work", title="Work time", kind="work-time", week=3, day=2, start=time(13), end=time(16))
SCHEDULE = a_schedule(sessions=(HOMEROOM, WORK), coaching=a_coaching(topics=TOPICS))
TIMELINE = a_timeline()  # week 3 runs Monday 18 to Sunday 24 January 2027
NOW = denver(2027, 1, 18, 8)
NOTHING = State()
HOURS_REFUSED = "Tracey is available Mon-Fri 09:00-17:00 America/Denver time; {} is outside those hours. Nothing was booked."


def book_at(
    start: datetime,
    state: State = NOTHING,
    *,
    name: str = "Tracey",
    topic: str | None = None,
    zone: ZoneInfo = DENVER,
    schedule: Schedule = SCHEDULE,
    timeline: Timeline = TIMELINE,
) -> tuple[State, BookingResult]:
    """Book through the index the CLI uses."""
    index = WeekIndex(schedule, timeline)
    return book(state, schedule, timeline, index, name, start, topic, NOW, zone)


def refusal(start: datetime, state: State = NOTHING, **options: Any) -> RuleBroken:
    """The rule a booking at `start` breaks."""
    with pytest.raises(RuleBroken) as caught:
        book_at(start, state, **options)
    assert caught.value.exit_code == 1
    return caught.value


# --- the specialists' hours ------------------------------------------------------------------


@pytest.mark.parametrize(
    "start",
    [denver(2027, 1, 18, 9), denver(2027, 1, 22, 16, 30)],
    ids=["monday 09:00", "friday 16:30 ends at 17:00"],
)
def test_a_meeting_inside_the_hours_is_booked(start: datetime) -> None:
    _, result = book_at(start)
    assert (result.booking.start, result.booking.end) == (start, start + timedelta(minutes=30))


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (denver(2027, 1, 18, 8, 59), "Mon 18 Jan 08:59–09:29 MST"),
        (denver(2027, 1, 22, 16, 31), "Fri 22 Jan 16:31–17:01 MST"),  # ends after 17:00
        (denver(2027, 1, 22, 17), "Fri 22 Jan 17:00–17:30 MST"),
        (denver(2027, 1, 23, 10), "Sat 23 Jan 10:00–10:30 MST"),
        (denver(2027, 1, 24, 10), "Sun 24 Jan 10:00–10:30 MST"),
    ],
)
def test_a_meeting_outside_the_hours_is_refused_with_the_hours(start: datetime, shown: str) -> None:
    refused = refusal(start)
    assert (refused.rule, refused.message, refused.hint) == (
        "specialist-hours",
        HOURS_REFUSED.format(shown),
        None,
    )


def test_a_longer_meeting_must_end_by_the_end_of_the_hours_too() -> None:
    schedule = SCHEDULE._replace(coaching=a_coaching(minutes=45))
    _, result = book_at(denver(2027, 1, 22, 16, 15), schedule=schedule)
    assert (result.booking.minutes, result.booking.end) == (45, denver(2027, 1, 22, 17))
    refused = refusal(denver(2027, 1, 22, 16, 30), schedule=schedule)
    assert refused.message == HOURS_REFUSED.format("Fri 22 Jan 16:30–17:15 MST")


def test_a_meeting_that_runs_past_midnight_is_outside_any_days_hours() -> None:
    night_owl = a_specialist(days=tuple(range(7)), start=time(0), end=time(23, 59))
    schedule = SCHEDULE._replace(coaching=a_coaching(specialists=(night_owl,)))
    book_at(denver(2027, 1, 21, 23), schedule=schedule)  # 23:00-23:30 is fine
    refused = refusal(denver(2027, 1, 21, 23, 45), schedule=schedule)
    assert refused.message == (
        "Tracey is available Mon-Sun 00:00-23:59 America/Denver time; Thu 21 Jan 23:45–Fri 00:15 MST is outside "
        "those hours. Nothing was booked."
    )


def test_only_the_specialists_own_days_can_be_booked() -> None:
    ryan = a_specialist(name="Ryan", days=(1, 2, 3), start=time(10), end=time(12))
    schedule = SCHEDULE._replace(coaching=a_coaching(specialists=(ryan,)))
    book_at(denver(2027, 1, 19, 10), name="Ryan", schedule=schedule)  # Tuesday
    refused = refusal(denver(2027, 1, 18, 10), name="Ryan", schedule=schedule)  # Monday
    assert refused.message == (
        "Ryan is available Tue-Thu 10:00-12:00 America/Denver time; Mon 18 Jan 10:00–10:30 MST is outside those "
        "hours. Nothing was booked."
    )
    assert (
        refusal(denver(2027, 1, 22, 10), name="Ryan", schedule=schedule).rule == "specialist-hours"
    )  # Friday


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        ((1, 3), "Tue, Thu 10:00-12:00"),  # not "Tue-Thu": Wednesday is not one of them
        ((2,), "Wed 10:00-12:00"),
        ((0, 1, 2, 4), "Mon, Tue, Wed, Fri 10:00-12:00"),
        ((), "no days"),
    ],
)
def test_the_refusal_names_the_specialists_days_as_they_are(days: tuple[int, ...], shown: str) -> None:
    ryan = a_specialist(name="Ryan", days=days, start=time(10), end=time(12))
    schedule = SCHEDULE._replace(coaching=a_coaching(specialists=(ryan,)))
    refused = refusal(denver(2027, 1, 21, 9), name="Ryan", schedule=schedule)  # Thursday 09:00
    assert refused.message.startswith(
        f"Ryan is available {shown} America/Denver time; Thu 21 Jan 09:00–09:30 MST is"
    )


def test_the_hours_are_campus_hours_for_a_student_in_another_zone() -> None:
    in_new_york = datetime(2027, 1, 21, 18, 30, tzinfo=NEW_YORK).astimezone(UTC)  # 16:30 in Denver
    book_at(in_new_york, zone=NEW_YORK)
    refused = refusal(in_new_york + timedelta(minutes=1), zone=NEW_YORK)
    assert refused.message == HOURS_REFUSED.format(
        "Thu 21 Jan 18:31–19:01 EST (16:31–17:01 MST)"
    )  # campus time beside


@pytest.mark.parametrize(
    ("timeline", "refused_at", "booked_at", "shown"),
    [
        # Phoenix keeps MST: 16:30 there is 17:30 in Denver before the November change, 16:30 after.
        (
            FALL,
            datetime(2026, 10, 30, 16, 30),
            datetime(2026, 11, 2, 16, 30),
            "Fri 30 Oct 16:30–17:00 MST (17:30–18:00 MDT)",
        ),
        # 08:30 in Phoenix is 08:30 in Denver before the March change, 09:30 after.
        (
            SPRING,
            datetime(2027, 3, 12, 8, 30),
            datetime(2027, 3, 15, 8, 30),
            "Fri 12 Mar 08:30–09:00 MST (08:30–09:00 MST)",
        ),
    ],
    ids=["november", "march"],
)
def test_the_hours_follow_campus_daylight_saving(
    timeline: Timeline, refused_at: datetime, booked_at: datetime, shown: str
) -> None:
    def phoenix(moment: datetime) -> datetime:
        return moment.replace(tzinfo=PHOENIX).astimezone(UTC)

    refused = refusal(phoenix(refused_at), zone=PHOENIX, timeline=timeline)
    assert refused.message == HOURS_REFUSED.format(shown)
    _, result = book_at(phoenix(booked_at), zone=PHOENIX, timeline=timeline)
    assert result.booking.start == phoenix(booked_at)


# --- the module's weeks and the one-a-week rule ----------------------------------------------


@pytest.mark.parametrize(
    ("start", "shown"),
    [(denver(2027, 1, 1, 10), "Fri 1 Jan 2027"), (denver(2027, 2, 15, 9), "Mon 15 Feb 2027")],
    ids=["the friday before week 1", "the monday after week 6"],
)
def test_a_meeting_outside_the_modules_weeks_is_refused(start: datetime, shown: str) -> None:
    with pytest.raises(UsageError) as caught:
        book_at(start)
    assert caught.value.message == f"{shown} is outside the module's weeks (1-6)"


def test_the_first_and_last_days_of_the_module_can_be_booked() -> None:
    book_at(denver(2027, 1, 4, 9))  # Monday of week 1
    book_at(denver(2027, 2, 12, 16, 30))  # Friday of week 6


def test_a_second_meeting_in_a_week_is_refused_naming_the_first() -> None:
    friday, _ = book_at(denver(2027, 1, 22, 16, 30))
    refused = refusal(denver(2027, 1, 18, 9), friday, name="Ryan")  # Monday of the same week
    assert (refused.rule, refused.message, refused.hint) == (
        "one-a-week",
        "you already have coaching in week 3: #1 with Tracey, Fri 22 Jan 16:30–17:00 MST. "
        "Book with only one specialist at a time each week. Nothing was booked.",
        "To move it: mod4 coach cancel 1, then book again.",
    )


def test_the_first_meeting_is_named_in_the_students_zone() -> None:
    friday, _ = book_at(denver(2027, 1, 22, 16, 30))
    refused = refusal(denver(2027, 1, 18, 9), friday, zone=NEW_YORK)
    assert "#1 with Tracey, Fri 22 Jan 18:30–19:00 EST." in refused.message


def test_a_new_module_week_allows_a_new_meeting_from_its_first_morning() -> None:
    friday, _ = book_at(denver(2027, 1, 22, 16, 30))  # week 3
    monday, _ = book_at(denver(2027, 1, 25, 9), friday, name="Ryan")  # week 4
    assert [(b.id, b.specialist) for b in monday.bookings] == [(1, "Tracey"), (2, "Ryan")]


@pytest.mark.parametrize("timeline", [FALL, SPRING], ids=["november", "march"])
def test_the_week_of_a_dst_change_and_the_week_after_each_allow_one(timeline: Timeline) -> None:
    friday = timeline.at(2, 4, time(16, 30)).astimezone(UTC)  # the Friday before the change
    monday = timeline.at(3, 0, time(9)).astimezone(UTC)  # the Monday after it
    first, _ = book_at(friday, timeline=timeline)
    both, _ = book_at(monday, first, timeline=timeline)
    assert [b.start for b in both.bookings] == [friday, monday]
    assert refusal(timeline.at(2, 0, time(9)).astimezone(UTC), first, timeline=timeline).rule == "one-a-week"


def test_the_week_of_a_meeting_is_its_campus_week_for_the_rule_and_the_list() -> None:
    # Sunday 23:00 of week 3 on campus is Monday 15:00 of week 4 in Tokyo: it is still week 3.
    night_owl = a_specialist(days=tuple(range(7)), start=time(0), end=time(23, 59))
    schedule = SCHEDULE._replace(coaching=a_coaching(specialists=(night_owl,)))
    tokyo, sunday_night = ZoneInfo("Asia/Tokyo"), denver(2027, 1, 24, 23)
    friday, _ = book_at(denver(2027, 1, 22, 10), zone=tokyo, schedule=schedule)
    assert refusal(sunday_night, friday, zone=tokyo, schedule=schedule).rule == "one-a-week"
    sunday, _ = book_at(sunday_night, zone=tokyo, schedule=schedule)
    both, _ = book_at(denver(2027, 1, 25, 10), sunday, zone=tokyo, schedule=schedule)  # Monday of week 4
    listed = BookingList(bookings=both.bookings, timeline=TIMELINE, zone=tokyo, now=NOW).to_json()
    assert [(b["id"], b["week"]) for b in listed["bookings"]] == [(1, 3), (2, 4)]


def test_the_schedule_may_allow_more_than_one_a_week() -> None:
    schedule = SCHEDULE._replace(coaching=a_coaching(per_week=2))
    one, _ = book_at(denver(2027, 1, 18, 9), schedule=schedule)
    two, _ = book_at(denver(2027, 1, 19, 9), one, schedule=schedule)
    assert refusal(denver(2027, 1, 20, 9), two, schedule=schedule).rule == "one-a-week"


# --- what a booking records ------------------------------------------------------------------


def test_a_booking_records_the_specialist_topic_and_one_undo_step() -> None:
    booked, result = book_at(denver(2027, 1, 21, 10), name="  tRACEY ", topic="strategy", zone=NEW_YORK)
    booking = Booking(
        id=1, specialist="Tracey", start=denver(2027, 1, 21, 10), minutes=30, topic="Job search strategy"
    )
    assert result.booking == booking
    assert (booked.bookings, booked.next_booking) == ((booking,), 2)
    assert booked.history == (Snapshot(action="coach book Tracey #1", at=NOW, stages=(), bookings=()),)
    assert (result.how, result.campus, result.zone) == ("Message them on Slack.", DENVER, NEW_YORK)
    assert result.exit_code == 0


def test_bookings_are_kept_in_time_order_whatever_order_they_were_made_in() -> None:
    later, _ = book_at(denver(2027, 1, 26, 9))  # week 4 first
    both, _ = book_at(denver(2027, 1, 19, 9), later, name="Ryan")  # then week 3
    assert [(b.id, b.start) for b in both.bookings] == [
        (2, denver(2027, 1, 19, 9)),
        (1, denver(2027, 1, 26, 9)),
    ]


def test_a_meeting_over_a_session_is_booked_and_names_it_but_not_work_time() -> None:
    _, result = book_at(denver(2027, 1, 20, 13, 45))  # Homeroom and work time, Wednesday 13:00
    assert [o.session.id for o in result.overlaps] == ["homeroom"]
    assert result.to_json() == {
        "id": 1, "specialist": "Tracey", "start": "2027-01-20T13:45:00-07:00", "end": "2027-01-20T14:15:00-07:00",
        "minutes": 30, "topic": None, "overlaps": [{"session": "homeroom", "title": "Homeroom"}],
        "how_to_book": "Message them on Slack.",
    }  # fmt: skip
    _, after = book_at(denver(2027, 1, 20, 14))  # Homeroom is over; work time is no conflict
    assert after.overlaps == ()


def test_an_id_is_never_given_twice() -> None:
    # The state remembers the next id even after the bookings that used the others are gone...
    _, result = book_at(denver(2027, 1, 18, 9), State(next_booking=5))
    assert result.booking.id == 5
    # ...and an id still held in the undo history is not given again, whatever next_booking says.
    held = Snapshot(action="coach book Tracey #7", at=NOW, stages=(), bookings=(a_booking(id=7),))
    booked, result = book_at(denver(2027, 1, 26, 9), State(history=(held,), next_booking=3))
    assert (result.booking.id, booked.next_booking) == (8, 9)
    _, result = book_at(denver(2027, 1, 26, 9), State(bookings=(a_booking(id=4),)))
    assert result.booking.id == 5


# --- cancel ----------------------------------------------------------------------------------


def test_cancel_removes_only_that_booking_as_one_undo_step() -> None:
    first, second = a_booking(id=1), a_booking(id=2, start=denver(2027, 1, 28, 10))
    state = State(bookings=(first, second), next_booking=3)
    after, cancelled = cancel(state, 1, NOW)
    assert (cancelled, after.bookings, after.next_booking) == (first, (second,), 3)
    assert after.history == (Snapshot(action="coach cancel #1", at=NOW, stages=(), bookings=(first, second)),)


def test_cancel_takes_the_booking_by_its_id_not_its_place() -> None:
    # Listed by time, the ids are out of order: #3 is first, #2 last.
    three, one, two = (
        a_booking(id=n, start=denver(2027, 1, day, 10)) for n, day in ((3, 19), (1, 26), (2, 28))
    )
    after, cancelled = cancel(State(bookings=(three, one, two)), 2, NOW)
    assert (cancelled, after.bookings) == (two, (three, one))


@pytest.mark.parametrize(
    ("bookings", "hint"),
    [((), "Your bookings: none (mod4 coach list)."), ((1, 2), "Your bookings: #1, #2 (mod4 coach list).")],
)
def test_cancelling_an_unknown_booking_lists_the_ones_there_are(bookings: tuple[int, ...], hint: str) -> None:
    state = State(bookings=tuple(a_booking(id=n) for n in bookings))
    with pytest.raises(UsageError) as caught:
        cancel(state, 9, NOW)
    assert (caught.value.message, caught.value.hint) == ("no coaching booking #9", hint)


# --- names and topics ------------------------------------------------------------------------


def test_a_specialist_is_found_by_name_in_any_case() -> None:
    assert find_specialist(SCHEDULE, " ryan ").name == "Ryan"


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Trasey", "Did you mean Tracey?"),
        ("Tr", "Did you mean Tracey?"),  # half of the letters are enough
        ("Bob", "The specialists: Tracey, Ryan."),
    ],
)
def test_an_unknown_specialist_gets_a_suggestion_or_the_list(name: str, hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_specialist(SCHEDULE, name)
    assert (caught.value.message, caught.value.hint) == (f"no specialist called {name!r}", hint)


def test_a_schedule_without_specialists_says_so() -> None:
    with pytest.raises(UsageError) as caught:
        find_specialist(SCHEDULE._replace(coaching=a_coaching(specialists=())), "Tracey")
    assert caught.value.hint == "No specialists in this schedule."


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (None, None),
        ("strategy", "Job search strategy"),
        (" MOCK ", "Mock interviews"),
        ("job offers", "Job offers"),
    ],
)
def test_a_topic_is_found_by_a_word_of_it(text: str | None, topic: str | None) -> None:
    assert find_topic(SCHEDULE, text) == topic


@pytest.mark.parametrize("text", ["", "  "])
def test_an_empty_topic_is_refused_not_taken_for_none(text: str) -> None:
    with pytest.raises(UsageError):
        find_topic(SCHEDULE, text)


def test_a_whole_topic_wins_over_a_longer_one_that_contains_it() -> None:
    schedule = SCHEDULE._replace(
        coaching=a_coaching(topics=("Mock interviews with employers", "Mock interviews"))
    )
    assert find_topic(schedule, "mock interviews") == "Mock interviews"


def test_a_word_of_two_topics_asks_for_more() -> None:
    with pytest.raises(UsageError) as caught:
        find_topic(SCHEDULE, "job")
    assert (caught.value.message, caught.value.hint) == (
        "topic 'job' matches more than one",
        "Be more specific: Resume and cover letter; Job search strategy; Mock interviews; Job offers; Anything else.",
    )


@pytest.mark.parametrize(
    ("topics", "hint"),
    [
        (TOPICS, "Topics: " + "; ".join(TOPICS) + "."),
        ((), "This schedule lists no coaching topics; leave out --topic."),
    ],
)
def test_an_unknown_topic_lists_the_topics(topics: tuple[str, ...], hint: str) -> None:
    with pytest.raises(UsageError) as caught:
        find_topic(SCHEDULE._replace(coaching=a_coaching(topics=topics)), "astrology")
    assert (caught.value.message, caught.value.hint) == ("unknown coaching topic 'astrology'", hint)


# --- the list --------------------------------------------------------------------------------


def test_a_meeting_is_past_once_it_has_started() -> None:
    booking = a_booking(start=denver(2027, 1, 21, 10))
    for now, past in ((booking.start - timedelta(minutes=1), False), (booking.start, False),
                      (booking.start + timedelta(minutes=1), True)):  # fmt: skip
        listed = BookingList(
            bookings=(booking,), timeline=TIMELINE, zone=NEW_YORK, now=now,
            how="Message them on Slack.", specialists=("Tracey", "Ryan"),
        )  # fmt: skip
        assert listed.to_json() == {
            "bookings": [
                {"id": 1, "specialist": "Tracey", "start": "2027-01-21T10:00:00-07:00",
                 "end": "2027-01-21T10:30:00-07:00", "minutes": 30, "topic": None, "week": 3, "past": past},
            ],
            "how_to_book": "Message them on Slack.",
            "specialists": ["Tracey", "Ryan"],
        }  # fmt: skip
