"""A line of styled text: what renderers hand the terminal to wrap and write.

(Apart from terminal.py, and without postponed annotations, because a NamedTuple with string
annotations costs start-up time to compile them.)
"""

from typing import NamedTuple

Span = tuple[str, str]  # text, style name ("url": the text is a link, kept whole and clickable)


class Line(NamedTuple):
    """One logical line: `lead` spaces before it, and `indent` columns before each wrapped row."""

    spans: tuple[Span, ...]
    indent: int = 0
    lead: int = 0
