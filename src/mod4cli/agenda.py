"""One module week: its sessions, what falls due, suggested actions and warnings."""

from datetime import date, datetime, time
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.errors import UsageError
from mod4cli.progress import Booking, State
from mod4cli.schedule import DAY_NAMES, Schedule
from mod4cli.timeline import Calendar, Occurrence, iso, occurrences
from mod4cli.todos import DueItem, due_items


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
    calendar: Calendar
    zone: ZoneInfo  # the student's zone
    today: date | None  # campus date of "now" when it falls in this week
    class_hours: tuple[time, time] = (time(9), time(16))

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.calendar.campus

    def to_json(self) -> dict[str, Any]:
        """The agenda for `--json` (SPEC: week, sessions, due, actions, and more)."""
        dated = self.calendar.dated
        return {
            "week": self.week,
            "weeks": self.weeks,
            "focus": self.focus,
            "dated": dated,
            "timezone": str(self.campus),
            "sessions": [session_json(o, self.campus, dated) for o in self.sessions],
            "due": [
                {
                    "id": d.item.id,
                    "title": d.item.title,
                    "due": iso(d.due, self.campus),
                    "status": d.stage,
                }
                | {"deliverable": d.deliverable, "done": d.done, "overdue": d.late is not None}
                for d in self.due
            ],
            "actions": list(self.actions),
            "coaching": [b.to_json(self.campus) for b in self.bookings],
            "warnings": list(self.warnings),
        }


def session_json(o: Occurrence, campus: ZoneInfo, dated: bool) -> dict[str, Any]:
    """One session occurrence as JSON; date-times are null when the start date is unknown."""
    s = o.session
    data: dict[str, Any] = {
        "id": s.id,
        "title": s.title,
        "kind": s.kind,
        "week": s.week,
        "day": DAY_NAMES[s.day],
        "start_time": f"{s.start:%H:%M}",
        "end_time": f"{s.end:%H:%M}",
        "start": iso(o.start, campus) if dated else None,
        "end": iso(o.end, campus) if dated else None,
        "required": o.required,
        "link": s.link,
        "cohort_default": s.cohort_default,
    }
    if s.topics or s.topic:
        data["topic"] = s.topic
        data["topics"] = list(s.topics)
    if s.checklist:
        data["checklist"] = list(s.checklist)
    return data


def current_week(calendar: Calendar, now: datetime) -> int:
    """The module week of `now`, clamped to the module (week 1 before it, the last after)."""
    if not calendar.dated:
        raise UsageError(
            "no module start date is known, so there is no current week",
            hint="Name a week (`mod4 week 3`), or set your start with `mod4 init --start YYYY-MM-DD`.",
        )
    return min(max(calendar.week_of(now), 1), calendar.weeks)


def week_agenda(
    schedule: Schedule, state: State, calendar: Calendar, week: int, now: datetime, zone: ZoneInfo
) -> Agenda:
    """The agenda of module week `week`."""
    if not 1 <= week <= schedule.module.weeks:
        raise UsageError(f"week {week} is outside the module", hint=f"Weeks run 1-{schedule.module.weeks}.")
    repeating = state.profile.repeating
    sessions = tuple(occurrences(schedule, calendar, repeating=repeating, week=week))
    plan = schedule.week_plan(week)
    actions = list(plan.actions if plan else ())
    if repeating and schedule.repeating.action:
        actions.insert(0, schedule.repeating.action)
    due = tuple(d for d in due_items(schedule, state, calendar, now) if d.item.due.week == week)
    bookings = tuple(b for b in state.bookings if calendar.week_of(b.start) == week)
    today = (
        now.astimezone(calendar.campus).date() if calendar.dated and calendar.week_of(now) == week else None
    )
    return Agenda(
        week=week,
        weeks=schedule.module.weeks,
        focus=plan.focus if plan else None,
        sessions=sessions,
        due=due,
        actions=tuple(actions),
        bookings=bookings,
        warnings=tuple(prerequisite_warnings(schedule, state, sessions)),
        calendar=calendar,
        zone=zone,
        today=today,
        class_hours=(schedule.module.class_start, schedule.module.class_end),
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
