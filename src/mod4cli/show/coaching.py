"""Drawing coaching: a meeting recorded (`coach book`) and the list of them (`coach list`).

mod4 only records a meeting: it is booked with the specialist as the schedule says (the
links in their Slack bios), and both outputs say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.plan.coaching import BookingList, BookingResult
from mod4cli.show import marks, terminal, words
from mod4cli.show.terminal import Line, Terminal, plain

if TYPE_CHECKING:
    from rich.console import RenderableType


def show_booking(result: BookingResult, out: Terminal) -> None:
    """Confirm a recorded coaching meeting, how to book it for real, and what it overlaps."""
    b = result.booking
    zone = result.zone
    topic = f" · {b.topic}" if b.topic else ""
    when = words.span_text(b.start, b.end, zone, True)
    lines = [Line((("Recorded #" + str(b.id), "ok"), (f": {b.specialist}, {when}{topic}", "")), indent=2)]
    how = f" {result.how}" if result.how else ""
    lines.append(
        plain(f"mod4 only keeps a record of it: book the meeting itself with {b.specialist}.{how}", indent=2)
    )
    for o in result.overlaps:
        span = words.span_text(o.start, o.end, zone, True)
        note = "required" if o.required else "optional"
        text = f"It overlaps {o.session.title}, {span}{marks.mark(o.session.defaults)} ({note})."
        lines.append(Line((("! ", "warn"), (text, "warn")), indent=2))
    lines.append(plain(f"Cancel with: mod4 coach cancel {b.id}", "dim"))
    legend = marks.legend(o.session.defaults for o in result.overlaps)
    if legend:
        lines.append(plain(legend, "dim", indent=2))
    out.write_lines(lines)


def show_bookings(listing: BookingList, out: Terminal) -> None:
    """The student's coaching meetings, past ones dimmed, and how to book one."""
    out.page(bookings_page(listing, out.width))


def bookings_page(listing: BookingList, width: int) -> list[RenderableType | Line]:
    """The coaching meetings as a page: a table (a list below 60 columns), then how to book."""
    parts: list[RenderableType | Line] = []
    if listing.bookings:
        parts.append(Line((("Coaching", "title"), (" · past meetings dimmed", "dim")), indent=2))
        parts.extend([_table(listing)] if width >= terminal.NARROW else _list(listing))
    else:
        parts.append(plain("No coaching meetings recorded.", "dim"))
    parts.append(plain(""))
    names = " or ".join(listing.specialists)
    if names:
        how = f" {listing.how}" if listing.how else ""
        parts.append(plain(f"A {listing.minutes}-minute meeting with {names}:{how}", indent=2))
        parts.append(plain("Then record it here: mod4 coach book NAME WHEN", "dim", indent=2))
    else:
        parts.append(plain("No specialists in this schedule.", "dim"))
    return parts


def _list(listing: BookingList) -> list[Line]:
    lines = []
    for b in listing.bookings:
        style = "dim" if b.start < listing.now else ""
        when = words.span_text(b.start, b.end, listing.zone, listing.timeline.dated)
        week = listing.timeline.week_of(b.start)
        lines.append(
            Line(
                ((f"#{b.id}", style or "title"), (f" week {week} · {when}", style)),
                indent=4,
                lead=2,
            )
        )
        topic = f" · {b.topic}" if b.topic else ""
        lines.append(plain(f"with {b.specialist}{topic}", style, indent=4, lead=4))
    return lines


def _table(listing: BookingList) -> RenderableType:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("#", "Week", "When", "With", "Topic"):
        table.add_column(name, no_wrap=name != "Topic", overflow="fold")
    for b in listing.bookings:
        style = "dim" if b.start < listing.now else ""
        table.add_row(
            terminal.text(str(b.id), style),
            terminal.text(str(listing.timeline.week_of(b.start)), style),
            terminal.text(words.span_text(b.start, b.end, listing.zone, listing.timeline.dated), style),
            terminal.text(b.specialist, style),
            terminal.text(b.topic or "", style),
        )
    return table
