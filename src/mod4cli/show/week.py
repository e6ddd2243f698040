"""Drawing a week's agenda (`mod4 week N`): sessions as a table, or a list on narrow terminals."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mod4cli.model.timeline import Occurrence
from mod4cli.plan.agenda import Agenda
from mod4cli.plan.todos import DueItem
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def show_agenda(agenda: Agenda, out: Terminal) -> None:
    """Draw a week's agenda: a table of sessions (a list below 60 columns), then the rest."""
    out.draw(agenda_drawing(agenda, out.width))


def agenda_drawing(agenda: Agenda, width: int) -> RenderableType:
    """The agenda as one Rich drawing for `width` columns."""
    from rich.console import Group

    timeline, zone = agenda.timeline, agenda.zone
    parts: list[RenderableType] = [_week_heading(agenda)]
    parts.append(_sessions_table(agenda) if width >= terminal.NARROW else _sessions_list(agenda))
    if agenda.bookings:
        parts.append(terminal.text("\nCoaching booked", "title"))
        for b in agenda.bookings:
            end = b.start + timedelta(minutes=b.minutes)
            when = f"{words.day_label(b.start, zone, timeline.dated)} {words.time_range(b.start, end, zone)}"
            parts.append(
                terminal.join("  ", when, f"  with {b.specialist}", f" · {b.topic}" if b.topic else "")
            )
    parts.append(terminal.text("\nDue this week", "title"))
    if agenda.due:
        parts.extend(_due_line(d, zone, timeline.dated) for d in agenda.due)
    else:
        parts.append(terminal.text("  nothing is due this week", "dim"))
    if agenda.actions:
        parts.append(terminal.text("\nSuggested this week", "title"))
        parts.extend(terminal.bullets("•", agenda.actions, width, lead=2))
    if agenda.warnings:
        parts.append(terminal.text(""))
        parts.extend(terminal.bullets("!", agenda.warnings, width, "warn"))
    if any(o.session.cohort_default for o in agenda.sessions):
        parts.append(terminal.text("\n* a default time: your cohort's calendar may differ.", "dim"))
    return Group(*parts)


def _week_heading(agenda: Agenda) -> Text:
    timeline = agenda.timeline
    title = f"Week {agenda.week} of {agenda.weeks}"
    span = ""
    if timeline.dated:
        first, last = timeline.date_of(agenda.week, 0), timeline.date_of(agenda.week, 4)
        span = f"{first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b} {last.year}"
    head = terminal.header(title, span)
    if agenda.focus:
        head.append(terminal.text(f"\n{agenda.focus}", "dim"))
    if agenda.zone.key != agenda.campus.key:
        head.append(
            terminal.text(
                f"\nTimes in {agenda.zone.key}; campus time ({agenda.campus.key}) in brackets.",
                "dim",
            )
        )
    else:
        head.append(terminal.text(f"\nTimes in campus time, {agenda.campus.key}.", "dim"))
    if not timeline.dated:
        head.append(terminal.text("\nNo start date set, so no dates: mod4 init --start YYYY-MM-DD", "dim"))
    for note in agenda.notes:
        head.append(terminal.text(f"\n{note}", "warn"))
    return head


def _session_cells(o: Occurrence, agenda: Agenda) -> tuple[Text, Text, Text]:
    s = o.session
    zone, campus = agenda.zone, agenda.campus
    when = terminal.text(words.time_range(o.start, o.end, zone) + ("*" if s.cohort_default else ""))
    aside = words.campus_aside(o.start, o.end, zone, campus)
    if aside:
        when.append(terminal.text(f"\n{aside}", "dim"))
    what = terminal.text(s.title, "work" if s.is_work_time else "")
    for detail in _session_details(o):
        what.append(terminal.text(f"\n{detail}", "dim"))
    kind = terminal.text(words.KIND_LABELS.get(s.kind, s.kind))
    if not s.is_work_time:
        kind.append(
            terminal.text(
                "\nrequired" if o.required else "\noptional",
                "required" if o.required else "optional",
            )
        )
    return when, what, kind


def _session_details(o: Occurrence) -> list[str]:
    s = o.session
    details = [s.topic_text] if s.topic_text else []
    if s.link:
        details.append(s.link)
    details.extend(f"☐ {step}" for step in s.checklist)
    return details


def _sessions_table(agenda: Agenda) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("Day", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("Session", ratio=1, overflow="fold")
    table.add_column("Kind", no_wrap=True)
    previous = None
    for o in agenda.sessions:
        label = words.day_label(o.start, agenda.zone, agenda.timeline.dated)
        today = agenda.today is not None and o.start.astimezone(agenda.zone).date() == agenda.today
        day = terminal.text(
            label if label != previous else "", "today" if today and label != previous else ""
        )
        table.add_row(day, *_session_cells(o, agenda), end_section=False)
        previous = label
    if not agenda.sessions:
        table.add_row("", "", terminal.text("no sessions this week", "dim"), "")
    return table


def _sessions_list(agenda: Agenda) -> RenderableType:
    """The narrow layout: a heading per day, then each session over indented lines."""
    from rich.console import Group
    from rich.padding import Padding

    lines: list[RenderableType] = []
    previous = None
    for o in agenda.sessions:
        label = words.day_label(o.start, agenda.zone, agenda.timeline.dated)
        if label != previous:
            lines.append(terminal.text(f"\n{label}", "title"))
            previous = label
        s = o.session
        when = words.time_range(o.start, o.end, agenda.zone) + ("*" if s.cohort_default else "")
        lines.append(
            Padding(
                terminal.join(f"{when} ", terminal.text(s.title, "work" if s.is_work_time else "")),
                (0, 0, 0, 2),
            )
        )
        facts = [
            words.campus_aside(o.start, o.end, agenda.zone, agenda.campus),
            words.KIND_LABELS.get(s.kind, s.kind),
        ]
        if not s.is_work_time:
            facts.append("required" if o.required else "optional")
        details = [" · ".join(f for f in facts if f), *_session_details(o)]
        lines.extend(Padding(terminal.text(d, "dim"), (0, 0, 0, 4)) for d in details)
    return Group(*lines)


def _due_line(d: DueItem, zone: ZoneInfo, dated: bool) -> Text:
    when = (
        f"{words.day_label(d.due, zone, dated)} {d.due.astimezone(zone):%H:%M}"
        if d.due
        else words.due_point(d.item)
    )
    status = terminal.text(d.stage, "done" if d.done else ("late" if d.late else ""))
    return terminal.join(
        "  ",
        terminal.text("✓ " if d.done else "☐ ", "done" if d.done else ""),
        d.item.title,
        terminal.text(f" · {when} · ", "dim"),
        status,
    )
