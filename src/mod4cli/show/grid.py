"""The week as a calendar grid (`week --grid`, `check-conflict --show`): days as columns, half
hours as rows, sessions as blocks.

Legible without colour too: blocks carry their title on their first row and a bar below it,
PD work time is shaded with ░, coaching is marked ★ and a proposed slot ▶ (✗ where it
collides). Below 60 columns the grid gives way to the list view.
"""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.timeline import Slot
from mod4cli.plan.agenda import Agenda, WeekGrid
from mod4cli.show import terminal
from mod4cli.show.conflict import conflict_lines
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

STEP = 30  # minutes a row
LEGEND = "│ session  ░ PD work time  ★ coaching  ▶ proposed  ✗ collision"


def show_grid(view: WeekGrid, out: Terminal) -> None:
    """Draw the week as a grid, below check-conflict's answer when there is one."""
    from rich.console import Group

    width = out.width
    parts: list[RenderableType] = []
    if view.report is not None:
        parts.extend(terminal.lines_text(conflict_lines(view.report), width))
        if width < terminal.NARROW:
            out.draw(Group(*parts))
            return
        parts.append(terminal.text(""))
    elif width < terminal.NARROW:
        from mod4cli.show.week import agenda_drawing

        out.draw(agenda_drawing(view.agenda, width))
        return
    else:
        agenda = view.agenda
        zone_note = (
            agenda.zone.key
            if agenda.zone.key == agenda.campus.key
            else f"{agenda.zone.key} (campus {agenda.campus.key})"
        )
        parts.append(terminal.header(f"Week {agenda.week} of {agenda.weeks}", agenda.focus or ""))
        parts.append(terminal.text(f"Times in {zone_note}", "dim"))
    parts.append(week_grid(view.agenda, width, view.proposed))
    parts.append(terminal.text(LEGEND, "dim"))
    out.draw(Group(*parts))


class Block(NamedTuple):
    """Something drawn in the grid, in the student's wall-clock minutes of one day."""

    day: date
    start: int
    end: int
    label: str
    kind: str


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _blocks(agenda: Agenda, proposed: Slot | None) -> list[Block]:
    zone = agenda.zone
    blocks = []
    for o in agenda.sessions:
        blocks.extend(_day_blocks(o.start, o.end, zone, o.session.title, o.session.kind))
    for b in agenda.bookings:
        blocks.extend(_day_blocks(b.start, b.end, zone, f"★ {b.specialist}", "coaching"))
    if proposed:
        blocks.extend(_day_blocks(proposed.start, proposed.end, zone, "▶ Proposed", "proposed"))
    return blocks


def _day_blocks(start: datetime, end: datetime, zone: ZoneInfo, label: str, kind: str) -> list[Block]:
    """A span as blocks of the student's days: one that crosses midnight there (campus afternoon
    is night in Moscow) is cut in two, not dropped."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    if last.date() == first.date() or _minutes(last) == 0:  # spans are at most 12 hours
        return [Block(first.date(), _minutes(first), _minutes(last) or 24 * 60, label, kind)]
    return [
        Block(first.date(), _minutes(first), 24 * 60, label, kind),
        Block(last.date(), 0, _minutes(last), label, kind),
    ]


def week_grid(agenda: Agenda, width: int, proposed: Slot | None = None) -> RenderableType:
    """The grid of a week's agenda, `proposed` overlaid when given."""
    from rich import box
    from rich.table import Table

    blocks = _blocks(agenda, proposed)
    monday = agenda.timeline.date_of(agenda.week, 0)
    days = [monday + timedelta(days=n) for n in range(5)]
    days += [
        d for d in (monday + timedelta(days=5), monday + timedelta(days=6)) if any(b.day == d for b in blocks)
    ]
    campus_open = agenda.timeline.at(agenda.week, 0, agenda.class_hours[0]).astimezone(agenda.zone)
    campus_close = agenda.timeline.at(agenda.week, 0, agenda.class_hours[1]).astimezone(agenda.zone)
    first = min([_minutes(campus_open), *(b.start for b in blocks)]) // STEP * STEP
    last = -(-max([_minutes(campus_close), *(b.end for b in blocks)]) // STEP) * STEP
    column = max(6, (width - 7) // len(days) - 1)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column("", no_wrap=True, width=5)
    for day in days:
        label = f"{day:%a} {day.day}" if agenda.timeline.dated else f"{day:%a}"
        today = agenda.today is not None and day == agenda.today
        table.add_column(terminal.text(label, "today" if today else "title"), width=column, no_wrap=True)
    for row in range(first, last, STEP):
        cells = [
            _cell([b for b in blocks if b.day == day and b.start < row + STEP and row < b.end], row, column)
            for day in days
        ]
        table.add_row(
            terminal.text(f"{row // 60:02d}:{row % 60:02d}" if row % 60 == 0 else "", "dim"), *cells
        )
    return table


def _cell(here: list[Block], row: int, width: int) -> Text:
    """One half hour of one day: the most important thing there, drawn to `width`."""
    if not here:
        return terminal.text("")
    proposed = next((b for b in here if b.kind == "proposed"), None)
    others = [b for b in here if b.kind not in ("proposed", "work-time")]
    if proposed:
        if others:
            return _fill(f"✗ {others[0].label}", width, "clash")
        return _fill(_label_line(proposed, row, width) or "▶", width, "proposed")
    top = next((b for b in here if b.kind == "coaching"), None) or (others[0] if others else here[0])
    if top.kind == "work-time":
        return _fill(_label_line(top, row, width), width, "work-time", shade="░")
    return _fill(_label_line(top, row, width) or "│", width, top.kind)


def _label_line(block: Block, row: int, width: int) -> str:
    """The part of the block's title that belongs on this row: a long title wraps down the block."""
    first_row = block.start - block.start % STEP
    lines = textwrap.wrap(block.label, width) or [""]
    offset = (row - first_row) // STEP
    return lines[offset] if 0 <= offset < len(lines) else ""


def _fill(label: str, width: int, kind: str, shade: str = " ") -> Text:
    shown = label if len(label) <= width else label[: width - 1] + "…"
    if shown and shade != " ":
        shown += " "
    return terminal.text((shown + shade * width)[:width], f"block.{kind}")
