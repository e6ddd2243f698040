"""1:1 coaching with the career specialists: 30 minutes, in their hours, one a week."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.errors import NeedsStartDate, RuleBroken, UsageError
from mod4cli.model.progress import Booking, State
from mod4cli.model.schedule import Schedule, Specialist
from mod4cli.model.timeline import Occurrence, Timeline
from mod4cli.model.wording import campus_aside, date_label, span_text, specialist_hours
from mod4cli.plan.message import Message

if TYPE_CHECKING:
    from mod4cli.plan.context import Context
    from mod4cli.plan.sessions import Overlaps


def find_specialist(schedule: Schedule, name: str) -> Specialist:
    """The specialist named (any case), or a UsageError with a "did you mean"."""
    by_name = {s.name.lower(): s for s in schedule.coaching.specialists}
    found = by_name.get(name.strip().lower())
    if found:
        return found
    import difflib  # only for the "did you mean"

    names = [s.name for s in schedule.coaching.specialists]
    close = difflib.get_close_matches(name.strip().lower(), list(by_name), n=1, cutoff=0.5)
    if close:
        hint = f"Did you mean {by_name[close[0]].name}?"
    else:
        hint = f"The specialists: {', '.join(names)}." if names else "No specialists in this schedule."
    raise UsageError(f"no specialist called {name!r}", hint=hint)


def find_topic(schedule: Schedule, text: str | None) -> str | None:
    """The coaching topic that `text` names (a word of it is enough), or None when not given."""
    if text is None:
        return None
    wanted = text.strip().lower()
    topics = schedule.coaching.topics
    matches = [t for t in topics if wanted == t.lower()] or [t for t in topics if wanted in t.lower()]
    if len(matches) == 1:
        return matches[0]
    listed = "; ".join(topics)
    if matches:
        raise UsageError(f"topic {text!r} matches more than one", hint=f"Be more specific: {listed}.")
    raise UsageError(
        f"unknown coaching topic {text!r}",
        hint=f"Topics: {listed}." if topics else "This schedule lists no coaching topics; leave out --topic.",
    )


class BookingResult(NamedTuple):
    """A booking made, and any PD sessions it overlaps (a warning, not a refusal)."""

    booking: Booking
    overlaps: tuple[Occurrence, ...]
    campus: ZoneInfo
    zone: ZoneInfo  # the student's: the confirmation reads like `coach list`
    how: str | None = None  # how to book the meeting itself (mod4 only records it)

    @property
    def exit_code(self) -> int:
        """Always 0: a refused booking raises instead."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The booking for `--json`."""
        return {
            **self.booking.to_json(self.campus),
            "overlaps": [{"session": o.session.id, "title": o.session.title} for o in self.overlaps],
            "how_to_book": self.how,
        }


def book(
    state: State,
    schedule: Schedule,
    timeline: Timeline,
    index: "Overlaps",
    name: str,
    start: datetime,
    topic: str | None,
    now: datetime,
    zone: ZoneInfo,
) -> tuple[State, BookingResult]:
    """Log a coaching meeting, refusing one outside the specialist's hours or a second in a week."""
    specialist = find_specialist(schedule, name)
    chosen_topic = find_topic(schedule, topic)
    minutes = schedule.coaching.minutes
    end = start + timedelta(minutes=minutes)
    campus = timeline.campus
    local_start, local_end = start.astimezone(campus), end.astimezone(campus)
    # The module's weeks are dates in the student's zone, as check-conflict reads them; the
    # one-a-week rule below counts campus weeks, the ones coaching belongs to.
    if not 1 <= timeline.week_of(start, zone) <= timeline.weeks:
        day = date_label(start.astimezone(zone).date(), year=True)
        raise UsageError(f"{day} is outside the module's weeks (1-{timeline.weeks})")
    week = timeline.week_of(start)
    inside = (
        local_start.weekday() in specialist.days
        and local_end.date() == local_start.date()
        and specialist.start <= local_start.time()
        and local_end.time() <= specialist.end
    )
    if not inside:
        raise RuleBroken(
            "specialist-hours",
            f"{specialist.name} is available {specialist_hours(specialist)} {campus.key} time; "
            f"{_slot_words(start, end, zone, campus)} is outside those hours. Nothing was booked.",
        )
    same_week = [b for b in state.bookings if timeline.week_of(b.start) == week]
    if len(same_week) >= schedule.coaching.per_week:
        held = same_week[0]
        when = span_text(held.start, held.end, zone, True)
        raise RuleBroken(
            "one-a-week",
            f"you already have coaching in week {week}: #{held.id} with {held.specialist}, "
            f"{when}. Book with only one specialist at a time each week. Nothing was booked.",
            hint=f"To move it: mod4 coach cancel {held.id}, then book again.",
        )
    booking = Booking(_next_id(state), specialist.name, start, minutes, chosen_topic)
    bookings = tuple(sorted((*state.bookings, booking), key=lambda b: b.start))
    overlaps = tuple(o for o in index.overlapping(start, end) if not o.session.is_work_time)
    action = f"coach book {specialist.name} #{booking.id}"
    booked = state.recorded(action, now, bookings=bookings)._replace(next_booking=booking.id + 1)
    return booked, BookingResult(booking, overlaps, campus, zone, schedule.coaching.how)


def _slot_words(start: datetime, end: datetime, zone: ZoneInfo, campus: ZoneInfo) -> str:
    """`Fri 6 Nov 14:00–14:30 MST`: the student's time, with campus time beside it for a remote student."""
    aside = campus_aside(start, end, zone, campus)
    return f"{span_text(start, end, zone, True)} {aside}".rstrip()


def _next_id(state: State) -> int:
    # Ids are never reused, even after a cancel, an undo, or the cancelled booking leaving the
    # undo history, so `cancel 3` always means one meeting: the state keeps the next id.
    used = [b.id for b in state.bookings] + [b.id for s in state.history for b in s.bookings]
    return max(state.next_booking, max(used, default=0) + 1)


def cancel(state: State, booking_id: int, now: datetime) -> tuple[State, Booking]:
    """Remove a booking by its id."""
    found = next((b for b in state.bookings if b.id == booking_id), None)
    if found is None:
        ids = ", ".join(f"#{b.id}" for b in state.bookings) or "none"
        raise UsageError(
            f"no coaching booking #{booking_id}", hint=f"Your bookings: {ids} (mod4 coach list)."
        )
    remaining = tuple(b for b in state.bookings if b.id != booking_id)
    return state.recorded(f"coach cancel #{booking_id}", now, bookings=remaining), found


class BookingList(NamedTuple):
    """The student's coaching bookings."""

    bookings: tuple[Booking, ...]
    timeline: Timeline
    zone: ZoneInfo
    now: datetime
    how: str | None = None  # how to book a meeting (mod4 only records it)
    specialists: tuple[str, ...] = ()
    minutes: int = 30

    @property
    def exit_code(self) -> int:
        """Always 0: a list is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The bookings for `--json`."""
        return {
            "bookings": [
                b.to_json(self.timeline.campus)
                | {"week": self.timeline.week_of(b.start), "past": b.start < self.now}
                for b in self.bookings
            ],
            "how_to_book": self.how,
            "specialists": list(self.specialists),
        }


def coach_book(ctx: "Context", name: str, when: list[str], topic: str | None = None) -> BookingResult:
    """The coach book command: log a coaching meeting, keeping to the module's rules."""
    from mod4cli.plan.sessions import WeekIndex
    from mod4cli.plan.when import parse_when

    timeline = ctx.timeline
    if not timeline.dated:
        raise NeedsStartDate("booking coaching")
    start = parse_when(" ".join(when), timeline, ctx.zone).start
    index = WeekIndex.of(ctx)
    zone = ctx.zone
    return ctx.save(lambda s: book(s, ctx.schedule, timeline, index, name, start, topic, ctx.now, zone))


def coach_list(ctx: "Context") -> BookingList:
    """The coach list command: the student's coaching bookings."""
    coaching = ctx.schedule.coaching
    return BookingList(
        ctx.state.bookings,
        ctx.timeline,
        ctx.zone,
        ctx.now,
        how=coaching.how,
        specialists=tuple(s.name for s in coaching.specialists),
        minutes=coaching.minutes,
    )


def coach_cancel(ctx: "Context", booking: int) -> Message:
    """The coach cancel command: remove a booking by its number."""
    cancelled = ctx.save(lambda s: cancel(s, booking, ctx.now))
    when = span_text(cancelled.start, cancelled.end, ctx.zone, True)
    return Message(
        f"Cancelled #{cancelled.id}: {cancelled.specialist}, {when}.",
        {"cancelled": cancelled.id},
    )
