"""The commands' work, between the CLI (parsing) and the pure modules (computing).

Each function takes the loaded Context and parsed arguments and returns a result to render.
Writes go through `state.update`, so they are locked and atomic. The modules of the commands
a student runs all day are imported here; each command imports the rest of what it uses when
it runs, so that `mod4 week` does not pay for parsing times nor `check-conflict` for the
calendar exporter.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mod4cli import progress, state
from mod4cli.agenda import Agenda, current_week, week_agenda
from mod4cli.context import Context, load_schedule
from mod4cli.errors import UsageError
from mod4cli.progress import State
from mod4cli.todos import TodoList, todo_list

T = TypeVar("T")

if TYPE_CHECKING:
    from mod4cli.calendar_check import CalendarReport
    from mod4cli.coaching import BookingList, BookingResult
    from mod4cli.conflicts import ConflictReport, WeekIndex
    from mod4cli.contacts import ContactList
    from mod4cli.grid import GridView, ShownConflict
    from mod4cli.results import Message
    from mod4cli.schedule import Item
    from mod4cli.status import Status


def _save(ctx: Context, change: Callable[[State], tuple[State, T]]) -> T:
    """Apply a change to the student's state: locked, atomic, the previous version kept."""
    return state.update(ctx.state_path, change, ctx.lock_timeout)


def week(ctx: Context, number: int | None) -> Agenda:
    """The agenda of a week, or of the current one."""
    chosen = number if number is not None else current_week(ctx.calendar, ctx.now)
    return week_agenda(ctx.schedule, ctx.state, ctx.calendar, chosen, ctx.now, ctx.zone)


def todo(ctx: Context) -> TodoList:
    """The outstanding items."""
    return todo_list(ctx.schedule, ctx.state, ctx.calendar, ctx.now, ctx.zone)


def session_index(ctx: Context) -> WeekIndex:
    """The module's sessions, placed in time week by week as queries need them."""
    from mod4cli.conflicts import WeekIndex

    return WeekIndex(ctx.schedule, ctx.calendar, repeating=ctx.repeating)


def check_conflict(ctx: Context, when_text: str, duration_text: str) -> ConflictReport:
    """Check one proposed appointment against the sessions."""
    from mod4cli.conflicts import Slot, check_slot
    from mod4cli.when import parse_duration, parse_when

    duration = parse_duration(duration_text)
    when = parse_when(when_text, ctx.calendar, ctx.zone)
    module = ctx.schedule.module
    return check_slot(
        Slot(when.start, when.start + duration),
        session_index(ctx),
        ctx.calendar,
        (module.class_start, module.class_end),
        ctx.zone,
        notes=[when.note] if when.note else [],
        not_before=ctx.now if ctx.calendar.dated else None,
    )


def check_calendar_file(ctx: Context, path: str) -> CalendarReport:
    """Check every event of an .ics file that falls in the module's weeks."""
    from mod4cli.calendar_check import check_calendar
    from mod4cli.ics import read_events

    if not ctx.calendar.dated:
        raise UsageError(
            "checking a calendar file needs your cohort's start date",
            hint="Set it with `mod4 init --start YYYY-MM-DD` (the Monday of week 1).",
        )
    events = read_events(Path(path), ctx.zone, ctx.calendar.first_day(), ctx.calendar.end())
    module = ctx.schedule.module
    return check_calendar(
        path,
        events,
        session_index(ctx),
        ctx.calendar,
        (module.class_start, module.class_end),
        ctx.zone,
        ctx.now,
    )


def export_ics(ctx: Context, output: str | None, busy_only: bool) -> Message | None:
    """Write the module as iCalendar to a file, or to stdout (then nothing more is printed)."""
    from mod4cli.export import export_calendar
    from mod4cli.results import Message

    exported = export_calendar(ctx.schedule, ctx.state, ctx.calendar, ctx.now, busy_only=busy_only)
    if output is None or output == "-":
        sys.stdout.buffer.write(exported.data)
        sys.stdout.flush()
        return None
    target = Path(output).expanduser()
    try:
        state.write_atomic(target, exported.data)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    what = "busy blocks" if busy_only else "sessions and deadlines"
    return Message(
        f"Wrote {exported.events} events ({what}) to {target}.",
        {"file": str(target), **exported.to_json()},
        ("Import it in Google Calendar, Outlook or Apple Calendar; importing again updates it.",),
    )


def check_schedule(file: str) -> Message:
    """Validate a schedule file (errors raise) and describe it, with any warnings."""
    from mod4cli.checks import schedule_warnings
    from mod4cli.results import Message

    checked = load_schedule(file)
    warnings = schedule_warnings(checked)
    weeks = {s.week for s in checked.sessions}
    lines = [
        f"{len(checked.sessions)} sessions over {len(weeks)} of {checked.module.weeks} weeks",
        f"{len(checked.items)} deliverable items, {len(checked.coaching.specialists)} specialists",
        f"start: {checked.module.start or 'none (students set theirs with mod4 init)'}",
        *(f"warning: {w}" for w in warnings),
    ]
    verdict = f"{file}: OK" + (
        f", with {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    )
    details = {
        "file": file,
        "ok": True,
        "sessions": len(checked.sessions),
        "items": len(checked.items),
        "warnings": warnings,
    }
    return Message(verdict, details, tuple(lines))


def week_grid(ctx: Context, number: int | None) -> GridView:
    """The week as a grid."""
    from mod4cli.grid import GridView

    return GridView(week(ctx, number))


def show_conflict(ctx: Context, when_text: str, duration_text: str) -> ShownConflict:
    """check-conflict with the slot's week drawn as a grid."""
    from mod4cli.grid import ShownConflict

    report = check_conflict(ctx, when_text, duration_text)
    number = report.week if report.week is not None else current_week(ctx.calendar, report.slot.start)
    return ShownConflict(report, week(ctx, number))


def status(ctx: Context) -> Status:
    """The dashboard."""
    from mod4cli.status import module_status

    return module_status(ctx.schedule, ctx.state, ctx.calendar, ctx.now, ctx.zone)


def coach_book(ctx: Context, name: str, when_text: str, topic: str | None) -> BookingResult:
    """Log a coaching meeting."""
    from mod4cli import coaching
    from mod4cli.when import parse_when

    if not ctx.calendar.dated:
        raise UsageError(
            "booking coaching needs your cohort's start date",
            hint="Set it with `mod4 init --start YYYY-MM-DD` (the Monday of week 1).",
        )
    when = parse_when(when_text, ctx.calendar, ctx.zone)
    index = session_index(ctx)
    return _save(
        ctx,
        lambda s: coaching.book(s, ctx.schedule, ctx.calendar, index, name, when.start, topic, ctx.now),
    )


def coach_list(ctx: Context) -> BookingList:
    """The student's coaching bookings."""
    from mod4cli.coaching import BookingList

    return BookingList(ctx.state.bookings, ctx.calendar, ctx.zone, ctx.now)


def coach_cancel(ctx: Context, booking_id: int) -> Message:
    """Cancel a coaching booking."""
    from mod4cli import coaching
    from mod4cli.results import Message

    booking = _save(ctx, lambda s: coaching.cancel(s, booking_id, ctx.now))
    when = booking.start.astimezone(ctx.zone)
    return Message(
        f"Cancelled #{booking.id}: {booking.specialist}, {when:%a %d %b %H:%M}.", {"cancelled": booking.id}
    )


def contact(ctx: Context, topic: str | None) -> ContactList:
    """Whom to tell what, and where."""
    from mod4cli.contacts import contacts_for

    return contacts_for(ctx.schedule, topic)


def done(ctx: Context, item_ids: list[str]) -> Message:
    """Move items to their final stage."""
    from mod4cli.results import Message

    before = ctx.state

    def change(current: State) -> tuple[State, list[Item]]:
        return progress.mark_done(current, ctx.schedule, item_ids, ctx.now)

    items = _save(ctx, change)
    lines = [f"{i.id}: {before.stage_of(i)} → {i.final_stage}" for i in items]
    return Message(
        "Done: " + ", ".join(i.title for i in items) + ".",
        {"items": [{"id": i.id, "status": i.final_stage} for i in items]},
        (*lines, "Changed your mind? mod4 undo"),
    )


def reopen(ctx: Context, item_id: str) -> Message:
    """Move an item back to its first stage."""
    from mod4cli.results import Message

    item = _save(ctx, lambda s: progress.reopen(s, ctx.schedule, item_id, ctx.now))
    return Message(f"Reopened: {item.title} ({item.stages[0]}).", {"id": item.id, "status": item.stages[0]})


def stage(ctx: Context, item_id: str, stage_name: str) -> Message:
    """Move an item to a named stage."""
    from mod4cli.results import Message

    item = _save(ctx, lambda s: progress.set_stage(s, ctx.schedule, item_id, stage_name, ctx.now))
    position = item.stages.index(stage_name.strip().lower()) + 1
    return Message(
        f"{item.title}: {stage_name.strip().lower()} (stage {position} of {len(item.stages)}).",
        {"id": item.id, "status": stage_name.strip().lower()},
    )


def undo(ctx: Context) -> Message:
    """Take back the last progress change."""
    from mod4cli.results import Message

    snapshot = _save(ctx, progress.undo)
    at = snapshot.at.astimezone(ctx.zone)
    return Message(f"Undid: {snapshot.action} (made {at:%a %d %b %H:%M}).", {"undone": snapshot.action})


def init(ctx: Context, start: date | None, tz: str | None, repeating: bool | None) -> Message:
    """Record or update the student's profile."""
    from mod4cli.results import Message

    def change(current: State) -> tuple[State, progress.Profile]:
        old = current.profile
        profile = old._replace(
            start=start if start is not None else old.start,
            timezone=tz if tz is not None else old.timezone,
            repeating=repeating if repeating is not None else old.repeating,
        )
        return current._replace(profile=profile), profile

    if start is None and tz is None and repeating is None:
        raise UsageError(
            "init needs at least one of --start, --tz, --repeating",
            hint="mod4 init --start 2027-01-04",
        )
    profile = _save(ctx, change)
    lines = [
        f"start: {profile.start or 'not set'}",
        f"time zone: {profile.timezone or str(ctx.campus) + ' (campus)'}",
        f"repeating the module: {'yes' if profile.repeating else 'no'}",
    ]
    details = {
        "start": profile.start.isoformat() if profile.start else None,
        "timezone": profile.timezone,
        "repeating": profile.repeating,
    }
    return Message(f"Profile saved in {ctx.state_path}.", details, tuple(lines))
