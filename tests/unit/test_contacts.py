"""plan/contacts.py on hand-built values: finding the rule for what a student types."""

from __future__ import annotations

import pytest

from mod4cli.model.errors import UsageError
from mod4cli.model.schedule import Coaching, Contact
from mod4cli.plan.contacts import contacts_for
from tests.helpers import a_coaching, a_schedule

BOTH = ("Tracey", "Ryan")
GROUP = Contact(topic="group-question", when="A question relevant to the whole group",
                where="Cohort Combined Slack channel", how="Ask in the channel and tag both", to=BOTH)  # fmt: skip
MISSING = Contact(
    topic="missing-pd", when="You will miss PD", where="Slack direct message", how="DM both", to=BOTH
)
# Listed before `offer`, and its description has the word too: the rule named `offer` still wins.
APPLICATION = Contact(topic="application", when="Time-sensitive application questions, or an offer deadline",
                      where="Slack direct message", how="DM both", to=BOTH)  # fmt: skip
OFFER = Contact(topic="offer", when="You got an offer", where="Slack direct message", how="DM both", to=BOTH)
INTERVIEW = Contact(topic="interview", when="Interview updates, news", where="Slack direct message",
                    how="DM both", to=BOTH)  # fmt: skip
VISA = Contact(
    topic="visa", when="Visa or work permit news", where="Email", how="Write to staff", to=("Staff",)
)
RULES = (GROUP, MISSING, APPLICATION, OFFER, INTERVIEW, VISA)
SCHEDULE = a_schedule(contacts=RULES, coaching=a_coaching(how="Use the links in their Slack bios."))
COACHING = Contact(topic="coaching", when="A 30-minute 1:1 coaching meeting", where="Slack",
                   how="Use the links in their Slack bios", to=BOTH)  # fmt: skip


def found(topic: str) -> list[str]:
    """The topics of the rules that answer `topic`."""
    return [c.topic for c in contacts_for(SCHEDULE, topic).contacts]


def test_no_topic_lists_every_rule_and_how_to_book_coaching() -> None:
    listed = contacts_for(SCHEDULE, None)
    assert (listed.contacts, listed.asked, listed.exit_code) == ((*RULES, COACHING), None, 0)


@pytest.mark.parametrize(
    ("asked", "topic"),
    [
        ("offer", "offer"),  # by its id, even though `application` mentions an offer first
        (" Missing-PD ", "missing-pd"),
        ("sick", "missing-pd"),  # a word students use for it
        ("coach", "coaching"),
        ("deadline", "application"),  # a word of its description
        ("time-sensitive", "application"),  # in any case
        ("questions", "application"),  # the comma after it is no part of the word
        ("permit", "visa"),  # a rule mod4 has no words for is found by its own
    ],
)
def test_a_rule_is_found_by_its_id_a_word_for_it_or_a_word_of_it(asked: str, topic: str) -> None:
    assert found(asked) == [topic]


def test_a_word_of_two_rules_gives_the_first_of_them() -> None:
    assert found("news") == ["interview"]  # `visa` has the word too


def test_the_answer_keeps_what_was_asked() -> None:
    assert contacts_for(SCHEDULE, " Offer ").asked == " Offer "
    assert contacts_for(SCHEDULE, "Sick").to_json() == {
        "topic": "Sick",
        "contacts": [{"topic": "missing-pd", "when": "You will miss PD", "where": "Slack direct message",
                      "how": "DM both", "to": ["Tracey", "Ryan"]}],
    }  # fmt: skip


@pytest.mark.parametrize("asked", ["promotion", "inter", "view"])  # parts of words are not words
def test_an_unknown_topic_lists_the_topics_there_are(asked: str) -> None:
    with pytest.raises(UsageError) as caught:
        contacts_for(SCHEDULE, asked)
    assert (caught.value.message, caught.value.hint) == (
        f"unknown contact topic {asked!r}",
        "Topics: group-question, missing-pd, application, offer, interview, visa, coaching.",
    )


def test_a_schedule_without_rules_says_so() -> None:
    with pytest.raises(UsageError) as caught:
        contacts_for(a_schedule(), "offer")
    assert caught.value.hint == "This schedule has no contact rules."


@pytest.mark.parametrize(
    "coaching",
    [a_coaching(how=None), a_coaching(specialists=())],
    ids=["no way to book", "no specialists"],
)
def test_coaching_is_a_rule_only_when_the_schedule_says_how_and_with_whom(coaching: Coaching) -> None:
    schedule = SCHEDULE._replace(coaching=coaching)
    assert contacts_for(schedule, None).contacts == RULES
    with pytest.raises(UsageError):
        contacts_for(schedule, "coaching")


def test_a_schedules_own_coaching_rule_is_not_doubled() -> None:
    own = Contact(topic="coaching", when="Coaching", where="Email", how="Write to them", to=BOTH)
    schedule = SCHEDULE._replace(contacts=(*RULES, own))
    assert contacts_for(schedule, None).contacts == (*RULES, own)
    assert contacts_for(schedule, "1:1").contacts == (own,)
