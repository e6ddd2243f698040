"""How a deliverable item reads: when it is due (marked when that is a default), how far along
it is, how late. todo, week and status word items the same way through here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.show import marks, words

if TYPE_CHECKING:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from mod4cli.plan.todos import DueItem


def due_text(d: DueItem, zone: ZoneInfo, campus: ZoneInfo | None = None) -> str:
    """`Fri 5 Feb 17:00*`, or `end of week 5 (Fri 17:00)*` without dates; with `campus`, a
    remote student's deadline has campus time beside it: `Sat 6 Feb 05:30 (Fri 17:00 MST)*`."""
    mark = marks.mark(d.item.due.defaults)
    if d.due is None:
        return words.due_point(d.item) + mark
    return deadline_text(d.due, zone, campus) + mark


def deadline_text(moment: datetime, zone: ZoneInfo, campus: ZoneInfo | None = None) -> str:
    """A deadline: `Sat 6 Feb 05:30` (no zone name: due times read in the zone the page names),
    with `(Fri 17:00 MST)` beside it when `campus` is another zone."""
    local = moment.astimezone(zone)
    text = f"{words.date_label(local.date())} {local:%H:%M}"
    aside = words.moment_aside(moment, zone, campus) if campus is not None else ""
    return f"{text} {aside}" if aside else text


def stage_text(d: DueItem) -> str:
    """`review-requested, 1 of 2 steps done` for an item part-way through its steps, else the stage."""
    if 0 < d.steps_done < d.steps:
        return f"{d.stage}, {d.steps_done} of {d.steps} steps done"
    return d.stage


def late_text(d: DueItem) -> str:
    """`2 days late`, or empty when it is not overdue."""
    return words.late_text(d.late) if d.late is not None else ""
