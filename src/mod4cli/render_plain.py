"""Short answers printed without Rich: styled spans, wrapped with a hanging indent.

`check-conflict` answers in a few lines, and loading Rich would cost more than all of its
work, so its report is laid out here as lines of (text, style) spans. `write` prints them with
ANSI colour when the terminal takes it (the same rules as Rich: NO_COLOR, FORCE_COLOR, a
terminal, TERM=dumb), and render.py turns the same lines into Rich text where a Rich drawing
is wanted (`check-conflict --show`), so both say exactly the same thing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from functools import singledispatch
from typing import NamedTuple, TextIO

from mod4cli.conflicts import ConflictReport, Slot
from mod4cli.console import safe
from mod4cli.timefmt import slot_text
from mod4cli.timeline import Occurrence

Span = tuple[str, str]  # text, style name (console.STYLES)
SGR = {"title": "1", "dim": "2", "bad": "1;31", "warn": "33", "ok": "32", "work": "36"}


class Line(NamedTuple):
    """One logical line: `lead` spaces before it, and `indent` columns before each wrapped row."""

    spans: tuple[Span, ...]
    indent: int = 0
    lead: int = 0


@singledispatch
def lines_of(result: object, width: int) -> list[Line]:
    """The logical lines of a result that prints without Rich."""
    raise TypeError(f"no plain layout for {type(result).__name__}")


def wrap(line: Line, width: int) -> list[list[Span]]:
    """The line broken at spaces to fit `width`, each row's runs of one style joined.

    A word is what lies between spaces, even when its parts have different styles; a word
    longer than a whole row is cut.
    """
    words: list[list[Span]] = [[]]  # each word: its pieces; a new word after every space
    for text, style in line.spans:
        for n, piece in enumerate(text.split(" ")):
            if n:
                words.append([])
            if piece:
                words[-1].append((piece, style))
    rows: list[list[Span]] = []
    used = 0
    fresh = True  # nothing but indentation on the current row yet

    def new_row(indent: int) -> None:
        nonlocal used, fresh
        rows.append([(" " * indent, "")] if indent else [])
        used, fresh = indent, True

    new_row(line.lead)
    for word in (w for w in words if w):
        size = sum(len(piece) for piece, _ in word)
        if not fresh and used + 1 + size > width:
            new_row(line.indent)
        if not fresh:
            rows[-1].append((" ", word[0][1]))
            used += 1
        for piece, style in word:
            while piece:
                if used >= width:
                    new_row(line.indent)
                room = max(1, width - used)
                rows[-1].append((piece[:room], style))
                used += len(piece[:room])
                piece = piece[room:]
            fresh = False
    return [_joined(row) for row in rows]


def _joined(row: list[Span]) -> list[Span]:
    out: list[Span] = []
    for text, style in row:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def write(lines: list[Line], stream: TextIO | None = None, env: Mapping[str, str] = os.environ) -> None:
    """Print the lines to `stream` (stdout), in colour when it should be."""
    out = stream or sys.stdout
    colour = colour_wanted(out, env)
    for line in lines:
        for row in wrap(line, width_of(out, env)):
            out.write("".join(_styled(text, style, colour) for text, style in row) + "\n")


def _styled(text: str, style: str, colour: bool) -> str:
    code = SGR.get(style) if colour else None
    return f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text


def colour_wanted(stream: TextIO, env: Mapping[str, str]) -> bool:
    """Colour as Rich decides it: never with NO_COLOR, always with FORCE_COLOR, else on a terminal."""
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return stream.isatty() and env.get("TERM") != "dumb"


def width_of(stream: TextIO, env: Mapping[str, str]) -> int:
    """COLUMNS when set, else the terminal's width, else 80 (Rich's rules)."""
    columns = env.get("COLUMNS", "")
    if columns.isdecimal() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns if stream.isatty() else 80
    except (OSError, ValueError, AttributeError):
        return 80


# ------------------------------------------------------------------------------------------
# check-conflict


@lines_of.register(ConflictReport)
def _(report: ConflictReport, width: int) -> list[Line]:
    cal, zone = report.calendar, report.zone
    week = f"week {report.week}" if report.week else "outside the module"
    lines = [Line((("Proposed: ", "title"), (f"{slot_text(report.slot, zone, cal)} ({week})", "")))]
    lines.extend(Line((("note: ", "dim"), (n, "dim")), indent=6) for n in report.notes)

    def collision(mark: str, label: str, style: str, o: Occurrence, note: str) -> Line:
        when = slot_text(Slot(o.start, o.end), zone, cal)
        body = (f"{safe(o.session.title)}, {when}", "")
        return Line(((mark, style), (label, style), body, (f" ({note})", "dim")), indent=2)

    lines.extend(collision("✗ ", "Conflict: ", "bad", o, "required") for o in report.conflicts)
    lines.extend(collision("! ", "Overlaps: ", "warn", o, "optional") for o in report.warnings)
    if not report.conflicts:
        lines.append(Line((("✓ ", "ok"), ("No conflict with a required PD session.", "ok")), indent=2))
    if report.in_work_time:
        work = "In PD work time: the preferred place for interviews and coffee chats."
        lines.append(Line((("✓ ", "work"), (work, "work")), indent=2))
    else:
        work = "PD work time is the preferred place for interviews and coffee chats."
        lines.append(Line(((work, "dim"),), indent=2, lead=2))
    if report.suggestions:
        lines.append(Line((("", ""),)))
        lines.append(Line((("Free slots of the same length nearby:", "title"),)))
        for s in report.suggestions:
            spans: tuple[Span, ...] = ((slot_text(s.slot, zone, cal), ""),)
            if s.in_work_time:
                spans += ((" · PD work time", "work"),)
            lines.append(Line(spans, indent=4, lead=2))
    return lines
