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
    "coaching": ("coaching", "coach", "1:1", "meeting", "book", "booking", "specialist"),
}
COACHING = "coaching"


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


def all_contacts(schedule: Schedule) -> tuple[Contact, ...]:
    """The schedule's contact rules, and how to book coaching (from [coaching]) unless a rule says."""
    coaching = schedule.coaching
    if not coaching.how or not coaching.specialists or any(c.topic == COACHING for c in schedule.contacts):
        return schedule.contacts
    booking = Contact(
        topic=COACHING,
        when=f"A {coaching.minutes}-minute 1:1 coaching meeting",
        where="Slack",
        how=coaching.how.rstrip("."),
        to=tuple(s.name for s in coaching.specialists),
    )
    return (*schedule.contacts, booking)


def topic_names(schedule: Schedule) -> list[str]:
    """The topic ids of the schedule, for completion and messages."""
    return [c.topic for c in all_contacts(schedule)]


def contacts_for(schedule: Schedule, topic: str | None) -> ContactList:
    """The contact rule for a topic (by id, alias or a word of it), or every rule."""
    contacts = all_contacts(schedule)
    if topic is None:
        return ContactList(contacts, None)
    wanted = topic.strip().lower()
    exact = [c for c in contacts if c.topic == wanted]
    if exact:
        return ContactList(tuple(exact), topic)
    by_word = [
        c
        for c in contacts
        if wanted in _ALIASES.get(c.topic, ()) or wanted in c.when.lower().replace(",", " ").split()
    ]
    if by_word:
        return ContactList(tuple(by_word[:1]), topic)
    names = topic_names(schedule)
    hint = f"Topics: {', '.join(names)}." if names else "This schedule has no contact rules."
    raise UsageError(f"unknown contact topic {topic!r}", hint=hint)


def contact(ctx: "Context", topic: str | None = None) -> ContactList:
    """The contact command: whom to tell what, and where."""
    return contacts_for(ctx.schedule, topic)
