"""Drawing the check of the student's calendar (`check-conflict --ics FILE`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mod4cli.model.timeline import Slot, Timeline
from mod4cli.plan.calendar_check import CalendarReport
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.console import RenderableType
    from rich.text import Text


LISTED = 5  # skipped events named on stderr; the rest are counted (all of them are in --json)


def show_calendar_check(report: CalendarReport, out: Terminal) -> None:
    """Each event of the student's calendar that collides, and the verdict; what was left out, on stderr."""
    for message in reading_warnings(report):
        terminal.warn(message)
    out.draw(_calendar_check_drawing(report))


def reading_warnings(report: CalendarReport) -> list[str]:
    """Short warnings about the reading of the file: the events left out, then how times were read."""
    messages = []
    if report.skipped:
        listed = [f"  {s.describe()}" for s in report.skipped[:LISTED]]
        if len(report.skipped) > LISTED:
            listed.append(f"  and {len(report.skipped) - LISTED} more (all of them in --json)")
        head = f"{report.path}: left out {words.count(len(report.skipped), 'event')} that cannot be read:"
        messages.append("\n".join([head, *listed]))
    for warning in report.file_warnings:
        where = f"{report.path}:{warning.line}" if warning.line else report.path
        messages.append(f"{where}: {warning.message}")
    return messages


def _calendar_check_drawing(report: CalendarReport) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    timeline, zone = report.timeline, report.zone
    clashing = sum(1 for c in report.clashes if c.report.conflicts)
    busy = report.checked - report.free
    head = f"{words.count(report.checked, 'event')} in the module's weeks"
    if report.free:
        head += f" ({report.free} marked free)"
    if report.skipped:
        head += f"; {words.count(len(report.skipped), 'event')} of the file left out (cannot be read)"
    parts: list[RenderableType] = [terminal.header("Calendar check", report.path), terminal.text(head, "dim")]
    for clash in report.clashes:
        event = clash.event
        when = _event_when(event.start, event.end, event.all_day, zone, timeline)
        conflict = bool(clash.report.conflicts)
        mark = terminal.text("✗ " if conflict else "! ", "bad" if conflict else "warn")
        parts.append(
            terminal.join(
                "\n", mark, terminal.text(event.summary, "title"), terminal.text(f" · {when}", "dim")
            )
        )
        lines: list[Text] = []
        for o in clash.report.conflicts:
            lines.append(
                terminal.join(
                    "collides with ",
                    o.session.title,
                    f", {words.slot_text(Slot(o.start, o.end), zone, timeline)}",
                )
            )
        for o in clash.report.warnings:
            lines.append(
                terminal.join(
                    "overlaps optional ",
                    o.session.title,
                    f", {words.slot_text(Slot(o.start, o.end), zone, timeline)}",
                )
            )
        for suggestion in clash.report.suggestions[:1]:
            lines.append(
                terminal.text(f"free instead: {words.slot_text(suggestion.slot, zone, timeline)}", "dim")
            )
        parts.extend(Padding(line, (0, 0, 0, 2)) for line in lines)
    if not clashing:
        parts.append(
            terminal.text(
                f"\n✓ None of the {words.count(busy, 'busy event')} collides with a required PD session.",
                "ok",
            )
        )
    else:
        parts.append(
            terminal.text(
                f"\n{clashing} of {words.count(busy, 'busy event')} "
                f"{'collides' if clashing == 1 else 'collide'} with a required PD session.",
                "bad",
            )
        )
    return Group(*parts)


def _event_when(start: datetime, end: datetime, all_day: bool, zone: ZoneInfo, timeline: Timeline) -> str:
    if not all_day:
        return words.slot_text(Slot(start, end), zone, timeline)
    last = end.astimezone(zone) - timedelta(days=1)
    first = words.day_label(start, zone, True)
    return (
        f"{first}, all day"
        if last.date() <= start.astimezone(zone).date()
        else f"{first} – {words.day_label(last, zone, True)}, all day"
    )
