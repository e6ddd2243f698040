"""Drawing the results of the commands run less often: coaching, contacts, the week grid and
the calendar check. render.draw loads this module the first time it needs it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mod4cli import console
from mod4cli.calendar_check import CalendarReport
from mod4cli.coaching import BookingList, BookingResult
from mod4cli.conflicts import ConflictReport, Slot
from mod4cli.contacts import ContactList
from mod4cli.grid import LEGEND, GridView, ShownConflict, week_grid
from mod4cli.render import NARROW, bullets, draw, header, join
from mod4cli.timefmt import booking_when, day_label, slot_text, time_range
from mod4cli.timeline import Calendar

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.console import RenderableType
    from rich.text import Text


@draw.register(BookingResult)
def _(result: BookingResult, width: int) -> RenderableType:
    from rich.console import Group

    b = result.booking
    zone = result.campus
    topic = f" · {b.topic}" if b.topic else ""
    end = b.start + timedelta(minutes=b.minutes)
    when = (
        f"{b.start.astimezone(zone):%a %d %b} {time_range(b.start, end, zone)} {b.start.astimezone(zone):%Z}"
    )
    parts: list[RenderableType] = [
        join(console.text(f"Booked #{b.id}: ", "ok"), f"{b.specialist}, {when}", topic)
    ]
    warnings = [
        f"It overlaps {o.session.title} ({'required' if o.required else 'optional'})."
        for o in result.overlaps
    ]
    if warnings:
        parts.append(bullets("!", warnings, width, "warn"))
    parts.append(console.text("Cancel with: mod4 coach cancel " + str(b.id), "dim"))
    return Group(*parts)


@draw.register(BookingList)
def _(listing: BookingList, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table

    if not listing.bookings:
        return console.text("No coaching booked. Book 30 minutes with: mod4 coach book NAME WHEN", "dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("#", "Week", "When", "With", "Topic"):
        table.add_column(name, no_wrap=name != "Topic", overflow="fold")
    for b in listing.bookings:
        style = "dim" if b.start < listing.now else ""
        table.add_row(
            console.text(str(b.id), style),
            console.text(str(listing.calendar.week_of(b.start)), style),
            console.text(booking_when(b.start, b.minutes, listing.zone, listing.calendar.dated), style),
            console.text(b.specialist, style),
            console.text(b.topic or "", style),
        )
    return Group(header("Coaching", "past meetings dimmed"), table)


@draw.register(ContactList)
def _(contacts: ContactList, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for c in contacts.contacts:
        parts.append(join(console.text(c.when, "title"), console.text(f"  ({c.topic})", "dim")))
        line = join(
            "→ ", c.how, f" ({', '.join(c.to)})" if c.to else "", console.text(f" · {c.where}", "dim")
        )
        parts.append(Padding(line, (0, 0, 0, 2)))
    return Group(*parts)


@draw.register(GridView)
def _(view: GridView, width: int) -> RenderableType:
    from rich.console import Group

    if width < NARROW:
        return draw(view.agenda, width)
    agenda = view.agenda
    head = header(f"Week {agenda.week} of {agenda.weeks}", agenda.focus or "")
    zone_note = (
        agenda.zone.key
        if agenda.zone.key == agenda.campus.key
        else f"{agenda.zone.key} (campus {agenda.campus.key})"
    )
    return Group(
        head,
        console.text(f"Times in {zone_note}", "dim"),
        week_grid(agenda, width, view.proposed),
        console.text(LEGEND, "dim"),
    )


@draw.register(ShownConflict)
def _(shown: ShownConflict, width: int) -> RenderableType:
    from rich.console import Group

    report = draw(shown.report, width)
    if width < NARROW:
        return report
    slot = shown.report.slot
    return Group(
        report,
        console.text(""),
        week_grid(shown.agenda, width, (slot.start, slot.end)),
        console.text(LEGEND, "dim"),
    )


@draw.register(CalendarReport)
def _(report: CalendarReport, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    cal, zone = report.calendar, report.zone
    clashing = sum(1 for c in report.clashes if c.report.conflicts)
    busy = report.checked - report.free
    head = f"{report.checked} event{'s' if report.checked != 1 else ''} in the module's weeks"
    if report.free:
        head += f" ({report.free} marked free)"
    parts: list[RenderableType] = [header("Calendar check", report.path), console.text(head, "dim")]
    for clash in report.clashes:
        event = clash.event
        when = _event_when(event.start, event.end, event.all_day, zone, cal)
        conflict = bool(clash.report.conflicts)
        mark = console.text("✗ " if conflict else "! ", "bad" if conflict else "warn")
        parts.append(
            join("\n", mark, console.text(event.summary, "title"), console.text(f" · {when}", "dim"))
        )
        lines: list[Text] = []
        for o in clash.report.conflicts:
            lines.append(
                join("collides with ", o.session.title, f", {slot_text(Slot(o.start, o.end), zone, cal)}")
            )
        for o in clash.report.warnings:
            lines.append(
                join("overlaps optional ", o.session.title, f", {slot_text(Slot(o.start, o.end), zone, cal)}")
            )
        for suggestion in clash.report.suggestions[:1]:
            lines.append(console.text(f"free instead: {slot_text(suggestion.slot, zone, cal)}", "dim"))
        parts.extend(Padding(line, (0, 0, 0, 2)) for line in lines)
    if not clashing:
        parts.append(
            console.text(f"\n✓ None of the {busy} busy events collides with a required PD session.", "ok")
        )
    else:
        parts.append(
            console.text(
                f"\n{clashing} of {busy} busy events {'collides' if clashing == 1 else 'collide'} "
                "with a required PD session.",
                "bad",
            )
        )
    return Group(*parts)


def _event_when(start: datetime, end: datetime, all_day: bool, zone: ZoneInfo, cal: Calendar) -> str:
    if not all_day:
        return slot_text(Slot(start, end), zone, cal)
    last = end.astimezone(zone) - timedelta(days=1)
    first = day_label(start, zone, True)
    return (
        f"{first}, all day"
        if last.date() <= start.astimezone(zone).date()
        else f"{first} – {day_label(last, zone, True)}, all day"
    )


@draw.register(ConflictReport)
def _(report: ConflictReport, width: int) -> RenderableType:
    # Laid out once, in render_plain.py, which prints it without Rich; here it joins a drawing.
    from rich.console import Group

    from mod4cli.render_plain import lines_of
    from mod4cli.styled import wrap

    rows = [row for line in lines_of(report, width) for row in wrap(line, width)]
    return Group(*(join(*(console.text(text, style) for text, style in row)) for row in rows))
