"""Output a student trusts (issue 11, items 9-12): lateness in words, one meaning of part-way,
honest pace, clean lines at any width, counts and empty lists, JSON where it is promised."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mod4cli.cli.commands import COMMANDS
from mod4cli.model.schedule import DuePoint, Item
from mod4cli.plan.status import pace
from mod4cli.plan.todos import DueItem
from tests.helpers import Run, installed_mod4, overflowing, trailing_spaces

RunFn = Callable[..., Run]


@pytest.fixture
def student(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> RunFn:
    """A student of the cohort starting Monday 4 January 2027; now Monday of week 4, 09:00."""
    assert run("init", "--start", "2027-01-04").exit_code == 0
    monkeypatch.setenv("MOD4_NOW", "2027-01-25T09:00")
    return run


# --- 9. Late in words, one meaning of part-way, honest pace and endings ---------------------------


def test_week_says_late_in_words(student: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOD4_NOW", "2027-02-08T12:00")
    out = student("week", "5").stdout
    start = out.index("Due this week")
    assert out[start : out.index("Suggested this week")] == (
        "Due this week\n"
        "  ☐ Targeted resume · Fri 5 Feb 17:00* · not-started · 2 days late\n"
        "  ☐ LinkedIn optimized for job searching · Fri 5 Feb 17:00* · not-started · 2\n"
        "    days late\n"
        "  ☐ Terminal portfolio reviewed and published · Fri 5 Feb 17:00* · not-started ·\n"
        "    2 days late\n"
        "    Request review on your Terminal portfolio; a member of the Career Dev team\n"
        "    then reviews and publishes it. It isn't complete until it is published.\n"
        "\n"
    )
    due = student("week", "5", "--json").json()["due"]
    assert [(d["id"], d["overdue"], d["days_late"]) for d in due] == [
        ("resume", True, 2), ("linkedin", True, 2), ("portfolio", True, 2)
    ]  # fmt: skip


PORTFOLIO_ONLY = """\
[module]
title = "Cohort 2701"
timezone = "America/Denver"
start = 2027-01-04

[[session]]
id = "talk"
title = "Talk"
kind = "workshop"
week = 1
day = "tue"
start = "10:00"
end = "11:00"

[[deliverable]]
id = "branding"
title = "Branding"
due = { week = 5, day = "fri", time = "17:00" }

[[deliverable.item]]
id = "portfolio"
title = "Portfolio published"
stages = ["not-started", "review-requested", "published"]
"""


def test_review_requested_is_half_way_in_todo_status_and_stage(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(PORTFOLIO_ONLY)))
    monkeypatch.setenv("MOD4_NOW", "2027-01-05T09:00")
    staged = run("stage", "portfolio", "review-requested")
    assert staged.stdout.startswith("Portfolio published: review-requested (1 of 2 steps done).\n")
    assert run("todo").stdout == (
        "To do · 1 item outstanding\n"
        "Item        What                  Due               Stage\n"
        "─────────────────────────────────────────────────────────────────────\n"
        "            Branding\n"
        "portfolio   Portfolio published   Fri 5 Feb 17:00   review-requested\n"
        "                                                    1 of 2 steps done\n"
    )
    status = run("status").stdout
    assert status[status.index("\n") + 1 :] == (  # after the week and days left
        "Next: Talk · today 10:00–11:00\n"
        "Due next: Portfolio published · Fri 5 Feb 17:00\n"
        "\n"
        "Branding · due Fri 5 Feb 17:00\n"
        "  ██████████░░░░░░░░░░  0 of 1 item done · on track\n"
        "  ◐ portfolio: review-requested, 1 of 2 steps done\n"
    )
    item = run("todo", "--json").json()["items"][0]
    assert (item["steps_done"], item["steps"]) == (1, 2)
    assert run("status", "--json").json()["deliverables"][0]["share"] == 0.5


def _due_item(done: bool) -> DueItem:
    item = Item(
        id="survey", title="Survey", deliverable="self", due=DuePoint(week=6, day=4, time=datetime.min.time())
    )
    return DueItem(
        item=item, deliverable="Self", due=None, stage="done" if done else "not-started", done=done, late=None
    )


def test_a_one_item_deliverable_is_behind_on_its_last_day_with_nothing_done() -> None:
    start = datetime(2027, 1, 4, 7, tzinfo=UTC)
    due = datetime(2027, 2, 13, 0, tzinfo=UTC)
    assert pace([_due_item(False)], start, due, due - timedelta(days=3)) == "on track"
    assert pace([_due_item(False)], start, due, due - timedelta(hours=8)) == "behind"
    assert pace([_due_item(True)], start, due, due - timedelta(hours=8)) == "done"
    assert pace([_due_item(False)], start, due, due) == "behind"  # at the due instant: still in time
    assert pace([_due_item(False)], start, due, due + timedelta(minutes=1)) == "overdue"


def test_after_the_module_status_lists_what_was_never_finished(
    student: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    student("done", "resume", "linkedin", "portfolio")
    monkeypatch.setenv("MOD4_NOW", "2027-03-01T09:00")
    assert student("status").stdout == (
        "Mod 4 is over · 1 item never finished\n"
        "Never finished: Complete the self-evaluation survey (survey)\n"
        "\n"
        "Update and complete your branding materials · due Fri 5 Feb 17:00*\n"
        "  ████████████████████  3 of 3 done\n"
        "  ✓ resume  ✓ linkedin  ✓ portfolio\n"
        "\n"
        "Self-evaluation survey · due Fri 12 Feb 17:00*\n"
        "  ░░░░░░░░░░░░░░░░░░░░  0 of 1 item done · overdue\n"
        "  ☐ survey\n"
        "\n"
        "* a default day or time: your cohort's calendar may differ.\n"
    )
    student("done", "survey")
    assert student("status").stdout.startswith("Mod 4 is over · every item done\n\n")


def test_a_finished_deliverable_reads_n_of_n_done(student: RunFn) -> None:
    student("done", "resume", "linkedin", "portfolio")
    out = student("status").stdout
    assert "  ████████████████████  3 of 3 done\n" in out
    assert "done; done" not in out


# --- 10. No line ends in spaces; wrapped lines keep their indent; the grid ----------------------

EVERY_VIEW = [
    ("about",), ("week", "1"), ("week", "4"), ("week", "6"), ("week", "4", "--grid"), ("todo",), ("status",),
    ("coach", "list"), ("contact",), ("contact", "coaching"), ("check-conflict", "week 4 wed 13:15"),
    ("check-conflict", "week 4 thu 14:00"), ("check-conflict", "week 4 wed 13:15", "--show"),
    ("week", "4", "--grid", "--tz", "Asia/Kolkata"), ("status", "--tz", "Asia/Kolkata"),
    ("coach", "book", "Tracey", "week 4 mon 15:15"), ("coach", "list"), ("done", "resume"), ("stage", "portfolio", "review-requested"),
    ("undo",), ("schedule", "check", "data/schedule.toml"),
]  # fmt: skip


@pytest.mark.parametrize("width", ["80", "60", "40"])
def test_no_line_ends_in_spaces_or_runs_past_the_width(
    student: RunFn, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.chdir(Path(__file__).parent.parent)
    for args in EVERY_VIEW:
        result = student(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert trailing_spaces(result.stdout) == [], args
        assert overflowing(result.stdout, int(width)) == [], args


_CODES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b]*\x1b\\")


@pytest.mark.parametrize("width", [80, 40])
def test_in_a_terminal_no_line_ends_in_spaces(tmp_path: Path, width: int) -> None:
    """The installed mod4 in a pseudo-terminal: colours, links, and still no trailing spaces."""
    env = {**os.environ, "MOD4_HOME": str(tmp_path / "home"), "MOD4_NOW": "2027-01-25T09:00", "TERM": "xterm"}
    for name in ("COLUMNS", "NO_COLOR"):
        env.pop(name, None)
    subprocess.run(
        [installed_mod4(), "init", "--start", "2027-01-04"], env=env, capture_output=True, check=True
    )
    for args in (("week", "4"), ("week", "4", "--grid"), ("todo",), ("status",), ("about",),
                 ("check-conflict", "week 4 wed 13:15", "--show"), ("week", "4", "--grid", "--tz", "Asia/Kolkata")):  # fmt: skip
        text = _in_a_terminal([installed_mod4(), *args], env, width)
        assert "\x1b[" in text, args  # it is a terminal: styled
        plain = _CODES.sub("", text).replace("\r\n", "\n")
        assert trailing_spaces(plain) == [], args
        assert overflowing(plain, width) == [], args


def _in_a_terminal(command: list[str], env: dict[str, str], width: int) -> str:
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 60, width, 0, 0))
    process = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_wrapped_lines_keep_their_indent(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    assert run("contact", "group").stdout == (
        "A question relevant to the whole group\n"
        "  (group-question)\n"
        "  → Ask in the channel and tag both\n"
        "    specialists (Tracey, Ryan) · Cohort\n"
        "    Combined Slack channel\n"
    )
    assert run("check-conflict", "week 3 wed 13:15").stdout.startswith(
        "Proposed: Wed 13:15–13:45 campus time\n  (week 3)\n✗ Conflict: Homeroom group, Wed\n  13:00–14:00 campus time (required)\n"
    )
    week = run("week", "4").stdout
    assert (
        "    ☐ If you do not hear from your\n"
        "      volunteer within 48 hours of\n"
        "      selecting a time, reach out to\n"
    ) in week


def test_the_grid_at_60_columns_has_whole_words_and_no_stray_cells(
    student: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    assert student("week", "4", "--grid").stdout == (
        "Week 4 of 6 · SMART-goal updates and Mix It Up prep\n"
        "Times in America/Denver\n"
        "       Mon 25     Tue 26     Wed 27     Thu 28     Fri 29\n"
        "────────────────────────────────────────────────────────────\n"
        "09:00                                   Employer\n"
        "                                        mock\n"
        "10:00                                   intervie…\n"
        "                                        │\n"
        "11:00                                   │\n"
        "                                        │\n"
        "12:00\n"
        "\n"
        "13:00                        Homeroom   PD work ░  PD work ░\n"
        "                             Mix It Up  time* ░░░  time* ░░░\n"
        "14:00                                   ░░░░░░░░░  ░░░░░░░░░\n"
        "                                        ░░░░░░░░░  ░░░░░░░░░\n"
        "15:00  Office                           ░░░░░░░░░  ░░░░░░░░░\n"
        "       hours*                           ░░░░░░░░░  ░░░░░░░░░\n"
        "│ session  ░ PD work time  ★ coaching  ▶ proposed\n"
        "✗ collision\n"
        "* a default day or time: your cohort's calendar may differ.\n"
    )


def test_the_grid_stays_compact_for_a_student_far_from_campus(student: RunFn) -> None:
    assert student("week", "4", "--grid", "--tz", "Asia/Kolkata").stdout == (
        "Week 4 of 6 · SMART-goal updates and Mix It Up prep\n"
        "Times in Asia/Kolkata (campus America/Denver)\n"
        "         Mon 25        Tue 26        Wed 27        Thu 28        Fri 29\n"
        "─────────────────────────────────────────────────────────────────────────────\n"
        "                                                   Employer\n"
        "22:00                                              mock\n"
        "                                                   interviews*\n"
        "23:00                                              │\n"
        "                                                   │\n"
        "00:00+1                                            │\n"
        "\n"
        "01:00+1\n"
        "                                     Homeroom      PD work ░░░░  PD work ░░░░\n"
        "02:00+1                              Mix It Up     time* ░░░░░░  time* ░░░░░░\n"
        "                                                   ░░░░░░░░░░░░  ░░░░░░░░░░░░\n"
        "03:00+1                                            ░░░░░░░░░░░░  ░░░░░░░░░░░░\n"
        "         Office                                    ░░░░░░░░░░░░  ░░░░░░░░░░░░\n"
        "04:00+1  hours*                                    ░░░░░░░░░░░░  ░░░░░░░░░░░░\n"
        "│ session  ░ PD work time  ★ coaching  ▶ proposed  ✗ collision\n"
        "* a default day or time: your cohort's calendar may differ.\n"
    )


# --- 11. Counts agree; empty lists are sentences; a minimal cohort file works everywhere --------

MINIMAL = """\
[module]
title = "Cohort 2701"
timezone = "America/Denver"

[[session]]
id = "talk"
title = "Talk"
kind = "workshop"
week = 1
day = "tue"
start = "10:00"
end = "11:00"

[[deliverable]]
id = "kit"
title = "Kit"
due = { week = 2, day = "fri", time = "17:00" }

[[deliverable.item]]
id = "cv"
title = "CV"
"""


@pytest.fixture
def minimal(run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cohort file with only [module], one session and one deliverable, in use."""
    path = schedule_file(MINIMAL)
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    monkeypatch.setenv("MOD4_NOW", "2027-01-05T09:00")
    return path


def _example(command: str, schedule: Path, tmp_path: Path) -> list[list[str]]:
    """Command lines that exercise `command` on the minimal schedule."""
    return {
        "week": [["week", "1"], ["week", "2"], ["week"], ["week", "1", "--grid"], ["week", "2", "--json"]],
        "todo": [["todo"], ["todo", "--json"]],
        "check-conflict": [["check-conflict", "week 1 tue 10:15"], ["check-conflict", "week 1 tue 10:15", "--show"],
                           ["check-conflict", "week 1 wed 10:15", "--json"]],
        "done": [["done", "cv"]],
        "reopen": [["reopen", "cv"]],
        "stage": [["stage", "cv", "done"]],
        "undo": [["undo"]],
        "init": [["init", "--start", "2027-01-04"]],
        "status": [["status"], ["status", "--json"]],
        "coach book": [["coach", "book", "Tracey", "week 1 wed 10:00"]],
        "coach list": [["coach", "list"], ["coach", "list", "--json"]],
        "coach cancel": [["coach", "cancel", "1"]],
        "contact": [["contact"], ["contact", "offer"]],
        "export ics": [["export", "ics", "-o", str(tmp_path / "out.ics")]],
        "about": [["about"], ["about", "--json"]],
        "schedule check": [["schedule", "check", str(schedule)], ["schedule", "check", str(schedule), "--json"]],
        "calendar add": [["calendar", "add", str(_own_calendar(tmp_path)), "--name", "mine"]],
        "calendar list": [["calendar", "list"], ["calendar", "list", "--json"]],
        "calendar refresh": [["calendar", "refresh"], ["calendar", "refresh", "mine", "--json"]],
        "calendar remove": [["calendar", "remove", "mine"]],
    }[command]  # fmt: skip


def _own_calendar(folder: Path) -> Path:
    """A one-event calendar file, in week 1 of the minimal cohort."""
    path = folder / "mine.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        "DTSTART:20270105T170000Z\r\nDTEND:20270105T173000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        newline="",
    )
    return path


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_a_minimal_cohort_file_works_in_every_command(
    run: RunFn, minimal: Path, tmp_path: Path, command: str
) -> None:
    assert run("init", "--start", "2027-01-04").exit_code == 0
    for args in _example(command, minimal, tmp_path):
        result = run(*args)
        assert result.exit_code in (0, 1, 2), args
        assert "Traceback" not in result.stderr + result.stdout, args
        assert trailing_spaces(result.stdout) == [], args
        if result.exit_code == 2:  # a refusal the student can act on, in one message
            assert result.stderr.startswith("mod4: ") and result.stdout == "", args
        if "--json" in args and result.exit_code != 2:
            result.json()


def test_the_minimal_cohort_reads_sensibly(
    run: RunFn, minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal.parent)
    monkeypatch.setenv("MOD4_SCHEDULE", minimal.name)
    assert run("week", "2").stdout == (
        "Week 2 of 6\n"
        "Times in campus time, America/Denver.\n"
        "No start date set, so no dates: mod4 init --start YYYY-MM-DD\n"
        "\n"
        "No sessions this week.\n"
        "\n"
        "Due this week\n"
        "  ☐ CV · end of week 2 (Fri 17:00) · not-started\n"
    )
    assert run("status").stdout == (
        "Mod 4\n"
        "Due next: CV · end of week 2 (Fri 17:00)\n"
        "\n"
        "Kit · due by the end of week 2\n"
        "  ░░░░░░░░░░░░░░░░░░░░  0 of 1 item done\n"
        "  ☐ cv\n"
        "\n"
        "No start date set: mod4 init --start YYYY-MM-DD\n"
    )
    assert run("about").stdout == (
        "Cohort 2701\n"
        "\n"
        "Weeks: 6, no start date set (mod4 init --start YYYY-MM-DD)\n"
        "Campus zone: America/Denver\n"
        "Site: https://careerdev.turing.edu\n"
        "Whom to contact: this schedule names no one.\n"
        f"Schedule: {minimal.name}\n"
        "\n"
        "More: mod4 week N, mod4 todo, mod4 contact TOPIC.\n"
    )
    assert run("todo").stdout.startswith("To do · 1 item outstanding\n")


def test_empty_lists_are_sentences(run: RunFn, minimal: Path) -> None:
    assert (
        run("coach", "list").stdout == "No coaching meetings recorded.\n\nNo specialists in this schedule.\n"
    )
    assert run("contact").stdout == "This schedule names no one to contact.\n"
    run("init", "--start", "2027-01-04")
    book = run("coach", "book", "Tracey", "week 1 wed 10:00")
    assert (book.exit_code, book.stderr) == (
        2, "mod4: no specialist called 'Tracey'\n      No specialists in this schedule.\n"
    )  # fmt: skip
    offer = run("contact", "offer")
    assert offer.stderr == "mod4: unknown contact topic 'offer'\n      This schedule has no contact rules.\n"
    assert "Coaching this week" not in run("status").stdout  # no specialists, nothing to book


def test_counts_agree_in_number(
    run: RunFn, minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("init", "--start", "2027-01-04")
    monkeypatch.chdir(minimal.parent)
    assert run("schedule", "check", minimal.name).stdout == (
        f"{minimal.name}: OK\n  1 session over 1 of 6 weeks\n  1 deliverable item, 0 specialists\n"
        "  start: none (students set theirs with mod4 init)\n"
    )
    assert (
        "Wrote 2 events (sessions and deadlines)"
        in run("export", "ics", "-o", str(tmp_path / "x.ics")).stdout
    )
    ics = tmp_path / "one.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20270101T000000Z\r\n"
        "SUMMARY:Interview\r\nDTSTART;TZID=America/Denver:20270105T101500\r\n"
        "DTEND;TZID=America/Denver:20270105T104500\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    out = run("check-conflict", "--ics", str(ics)).stdout
    assert out.startswith(f"Calendar check ·\n  {ics}\n1 event in the module's weeks\n")  # a path moves whole
    assert out.endswith("\n1 of 1 busy event collides with a required PD session.\n")


# --- 12. JSON where it is promised --------------------------------------------------------------


def test_schedule_check_json_lists_every_problem(run: RunFn, schedule_file: Callable[..., Path]) -> None:
    text = MINIMAL.replace('day = "tue"', 'day = "tues"').replace('start = "10:00"', 'start = "10am"')
    path = schedule_file(text.replace('title = "CV"', 'title = "CV"\nlink = "cv.html"'))
    result = run("schedule", "check", str(path), "--json")
    assert result.exit_code == 2
    assert result.json() == {
        "file": str(path),
        "ok": False,
        "problems": [
            {"file": str(path), "line": 10, "key": "session[1].day", "message": "expected one of mon..fri, got 'tues'"},
            {"file": str(path), "line": 11, "key": "session[1].start", "message": "expected HH:MM (24-hour), got '10am'"},
            {"file": str(path), "line": 22, "key": "deliverable[1].item[1].link",
             "message": "expected a full http(s) address or a path on the site starting with '/', got 'cv.html'"},
        ],
        "warnings": [],
    }  # fmt: skip


def test_a_refused_booking_as_json_is_one_document_with_the_reason(student: RunFn, mod4_home: Path) -> None:
    student("coach", "book", "Tracey", "week 4 tue 14:00")
    before = (mod4_home / "state.toml").read_bytes()
    refused = student("coach", "book", "Ryan", "week 4 thu 10:00", "--json")
    assert refused.exit_code == 1
    assert refused.json() == {
        "error": "you already have coaching in week 4: #1 with Tracey, Tue 26 Jan 14:00–14:30 MST. Book with "
        "only one specialist at a time each week. Nothing was booked.",
        "hint": "To move it: mod4 coach cancel 1, then book again.",
        "exit_code": 1,
        "rule": "one-a-week",
    }
    assert (mod4_home / "state.toml").read_bytes() == before


def test_a_refused_booking_as_json_through_the_installed_mod4(mod4_exe: Callable[..., Run]) -> None:
    env = {"MOD4_NOW": "2027-01-25T09:00"}
    assert mod4_exe("init", "--start", "2027-01-04", env=env).exit_code == 0
    refused = mod4_exe("coach", "book", "Ryan", "week 4 thu 18:00", "--json", env=env)
    assert refused.exit_code == 1
    document = refused.json()  # exactly one document on stdout
    assert (document["rule"], document["exit_code"]) == ("specialist-hours", 1)
    assert refused.stderr.startswith("mod4: Ryan is available Mon-Fri 09:00-17:00")


def test_export_ics_offers_no_json(run: RunFn) -> None:
    help_text = run("export", "ics", "--help").stdout
    assert "--output" in help_text and "--json" not in help_text
    assert run("export", "ics", "--json").exit_code == 2
