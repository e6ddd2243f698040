"""JSON or marshal for the schedule cache: what each costs to import and to read back.

Both hold only plain values (lists, strings, numbers), which cannot run code when read; the
cache decodes either into the model's types with the same checks. Prints, for the bundled
schedule and a 10,000-session one: the import time of each module (`python -X importtime`,
median of 15 fresh interpreters), the size of an entry, and the median time of `loads` plus
decoding (medians of 15 runs of a loop). Run: python benchmarks/cache_format.py
"""

from __future__ import annotations

import json
import marshal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import write_schedule

from mod4cli.load import schedule_cache
from mod4cli.load.paths import bundled_schedule
from mod4cli.load.schedule_file import load_file
from mod4cli.model.schedule import Schedule

RUNS = 15


def import_time(module: str) -> float:
    """Median microseconds `import module` takes in a fresh interpreter that has imported `re`
    already, as mod4 has by the time it reads the cache (its line of -X importtime)."""
    times = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import re; import {module}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        lines = [line for line in done.stderr.splitlines() if line.rstrip().endswith(f"| {module}")]
        times.append(sum(int(line.split("|")[1]) for line in lines))  # cumulative column
    return statistics.median(times)


def read_time(loads: object, data: bytes, loops: int) -> float:
    """Median milliseconds of `loads(data)` and decoding into a Schedule."""
    runs = []
    for _ in range(RUNS):
        began = time.perf_counter()
        for _ in range(loops):
            schedule_cache._decode(Schedule, loads(data)["schedule"])  # type: ignore[operator]
        runs.append((time.perf_counter() - began) / loops * 1000)
    return statistics.median(runs)


def main() -> None:
    """Print the figures."""
    with tempfile.TemporaryDirectory() as folder:
        campus = Path(folder) / "campus.toml"
        write_schedule(campus, 10_000)
        schedules = {"bundled": load_file(bundled_schedule()), "10,000 sessions": load_file(campus)}
    print(f"import json: {import_time('json'):.0f} us; import marshal: {import_time('marshal'):.0f} us")
    for name, parsed in schedules.items():
        document = {"key": "k", "path": parsed.path, "schedule": schedule_cache._encode(parsed)}
        as_json = json.dumps(document, separators=(",", ":")).encode()
        as_marshal = marshal.dumps(document)
        loops = 200 if name == "bundled" else 5
        print(
            f"{name}: json {len(as_json) / 1024:.0f} KB, {read_time(json.loads, as_json, loops):.2f} ms; "
            f"marshal {len(as_marshal) / 1024:.0f} KB, {read_time(marshal.loads, as_marshal, loops):.2f} ms"
        )


if __name__ == "__main__":
    main()
