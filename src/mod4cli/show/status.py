"""Drawing `mod4 status`: the dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.plan.status import DeliverableProgress, Status
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

PACE_STYLE = {"done": "done", "on track": "ok", "behind": "warn", "overdue": "late", "no dates": "dim"}


def _bar(progress: DeliverableProgress, width: int) -> Text:
    # Part-way stages count: a portfolio with review requested is a third of the way there.
    share = sum(i.item.stages.index(i.stage) / (len(i.item.stages) - 1) for i in progress.items)
    total = len(progress.items) or 1
    filled = round(width * share / total)
    bar = terminal.text("█" * filled, PACE_STYLE[progress.pace])
    bar.append(terminal.text("░" * (width - filled), "dim"))
    return bar


def show_status(status: Status, out: Terminal) -> None:
    """Draw the dashboard: the week, the next session, each deliverable's bar and pace."""
    out.draw(_status_drawing(status, out.width))


def _status_drawing(status: Status, width: int) -> RenderableType:
    from rich.console import Group
    from rich.padding import Padding

    timeline, zone = status.timeline, status.zone
    parts: list[RenderableType] = [_phase_line(status)]
    if status.next_session is not None:
        o = status.next_session
        when = "today" if status.next_is_today else words.day_label(o.start, zone, True)
        aside = words.campus_aside(o.start, o.end, zone, timeline.campus, timeline.dated)
        parts.append(
            terminal.join(
                terminal.text("Next: ", "dim"),
                terminal.text(o.session.title, "title"),
                f" · {when} {words.time_range(o.start, o.end, zone)}",
                terminal.text(f" {aside}" if aside else "", "dim"),
            )
        )
    if status.week is not None and zone.key != timeline.campus.key:
        parts.append(
            terminal.text(f"Times in {zone.key}; campus time ({timeline.campus.key}) in brackets.", "dim")
        )
    bar_width = max(10, min(20, width - 60))
    for p in status.progress:
        due = f" · due {words.day_label(p.due, zone, True)} {p.due.astimezone(zone):%H:%M}" if p.due else ""
        parts.append(
            terminal.join("\n", terminal.text(p.deliverable.title, "title"), terminal.text(due, "dim"))
        )
        items = words.count(len(p.items), "item")
        pace = f"{p.done} of {items} due by end of week {p.deliverable.due.week} done; "
        line = terminal.join(_bar(p, bar_width), "  ")
        if width < terminal.NARROW:
            parts.append(Padding(line, (0, 0, 0, 2)))
            line = terminal.join()
        line.append(terminal.text(pace))
        line.append(terminal.text(p.pace, PACE_STYLE[p.pace]))
        parts.append(Padding(line, (0, 0, 0, 2)))
        marks = [_item_mark(i.item.id, i.stage, i.done, i.item.stages) for i in p.items]
        parts.append(
            Padding(
                terminal.join(*[m for pair in zip(marks, ["  "] * len(marks), strict=True) for m in pair]),
                (0, 0, 0, 2),
            )
        )
    parts.append(terminal.text(""))
    if status.coaching:
        parts.extend(
            terminal.join(
                terminal.text("Coaching this week: ", "title"),
                f"#{b.id} with {b.specialist}, ",
                words.booking_when(b.start, b.minutes, zone, timeline.dated),
            )
            for b in status.coaching
        )
    elif status.phase == "during":
        parts.append(
            terminal.join(terminal.text("Coaching this week: ", "title"), terminal.text("none booked", "dim"))
        )
    if status.repeating_action:
        parts.extend(terminal.bullets("☐", [status.repeating_action], width))
    if status.warnings:
        parts.extend(terminal.bullets("!", status.warnings, width, "warn"))
    if status.week is None:
        parts.append(terminal.text("No start date set: mod4 init --start YYYY-MM-DD", "dim"))
    return Group(*parts)


def _phase_line(status: Status) -> Text:
    timeline = status.timeline
    if status.week is None:
        return terminal.text("Mod 4", "title")
    if status.phase == "before":
        first = timeline.first_day()
        return terminal.header(
            "Mod 4 has not started",
            f"week 1 starts {first:%a} {first.day} {first:%b} "
            f"(in {words.count(status.days_left - timeline.weeks * 7, 'day')})"
            if status.days_left
            else "",
        )
    if status.phase == "after":
        return terminal.header("Mod 4 is over", "well done")
    left = status.days_left or 0
    return terminal.header(f"Week {status.week} of {status.weeks}", f"{words.count(left, 'day')} left")


def _item_mark(item_id: str, stage: str, done: bool, stages: tuple[str, ...]) -> Text:
    if done:
        return terminal.text(f"✓ {item_id}", "done")
    if stage != stages[0]:
        return terminal.text(f"◐ {item_id} ({stage})", "warn")
    return terminal.text(f"☐ {item_id}")
