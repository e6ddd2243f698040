"""The state file's format and its rules: schema versions, booking ids, hand edits, modes, locks
(issue 10, items 6 and 10-13)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mod4cli.load import state_file
from mod4cli.model.errors import StateError
from mod4cli.model.progress import Booking, Profile, Snapshot, State
from tests.helpers import Run, write_state

RunFn = Callable[..., Run]
DATA = Path(__file__).parent / "data" / "state"


@pytest.fixture
def cohort(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled schedule, in week 3 of a cohort that started on 4 January 2027."""
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T09:00")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


RYAN_2 = Booking(id=2, specialist="Ryan", start=utc(2027, 1, 19, 17), minutes=30, topic="Job offers")
TRACEY_3 = Booking(id=3, specialist="Tracey", start=utc(2027, 1, 26, 21), minutes=30)
TRACEY_5 = Booking(id=5, specialist="Tracey", start=utc(2027, 2, 2, 21), minutes=30)
EXPECTED = {
    "schema-1-empty.toml": State(profile=Profile(timezone="Europe/Berlin"), next_booking=1),
    "schema-1-cancelled.toml": State(
        profile=Profile(start=date(2027, 1, 4), repeating=True),
        stages=(("portfolio", "review-requested"), ("resume", "done")),
        bookings=(RYAN_2,),
        history=(
            Snapshot(
                action="coach book Ryan #2",
                at=utc(2027, 1, 11, 16),
                stages=(("resume", "done"),),
                bookings=(),
            ),
            Snapshot(
                action="coach book Tracey #3",
                at=utc(2027, 1, 12, 16),
                stages=(("resume", "done"),),
                bookings=(RYAN_2,),
            ),
            Snapshot(
                action="coach cancel #3",
                at=utc(2027, 1, 12, 16, 5),
                stages=(("resume", "done"),),
                bookings=(RYAN_2, TRACEY_3),
            ),
        ),
        next_booking=4,
    ),
    "schema-2-after-history.toml": State(
        profile=Profile(start=date(2027, 1, 4), timezone="America/New_York"),
        stages=(("linkedin", "done"), ("old-item", "shipped")),
        bookings=(TRACEY_5,),
        history=(Snapshot(action="done linkedin", at=utc(2027, 2, 1, 16), stages=(), bookings=(TRACEY_5,)),),
        next_booking=7,
    ),
}


# --- schema versions ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_schema_loads_to_the_same_values(name: str) -> None:
    assert state_file.load(DATA / name) == EXPECTED[name]


def test_every_schema_version_has_a_fixture_checked_here() -> None:
    # (tests/test_safety_net.py checks the other fixtures through the CLI)
    assert set(EXPECTED) <= {p.name for p in DATA.glob("*.toml")}
    assert {int(name.split("-")[1]) for name in EXPECTED} == set(range(1, state_file.SCHEMA + 1))


def test_a_schema_1_file_is_saved_as_schema_2_and_its_backup_kept(mod4_home: Path) -> None:
    path = write_state(mod4_home, (DATA / "schema-1-cancelled.toml").read_text())
    old = path.read_bytes()
    state_file.update(path, lambda s: (s._replace(stages=()), None))
    assert path.read_text().startswith("schema = 2\nnext_booking = 4\n")
    assert state_file.backup_path(path).read_bytes() == old
    assert state_file.load(path) == EXPECTED["schema-1-cancelled.toml"]._replace(stages=())


# --- 10. booking ids are never given twice -------------------------------------------------------


def test_a_cancelled_booking_id_is_not_given_again_after_sixty_changes(run: RunFn, cohort: None) -> None:
    assert run("init", "--start", "2027-01-04").exit_code == 0
    assert run("coach", "book", "Tracey", "week 3 thu 10:00").stdout.startswith("Recorded #1:")
    assert run("coach", "cancel", "1").exit_code == 0
    for n in range(60):  # more than the undo history keeps, so #1 leaves it
        assert run("reopen" if n % 2 else "done", "resume").exit_code == 0
    booked = run("coach", "book", "Tracey", "week 3 thu 10:00")
    assert booked.exit_code == 0, booked.stderr
    assert booked.stdout.startswith("Recorded #2:")
    assert [b["id"] for b in run("coach", "list", "--json").json()["bookings"]] == [2]


def test_undo_of_a_booking_does_not_give_its_id_again(run: RunFn, cohort: None) -> None:
    assert run("init", "--start", "2027-01-04").exit_code == 0
    assert run("coach", "book", "Ryan", "week 3 thu 10:00").stdout.startswith("Recorded #1:")
    assert run("undo").exit_code == 0
    assert run("coach", "book", "Ryan", "week 3 thu 10:00").stdout.startswith("Recorded #2:")


# --- 11. a hand-edited state is checked like the schedule ------------------------------------------

PROFILE = "[profile]\nstart = 2027-01-04\n"


def _booking(start: str = "2027-01-20T10:00:00-07:00", minutes: str = "30", booking_id: str = "1") -> str:
    return f'[[booking]]\nid = {booking_id}\nspecialist = "Tracey"\nstart = {start}\nminutes = {minutes}\n'


HAND_EDITS = {
    "a booking on a Saturday": (PROFILE + _booking("2027-01-23T10:00:00-07:00"), "booking[1].start"),
    "a booking at 23:30 UTC on a Saturday in Denver": (PROFILE + _booking("2027-01-24T00:30:00Z"), "booking[1].start"),
    "no minutes at all": (PROFILE + _booking(minutes="0"), "booking[1].minutes"),
    "negative minutes": (PROFILE + _booking(minutes="-30"), "booking[1].minutes"),
    "absurd minutes": (PROFILE + _booking(minutes="99999999999"), "booking[1].minutes"),
    "a booking in the year 9999": (PROFILE + _booking("9999-12-31T23:59:00-07:00"), "booking[1].start"),
    "a booking in the year 1": (PROFILE + _booking("0001-01-01T00:00:00+07:00"), "booking[1].start"),
    "a booking without an offset": (PROFILE + _booking("2027-01-20T10:00:00"), "booking[1].start"),
    "booking number 0": (PROFILE + _booking(booking_id="0"), "booking[1].id"),
    "one number twice": (PROFILE + _booking() + _booking("2027-01-27T10:00:00-07:00"), "booking[2].id"),
    "an old booking in the year 9999": (
        PROFILE + '[[history]]\naction = "x"\nat = 2027-01-20T10:00:00Z\n'
        '[[history.bookings]]\nid = 1\nspecialist = "Ryan"\nstart = 9999-01-01T10:00:00Z\nminutes = 30\n',
        "history[1].bookings[1].start",
    ),
    "a change made in the year 1": (PROFILE + '[[history]]\naction = "x"\nat = 0001-01-01T00:00:00Z\n', "history[1].at"),
    "a zone that is not IANA": ('[profile]\ntimezone = "Mars/Olympus_Mons"\n', "profile.timezone"),
    "a start that is not a Monday": ("[profile]\nstart = 2027-01-05\n", "profile.start"),
    "a start in 1990": ("[profile]\nstart = 1990-01-01\n", "profile.start"),
    "a start in 9999": ("[profile]\nstart = 9999-12-27\n", "profile.start"),
    "a stage that is not a name": ('[stages]\nresume = ["done"]\n', "stages.resume"),
    "a next booking below an id": ("next_booking = 1\n" + _booking(booking_id="4"), "next_booking"),
    "a next booking past 64 bits": ("next_booking = 99999999999999999999999\n", "next_booking"),
    "a booking number past a million": ("next_booking = 1\n" + _booking(booking_id="1000001"), "booking[1].id"),
}  # fmt: skip


@pytest.fixture(params=sorted(HAND_EDITS))
def hand_edited(request: pytest.FixtureRequest, mod4_home: Path) -> Iterator[tuple[Path, str]]:
    body, key = HAND_EDITS[request.param]
    schema = "schema = 2\n" if body.startswith("next_booking") else "schema = 1\n"
    yield write_state(mod4_home, schema + body), key


@pytest.mark.parametrize("args", [("week",), ("status",), ("coach", "list"), ("done", "resume")])
def test_a_hand_edited_state_is_refused_with_its_key(
    run: RunFn, cohort: None, hand_edited: tuple[Path, str], args: tuple[str, ...]
) -> None:
    path, key = hand_edited
    before = path.read_bytes()
    result = run(*args)  # in-process: a traceback would fail the test here
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mod4: {path}: {key}: ")
    assert "the file was left as it is" in result.stderr
    assert path.read_bytes() == before


def test_a_hand_edited_state_never_ends_in_a_traceback(mod4_exe: Callable[..., Run], mod4_home: Path) -> None:
    path = write_state(mod4_home, "schema = 1\n" + PROFILE + _booking("9999-12-31T23:59:00-07:00"))
    for args in (("week",), ("status",), ("coach", "list")):
        result = mod4_exe(*args, env={"MOD4_NOW": "2027-01-20T09:00"})
        assert result.exit_code == 2
        assert result.stderr.startswith(f"mod4: {path}: booking[1].start: expected a date in 2000-2100")
        assert "Traceback" not in result.stderr


def test_a_booking_with_a_specialist_the_schedule_does_not_know_is_shown(
    run: RunFn, cohort: None, mod4_home: Path
) -> None:
    # The schedule may have changed since: a name it does not know is no reason to stop.
    write_state(mod4_home, "schema = 1\n" + PROFILE + _booking().replace('"Tracey"', '"Jordan"'))
    for args in (("week",), ("status",), ("coach", "list"), ("week", "--grid")):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        assert "Jordan" in result.stdout
    assert run("coach", "list", "--json").json()["bookings"][0]["specialist"] == "Jordan"
    booked = run("coach", "book", "Ryan", "week 4 thu 10:00")
    assert booked.exit_code == 0 and booked.stdout.startswith("Recorded #2:")


def test_a_change_that_could_not_be_read_back_is_not_saved(run: RunFn, mod4_home: Path) -> None:
    refused = run("init", "--start", "1990-01-01")  # refused as it is typed
    assert refused.exit_code == 2
    assert not (mod4_home / "state.toml").exists()
    # and, should a change get past that, before the file is written
    path = mod4_home / "state.toml"
    with pytest.raises(StateError, match=r"profile\.start: expected a date in 2000-2100"):
        state_file.update(path, lambda s: (s._replace(profile=Profile(start=date(1990, 1, 1))), None))
    assert not path.exists()


# --- 12. modes -------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_read_only_state_file_is_left_alone(run: RunFn, mod4_home: Path) -> None:
    assert run("done", "resume").exit_code == 0
    path = mod4_home / "state.toml"
    path.chmod(0o444)
    before = path.read_bytes()
    result = run("done", "linkedin")
    assert result.exit_code == 2
    assert (
        f"{path}: is read-only (mode 0444), so mod4 leaves it as it is; nothing was changed" in result.stderr
    )
    assert f"chmod u+w {path}" in result.stderr
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert not (mod4_home / "state.toml.bak").exists()
    assert run("todo").exit_code == 0  # reading it is fine


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_new_state_files_and_their_folder_are_private(run: RunFn, mod4_home: Path) -> None:
    old_umask = os.umask(0o022)  # the usual one, which would leave them readable by all
    try:
        assert run("done", "resume").exit_code == 0
        assert run("done", "linkedin").exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(mod4_home.stat().st_mode) == 0o700
    for name in ("state.toml", "state.toml.bak", "state.toml.lock"):
        assert stat.S_IMODE((mod4_home / name).stat().st_mode) == 0o600, name


# --- 13. lock problems name the lock; a byte-order mark is named ---------------------------------


def test_a_lock_file_that_cannot_be_created_is_named(run: RunFn, mod4_home: Path) -> None:
    (mod4_home / "state.toml.lock").mkdir(parents=True)
    result = run("done", "resume")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mod4: {mod4_home / 'state.toml.lock'}: cannot create the lock file: ")
    assert not (mod4_home / "state.toml").exists()


def test_a_byte_order_mark_in_the_state_file_is_named(run: RunFn, mod4_home: Path) -> None:
    path = write_state(mod4_home, '\ufeffschema = 1\n[stages]\nresume = "done"\n')
    result = run("todo")
    assert result.exit_code == 2
    assert f"{path}: starts with a UTF-8 byte-order mark, which TOML does not allow" in result.stderr


def test_a_byte_order_mark_in_the_schedule_is_named(run: RunFn, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_text("\ufeffschema = 1\n", encoding="utf-8")
    result = run("--schedule", str(path), "week", "1")
    assert result.exit_code == 2
    assert "starts with a UTF-8 byte-order mark, which TOML does not allow" in result.stderr


def test_state_errors_are_state_errors(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(b"schema = 1\nnext_booking = 3\n")
    with pytest.raises(StateError, match="next_booking: unknown key in a schema 1 file"):
        state_file.load(path)
