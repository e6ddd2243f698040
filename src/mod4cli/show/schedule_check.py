"""Printing the verdict on a schedule file (`mod4 schedule check FILE`)."""

from __future__ import annotations

from mod4cli.model.errors import problems_text
from mod4cli.plan.schedule_check import ScheduleCheck
from mod4cli.show import terminal, words
from mod4cli.show.terminal import Line, Terminal


def show_schedule_check(check: ScheduleCheck, out: Terminal) -> None:
    """Every problem, on stderr as an error (exit 2); or the file's summary and its warnings."""
    if check.problems:
        terminal.error(problems_text(check.path, check.problems))
        return
    schedule = check.schedule
    assert schedule is not None
    warnings = check.warnings
    verdict = ": OK"
    if warnings:
        verdict += f", with {words.count(len(warnings), 'warning')}"
    weeks = len({s.week for s in schedule.sessions})
    facts = [
        f"{words.count(len(schedule.sessions), 'session')} over {weeks} of {schedule.module.weeks} weeks",
        f"{words.count(len(schedule.items), 'deliverable item')}, "
        f"{words.count(len(schedule.coaching.specialists), 'specialist')}",
        f"start: {schedule.module.start or 'none (students set theirs with mod4 init)'}",
    ]
    lines = [Line(((check.path, "path"), (verdict, "")), indent=2)]
    lines.extend(Line(((fact, "dim"),), indent=4, lead=2) for fact in facts)
    lines.extend(Line((("warning: ", "warn"), (w, "warn")), indent=4, lead=2) for w in warnings)
    out.write_lines(lines)
