"""Printing check-conflict's answer: a few lines of styled text, written without Rich.

Loading Rich would cost more than all of check-conflict's work, so the report is laid out as
lines here; `check-conflict --show` draws the same lines above its grid (show/grid.py).
"""

from __future__ import annotations

from mod4cli.model.timeline import Occurrence, Slot
from mod4cli.plan.conflicts import ConflictReport
from mod4cli.show import marks, words
from mod4cli.show.terminal import Line, Span, Terminal


def show_conflict(report: ConflictReport, out: Terminal) -> None:
    """Print the answer to check-conflict in a few lines, without Rich."""
    out.write_lines(conflict_lines(report))


def conflict_lines(report: ConflictReport) -> list[Line]:
    """The answer to check-conflict as lines of styled text (also drawn above `--show`'s grid)."""
    timeline, shown = report.timeline, report.shown_zone
    week = f"week {report.week}" if report.week else "outside the module"
    lines = [Line((("Proposed: ", "title"), (f"{_proposed_text(report)} ({week})", "")), indent=2)]
    lines.extend(Line((("note: ", "dim"), (n, "dim")), indent=6) for n in report.notes)

    def collision(mark: str, label: str, style: str, o: Occurrence, note: str) -> Line:
        when = words.slot_text(Slot(o.start, o.end), shown, timeline) + marks.mark(o.session.defaults)
        body = (f"{o.session.title}, {when}", "")
        return Line(((mark, style), (label, style), body, (f" ({note})", "dim")), indent=2)

    lines.extend(collision("✗ ", "Conflict: ", "bad", o, "required") for o in report.conflicts)
    lines.extend(collision("! ", "Overlaps: ", "warn", o, "optional") for o in report.warnings)
    for b in report.coaching:
        when = words.span_text(b.start, b.end, shown, timeline.dated)
        body = f"coaching #{b.id} with {b.specialist}, {when}"
        lines.append(Line((("! ", "warn"), ("Also busy: ", "warn"), (body, "")), indent=2))
    for own in report.own:
        event = own.event
        when = words.event_when(event, shown, timeline)
        body = f"{event.summary}, {when}, from {own.calendar}"
        lines.append(Line((("! ", "warn"), ("Also busy: ", "warn"), (body, "")), indent=2))
    if not report.conflicts:
        lines.append(Line((("✓ ", "ok"), ("No conflict with a required PD session.", "ok")), indent=2))
    if report.in_work_time:
        block = report.work_block
        where = ""
        if block is not None:
            span = words.slot_text(Slot(block.start, block.end), shown, timeline)
            where = f", {span}{marks.mark(block.session.defaults)}"
        lines.append(Line((("✓ ", "work"), (f"In PD work time{where}.", "work")), indent=2))
    if report.rule:
        lines.append(Line((("Rule: ", "dim"), (report.rule, "dim")), indent=4, lead=2))
    if report.suggestions or report.suggestions_note:
        lines.append(Line((("", ""),)))
    if report.suggestions_note:
        lines.append(Line(((report.suggestions_note, "dim"),)))
    if report.suggestions:
        lines.append(Line((("Free slots of the same length nearby:", "title"),)))
        for s in report.suggestions:
            spans: tuple[Span, ...] = ((words.slot_text(s.slot, shown, timeline), ""),)
            if s.in_work_time:
                spans += ((" · PD work time", "work"),)
            lines.append(Line(spans, indent=4, lead=2))
    marked = (*report.conflicts, *report.warnings, *((report.work_block,) if report.work_block else ()))
    legend = marks.legend(o.session.defaults for o in marked)
    if legend:
        lines.extend((Line((("", ""),)), Line(((legend, "dim"),), indent=2)))
    return lines


def _proposed_text(report: ConflictReport) -> str:
    """The proposed slot as typed; without a start date, with each campus time it can be."""
    if not report.readings:
        return words.slot_text(report.slot, report.zone, report.timeline)
    slot, zone, campus = report.slot, report.zone, report.campus
    typed = words.undated_span(slot.start, slot.end, zone)
    options = " or ".join(words.undated_span(r.start, r.end, campus) for r in report.readings)
    return f"{typed} {zone.key} ({options} campus time)"
