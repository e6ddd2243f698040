"""Does a proposed appointment collide with a PD session? And if so, where else could it go?

The rule of the module: interviews and coffee chats go in PD work time, never during PD
sessions. A collision with a required session is a conflict; with an optional one (office
hours, or a workshop for a repeating student), a warning. The student's own coaching meetings
are appointments too: an overlap with one is named, and free slots avoid them.
"""

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import Booking
from mod4cli.model.timeline import Occurrence, Slot, Timeline, iso, offset_varies
from mod4cli.model.wording import undated_span
from mod4cli.plan.free_slots import Suggestion, free_slots_near
from mod4cli.plan.sessions import WeekIndex, work_block_of

if TYPE_CHECKING:
    from mod4cli.model.calendar import OwnEvent
    from mod4cli.plan.context import Context
    from mod4cli.plan.sessions import Overlaps


class ConflictReport(NamedTuple):
    """The answer to check-conflict for one proposed slot."""

    slot: Slot
    conflicts: tuple[Occurrence, ...]  # required sessions: exit 1
    warnings: tuple[Occurrence, ...]  # optional sessions
    suggestions: tuple[Suggestion, ...]
    week: int | None  # the module week of the slot's date in the student's zone, if in the module
    zone: ZoneInfo
    timeline: Timeline
    notes: tuple[str, ...] = ()
    rule: str | None = None  # the schedule's rule for interviews and coffee chats, as it words it
    work_block: Occurrence | None = None  # the PD work time holding the slot, when one does
    coaching: tuple[Booking, ...] = ()  # the student's own coaching meetings it overlaps
    own: tuple["OwnEvent", ...] = ()  # the events of the student's followed calendars it overlaps
    # Without a start date, for a zone whose offset from campus changes over the year: each
    # campus time the slot can be (the answer is the same for all); sessions then read in
    # campus time, since their times in the student's zone are not known.
    readings: tuple[Slot, ...] = ()
    suggestions_note: str | None = None  # why there are no (or only later) free slots

    @property
    def exit_code(self) -> int:
        """1 when the slot collides with a required session."""
        return 1 if self.conflicts else 0

    @property
    def in_work_time(self) -> bool:
        """Whether the slot lies wholly inside a PD work-time block (the preferred place)."""
        return self.work_block is not None

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.timeline.campus

    @property
    def shown_zone(self) -> ZoneInfo:
        """The zone sessions and free slots are shown in: the student's, unless it is a guess."""
        return self.campus if self.readings else self.zone

    def to_json(self) -> dict[str, Any]:
        """The report for `--json`."""
        campus, dated = self.campus, self.timeline.dated
        return {
            "start": iso(self.slot.start, campus) if dated else None,
            "end": iso(self.slot.end, campus) if dated else None,
            "week": self.week,
            # The slot in campus terms, as each session carries it, also without a start date;
            # null when its campus time depends on daylight saving (campus_times lists both).
            **(
                _campus_time_json(self.slot, campus)
                if not self.readings
                else dict.fromkeys(_CAMPUS_TIME_KEYS)
            ),
            "conflicts": [_collision_json(o, campus, dated) for o in self.conflicts],
            "warnings": [_collision_json(o, campus, dated) for o in self.warnings],
            "coaching": [b.to_json(campus) for b in self.coaching],
            "own_events": [o.to_json(campus) for o in self.own],
            "suggestions": [
                _slot_json(s.slot, campus, self.timeline) | {"in_pd_work_time": s.in_work_time}
                for s in self.suggestions
            ],
            "suggestions_note": self.suggestions_note,
            "in_pd_work_time": self.in_work_time,
            "campus_times": [_campus_time_json(r, campus) for r in self.readings],
            "notes": list(self.notes),
        }


def _collision_json(o: Occurrence, campus: ZoneInfo, dated: bool) -> dict[str, Any]:
    data = o.to_json(campus, dated)
    return {"session": data.pop("id"), **data}


_CAMPUS_TIME_KEYS = ("day", "start_time", "end_time")


def _campus_time_json(slot: Slot, campus: ZoneInfo) -> dict[str, Any]:
    local = slot.start.astimezone(campus)
    return {
        "day": local.strftime("%a").lower(),
        "start_time": f"{local:%H:%M}",
        "end_time": f"{slot.end.astimezone(campus):%H:%M}",
    }


def _slot_json(slot: Slot, campus: ZoneInfo, timeline: Timeline) -> dict[str, Any]:
    return {
        "start": iso(slot.start, campus) if timeline.dated else None,
        "end": iso(slot.end, campus) if timeline.dated else None,
        "week": timeline.week_of(slot.start),
        **_campus_time_json(slot, campus),
    }


def check_slot(
    slot: Slot,
    index: "Overlaps",
    timeline: Timeline,
    class_hours: tuple[time, time],
    zone: ZoneInfo,
    notes: Sequence[str] = (),
    not_before: datetime | None = None,
    bookings: Sequence[Booking] = (),
    own: Sequence["OwnEvent"] = (),
) -> ConflictReport:
    """Whether `slot` collides with any session, booking or event of the student's own calendars,
    and the nearest free slots when it does (free of all of them)."""
    hits = index.overlapping(slot.start, slot.end)
    conflicts = tuple(o for o in hits if o.required and not o.session.is_work_time)
    warnings = tuple(o for o in hits if not o.required and not o.session.is_work_time)
    coaching = tuple(b for b in bookings if slot.overlaps(b.start, b.end))
    also = tuple(o for o in own if slot.overlaps(o.event.start, o.event.end))
    suggestions: tuple[Suggestion, ...] = ()
    why: str | None = None
    if conflicts or coaching or also:
        busy = [Slot(b.start, b.end) for b in bookings] + [Slot(o.event.start, o.event.end) for o in own]
        suggestions = tuple(free_slots_near(slot, index, timeline, class_hours, not_before, busy))
        why = _suggestions_note(slot, bool(suggestions), not_before)
    week = timeline.week_of(slot.start, zone)
    return ConflictReport(
        slot=slot,
        conflicts=conflicts,
        warnings=warnings,
        suggestions=suggestions,
        week=week if 1 <= week <= timeline.weeks else None,
        zone=zone,
        timeline=timeline,
        notes=tuple(notes),
        work_block=work_block_of(slot, hits),
        coaching=coaching,
        own=also,
        suggestions_note=why,
    )


def _suggestions_note(slot: Slot, found: bool, not_before: datetime | None) -> str | None:
    past = not_before is not None and slot.start < not_before
    if past and found:
        return "That time has passed, so the free slots offered are from now on."
    if past:
        return (
            "That time has passed, and no free slot of the same length from now on is within two weeks of it."
        )
    if not found:
        return "No free slot of the same length within two weeks of it, in class hours on weekdays."
    return None


def conflict_report(ctx: "Context", when_text: str, duration_text: str) -> ConflictReport:
    """Check one proposed appointment, typed as WHEN and --duration, against the sessions."""
    from mod4cli.plan.when import parse_duration, parse_when

    duration = parse_duration(duration_text)
    timeline, zone = ctx.timeline, ctx.zone
    module = ctx.schedule.module
    hours = (module.class_start, module.class_end)
    guessed = not timeline.dated and zone.key != timeline.campus.key
    if guessed and offset_varies(zone, timeline.campus, timeline.anchor):
        return _undated_report(ctx, when_text, duration, hours)._replace(rule=module.rule)
    when = parse_when(when_text, timeline, zone)
    own: tuple[OwnEvent, ...] = ()
    notes = [when.note] if when.note else []
    if ctx.state.calendars:
        from mod4cli.plan.own_calendar import own_events

        mine = own_events(ctx)  # the last good copies (none, and a note, without a start date)
        own, notes = mine.events, [*notes, *mine.notes]
    report = check_slot(
        Slot(when.start, when.start + duration),
        WeekIndex.of(ctx),
        timeline,
        hours,
        zone,
        notes=notes,
        not_before=ctx.now if timeline.dated else None,
        bookings=ctx.state.bookings if timeline.dated else (),
        own=own,
    )
    return report._replace(rule=module.rule)


def _undated_report(
    ctx: "Context", when_text: str, duration: timedelta, hours: tuple[time, time]
) -> ConflictReport:
    """Without a start date, a time in a zone whose offset from campus changes over the year has
    more than one campus time. Check each (placing the module in every week of a year); answer
    when they agree, refuse when they do not: the answer must not hang on today's season."""
    from mod4cli.plan.when import parse_when

    timeline, zone, campus = ctx.timeline, ctx.zone, ctx.timeline.campus
    by_position: dict[timedelta, ConflictReport] = {}
    for weeks in range(53):
        season = timeline._replace(anchor=timeline.anchor + timedelta(weeks=weeks))
        start = parse_when(when_text, season, zone).start
        # Sessions are campus wall-clock times, so the campus wall clock decides the answer.
        position = start.astimezone(campus).replace(tzinfo=None) - datetime.combine(season.anchor, time())
        if position not in by_position:
            index = WeekIndex(ctx.schedule, season, repeating=ctx.repeating)
            by_position[position] = check_slot(Slot(start, start + duration), index, season, hours, zone)
    reports = [by_position[p] for p in sorted(by_position)]
    readings = tuple(r.slot for r in reports)
    spans = [undated_span(r.start, r.end, campus) for r in readings]
    if len({_verdict(r) for r in reports}) > 1:
        raise UsageError(
            f"WHEN: without a start date, {when_text!r} in {zone.key} is {' or '.join(spans)} campus time "
            f"(it depends on daylight saving), and the answer differs: "
            + "; ".join(f"{span}: {_verdict_text(r)}" for span, r in zip(spans, reports, strict=True)),
            hint=(
                "Set your cohort's start date with `mod4 init --start YYYY-MM-DD` (the Monday of week 1), "
                f"or give the time in campus time with --tz {campus.key}."
            ),
        )
    note = (
        "No start date, so the campus time depends on daylight saving; the answer is the same "
        "for each. Times below are campus time. For exact times: mod4 init --start YYYY-MM-DD"
    )
    if ctx.state.calendars:
        from mod4cli.plan.own_calendar import UNDATED

        return reports[0]._replace(readings=readings, notes=(note, UNDATED))
    return reports[0]._replace(readings=readings, notes=(note,))


def _verdict(report: ConflictReport) -> tuple[object, ...]:
    return (
        tuple(o.session.id for o in report.conflicts),
        tuple(o.session.id for o in report.warnings),
        report.in_work_time,
    )


def _verdict_text(report: ConflictReport) -> str:
    parts = [f"conflict with {o.session.title}" for o in report.conflicts]
    parts += [f"overlaps optional {o.session.title}" for o in report.warnings]
    parts += ["in PD work time"] if report.in_work_time else []
    return ", ".join(parts) or "no conflict"
