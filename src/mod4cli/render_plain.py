"""Short answers laid out as lines of styled text, printed without loading Rich.

`check-conflict` answers in a few lines, and loading Rich would cost more than all of its
work, so its report is laid out here and written by styled.py; render_more.py turns the same
lines into Rich text where a drawing is wanted (`check-conflict --show`), so both say exactly
the same thing.
"""

from __future__ import annotations

from functools import singledispatch

from mod4cli.conflicts import ConflictReport, Slot
from mod4cli.console import safe
from mod4cli.styled import Line, Span
from mod4cli.timefmt import slot_text
from mod4cli.timeline import Occurrence


@singledispatch
def lines_of(result: object, width: int) -> list[Line]:
    """The logical lines of a result that prints without Rich."""
    raise TypeError(f"no plain layout for {type(result).__name__}")


# ------------------------------------------------------------------------------------------
# check-conflict


@lines_of.register(ConflictReport)
def _(report: ConflictReport, width: int) -> list[Line]:
    cal, zone = report.calendar, report.zone
    week = f"week {report.week}" if report.week else "outside the module"
    lines = [Line((("Proposed: ", "title"), (f"{slot_text(report.slot, zone, cal)} ({week})", "")))]
    lines.extend(Line((("note: ", "dim"), (n, "dim")), indent=6) for n in report.notes)

    def collision(mark: str, label: str, style: str, o: Occurrence, note: str) -> Line:
        when = slot_text(Slot(o.start, o.end), zone, cal)
        body = (f"{safe(o.session.title)}, {when}", "")
        return Line(((mark, style), (label, style), body, (f" ({note})", "dim")), indent=2)

    lines.extend(collision("✗ ", "Conflict: ", "bad", o, "required") for o in report.conflicts)
    lines.extend(collision("! ", "Overlaps: ", "warn", o, "optional") for o in report.warnings)
    if not report.conflicts:
        lines.append(Line((("✓ ", "ok"), ("No conflict with a required PD session.", "ok")), indent=2))
    if report.in_work_time:
        work = "In PD work time: the preferred place for interviews and coffee chats."
        lines.append(Line((("✓ ", "work"), (work, "work")), indent=2))
    else:
        work = "PD work time is the preferred place for interviews and coffee chats."
        lines.append(Line(((work, "dim"),), indent=2, lead=2))
    if report.suggestions:
        lines.append(Line((("", ""),)))
        lines.append(Line((("Free slots of the same length nearby:", "title"),)))
        for s in report.suggestions:
            spans: tuple[Span, ...] = ((slot_text(s.slot, zone, cal), ""),)
            if s.in_work_time:
                spans += ((" · PD work time", "work"),)
            lines.append(Line(spans, indent=4, lead=2))
    return lines
