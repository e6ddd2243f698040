"""The one mark for what no source gives: `*` after a default day or time, and its legend.

Every renderer marks cohort defaults the same way (the week's table and list, check-conflict's
lines, status, the grid, due times) and ends with the legend, worded for what it marked: "a
default time", or "a default day or time" when a day was marked too.
"""

from __future__ import annotations

from collections.abc import Iterable

MARK = "*"


def mark(defaults: Iterable[str]) -> str:
    """`*` when any part of a when is a cohort default, else nothing."""
    return MARK if any(True for _ in defaults) else ""


def legend(marked: Iterable[Iterable[str]]) -> str | None:
    """The legend for the defaults that were marked (None when nothing was)."""
    parts = {part for defaults in marked for part in defaults}
    if not parts:
        return None
    what = " or ".join(p for p in ("day", "time") if p in parts)
    return f"{MARK} a default {what}: your cohort's calendar may differ."
