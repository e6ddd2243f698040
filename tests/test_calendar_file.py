"""Reading the student's own calendar (load/calendar_file.py, load/calendar_series.py) as
`check-conflict --ics` shows it: events left out with their line and reason, refusals of a file
none of whose events can be read, and the zone a time is read in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, calendar_checker

RunFn = Callable[..., Run]
START = "2026-10-19"  # week 1 of the cohort: Mon 19 - Fri 23 Oct 2026, Denver
SESSIONS = [("wed", [1], "13:00", "14:00", "panel")]


@pytest.fixture
def check(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Run]:
    """Check a calendar, given as its lines, against a one-session cohort; returns the run."""
    checker = calendar_checker(run, schedule_file, monkeypatch)

    def go(*lines: str, extra: tuple[str, ...] = ()) -> Run:
        path = tmp_path / "mine.ics"
        body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *lines, "END:VCALENDAR"]
        path.write_text("\r\n".join(body) + "\r\n", encoding="utf-8")
        return checker(path, START, SESSIONS, *extra)

    return go


def event(uid: str, *properties: str) -> tuple[str, ...]:
    """The lines of one VEVENT."""
    return ("BEGIN:VEVENT", f"UID:{uid}", *properties, "END:VEVENT")


def test_a_rule_repeating_every_zero_days_is_left_out_instead_of_hanging(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    """RFC 5545 wants a positive INTERVAL; dateutil, asked for INTERVAL=0, loops for ever."""
    result = check(
        *event(
            "a",
            "DTSTART:20261021T190000Z",
            "DTEND:20261021T200000Z",
            "RRULE:FREQ=DAILY;INTERVAL=0",
            "SUMMARY:Gym",
        ),
        *event("b", "DTSTART;VALUE=DATE:20261021", "RRULE:FREQ=WEEKLY;INTERVAL=0", "SUMMARY:Trip"),
        *event("c", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
        extra=("--json",),
    )
    document = result.json()
    assert [c["summary"] for c in document["conflicts"]] == ["Dentist"]
    assert document["skipped"] == [
        {"summary": "Gym", "line": 4, "reason": "cannot read its RRULE (line 8)"},
        {"summary": "Trip", "line": 11, "reason": "cannot read its RRULE (line 14)"},
    ]


def _no_start(n: int) -> tuple[str, ...]:
    return event(f"u{n}", f"SUMMARY:Meeting {n}", "DTEND:20261021T200000Z")


def test_a_file_none_of_whose_events_can_be_read_lists_five_and_counts_the_rest(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "mine.ics"
    listed = [f"  line {4 + 5 * n}: 'Meeting {n}': has no DTSTART" for n in range(5)]
    five = check(*(line for n in range(5) for line in _no_start(n)))
    assert (five.exit_code, five.stderr) == (
        2,
        "\n".join([f"mod4: {path}: none of its 5 events can be read:", *listed]) + "\n",
    )
    seven = check(*(line for n in range(7) for line in _no_start(n)))
    assert (
        seven.stderr
        == "\n".join([f"mod4: {path}: none of its 7 events can be read:", *listed, "  and 2 more"]) + "\n"
    )


def test_an_only_event_whose_repetitions_cannot_be_worked_out_refuses_the_file(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    result = check(
        *event("a", "DTSTART:20261021T190000Z", "DTEND:20261021T200000Z",
               "RRULE:FREQ=HOURLY;BYSETPOS=400;BYHOUR=1", "SUMMARY:Odd rule")
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {tmp_path / 'mine.ics'}:4: cannot read its only event 'Odd rule': cannot read its RRULE (line 8)\n",
    )


def test_an_unknown_zone_in_a_calendar_with_its_own_zone_is_read_in_that_zone(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    # A floating time of this calendar is London's (X-WR-TIMEZONE); so is a time whose zone is unknown.
    result = check(
        "X-WR-TIMEZONE:Europe/London",
        *event("a", "DTSTART;TZID=Nowhere/Land:20261021T193000", "DTEND;TZID=Nowhere/Land:20261021T203000",
               "SUMMARY:Call"),
    )  # fmt: skip
    assert result.stderr == (
        f"mod4: warning: {tmp_path / 'mine.ics'}:7: time zone 'Nowhere/Land' is not known; "
        "its times are read in Europe/London, the calendar's zone\n"
    )


def test_a_zone_defined_under_a_quoted_name_is_found(check: Callable[..., Run]) -> None:
    # "Office Time" is four hours behind UTC all year: 15:00 there is 13:00 in Denver (MDT).
    result = check(
        "BEGIN:VTIMEZONE", 'TZID:"Office Time"',
        "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0400", "END:STANDARD",
        "END:VTIMEZONE",
        *event("a", 'DTSTART;TZID="Office Time":20261021T150000', 'DTEND;TZID="Office Time":20261021T160000',
               "SUMMARY:Stand-up"),
        extra=("--json",),
    )  # fmt: skip
    assert [(c["summary"], c["start"]) for c in result.json()["conflicts"]] == [
        ("Stand-up", "2026-10-21T13:00:00-06:00")
    ]


def test_a_skipped_events_summary_reads_without_its_escapes(check: Callable[..., Run]) -> None:
    result = check(
        *event("a", r"SUMMARY:Team\, sync\nweekly\; room\\2\Nnorth", "DTEND:20261021T200000Z"),
        *event("b", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
        extra=("--json",),
    )
    assert result.json()["skipped"] == [
        {"summary": r"Team, sync weekly; room\2 north", "line": 4, "reason": "has no DTSTART"}
    ]


def test_a_long_summary_is_cut_after_sixty_characters_in_a_message(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    sixty, sixty_one = "S" * 59 + "x", "L" * 60 + "y"
    result = check(
        *event("a", f"SUMMARY:{sixty}", "DTEND:20261021T200000Z"),
        *event("b", f"SUMMARY:{sixty_one}", "DTEND:20261021T200000Z"),
        *event("c", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
    )
    assert result.stderr == (
        f"mod4: warning: {tmp_path / 'mine.ics'}: left out 2 events that cannot be read:\n"
        f"  line 4: '{sixty}': has no DTSTART\n"
        f"  line 9: '{'L' * 59}…': has no DTSTART\n"
    )


def test_an_event_with_two_rules_repeats_by_both(check: Callable[..., Run]) -> None:
    """RFC 5545 allows more than one RRULE; each adds its dates (the 13:00 session is on Wednesdays)."""
    result = check(
        *event("a", "DTSTART:20261019T193000Z", "DTEND:20261019T200000Z", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=2",
               "RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=2", "SUMMARY:Gym"),
        extra=("--json",),
    )  # fmt: skip
    assert [(c["summary"], c["start"]) for c in result.json()["conflicts"]] == [
        ("Gym", "2026-10-21T13:30:00-06:00")
    ]


def test_a_negative_duration_is_named_by_its_own_line(check: Callable[..., Run]) -> None:
    result = check(
        *event("a", "SUMMARY:Backwards", "DTSTART:20261021T193000Z", "DURATION:-PT30M"),
        *event("b", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
        extra=("--json",),
    )
    assert result.json()["skipped"] == [
        {"summary": "Backwards", "line": 4, "reason": "has a negative DURATION (line 8)"}
    ]


def test_a_folder_given_as_the_calendar_says_what_to_do(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "Calendar.ics"
    folder.mkdir()
    monkeypatch.setenv("MOD4_NOW", f"{START}T08:00")
    assert run("init", "--start", START).exit_code == 0
    result = run("check-conflict", "--ics", str(folder))
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {folder}: is a folder, not a regular file\n"
        "      Export your calendar to a file, then check that file.\n",
    )


def test_a_summary_line_without_a_colon_is_an_empty_summary(check: Callable[..., Run]) -> None:
    result = check(
        *event("a", "SUMMARY", "DTEND:20261021T200000Z"),
        *event("b", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "SUMMARY:Dentist"),
        extra=("--json",),
    )
    assert result.json()["skipped"] == [{"summary": "", "line": 4, "reason": "has no DTSTART"}]


def test_a_calendar_saved_as_utf_16_is_read(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Some Windows tools save text as UTF-16, with its byte-order mark."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", *event("a", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z",
             "SUMMARY:Dentist"), "END:VCALENDAR"]  # fmt: skip
    path = tmp_path / "utf16.ics"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    result = calendar_checker(run, schedule_file, monkeypatch)(path, START, SESSIONS, "--json")
    assert [c["summary"] for c in result.json()["conflicts"]] == ["Dentist"]


def test_an_empty_rdate_line_says_nothing_and_an_event_without_uid_has_none(
    check: Callable[..., Run],
) -> None:
    result = check(
        "BEGIN:VEVENT", "DTSTART:20261021T193000Z", "DTEND:20261021T200000Z", "RDATE:", "SUMMARY:Dentist",
        "END:VEVENT",
        extra=("--json",),
    )  # fmt: skip
    document = result.json()
    assert (document["skipped"], [c["summary"] for c in document["conflicts"]]) == ([], ["Dentist"])
    assert [c["uid"] for c in document["conflicts"]] == [None]
