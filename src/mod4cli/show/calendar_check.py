"""Printing the check of the student's calendar (`check-conflict --ics FILE`), as lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.model import calendar
from mod4cli.model.calendar import CalendarRead
from mod4cli.model.timeline import Occurrence, Slot
from mod4cli.plan.calendar_check import CalendarReport
from mod4cli.show import marks, terminal, words
from mod4cli.show.terminal import Line, Terminal, plain

if TYPE_CHECKING:
    pass


def show_calendar_check(report: CalendarReport, out: Terminal) -> None:
    """Each event of the student's calendar that collides, and the verdict; what was left out, on stderr."""
    for message in reading_warnings(report):
        terminal.warn(message)
    out.write_lines(calendar_check_lines(report))


def reading_warnings(report: CalendarReport) -> list[str]:
    """Short warnings about the reading of the file: the events left out, then how times were read."""
    read = CalendarRead((), report.skipped, report.file_warnings)
    return calendar.reading_warnings(str(report.path), read, " (all of them in --json)")


def calendar_check_lines(report: CalendarReport) -> list[Line]:
    """The check as lines of styled text."""
    timeline, zone = report.timeline, report.zone
    clashing = sum(1 for c in report.clashes if c.report.conflicts)
    busy = report.checked - report.free
    head = f"{words.count(report.checked, 'event')} in the module's weeks"
    if report.free:
        head += f" ({report.free} marked free)"
    if report.skipped:
        head += f"; {words.count(len(report.skipped), 'event')} of the file left out (cannot be read)"
    title = Line((("Calendar check", "title"), (" · ", "dim"), (report.path, "path")), indent=2)
    lines = [title, plain(head, "dim")]
    shown: list[Occurrence] = []

    def session_line(words_before: str, o: Occurrence) -> Line:
        shown.append(o)
        when = words.slot_text(Slot(o.start, o.end), zone, timeline) + marks.mark(o.session.defaults)
        return Line(((f"{words_before}{o.session.title}, {when}", ""),), indent=4, lead=2)

    for clash in report.clashes:
        event = clash.event
        when = words.event_when(event, zone, timeline)
        conflict = bool(clash.report.conflicts)
        mark = ("✗ " if conflict else "! ", "bad" if conflict else "warn")
        lines.append(plain(""))
        lines.append(Line((mark, (event.summary, "title"), (f" · {when}", "dim")), indent=2))
        lines.extend(session_line("collides with ", o) for o in clash.report.conflicts)
        lines.extend(session_line("overlaps optional ", o) for o in clash.report.warnings)
        for suggestion in clash.report.suggestions[:1]:
            free = f"free instead: {words.slot_text(suggestion.slot, zone, timeline)}"
            lines.append(plain(free, "dim", indent=4, lead=2))
    lines.append(plain(""))
    if not clashing:
        verdict = (
            "✓ No busy event collides with a required PD session."
            if busy != 1
            else "✓ The busy event does not collide with a required PD session."
        )
        lines.append(plain(verdict, "ok", indent=2))
    else:
        verb = "collides" if clashing == 1 else "collide"
        lines.append(
            plain(
                f"{clashing} of {words.count(busy, 'busy event')} {verb} with a required PD session.",
                "bad",
                indent=2,
            )
        )
    legend = marks.legend(o.session.defaults for o in shown)
    if legend:
        lines.extend((plain(""), plain(legend, "dim", indent=2)))
    return lines
