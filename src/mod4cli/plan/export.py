"""Writing the module as an iCalendar file for Google Calendar, Outlook and Apple Calendar.

Sessions are written in the campus zone with a VTIMEZONE generated from the IANA rules for
the module's dates, so every client places them at the same instant across DST changes. UIDs
are stable (session, week and day; or the item), so importing again updates the events
instead of duplicating them. A busy-only calendar, made to be shared, names nothing: its
events are "Busy" with no description, and their UIDs are hashes.

Text from the schedule is written as iCalendar TEXT, which allows no control characters: each
is written as an escape such as \\x1b, so the file never carries a terminal escape sequence.
"""

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli import __version__
from mod4cli.model.errors import NeedsStartDate, UsageError
from mod4cli.model.progress import State
from mod4cli.model.schedule import DAY_NAMES, Item, Schedule
from mod4cli.model.text import escape_controls
from mod4cli.model.timeline import Occurrence, Timeline, occurrences

if TYPE_CHECKING:
    from mod4cli.plan.context import Context

UID_DOMAIN = "mod4cli"


def ical_text(value: str) -> str:
    """Text from a file made fit for an iCalendar TEXT value: control characters shown as escapes."""
    # The same escapes as on a terminal; icalendar itself writes a newline as \n.
    return escape_controls(value)


class Export(NamedTuple):
    """An exported calendar: its bytes, and the file they were written to (None: stdout)."""

    data: bytes
    events: int
    busy_only: bool
    target: Path | None = None

    @property
    def exit_code(self) -> int:
        """Always 0: a failed export raises."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """A summary of what was exported (the Result protocol's; `export ics` has no --json)."""
        return {
            "events": self.events,
            "busy_only": self.busy_only,
            "file": str(self.target) if self.target else None,
        }


def export_calendar(
    schedule: Schedule, state: State, timeline: Timeline, now: datetime, *, busy_only: bool = False
) -> Export:
    """The module's sessions and deadlines as iCalendar bytes."""
    if not timeline.dated:
        raise NeedsStartDate("exporting the module")
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//mod4//mod4cli {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Mod 4 (busy)" if busy_only else ical_text(schedule.module.title))
    cal.add("x-wr-timezone", timeline.campus.key)
    stamp = now.replace(microsecond=0)
    count = 0
    for o in occurrences(schedule, timeline, repeating=state.profile.repeating):
        if busy_only and (not o.required or o.session.is_work_time):
            continue
        cal.add_component(
            _busy_event(o, timeline, stamp) if busy_only else _session_event(o, timeline, stamp)
        )
        count += 1
    if not busy_only:
        for item in schedule.items:
            cal.add_component(_deadline_event(item, schedule, timeline, stamp))
            count += 1
    first = timeline.anchor - timedelta(days=7)
    cal.add_missing_timezones(first_date=first, last_date=timeline.end().date() + timedelta(days=7))
    return Export(cal.to_ical(), count, busy_only)


def _uid(*parts: str) -> str:
    return "-".join(parts) + f"@{UID_DOMAIN}"


def _base_event(uid: str, o: Occurrence, timeline: Timeline, stamp: datetime) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", o.start.astimezone(timeline.campus))
    event.add("dtend", o.end.astimezone(timeline.campus))
    return event


def _session_event(o: Occurrence, timeline: Timeline, stamp: datetime) -> Any:
    s = o.session
    event = _base_event(_uid(s.id, f"w{s.week}", DAY_NAMES[s.day]), o, timeline, stamp)
    event.add("summary", ical_text(s.title))
    event.add("categories", [s.kind])
    lines = [f"Mod 4, week {s.week}. {'Required' if o.required else 'Optional'}."]
    if s.topic_text:
        lines.append(s.topic_text)
    if s.notes:
        lines.append(s.notes)
    lines.extend(f"- {step}" for step in s.checklist)
    if s.link:
        lines.append(s.link)
        event.add("url", s.link)
    if s.defaults:
        lines.append(_default_note(s.defaults))
    event.add("description", ical_text("\n".join(lines)))
    # Work time and drop-in hours are when interviews may go: free, not busy.
    event.add("transp", "OPAQUE" if o.required and not s.is_work_time else "TRANSPARENT")
    return event


def _busy_event(o: Occurrence, timeline: Timeline, stamp: datetime) -> Any:
    event = _base_event(_busy_uid(o, timeline), o, timeline, stamp)
    event.add("summary", "Busy")
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    return event


def _busy_uid(o: Occurrence, timeline: Timeline) -> str:
    """A UID that names no session, yet stays the same from one export to the next (and differs
    between cohorts, so two students' blocks never replace each other in a shared calendar)."""
    from mod4cli.load.fs import digest

    s = o.session
    seed = f"{timeline.anchor.isoformat()}/{s.id}/{s.week}/{s.day}"
    return f"{digest(seed.encode(), 16)}@{UID_DOMAIN}"


def _deadline_event(item: Item, schedule: Schedule, timeline: Timeline, stamp: datetime) -> Any:
    import icalendar

    due = timeline.due(item.due).astimezone(timeline.campus)
    deliverable = next(d.title for d in schedule.deliverables if d.id == item.deliverable)
    event = icalendar.Event()
    event.add("uid", _uid("due", item.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due)
    event.add("summary", ical_text(f"Due: {item.title}"))
    lines = [f"{deliverable}. Record it with: mod4 done {item.id}"]
    if item.notes:
        lines.append(item.notes)
    if item.link:
        lines.append(item.link)
        event.add("url", item.link)
    if item.due.defaults:
        lines.append(_default_note(item.due.defaults))
    event.add("description", ical_text("\n".join(lines)))
    event.add("categories", ["deadline"])
    event.add("transp", "TRANSPARENT")
    return event


def _default_note(defaults: tuple[str, ...]) -> str:
    """What an event says when its day or time is a cohort default, not a fact of the module."""
    what = " and ".join(defaults)
    verb = "are defaults" if len(defaults) > 1 else "is a default"
    return f"The {what} {verb}: your cohort's calendar may differ."


def export_ics(ctx: "Context", output: str | None = None, busy_only: bool = False) -> Export:
    """The export ics command: the module as iCalendar, written to a file or to stdout."""
    exported = export_calendar(ctx.schedule, ctx.state, ctx.timeline, ctx.now, busy_only=busy_only)
    if output is None or output == "-":
        return exported
    from mod4cli.load.fs import FileRefused, refuse_special, write_atomic
    from mod4cli.load.paths import user_path

    target = user_path(output, "-o")
    try:
        refuse_special(target)  # a FIFO would hang the write; a device is never meant
        write_atomic(target, exported.data)
    except FileRefused as refused:
        raise UsageError(
            f"{target}: {refused.reason}; nothing was written",
            hint="Name a file to write, or leave out -o to print the calendar.",
        ) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    return exported._replace(target=target)
