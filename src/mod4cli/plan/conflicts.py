"""Does a proposed appointment collide with a PD session? And if so, where else could it go?

The rule of the module: interviews and coffee chats go in PD work time, never during PD
sessions. A collision with a required session is a conflict; with an optional one (office
hours, or a workshop for a repeating student), a warning.
"""

from collections.abc import Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from mod4cli.model.timeline import Occurrence, Slot, Timeline, iso
from mod4cli.plan.free_slots import Suggestion, free_slots_near
from mod4cli.plan.sessions import WeekIndex, inside_work_time

if TYPE_CHECKING:
    from mod4cli.plan.context import Context
    from mod4cli.plan.sessions import Overlaps


class ConflictReport(NamedTuple):
    """The answer to check-conflict for one proposed slot."""

    slot: Slot
    conflicts: tuple[Occurrence, ...]  # required sessions: exit 1
    warnings: tuple[Occurrence, ...]  # optional sessions
    in_work_time: bool
    suggestions: tuple[Suggestion, ...]
    week: int | None  # the module week of the slot, if it falls inside the module
    zone: ZoneInfo
    timeline: Timeline
    notes: tuple[str, ...] = ()
    rule: str | None = None  # the schedule's rule for interviews and coffee chats, as it words it
    work_block: Occurrence | None = None  # the PD work time holding the slot, when one does

    @property
    def exit_code(self) -> int:
        """1 when the slot collides with a required session."""
        return 1 if self.conflicts else 0

    @property
    def campus(self) -> ZoneInfo:
        """The module's reference zone."""
        return self.timeline.campus

    def to_json(self) -> dict[str, Any]:
        """The report for `--json`."""
        campus, dated = self.campus, self.timeline.dated
        return {
            "start": iso(self.slot.start, campus) if dated else None,
            "end": iso(self.slot.end, campus) if dated else None,
            "week": self.week,
            "conflicts": [_collision_json(o, campus, dated) for o in self.conflicts],
            "warnings": [_collision_json(o, campus, dated) for o in self.warnings],
            "suggestions": [
                _slot_json(s.slot, campus, self.timeline) | {"in_pd_work_time": s.in_work_time}
                for s in self.suggestions
            ],
            "in_pd_work_time": self.in_work_time,
            "notes": list(self.notes),
        }


def _collision_json(o: Occurrence, campus: ZoneInfo, dated: bool) -> dict[str, Any]:
    data = o.to_json(campus, dated)
    return {"session": data.pop("id"), **data}


def _slot_json(slot: Slot, campus: ZoneInfo, timeline: Timeline) -> dict[str, Any]:
    local = slot.start.astimezone(campus)
    return {
        "start": iso(slot.start, campus) if timeline.dated else None,
        "end": iso(slot.end, campus) if timeline.dated else None,
        "week": timeline.week_of(slot.start),
        "day": local.strftime("%a").lower(),
        "start_time": f"{local:%H:%M}",
        "end_time": f"{slot.end.astimezone(campus):%H:%M}",
    }


def check_slot(
    slot: Slot,
    index: "Overlaps",
    timeline: Timeline,
    class_hours: tuple[time, time],
    zone: ZoneInfo,
    notes: Sequence[str] = (),
    not_before: datetime | None = None,
) -> ConflictReport:
    """Whether `slot` collides with any session, and the nearest free slots when it does."""
    hits = index.overlapping(slot.start, slot.end)
    conflicts = tuple(o for o in hits if o.required and not o.session.is_work_time)
    warnings = tuple(o for o in hits if not o.required and not o.session.is_work_time)
    in_work_time = inside_work_time(slot, hits)
    suggestions: tuple[Suggestion, ...] = ()
    if conflicts:
        suggestions = tuple(free_slots_near(slot, index, timeline, class_hours, not_before))
    week = timeline.week_of(slot.start)
    return ConflictReport(
        slot=slot,
        conflicts=conflicts,
        warnings=warnings,
        in_work_time=in_work_time,
        suggestions=suggestions,
        week=week if 1 <= week <= timeline.weeks else None,
        zone=zone,
        timeline=timeline,
        notes=tuple(notes),
        work_block=next(
            (o for o in hits if o.session.is_work_time and o.start <= slot.start and slot.end <= o.end), None
        ),
    )


def conflict_report(ctx: "Context", when_text: str, duration_text: str) -> ConflictReport:
    """Check one proposed appointment, typed as WHEN and --duration, against the sessions."""
    from mod4cli.plan.when import parse_duration, parse_when

    duration = parse_duration(duration_text)
    when = parse_when(when_text, ctx.timeline, ctx.zone)
    module = ctx.schedule.module
    report = check_slot(
        Slot(when.start, when.start + duration),
        WeekIndex.of(ctx),
        ctx.timeline,
        (module.class_start, module.class_end),
        ctx.zone,
        notes=[when.note] if when.note else [],
        not_before=ctx.now if ctx.timeline.dated else None,
    )
    return report._replace(rule=module.rule)
