"""Real calendar files (issue 9, items 11-14): what `check-conflict --ics` reads, skips and says.

The files are our own reproductions of other projects' test cases (tests/data/ics/peers,
SOURCES.md names each case). Cohorts are built around them so that a wrong reading lands a
collision somewhere else, or nowhere. (The two tests of the reading functions import them
inside, so the rest runs against any version of mod4.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mod4cli.model.errors import CalendarError
from tests.helpers import ICS_DATA as DATA
from tests.helpers import Run, calendar_checker, cohort

PEERS = DATA / "peers"
RunFn = Callable[..., Run]
BUNDLED_START = "2026-10-19"  # a cohort whose week 2 holds the peers' files' week of 26 October


@pytest.fixture
def check(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Check an .ics file against a cohort, `now` just before it starts."""
    return calendar_checker(run, schedule_file, monkeypatch)


@pytest.fixture
def bundled(run: RunFn, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Check a peers/ file against the bundled module, started on BUNDLED_START."""
    monkeypatch.setenv("MOD4_NOW", f"{BUNDLED_START}T08:00")
    assert run("init", "--start", BUNDLED_START).exit_code == 0

    def go(name: str, *extra: str) -> Run:
        return run("check-conflict", "--ics", str(PEERS / name), *extra)

    return go


def starts(result: Run) -> list[tuple[str, str]]:
    return [(c["summary"], c["start"]) for c in result.json()["conflicts"]]


# --- 11. Floating series with UTC exceptions --------------------------------------------------


def test_a_series_in_an_unknown_zone_keeps_its_wall_clock_and_its_utc_exdate(
    check: Callable[..., Run],
) -> None:
    # khal's event_dtr_no_tz_exdatez: TZID "Office Zone" is nothing, so 10:00 in the student's Berlin,
    # weekly. The UTC EXDATE 09:00Z is 10:00 CET on 2 November: that one occurrence goes.
    mondays = [("mon", [1, 2], "01:30", "03:30", "night")]  # 10:00 CET is 03:00 MDT, then 02:00 MST
    result = check("peers/floating_series_unknown_tzid_utc_exdate.ics", "2026-10-26", mondays, "--json",
                   "--tz", "Europe/Berlin")  # fmt: skip
    path = DATA / "peers" / "floating_series_unknown_tzid_utc_exdate.ics"
    night = {
        "session": "night",
        "title": "Night",
        "kind": "workshop",
        "week": 1,
        "day": "mon",
        "start_time": "01:30",
        "end_time": "03:30",
        "start": "2026-10-26T01:30:00-06:00",
        "end": "2026-10-26T03:30:00-06:00",
        "required": True,
        "link": None,
        "notes": None,
        "defaults": [],
        "cohort_default": False,
        "source": None,
    }
    assert result.json() == {
        "file": str(path), "checked": 1, "free": 0,
        "conflicts": [{
            "summary": "Weekly call", "uid": "weekly-call@example.org", "start": "2026-10-26T03:00:00-06:00",
            "end": "2026-10-26T03:30:00-06:00", "all_day": False, "session": "night", "title": "Night",
            "sessions": [night],
            "suggestions": [{"start": "2026-10-26T09:00:00-06:00", "end": "2026-10-26T09:30:00-06:00",
                             "week": 1, "day": "mon", "start_time": "09:00", "end_time": "09:30",
                             "in_pd_work_time": False}],
            "in_pd_work_time": False,
        }],
        "warnings": [],
        "skipped": [],
        "file_warnings": [
            {"line": 10, "message": "time zone 'Office Zone' is not known; its times are read in Europe/Berlin, your zone"}
        ],
    }  # fmt: skip


def test_a_floating_series_matches_its_utc_exceptions_in_the_students_zone(mod4_exe: Callable[..., Run],
                                                                           tmp_path: Path) -> None:  # fmt: skip
    # icalendar's event_with_recurrence: floating 01:00 daily, EXDATE 01:00Z on 27 and 28 Oct.
    # In Denver 01:00Z is the evening before, so no occurrence goes; the series stays at 01:00.
    schedule = tmp_path / "cohort.toml"
    schedule.write_text(cohort("2026-10-26", [("tue", [1], "00:30", "01:30", "late"),
                                              ("wed", [1], "00:30", "01:30", "later")]))  # fmt: skip
    env = {"MOD4_SCHEDULE": str(schedule), "MOD4_NOW": "2026-10-26T00:00"}
    result = mod4_exe("check-conflict", "--ics", str(PEERS / "floating_daily_series_utc_exceptions.ics"),
                      "--json", env=env)  # fmt: skip
    assert (result.exit_code, result.stderr) == (1, "")
    assert starts(result) == [
        ("Night backup", "2026-10-27T01:00:00-06:00"),
        ("Night backup", "2026-10-28T01:00:00-06:00"),
    ]


@pytest.mark.parametrize(
    ("zone", "days"),
    [("America/Denver", ["26 Oct", "27 Oct", "28 Oct", "29 Oct", "30 Oct", "31 Oct"]),
     ("Europe/London", ["26 Oct", "30 Oct", "31 Oct"])],
)  # fmt: skip
def test_a_lone_floating_event_with_utc_exdates_is_read_in_the_students_zone(
    zone: str, days: list[str]
) -> None:
    # icalendar's event_with_recurrence.ics: a VEVENT with no VCALENDAR around it, floating 01:00
    # daily, EXDATEs at 01:00 UTC on 27-29 October: 01:00 in London, the evening before in Denver.
    from mod4cli.load.calendar_file import read_events

    local = ZoneInfo(zone)
    first, last = datetime(2026, 10, 26, tzinfo=local), datetime(2026, 11, 1, tzinfo=local)
    read = read_events(PEERS / "bare_vevent_floating_series_utc_exdates.ics", local, first, last)
    assert [e.start.astimezone(local).strftime("%d %b %H:%M") for e in read.events] == [
        f"{d} 01:00" for d in days
    ]


def test_in_london_the_same_utc_exceptions_remove_their_occurrences(check: Callable[..., Run]) -> None:
    sessions = [("tue", [1], "17:30", "19:30", "late"), ("wed", [1], "17:30", "19:30", "later")]
    result = check("peers/floating_daily_series_utc_exceptions.ics", "2026-10-26", sessions, "--json",
                   "--tz", "Europe/London")  # fmt: skip
    # 01:00 GMT is 19:00 MDT the evening before: 27 and 28 October go, 29 October (Wed 28th here) stays.
    assert [s for s in starts(result) if s[0] == "Night backup"] == [
        ("Night backup", "2026-10-28T19:00:00-06:00")
    ]


# --- 12. One bad line does not refuse a calendar ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "checked"),
    [
        ("created_year_zero_in_one_event.ics", 3),  # CREATED:00001231T000000Z (a Google export)
        ("icloud_vtimezone_1893_offset.ics", 2),  # TZOFFSETFROM:+5328 of 1893, zone Europe/Prague
        ("alarm_trigger_negative_duration.ics", 1),  # a railway ticket's alarm: TRIGGER;...:PT-2H
        ("exchange_rrule_byday_with_spaces.ics", 10),  # Exchange: BYDAY=MO, TU, WE, TH, FR
        ("stray_lines_inside_events.ics", 3),  # `X`, `SUMMARY=mock`, a vCard TEL, a broken Apple fold
        ("google_birthday_rdate_date_with_z.ics", 1),  # Google birthdays: RDATE:20261027Z
        ("exdate_empty_value.ics", 3),  # EXDATE;VALUE=DATE: with nothing after it
        ("dtstamp_short_and_dtend_seven_digits.ics", 2),  # DTSTAMP:...T1300Z is not needed
        ("zoneinfo_vtimezone_alias_and_until.ics", 1),  # libical's TZID-ALIAS-OF and TZUNTIL
        ("custom_vtimezone_rdate_value_date.ics", 1),  # a rule with RDATE;VALUE=DATE
        ("attach_base64_odd_parameter.ics", 1),  # an attachment that is not base64
        ("vtimezone_end_without_begin.ics", 1),  # END:DAYLIGHT without its BEGIN
    ],
)
def test_a_property_that_makes_no_busy_time_is_ignored(
    bundled: Callable[..., Run], name: str, checked: int
) -> None:
    result = bundled(name, "--json")
    assert result.exit_code in (0, 1), result.stderr
    assert result.json()["checked"] == checked


def test_an_unreadable_event_is_left_out_and_listed(bundled: Callable[..., Run]) -> None:
    result = bundled("rrule_unreadable_kinds.ics", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = result.json()
    assert data["checked"] == 1
    assert data["skipped"] == [
        {"summary": "Typo in UNTIL", "line": 5, "reason": "cannot read its RRULE (line 11)"},
        {"summary": "Lunar anniversary", "line": 13, "reason": "cannot read its RRULE (line 18)"},
        {"summary": "Bad frequency", "line": 20, "reason": "cannot read its RRULE (line 25)"},
    ]


def test_the_events_left_out_are_named_in_a_short_warning(
    mod4_exe: Callable[..., Run], tmp_path: Path
) -> None:
    env = {"MOD4_NOW": f"{BUNDLED_START}T08:00"}
    assert mod4_exe("init", "--start", BUNDLED_START, env=env).exit_code == 0
    path = PEERS / "dtstamp_short_and_dtend_seven_digits.ics"
    result = mod4_exe("check-conflict", "--ics", str(path), env=env)
    assert result.exit_code == 0
    assert result.stderr == (
        f"mod4: warning: {path}: left out 1 event that cannot be read:\n"
        "  line 12: 'Conference': cannot read its DTEND (line 17)\n"
    )
    assert "2 events in the module's weeks; 1 event of the file left out (cannot be read)" in result.stdout


def test_a_long_list_of_unreadable_events_is_cut_short_on_stderr(
    bundled: Callable[..., Run], tmp_path: Path
) -> None:
    events = "".join(f"BEGIN:VEVENT\r\nUID:{n}\r\nSUMMARY:No start {n}\r\nEND:VEVENT\r\n" for n in range(7))
    fine = "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20261028T191500Z\r\nEND:VEVENT\r\n"
    path = tmp_path / "many.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}{fine}END:VCALENDAR\r\n", newline="")
    result = bundled(str(path))
    lines = result.stderr.splitlines()
    assert lines[0] == f"mod4: warning: {path}: left out 7 events that cannot be read:"
    assert lines[1:] == [f"  line {3 + 4 * n}: 'No start {n}': has no DTSTART" for n in range(5)] + [
        "  and 2 more (all of them in --json)"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Only\nEND:VEVENT\nEND:VCALENDAR\n",
         "FILE:2: cannot read its only event 'Only': has no DTSTART"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:A\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:B\nDTSTART:2026\nEND:VEVENT\n"
         "END:VCALENDAR\n",
         "FILE: none of its 2 events can be read:\n  line 2: 'A': has no DTSTART\n"
         "  line 5: 'B': cannot read its DTSTART (line 7)"),
    ],
)  # fmt: skip
def test_a_calendar_none_of_whose_events_can_be_read_is_refused(
    bundled: Callable[..., Run], tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "none.ics"
    path.write_text(text)
    result = bundled(str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "mod4: " + message.replace("FILE", str(path)) + "\n"


def test_a_refusal_names_the_first_five_unreadable_events_and_counts_the_rest(
    bundled: Callable[..., Run], tmp_path: Path
) -> None:
    # The same listing as the warning's above, without the --json pointer: a refusal has no JSON.
    events = "".join(f"BEGIN:VEVENT\r\nUID:{n}\r\nSUMMARY:No start {n}\r\nEND:VEVENT\r\n" for n in range(7))
    path = tmp_path / "none-of-7.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n", newline="")
    result = bundled(str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"mod4: {path}: none of its 7 events can be read:",
        *(f"  line {3 + 4 * n}: 'No start {n}': has no DTSTART" for n in range(5)),
        "  and 2 more",
    ]


def test_a_calendar_without_events_is_an_empty_calendar(bundled: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "empty-calendar.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nEND:VCALENDAR\r\n", newline="")
    result = bundled(str(path), "--json")
    assert (result.exit_code, result.json()["checked"], result.json()["skipped"]) == (0, 0, [])


# --- 13. Clean messages -------------------------------------------------------------------------


def test_an_event_of_a_second_calendar_in_the_file_is_named_by_its_own_line(
    bundled: Callable[..., Run],
) -> None:
    # Two VCALENDARs (an iTIP REQUEST, then a CANCEL): the DTSTART-less event is on line 20.
    result = bundled("itip_second_calendar_cancel_without_dtstart.ics", "--json")
    assert result.json()["skipped"] == [{"summary": "Project review", "line": 20, "reason": "has no DTSTART"}]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("binary_not_a_calendar.ics", "not a calendar file (it holds binary data)"),
        ("nul_in_component_name.ics", "not a calendar file (it holds binary data)"),
        ("empty.ics", "the file is empty, not a calendar"),
        ("truncated_before_any_event_ends.ics",
         "1: truncated: the calendar begun on this line has no END:VCALENDAR, and no event before the cut can be read"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_calendar_gets_one_short_line(
    mod4_exe: Callable[..., Run], name: str, message: str
) -> None:
    env = {"MOD4_NOW": f"{BUNDLED_START}T08:00"}
    assert mod4_exe("init", "--start", BUNDLED_START, env=env).exit_code == 0
    path = PEERS / name
    result = mod4_exe("check-conflict", "--ics", str(path), env=env)
    assert (result.exit_code, result.stdout) == (2, "")
    separator = ":" if message[0].isdigit() else ": "
    assert result.stderr.splitlines()[0] == f"mod4: {path}{separator}{message}"
    assert len(result.stderr.splitlines()) <= 2  # the message, and at most its hint


def test_a_truncated_file_is_read_up_to_the_cut_and_says_so(bundled: Callable[..., Run]) -> None:
    result = bundled("truncated_after_one_complete_event.ics", "--json")
    data = result.json()
    assert data["checked"] == 1
    assert data["skipped"] == [
        {"summary": "Cut off", "line": 11, "reason": "the file ends inside this event (truncated)"}
    ]
    assert data["file_warnings"] == [
        {"line": 1, "message": "truncated: no END:VCALENDAR; read the events before the cut"}
    ]


def test_library_warnings_never_reach_stderr(mod4_exe: Callable[..., Run]) -> None:
    # icalendar warns GloballyUniqueTZIDGuessed for /freeassociation.sourceforge.net/... zones.
    env = {"MOD4_NOW": f"{BUNDLED_START}T08:00", "PYTHONWARNINGS": "always"}
    assert mod4_exe("init", "--start", BUNDLED_START, env=env).exit_code == 0
    result = mod4_exe("check-conflict", "--ics", str(PEERS / "globally_unique_tzids.ics"), "--json", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.json()["checked"] == 2


def test_a_repeated_summary_prints_as_text(bundled: Callable[..., Run]) -> None:
    result = bundled("repeated_summary.ics")
    assert "✗ Garden party · Wed 28 Oct 13:15–13:45 MDT" in result.stdout
    assert "vText" not in result.stdout + result.stderr


def test_messages_name_no_python_internals(bundled: Callable[..., Run]) -> None:
    # Each used to stop the check with AttributeError, TypeError or BadRuleStringFormat.
    duplicate = bundled("duplicate_dtstart_custom_zone.ics", "--json").json()
    assert duplicate["file_warnings"] == [
        {"line": 19, "message": "event 'Workshop in Suva' has a second DTSTART; the first (line 18) is used"}
    ]
    time_only = bundled("rdate_value_time_among_others.ics", "--json").json()
    assert time_only["skipped"] == [
        {"summary": "Reading group", "line": 5, "reason": "cannot read its RDATE (line 10)"}
    ]


def test_an_unknown_zone_is_named_with_the_zone_used_instead(bundled: Callable[..., Run]) -> None:
    result = bundled("recurrence_id_with_unknown_tzid.ics")
    assert result.stderr == (
        f"mod4: warning: {PEERS / 'recurrence_id_with_unknown_tzid.ics'}:18: time zone 'foo' is not known; "
        "its times are read in America/Denver, your zone\n"
    )


# --- 14. A date-only UNTIL includes its day ------------------------------------------------------


def test_a_date_only_until_of_a_timed_series_includes_that_days_occurrence(check: Callable[..., Run]) -> None:
    # Lunch, Mon/Wed/Thu 13:00 Boise (Mountain, like Denver) until 2026-11-04, a Wednesday.
    result = check("peers/date_only_until_timed_weekly_series.ics", "2026-10-26",
                   [("wed", [1, 2], "12:30", "13:30", "lunchtime")], "--json")  # fmt: skip
    assert starts(result) == [("Lunch", "2026-11-04T13:00:00-07:00")]  # 28 Oct is an EXDATE


def test_read_calendar_reads_bytes_for_any_source() -> None:
    from mod4cli.load.calendar_file import read_calendar
    from mod4cli.model.calendar import CalendarWarning

    raw = (PEERS / "floating_series_unknown_tzid_utc_exdate.ics").read_bytes()
    berlin = ZoneInfo("Europe/Berlin")
    read = read_calendar(raw, "https://calendar.example/me.ics", berlin,
                         datetime(2026, 10, 26, tzinfo=UTC), datetime(2026, 11, 16, tzinfo=UTC))  # fmt: skip
    assert [e.start.astimezone(berlin).strftime("%d %b %H:%M") for e in read.events] == [
        "26 Oct 10:00",
        "09 Nov 10:00",
    ]
    assert read.skipped == ()
    assert read.warnings == (
        CalendarWarning(
            line=10,
            message="time zone 'Office Zone' is not known; its times are read in Europe/Berlin, your zone",
        ),
    )
    with pytest.raises(CalendarError) as refused:
        read_calendar(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "webcal://x", berlin,
                      datetime(2026, 10, 26, tzinfo=UTC), datetime(2026, 11, 16, tzinfo=UTC))  # fmt: skip
    assert refused.value.message == "webcal://x:2: cannot read its only event '(no title)': has no DTSTART"


def test_a_skipped_event_describes_itself_on_one_line() -> None:
    from mod4cli.model.calendar import SkippedEvent

    skipped = SkippedEvent(summary="Team\nsync   weekly" + "!" * 80, line=34, reason="has no DTSTART")
    assert skipped.describe() == "line 34: 'Team sync weekly" + "!" * 43 + "…': has no DTSTART"
