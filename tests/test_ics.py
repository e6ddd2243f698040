"""Calendar files from Google Calendar, Outlook/Exchange and Apple Calendar, checked against cohorts.

Each sample of tests/data/ics (see SOURCES.md there for provenance and licences) gets a cohort
whose weeks hold the sample's events, with sessions placed where the events land in Denver time
if they are read right, and nowhere near where they would land if read wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mod4cli.load.calendar_file import read_events
from tests.helpers import ICS_DATA as DATA
from tests.helpers import Run, calendar_checker

DENVER = ZoneInfo("America/Denver")
RunFn = Callable[..., Run]


@pytest.fixture
def check(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Check an .ics file against a cohort, `now` just before it starts."""
    return calendar_checker(run, schedule_file, monkeypatch)


def clashes(result: Run) -> list[tuple[str, str, str, list[str]]]:
    data = result.json()
    return [
        (c["summary"], c["start"], c["end"], [s["session"] for s in c["sessions"]]) for c in data["conflicts"]
    ]


def test_utc_event(check: Callable[..., Run]) -> None:
    # 09:30Z on Wed 9 Apr 2014 is 03:30 MDT.
    result = check(
        "utc_zulu_times_minimal.ics", "2014-04-07", [("wed", [1], "03:00", "04:00", "night")], "--json"
    )
    assert result.exit_code == 1
    assert clashes(result) == [
        ("An Event", "2014-04-09T03:30:00-06:00", "2014-04-09T04:30:00-06:00", ["night"])
    ]


def test_exchange_windows_zone_name(check: Callable[..., Run]) -> None:
    # TZID:Eastern Standard Time, 17:00 EDT on Mon 28 Oct 2024 is 15:00 MDT.
    result = check(
        "exchange2010_windows_tzid_eastern_standard_time.ics", "2024-10-28",
        [("mon", [1], "15:30", "16:30", "late")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        ("Anonymous Test Event for TZID", "2024-10-28T15:00:00-06:00", "2024-10-28T16:00:00-06:00", ["late"])
    ]


def test_exchange_quoted_windows_zone_name(check: Callable[..., Run]) -> None:
    # TZID="Pacific Standard Time", 12:00 PST on Fri 24 Feb 2017 is 13:00 MST.
    result = check(
        "exchange2010_quoted_windows_tzid_pacific_standard_time.ics", "2017-02-20",
        [("fri", [1], "13:00", "14:00", "talk")], "--json",
    )  # fmt: skip
    assert clashes(result) == [("Test 4", "2017-02-24T13:00:00-07:00", "2017-02-24T13:30:00-07:00", ["talk"])]


def test_apple_event_with_its_own_vtimezone(check: Callable[..., Run]) -> None:
    # Europe/Vienna 10:30 CEST on Fri 22 May 2026 is 02:30 MDT.
    result = check(
        "apple_ios26_event_with_vtimezone.ics",
        "2026-05-18",
        [("fri", [1], "02:00", "03:00", "early")],
        "--json",
    )
    assert clashes(result) == [
        ("Antrag auf ID Austria", "2026-05-22T02:30:00-06:00", "2026-05-22T02:40:00-06:00", ["early"])
    ]


def test_floating_times_follow_the_calendars_x_wr_timezone(check: Callable[..., Run]) -> None:
    # Floating 21:00 in a calendar declaring Europe/Brussels is 13:00 MDT, not 21:00 Denver.
    result = check(
        "floating_times_with_x-wr-timezone.ics", "2021-09-13",
        [("thu", [1], "14:00", "15:00", "afternoon"), ("thu", [1], "21:30", "22:00", "evening")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        ("Summary", "2021-09-16T13:00:00-06:00", "2021-09-16T14:45:00-06:00", ["afternoon"])
    ]


def test_floating_times_without_a_calendar_zone_are_the_students(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    text = (
        (DATA / "floating_times_with_x-wr-timezone.ics")
        .read_text()
        .replace("X-WR-TIMEZONE:Europe/Brussels\n", "")
    )
    ics = tmp_path / "floating.ics"
    ics.write_text(text)
    result = check(
        ics, "2021-09-13", [("thu", [1], "21:30", "22:00", "evening")], "--json", "--tz", "America/Denver"
    )
    assert clashes(result) == [
        ("Summary", "2021-09-16T21:00:00-06:00", "2021-09-16T22:45:00-06:00", ["evening"])
    ]


def test_google_x_wr_timezone_with_utc_times(check: Callable[..., Run]) -> None:
    # Noon in New York is 10:00 MST; "9PM to 10PM" New York is 19:00 MST, past the session.
    result = check(
        "google_x-wr-timezone_utc_times.ics",
        "2021-12-20",
        [("wed", [1], "09:00", "11:00", "morning")],
        "--json",
    )
    (only,) = clashes(result)
    assert only[1:] == ("2021-12-22T10:00:00-07:00", "2021-12-22T11:00:00-07:00", ["morning"])
    assert result.json()["checked"] == 2


def test_google_duration_instead_of_dtend() -> None:
    (event,) = read_events(
        DATA / "google_duration_instead_of_dtend.ics", DENVER,
        datetime(2012, 6, 25, tzinfo=UTC), datetime(2012, 7, 9, tzinfo=UTC),
    ).events  # fmt: skip
    assert event.start == datetime(2012, 6, 30, 13, 0, tzinfo=UTC)  # 06:00 PDT
    assert event.end - event.start == timedelta(days=1)  # DURATION:P1D
    assert not event.all_day and event.busy


def test_google_weekly_classes_skip_the_excluded_dates(check: Callable[..., Run]) -> None:
    # Thanksgiving week 2020: the EXDATEs drop Thursday 26 and Friday 27 November.
    weekdays = [(d, [1, 2], "07:00", "07:30", f"early-{d}") for d in ("mon", "tue", "wed", "thu", "fri")]
    result = check("google_school_weekly_exdate_across_dst_chicago.ics", "2020-11-23", weekdays, "--json")
    starts = [c[1] for c in clashes(result) if c[0].strip() == "Event#1"]
    assert starts == [
        "2020-11-23T07:15:00-07:00", "2020-11-24T07:15:00-07:00", "2020-11-30T07:15:00-07:00",
        "2020-12-01T07:15:00-07:00", "2020-12-03T07:15:00-07:00", "2020-12-04T07:15:00-07:00",
    ]  # fmt: skip


def test_google_weekly_classes_across_the_march_dst_change(check: Callable[..., Run]) -> None:
    # Chicago and Denver change together on 14 March 2021: 08:15 in Chicago stays 07:15 here.
    result = check(
        "google_school_weekly_exdate_across_dst_chicago.ics", "2021-03-08",
        [("mon", [1, 2], "07:00", "07:30", "early")], "--json",
    )  # fmt: skip
    assert [c[1] for c in clashes(result)] == ["2021-03-08T07:15:00-07:00", "2021-03-15T07:15:00-06:00"]


def test_google_recurrence_id_override_moves_one_occurrence(check: Callable[..., Run]) -> None:
    # 2014's Vespers were moved to 18:30-19:30 PDT (19:30 MDT), not the series' 19:00 PDT.
    result = check(
        "google_yearly_rrule_exdate_recurrence-id.ics", "2014-07-28",
        [("fri", [1], "19:00", "20:00", "evening")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        (
            "Vespers for the Feast of St. Joseph",
            "2014-08-01T19:30:00-06:00",
            "2014-08-01T20:30:00-06:00",
            ["evening"],
        )
    ]


def test_google_exdate_removes_a_year(check: Callable[..., Run]) -> None:
    result = check(
        "google_yearly_rrule_exdate_recurrence-id.ics", "2016-08-01",
        [("mon", [1], "20:00", "21:00", "evening")], "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.json()["checked"] == 0


@pytest.mark.parametrize(
    ("name", "start"),
    [("google_allday_weekdays_recurring.ics", "2012-08-06"),
     ("exchange2010_allday_biweekly_recurrence-id_gmt_standard_time.ics", "2020-03-30")],
)  # fmt: skip
def test_transparent_all_day_events_are_not_busy(check: Callable[..., Run], name: str, start: str) -> None:
    weekdays = [(d, [1, 2], "10:00", "11:00", f"s-{d}") for d in ("mon", "tue", "wed", "thu", "fri")]
    result = check(name, start, weekdays, "--json")
    data = result.json()
    assert result.exit_code == 0
    assert data["checked"] > 0
    assert data["free"] == data["checked"]
    assert data["conflicts"] == []


def test_apple_all_day_event_covers_its_date(check: Callable[..., Run]) -> None:
    # "Pay AmEx bill" is all day on the 24th: Monday 24 May 2004, midnight to midnight here.
    result = check(
        "apple_ical_allday_monthly_exdate_overrides_before_master.ics", "2004-05-24",
        [("mon", [1], "10:00", "11:00", "monday"), ("tue", [1], "10:00", "11:00", "tuesday")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        ("Pay AmEx bill", "2004-05-24T00:00:00-06:00", "2004-05-25T00:00:00-06:00", ["monday"])
    ]
    assert result.json()["conflicts"][0]["all_day"] is True


def test_apple_multi_day_all_day_weekly_until(check: Callable[..., Run]) -> None:
    # Thursday to Saturday each week until 30 September 2006.
    result = check(
        "apple_ical_multiday_allday_weekly_until_date.ics", "2006-09-04",
        [("thu", [1, 2], "10:00", "11:00", "thursday"), ("fri", [1, 2], "10:00", "11:00", "friday"),
         ("mon", [1, 2], "10:00", "11:00", "monday")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        ("Recurring-2", "2006-09-07T00:00:00-06:00", "2006-09-10T00:00:00-06:00", ["thursday", "friday"]),
        ("Recurring-2", "2006-09-14T00:00:00-06:00", "2006-09-17T00:00:00-06:00", ["thursday", "friday"]),
    ]


def test_outlook_display_name_zone_in_the_southern_hemisphere(check: Callable[..., Run]) -> None:
    # Sydney's 09:30 standup is Monday 16:30 MDT before 5 April 2009 and 17:30 after it.
    result = check(
        "outlook2003_desktop_legacy_display_name_tzid.ics", "2009-03-30",
        [("mon", [1, 2], "16:00", "17:00", "monday")], "--json",
    )  # fmt: skip
    assert clashes(result) == [
        ("Standup", "2009-03-30T16:30:00-06:00", "2009-03-30T16:45:00-06:00", ["monday"])
    ]


def test_custom_vtimezone_with_one_off_transitions() -> None:
    events = read_events(
        DATA / "vtimezone_custom_rules_ambiguous_transition.ics", DENVER,
        datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC),
    ).events  # fmt: skip
    got = {e.summary.split(",")[0]: e.start for e in events}
    assert got == {
        "This event is clearly in winter": datetime(2024, 3, 2, 20, 0, tzinfo=UTC),  # +12:00
        "This event is clearly in summer": datetime(2024, 8, 2, 22, 0, tzinfo=UTC),  # +10:00
        "Transition is from 8am -> 6am": datetime(2024, 5, 4, 22, 0, 1, tzinfo=UTC),
    } | {k: v for k, v in got.items() if "7:00:01" in k}
    assert any(e.start == datetime(2024, 5, 4, 19, 0, 1, tzinfo=UTC) for e in events)  # 07:00:01 is winter


def test_an_instant_inside_a_session_collides(check: Callable[..., Run]) -> None:
    # The summer event has no DTEND: an instant, 08:00 +10:00 on Sat 3 Aug = Fri 16:00 MDT.
    result = check(
        "vtimezone_custom_rules_ambiguous_transition.ics", "2024-07-29",
        [("fri", [1], "15:30", "16:30", "friday")], "--json",
    )  # fmt: skip
    assert [c[1:3] for c in clashes(result)] == [("2024-08-02T16:00:00-06:00", "2024-08-02T16:00:00-06:00")]


def test_a_calendar_of_time_zones_only_has_no_events(check: Callable[..., Run]) -> None:
    result = check(
        "vtimezone_custom_america_denver_rdate_and_rrule.ics",
        "2027-01-04",
        [("mon", [1], "10:00", "11:00", "m")],
    )
    assert result.exit_code == 0
    assert "0 events in the module's weeks" in result.stdout


@pytest.mark.parametrize(
    ("name", "start", "when"),
    [
        # A stray line `X` before END:VCALENDAR, outside any event: 18:00 floating, here MDT.
        ("malformed_stray_line_without_colon.ics", "2014-03-31", "2014-03-31T18:00:00-06:00"),
        # `DTSTART;;VALUE=DATE-TIME:...`: the empty parameter says nothing; 09:30 floating.
        ("malformed_double_semicolon_in_params.ics", "2014-04-07", "2014-04-09T09:30:00-06:00"),
    ],
)
def test_slips_that_calendar_apps_read_past_do_not_refuse_the_file(
    check: Callable[..., Run], name: str, start: str, when: str
) -> None:
    result = check(name, start, [("mon", [1, 2], "08:00", "09:00", "m")], "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.json()["checked"] == 1
    read = read_events(
        DATA / name, DENVER, datetime(2014, 1, 1, tzinfo=UTC), datetime(2015, 1, 1, tzinfo=UTC)
    )
    assert [e.start.astimezone(DENVER).isoformat() for e in read.events] == [when]


def test_an_event_that_ends_before_it_starts_is_reported_with_its_lines(check: Callable[..., Run]) -> None:
    name = "malformed_dtend_before_dtstart.ics"  # its only event
    result = check(name, "2019-03-04", [("mon", [1], "08:00", "09:00", "m")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"mod4: {DATA / name}:25: cannot read its only event 'test1': ends before it starts: "
        "DTEND 20190304T080000 is before DTSTART 20190304T083000; fix DTEND (line 32)\n"
    )


# --- An interview in module week 2, as Outlook and others would write it -------------------

COHORT_START = "2026-10-19"  # week 2 holds Wednesday 28 October (MDT); week 3 is after the change


def _calendar(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\nUID:e{n}\r\nDTSTAMP:20261001T000000Z\r\nSUMMARY:Interview {n}\r\n{e}END:VEVENT\r\n"
                   for n, e in enumerate(events))  # fmt: skip
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"


MOUNTAIN = "DTSTART;TZID=Mountain Standard Time:20261028T131500\r\nDTEND;TZID=Mountain Standard Time:20261028T134500\r\n"


@pytest.fixture
def bundled_cohort(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[[str], Any]:
    from mod4cli.load.paths import bundled_schedule

    text = bundled_schedule().read_text().replace("# start = 2027-01-04", f"start = {COHORT_START}")
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(text)))
    monkeypatch.setenv("MOD4_NOW", "2026-10-19T08:00")

    def go(calendar: str) -> Any:
        path = tmp_path / "interview.ics"
        path.write_text(calendar, newline="")
        result = run("check-conflict", "--ics", str(path), "--json")
        return result.exit_code, [
            (c["start"], [s["session"] for s in c["sessions"]]) for c in result.json()["conflicts"]
        ]

    return go


@pytest.mark.parametrize(
    "when",
    [
        MOUNTAIN,
        "DTSTART:20261028T191500Z\r\nDTEND:20261028T194500Z\r\n",
        "DTSTART;TZID=America/Los_Angeles:20261028T121500\r\nDTEND;TZID=America/Los_Angeles:20261028T124500\r\n",
        "DTSTART;TZID=Pacific Standard Time:20261028T121500\r\nDTEND;TZID=Pacific Standard Time:20261028T124500\r\n",
    ],
    ids=["outlook-mountain", "utc", "pacific", "outlook-pacific"],
)
def test_an_interview_during_homeroom_is_caught_however_written(
    bundled_cohort: Callable[[str], Any], when: str
) -> None:
    code, found = bundled_cohort(_calendar(when))
    assert code == 1
    assert found == [("2026-10-28T13:15:00-06:00", ["homeroom", "mix-it-up"])]


def test_a_weekly_interview_across_the_november_change_is_caught_every_week(
    bundled_cohort: Callable[[str], Any],
) -> None:
    code, found = bundled_cohort(_calendar(MOUNTAIN + "RRULE:FREQ=WEEKLY;COUNT=4\r\n"))
    assert code == 1
    assert found == [
        ("2026-10-28T13:15:00-06:00", ["homeroom", "mix-it-up"]),
        ("2026-11-04T13:15:00-07:00", ["homeroom"]),  # MST now; week 3 Homeroom is the whole hour
        ("2026-11-11T13:15:00-07:00", ["homeroom", "mix-it-up"]),
        ("2026-11-18T13:15:00-07:00", ["homeroom"]),
    ]


def test_an_interview_at_three_is_free(bundled_cohort: Callable[[str], Any]) -> None:
    code, found = bundled_cohort(
        _calendar(MOUNTAIN.replace("T131500", "T150000").replace("T134500", "T153000"))
    )
    assert (code, found) == (0, [])


def test_a_calendar_needs_the_start_date(run: RunFn) -> None:
    result = run("check-conflict", "--ics", str(DATA / "utc_zulu_times_minimal.ics"))
    assert result.exit_code == 2
    assert "needs your cohort's start date" in result.stderr


def test_oversized_files_are_refused_and_deep_nesting_left_out(run: RunFn, tmp_path: Path) -> None:
    run("init", "--start", "2027-01-04")
    deep = tmp_path / "deep.ics"
    deep.write_text("BEGIN:VCALENDAR\n" + "BEGIN:X\n" * 50 + "END:X\n" * 50 + "END:VCALENDAR\n")
    result = run("check-conflict", "--ics", str(deep))  # a calendar with no events, the rest left out
    assert result.exit_code == 0
    assert result.stderr == f"mod4: warning: {deep}:9: components nested more than 8 deep are left out\n"
    big = tmp_path / "big.ics"
    with big.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)
    result = run("check-conflict", "--ics", str(big))
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {big}: is larger than 20 MB, the most mod4 reads here\n"
        "      Export a shorter range of dates: the module's weeks are all mod4 checks.\n",
    )
    missing = run("check-conflict", "--ics", str(tmp_path / "nope.ics"))
    assert missing.exit_code == 2 and "no such calendar file" in missing.stderr
