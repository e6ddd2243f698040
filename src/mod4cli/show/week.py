"""Drawing a week's agenda (`mod4 week N`): sessions as a table, or a list on narrow terminals.

Everything but the table is lines of styled text; links are never put in a table cell, where
Rich would fold them: the table names them [1], [2]... and lists them whole below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.model.timeline import Occurrence
from mod4cli.plan.agenda import Agenda
from mod4cli.plan.todos import DueItem
from mod4cli.show import items, marks, terminal, words
from mod4cli.show.terminal import Line, Terminal, link_line, plain

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from mod4cli.plan.own_calendar import OwnClash

GROUPS_OVERVIEW = "Homeroom Groups overview"


def show_agenda(agenda: Agenda, out: Terminal) -> None:
    """Draw a week's agenda: a table of sessions (a list below 60 columns), then the rest."""
    out.page(agenda_page(agenda, out.width))


def agenda_page(agenda: Agenda, width: int) -> list[RenderableType | Line]:
    """The agenda as a page for `width` columns: lines, and the sessions' table when it fits."""
    parts: list[RenderableType | Line] = [*_heading(agenda)]
    if not agenda.sessions:
        parts.extend((plain(""), plain("No sessions this week.", "dim")))
    elif width >= terminal.NARROW:
        links = _links(agenda)
        parts.append(_sessions_table(agenda, links))
        if links:
            parts.append(plain(""))
            parts.append(plain("Links", "title"))
            parts.extend(link_line(url, 2, f"[{n}] ") for url, n in links.items())
    else:
        parts.extend(_sessions_list(agenda))
    zone, dated = agenda.zone, agenda.timeline.dated
    if agenda.bookings:
        parts.extend((plain(""), plain("Coaching booked", "title")))
        for b in agenda.bookings:
            when = words.span_text(b.start, b.end, zone, dated)
            topic = f" · {b.topic}" if b.topic else ""
            parts.append(plain(f"{when} with {b.specialist}{topic}", indent=4, lead=2))
    parts.extend(own_calendar_lines(agenda.clashes, agenda.calendar_notes, agenda, "this week"))
    parts.extend((plain(""), plain("Due this week", "title")))
    for d in agenda.due:
        parts.extend(due_lines(d, agenda))
    if not agenda.due:
        parts.append(plain("nothing is due this week", "dim", lead=2))
    if agenda.actions:
        parts.extend((plain(""), plain("Suggested this week", "title")))
        parts.extend(_bullet("•", action) for action in agenda.actions)
    if agenda.tips:
        parts.extend(
            (plain(""), Line((("Tips", "title"), (" from mod4, not from the module's pages", "dim"))))
        )
        parts.extend(_bullet("•", tip) for tip in agenda.tips)
    if agenda.warnings:
        parts.append(plain(""))
        parts.extend(Line((("! ", "warn"), (w, "warn")), indent=2) for w in agenda.warnings)
    legend = marks.legend(
        [*(o.session.defaults for o in agenda.sessions), *(d.item.due.defaults for d in agenda.due)]
    )
    if legend:
        parts.extend((plain(""), plain(legend, "dim", indent=2)))
    return parts


def own_calendar_lines(
    clashes: tuple[OwnClash, ...], notes: tuple[str, ...], agenda: Agenda, when: str
) -> list[Line]:
    """Events of the student's own calendars that collide with required sessions, and notes
    about their copies; nothing when no calendar is followed."""
    if not clashes and not notes:
        return []
    lines = [plain(""), plain("Your calendar", "title")]
    zone, timeline = agenda.zone, agenda.timeline
    for clash in clashes:
        event = clash.own.event
        span = words.event_when(event, zone, timeline)
        sessions = ", ".join(o.session.title for o in clash.sessions)
        lines.append(
            Line(
                (("✗ ", "bad"), (f"{event.summary}", "title"), (f", {span} ({clash.own.calendar})", "")),
                indent=4,
                lead=2,
            )
        )
        lines.append(plain(f"collides with {sessions}", "bad", indent=6, lead=4))
    if not clashes and timeline.dated:  # undated, nothing was checked: the note says so
        lines.append(plain(f"✓ nothing of yours collides with a required session {when}", "ok", lead=2))
    lines.extend(plain(note, "warn", indent=4, lead=2) for note in notes)
    return lines


def _bullet(marker: str, text: str, lead: int = 2) -> Line:
    return Line(((marker, ""), (f" {text}", "")), indent=lead + len(marker) + 1, lead=lead)


def _heading(agenda: Agenda) -> list[Line]:
    timeline = agenda.timeline
    span = ""
    if timeline.dated:
        first, last = timeline.date_of(agenda.week, 0), timeline.date_of(agenda.week, 4)
        span = f" · {words.date_label(first)} – {words.date_label(last, year=True)}"
    lines = [Line(((f"Week {agenda.week} of {agenda.weeks}", "title"), (span, "dim")), indent=2)]
    if agenda.focus:
        lines.append(plain(agenda.focus, "dim"))
    if agenda.zone.key != agenda.campus.key:
        lines.append(
            plain(f"Times in {agenda.zone.key}; campus time ({agenda.campus.key}) in brackets.", "dim")
        )
    else:
        lines.append(plain(f"Times in campus time, {agenda.campus.key}.", "dim"))
    if not timeline.dated:
        lines.append(plain("No start date set, so no dates: mod4 init --start YYYY-MM-DD", "dim"))
    lines.extend(plain(note, "warn") for note in agenda.notes)
    return lines


def due_lines(d: DueItem, agenda: Agenda) -> list[Line]:
    """An item due this week: its box, title, due time, stage and lateness; its notes and link."""
    late = items.late_text(d)
    head = Line(
        (
            ("✓ " if d.done else "☐ ", "done" if d.done else ""),
            (d.item.title, ""),
            (f" · {items.due_text(d, agenda.zone)} · ", "dim"),
            (items.stage_text(d), "done" if d.done else ("late" if late else "")),
            (f" · {late}" if late else "", "late"),
        ),
        indent=4,
        lead=2,
    )
    lines = [head]
    if d.item.notes and not d.done:
        lines.append(plain(d.item.notes, "dim", indent=4, lead=4))
    if d.item.link and not d.done:
        lines.append(link_line(d.item.link, 4))
    return lines


def _links(agenda: Agenda) -> dict[str, int]:
    """Each link of the week's sessions, numbered in order of first appearance."""
    numbers: dict[str, int] = {}
    for o in agenda.sessions:
        for url in (o.session.link, agenda.groups_overview if o.session.kind == "group" else None):
            if url and url not in numbers:
                numbers[url] = len(numbers) + 1
    return numbers


def _when(o: Occurrence, agenda: Agenda) -> str:
    return words.time_range(o.start, o.end, agenda.zone) + marks.mark(o.session.defaults)


def _details(o: Occurrence) -> list[str]:
    """What a session says below its title: its topic and notes."""
    s = o.session
    return [text for text in (s.topic_text, s.notes) if text]


def _session_cells(o: Occurrence, agenda: Agenda, links: dict[str, int]) -> tuple[Text, RenderableType, Text]:
    from rich.console import Group
    from rich.table import Table

    s = o.session
    zone, campus = agenda.zone, agenda.campus
    when = terminal.text(_when(o, agenda))
    aside = words.campus_aside(o.start, o.end, zone, campus)
    if aside:
        when.append(terminal.text(f"\n{aside}", "dim"))
    title = terminal.text(s.title, "work" if s.is_work_time else "")
    if s.link:
        title.append(terminal.text(f" [{links[s.link]}]", "dim"))
    what: list[RenderableType] = [title, *(terminal.text(detail, "dim") for detail in _details(o))]
    if s.checklist:
        # A grid, so that a step that wraps stays under its text, not under its box.
        steps = Table.grid(padding=(0, 1, 0, 0))
        steps.add_column(no_wrap=True)
        steps.add_column(overflow="fold")
        for step in s.checklist:
            steps.add_row(terminal.text("☐", "dim"), terminal.text(step, "dim"))
        what.append(steps)
    if s.kind == "group" and agenda.groups_overview:
        what.append(terminal.text(f"{GROUPS_OVERVIEW} [{links[agenda.groups_overview]}]", "dim"))
    kind = terminal.text(words.KIND_LABELS.get(s.kind, s.kind))
    if not s.is_work_time:
        kind.append(
            terminal.text(
                "\nrequired" if o.required else "\noptional",
                "required" if o.required else "optional",
            )
        )
    return when, Group(*what), kind


def _sessions_table(agenda: Agenda, links: dict[str, int]) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("Day", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("Session", ratio=1, overflow="fold")
    table.add_column("Kind", no_wrap=True)
    previous = None
    for o in agenda.sessions:
        label = words.day_label(o.start, agenda.zone, agenda.timeline.dated)
        today = agenda.today is not None and o.start.astimezone(agenda.zone).date() == agenda.today
        day = terminal.text(
            label if label != previous else "", "today" if today and label != previous else ""
        )
        table.add_row(day, *_session_cells(o, agenda, links), end_section=False)
        previous = label
    return table


def _sessions_list(agenda: Agenda) -> list[Line]:
    """The narrow layout: a heading per day, then each session over indented lines."""
    lines: list[Line] = []
    previous = None
    for o in agenda.sessions:
        label = words.day_label(o.start, agenda.zone, agenda.timeline.dated)
        if label != previous:
            today = agenda.today is not None and o.start.astimezone(agenda.zone).date() == agenda.today
            lines.extend((plain(""), plain(label, "today" if today else "title")))
            previous = label
        s = o.session
        lines.append(
            Line(
                ((f"{_when(o, agenda)} ", ""), (s.title, "work" if s.is_work_time else "")), indent=4, lead=2
            )
        )
        facts = [
            words.campus_aside(o.start, o.end, agenda.zone, agenda.campus),
            words.KIND_LABELS.get(s.kind, s.kind),
        ]
        if not s.is_work_time:
            facts.append("required" if o.required else "optional")
        lines.append(plain(" · ".join(f for f in facts if f), "dim", indent=4, lead=4))
        lines.extend(plain(detail, "dim", indent=4, lead=4) for detail in _details(o))
        lines.extend(Line((("☐ ", "dim"), (step, "dim")), indent=6, lead=4) for step in s.checklist)
        if s.link:
            lines.append(link_line(s.link, 4))
        if s.kind == "group" and agenda.groups_overview:
            lines.append(link_line(agenda.groups_overview, 4, f"{GROUPS_OVERVIEW}: "))
    return lines
