"""The floor for `mod4 week N`: the same table work with argparse and Rich only.

It reads the same schedule file, picks the week's sessions and prints them as a Rich table,
with no validation, no state and no time zones: what any Python tool that prints this table
must at least pay. `benchmarks/run.py` compares mod4 with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib

from rich.console import Console
from rich.table import Table

DAYS = ("mon", "tue", "wed", "thu", "fri")


def main() -> None:
    parser = argparse.ArgumentParser(prog="floor")
    parser.add_argument("week", type=int)
    parser.add_argument("--schedule", required=True)
    args = parser.parse_args()
    with open(args.schedule, "rb") as handle:  # noqa: PTH123 (no pathlib: the floor imports the least)
        data = tomllib.load(handle)
    rows = []
    for s in data["session"]:
        weeks = s.get("weeks", [s.get("week")])
        if args.week in weeks:
            rows.append(
                (DAYS.index(s["day"]), s["start"], s["end"], s["title"], s["kind"], s.get("required", True))
            )
    table = Table(title=f"Week {args.week}")
    for name in ("Day", "Time", "Session", "Kind"):
        table.add_column(name)
    for day, start, end, title, kind, required in sorted(rows):
        table.add_row(
            DAYS[day].capitalize(),
            f"{start}–{end}",
            title,
            f"{kind}\n{'required' if required else 'optional'}",
        )
    Console().print(table)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "80")
    sys.exit(main())
