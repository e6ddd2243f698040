"""The week as a calendar grid: days as columns, half hours as rows, sessions as blocks.

Legible without colour too: blocks carry their title on their first row and a bar below it,
PD work time is shaded with ░, coaching is marked ★ and a proposed slot ▶ (✗ where it
collides). Below 60 columns the caller falls back to the list view.
"""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli import console
from mod4cli.agenda import Agenda
from mod4cli.conflicts import ConflictReport

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

STEP = 30  # minutes a row
KIND_STYLE = {
    "workshop": "bold white on blue",
    "panel": "bold white on blue",
    "interviews": "bold white on magenta",
    "group": "bold black on green",
    "office-hours": "black on grey70",
    "work-time": "cyan",
    "coaching": "bold black on yellow",
    "proposed": "bold black on bright_green",
    "clash": "bold white on red",
}


LEGEND = "│ session  ░ PD work time  ★ coaching  ▶ proposed  ✗ collision"


class GridView(NamedTuple):
    """A week to draw as a grid, with a proposed slot overlaid; JSON is the agenda's."""

    agenda: Agenda
    proposed: tuple[datetime, datetime] | None = None

    def to_json(self) -> dict[str, Any]:
        """The agenda for `--json`."""
        return self.agenda.to_json()


class ShownConflict(NamedTuple):
    """check-conflict --show: the report, then its week as a grid with the slot overlaid."""

    report: ConflictReport
    agenda: Agenda

    @property
    def exit_code(self) -> int:
        """The report's exit code."""
        return self.report.exit_code

    def to_json(self) -> dict[str, Any]:
        """The report for `--json`."""
        return self.report.to_json()


class Block(NamedTuple):
    """Something drawn in the grid, in the student's wall-clock minutes of one day."""

    day: date
    start: int
    end: int
    label: str
    kind: str


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _blocks(agenda: Agenda, proposed: tuple[datetime, datetime] | None) -> list[Block]:
    zone = agenda.zone
    blocks = []
    for o in agenda.sessions:
        start, end = o.start.astimezone(zone), o.end.astimezone(zone)
        blocks.append(
            Block(start.date(), _minutes(start), _minutes(end) or 24 * 60, o.session.title, o.session.kind)
        )
    for b in agenda.bookings:
        start = b.start.astimezone(zone)
        blocks.append(
            Block(start.date(), _minutes(start), _minutes(start) + b.minutes, f"★ {b.specialist}", "coaching")
        )
    if proposed:
        start, end = proposed[0].astimezone(zone), proposed[1].astimezone(zone)
        blocks.append(
            Block(start.date(), _minutes(start), _minutes(end) or 24 * 60, "▶ Proposed", "proposed")
        )
    return blocks


def week_grid(
    agenda: Agenda, width: int, proposed: tuple[datetime, datetime] | None = None
) -> RenderableType:
    """The grid of a week's agenda, `proposed` overlaid when given."""
    from rich import box
    from rich.table import Table

    blocks = _blocks(agenda, proposed)
    monday = agenda.calendar.date_of(agenda.week, 0)
    days = [monday + timedelta(days=n) for n in range(5)]
    days += [
        d for d in (monday + timedelta(days=5), monday + timedelta(days=6)) if any(b.day == d for b in blocks)
    ]
    campus_open = agenda.calendar.at(agenda.week, 0, agenda.class_hours[0]).astimezone(agenda.zone)
    campus_close = agenda.calendar.at(agenda.week, 0, agenda.class_hours[1]).astimezone(agenda.zone)
    first = min([_minutes(campus_open), *(b.start for b in blocks)]) // STEP * STEP
    last = -(-max([_minutes(campus_close), *(b.end for b in blocks)]) // STEP) * STEP
    column = max(6, (width - 7) // len(days) - 1)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column("", no_wrap=True, width=5)
    for day in days:
        label = f"{day:%a} {day.day}" if agenda.calendar.dated else f"{day:%a}"
        today = agenda.today is not None and day == agenda.today
        table.add_column(console.text(label, "today" if today else "title"), width=column, no_wrap=True)
    for row in range(first, last, STEP):
        cells = [
            _cell([b for b in blocks if b.day == day and b.start < row + STEP and row < b.end], row, column)
            for day in days
        ]
        table.add_row(console.text(f"{row // 60:02d}:{row % 60:02d}" if row % 60 == 0 else "", "dim"), *cells)
    return table


def _cell(here: list[Block], row: int, width: int) -> Text:
    """One half hour of one day: the most important thing there, drawn to `width`."""
    if not here:
        return console.text("")
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
    return console.text((shown + shade * width)[:width], KIND_STYLE.get(kind, ""))
