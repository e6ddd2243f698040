"""Drawing what the student still owes (`mod4 todo`): a table by deliverable, or a list on narrow
terminals; an item's notes beside it, its link whole below the table (or on its own line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.plan.todos import DueItem, TodoList
from mod4cli.show import items, marks, terminal, words
from mod4cli.show.terminal import Line, Terminal, link_line, plain

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def show_todo(todo: TodoList, out: Terminal) -> None:
    """Draw what the student still owes: a table by deliverable (a list below 60 columns)."""
    out.page(todo_page(todo, out.width))


def todo_page(todo: TodoList, width: int) -> list[RenderableType | Line]:
    """The todo list as a page for `width` columns."""
    if not todo.items and not todo.extra:
        return [plain("Nothing outstanding: every item is done. ✓", "ok")]
    parts: list[RenderableType | Line] = [
        Line(
            (("To do", "title"), (f" · {words.count(len(todo.items), 'item')} outstanding", "dim")), indent=2
        )
    ]
    if todo.dated and todo.zone.key != todo.campus.key:
        parts.append(plain(f"Due times in {todo.zone.key}.", "dim"))
    if width >= terminal.NARROW:
        links = {d.item.link: n for n, d in enumerate((d for d in todo.items if d.item.link), start=1)}
        if todo.items:
            parts.append(_table(todo, links))
        if links:
            parts.extend((plain(""), plain("Links", "title")))
            parts.extend(link_line(str(url), 2, f"[{n}] ") for url, n in links.items())
    else:
        parts.extend(_list(todo))
    for extra in todo.extra:
        parts.extend((plain(""), Line((("☐ ", ""), (extra, "")), indent=2)))
    if not todo.dated:
        parts.extend(
            (
                plain(""),
                plain(
                    "No start date set: due dates are module weeks. mod4 init --start YYYY-MM-DD",
                    "dim",
                    indent=2,
                ),
            )
        )
    legend = marks.legend(d.item.due.defaults for d in todo.items)
    if legend:
        parts.extend((plain(""), plain(legend, "dim", indent=2)))
    return parts


def _table(todo: TodoList, links: dict[str | None, int]) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Item", no_wrap=True)
    table.add_column("What", ratio=1, overflow="fold")
    table.add_column("Due", no_wrap=True)
    table.add_column("Stage", no_wrap=True)
    for deliverable, group in _by_deliverable(todo.items):
        table.add_row("", terminal.text(deliverable, "dim"), "", "")
        for d in group:
            what = terminal.text(d.item.title)
            if d.item.link:
                what.append(terminal.text(f" [{links[d.item.link]}]", "dim"))
            if d.item.notes:
                what.append(terminal.text(f"\n{d.item.notes}", "dim"))
            table.add_row(terminal.text(d.item.id, "title"), what, _due_cell(d, todo), _stage_cell(d))
    return table


def _list(todo: TodoList) -> list[Line]:
    lines: list[Line] = []
    for deliverable, group in _by_deliverable(todo.items):
        lines.extend((plain(""), plain(deliverable, "dim")))
        for d in group:
            lines.append(Line(((d.item.id, "title"), (f"  {d.item.title}", "")), indent=4, lead=2))
            late = items.late_text(d)
            lines.append(
                Line(
                    (
                        (f"due {items.due_text(d, todo.zone)}", "late" if late else ""),
                        (f", {late}" if late else "", "late"),
                        (" · ", "dim"),
                        (items.stage_text(d), ""),
                    ),
                    indent=4,
                    lead=4,
                )
            )
            if d.item.notes:
                lines.append(plain(d.item.notes, "dim", indent=4, lead=4))
            if d.item.link:
                lines.append(link_line(d.item.link, 4))
    return lines


def _by_deliverable(due: tuple[DueItem, ...]) -> list[tuple[str, list[DueItem]]]:
    groups: dict[str, list[DueItem]] = {}
    for d in due:
        groups.setdefault(d.deliverable, []).append(d)
    return list(groups.items())


def _stage_cell(d: DueItem) -> Text:
    cell = terminal.text(d.stage)
    if 0 < d.steps_done < d.steps:
        cell.append(terminal.text(f"\n{d.steps_done} of {d.steps} steps done", "dim"))
    return cell


def _due_cell(d: DueItem, todo: TodoList) -> Text:
    late = items.late_text(d)
    cell = terminal.text(items.due_text(d, todo.zone), "late" if late else "")
    if late:
        cell.append(terminal.text(f"\n{late}", "late"))
    return cell
