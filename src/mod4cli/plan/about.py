"""The module at a glance (`mod4 about`): what it is, where its pages are, its rule, whom to ask."""

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli.model.schedule import DAY_NAMES, Coaching, Contact, Module

if TYPE_CHECKING:
    from mod4cli.plan.context import Context


class ContactGroup(NamedTuple):
    """Contact rules that share their answer: when any of them applies, do `how` there."""

    whens: tuple[str, ...]
    how: str
    where: str
    to: tuple[str, ...]


class About(NamedTuple):
    """The module as a whole, from the schedule in use (and the student's start date)."""

    module: Module
    start: date | None
    coaching: Coaching
    contacts: tuple[ContactGroup, ...]
    schedule_file: str | None  # None: the bundled schedule

    @property
    def exit_code(self) -> int:
        """Always 0: an overview is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The overview for `--json`; links are full URLs."""
        m = self.module
        return {
            "title": m.title,
            "overview": m.overview,
            "note": m.note,
            "learning_goals": m.learning_goals,
            "site": m.site,
            "groups_overview": m.groups_overview,
            "weeks": m.weeks,
            "start": self.start.isoformat() if self.start else None,
            "timezone": m.timezone,
            "rule": m.rule,
            "coaching": {
                "how": self.coaching.how,
                "minutes": self.coaching.minutes,
                "per_week": self.coaching.per_week,
                "topics": list(self.coaching.topics),
                "specialists": [
                    {
                        "name": s.name,
                        "days": [DAY_NAMES[d] for d in s.days],
                        "start": f"{s.start:%H:%M}",
                        "end": f"{s.end:%H:%M}",
                    }
                    for s in self.coaching.specialists
                ],
            },
            "contacts": [
                {"when": list(g.whens), "how": g.how, "where": g.where, "to": list(g.to)}
                for g in self.contacts
            ],
            "schedule": self.schedule_file,
        }


def contact_groups(contacts: tuple[Contact, ...]) -> tuple[ContactGroup, ...]:
    """The contact rules gathered by their answer, in the order of the file: a line each."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for c in contacts:
        groups.setdefault((c.how, c.where, c.to), []).append(c.when)
    return tuple(ContactGroup(tuple(whens), how, where, to) for (how, where, to), whens in groups.items())


def about(ctx: "Context") -> About:
    """The about command: the module at a glance."""
    from mod4cli.load.paths import bundled_schedule

    schedule = ctx.schedule
    chosen = ctx.schedule_path
    return About(
        module=schedule.module,
        start=ctx.state.profile.start or schedule.module.start,
        coaching=schedule.coaching,
        contacts=contact_groups(schedule.contacts),
        schedule_file=None if chosen == bundled_schedule() else str(chosen),
    )
