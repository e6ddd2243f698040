"""Time zones a calendar defines itself (load/calendar_zones.py): a VTIMEZONE under a name nothing
else knows (Outlook's `Customized Time Zone`) is built from the rules that can be read; a rule
that cannot be read is left out, and named only when it could matter in the module's year."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, calendar_checker

RunFn = Callable[..., Run]

# Denver's rules under a name of its own, with rules that cannot be read: two that recur (an RRULE,
# line 21; an RDATE, line 32), one from 1883 and one from 2024 (too old to matter for a module in
# 2026), one from 2025 (line 43). "Broken Zone" has one rule, without its DTSTART (line 51), so it
# cannot be built at all.
CUSTOM = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTIMEZONE
TZID:Customized Time Zone
BEGIN:X-NOTE
COMMENT:not a rule; the rules after it still count
END:X-NOTE
BEGIN:STANDARD
DTSTART:16011104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0600
TZOFFSETTO:-0700
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZOFFSETFROM:-0700
TZOFFSETTO:-0600
END:DAYLIGHT
BEGIN:DAYLIGHT
DTSTART:19180331T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=19190330T090000Z
TZOFFSETFROM:-0700
TZOFFSETTO:six hours
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:18831118T120000
TZOFFSETFROM:-065956
TZOFFSETTO:seven
END:STANDARD
BEGIN:STANDARD
DTSTART:19000101T000000
RDATE:19000101T000000
TZOFFSETFROM:-0700
TZOFFSETTO:seven
END:STANDARD
BEGIN:STANDARD
DTSTART:20241103T020000
TZOFFSETFROM:-0600
TZOFFSETTO:seven
END:STANDARD
BEGIN:STANDARD
DTSTART:20251102T020000
TZOFFSETFROM:-0600
TZOFFSETTO:seven
END:STANDARD
END:VTIMEZONE
BEGIN:VTIMEZONE
TZID:Broken Zone
BEGIN:STANDARD
TZOFFSETFROM:-0600
TZOFFSETTO:-0700
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:1@example.com
DTSTART;TZID=Customized Time Zone:20261021T130000
DTEND;TZID=Customized Time Zone:20261021T140000
SUMMARY:Interview
END:VEVENT
BEGIN:VEVENT
UID:2@example.com
DTSTART;TZID=Broken Zone:20261022T130000
DTEND;TZID=Broken Zone:20261022T140000
SUMMARY:Dentist
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def check(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Check an .ics file against a cohort, `now` just before it starts."""
    return calendar_checker(run, schedule_file, monkeypatch)


def test_a_zone_of_the_files_own_is_read_from_the_rules_that_can_be_read(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    ics = tmp_path / "custom.ics"
    ics.write_text(CUSTOM.replace("\n", "\r\n"), encoding="utf-8")
    sessions = [("wed", [1], "13:00", "14:00", "panel"), ("thu", [1], "13:00", "14:00", "group")]
    result = check(ics, "2026-10-19", sessions, "--json")
    # 13:00 in the file's own zone is 13:00 MDT; "Broken Zone" is read as the student's zone.
    assert [(c["summary"], c["start"]) for c in result.json()["conflicts"]] == [
        ("Interview", "2026-10-21T13:00:00-06:00"),
        ("Dentist", "2026-10-22T13:00:00-06:00"),
    ]
    text = check(ics, "2026-10-19", sessions)
    assert text.stderr == "".join(
        f"mod4: warning: {ics}:{line}: {message}\n"
        for line, message in [
            (21, "cannot read this rule of time zone 'Customized Time Zone'; left out"),
            (32, "cannot read this rule of time zone 'Customized Time Zone'; left out"),
            (43, "cannot read this rule of time zone 'Customized Time Zone'; left out"),
            (51, "cannot read this rule of time zone 'Broken Zone'; left out"),
            (64, "time zone 'Broken Zone' is not known; its times are read in America/Denver, your zone"),
        ]
    )


# Transitions given as dates (RDATE;VALUE=DATE), as some exporters write them; icalendar reads
# date-times only, so each is read as that day's midnight. Four hours behind UTC until 1 November.
DATED = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VTIMEZONE
TZID:Dated Zone
BEGIN:DAYLIGHT
DTSTART:20260308T020000
RDATE;value=date:20260308
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20251102T020000
RDATE;VALUE=DATE:20251102,20261101
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:1@example.com
DTSTART;TZID=Dated Zone:20261021T150000
DTEND;TZID=Dated Zone:20261021T160000
SUMMARY:Call
END:VEVENT
END:VCALENDAR
"""


def test_transitions_given_as_dates_are_read(check: Callable[..., Run], tmp_path: Path) -> None:
    ics = tmp_path / "dated.ics"
    ics.write_text(DATED.replace("\n", "\r\n"), encoding="utf-8")
    result = check(ics, "2026-10-19", [("wed", [1], "13:00", "14:00", "panel")], "--json")
    assert [(c["summary"], c["start"]) for c in result.json()["conflicts"]] == [
        ("Call", "2026-10-21T13:00:00-06:00")  # 15:00 four hours behind UTC: 13:00 in Denver
    ]
    assert result.json()["file_warnings"] == []  # every zone known, every rule read


def test_windows_and_globally_unique_zone_names_are_known_without_a_definition(
    check: Callable[..., Run], tmp_path: Path
) -> None:
    """Outlook's Windows names and Thunderbird's `/mozilla.org/.../Europe/Berlin` name Berlin,
    with no VTIMEZONE in the file: 21:00 there is 13:00 in Denver (both on summer time)."""
    events = [
        ("Wed", "W. Europe Standard Time", "20261021"),
        ("Thu", "/mozilla.org/20050126_1/Europe/Berlin", "20261022"),
        ("Fri", "/Europe/Berlin/", "20261023"),
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for n, (summary, tzid, day) in enumerate(events, start=1):
        lines += ["BEGIN:VEVENT", f"UID:{n}@example.com", f'DTSTART;TZID="{tzid}":{day}T210000',
                  f'DTEND;TZID="{tzid}":{day}T220000', f"SUMMARY:{summary}", "END:VEVENT"]  # fmt: skip
    ics = tmp_path / "windows.ics"
    ics.write_text("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n", encoding="utf-8")
    sessions = [(day, [1], "13:00", "14:00", day) for day in ("wed", "thu", "fri")]
    result = check(ics, "2026-10-19", sessions, "--json")
    assert [(c["summary"], c["start"]) for c in result.json()["conflicts"]] == [
        ("Wed", "2026-10-21T13:00:00-06:00"),
        ("Thu", "2026-10-22T13:00:00-06:00"),
        ("Fri", "2026-10-23T13:00:00-06:00"),
    ]
    assert result.json()["file_warnings"] == []  # every zone known, every rule read


ICALENDAR_AFTER_MOD4 = """
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar

from mod4cli.load.calendar_file import read_calendar

raw = open(sys.argv[1], "rb").read()
window = (datetime(2009, 3, 23, tzinfo=UTC), datetime(2009, 3, 25, tzinfo=UTC))
read = read_calendar(raw, "calendar.ics", ZoneInfo("Australia/Sydney"), *window)
event = next(iter(icalendar.Calendar.from_ical(raw).walk("VEVENT")))
print(sorted(e.start.isoformat() for e in read.events)[0], event.decoded("DTSTART").utcoffset())
"""


def test_reading_a_calendar_leaves_icalendars_shared_zones_as_they_were() -> None:
    """icalendar keeps each VTIMEZONE it parses in a process-wide cache under its TZID. mod4's
    checks of a file's zone rule by rule must not stand there for the file's name, or icalendar
    reading the same file afterwards in that process gets a zone with rules left out. Outlook's
    legacy 'Canberra, Melbourne, Sydney' is on daylight time (+11:00) on 10 and 24 March 2009;
    its standard rule alone says +10:00. A fresh process, so no earlier test filled the cache."""
    ics = Path(__file__).parent / "data" / "ics" / "outlook2003_desktop_legacy_display_name_tzid.ics"
    shown = subprocess.run(
        [sys.executable, "-c", ICALENDAR_AFTER_MOD4, str(ics)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["2009-03-23T22:30:00+00:00", "11:00:00"]
