"""The start-up budget cannot rot silently: which heavy modules each command loads.

Each case runs the real entry point in a fresh interpreter and lists the modules it ended up
with. No clock is read: the guard is about what is imported, which is deterministic.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MINI_SCHEDULE, installed_mod4

PROBE = """
import json, sys
from mod4cli.cli.entry import main
sys.argv = ["mod4", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
with open(OUT, "w") as handle:
    json.dump(sorted(sys.modules), handle)
"""

HEAVY = (
    "rich",
    "typer",
    "icalendar",
    "recurring_ical_events",
    "filelock",
    "pydantic",
    "tomli_w",
    "platformdirs",
)


def loaded(args: list[str], tmp_path: Path, env: dict[str, str]) -> set[str]:
    out = tmp_path / "modules.json"
    code = PROBE.replace("OUT", repr(str(out)))
    subprocess.run([sys.executable, "-c", code, json.dumps(args)], env={**os.environ, **env}, capture_output=True,
                   check=False, cwd=tmp_path)  # fmt: skip
    names = set(json.loads(out.read_text()))
    return {heavy for heavy in HEAVY if heavy in names}


@pytest.fixture
def env(tmp_path: Path, mod4_home: Path) -> dict[str, str]:
    schedule = tmp_path / "cohort.toml"
    schedule.write_text(MINI_SCHEDULE.replace("{start_line}", "start = 2027-01-04"))
    ics = tmp_path / "cal.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n")
    return {"MOD4_SCHEDULE": str(schedule), "MOD4_NOW": "2027-01-05T09:00", "MOD4_HOME": str(mod4_home)}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check-conflict", "week 1 wed 13:15", "--json"], set()),
        (["todo", "--json"], set()),
        (["week", "1", "--json"], set()),
        (["check-conflict", "week 1 wed 13:15"], set()),
        (["week", "1"], {"rich"}),
        (["todo"], {"rich"}),
        (["status"], set()),  # lines of styled text: no table, so no Rich
        (["about"], {"typer"}),
        (["done", "cv", "--json"], {"typer", "filelock", "tomli_w"}),
        (["check-conflict", "--ics", "cal.ics", "--json"], {"icalendar", "recurring_ical_events"}),
        (["export", "ics", "-o", "out.ics"], {"typer", "icalendar"}),
        (["--help"], {"typer"}),
    ],
)
def test_each_command_loads_only_what_it_uses(
    tmp_path: Path, env: dict[str, str], args: list[str], expected: set[str]
) -> None:
    got = loaded(args, tmp_path, env)
    assert "pydantic" not in got
    assert got == expected


def test_platformdirs_only_without_mod4_home(tmp_path: Path, env: dict[str, str]) -> None:
    env = {
        **env,
        "MOD4_HOME": "",
        "XDG_DATA_HOME": str(tmp_path / "d"),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
    }
    assert loaded(["week", "1", "--json"], tmp_path, env) == {"platformdirs"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status"], set()),
        (["week", "1"], {"rich"}),
        (["check-conflict", "week 1 wed 13:15", "--json"], set()),
        (["calendar", "refresh"], {"typer", "filelock", "tomli_w"}),  # the same bytes: nothing to parse
    ],
)
def test_a_followed_calendar_is_read_from_its_cache_without_a_calendar_library(
    tmp_path: Path, env: dict[str, str], args: list[str], expected: set[str]
) -> None:
    # A followed calendar (a file source, so no network), then one read to fill the cache of
    # its busy times: every later read of an unchanged copy needs neither icalendar nor
    # recurring-ical-events, the cost of a cold read.
    ics = tmp_path / "mine.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        "DTSTART:20270106T201500Z\r\nDTEND:20270106T204500Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    full = {**os.environ, **env}
    for setup in (["calendar", "add", str(ics), "--name", "mine"], ["status"]):
        subprocess.run([installed_mod4(), *setup], env=full, capture_output=True, check=True)
    assert loaded(args, tmp_path, env) == expected
