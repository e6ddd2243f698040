"""How times and spans read (model/wording.py), where a student reads them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import MINI_SCHEDULE, Run

RunFn = Callable[..., Run]

SPECIALISTS = """
[coaching]
[[coaching.specialist]]
name = "Ryan"
days = ["mon", "tue"]
start = "09:00"
end = "12:00"

[[coaching.specialist]]
name = "Tracey"
days = ["tue", "thu"]
start = "13:00"
end = "17:00"

[[coaching.specialist]]
name = "Sam"
days = ["mon", "tue", "wed"]
start = "09:00"
end = "10:00"
"""


def test_a_specialists_days_read_as_a_range_only_when_they_follow_each_other(
    run: RunFn, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = MINI_SCHEDULE.replace("{start_line}", "") + SPECIALISTS
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(text)))
    monkeypatch.setenv("COLUMNS", "200")
    coaching = next(line for line in run("about").stdout.splitlines() if line.startswith("Coaching:"))
    assert coaching == (
        "Coaching: Ryan, Mon-Tue 09:00-12:00; Tracey, Tue, Thu 13:00-17:00; Sam, Mon-Wed 09:00-10:00 "
        "(America/Denver): 30 minutes, 1 meeting a week."
    )
