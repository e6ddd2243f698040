"""The unit tests run on a computer whose own clock is far from campus, both ways.

plan/ must answer in campus time or the student's zone, never in the zone of the computer it
runs on: a `.astimezone()` without a zone gives the same answer as UTC on a UTC machine (CI),
and a wrong date on a student's laptop. Each unit test runs twice, with the machine's zone
set to UTC+14 and to UTC-11, where Denver's midnight and Denver's afternoon fall on other
dates than in UTC.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest


@pytest.fixture(
    autouse=True, params=["Pacific/Kiritimati", "Pacific/Pago_Pago"], ids=["machine+14", "machine-11"]
)
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Set the process's local time zone (TZ) for one test, then put it back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
