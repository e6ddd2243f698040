"""Validating a schedule file (load/schedule_validation.py, load/toml_reader.py): each refusal a
schedule author reads, whole, with its line and key; and what a valid file means."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from tests.helpers import MINI_SCHEDULE, Run

RunFn = Callable[..., Run]

# Every value of the wrong type says what was expected and what was found, in words.
WRONG_TYPES = """\
schema = 1

[module]
title = { text = "Mini" }
weeks = "six"
timezone = false
class_hours = "9 to 4"
start = "2027-01-04"
note = ["a", "note"]
rule = 2027-01-04
overview = 09:30:00

[[session]]
id = "talk"
title = 7
kind = "workshop"
weeks = 1
day = "tue"
start = "10:00"
end = "11:00"
required = "yes"
notes = 2.5
cohort_default = true

[[week]]
number = "the first week of the module, which is it"

[[week]]
number = "the second week of the module, which is!"

[[deliverable]]
id = "kit"
title = "Kit"
due = { week = 2, day = "fri", time = "17:00" }

[[deliverable.item]]
id = "cv"
title = "CV"
"""


def test_a_value_of_the_wrong_type_is_named_in_words(run: RunFn, schedule_file: Callable[..., Path]) -> None:
    path = schedule_file(WRONG_TYPES)
    result = run("schedule", "check", str(path))
    problems = [
        "4: module.title: expected text, got a table",
        "5: module.weeks: expected a whole number, got 'six'",
        "6: module.timezone: expected text, got false",
        "7: module.class_hours: expected a table, got '9 to 4'",
        "8: module.start: expected a date, got '2027-01-04'",
        "9: module.note: expected text, got a list",
        "10: module.rule: expected text, got a date (2027-01-04)",
        "11: module.overview: expected text, got a time (09:30:00)",
        "15: session[1].title: expected text, got a whole number (7)",
        "17: session[1].weeks: expected a list, got a whole number (1)",
        "17: session[1].weeks: must list at least one week",
        "21: session[1].required: expected true or false, got 'yes'",
        "22: session[1].notes: expected text, got a number (2.5)",
        # A long text is cut to 40 characters; one of exactly 40 is shown whole.
        "26: week[1].number: expected a whole number, got 'the first week of the module, which i...'",
        "29: week[2].number: expected a whole number, got 'the second week of the module, which is!'",
    ]
    expected = f"mod4: {path}: {len(problems)} problems\n" + "".join(f"  {path}:{p}\n" for p in problems)
    assert (result.exit_code, result.stderr) == (2, expected)


def test_a_date_and_time_of_the_wrong_place_read_as_written(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    """TOML's own date-times, where text was expected, are shown as the author wrote them,
    never as Python's reprs (`datetime.datetime(2027, 1, 4, 9, 0, tzinfo=...)`)."""
    path = schedule_file(
        textwrap.dedent("""\
            [module]
            title = 2027-01-04T09:00:00Z
            timezone = "America/Denver"
            note = 2027-01-04T09:00:00
            """)
    )
    result = run("schedule", "check", str(path))
    assert result.stderr.splitlines()[1:] == [
        f"  {path}: session: missing",
        f"  {path}: deliverable: missing",
        f"  {path}:2: module.title: expected text, got a date-time (2027-01-04T09:00:00+00:00)",
        f"  {path}:4: module.note: expected text, got a date-time (2027-01-04T09:00:00)",
    ]


def test_toml_that_breaks_off_at_the_end_is_named_without_a_line(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    path = schedule_file("schema = 1\n[module]\ntitle =")
    result = run("schedule", "check", str(path))
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {path}: not valid TOML: Invalid value (at end of document)\n",
    )
    everyday = run("--schedule", str(path), "todo")
    assert (everyday.exit_code, everyday.stderr) == (
        2,
        f"mod4: {path}: not valid TOML: Invalid value (at end of document)\n",
    )


def test_an_everyday_command_names_each_problem_of_a_broken_schedule(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    """One problem at a line reads as a list of one, like two do; only a problem of the whole file
    (not found, not TOML) is a single line."""
    mini = MINI_SCHEDULE.replace("{start_line}", "")
    one = schedule_file(mini.replace("weeks = 2\n", "weeks = 0\n"))
    two = schedule_file(mini.replace("weeks = 2\n", "weeks = 0\n").replace('day = "tue"', 'day = "sun"'))
    weeks_line = mini.splitlines().index("weeks = 2") + 1
    day_line = mini.splitlines().index('day = "tue"') + 1
    assert run("--schedule", str(one), "todo").stderr == (
        f"mod4: {one}: 1 problem\n  {one}:{weeks_line}: module.weeks: expected 1..52, got 0\n"
    )
    assert run("--schedule", str(two), "todo").stderr == (
        f"mod4: {two}: 2 problems\n"
        f"  {two}:{weeks_line}: module.weeks: expected 1..52, got 0\n"
        f"  {two}:{day_line}: session[1].day: expected one of mon..fri, got 'sun'\n"
    )


def test_a_schema_or_a_text_of_the_wrong_type_is_named_in_words(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    mini = MINI_SCHEDULE.replace("{start_line}", "")
    path = schedule_file(
        mini.replace("schema = 1", 'schema = "one"').replace('title = "Mini module"', "title = true")
    )
    assert run("schedule", "check", str(path)).stderr == (
        f"mod4: {path}: 2 problems\n"
        f"  {path}:1: schema: expected a whole number, got 'one'\n"
        f"  {path}:4: module.title: expected text, got true\n"
    )


def test_a_list_item_of_the_wrong_kind_is_named_by_its_place_in_the_list(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    extra = (
        '\n[coaching]\n[[coaching.specialist]]\nname = "Ryan"\ndays = ["mon", "sun"]\nstart = "09:00"\n'
        'end = "12:00"\n\n[[contact]]\ntopic = "Absence"\nwhen = "Before class"\nwhere = "Slack"\n'
        'how = "A message"\nto = ["Ryan", 2]\n'
    )
    text = MINI_SCHEDULE.replace("{start_line}", "") + extra
    path = schedule_file(text)
    # The line is the list's own key's, where the author put the wrong item.
    days_line = text.splitlines().index('days = ["mon", "sun"]') + 1
    to_line = text.splitlines().index('to = ["Ryan", 2]') + 1
    assert run("schedule", "check", str(path)).stderr == (
        f"mod4: {path}: 2 problems\n"
        f"  {path}:{days_line}: coaching.specialist[1].days[2]: expected one of mon..fri, got 'sun'\n"
        f"  {path}:{to_line}: contact[1].to[2]: expected text, got a whole number (2)\n"
    )


def test_a_schedule_saved_with_a_byte_order_mark_is_named_at_its_first_line(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    path = schedule_file()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run("schedule", "check", str(path)).stderr == (
        f"mod4: {path}: 1 problem\n"
        f"  {path}:1: starts with a UTF-8 byte-order mark, which TOML does not allow; save it without one\n"
    )


def test_a_schedule_that_is_not_utf_8_is_named_at_the_line_of_its_first_bad_byte(
    run: RunFn, schedule_file: Callable[..., Path]
) -> None:
    path = schedule_file()
    path.write_bytes(path.read_bytes().replace(b'title = "Mini module"', b'title = "Mini m\xf6dule"'))
    line = MINI_SCHEDULE.splitlines().index('title = "Mini module"') + 1
    assert run("--schedule", str(path), "todo").stderr == (
        f"mod4: {path}: 1 problem\n  {path}:{line}: is not UTF-8 text (TOML files must be)\n"
    )
