"""Printing a short confirmation (`Done: Targeted resume.`) and its details, without Rich."""

from __future__ import annotations

from mod4cli.plan.message import Message
from mod4cli.show.terminal import Line, Terminal


def show_message(message: Message, out: Terminal) -> None:
    """The message, then its detail lines indented; lines starting `warning:` stand out."""
    lines = [Line(((message.text, ""),), indent=2)]
    lines.extend(
        Line(((text, "warn" if text.startswith("warning:") else "dim"),), indent=4, lead=2)
        for text in message.lines
    )
    out.write_lines(lines)
