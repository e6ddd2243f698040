"""The parsed-schedule cache gives back exactly what parsing gives, and nothing of another shape.

An entry in the student's own cache folder is trusted to be theirs, but not to be well formed: a
value of the wrong JSON type anywhere in it makes the whole entry a miss, and the file is parsed
again. These tests tamper with one field at a time and check the schedule a command would see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mod4cli.load import schedule_cache
from mod4cli.load.paths import bundled_schedule
from mod4cli.load.schedule_file import load_file
from mod4cli.model.schedule import Module, Schedule, Session
from tests.helpers import Run, mini_schedule


@pytest.fixture(autouse=True)
def fresh_decoders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test builds the cache's decoders afresh. They are built once per type and kept for
    the process, so without this a mutation run, whose workers are forked from a process that
    ran the whole suite, would inherit them and never run a mutant of the code that builds them."""
    monkeypatch.setattr(schedule_cache, "_DECODERS", {})
    monkeypatch.setattr(schedule_cache, "_TIMES", {})


def test_the_bundled_schedule_comes_back_from_the_cache_unchanged(tmp_path: Path) -> None:
    path = bundled_schedule()
    first = schedule_cache.load(path, tmp_path)  # parses and fills the cache
    assert list(tmp_path.glob("schedule-*.json"))
    again = schedule_cache.load(path, tmp_path)  # from the cache
    assert again == first == load_file(path)
    assert [type(s) for s in again.sessions] == [Session] * len(first.sessions)


def test_a_cohorts_schedule_with_its_start_date_comes_back_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A staff file may fix the cohort's first Monday; the cache keeps it as a date, exactly."""
    path = mini_schedule(tmp_path, start="2027-01-04")
    first = schedule_cache.load(path, tmp_path / "cache")

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed again: the entry was not used")

    monkeypatch.setattr(schedule_cache, "parse_text", no_parsing)
    again = schedule_cache.load(path, tmp_path / "cache")  # from the cache, or the test fails
    assert again.module.start == first.module.start == date(2027, 1, 4)
    assert type(again.module.start) is date
    assert again == load_file(path)


# One value of a wrong JSON type for each kind of Session field, as it is stored.
_WRONG: dict[str, Any] = {
    "str": 7,
    "int": "7",
    "bool": 1,  # an int is not a boolean
    "time": True,  # a boolean is not minutes
    "optional": ["x"],
    "tuple": "x",
    "tuple-item": [1],
}


def _kind(field: str) -> str:
    hint = Session.__annotations__[field]
    name = getattr(hint, "__name__", "")
    if name in ("str", "int", "bool", "time"):
        return name
    if "None" in str(hint):
        return "optional"
    return "tuple"


@pytest.mark.parametrize(
    ("field", "wrong"),
    [(f, _kind(f)) for f in Session._fields] + [("topics", "tuple-item"), ("requires", "tuple-item")],
)
def test_an_entry_with_a_field_of_the_wrong_type_is_a_miss(tmp_path: Path, field: str, wrong: str) -> None:
    path = bundled_schedule()
    parsed = schedule_cache.load(path, tmp_path)
    (entry,) = tmp_path.glob("schedule-*.json")
    document = json.loads(entry.read_text())
    sessions = document["schedule"][list(parsed._fields).index("sessions")]
    first = sessions[0]
    first[Session._fields.index(field)] = _WRONG[wrong]
    entry.write_text(json.dumps(document))

    assert schedule_cache.load(path, tmp_path) == parsed
    # and the entry was written again, in the right shape
    rewritten = json.loads(entry.read_text())["schedule"][list(parsed._fields).index("sessions")][0]
    assert rewritten[Session._fields.index(field)] != _WRONG[wrong]


def test_an_entry_with_a_field_too_many_or_too_few_is_a_miss(tmp_path: Path) -> None:
    path = bundled_schedule()
    parsed = schedule_cache.load(path, tmp_path)
    (entry,) = tmp_path.glob("schedule-*.json")
    where = list(parsed._fields).index("sessions")
    for change in (lambda s: s.append("extra"), lambda s: s.pop()):
        document = json.loads(entry.read_text())
        change(document["schedule"][where][0])
        entry.write_text(json.dumps(document))
        assert schedule_cache.load(path, tmp_path) == parsed


def test_a_well_formed_entry_is_what_is_shown(tmp_path: Path) -> None:
    """The other side of the tests above: a valid entry is used as it is, not parsed again."""
    path = bundled_schedule()
    parsed = schedule_cache.load(path, tmp_path)
    (entry,) = tmp_path.glob("schedule-*.json")
    document = json.loads(entry.read_text())
    document["schedule"][list(parsed._fields).index("sessions")][0][Session._fields.index("title")] = "Cached"
    entry.write_text(json.dumps(document))
    assert schedule_cache.load(path, tmp_path).sessions[0].title == "Cached"


# --- what a student sees when the entry is damaged: the same as without it ----------------------


def _session_start(document: dict[str, Any], value: Any) -> None:
    document["schedule"][list(Schedule._fields).index("sessions")][0][Session._fields.index("start")] = value


def _module_start(document: dict[str, Any], value: Any) -> None:
    document["schedule"][list(Schedule._fields).index("module")][Module._fields.index("start")] = value


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: _session_start(d, 10**30), id="a time too large for C"),
        pytest.param(lambda d: _session_start(d, 24 * 60), id="a time past midnight"),
        pytest.param(lambda d: _module_start(d, 10**30), id="a date too large for C"),
        pytest.param(lambda d: _module_start(d, date(9999, 1, 4).toordinal()), id="a date mod4 never keeps"),
        pytest.param(lambda d: _module_start(d, 0), id="a day before the first"),
        pytest.param(lambda d: "[" * 100_000, id="nested too deep"),
    ],
)
def test_a_damaged_entry_is_rebuilt_and_the_student_sees_no_difference(
    mod4_exe: Callable[..., Run], mod4_home: Path, tmp_path: Path, damage: Callable[[Any], Any]
) -> None:
    env = {"MOD4_SCHEDULE": str(mini_schedule(tmp_path, start="2026-10-19")), "MOD4_NOW": "2026-10-20T09:00"}
    commands = (("todo",), ("week", "1", "--json"), ("status", "--json"))
    before = [mod4_exe(*args, env=env) for args in commands]
    (entry,) = (mod4_home / "cache").glob("schedule-*.json")
    document = json.loads(entry.read_text())
    damaged = damage(document)
    entry.write_text(damaged if isinstance(damaged, str) else json.dumps(document))
    after = [mod4_exe(*args, env=env) for args in commands]
    assert after == before
    assert [r.exit_code for r in after] == [0, 0, 0]
    assert json.loads(entry.read_text())["key"]  # written again, whole
