"""Drawing coaching: a booking made (`coach book`) and the list of bookings (`coach list`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mod4cli.plan.coaching import BookingList, BookingResult
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Terminal

if TYPE_CHECKING:
    from rich.console import RenderableType


def show_booking(result: BookingResult, out: Terminal) -> None:
    """Confirm a logged coaching meeting, with any PD session it overlaps."""
    out.draw(_booking_drawing(result, out.width))


def _booking_drawing(result: BookingResult, width: int) -> RenderableType:
    from rich.console import Group

    b = result.booking
    zone = result.zone
    topic = f" · {b.topic}" if b.topic else ""
    when = words.booking_when(b.start, b.minutes, zone, True)
    parts: list[RenderableType] = [
        terminal.join(terminal.text(f"Booked #{b.id}: ", "ok"), f"{b.specialist}, {when}", topic)
    ]
    warnings = [
        f"It overlaps {o.session.title} ({'required' if o.required else 'optional'})."
        for o in result.overlaps
    ]
    if warnings:
        parts.extend(terminal.bullets("!", warnings, width, "warn"))
    parts.append(terminal.text("Cancel with: mod4 coach cancel " + str(b.id), "dim"))
    return Group(*parts)


def show_bookings(listing: BookingList, out: Terminal) -> None:
    """The student's coaching meetings, past ones dimmed."""
    out.draw(_bookings_drawing(listing))


def _bookings_drawing(listing: BookingList) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table

    if not listing.bookings:
        return terminal.text("No coaching booked. Book 30 minutes with: mod4 coach book NAME WHEN", "dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("#", "Week", "When", "With", "Topic"):
        table.add_column(name, no_wrap=name != "Topic", overflow="fold")
    for b in listing.bookings:
        style = "dim" if b.start < listing.now else ""
        table.add_row(
            terminal.text(str(b.id), style),
            terminal.text(str(listing.timeline.week_of(b.start)), style),
            terminal.text(
                words.booking_when(b.start, b.minutes, listing.zone, listing.timeline.dated), style
            ),
            terminal.text(b.specialist, style),
            terminal.text(b.topic or "", style),
        )
    return Group(terminal.header("Coaching", "past meetings dimmed"), table)
