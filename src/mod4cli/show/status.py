"""Printing `mod4 status`, the dashboard, as lines of styled text (no table, so no Rich)."""

from __future__ import annotations

from mod4cli.plan.status import DeliverableProgress, Status
from mod4cli.plan.todos import DueItem
from mod4cli.show import items, marks, terminal, words
from mod4cli.show.terminal import Line, Span, Terminal, link_line, plain

PACE_STYLE = {"done": "done", "on track": "ok", "behind": "warn", "overdue": "late", "no dates": "dim"}


def show_status(status: Status, out: Terminal) -> None:
    """The week, the next session and the next item due, each deliverable's bar and pace."""
    out.write_lines(status_lines(status, out.width))


def status_lines(status: Status, width: int) -> list[Line]:
    """The dashboard as lines for `width` columns."""
    timeline, zone = status.timeline, status.zone
    lines = [_phase_line(status)]
    marked: list[tuple[str, ...]] = []
    if status.next_session is not None:
        o = status.next_session
        when = "today" if status.next_is_today else words.day_label(o.start, zone, True)
        aside = words.campus_aside(o.start, o.end, zone, timeline.campus, timeline.dated)
        mark = marks.mark(o.session.defaults)
        marked.append(o.session.defaults)
        lines.append(
            Line(
                (
                    ("Next: ", "dim"),
                    (o.session.title, "title"),
                    (f" · {when} {words.time_range(o.start, o.end, zone)}{mark}", ""),
                    (f" {aside}" if aside else "", "dim"),
                ),
                indent=2,
            )
        )
    if status.phase == "after":
        lines.extend(_never_finished(status))
    elif status.next_due is not None:
        lines.extend(_due_next(status.next_due, status))
        marked.append(status.next_due.item.due.defaults)
    if status.week is not None and zone.key != timeline.campus.key:
        lines.append(plain(f"Times in {zone.key}; campus time ({timeline.campus.key}) in brackets.", "dim"))
    bar_width = max(10, min(20, width - 60))
    for p in status.progress:
        lines.extend(_deliverable_lines(p, status, bar_width, width))
        marked.append(p.deliverable.due.defaults)
    tail: list[Line] = []
    for b in status.coaching:
        when = words.span_text(b.start, b.end, zone, timeline.dated)
        tail.append(
            Line((("Coaching this week: ", "title"), (f"#{b.id} with {b.specialist}, {when}", "")), indent=2)
        )
    if not status.coaching and status.phase == "during" and status.coaching_offered:
        tail.append(Line((("Coaching this week: ", "title"), ("none booked", "dim")), indent=2))
    if status.repeating_action:
        tail.append(Line((("☐ ", ""), (status.repeating_action, "")), indent=2))
    tail.extend(Line((("! ", "warn"), (w, "warn")), indent=2) for w in status.warnings)
    tail.extend(_own_calendar(status))
    if status.week is None:
        tail.append(plain("No start date set: mod4 init --start YYYY-MM-DD", "dim"))
    if tail:
        lines.extend((plain(""), *tail))
    legend = marks.legend(marked)
    if legend:
        lines.extend((plain(""), plain(legend, "dim", indent=2)))
    return lines


def _own_calendar(status: Status) -> list[Line]:
    """What of the student's own calendars collides with required sessions: this week's by name,
    the rest of the module's counted; and notes about the copies (old, failing)."""
    lines = []
    timeline, zone = status.timeline, status.zone
    for clash in status.clashes:
        event = clash.own.event
        span = words.event_when(event, zone, timeline)
        sessions = ", ".join(o.session.title for o in clash.sessions)
        lines.append(
            Line(
                (
                    ("✗ ", "bad"),
                    ("Your calendar: ", "title"),
                    (f"{event.summary}, {span} collides with {sessions}", ""),
                ),
                indent=4,
            )
        )
    if status.clashes_later:
        n = status.clashes_later
        verb, them = ("collides", "it") if n == 1 else ("collide", "them")
        later = f"{words.count(n, 'event')} of yours {verb} with required sessions later in the module"
        lines.append(
            Line(
                (
                    ("! ", "warn"),
                    ("Your calendar: ", "title"),
                    (later, ""),
                    (f" (mod4 week N shows {them})", "dim"),
                ),
                indent=4,
            )
        )
    lines.extend(Line((("! ", "warn"), (note, "warn")), indent=4) for note in status.calendar_notes)
    return lines


def _due_next(d: DueItem, status: Status) -> list[Line]:
    late = items.late_text(d)
    lines = [
        Line(
            (
                ("Due next: ", "dim"),
                (d.item.title, "title"),
                (f" · {items.due_text(d, status.zone, status.timeline.campus)}", ""),
                (f", {late}" if late else "", "late"),
            ),
            indent=2,
        )
    ]
    if d.item.link:
        lines.append(link_line(d.item.link, 2))
    return lines


def _never_finished(status: Status) -> list[Line]:
    left = [i for p in status.progress for i in p.items if not i.done]
    if not left:
        return []
    return [
        Line(
            (("Never finished: ", "late"), ("; ".join(f"{i.item.title} ({i.item.id})" for i in left), "")),
            indent=2,
        )
    ]


def _deliverable_lines(p: DeliverableProgress, status: Status, bar_width: int, width: int) -> list[Line]:
    zone = status.zone
    mark = marks.mark(p.deliverable.due.defaults)
    if p.due is not None:
        due = f" · due {items.deadline_text(p.due, zone, status.timeline.campus)}{mark}"
    else:
        due = f" · due by the end of week {p.deliverable.due.week}"
    lines = [plain(""), Line(((p.deliverable.title, "title"), (due, "dim")), indent=2)]
    total = len(p.items)
    summary = (
        f"{total} of {total} done"
        if p.pace == "done"
        else f"{p.done} of {words.count(total, 'item')} done · "
    )
    if p.pace == "no dates":
        summary = summary.removesuffix(" · ")
    pace: tuple[Span, ...] = ((summary, "done" if p.pace == "done" else ""),)
    if p.pace not in ("done", "no dates"):
        pace += ((p.pace, PACE_STYLE[p.pace]),)
    bar = _bar(p, bar_width)
    if width < terminal.NARROW:
        lines.append(Line(bar, lead=2))
        lines.append(Line(pace, indent=4, lead=2))
    else:
        lines.append(Line((*bar, ("  ", ""), *pace), indent=4, lead=2))
    marks_line: list[Span] = []
    for i in p.items:
        if marks_line:
            marks_line.append(("  ", ""))
        marks_line.extend(_item_mark(i))
    lines.append(Line(tuple(marks_line), indent=2, lead=2))
    return lines


def _bar(p: DeliverableProgress, width: int) -> tuple[Span, ...]:
    # Part-way stages count as they do in todo: a portfolio with review requested is half-way.
    filled = round(width * p.share)
    return (("█" * filled, PACE_STYLE[p.pace]), ("░" * (width - filled), "dim"))


def _item_mark(i: DueItem) -> tuple[Span, ...]:
    if i.done:
        return ((f"✓ {i.item.id}", "done"),)
    if i.steps_done:
        return ((f"◐ {i.item.id}: {items.stage_text(i)}", "warn"),)
    return ((f"☐ {i.item.id}", ""),)


def _phase_line(status: Status) -> Line:
    timeline = status.timeline
    if status.week is None:
        return plain("Mod 4", "title")
    if status.phase == "before":
        first = timeline.first_day()
        return _header(
            "Mod 4 has not started",
            f"week 1 starts {words.date_label(first)} (in {words.count(status.days_to_start, 'day')})"
            if status.days_to_start
            else "",
        )
    if status.phase == "after":
        left = sum(1 for p in status.progress for i in p.items if not i.done)
        return _header(
            "Mod 4 is over", f"{words.count(left, 'item')} never finished" if left else "every item done"
        )
    return _header(
        f"Week {status.week} of {status.weeks}", f"{words.count(status.days_left or 0, 'day')} left"
    )


def _header(title: str, subtitle: str) -> Line:
    return Line(((title, "title"), (f" · {subtitle}" if subtitle else "", "dim")), indent=2)
