"""Lines of styled text without Rich: (text, style) spans, wrapped with a hanging indent, and
written with ANSI colour when the terminal takes it (Rich's rules: NO_COLOR, FORCE_COLOR, a
terminal, TERM=dumb). Short answers are printed this way, and Rich drawings reuse the wrapper
where they want a hanging indent.
"""

import os
import sys
from collections.abc import Mapping
from typing import NamedTuple, TextIO

Span = tuple[str, str]  # text, style name (console.STYLES)
SGR = {"title": "1", "dim": "2", "bad": "1;31", "warn": "33", "ok": "32", "work": "36"}


class Line(NamedTuple):
    """One logical line: `lead` spaces before it, and `indent` columns before each wrapped row."""

    spans: tuple[Span, ...]
    indent: int = 0
    lead: int = 0


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
