"""`schedule check`: every problem of a cohort's schedule file, and warnings about a valid one
that is probably not what its authors meant."""

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli.model.errors import Problem, ScheduleError
from mod4cli.model.schedule import DAY_NAMES, Schedule
from mod4cli.model.timeline import Timeline, localize

if TYPE_CHECKING:
    from mod4cli.plan.context import Context


class ScheduleCheck(NamedTuple):
    """The verdict on a schedule file: its problems (exit 2 while there are any), or its summary."""

    path: str
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    schedule: Schedule | None = None

    @property
    def exit_code(self) -> int:
        """2 while the file has problems."""
        return 2 if self.problems else 0

    def to_json(self) -> dict[str, Any]:
        """The verdict for `--json`: every problem with its file, line and key."""
        data: dict[str, Any] = {"file": self.path, "ok": not self.problems}
        data["problems"] = [p.to_json() for p in self.problems]
        data["warnings"] = list(self.warnings)
        if self.schedule is not None:
            data["sessions"] = len(self.schedule.sessions)
            data["items"] = len(self.schedule.items)
        return data


def schedule_check(ctx: "Context", file: str) -> ScheduleCheck:
    """The schedule check command: validate a file, always from its own bytes (never the cache)."""
    from mod4cli.load.schedule_file import load_file

    try:
        checked = load_file(Path(file))
    except ScheduleError as error:
        return ScheduleCheck(file, problems=error.problems)
    return ScheduleCheck(file, warnings=tuple(schedule_warnings(checked)), schedule=checked)


def schedule_warnings(schedule: Schedule) -> list[str]:
    """Deadlines that fall during a session and, for a dated cohort, times in a DST gap or fold."""
    warnings = []
    for item in schedule.items:
        due = item.due
        for s in schedule.sessions_in(due.week):
            if s.day == due.day and s.start <= due.time < s.end and not s.is_work_time:
                warnings.append(
                    f"{item.id}: due week {due.week} {DAY_NAMES[due.day]} {due.time:%H:%M}, "
                    f"during {s.title} ({s.where}, {s.start:%H:%M}-{s.end:%H:%M})"
                )
    start = schedule.module.start
    if start is None:
        return warnings
    timeline = Timeline(start, True, schedule.module.zone, schedule.module.weeks)
    for s in schedule.sessions:
        day = timeline.date_of(s.week, s.day)
        for label, clock in (("start", s.start), ("end", s.end)):
            note = localize(day, clock, timeline.campus)[1]
            if note:
                warnings.append(f"{s.where}.{label} (week {s.week}): {note}")
    for item in schedule.items:
        note = localize(timeline.date_of(item.due.week, item.due.day), item.due.time, timeline.campus)[1]
        if note:
            warnings.append(f"{item.id} due: {note}")
    return warnings
