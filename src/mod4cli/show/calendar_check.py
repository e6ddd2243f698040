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


def show_calendar_check(report: CalendarReport, out: Terminal) -> None:
    """Each event of the student's calendar that collides, and the verdict."""
    out.draw(_calendar_check_drawing(report))


def _calendar_check_drawing(report: CalendarReport) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    timeline, zone = report.timeline, report.zone
    clashing = sum(1 for c in report.clashes if c.report.conflicts)
    busy = report.checked - report.free
    head = f"{report.checked} event{'s' if report.checked != 1 else ''} in the module's weeks"
    if report.free:
        head += f" ({report.free} marked free)"
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
            terminal.text(f"\n✓ None of the {busy} busy events collides with a required PD session.", "ok")
        )
    else:
        parts.append(
            terminal.text(
                f"\n{clashing} of {busy} busy events {'collides' if clashing == 1 else 'collide'} "
                "with a required PD session.",
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
