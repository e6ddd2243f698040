"""Drawing the results of the commands run less often: the dashboard, coaching, contacts, the
week grid and the calendar check. render.draw loads this module the first time it needs it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from mod4cli import console
from mod4cli.calendar_check import CalendarReport
from mod4cli.coaching import BookingList, BookingResult
from mod4cli.conflicts import Slot
from mod4cli.contacts import ContactList
from mod4cli.grid import LEGEND, GridView, ShownConflict, week_grid
from mod4cli.progress import Booking
from mod4cli.render import NARROW, bullets, draw, header, join
from mod4cli.status import DeliverableProgress, Status
from mod4cli.timefmt import campus_aside, day_label, slot_text, time_range
from mod4cli.timeline import Calendar

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.console import RenderableType
    from rich.text import Text

PACE_STYLE = {"done": "done", "on track": "ok", "behind": "warn", "overdue": "late", "no dates": "dim"}


def _when(b: Booking, zone: ZoneInfo, cal: Calendar) -> str:
    end = b.start + timedelta(minutes=b.minutes)
    abbrev = b.start.astimezone(zone).strftime("%Z")
    return f"{day_label(b.start, zone, cal.dated)} {time_range(b.start, end, zone)} {abbrev}"


def _bar(progress: DeliverableProgress, width: int) -> Text:
    # Part-way stages count: a portfolio with review requested is a third of the way there.
    share = sum(i.item.stages.index(i.stage) / (len(i.item.stages) - 1) for i in progress.items)
    total = len(progress.items) or 1
    filled = round(width * share / total)
    bar = console.text("█" * filled, PACE_STYLE[progress.pace])
    bar.append(console.text("░" * (width - filled), "dim"))
    return bar


@draw.register(Status)
def _(status: Status, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    cal, zone = status.calendar, status.zone
    parts: list[RenderableType] = [_phase_line(status)]
    if status.next_session is not None:
        o = status.next_session
        when = "today" if status.next_is_today else day_label(o.start, zone, True)
        aside = campus_aside(o.start, o.end, zone, cal.campus)
        parts.append(
            join(
                console.text("Next: ", "dim"),
                console.text(o.session.title, "title"),
                f" · {when} {time_range(o.start, o.end, zone)}",
                console.text(f" {aside}" if aside else "", "dim"),
            )
        )
    if status.week is not None and zone.key != cal.campus.key:
        parts.append(console.text(f"Times in {zone.key}; campus time ({cal.campus.key}) in brackets.", "dim"))
    bar_width = max(10, min(20, width - 60))
    for p in status.progress:
        due = f" · due {day_label(p.due, zone, True)} {p.due.astimezone(zone):%H:%M}" if p.due else ""
        parts.append(join("\n", console.text(p.deliverable.title, "title"), console.text(due, "dim")))
        noun = "item" if len(p.items) == 1 else "items"
        pace = f"{p.done} of {len(p.items)} {noun} due by end of week {p.deliverable.due.week} done; "
        line = join(_bar(p, bar_width), "  ")
        if width < NARROW:
            parts.append(Padding(line, (0, 0, 0, 2)))
            line = join()
        line.append(console.text(pace))
        line.append(console.text(p.pace, PACE_STYLE[p.pace]))
        parts.append(Padding(line, (0, 0, 0, 2)))
        marks = [_item_mark(i.item.id, i.stage, i.done, i.item.stages) for i in p.items]
        parts.append(
            Padding(
                join(*[m for pair in zip(marks, ["  "] * len(marks), strict=True) for m in pair]),
                (0, 0, 0, 2),
            )
        )
    parts.append(console.text(""))
    if status.coaching:
        parts.extend(
            join(
                console.text("Coaching this week: ", "title"),
                f"#{b.id} with {b.specialist}, ",
                _when(b, zone, cal),
            )
            for b in status.coaching
        )
    elif status.phase == "during":
        parts.append(join(console.text("Coaching this week: ", "title"), console.text("none booked", "dim")))
    if status.repeating_action:
        parts.append(bullets("☐", [status.repeating_action], width))
    if status.warnings:
        parts.append(bullets("!", list(status.warnings), width, "warn"))
    if status.week is None:
        parts.append(console.text("No start date set: mod4 init --start YYYY-MM-DD", "dim"))
    return Group(*parts)


def _phase_line(status: Status) -> Text:
    cal = status.calendar
    if status.week is None:
        return console.text("Mod 4", "title")
    if status.phase == "before":
        first = cal.first_day()
        return header(
            "Mod 4 has not started",
            f"week 1 starts {first:%a} {first.day} {first:%b} ({status.days_left - cal.weeks * 7} days)"
            if status.days_left
            else "",
        )
    if status.phase == "after":
        return header("Mod 4 is over", "well done")
    left = status.days_left or 0
    return header(f"Week {status.week} of {status.weeks}", f"{left} day{'s' if left != 1 else ''} left")


def _item_mark(item_id: str, stage: str, done: bool, stages: tuple[str, ...]) -> Text:
    if done:
        return console.text(f"✓ {item_id}", "done")
    if stage != stages[0]:
        return console.text(f"◐ {item_id} ({stage})", "warn")
    return console.text(f"☐ {item_id}")


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
            console.text(_when(b, listing.zone, listing.calendar), style),
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
