"""The bundled schedule carries the module's facts; a bad schedule gets every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest

from mod4cli.load import paths
from mod4cli.load.schedule_file import load_file
from mod4cli.model.errors import ScheduleError
from mod4cli.model.schedule import Schedule


@pytest.fixture(scope="module")
def bundled() -> Schedule:
    return load_file(paths.bundled_schedule())


def _week_and_day(s: Schedule, sid: str) -> list[tuple[int, int]]:
    return [(x.week, x.day) for x in s.sessions if x.id == sid]


def test_bundled_module_facts(bundled: Schedule) -> None:
    assert bundled.module.weeks == 6
    assert bundled.module.timezone == "America/Denver"
    assert bundled.module.start is None  # a template for every cohort
    assert (bundled.module.class_start, bundled.module.class_end) == (time(9), time(16))


def test_bundled_workshops_fall_in_their_weeks(bundled: Schedule) -> None:
    weeks = {x.id: x.week for x in bundled.sessions if x.kind in ("workshop", "panel", "interviews")}
    assert weeks == {"negotiations": 1, "panel": 3, "mock-interviews": 4, "career-exploration": 5, "mod5": 6}
    panel = next(x for x in bundled.sessions if x.id == "panel")
    assert panel.day == 1  # Tuesday: week 3 Homeroom discusses "yesterday's" panel
    assert len(panel.topics) == 4
    links = {x.id: x.link for x in bundled.sessions}
    assert links["negotiations"] == "https://careerdev.turing.edu/module_four/negotiations"
    assert links["mod5"] == "https://careerdev.turing.edu/module-5/index"


def test_bundled_homeroom_and_mix_it_up(bundled: Schedule) -> None:
    homeroom = {x.week: (x.start, x.end) for x in bundled.sessions if x.id == "homeroom"}
    assert homeroom == {
        1: (time(13), time(14)),
        2: (time(13), time(13, 30)),
        3: (time(13), time(14)),
        4: (time(13), time(13, 30)),
        5: (time(13), time(14)),
    }
    mix = {x.week: (x.start, x.end) for x in bundled.sessions if x.id == "mix-it-up"}
    assert mix == {2: (time(13, 30), time(14)), 4: (time(13, 30), time(14))}
    assert all(x.day == 2 for x in bundled.sessions if x.kind == "group")  # Wednesdays


def test_bundled_weekly_office_hours_work_time_and_actions(bundled: Schedule) -> None:
    for week in range(1, 7):
        kinds = {x.kind for x in bundled.sessions_in(week)}
        assert {"office-hours", "work-time"} <= kinds, week
    # Weeks 1-5 have the site's Homeroom prompts; week 6 has no Homeroom, so no prompt.
    for week in range(1, 6):
        plan = bundled.week_plan(week)
        assert plan is not None and plan.actions and plan.source == "site", week
    assert bundled.week_plan(6) is None
    defaults = {x.id for x in bundled.sessions if x.cohort_default}
    assert {"office-hours", "work-time", "negotiations"} <= defaults
    assert not any(x.cohort_default for x in bundled.sessions if x.kind == "group")  # times are known


def test_bundled_deliverables(bundled: Schedule) -> None:
    assert [i.id for i in bundled.items] == ["resume", "linkedin", "portfolio", "survey"]
    portfolio = bundled.item("portfolio")
    assert portfolio is not None
    assert portfolio.stages == ("not-started", "review-requested", "published")
    due = {i.id: (i.due.week, i.due.day, i.due.time) for i in bundled.items}
    assert due["resume"] == (5, 4, time(17))
    assert due["survey"] == (6, 4, time(17))
    survey = bundled.item("survey")
    assert survey is not None and survey.link == "https://airtable.com/shrsS9pDedt4Jvnkd"


def test_bundled_coaching_contacts_and_repeating(bundled: Schedule) -> None:
    coaching = bundled.coaching
    assert (coaching.minutes, coaching.per_week) == (30, 1)
    assert [s.name for s in coaching.specialists] == ["Tracey", "Ryan"]
    assert all(
        s.days == (0, 1, 2, 3, 4) and (s.start, s.end) == (time(9), time(17)) for s in coaching.specialists
    )
    assert len(coaching.topics) == 7
    topics = {c.topic: c for c in bundled.contacts}
    assert topics["group-question"].where == "Cohort Combined Slack channel"
    assert {"missing-pd", "offer", "interview", "application", "other"} <= set(topics)
    assert all(c.to == ("Tracey", "Ryan") for c in bundled.contacts)
    assert "workshop" in bundled.repeating.optional_kinds
    assert "group" not in bundled.repeating.optional_kinds
    assert bundled.repeating.action


def test_mock_interviews_need_the_resume(bundled: Schedule) -> None:
    mock = next(x for x in bundled.sessions if x.id == "mock-interviews")
    assert mock.requires == ("resume",)
    assert len(mock.checklist) == 3


THREE_MISTAKES = """\
schema = 1
[module]
title = "Cohort 2701"
timezone = "America/Denver"

[[session]]
id = "talk"
title = "Talk"
kind = "workshop"
week = 1
day = "tues"
start = "10:00"
end = "11:00"

[[session]]
id = "chat"
title = "Chat"
kind = "group"
week = 2
day = "wed"
start = "1pm"
end = "14:00"
colour = "red"

[[deliverable]]
id = "kit"
title = "Kit"
due = { week = 5, day = "fri", time = "17:00" }
[[deliverable.item]]
id = "cv"
title = "CV"
"""


def test_every_problem_is_reported_with_its_line_and_key(schedule_file: Callable[..., Path]) -> None:
    path = schedule_file(THREE_MISTAKES)
    with pytest.raises(ScheduleError) as caught:
        load_file(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:11: session[1].day: expected one of mon..fri, got 'tues'",
        f"{path}:21: session[2].start: expected HH:MM (24-hour), got '1pm'",
        f"{path}:23: session[2].colour: unknown key (expected one of: checklist, cohort_default, day, defaults, "
        "end, id, kind, link, notes, required, requires, source, start, title, topic, topics, week, weeks)",
    ]
    assert caught.value.exit_code == 2


def test_overlapping_sessions_are_reported(schedule_file: Callable[..., Path]) -> None:
    text = THREE_MISTAKES.replace('day = "tues"', 'day = "wed"').replace('"1pm"', '"10:30"')
    text = text.replace('week = 2\nday = "wed"', 'week = 1\nday = "wed"').replace('colour = "red"\n', "")
    with pytest.raises(ScheduleError) as caught:
        load_file(schedule_file(text))
    (problem,) = map(str, caught.value.problems)
    assert (
        "session[2]: Chat, week 1 wed 10:30-14:00 overlaps session[1] (Talk, week 1 wed 10:00-11:00)"
        in problem
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("schema = 1", "schema = 9"),
            "schema: version 9 is newer than this mod4 understands (1); upgrade mod4",
        ),
        (('timezone = "America/Denver"', 'timezone = "Mars/Olympus"'), "module.timezone: unknown time zone"),
        (
            ('title = "Cohort 2701"', 'title = "Cohort 2701"\nstart = 2027-01-05'),
            "module.start: the module starts on a Monday",
        ),
        (("week = 5,", "week = 9,"), "deliverable[1].due.week: expected 1..6, got 9"),
        (('end = "11:00"', 'end = "09:00"'), "session[1].end: must be after start"),
        (('kind = "workshop"', 'kind = "lecture"'), "session[1].kind: expected one of workshop"),
    ],
)
def test_single_mistakes_are_named(
    schedule_file: Callable[..., Path], change: tuple[str, str], expected: str
) -> None:
    fixed = (
        THREE_MISTAKES.replace('"tues"', '"tue"').replace('"1pm"', '"13:00"').replace('colour = "red"\n', "")
    )
    load_file(schedule_file(fixed))  # the base is valid
    with pytest.raises(ScheduleError) as caught:
        load_file(schedule_file(fixed.replace(*change)))
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_broken_toml_names_the_file_and_line(schedule_file: Callable[..., Path]) -> None:
    path = schedule_file('schema = 1\n[module\ntitle = "x"\n')
    with pytest.raises(ScheduleError) as caught:
        load_file(path)
    assert f"{path}:2: not valid TOML" in caught.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="file not found"):
        load_file(tmp_path / "nope.toml")


def test_a_specialists_days_are_read_as_a_sessions_day_is(tmp_path: Path) -> None:
    # One weekday reader for both (review finding 23): any case, and the same message.
    text = paths.bundled_schedule().read_text(encoding="utf-8")
    path = tmp_path / "days.toml"
    path.write_text(
        text.replace('days = ["mon", "tue", "wed", "thu", "fri"]', 'days = ["Mon", "tues", "THU"]', 1)
    )
    with pytest.raises(ScheduleError) as caught:
        load_file(path)
    assert [(p.key, p.message) for p in caught.value.problems] == [
        ("coaching.specialist[1].days[2]", "expected one of mon..fri, got 'tues'")
    ]
    path.write_text(text.replace('days = ["mon", "tue", "wed", "thu", "fri"]', 'days = ["Mon", "THU"]', 1))
    assert load_file(path).coaching.specialists[0].days == (0, 3)
