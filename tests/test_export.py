"""`mod4 export ics`: every session at the instant `mod4 week --json` reports, stable UIDs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from mod4cli.load.paths import bundled_schedule
from tests.helpers import Run

RunFn = Callable[..., Run]


@pytest.fixture
def fall_cohort(schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled schedule for a cohort whose week 3 starts the day after the November change."""
    text = bundled_schedule().read_text().replace("# start = 2027-01-04", "start = 2026-10-19")
    path = schedule_file(text)
    monkeypatch.setenv("MOD4_SCHEDULE", str(path))
    monkeypatch.setenv("MOD4_NOW", "2026-10-01T09:00")
    return path


def _strict(data: bytes) -> icalendar.Calendar:
    cal = icalendar.Calendar.from_ical(data)
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    for event in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, required
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    return cal


def test_export_round_trips_to_the_same_instants_as_week_json(
    run: RunFn, fall_cohort: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mod4.ics"
    result = run("export", "ics", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Wrote 34 events" in result.stdout  # 30 sessions and 4 deadlines
    cal = _strict(out.read_bytes())
    exported = {
        str(e["UID"]): (e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC))
        for e in cal.walk("VEVENT") if not str(e["UID"]).startswith("due-")
    }  # fmt: skip
    expected = {}
    for week in range(1, 7):
        for s in run("week", str(week), "--json").json()["sessions"]:
            uid = f"{s['id']}-w{week}-{s['day']}@mod4cli"
            expected[uid] = (datetime.fromisoformat(s["start"]).astimezone(UTC),
                             datetime.fromisoformat(s["end"]).astimezone(UTC))  # fmt: skip
    assert exported == expected
    # Homeroom keeps 13:00 Mountain time on both sides of the change: 19:00 UTC, then 20:00.
    assert exported["homeroom-w2-wed@mod4cli"][0] == datetime(2026, 10, 28, 19, 0, tzinfo=UTC)
    assert exported["homeroom-w3-wed@mod4cli"][0] == datetime(2026, 11, 4, 20, 0, tzinfo=UTC)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/Denver"]


def test_deadlines_and_uids_are_stable(
    run: RunFn, fall_cohort: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("export", "ics").stdout
    monkeypatch.setenv("MOD4_NOW", "2026-10-20T09:00")
    second = run("export", "ics").stdout
    uids = lambda text: sorted(str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT"))  # noqa: E731
    assert uids(first) == uids(second)
    due = {
        str(e["UID"]): e
        for e in icalendar.Calendar.from_ical(first).walk("VEVENT")
        if "due-" in str(e["UID"])
    }
    assert sorted(due) == [
        "due-linkedin@mod4cli",
        "due-portfolio@mod4cli",
        "due-resume@mod4cli",
        "due-survey@mod4cli",
    ]
    assert due["due-survey@mod4cli"]["DTSTART"].dt == datetime(
        2026, 11, 27, 17, 0, tzinfo=due["due-survey@mod4cli"]["DTSTART"].dt.tzinfo
    )
    assert str(due["due-survey@mod4cli"]["TRANSP"]) == "TRANSPARENT"


def test_busy_only_has_untitled_required_blocks(run: RunFn, fall_cohort: Path) -> None:
    cal = _strict(run("export", "ics", "--busy-only").stdout.encode())
    events = list(cal.walk("VEVENT"))
    assert {str(e["SUMMARY"]) for e in events} == {"Busy"}
    assert all("DESCRIPTION" not in e for e in events)
    # 5 workshops, 5 Homerooms, 2 Mix It Ups; no office hours, work time or deadlines.
    assert len(events) == 12


def test_export_needs_a_start_date_and_writes_nothing_without(run: RunFn, tmp_path: Path) -> None:
    out = tmp_path / "mod4.ics"
    result = run("export", "ics", "-o", str(out))
    assert result.exit_code == 2
    assert "start date" in result.stderr
    assert not out.exists()
