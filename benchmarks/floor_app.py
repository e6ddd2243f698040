"""The floor for `mod4 week N`: the same page with argparse and Rich only.

It reads the same schedule file, picks the week's sessions and prints the page `mod4 week N`
prints (a heading with the week's focus, the sessions as a Rich table with their notes and
topics, the links, what is due, the suggested actions and the tips), with no validation, no
state and no time zones: what any Python tool that prints this page must at least pay.
`benchmarks/run.py` compares mod4 with it.
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
    week = next((w for w in data.get("week", []) if w["number"] == args.week), {})
    rows = []
    for s in data["session"]:
        weeks = s.get("weeks", [s.get("week")])
        if args.week in weeks:
            rows.append((DAYS.index(s["day"]), s["start"], s["end"], s))
    console = Console()
    console.print(f"Week {args.week}", style="bold")
    if week.get("focus"):
        console.print(week["focus"])
    table = Table(box=None)
    for name in ("Day", "Time", "Session", "Kind"):
        table.add_column(name)
    links: list[str] = []
    for day, start, end, s in sorted(rows, key=lambda row: row[:3]):
        details = [s["title"]]
        if s.get("link"):
            links.append(s["link"])
            details[0] += f" [{len(links)}]"
        if s.get("topics"):
            details.append("Topic, one of: " + "; ".join(s["topics"]))
        if s.get("notes"):
            details.append(s["notes"])
        table.add_row(
            DAYS[day].capitalize(),
            f"{start}–{end}",
            "\n".join(details),
            f"{s['kind']}\n{'required' if s.get('required', True) else 'optional'}",
        )
    console.print(table)
    if links:
        console.print("\nLinks", style="bold")
        for number, link in enumerate(links, 1):
            console.print(f"  [{number}] {link}", markup=False, overflow="ignore", crop=False)
    due = [d["title"] for d in data.get("deliverable", []) if d.get("due", {}).get("week") == args.week]
    sections = {
        "Due this week": due or ["nothing is due this week"],
        "Suggested this week": week.get("actions", []),
        "Tips": week.get("tips", []),
    }
    for heading, lines in sections.items():
        if lines:
            console.print(f"\n{heading}", style="bold")
            for line in lines:
                console.print(f"  • {line}")


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "80")
    sys.exit(main())
