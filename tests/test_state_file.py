"""The student's state file (load/state_file.py): each refusal of a file mod4 would never write,
whole, with the key and the way out; and what an upgrade from an older schema keeps."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Run, write_state

RunFn = Callable[..., Run]


def _refusal(path: Path, problem: str) -> str:
    """A refused state file as the student reads it, with no backup to restore."""
    return (
        f"mod4: {path}: {problem}; the file was left as it is\n"
        f"      Move the file away to start afresh: mv {path} {path}.broken\n"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "schema = 1\nnext_booking = 3\n",
            "next_booking: unknown key in a schema 1 file",
            id="schema-1-with-a-schema-2-key",
        ),
        pytest.param(
            'schema = 1\n[[booking]]\nid = "two"\nspecialist = "Ryan"\nstart = 2027-01-19T17:00:00Z\n',
            "booking[1].id: expected a whole number, got 'two'",
            id="schema-1-booking-id-as-text",
        ),
        pytest.param(
            'schema = 1\n[[history]]\naction = "x"\nat = 2027-01-19T17:00:00Z\nbookings = ["one"]\n',
            "history[1].bookings[1]: expected a table",
            id="schema-1-history-booking-not-a-table",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 2\n[[booking]]\nid = 1\nspecialist = "Ryan"\nstart = "soon"\n',
            "booking[1].start: expected a date-time with its UTC offset, got 'soon'",
            id="booking-start-as-text",
        ),
        pytest.param(
            "schema = 2\nnext_booking = 1\n[[history]]\naction = 5\nat = 2027-01-19T17:00:00Z\n",
            "history[1].action: expected text, got a whole number (5)",
            id="history-action-as-a-number",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 1\n[[history]]\nat = 2027-01-19T17:00:00Z\nstages = "done"\n',
            "history[1].stages: expected a table, got 'done'",
            id="history-stages-as-text",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 1\n[profile]\nstart = "2027-01-04"\n',
            "profile.start: expected a date, got '2027-01-04'",
            id="profile-start-as-text",
        ),
        pytest.param(
            "schema = 2\nnext_booking = 1\n[profile]\nstart = 2027-01-04T09:00:00Z\n",
            "profile.start: expected a date, got a date-time (2027-01-04T09:00:00+00:00)",
            id="profile-start-with-a-time",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 1\n[profile]\ncolour = "blue"\n',
            "profile.colour: unknown key",
            id="profile-unknown-key",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 1\n[[calendar]]\nsource = "/tmp/x.ics"\nadded = 2027-01-04T09:00:00Z\n',
            "calendar[1].name: missing",
            id="calendar-without-a-name",
        ),
        pytest.param(
            'schema = 2\nnext_booking = 1\n[[calendar]]\nname = "mine"\nsource = "/tmp/x.ics"\n'
            'added = 2027-01-04T09:00:00Z\nsize = "big"\n',
            "calendar[1].size: expected a whole number, got 'big'",
            id="calendar-size-as-text",
        ),
    ],
)
def test_a_state_file_mod4_would_never_write_is_refused_whole(
    run: RunFn, mod4_home: Path, text: str, problem: str
) -> None:
    path = write_state(mod4_home, text)
    result = run("todo")
    assert (result.exit_code, result.stderr) == (2, _refusal(path, problem))
    assert path.read_text(encoding="utf-8") == text


def test_a_change_waits_for_another_mod4_and_then_gives_up_saying_so(
    run: RunFn, mod4_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = mod4_home / "state.toml.lock"
    mod4_home.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import filelock, time; held = filelock.FileLock({str(lock)!r}); held.acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setenv("MOD4_LOCK_TIMEOUT", "0.2")
        result = run("done", "resume")
    finally:
        holder.kill()
        holder.wait()
    assert (result.exit_code, result.stderr) == (
        2,
        f"mod4: {lock}: another mod4 has been writing for 0.2 s, so nothing was changed\n"
        "      Try again in a moment. A lock left by a crashed mod4 is released by the system.\n",
    )


def test_a_state_file_starting_with_a_byte_order_mark_is_refused_whole(run: RunFn, mod4_home: Path) -> None:
    path = write_state(mod4_home, "\ufeffschema = 2\nnext_booking = 1\n")
    assert run("todo").stderr == (
        f"mod4: {path}: starts with a UTF-8 byte-order mark, which TOML does not allow; it was left as it "
        "is (save it without one)\n"
        f"      Move the file away to start afresh: mv {path} {path}.broken\n"
    )


def test_a_booking_of_the_longest_length_and_one_without_a_length_load(
    run: RunFn, mod4_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """480 minutes is the longest a meeting may be, and a booking written without `minutes` is 30."""
    monkeypatch.setenv("MOD4_NOW", "2027-01-20T09:00")
    write_state(
        mod4_home,
        "schema = 2\nnext_booking = 3\n[profile]\nstart = 2027-01-04\n"
        '[[booking]]\nid = 1\nspecialist = "Ryan"\nstart = 2027-01-19T16:00:00Z\nminutes = 480\n'
        '[[booking]]\nid = 2\nspecialist = "Tracey"\nstart = 2027-01-26T17:00:00Z\n',
    )
    result = run("coach", "list", "--json")
    assert result.exit_code == 0, result.stderr
    assert [(b["id"], b["minutes"]) for b in result.json()["bookings"]] == [(1, 480), (2, 30)]
