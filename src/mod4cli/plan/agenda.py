"""One module week: its sessions, what falls due, suggested actions and warnings."""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.errors import UsageError
from mod4cli.model.progress import Booking, State
from mod4cli.model.schedule import DAY_NAMES, Schedule
from mod4cli.model.timeline import Occurrence, Slot, Timeline, iso, occurrences, offset_varies
from mod4cli.model.wording import count, day_label
from mod4cli.plan.todos import DueItem, due_items

if TYPE_CHECKING:
    from mod4cli.plan.conflicts import ConflictReport
    from mod4cli.plan.context import Context
    from mod4cli.plan.own_calendar import OwnClash


class Agenda(NamedTuple):
    """A week's agenda, ready to render or to turn into JSON."""

    week: int
    weeks: int
    focus: str | None
    sessions: tuple[Occurrence, ...]
    due: tuple[DueItem, ...]
    actions: tuple[str, ...]
    bookings: tuple[Booking, ...]
    warnings: tuple[str, ...]
    timeline: Timeline
    zone: ZoneInfo  # the student's zone
    today: date | None  # the student's date of "now" when it falls in this week
    class_hours: tuple[time, time] = (time(9), time(16))
    tips: tuple[str, ...] = ()  # suggestions of mod4's own, which no source makes
    groups_overview: str | None = None  # the discussion groups' overview, for a week with groups
    clashes: tuple["OwnClash", ...] = ()  # events of the student's own calendars over required sessions
    calendar_notes: tuple[str, ...] = ()  # about those calendars' copies (old, failing)
    notes: tuple[str, ...] = ()  # which week is shown and why, which zone times are in

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.timeline.campus

    @property
    def exit_code(self) -> int:
        """Always 0: an agenda is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The agenda for `--json` (SPEC: week, sessions, due, actions, and more)."""
        dated = self.timeline.dated
        return {
            "week": self.week,
            "weeks": self.weeks,
            "focus": self.focus,
            "dated": dated,
            "timezone": str(self.campus),
            "sessions": [o.to_json(self.campus, dated) for o in self.sessions],
            "due": [
                {
                    "id": d.item.id,
                    "title": d.item.title,
                    "due": iso(d.due, self.campus),
                    "status": d.stage,
                }
                | {"deliverable": d.deliverable, "done": d.done, "overdue": d.late is not None}
                | {
                    "days_late": d.late.days if d.late is not None else None,
                    "due_defaults": list(d.item.due.defaults),
                    "link": d.item.link,
                    "notes": d.item.notes,
                }
                for d in self.due
            ],
            "actions": list(self.actions),
            "tips": list(self.tips),
            "groups_overview": self.groups_overview,
            "own_clashes": [c.to_json(self.campus) for c in self.clashes],
            "calendar_notes": list(self.calendar_notes),
            "coaching": [b.to_json(self.campus) for b in self.bookings],
            "warnings": list(self.warnings),
            "notes": list(self.notes),
        }


def current_week(timeline: Timeline, now: datetime, zone: ZoneInfo) -> tuple[int, str | None]:
    """The module week of the student's today, clamped to the module (week 1 before it, the
    last after), with a note saying so when it had to be clamped."""
    if not timeline.dated:
        raise UsageError(
            "no module start date is known, so there is no current week",
            hint="Name a week (`mod4 week 3`), or set your start with `mod4 init --start YYYY-MM-DD`.",
        )
    week = timeline.week_of(now, zone)
    if week < 1:
        first = timeline.first_day()
        return 1, (
            f"Mod 4 has not started: week 1 starts {day_label(first, timeline.campus, True)}, "
            f"in {count(timeline.days_to_start(now, zone), 'day')}. Showing week 1."
        )
    if week > timeline.weeks:
        last = timeline.weeks
        began = datetime.combine(timeline.date_of(last, 0), time(), tzinfo=timeline.campus)
        return last, (
            f"Mod 4 is over: its last week, week {last}, began {day_label(began, timeline.campus, True)}. "
            f"Showing week {last}."
        )
    return week, None


def week_agenda(
    schedule: Schedule, state: State, timeline: Timeline, week: int, now: datetime, zone: ZoneInfo
) -> Agenda:
    """The agenda of module week `week`."""
    if not 1 <= week <= schedule.module.weeks:
        raise UsageError(f"week {week} is outside the module", hint=f"Weeks run 1-{schedule.module.weeks}.")
    repeating = state.profile.repeating
    sessions = tuple(occurrences(schedule, timeline, repeating=repeating, week=week))
    plan = schedule.week_plan(week)
    actions = list(plan.actions if plan else ())
    if repeating and schedule.repeating.action:
        actions.insert(0, schedule.repeating.action)
    due = tuple(d for d in due_items(schedule, state, timeline, now) if d.item.due.week == week)
    has_groups = any(o.session.kind == "group" for o in sessions)
    bookings = tuple(b for b in state.bookings if timeline.week_of(b.start) == week)
    today = now.astimezone(zone).date() if timeline.dated and timeline.week_of(now, zone) == week else None
    return Agenda(
        week=week,
        weeks=schedule.module.weeks,
        focus=plan.focus if plan else None,
        sessions=sessions,
        due=due,
        actions=tuple(actions),
        bookings=bookings,
        warnings=tuple(prerequisite_warnings(schedule, state, sessions)),
        timeline=timeline,
        zone=zone,
        today=today,
        class_hours=(schedule.module.class_start, schedule.module.class_end),
        tips=plan.tips if plan else (),
        groups_overview=schedule.module.groups_overview if has_groups else None,
    )


def prerequisite_warnings(schedule: Schedule, state: State, sessions: tuple[Occurrence, ...]) -> list[str]:
    """A warning for each item a session needs that is not done yet."""
    warnings = []
    for o in sessions:
        for item_id in o.session.requires:
            item = schedule.item(item_id)
            if item is not None and not state.is_done(item):
                day = DAY_NAMES[o.session.day].capitalize()
                warnings.append(f"Finish '{item.title}' before {o.session.title} ({day}).")
    return warnings


class WeekGrid:
    """A week to draw as a grid: `week --grid`, or `check-conflict --show` with its report and
    the proposed slot on the grid."""

    # A plain class, not a NamedTuple: a NamedTuple compiles a quoted field type at import
    # (about a millisecond on every command), and ConflictReport is only imported for mypy here.
    __slots__ = ("agenda", "report")

    def __init__(self, agenda: Agenda, report: "ConflictReport | None" = None) -> None:
        self.agenda = agenda
        self.report = report

    @property
    def proposed(self) -> Slot | None:
        """The slot to draw on the grid, if any."""
        return self.report.slot if self.report else None

    @property
    def exit_code(self) -> int:
        """The report's exit code (1 for a conflict), else 0."""
        return self.report.exit_code if self.report else 0

    def to_json(self) -> dict[str, Any]:
        """The report for `--json` when there is one, else the agenda."""
        return self.report.to_json() if self.report else self.agenda.to_json()


def week(ctx: "Context", number: int | None = None, grid: bool = False) -> Agenda | WeekGrid:
    """The week command: the agenda of week N, or of the current week; as a grid with --grid."""
    if number is None:
        number, note = current_week(ctx.timeline, ctx.now, ctx.zone)
        agenda = agenda_of(ctx, number)
        agenda = agenda._replace(notes=(note, *agenda.notes)) if note else agenda
    else:
        agenda = agenda_of(ctx, number)
    return WeekGrid(agenda) if grid else agenda


def agenda_of(ctx: "Context", number: int) -> Agenda:
    """The agenda of module week `number` for the context's student.

    Without a start date, times in a zone whose offset from campus changes over the year would
    be a guess (the season is not known): the agenda is then in campus time, and says so.
    """
    timeline, zone = ctx.timeline, ctx.zone
    if (
        timeline.dated
        or zone.key == timeline.campus.key
        or not offset_varies(zone, timeline.campus, timeline.anchor)
    ):
        agenda = week_agenda(ctx.schedule, ctx.state, timeline, number, ctx.now, zone)
        if not ctx.state.calendars:
            return agenda
        from mod4cli.plan.own_calendar import clashes_in

        clashes, notes = clashes_in(ctx, range(number, number + 1))
        return agenda._replace(clashes=tuple(clashes), calendar_notes=notes)
    agenda = week_agenda(ctx.schedule, ctx.state, timeline, number, ctx.now, timeline.campus)
    note = (
        f"No start date, so times in {zone.key} are not known (they depend on daylight saving); "
        "times are in campus time. For times in your zone: mod4 init --start YYYY-MM-DD"
    )
    return agenda._replace(notes=(*agenda.notes, note))
