"""How deep the tables and arrays of a TOML file may lie: one limit for the schedule and the
state, checked without recursion, so a hostile file is refused by name instead of ending in a
RecursionError; and how large a calendar may be, wherever it comes from. (The schedule's and the
state's size limits sit beside their readers: schedule_file, state_file.)
"""

from __future__ import annotations

from typing import Any

# Of a calendar file, a followed address's answer and the copy kept of it: far above a year of a
# busy calendar; refuses what would eat the machine.
MAX_CALENDAR_BYTES = 20 * 2**20
MAX_DEPTH = 8  # tables and arrays within each other, the file itself counted: a schedule needs 6, a state 5


def nesting(value: Any) -> int:
    """How deep tables and arrays lie within each other (a scalar is 0)."""
    deepest = 0
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            pending.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            pending.extend((v, depth + 1) for v in item)
        else:
            continue
        deepest = max(deepest, depth + 1)
    return deepest
