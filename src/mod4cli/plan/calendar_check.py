"""Checking every event of the student's calendar against the PD sessions."""

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.calendar import CalendarEvent, CalendarWarning, SkippedEvent
from mod4cli.model.errors import NeedsStartDate
from mod4cli.model.timeline import Slot, Timeline, iso
from mod4cli.plan.conflicts import ConflictReport, check_slot
from mod4cli.plan.sessions import WeekIndex

if TYPE_CHECKING:
    from mod4cli.plan.context import Context
    from mod4cli.plan.sessions import Overlaps


class EventClash(NamedTuple):
    """One busy event that overlaps sessions, with what the check found."""

    event: CalendarEvent
    report: ConflictReport


class CalendarReport(NamedTuple):
    """The answer to `check-conflict --ics`."""

    path: str
    checked: int  # events (occurrences) inside the module's weeks
    free: int  # of those, marked free (transparent, cancelled)
    clashes: tuple[EventClash, ...]
    timeline: Timeline
    zone: ZoneInfo
    skipped: tuple[SkippedEvent, ...] = ()  # events of the file that cannot be read, left out
    file_warnings: tuple[CalendarWarning, ...] = ()  # how the file was read (an unknown zone, ...)

    @property
    def exit_code(self) -> int:
        """1 when any event collides with a required session."""
        return 1 if any(c.report.conflicts for c in self.clashes) else 0

    def to_json(self) -> dict[str, Any]:
        """One entry per colliding event (SPEC), warnings for optional sessions apart."""
        campus = self.timeline.campus
        entries: dict[str, list[dict[str, Any]]] = {"conflicts": [], "warnings": []}
        for clash in self.clashes:
            detail = clash.report.to_json()
            key = "conflicts" if clash.report.conflicts else "warnings"
            hits = detail["conflicts"] or detail["warnings"]
            entries[key].append(
                {
                    "summary": clash.event.summary,
                    "uid": clash.event.uid,
                    "start": iso(clash.event.start, campus),
                    "end": iso(clash.event.end, campus),
                    "all_day": clash.event.all_day,
                    "session": hits[0]["session"],
                    "title": hits[0]["title"],
                    "sessions": detail["conflicts"] + detail["warnings"],
                    "suggestions": detail["suggestions"],
                    "in_pd_work_time": detail["in_pd_work_time"],
                }
            )
        return {
            "file": self.path,
            "checked": self.checked,
            "free": self.free,
            **entries,
            "skipped": [s.to_json() for s in self.skipped],
            "file_warnings": [w.to_json() for w in self.file_warnings],
        }


def check_calendar(
    path: str,
    events: Sequence[CalendarEvent],
    index: "Overlaps",
    timeline: Timeline,
    class_hours: tuple[time, time],
    zone: ZoneInfo,
    now: datetime | None = None,
) -> CalendarReport:
    """Check each busy event; the ones overlapping a session become clashes."""
    clashes = []
    for event in events:
        if not event.busy:
            continue
        report = check_slot(Slot(event.start, event.end), index, timeline, class_hours, zone, not_before=now)
        if report.conflicts or report.warnings:
            clashes.append(EventClash(event, report))
    free = sum(1 for e in events if not e.busy)
    return CalendarReport(
        path=path, checked=len(events), free=free, clashes=tuple(clashes), timeline=timeline, zone=zone
    )


def check_calendar_file(ctx: "Context", path: str) -> CalendarReport:
    """Check every event of an .ics file that falls in the module's weeks."""
    from mod4cli.load.calendar_file import read_events

    timeline = ctx.timeline
    if not timeline.dated:
        raise NeedsStartDate("checking a calendar file")
    read = read_events(Path(path), ctx.zone, timeline.first_day(), timeline.end())
    module = ctx.schedule.module
    report = check_calendar(
        path,
        read.events,
        WeekIndex.of(ctx),
        timeline,
        (module.class_start, module.class_end),
        ctx.zone,
        ctx.now,
    )
    return report._replace(skipped=read.skipped, file_warnings=read.warnings)
