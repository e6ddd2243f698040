"""The first pass over a calendar file: its lines and components, before any library reads it.

icalendar reads a file whole and gives up on the first line it cannot parse outside an event
(an alarm's odd TRIGGER, a 1893 offset in a time zone, a stray line). Calendar apps are
lenient instead: they drop what they cannot read and keep the rest. This pass gives mod4 the
same footing: it splits the text into components with the physical line each starts on, so
later steps can read one event at a time, ignore what does not affect busy time, and name the
line of whatever they refuse. It needs no library and reads nothing but the text.
"""

import re
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_DEPTH = 8  # VCALENDAR > VEVENT > VALARM is 3; real files never nest deeper than 4

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines: U+2028 in a summary is no line break
_NAME = re.compile(r"[A-Za-z0-9-]+")


@dataclass(frozen=True)
class Property:
    """One content line of a component: its name (upper case), the whole unfolded line, where it starts."""

    name: str
    text: str
    line: int

    def value(self) -> str:
        """The text after the first colon that is not inside a quoted parameter."""
        separator = value_separator(self.text)
        return self.text[separator + 1 :] if separator >= 0 else ""


@dataclass
class Block:
    """A component (BEGIN:NAME ... END:NAME): its properties and the components inside it."""

    name: str
    line: int
    properties: list[Property] = field(default_factory=list)
    children: "list[Block]" = field(default_factory=list)
    closed: bool = False  # False when the file ends (or an outer END comes) before its END

    def first(self, name: str) -> Property | None:
        """The first property of that name, if any."""
        return next((p for p in self.properties if p.name == name), None)


def value_separator(text: str) -> int:
    """Where the value of a content line starts: the first colon outside double quotes, or -1."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each unfolded content line with the physical line (from 1) it starts on; blank lines dropped."""
    number, current = 0, None
    for index, physical in enumerate(_physical_lines(text), start=1):
        if physical[:1] in (" ", "\t") and current is not None:
            current += physical[1:]  # a folded line continues the one before (RFC 5545 3.1)
            continue
        if current:
            yield number, current
        number, current = index, physical
    if current:
        yield number, current


class Components(NamedTuple):
    """The top-level components of a text, and the first line of any nested too deep to keep."""

    blocks: list[Block]
    too_deep: int | None


def _physical_lines(text: str) -> Iterator[str]:
    """The lines of the text one by one (a list of them all would cost ten times the file)."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield text[start : found.start()]
        start = found.end()
    yield text[start:]


def blocks_of(text: str, wanted: Collection[str]) -> Components:
    """The top-level components of the text, with every line inside kept where it belongs.

    An END that closes nothing open is ignored (a VTIMEZONE missing one BEGIN); an END that
    closes an outer component closes the inner ones too, which stay marked not closed, as do
    components still open when the text ends (a truncated file). Components nested deeper
    than MAX_DEPTH (a fuzzed file, or a run of typos such as END:VTOOD) are left out, lines
    and all; only their names are kept, to find where they end, so each line costs the same.
    Only the properties named in `wanted` are kept: a huge description costs nothing.
    """
    top: list[Block] = []
    stack: list[Block] = []
    deeper: list[str] = []  # names of the components open below MAX_DEPTH
    too_deep: int | None = None
    for number, line in logical_lines(text):
        head = line[:6].upper()
        if head == "BEGIN:":
            name = sys.intern(line[6:].strip().upper())
            if len(stack) < MAX_DEPTH:
                block = Block(name, number)
                (stack[-1].children if stack else top).append(block)
                stack.append(block)
            else:
                deeper.append(name)
                too_deep = too_deep or number
        elif head[:4] == "END:":
            name = line[4:].strip().upper()
            if deeper and deeper[-1] == name:
                deeper.pop()
                continue
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth].name == name:
                    stack[depth].closed = True
                    del stack[depth:]
                    deeper.clear()
                    break
        elif stack and not deeper:
            found = _NAME.match(line)
            if found and found[0].upper() in wanted:
                stack[-1].properties.append(Property(found[0].upper(), line, number))
    return Components(top, too_deep)
