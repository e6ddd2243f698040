"""The terminal: the results console, the styles, error messages, and making outside text harmless.

Rich is imported here and in render.py only, and only when something is drawn: `--json` and
plain messages never pay for it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STYLES = {
    "title": "bold",
    "dim": "dim",
    "required": "bold",
    "optional": "dim",
    "ok": "green",
    "bad": "bold red",
    "warn": "yellow",
    "late": "red",
    "done": "green",
    "work": "cyan",
    "today": "reverse",
}

# C0 and C1 control characters (but tab and newline), DEL, and the Unicode bidirectional
# controls that can make text read differently from how it is stored.
_UNSAFE_CODES = [
    *range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
    0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
]  # fmt: skip
# A translation table, not a regex: it costs nothing to build at start-up.
_ESCAPES = {code: chr(code).encode("unicode_escape").decode("ascii") for code in _UNSAFE_CODES}


def safe(text: str, *, limit: int = 500) -> str:
    """Outside text (a schedule title, an .ics summary) made harmless to print: each control
    character shown as an escape such as \\x1b, and very long text cut with an ellipsis."""
    cleaned = text.translate(_ESCAPES)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def stdout() -> Console:
    """The console for results. Rich turns colour off for NO_COLOR and for pipes."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False, soft_wrap=False)


def text(value: str, style: str = "") -> Text:
    """A Text of outside or inside text, never read as markup, made safe."""
    from rich.text import Text

    return Text(safe(value), style=STYLES.get(style, style))


def error(message: str, hint: str | None = None) -> None:
    """Print one error message on stderr."""
    # Plain writes: no Rich import for the commonest failure paths.
    sys.stderr.write(f"mod4: {safe(message, limit=10_000)}\n")
    if hint:
        sys.stderr.write(f"      {safe(hint, limit=10_000)}\n")


def warn(message: str) -> None:
    """Print a warning on stderr."""
    sys.stderr.write(f"mod4: warning: {safe(message, limit=10_000)}\n")
