"""Printing an export (`mod4 export ics`): the file itself to stdout, or what was written where."""

from __future__ import annotations

from mod4cli.plan.export import Export
from mod4cli.show import words
from mod4cli.show.terminal import Line, Terminal

_IMPORT_HINT = "Import it in Google Calendar, Outlook or Apple Calendar; importing again updates it."


def show_export(exported: Export, out: Terminal) -> None:
    """The iCalendar bytes when no file was named; else a line saying what went where."""
    if exported.target is None:
        out.write_bytes(exported.data)
        return
    what = "busy blocks" if exported.busy_only else "sessions and deadlines"
    out.write_lines(
        [
            Line(
                ((f"Wrote {words.count(exported.events, 'event')} ({what}) to {exported.target}.", ""),),
                indent=2,
            ),
            Line(
                ((_IMPORT_HINT, "dim"),),
                indent=4,
                lead=2,
            ),
        ]
    )
