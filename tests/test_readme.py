"""The README's pasted output is the build's: each block is compared whole with a real run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run

RunFn = Callable[..., Run]
README = Path(__file__).parent.parent / "README.md"

CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//mod4 README//EN
BEGIN:VEVENT
UID:acme@example
DTSTAMP:20261001T000000Z
SUMMARY:Interview: Acme Corp
DTSTART;TZID=America/Denver:20261028T131500
DTEND;TZID=America/Denver:20261028T134500
END:VEVENT
BEGIN:VEVENT
UID:dentist@example
DTSTAMP:20261001T000000Z
SUMMARY:Dentist
DTSTART;TZID=America/Denver:20261102T151500
DTEND;TZID=America/Denver:20261102T154500
END:VEVENT
BEGIN:VEVENT
UID:coffee@example
DTSTAMP:20261001T000000Z
SUMMARY:Coffee chat
DTSTART;TZID=America/Denver:20261029T140000
DTEND;TZID=America/Denver:20261029T143000
END:VEVENT
END:VCALENDAR
"""


def pasted(command: str) -> str:
    """What the README shows under `$ command` (where it shows any output), up to the next prompt
    or the end of the block."""
    lines = README.read_text().splitlines(keepends=True)
    for n, line in enumerate(lines):
        if line != f"$ {command}\n":
            continue
        body = []
        for following in lines[n + 1 :]:
            if following.startswith(("$ ", "```")):
                break
            body.append(following)
        if body:
            return "".join(body)
    raise AssertionError(f"the README shows no output of {command}")


@pytest.mark.parametrize(
    ("command", "args", "setup", "now"),
    [
        ("mod4 week 3", ["week", "3"], [], None),
        ("mod4 about", ["about"], [["init", "--start", "2027-01-04"]], None),
        ("mod4 todo", ["todo"], [["init", "--start", "2027-01-04"], ["stage", "portfolio", "review-requested"]],
         "2027-02-08T12:00"),
        ('mod4 check-conflict "week 3 wed 13:15"', ["check-conflict", "week 3 wed 13:15"],
         [["init", "--start", "2027-01-04"]], "2027-01-11T09:00"),
        ('mod4 check-conflict "week 3 thu 14:00" --duration 45m',
         ["check-conflict", "week 3 thu 14:00", "--duration", "45m"], [["init", "--start", "2027-01-04"]],
         "2027-01-11T09:00"),
        ('mod4 coach book Tracey "week 4 tue 14:00" --topic mock',
         ["coach", "book", "Tracey", "week 4 tue 14:00", "--topic", "mock"], [["init", "--start", "2027-01-04"]],
         "2027-01-25T09:00"),
        ("mod4 contact offer", ["contact", "offer"], [], None),
        ("mod4 contact coaching", ["contact", "coaching"], [], None),
        ("mod4 check-conflict --ics calendar.ics", ["check-conflict", "--ics", "calendar.ics"],
         [["init", "--start", "2026-10-19"]], "2026-10-01T09:00"),
        ("mod4 calendar add ~/calendar.ics", ["calendar", "add", "calendar.ics"],
         [["init", "--start", "2026-10-19"]], "2026-10-01T09:00"),
        ('mod4 check-conflict "week 2 thu 13:45"', ["check-conflict", "week 2 thu 13:45"],
         [["init", "--start", "2026-10-19"], ["calendar", "add", "calendar.ics"]], "2026-10-01T09:00"),
    ],
)  # fmt: skip
def test_the_readme_shows_what_mod4_prints(
    run: RunFn,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    command: str,
    args: list[str],
    setup: list[list[str]],
    now: str | None,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # the README's file is ~/calendar.ics
    (tmp_path / "calendar.ics").write_text(CALENDAR.replace("\n", "\r\n"))
    if now:
        monkeypatch.setenv("MOD4_NOW", now)
    for step in setup:
        assert run(*step).exit_code == 0
    result = run(*args)
    assert result.stdout == pasted(command)


def test_the_readme_shows_the_refused_booking_as_mod4_prints_it(
    run: RunFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_NOW", "2027-01-25T09:00")
    run("init", "--start", "2027-01-04")
    run("coach", "book", "Tracey", "week 4 tue 14:00", "--topic", "mock")
    refused = run("coach", "book", "Ryan", "week 4 thu 10:00")
    assert refused.exit_code == 1
    assert refused.stderr == pasted('mod4 coach book Ryan "week 4 thu 10:00"')
