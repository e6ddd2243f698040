"""The terminal: one table of styles, the output's width and colour, making outside text
harmless, and writing what renderers make (lines of styled text, or a Rich drawing).

Short answers are lines of (text, style) spans, wrapped here with a hanging indent and written
with ANSI codes when the output is a terminal, so `check-conflict` never loads Rich; tables and
grids are Rich drawings. Both take their styles from STYLES, follow the same rules for colour
(NO_COLOR: no colours, but bold and links stay; a pipe: no codes at all; FORCE_COLOR: codes
anyway) and width (COLUMNS, else the terminal's, else 80), and no line ends in spaces.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from mod4cli.model.text import escape_controls
from mod4cli.show.line import Line as Line  # re-exported: renderers build lines here
from mod4cli.show.line import Span as Span

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.segment import Segment
    from rich.text import Text

# Every style of mod4's output, as Rich style words (plain output turns them into SGR codes).
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
    "url": "underline",
    "path": "",  # a file's path: kept whole, like a link, but plain
    # the week grid's blocks
    "block.workshop": "bold white on blue",
    "block.panel": "bold white on blue",
    "block.interviews": "bold white on magenta",
    "block.group": "bold black on green",
    "block.office-hours": "black on grey70",
    "block.work-time": "cyan",
    "block.coaching": "bold black on yellow",
    "block.proposed": "bold black on bright_green",
    "block.clash": "bold white on red",
}
_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"}
_COLOURS = {"black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7}

NARROW = 60  # below this many columns, tables give way to lists

WHOLE = ("url", "path")  # styles whose text is one word, never broken: a link, or a file's path


def safe(text: str, *, limit: int = 500) -> str:
    """Outside text (a schedule title, an .ics summary) made harmless to print: each control
    character shown as an escape such as \\x1b, and very long text cut with an ellipsis."""
    cleaned = escape_controls(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def sgr(style: str, colour: bool) -> str:
    """The SGR parameters of a style name (`"1;31"` for bad), without colours when not `colour`."""
    codes: list[str] = []
    background = False
    for word in STYLES.get(style, style).split():
        if word == "on":
            background = True
            continue
        base = 40 if background else 30
        if word in _ATTRIBUTES:
            codes.append(_ATTRIBUTES[word])
        elif colour and word in _COLOURS:
            codes.append(str(base + _COLOURS[word]))
        elif colour and word.startswith("bright_") and word[7:] in _COLOURS:
            codes.append(str(base + 60 + _COLOURS[word[7:]]))
        elif colour and word == "grey70":
            codes.append(f"{base + 8};5;249")
        background = False
    return ";".join(codes)


def wrap(line: Line, width: int) -> list[list[Span]]:
    """The line broken at spaces to fit `width`, each row's runs of one style joined.

    A word is what lies between spaces, even when its parts have different styles; a word
    longer than a whole row is cut, except a link, which is never broken: it moves to a new row
    when it fits there, else it stays where it is and runs past the width, whole.
    """
    words: list[list[Span]] = [[]]  # each word: its pieces; a new word after every space
    gaps = [0]  # the spaces before each word: a run of them is kept within a row
    for text, style in line.spans:
        for n, piece in enumerate([text] if style in WHOLE else text.split(" ")):
            if n and words[-1]:
                words.append([])
                gaps.append(1)
            elif n:
                gaps[-1] += 1
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
    for word, gap in zip(words, gaps, strict=True):
        if not word:
            continue
        size = sum(len(piece) for piece, _ in word)
        is_link = any(style == "url" for _, style in word)
        if not fresh and used + gap + size > width and not (is_link and line.indent + size > width):
            new_row(line.indent)
        if not fresh:
            rows[-1].append((" " * gap, word[0][1] if word[0][1] not in WHOLE else ""))
            used += gap
        # A link or a path is never broken: it is copied and pasted whole, like a word of a command.
        keep = set(WHOLE)
        for piece, style in word:
            while piece:
                if used >= width and style not in keep:
                    new_row(line.indent)
                room = len(piece) if style in keep else max(1, width - used)
                rows[-1].append((piece[:room], style))
                used += len(piece[:room])
                piece = piece[room:]
            fresh = False
    return [_joined(row) for row in rows]


def _joined(row: list[Span]) -> list[Span]:
    out: list[Span] = []
    for text, style in row:
        if out and out[-1][1] == style and style != "url":
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    while out and out[-1][1] != "url" and not out[-1][0].rstrip(" "):
        out.pop()
    if out and out[-1][1] != "url":
        out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
    return out


class Terminal:
    """Where results go: stdout by default, with its width and whether it takes codes."""

    def __init__(self, stream: TextIO | None = None, env: Mapping[str, str] = os.environ) -> None:
        self.stream = stream or sys.stdout
        self.env = env
        self.width = width_of(self.stream, env)
        self.styled = codes_wanted(self.stream, env)  # bold, links: a terminal, or FORCE_COLOR
        self.colour = self.styled and not env.get("NO_COLOR")

    def write_lines(self, lines: Iterable[Line]) -> None:
        """Print lines of styled text, made safe, then wrapped to the width."""
        out = self.stream
        for line in lines:
            shown = line._replace(spans=tuple((safe(text), style) for text, style in line.spans))
            for row in wrap(shown, self.width):
                out.write("".join(self._styled(text, style) for text, style in row) + "\n")

    def page(self, parts: Iterable[RenderableType | Line]) -> None:
        """Print a page of Rich drawings and lines of styled text, in order.

        Lines carry what must not be cropped at the width, such as links, which Rich would cut.
        """
        drawings: list[RenderableType] = []
        for part in parts:
            if isinstance(part, Line):
                if drawings:
                    self.draw(_group(drawings))
                    drawings = []
                self.write_lines([part])
            else:
                drawings.append(part)
        if drawings:
            self.draw(_group(drawings))

    def _styled(self, text: str, style: str) -> str:
        if not self.styled or not text.strip():
            return text
        if style == "url":
            return f"\x1b]8;;{text}\x1b\\\x1b[4m{text}\x1b[0m\x1b]8;;\x1b\\"
        code = sgr(style, self.colour)
        return f"\x1b[{code}m{text}\x1b[0m" if code else text

    def draw(self, renderable: RenderableType) -> None:
        """Print a Rich drawing, every line without trailing spaces."""
        from rich.color import ColorSystem
        from rich.segment import Segment

        console = self.console()
        system = _COLOUR_SYSTEMS.get(console.color_system or "") if self.styled else None
        system_enum = ColorSystem[system] if system else None
        out: list[str] = []
        for line in console.render_lines(renderable, console.options, pad=False):
            segments = Segment.remove_color(line) if not self.colour else line
            for text, style, _ in _trimmed(list(segments)):
                out.append(style.render(text, color_system=system_enum) if style and system_enum else text)
            out.append("\n")
        self.stream.write("".join(out))

    def console(self) -> Console:
        """A Rich console laid out for this terminal (used for measuring and drawing)."""
        from rich.console import Console

        return Console(
            file=self.stream,
            width=self.width,
            force_terminal=self.styled,
            no_color=not self.colour,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
        )

    def write_bytes(self, data: bytes) -> None:
        """Write raw bytes (an exported file); on a terminal, control characters are shown harmlessly."""
        if self.stream.isatty():
            shown = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
            self.stream.write(safe(shown, limit=len(shown) + 1))
            return
        self.stream.flush()
        self.stream.buffer.write(data)
        self.stream.flush()


def _group(drawings: list[RenderableType]) -> RenderableType:
    from rich.console import Group

    return drawings[0] if len(drawings) == 1 else Group(*drawings)


_COLOUR_SYSTEMS = {"standard": "STANDARD", "256": "EIGHT_BIT", "truecolor": "TRUECOLOR", "windows": "WINDOWS"}
_TRAILING = re.compile(r"[ ]+$")


def _trimmed(segments: list[Segment]) -> list[Segment]:
    """The segments of one line without the spaces at its end, even coloured ones: a grid block
    at the end of its row loses its padding there rather than leave spaces for a pipe or a diff."""
    from rich.segment import Segment

    while segments:
        text, style, control = segments[-1]
        if control:
            break
        stripped = _TRAILING.sub("", text)
        if stripped:
            segments[-1] = Segment(stripped, style, control)
            break
        segments.pop()
    return segments


def codes_wanted(stream: TextIO, env: Mapping[str, str]) -> bool:
    """Whether to write escape codes: always with FORCE_COLOR, else on a terminal (not TERM=dumb)."""
    if env.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and env.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def width_of(stream: TextIO, env: Mapping[str, str]) -> int:
    """COLUMNS when set, else the terminal's width, else 80 (Rich's rules)."""
    columns = env.get("COLUMNS", "")
    if columns.isdecimal() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns if stream.isatty() else 80
    except (OSError, ValueError, AttributeError):
        return 80


def text(value: str, style: str = "") -> Text:
    """A Rich Text of outside or inside text, never read as markup, made safe."""
    from rich.text import Text

    if style == "url":
        url = safe(value)
        return Text(url, style=f"underline link {url}", no_wrap=True, overflow="ignore")
    return Text(safe(value), style=STYLES.get(style, style))


def plain(text: str, style: str = "", *, indent: int = 0, lead: int = 0) -> Line:
    """One line of one style, `lead` spaces before it and `indent` before each wrapped row."""
    return Line(((text, style),), indent=indent, lead=lead)


def link_line(url: str, lead: int = 0, label: str = "", label_style: str = "dim") -> Line:
    """A link after an optional label: whole and clickable at any width (on a row of its own
    below the label when it fits there, else beside it, running past the width)."""
    spans: tuple[Span, ...] = ((label, label_style),) if label else ()
    return Line((*spans, (url, "url")), indent=lead + 2 if label else lead, lead=lead)


def error(message: str, hint: str | None = None) -> None:
    """Print one error message on stderr."""
    # Plain writes: no Rich import for the commonest failure paths.
    sys.stderr.write(f"mod4: {safe(message, limit=10_000)}\n")
    if hint:
        sys.stderr.write(f"      {safe(hint, limit=10_000)}\n")


def warn(message: str) -> None:
    """Print a warning on stderr."""
    sys.stderr.write(f"mod4: warning: {safe(message, limit=10_000)}\n")
