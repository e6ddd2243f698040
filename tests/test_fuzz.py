"""Fuzzing: whatever comes in, the only outcomes are success or one clean exit-2 error.

Set MOD4_FUZZ_EXAMPLES for longer runs (default 200 an input kind).
"""

from __future__ import annotations

import os
import random
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mod4cli.cli.typer_app import app
from mod4cli.load import schedule_file, state_file
from mod4cli.load.calendar_file import read_events
from mod4cli.load.paths import bundled_schedule
from mod4cli.model.errors import CalendarError, ScheduleError, StateError
from tests.helpers import FIGURES

EXAMPLES = int(os.environ.get("MOD4_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DATA = Path(__file__).parent / "data" / "ics"


def _count(kind: str) -> None:
    FIGURES[f"fuzz cases: {kind}"] = int(str(FIGURES.get(f"fuzz cases: {kind}", 0))) + 1


# TOML-shaped values: what a staff member could plausibly (or implausibly) write.
scalars = st.one_of(
    st.text(max_size=12), st.integers(-5, 60), st.booleans(), st.sampled_from(["10:00", "13:30", "mon", "wed", "7pm"]),
    st.dates(), st.times().map(lambda t: t.replace(microsecond=0)),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "title", "week", "day", "x"]), inner, max_size=3)
    ),
    max_leaves=8,
)
session_tables = st.fixed_dictionaries(
    {},
    optional={
        "id": values, "title": values, "kind": st.sampled_from(["workshop", "group", "party"]) | values,
        "week": values, "weeks": values, "day": values, "start": values, "end": values, "required": values,
        "topics": values, "requires": values, "colour": values,
    },
)  # fmt: skip
documents = st.fixed_dictionaries(
    {},
    optional={
        "schema": st.integers(-1, 3) | values,
        "module": st.fixed_dictionaries({}, optional={"title": values, "weeks": values, "timezone": values | st.just("America/Denver"), "start": values}),
        "session": st.lists(session_tables, max_size=4) | values,
        "deliverable": st.lists(st.dictionaries(st.sampled_from(["id", "title", "due", "item"]), values, max_size=4), max_size=2) | values,
        "coaching": values, "contact": values, "repeating": values, "week": values, "oops": values,
    },
)  # fmt: skip


@FUZZ
@given(doc=documents)
def test_schedule_loading_only_succeeds_or_reports(doc: dict[str, object]) -> None:
    _count("schedule files")
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return
    try:
        schedule_file.parse_text(text, "fuzz.toml")
    except ScheduleError as error:
        assert error.problems and all(str(p).startswith("fuzz.toml") for p in error.problems)


@FUZZ
@given(text=st.text(max_size=300))
def test_schedule_text_only_succeeds_or_reports(text: str) -> None:
    _count("schedule text")
    with suppress(ScheduleError):
        schedule_file.parse_text(text, "fuzz.toml")


@FUZZ
@given(
    doc=st.dictionaries(
        st.sampled_from(["schema", "profile", "stages", "booking", "history", "x"]), values, max_size=5
    )
)
def test_state_loading_only_succeeds_or_reports(doc: dict[str, object], tmp_path_factory: object) -> None:
    _count("state files")
    try:
        raw = tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):
        return
    try:
        loaded = state_file.decode(raw, Path("state.toml"))
    except StateError:
        return
    assert state_file.decode(state_file.encode(loaded), Path("state.toml")) == loaded  # what loads, saves


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), name=st.sampled_from(sorted(p.name for p in DATA.glob("*.ics"))))
def test_damaged_calendars_only_succeed_or_report(tmp_path_factory: object, seed: int, name: str) -> None:
    _count("calendar files")
    rng = random.Random(seed)
    lines = (DATA / name).read_bytes().split(b"\n")
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(lines))
        action = rng.choice(["drop", "dup", "cut", "noise", "swap"])
        if action == "drop" and len(lines) > 1:
            del lines[at]
        elif action == "dup":
            lines.insert(at, lines[at])
        elif action == "cut":
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
        elif action == "noise":
            lines[at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
        else:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
    path = Path(str(tmp_path_factory.mktemp("ics"))) / "fuzz.ics"  # type: ignore[attr-defined]
    path.write_bytes(b"\n".join(lines))
    try:
        read_events(
            path,
            ZoneInfo("America/Denver"),
            datetime(1990, 1, 1, tzinfo=UTC),
            datetime(2031, 1, 1, tzinfo=UTC),
        )
    except CalendarError as error:
        assert str(path) in error.message


WORDS = [
    "week", "todo", "check-conflict", "done", "reopen", "stage", "undo", "init", "status", "coach", "book",
    "list", "cancel", "contact", "export", "ics", "schedule", "check", "3", "0", "-1", "99", "wed", "13:15",
    "week 3 wed 13:15", "2027-01-20 10:00", "2027-13-40T25:61", "resume", "portfolio", "published", "Tracey",
    "offer", "--json", "--tz", "Europe/Berlin", "Mars/Base", "--duration", "45m", "forever", "-d", "--start",
    "2027-01-04", "2027-01-05", "--grid", "--show", "--ics", "--help", "--schedule", "\x1b[2J", "[bold]x",
]  # fmt: skip


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(WORDS), max_size=6))
def test_any_command_line_ends_in_0_1_or_2(argv: list[str], tmp_path_factory: object) -> None:
    _count("command lines")
    home = Path(str(tmp_path_factory.mktemp("home")))  # type: ignore[attr-defined]
    env = {"MOD4_HOME": str(home), "MOD4_NOW": "2027-01-20T09:00", "MOD4_SCHEDULE": str(bundled_schedule())}
    result = CliRunner().invoke(app, argv, env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1, 2), (argv, result.output)
    assert "Traceback" not in result.output
