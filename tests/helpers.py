"""Helpers shared by tests: how a student's screen is checked."""

from __future__ import annotations

import re

_URL = re.compile(r"https?://\S+")


def overflowing(out: str, width: int) -> list[str]:
    """The lines of `out` wider than `width`, a link aside: a link is printed whole on its line,
    past the width when it must, so a line counts as too wide only when it is without its link."""
    return [line for line in out.splitlines() if len(_URL.sub("", line).rstrip()) > width]


def trailing_spaces(out: str) -> list[str]:
    """The lines of `out` that end in spaces."""
    return [line for line in out.splitlines() if line != line.rstrip(" ")]
