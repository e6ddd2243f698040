"""Whom to tell what, and where: the communication rules of the schedule."""

from typing import TYPE_CHECKING, Any, NamedTuple

from mod4cli.model.errors import UsageError
from mod4cli.model.schedule import Contact, Schedule

if TYPE_CHECKING:
    from mod4cli.plan.context import Context

# Words a student may type for a topic, beyond its id and the words of its description.
_ALIASES = {
    "group-question": ("group", "question", "everyone", "cohort"),
    "missing-pd": ("missing", "miss", "absent", "absence", "sick", "pd"),
    "offer": ("offer", "job"),
    "interview": ("interview", "interviews", "update"),
    "application": ("application", "apply", "urgent"),
    "other": ("other", "concern", "anything"),
}


class ContactList(NamedTuple):
    """The rules that answer a question (all of them when none was asked)."""

    contacts: tuple[Contact, ...]
    asked: str | None

    @property
    def exit_code(self) -> int:
        """Always 0: a list is an answer, not a verdict."""
        return 0

    def to_json(self) -> dict[str, Any]:
        """The rules for `--json`."""
        return {
            "topic": self.asked,
            "contacts": [
                {"topic": c.topic, "when": c.when, "where": c.where, "how": c.how, "to": list(c.to)}
                for c in self.contacts
            ],
        }


def topic_names(schedule: Schedule) -> list[str]:
    """The topic ids of the schedule, for completion and messages."""
    return [c.topic for c in schedule.contacts]


def contacts_for(schedule: Schedule, topic: str | None) -> ContactList:
    """The contact rule for a topic (by id, alias or a word of it), or every rule."""
    if topic is None:
        return ContactList(schedule.contacts, None)
    wanted = topic.strip().lower()
    exact = [c for c in schedule.contacts if c.topic == wanted]
    if exact:
        return ContactList(tuple(exact), topic)
    by_word = [
        c
        for c in schedule.contacts
        if wanted in _ALIASES.get(c.topic, ()) or wanted in c.when.lower().replace(",", " ").split()
    ]
    if by_word:
        return ContactList(tuple(by_word[:1]), topic)
    raise UsageError(f"unknown contact topic {topic!r}", hint=f"Topics: {', '.join(topic_names(schedule))}.")


def contact(ctx: "Context", topic: str | None = None) -> ContactList:
    """The contact command: whom to tell what, and where."""
    return contacts_for(ctx.schedule, topic)
