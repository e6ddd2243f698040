"""Warnings about a valid schedule that is probably not what its authors meant."""

from __future__ import annotations

from mod4cli.schedule import DAY_NAMES, Schedule
from mod4cli.timeline import Calendar, localize


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
    calendar = Calendar(start, True, schedule.module.zone, schedule.module.weeks)
    for s in schedule.sessions:
        day = calendar.date_of(s.week, s.day)
        for label, clock in (("start", s.start), ("end", s.end)):
            note = localize(day, clock, calendar.campus)[1]
            if note:
                warnings.append(f"{s.where}.{label} (week {s.week}): {note}")
    for item in schedule.items:
        note = localize(calendar.date_of(item.due.week, item.due.day), item.due.time, calendar.campus)[1]
        if note:
            warnings.append(f"{item.id} due: {note}")
    return warnings
