"""The whole page, where students look (issue 11, items 1-8): full links, every fact of the page
and of the site shown, cohort defaults marked, and nothing invented."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from mod4cli.load import paths
from mod4cli.load.schedule_file import load_file
from mod4cli.model.errors import ScheduleError
from mod4cli.show import marks
from mod4cli.show.terminal import Line, wrap
from tests.helpers import Run

RunFn = Callable[..., Run]
SITE = "https://careerdev.turing.edu"
SURVEY = "https://airtable.com/shrsS9pDedt4Jvnkd"
RULE = "Try to schedule interviews and coffee chats during PD work time, not during PD sessions."


@pytest.fixture
def student(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> RunFn:
    """A student of the cohort starting Monday 4 January 2027; now Monday of week 4, 09:00."""
    assert run("init", "--start", "2027-01-04").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2027-01-25T09:00")
    return run


def _cohort(schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, extra: str) -> Path:
    """The mini schedule with `extra` lines added to its [module] table, in use."""
    path = schedule_file()
    path.write_text(path.read_text().replace("[module]\n", f"[module]\n{extra}\n", 1))
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    return path


# --- 1. Every link is a full URL, whole on one line, clickable --------------------------------


def test_the_pages_relative_links_are_full_urls_on_its_site(run: RunFn) -> None:
    links = {
        s["id"]: s["link"]
        for week in range(1, 7)
        for s in run("week", str(week), "--json").json()["sessions"]
    }
    assert links == {
        "negotiations": f"{SITE}/module_four/negotiations",
        "panel": None,
        "mock-interviews": f"{SITE}/module_four/mod4_mock_interviews",
        "career-exploration": None,
        "mod5": f"{SITE}/module-5/index",
        "homeroom": f"{SITE}/student_discussion_groups/mod4_homeroom_discussion_prompts",
        "mix-it-up": f"{SITE}/mixed_groups/mixed_mod4_directions",
        "office-hours": None,
        "work-time": None,
    }
    about = run("about", "--json").json()
    assert (about["site"], about["learning_goals"], about["groups_overview"]) == (
        SITE, f"{SITE}/module_four/mod4_learning_goals", f"{SITE}/student_discussion_groups/index"
    )  # fmt: skip


def test_a_cohort_file_may_name_another_site(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cohort(schedule_file, monkeypatch, 'site = "https://careers.example.edu/"')
    path.write_text(path.read_text().replace('title = "Talk"\n', 'title = "Talk"\nlink = "/talks/one"\n', 1))
    (talk,) = [s for s in run("week", "1", "--json").json()["sessions"] if s["id"] == "talk"]
    assert talk["link"] == "https://careers.example.edu/talks/one"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ('title = "Talk"\n', 'title = "Talk"\nlink = "module_four/negotiations"\n'),
            "session[1].link: expected a full http(s) address or a path on the site starting with '/', "
            "got 'module_four/negotiations'",
        ),
        (
            ('title = "CV"\n', 'title = "CV"\nlink = "javascript:alert(1)"\n'),
            "deliverable[1].item[1].link: expected a full http(s) address",
        ),
        (
            ('title = "Mini module"\n', 'title = "Mini module"\nsite = "careerdev.turing.edu"\n'),
            "module.site: expected a full http(s) address such as https://careerdev.turing.edu, "
            "got 'careerdev.turing.edu'",
        ),
    ],
)
def test_a_link_that_is_neither_a_url_nor_a_path_is_a_schedule_error(
    schedule_file: Callable[..., Path], change: tuple[str, str], problem: str
) -> None:
    path = schedule_file(schedule_file().read_text().replace(*change, 1))
    with pytest.raises(ScheduleError) as caught:
        load_file(path)
    (found,) = caught.value.problems
    assert found.line is not None and problem in str(found)


@pytest.mark.parametrize("width", ["80", "40"])
def test_every_url_prints_whole_on_one_line(
    student: RunFn, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    for args in (("week", "4"), ("week", "6"), ("todo",), ("about",)):
        urls = {
            *(s["link"] for s in student(*args, "--json").json().get("sessions", []) if s["link"]),
            *(i["link"] for i in student(*args, "--json").json().get("items", []) if i["link"]),
        }
        lines = student(*args).stdout.splitlines()
        for url in urls:
            assert any(url in line for line in lines), (args, width, url)


def test_links_are_clickable_on_a_terminal(student: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    prompts = f"{SITE}/student_discussion_groups/mod4_homeroom_discussion_prompts"
    assert f"\x1b]8;;{prompts}\x1b\\\x1b[4m{prompts}\x1b[0m\x1b]8;;\x1b\\" in student("week", "4").stdout
    monkeypatch.setenv("COLUMNS", "40")
    assert f"\x1b]8;;{prompts}\x1b\\" in student("week", "4").stdout


def test_a_link_that_cannot_fit_stays_beside_its_label_whole() -> None:
    url = f"{SITE}/student_discussion_groups/index"
    line = Line((("Homeroom Groups overview: ", "dim"), (url, "url")), indent=6, lead=4)
    assert wrap(line, 40) == [[("    ", ""), ("Homeroom Groups overview:", "dim"), (" ", ""), (url, "url")]]
    short = Line((("Survey: ", "dim"), (SURVEY, "url")), indent=2)
    assert wrap(short, 40) == [[("Survey:", "dim")], [("  ", ""), (SURVEY, "url")]]  # it fits below: it moves


def test_the_homeroom_prompts_link_is_whole_at_80_columns_in_the_installed_mod4(
    mod4_exe: Callable[..., Run],
) -> None:
    week = mod4_exe("week", "3", env={"COLUMNS": "80"})
    assert week.exit_code == 0, week.stderr
    assert f"  [1] {SITE}/student_discussion_groups/mod4_homeroom_discussion_prompts\n" in week.stdout
    assert "_dis\n" not in week.stdout


# --- 2. The survey link where the survey is ------------------------------------------------------


def test_the_survey_link_in_todo_week_6_and_their_json(student: RunFn) -> None:
    assert f"  [1] {SURVEY}\n" in student("todo").stdout
    (survey,) = [i for i in student("todo", "--json").json()["items"] if i["id"] == "survey"]
    assert survey["link"] == SURVEY
    week6 = student("week", "6").stdout
    assert (
        f"  ☐ Complete the self-evaluation survey · Fri 12 Feb 17:00* · not-started\n    {SURVEY}\n"
    ) in week6
    assert student("week", "6", "--json").json()["due"][0]["link"] == SURVEY


def test_status_shows_the_survey_link_when_it_is_the_next_thing_due(
    student: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    student("done", "resume", "linkedin", "portfolio")
    monkeypatch.setenv("MOD4_NOW", "2027-02-08T09:00")
    out = student("status").stdout
    assert f"Due next: Complete the self-evaluation survey · Fri 12 Feb 17:00*\n  {SURVEY}\n" in out
    next_due = student("status", "--json").json()["next_due"]
    assert (next_due["id"], next_due["link"]) == ("survey", SURVEY)


def test_the_exported_survey_deadline_carries_the_link(student: RunFn, tmp_path: Path) -> None:
    out = tmp_path / "mod4.ics"
    assert student("export", "ics", "-o", str(out)).exit_code == 0
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
        if e["UID"] == "due-survey@mod4cli"
    ]
    assert str(event["URL"]) == SURVEY
    assert str(event["DESCRIPTION"]) == (
        "Self-evaluation survey. Record it with: mod4 done survey\n"
        f"{SURVEY}\n"
        "The day and time are defaults: your cohort's calendar may differ."
    )


# --- 3. The module at a glance, and the Homeroom overview with Homeroom ---------------------------


ABOUT = f"""\
Module 4 Professional Development & Job Search Support
Mod 4 is time to review content and strategies in order to refine and execute
your job search.
Sessions and activities are customized each module according to what the cohort
needs.

Weeks: 6, from Mon 4 Jan 2027
Campus zone: America/Denver
Site: {SITE}
Learning goals: {SITE}/module_four/mod4_learning_goals
Homeroom Groups: {SITE}/student_discussion_groups/index
Rule: Try to schedule interviews and coffee chats during PD work time, not
  during PD sessions.
Coaching: Tracey or Ryan, Mon-Fri 09:00-17:00 (America/Denver): 30 minutes, 1
  meeting a week. Reach out to either of them to set up a 1:1 using the links in
  their Slack bios.
Coaching topics: Terminal profiles, resume and cover letter; Job search
  strategy; Mock interviews; Pairin reports; Time management; Job offers;
  Anything else
Whom to contact:
  • A question relevant to the whole group → Ask in the channel and tag both
    specialists (Tracey, Ryan) · Cohort Combined Slack channel
  • You will not be able to attend PD; You got an offer; Interview updates and
    questions; Time-sensitive application questions; Any other question or
    concern → DM both specialists (Tracey, Ryan) · Slack direct message
Schedule: the bundled one

More: mod4 week N, mod4 todo, mod4 contact TOPIC.
"""


def test_about_is_the_module_at_a_glance(student: RunFn) -> None:
    result = student("about")
    assert result.exit_code == 0
    assert result.stdout == ABOUT


def test_about_json(student: RunFn) -> None:
    dm = ["You will not be able to attend PD", "You got an offer", "Interview updates and questions",
          "Time-sensitive application questions", "Any other question or concern"]  # fmt: skip
    assert student("about", "--json").json() == {
        "title": "Module 4 Professional Development & Job Search Support",
        "overview": "Mod 4 is time to review content and strategies in order to refine and execute your job search.",
        "note": "Sessions and activities are customized each module according to what the cohort needs.",
        "learning_goals": f"{SITE}/module_four/mod4_learning_goals",
        "site": SITE,
        "groups_overview": f"{SITE}/student_discussion_groups/index",
        "weeks": 6,
        "start": "2027-01-04",
        "timezone": "America/Denver",
        "rule": RULE,
        "coaching": {
            "how": "Reach out to either of them to set up a 1:1 using the links in their Slack bios.",
            "minutes": 30, "per_week": 1,
            "topics": ["Terminal profiles, resume and cover letter", "Job search strategy", "Mock interviews",
                       "Pairin reports", "Time management", "Job offers", "Anything else"],
            "specialists": [
                {"name": "Tracey", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"},
                {"name": "Ryan", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"},
            ],
        },
        "contacts": [
            {"when": ["A question relevant to the whole group"], "how": "Ask in the channel and tag both specialists",
             "where": "Cohort Combined Slack channel", "to": ["Tracey", "Ryan"]},
            {"when": dm, "how": "DM both specialists", "where": "Slack direct message", "to": ["Tracey", "Ryan"]},
        ],
        "schedule": None,
    }  # fmt: skip


def test_the_homeroom_groups_overview_is_shown_with_homeroom(
    student: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    overview = f"{SITE}/student_discussion_groups/index"
    week1 = student("week", "1").stdout
    assert "Homeroom Groups overview [3]" in week1 and f"  [3] {overview}\n" in week1
    assert student("week", "1", "--json").json()["groups_overview"] == overview
    assert student("week", "6", "--json").json()["groups_overview"] is None  # no Homeroom in week 6
    monkeypatch.setenv("COLUMNS", "40")
    assert f"    Homeroom Groups overview: {overview}\n" in student("week", "1").stdout


# --- 4. How to book coaching, and that mod4 only records it ---------------------------------------

HOW = "Reach out to either of them to set up a 1:1 using the links in their Slack bios."


def test_coach_list_says_how_to_book(student: RunFn) -> None:
    assert student("coach", "list").stdout == (
        "No coaching meetings recorded.\n"
        "\n"
        "A 30-minute meeting with Tracey or Ryan: Reach out to either of them to set up a\n"
        "  1:1 using the links in their Slack bios.\n"
        "Then record it here: mod4 coach book NAME WHEN\n"
    )
    assert student("coach", "list", "--json").json() == {
        "bookings": [], "how_to_book": HOW, "specialists": ["Tracey", "Ryan"],
    }  # fmt: skip


def test_contact_coaching_says_how_to_book(student: RunFn) -> None:
    assert student("contact", "coaching").stdout == (
        "A 30-minute 1:1 coaching meeting  (coaching)\n"
        "  → Reach out to either of them to set up a 1:1 using the links in their Slack\n"
        "    bios (Tracey, Ryan) · Slack\n"
    )
    assert student("contact", "book", "--json").json()["contacts"][0]["topic"] == "coaching"


def test_coach_book_says_it_only_records_the_meeting(student: RunFn) -> None:
    booked = student("coach", "book", "Tracey", "week 4 tue 14:00", "--topic", "mock")
    assert booked.exit_code == 0
    assert booked.stdout == (
        "Recorded #1: Tracey, Tue 26 Jan 14:00–14:30 MST · Mock interviews\n"
        "mod4 only keeps a record of it: book the meeting itself with Tracey. Reach out\n"
        "  to either of them to set up a 1:1 using the links in their Slack bios.\n"
        "Cancel with: mod4 coach cancel 1\n"
    )


# --- 5. The portfolio's note with the portfolio -------------------------------------------------

PORTFOLIO_NOTE = (
    "Request review on your Terminal portfolio; a member of the Career Dev team then reviews and "
    "publishes it. It isn't complete until it is published."
)


def test_the_portfolio_note_in_todo_and_week_5(student: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        student("todo").stdout
        == f"""\
To do · 4 items outstanding
Item        What                                 Due                 Stage
────────────────────────────────────────────────────────────────────────────────
            Update and complete your branding
            materials
resume      Targeted resume                      Fri 5 Feb 17:00*    not-started
linkedin    LinkedIn optimized for job           Fri 5 Feb 17:00*    not-started
            searching
portfolio   Terminal portfolio reviewed and      Fri 5 Feb 17:00*    not-started
            published
            Request review on your Terminal
            portfolio; a member of the Career
            Dev team then reviews and
            publishes it. It isn't complete
            until it is published.
            Self-evaluation survey
survey      Complete the self-evaluation         Fri 12 Feb 17:00*   not-started
            survey [1]

Links
  [1] {SURVEY}

* a default day or time: your cohort's calendar may differ.
"""
    )
    week5 = student("week", "5").stdout
    assert (
        "  ☐ Terminal portfolio reviewed and published · Fri 5 Feb 17:00* · not-started\n"
        "    Request review on your Terminal portfolio; a member of the Career Dev team\n"
        "    then reviews and publishes it. It isn't complete until it is published.\n"
    ) in week5
    monkeypatch.setenv("COLUMNS", "40")
    narrow = " ".join(student("todo").stdout.split())
    assert PORTFOLIO_NOTE in narrow


# --- 6. The interview rule comes from the schedule ------------------------------------------------


def test_the_rule_is_the_schedules(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        "  Rule: Try to schedule interviews and coffee chats during PD work time, not\n"
        "    during PD sessions.\n"
    ) in run("check-conflict", "week 3 wed 13:15").stdout
    _cohort(schedule_file, monkeypatch, 'rule = "Keep Thursdays free for interviews."')
    clash = run("check-conflict", "week 1 wed 13:15").stdout
    assert "  Rule: Keep Thursdays free for interviews.\n" in clash
    assert "PD work time is the preferred place" not in clash
    assert "preferred place" not in run("check-conflict", "week 1 thu 14:00").stdout


def test_no_rule_in_the_schedule_no_rule_printed(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file()))
    assert run("check-conflict", "week 1 thu 14:00").stdout == (
        "Proposed: Thu 14:00–14:30 campus time (week 1)\n"
        "✓ No conflict with a required PD session.\n"
        "✓ In PD work time, Thu 13:00–16:00 campus time.\n"
    )


# --- 7. Cohort defaults marked, with one mark and one legend --------------------------------------


def test_the_legend_names_what_was_marked() -> None:
    assert marks.legend([(), ("time",)]) == "* a default time: your cohort's calendar may differ."
    assert (
        marks.legend([("time",), ("day", "time")])
        == "* a default day or time: your cohort's calendar may differ."
    )
    assert marks.legend([(), ()]) is None


def test_check_conflict_marks_the_default_panel_time(student: RunFn) -> None:
    result = student("check-conflict", "week 3 tue 10:15")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "Proposed: Tue 19 Jan 10:15–10:45 MST (week 3)\n"
        "✗ Conflict: Panel: guest speakers, Tue 19 Jan 10:00–11:30 MST* (required)\n"
    )
    assert result.stdout.endswith(
        "\n* a default time: your cohort's calendar may differ.\n"
    )  # the day is the site's


def test_status_next_and_due_times_are_marked(student: RunFn) -> None:
    out = student("status").stdout
    assert out.startswith(
        "Week 4 of 6 · 21 days left\nNext: Office hours · today 15:00–16:00*\nDue next: Targeted resume · Fri 5 Feb 17:00*\n"
    )
    assert "Update and complete your branding materials · due Fri 5 Feb 17:00*\n" in out
    assert out.endswith("\n* a default day or time: your cohort's calendar may differ.\n")


def test_the_grid_marks_default_blocks(student: RunFn) -> None:
    out = student("week", "4", "--grid").stdout
    assert "15:00  Office hours*" in out and "PD work time*" in out and "interviews*" in out
    assert out.endswith("* a default day or time: your cohort's calendar may differ.\n")


def test_defaults_in_json_keep_cohort_default(student: RunFn) -> None:
    sessions = {s["id"]: s for s in student("week", "3", "--json").json()["sessions"]}
    assert (sessions["panel"]["defaults"], sessions["panel"]["cohort_default"]) == (["time"], True)
    assert (sessions["office-hours"]["defaults"], sessions["office-hours"]["source"]) == (
        ["day", "time"],
        "page",
    )
    assert (sessions["homeroom"]["defaults"], sessions["homeroom"]["cohort_default"]) == ([], False)
    assert {i["due_defaults"] == ["day", "time"] for i in student("todo", "--json").json()["items"]} == {True}


def test_cohort_default_true_still_means_the_time(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = schedule_file(start="2027-01-04")
    path.write_text(
        path.read_text().replace('title = "Talk"\n', 'title = "Talk"\ncohort_default = true\n', 1)
    )
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T09:00")
    (talk,) = [s for s in run("week", "1", "--json").json()["sessions"] if s["id"] == "talk"]
    assert (talk["defaults"], talk["cohort_default"]) == (["time"], True)
    assert "* a default time: your cohort's calendar may differ." in run("week", "1").stdout


# --- 8. Where each fact comes from; tips apart from the sources -----------------------------------


def test_the_bundled_schedule_records_where_each_session_comes_from() -> None:
    bundled = load_file(paths.bundled_schedule())
    provenance = {(s.id, s.source, s.defaults) for s in bundled.sessions}
    assert provenance == {
        ("negotiations", "page", ("day", "time")),
        ("panel", "site", ("time",)),  # the week 3 Homeroom prompt puts it on the Tuesday
        ("mock-interviews", "site", ("day", "time")),
        ("career-exploration", "page", ("day", "time")),
        ("mod5", "page", ("day", "time")),
        ("homeroom", "site", ()),
        ("mix-it-up", "site", ()),
        ("office-hours", "page", ("day", "time")),
        ("work-time", "page", ("day", "time")),
    }
    assert {d.due.defaults for d in bundled.deliverables} == {("day", "time")}


def test_nothing_invented_is_shown_as_a_fact() -> None:
    bundled = load_file(paths.bundled_schedule())
    notes = {s.id: s.notes for s in bundled.sessions}
    assert notes["negotiations"] is None  # the worksheet belongs to the week 1 Homeroom prompt
    assert notes["office-hours"] is None
    assert notes["mock-interviews"] == "A 30-minute mock interview with a volunteer from an employer partner."
    mock = next(s for s in bundled.sessions if s.id == "mock-interviews")
    assert mock.checklist[-1] == (
        "If you do not hear from your volunteer within 48 hours of selecting a time, reach out to them "
        "with resume attached to request a link"
    )
    tips = {w.number: w.tips for w in bundled.weeks}
    assert tips == {
        1: ("Set specific goals for the module", "Start tailoring your resume to the roles you want"),
        2: ("Request review of your Terminal portfolio",),
        3: ("Finish your targeted resume before the mock interviews",),
        4: (),
        5: (),
    }
    assert bundled.week_plan(6) is None


def test_tips_are_shown_as_tips(student: RunFn) -> None:
    out = student("week", "1").stdout
    assert (
        "Suggested this week\n"
        "  • Agree on your Homeroom group's norms\n"
        "  • Fill in the negotiation worksheet: what matters to you besides salary, and\n"
        "    your top 3 reasons\n"
        "\n"
        "Tips from mod4, not from the module's pages\n"
        "  • Set specific goals for the module\n"
        "  • Start tailoring your resume to the roles you want\n"
    ) in out
    data = student("week", "1", "--json").json()
    assert data["tips"] == [
        "Set specific goals for the module",
        "Start tailoring your resume to the roles you want",
    ]
    assert "Set specific goals for the module" not in data["actions"]


def test_an_unknown_source_or_default_is_a_schedule_error(schedule_file: Callable[..., Path]) -> None:
    text = (
        schedule_file()
        .read_text()
        .replace('title = "Talk"\n', 'title = "Talk"\nsource = "rumour"\ndefaults = ["hour"]\n', 1)
    )
    with pytest.raises(ScheduleError) as caught:
        load_file(schedule_file(text))
    assert [(p.key, p.message) for p in caught.value.problems] == [
        ("session[1].source", "expected one of page, site, cohort, default, got 'rumour'"),
        ("session[1].defaults", "expected day and/or time, got 'hour'"),
    ]
