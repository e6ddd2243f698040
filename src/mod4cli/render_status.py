"""Drawing `mod4 status`: the dashboard. render.draw loads this module when it first needs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli import console
from mod4cli.render import NARROW, bullets, draw, header, join
from mod4cli.status import DeliverableProgress, Status
from mod4cli.timefmt import booking_when, campus_aside, day_label, time_range

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

PACE_STYLE = {"done": "done", "on track": "ok", "behind": "warn", "overdue": "late", "no dates": "dim"}


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
                booking_when(b.start, b.minutes, zone, cal.dated),
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
