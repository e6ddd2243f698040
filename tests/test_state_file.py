"""The student's state file (load/state_file.py): each refusal of a file mod4 would never write,
whole, with the key and the way out; and what an upgrade from an older schema keeps."""

from __future__ import annotations

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
            "booking[1].id: expected int, got str",
            id="schema-1-booking-id-as-text",
        ),
        pytest.param(
            'schema = 1\n[[history]]\naction = "x"\nat = 2027-01-19T17:00:00Z\nbookings = ["one"]\n',
            "history[1].bookings[1]: expected a table",
            id="schema-1-history-booking-not-a-table",
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
