"""Drawing what the student still owes (`mod4 todo`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mod4cli.plan.todos import DueItem, TodoList
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def show_todo(todo: TodoList, out: Terminal) -> None:
    """Draw what the student still owes: a table by deliverable (a list below 60 columns)."""
    out.draw(_todo_drawing(todo, out.width))


def _todo_drawing(todo: TodoList, width: int) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    parts: list[RenderableType] = []
    if not todo.items and not todo.extra:
        return terminal.text("Nothing outstanding: every item is done. ✓", "ok")
    zone = todo.zone
    parts.append(terminal.header("To do", f"{words.count(len(todo.items), 'item')} outstanding"))
    if todo.dated and zone.key != todo.campus.key:
        parts.append(terminal.text(f"Due times in {zone.key}.", "dim"))
    if width >= terminal.NARROW:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column("Item", no_wrap=True)
        table.add_column("What", ratio=1, overflow="fold")
        table.add_column("Due", no_wrap=True)
        table.add_column("Stage", no_wrap=True)
        for deliverable, items in _by_deliverable(todo.items):
            table.add_row("", terminal.text(deliverable, "dim"), "", "")
            for d in items:
                table.add_row(
                    terminal.text(d.item.id, "title"),
                    terminal.text(d.item.title),
                    _due_cell(d, zone),
                    _stage_cell(d),
                )
        parts.append(table)
    else:
        for deliverable, items in _by_deliverable(todo.items):
            parts.append(terminal.text(f"\n{deliverable}", "dim"))
            for d in items:
                parts.append(
                    Padding(
                        terminal.join(terminal.text(d.item.id, "title"), f"  {d.item.title}"), (0, 0, 0, 2)
                    )
                )
                due = _one_line(_due_cell(d, zone))
                parts.append(
                    Padding(
                        terminal.join("due ", due, terminal.text(" · ", "dim"), _stage_cell(d)), (0, 0, 0, 4)
                    )
                )
    for extra in todo.extra:
        parts.append(terminal.join(terminal.text("\n☐ ", ""), extra))
    if not todo.dated:
        parts.append(
            terminal.text(
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


def _by_deliverable(items: tuple[DueItem, ...]) -> list[tuple[str, list[DueItem]]]:
    groups: dict[str, list[DueItem]] = {}
    for d in items:
        groups.setdefault(d.deliverable, []).append(d)
    return list(groups.items())


def _stage_cell(d: DueItem) -> Text:
    stages = d.item.stages
    cell = terminal.text(d.stage)
    if len(stages) > 2:
        cell.append(terminal.text(f" ({stages.index(d.stage) + 1}/{len(stages)})", "dim"))
    return cell


def _due_cell(d: DueItem, zone: ZoneInfo) -> Text:
    if d.due is None:
        return terminal.text(words.due_point(d.item))
    local = d.due.astimezone(zone)
    cell = terminal.text(f"{local:%a} {local.day} {local:%b} {local:%H:%M}", "late" if d.late else "")
    if d.late is not None:
        cell.append(terminal.text(f"\n{words.late_text(d.late)}", "late"))
    return cell
