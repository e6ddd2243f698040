"""The check-conflict command: one proposed time (WHEN), or every event of a calendar file.

The work is conflicts.py's (one slot) and calendar_check.py's (a calendar file); `--show`
adds the slot's week from agenda.py, drawn as a grid.
"""

from typing import TYPE_CHECKING

from mod4cli.model.errors import UsageError
from mod4cli.plan.conflicts import ConflictReport, conflict_report

if TYPE_CHECKING:
    from mod4cli.plan.agenda import WeekGrid
    from mod4cli.plan.calendar_check import CalendarReport
    from mod4cli.plan.context import Context


def check_conflict(
    ctx: "Context",
    when: list[str] | None = None,
    duration: str = "30m",
    ics: str | None = None,
    show: bool = False,
) -> "ConflictReport | WeekGrid | CalendarReport":
    """The check-conflict command: one proposed time (WHEN), or every event of a calendar file."""
    if when and ics:
        raise UsageError("give WHEN or --ics FILE, not both")
    if ics:
        from mod4cli.plan.calendar_check import check_calendar_file

        return check_calendar_file(ctx, ics)
    if not when:
        raise UsageError(
            "check-conflict needs WHEN", hint='For example: mod4 check-conflict "week 3 thu 14:00"'
        )
    report = conflict_report(ctx, " ".join(when), duration)
    if not show:
        return report
    from mod4cli.plan.agenda import WeekGrid, agenda_of

    number = report.week if report.week is not None else ctx.timeline.week_of(report.slot.start, ctx.zone)
    return WeekGrid(agenda_of(ctx, min(max(number, 1), ctx.timeline.weeks)), report)
