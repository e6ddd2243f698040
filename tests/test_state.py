"""The state file: round trips, refusal to overwrite what it cannot read, and backups."""

from __future__ import annotations

import shlex
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mod4cli.load import state_file as state
from mod4cli.model.calendar import Subscription
from mod4cli.model.errors import StateError
from mod4cli.model.progress import Booking, Profile, Snapshot, State

NOW = datetime(2027, 1, 20, 17, 0, tzinfo=UTC)

ids = st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=12)
stage_maps = st.dictionaries(ids, ids, max_size=5).map(lambda d: tuple(sorted(d.items())))
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)
bookings = st.builds(
    Booking,
    id=st.integers(1, 10_000),
    specialist=st.sampled_from(["Tracey", "Ryan"]),
    start=moments,
    minutes=st.just(30),
    topic=st.none() | st.text(min_size=1, max_size=30),
)
calendars = st.builds(
    Subscription,
    name=ids,
    source=st.sampled_from(["https://calendar.example.com/private-abc/basic.ics", "/home/me/mine.ics"]),
    added=moments,
    refreshed=st.none() | moments,
    etag=st.none() | st.just('"v1"'),
    last_modified=st.none() | st.just("Sat, 28 Nov 2026 10:00:00 GMT"),
    content=st.none() | st.text("0123456789abcdef", min_size=40, max_size=40),
    size=st.none() | st.integers(0, 2**24),
    mtime_ns=st.none() | st.integers(0, 2**62),
    failure=st.none() | st.text(min_size=1, max_size=40),
    failed_at=st.none() | moments,
)
states = st.builds(
    State,
    profile=st.builds(
        Profile,
        start=st.none()
        | st.dates(date(2020, 1, 1), date(2035, 1, 1)).map(lambda d: d - timedelta(d.weekday())),
        timezone=st.none() | st.sampled_from(["America/Denver", "Europe/Berlin"]),
        repeating=st.booleans(),
    ),
    stages=stage_maps,
    bookings=st.lists(bookings, max_size=3, unique_by=lambda b: b.id).map(tuple),
    history=st.lists(
        st.builds(
            Snapshot,
            action=ids,
            at=moments,
            stages=stage_maps,
            bookings=st.lists(bookings, max_size=2, unique_by=lambda b: b.id).map(tuple),
        ),
        max_size=4,
    ).map(tuple),
    next_booking=st.integers(0, 3),  # how far above the highest id held; see below
    calendars=st.lists(calendars, max_size=2, unique_by=lambda c: c.name).map(tuple),
).map(lambda s: s._replace(next_booking=_highest_id(s) + 1 + s.next_booking))


def _highest_id(value: State) -> int:
    return max((b.id for b in (*value.bookings, *(b for h in value.history for b in h.bookings))), default=0)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None)
@given(value=states)
def test_state_round_trips_through_the_file(tmp_path: Path, value: State) -> None:
    path = tmp_path / "state.toml"
    state.write_atomic(path, state.encode(value))
    assert state.load(path) == value


def test_missing_file_is_an_empty_state(tmp_path: Path) -> None:
    assert state.load(tmp_path / "state.toml") == State()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x00\xff garbage {{{", "damaged"),
        (b"", "schema: missing"),
        (b"schema = 7\n", "newer mod4"),
        (b'schema = 1\nfavourite = "blue"\n', "favourite: unknown key"),
        (b"schema = 1\n[stages]\nresume = 3\n", "stages.resume: expected a stage name"),
        (
            b'schema = 1\n[[booking]]\nid = 1\nspecialist = "Ryan"\nstart = 2027-01-20T10:00:00\n',
            "UTC offset",
        ),
    ],
)
def test_unreadable_state_is_refused_and_left_alone(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(content)
    with pytest.raises(StateError, match=expected) as caught:
        state.update(path, lambda s: (s, None))
    assert str(path) in caught.value.message
    assert path.read_bytes() == content
    assert caught.value.hint is not None and "mv" in caught.value.hint


def test_each_save_keeps_the_previous_version_as_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    first = State(stages=(("resume", "done"),))
    second = State(stages=(("resume", "done"), ("survey", "done")))
    state.update(path, lambda s: (first, None))
    assert not state.backup_path(path).exists()
    state.update(path, lambda s: (second, None))
    assert state.load(state.backup_path(path)) == first
    assert state.load(path) == second
    path.write_bytes(b"garbage")
    with pytest.raises(StateError) as caught:
        state.load(path)
    assert caught.value.hint == (
        f"The last good version is {path}.bak. "
        f"To restore it: cp {shlex.quote(f'{path}.bak')} {shlex.quote(str(path))}"
    )


def test_a_failed_change_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    state.update(path, lambda s: (State(stages=(("cv", "done"),)), None))
    before = path.read_bytes()

    def boom(_: State) -> tuple[State, None]:
        raise StateError("no")

    with pytest.raises(StateError):
        state.update(path, boom)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.toml", "state.toml.lock"]


def test_history_is_bounded() -> None:
    from mod4cli.model.progress import UNDO_DEPTH
    from mod4cli.model.schedule import DuePoint, Item
    from mod4cli.plan.progress import with_stages

    item = Item(id="cv", title="CV", deliverable="kit", due=DuePoint(week=1, day=0, time=datetime.min.time()))
    value = State()
    for n in range(UNDO_DEPTH + 10):
        value = with_stages(
            value, [(item, "done" if n % 2 else "not-started")], f"change {n}", NOW + timedelta(n)
        )
    assert len(value.history) == UNDO_DEPTH
    assert value.history[-1].action == f"change {UNDO_DEPTH + 9}"
