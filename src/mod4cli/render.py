"""Turning results into what a person reads, with Rich.

The output mode is chosen once, in `output.emit`; each result type has one renderer here (or in
render_status.py) and knows how to become JSON itself, so no command branches on `--json`.
"""

from __future__ import annotations

from datetime import timedelta
from functools import singledispatch
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from mod4cli import console
from mod4cli.agenda import Agenda
from mod4cli.results import Message
from mod4cli.schedule import DAY_NAMES
from mod4cli.timefmt import campus_aside, day_label, time_range
from mod4cli.timeline import Occurrence
from mod4cli.todos import DueItem, TodoList

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

NARROW = 60  # below this many columns, tables become lists
KIND_LABELS = {"office-hours": "office hours", "work-time": "work time"}


@singledispatch
def draw(result: object, width: int) -> RenderableType:
    """The renderable of a result, laid out for `width` columns."""
    # The renderers of the less frequent results live apart and register themselves when first
    # needed, so that `week` and `todo` do not pay for them.
    import importlib

    importlib.import_module(_RENDERER_MODULES.get(type(result).__module__, "mod4cli.render_more"))

    renderer = draw.dispatch(type(result))
    if renderer is _unregistered:
        raise TypeError(f"no renderer for {type(result).__name__}")
    return renderer(result, width)


_unregistered = draw.dispatch(object)
# Where the renderer of a result type lives, by the module of the type (default: render_more).
_RENDERER_MODULES = {"mod4cli.status": "mod4cli.render_status"}


def join(*parts: Text | str) -> Text:
    from rich.text import Text

    out = Text()
    for part in parts:
        out.append(part if isinstance(part, Text) else console.text(part))
    return out


def header(title: str, subtitle: str = "") -> Text:
    head = console.text(title, "title")
    if subtitle:
        head.append(console.text(f" · {subtitle}", "dim"))
    return head


# ------------------------------------------------------------------------------------------
# week


@draw.register(Agenda)
def _(agenda: Agenda, width: int) -> RenderableType:
    from rich.console import Group

    cal, zone = agenda.calendar, agenda.zone
    parts: list[RenderableType] = [_week_heading(agenda)]
    parts.append(_sessions_table(agenda) if width >= NARROW else _sessions_list(agenda))
    if agenda.bookings:
        parts.append(console.text("\nCoaching booked", "title"))
        for b in agenda.bookings:
            end = b.start + timedelta(minutes=b.minutes)
            when = f"{day_label(b.start, zone, cal.dated)} {time_range(b.start, end, zone)}"
            parts.append(join("  ", when, f"  with {b.specialist}", f" · {b.topic}" if b.topic else ""))
    parts.append(console.text("\nDue this week", "title"))
    if agenda.due:
        parts.extend(_due_line(d, zone, cal.dated) for d in agenda.due)
    else:
        parts.append(console.text("  nothing is due this week", "dim"))
    if agenda.actions:
        parts.append(console.text("\nSuggested this week", "title"))
        parts.append(bullets("•", agenda.actions, width, lead=2))
    if agenda.warnings:
        parts.append(console.text(""))
        parts.append(bullets("!", agenda.warnings, width, "warn"))
    if any(o.session.cohort_default for o in agenda.sessions):
        parts.append(console.text("\n* a default time: your cohort's calendar may differ.", "dim"))
    return Group(*parts)


def _week_heading(agenda: Agenda) -> Text:
    cal = agenda.calendar
    title = f"Week {agenda.week} of {agenda.weeks}"
    span = ""
    if cal.dated:
        first, last = cal.date_of(agenda.week, 0), cal.date_of(agenda.week, 4)
        span = f"{first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b} {last.year}"
    head = header(title, span)
    if agenda.focus:
        head.append(console.text(f"\n{agenda.focus}", "dim"))
    if agenda.zone.key != agenda.campus.key:
        head.append(
            console.text(
                f"\nTimes in {agenda.zone.key}; campus time ({agenda.campus.key}) in brackets.",
                "dim",
            )
        )
    else:
        head.append(console.text(f"\nTimes in campus time, {agenda.campus.key}.", "dim"))
    if not cal.dated:
        head.append(console.text("\nNo start date set, so no dates: mod4 init --start YYYY-MM-DD", "dim"))
    return head


def _session_cells(o: Occurrence, agenda: Agenda) -> tuple[Text, Text, Text]:
    s = o.session
    zone, campus = agenda.zone, agenda.campus
    when = console.text(time_range(o.start, o.end, zone) + ("*" if s.cohort_default else ""))
    aside = campus_aside(o.start, o.end, zone, campus)
    if aside:
        when.append(console.text(f"\n{aside}", "dim"))
    what = console.text(s.title, "work" if s.is_work_time else "")
    for detail in _session_details(o):
        what.append(console.text(f"\n{detail}", "dim"))
    kind = console.text(KIND_LABELS.get(s.kind, s.kind))
    if not s.is_work_time:
        kind.append(
            console.text(
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
        label = day_label(o.start, agenda.zone, agenda.calendar.dated)
        today = agenda.today is not None and o.start.astimezone(agenda.campus).date() == agenda.today
        day = console.text(label if label != previous else "", "today" if today and label != previous else "")
        table.add_row(day, *_session_cells(o, agenda), end_section=False)
        previous = label
    if not agenda.sessions:
        table.add_row("", "", console.text("no sessions this week", "dim"), "")
    return table


def _sessions_list(agenda: Agenda) -> RenderableType:
    """The narrow layout: a heading per day, then each session over indented lines."""
    from rich.console import Group
    from rich.padding import Padding

    lines: list[RenderableType] = []
    previous = None
    for o in agenda.sessions:
        label = day_label(o.start, agenda.zone, agenda.calendar.dated)
        if label != previous:
            lines.append(console.text(f"\n{label}", "title"))
            previous = label
        s = o.session
        when = time_range(o.start, o.end, agenda.zone) + ("*" if s.cohort_default else "")
        lines.append(
            Padding(
                join(f"{when} ", console.text(s.title, "work" if s.is_work_time else "")),
                (0, 0, 0, 2),
            )
        )
        facts = [
            campus_aside(o.start, o.end, agenda.zone, agenda.campus),
            KIND_LABELS.get(s.kind, s.kind),
        ]
        if not s.is_work_time:
            facts.append("required" if o.required else "optional")
        details = [" · ".join(f for f in facts if f), *_session_details(o)]
        lines.extend(Padding(console.text(d, "dim"), (0, 0, 0, 4)) for d in details)
    return Group(*lines)


def _due_line(d: DueItem, zone: ZoneInfo, dated: bool) -> Text:
    when = f"{day_label(d.due, zone, dated)} {d.due.astimezone(zone):%H:%M}" if d.due else _due_point(d)
    status = console.text(d.stage, "done" if d.done else ("late" if d.late else ""))
    return join(
        "  ",
        console.text("✓ " if d.done else "☐ ", "done" if d.done else ""),
        d.item.title,
        console.text(f" · {when} · ", "dim"),
        status,
    )


def _due_point(d: DueItem) -> str:
    return f"end of week {d.item.due.week} ({DAY_NAMES[d.item.due.day].capitalize()} {d.item.due.time:%H:%M})"


# ------------------------------------------------------------------------------------------
# todo


def late_text(late: Any) -> str:
    """`3 days late`, `5 hours late`, `a few minutes late`."""
    days = late.days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''} late"
    hours = late.seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''} late"
    return "a few minutes late"


@draw.register(TodoList)
def _(todo: TodoList, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    parts: list[RenderableType] = []
    if not todo.items and not todo.extra:
        return console.text("Nothing outstanding: every item is done. ✓", "ok")
    zone = todo.zone
    count = len(todo.items)
    parts.append(header("To do", f"{count} item{'s' if count != 1 else ''} outstanding"))
    if todo.dated and zone.key != todo.campus.key:
        parts.append(console.text(f"Due times in {zone.key}.", "dim"))
    if width >= NARROW:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("Item", no_wrap=True)
        table.add_column("What", ratio=1, overflow="fold")
        table.add_column("Due", no_wrap=True)
        table.add_column("Stage", no_wrap=True)
        for deliverable, items in _by_deliverable(todo.items):
            table.add_row("", console.text(deliverable, "dim"), "", "")
            for d in items:
                table.add_row(
                    console.text(d.item.id, "title"),
                    console.text(d.item.title),
                    _due_cell(d, zone),
                    _stage_cell(d),
                )
        parts.append(table)
    else:
        for deliverable, items in _by_deliverable(todo.items):
            parts.append(console.text(f"\n{deliverable}", "dim"))
            for d in items:
                parts.append(
                    Padding(join(console.text(d.item.id, "title"), f"  {d.item.title}"), (0, 0, 0, 2))
                )
                due = _one_line(_due_cell(d, zone))
                parts.append(
                    Padding(join("due ", due, console.text(" · ", "dim"), _stage_cell(d)), (0, 0, 0, 4))
                )
    for extra in todo.extra:
        parts.append(join(console.text("\n☐ ", ""), extra))
    if not todo.dated:
        parts.append(
            console.text(
                "\nNo start date set: due dates are module weeks. mod4 init --start YYYY-MM-DD",
                "dim",
            )
        )
    return Group(*parts)


def _one_line(text: Text) -> Text:
    """The same text with its line breaks turned into separators."""
    joined = text.copy()
    joined.plain = text.plain.replace("\n", " · ")
    return joined


def bullets(
    marker: str, lines: list[str] | tuple[str, ...], width: int, style: str = "", lead: int = 0
) -> RenderableType:
    """A list with a hanging indent, so wrapped lines stay under their text.

    Wrapped by render_plain's wrapper rather than a Rich grid: the same result, without the
    cost of measuring a table on every run.
    """
    from rich.console import Group

    from mod4cli.styled import Line, wrap

    rows = []
    for line in lines:
        spans = ((marker, style), (" " + console.safe(line), style))
        rows.extend(wrap(Line(spans, indent=lead + len(marker) + 1, lead=lead), width))
    return Group(*(join(*(console.text(text, s) for text, s in row)) for row in rows))


def _by_deliverable(items: tuple[DueItem, ...]) -> list[tuple[str, list[DueItem]]]:
    groups: dict[str, list[DueItem]] = {}
    for d in items:
        groups.setdefault(d.deliverable, []).append(d)
    return list(groups.items())


def _stage_cell(d: DueItem) -> Text:
    stages = d.item.stages
    cell = console.text(d.stage)
    if len(stages) > 2:
        cell.append(console.text(f" ({stages.index(d.stage) + 1}/{len(stages)})", "dim"))
    return cell


def _due_cell(d: DueItem, zone: ZoneInfo) -> Text:
    if d.due is None:
        return console.text(_due_point(d))
    local = d.due.astimezone(zone)
    cell = console.text(f"{local:%a} {local.day} {local:%b} {local:%H:%M}", "late" if d.late else "")
    if d.late is not None:
        cell.append(console.text(f"\n{late_text(d.late)}", "late"))
    return cell


# ------------------------------------------------------------------------------------------
# check-conflict


@draw.register(Message)
def _(message: Message, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    lines = (
        Padding(console.text(line, "warn" if line.startswith("warning:") else "dim"), (0, 0, 0, 2))
        for line in message.lines
    )
    return Group(console.text(message.text), *lines)
