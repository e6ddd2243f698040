"""Printing the student's followed calendars (`mod4 calendar ...`), without Rich."""

from __future__ import annotations

from mod4cli.model.wording import ago
from mod4cli.plan.calendars import CalendarList, Refreshed, RefreshReport
from mod4cli.plan.own_calendar import shown_source, staleness
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Line, Span, Terminal


def show_refresh(report: RefreshReport, out: Terminal) -> None:
    """One line a calendar: added, refreshed or unchanged; a failure (and the copy kept) on stderr."""
    for r in report.results:
        if r.outcome == "failed":
            terminal.error(f"{r.name}: not refreshed: {r.detail}.", "The last good copy stays.")
    for r in report.results:
        for message in r.warnings:  # the reads stay quiet about them: this is when it is said
            terminal.warn(message)
        if r.outcome != "failed":
            out.write_lines([_outcome(r)])
            if r.detail:  # read, but not checked yet: no start date
                out.write_lines([Line(((r.detail, "warn"),), indent=4, lead=2)])
    if any(r.outcome == "added" for r in report.results):
        hint = "Refresh with `mod4 calendar refresh` (the README shows how to do it on a timer)."
        out.write_lines([Line(((hint, "dim"),), indent=2, lead=2)])


def _outcome(r: Refreshed) -> Line:
    busy = f"; {words.count(r.events, 'busy event')} in the module's weeks" if r.events is not None else ""
    spans: tuple[Span, ...]
    if r.outcome == "added":
        spans = (("✓ ", "ok"), ("Following ", ""), (r.name, "title"), (f" ({r.source}){busy}.", ""))
    elif r.outcome == "unchanged":
        spans = (("✓ ", "ok"), (f"{r.name}: ", "title"), ("unchanged since the last refresh.", ""))
    else:
        spans = (("✓ ", "ok"), (f"{r.name}: ", "title"), (f"refreshed{busy}.", ""))
    return Line(spans, indent=4)


def show_calendars(listing: CalendarList, out: Terminal) -> None:
    """Each followed calendar: its name, its source (an address masked), and its last refresh."""
    if not listing.calendars:
        out.write_lines([Line((("You follow no calendar. Add one: mod4 calendar add ADDRESS", "dim"),))])
        return
    lines = []
    for sub in listing.calendars:
        lines.append(Line(((sub.name, "title"), (f"  {shown_source(sub)}", "")), indent=4))
        when = ago(listing.now - sub.refreshed) if sub.refreshed else "never"
        note = staleness(sub, listing.now)
        detail: tuple[Span, ...] = ((f"last refreshed {when}", "dim"),)
        if note and sub.failure:
            detail += ((f" · {note}", "warn"),)
        elif note:  # an old copy: the note says when, and what to do
            detail = ((note, "warn"),)
        lines.append(Line(detail, indent=4, lead=2))
    out.write_lines(lines)
