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

from mod4cli.model.timeline import Slot, localize
from mod4cli.plan.agenda import Agenda, WeekGrid
from mod4cli.show import marks, terminal
from mod4cli.show.conflict import conflict_lines
from mod4cli.show.terminal import Line, Terminal, plain

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.console import RenderableType
    from rich.text import Text

STEP = 30  # minutes a row
LEGEND = ("│ session", "░ PD work time", "★ coaching", "▶ proposed", "✗ collision")


def show_grid(view: WeekGrid, out: Terminal) -> None:
    """Draw the week as a grid, below check-conflict's answer when there is one."""
    width = out.width
    parts: list[RenderableType | Line] = []
    if view.report is not None:
        parts.extend(conflict_lines(view.report))
        if width < terminal.NARROW:
            out.page(parts)
            return
        parts.append(plain(""))
    elif width < terminal.NARROW:
        from mod4cli.show.week import agenda_page

        out.page(agenda_page(view.agenda, width))
        return
    else:
        agenda = view.agenda
        zone_note = (
            agenda.zone.key
            if agenda.zone.key == agenda.campus.key
            else f"{agenda.zone.key} (campus {agenda.campus.key})"
        )
        parts.append(
            Line(
                (
                    (f"Week {agenda.week} of {agenda.weeks}", "title"),
                    (f" · {agenda.focus}" if agenda.focus else "", "dim"),
                ),
                indent=2,
            )
        )
        parts.append(plain(f"Times in {zone_note}", "dim"))
    grid = week_grid(view.agenda, width, view.proposed)
    parts.append(grid)
    parts.extend(legend_lines(width, view.agenda))
    out.page(parts)


def legend_lines(width: int, agenda: Agenda) -> list[Line]:
    """The grid's legend, its entries packed into rows of `width`, never split; then the mark's."""
    rows: list[str] = []
    for entry in LEGEND:
        if rows and len(rows[-1]) + 2 + len(entry) <= width:
            rows[-1] += "  " + entry
        else:
            rows.append(entry)
    lines = [plain(row, "dim") for row in rows]
    legend = marks.legend(o.session.defaults for o in agenda.sessions)
    if legend:
        lines.append(plain(legend, "dim", indent=2))
    return lines


class Block(NamedTuple):
    """Something drawn in the grid: its column, and its wall-clock minutes from that column's
    first midnight in the student's zone (past 1440 when it runs over midnight)."""

    column: date  # the campus date it belongs to
    start: int
    end: int
    label: str
    kind: str


class Column(NamedTuple):
    """A campus day, as the student's clock shows it: from the midnight before its class hours."""

    campus_day: date
    first_midnight: date  # in the student's zone
    label: str


def _wall_minutes(moment: datetime, zone: ZoneInfo, midnight: date) -> int:
    """Minutes of the student's wall clock since `midnight`, counting on past the next midnights."""
    local = moment.astimezone(zone)
    return (local.date() - midnight).days * 24 * 60 + local.hour * 60 + local.minute


def _columns(agenda: Agenda, days: list[date]) -> list[Column]:
    timeline, zone = agenda.timeline, agenda.zone
    columns = []
    for day in days:
        opening = localize(day, agenda.class_hours[0], timeline.campus)[0].astimezone(zone)
        label = f"{opening:%a} {opening.day}" if timeline.dated else f"{opening:%a}"
        columns.append(Column(day, opening.date(), label))
    return columns


def _spans(agenda: Agenda, proposed: Slot | None) -> list[tuple[datetime, datetime, str, str]]:
    """What the grid shows, as (start, end, label, kind): sessions, coaching, the proposed slot."""
    spans = [
        (o.start, o.end, o.session.title + marks.mark(o.session.defaults), o.session.kind)
        for o in agenda.sessions
    ]
    for b in agenda.bookings:
        spans.append((b.start, b.end, f"★ {b.specialist}", "coaching"))
    if proposed:
        spans.append((proposed.start, proposed.end, "▶ Proposed", "proposed"))
    return spans


def week_grid(agenda: Agenda, width: int, proposed: Slot | None = None) -> RenderableType:
    """The grid of a week's agenda, `proposed` overlaid when given.

    Columns are the module's days; rows are half hours of the student's clock, from the
    earliest class hour or block to the latest. For a student far from campus the rows run
    past midnight (labelled +1) rather than spreading a short day over two.
    """
    from rich import box
    from rich.table import Table

    zone, campus = agenda.zone, agenda.campus
    monday = agenda.timeline.date_of(agenda.week, 0)
    spans = _spans(agenda, proposed)
    days = [monday + timedelta(days=n) for n in range(5)]
    weekend = (monday + timedelta(days=5), monday + timedelta(days=6))
    days += [d for d in weekend if any(start.astimezone(campus).date() == d for start, *_ in spans)]
    columns = {c.campus_day: c for c in _columns(agenda, days)}
    blocks = []
    for start, end, label, kind in spans:
        day = start.astimezone(campus).date()
        midnight = columns[day].first_midnight
        blocks.append(
            Block(day, _wall_minutes(start, zone, midnight), _wall_minutes(end, zone, midnight), label, kind)
        )
    hours = [
        _wall_minutes(localize(c.campus_day, clock, campus)[0], zone, c.first_midnight)
        for c in columns.values()
        for clock in agenda.class_hours
    ]
    first = min([*hours, *(b.start for b in blocks)]) // STEP * STEP
    last = -(-max([*hours, *(b.end for b in blocks)]) // STEP) * STEP
    label_width = 7 if last > 24 * 60 else 5
    # Each day's column costs its width and two more: the space between columns and the padding.
    column = max(6, (width - label_width) // len(columns) - 2)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), expand=False)
    table.add_column("", no_wrap=True, width=label_width)
    for c in columns.values():
        today = agenda.today is not None and c.campus_day == agenda.today
        table.add_column(terminal.text(c.label, "today" if today else "title"), width=column, no_wrap=True)
    for row in range(first, last, STEP):
        cells = [
            _cell(
                [b for b in blocks if b.column == c.campus_day and b.start < row + STEP and row < b.end],
                row,
                column,
            )
            for c in columns.values()
        ]
        table.add_row(terminal.text(_row_label(row), "dim"), *cells)
    return table


def _row_label(row: int) -> str:
    if row % 60:
        return ""
    day, minutes = divmod(row, 24 * 60)
    return f"{minutes // 60:02d}:00" + (f"+{day}" if day else "")


def _cell(here: list[Block], row: int, width: int) -> Text:
    """One half hour of one day: the most important thing there, drawn to `width`."""
    if not here:
        return terminal.text("")
    proposed = next((b for b in here if b.kind == "proposed"), None)
    others = [b for b in here if b.kind not in ("proposed", "work-time")]
    if proposed:
        if others:
            first_row = row == proposed.start - proposed.start % STEP
            return _fill(f"✗ {others[0].label}" if first_row else "✗", width, "clash")
        return _fill(_label_line(proposed, row, width) or "▶", width, "proposed")
    top = next((b for b in here if b.kind == "coaching"), None) or (others[0] if others else here[0])
    if top.kind == "work-time":
        return _fill(_label_line(top, row, width), width, "work-time", shade="░")
    return _fill(_label_line(top, row, width) or "│", width, top.kind)


def _label_line(block: Block, row: int, width: int) -> str:
    """The part of the block's title that belongs on this row: a long title wraps down the
    block at spaces; a word longer than the column is cut with an ellipsis, never broken."""
    first_row = block.start - block.start % STEP
    lines = textwrap.wrap(block.label, width, break_long_words=False, break_on_hyphens=False) or [""]
    offset = (row - first_row) // STEP
    return lines[offset] if 0 <= offset < len(lines) else ""


def _fill(label: str, width: int, kind: str, shade: str = " ") -> Text:
    shown = label if len(label) <= width else label[: width - 1] + "…"
    if shown and shade != " ":
        shown += " "
    return terminal.text((shown + shade * width)[:width], f"block.{kind}")
