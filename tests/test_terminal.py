"""Styled text without Rich: wrapping and colour rules."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from mod4cli.show.terminal import Line, Terminal, width_of, wrap

words = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=12)
spans = st.lists(
    st.tuples(st.lists(words, min_size=1, max_size=6).map(" ".join), st.sampled_from(["", "dim", "bad"])),
    min_size=1,
    max_size=4,
)


@given(spans=spans, width=st.integers(20, 100), indent=st.integers(0, 6), lead=st.integers(0, 4))
def test_wrapped_rows_fit_and_keep_every_word(
    spans: list[tuple[str, str]], width: int, indent: int, lead: int
) -> None:
    rows = wrap(Line(tuple(spans), indent=indent, lead=lead), width)
    texts = ["".join(text for text, _ in row) for row in rows]
    assert all(len(t) <= width for t in texts)
    original = "".join(text for text, _ in spans)
    assert "".join(texts).replace(" ", "") == original.replace(" ", "")  # nothing lost or added
    if all(len(word) <= width - max(indent, lead) for word in original.split()):
        assert " ".join(texts).split() == original.split()  # and no word broken
    assert all(t.startswith(" " * indent) for t in texts[1:])
    assert texts[0].startswith(" " * lead)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_rich_rules() -> None:
    assert Terminal(Tty(), {}).colour is True
    assert Terminal(Tty(), {"NO_COLOR": "1"}).colour is False
    assert Terminal(Tty(), {"NO_COLOR": "1"}).styled is True  # bold and links stay
    assert Terminal(Tty(), {"TERM": "dumb"}).styled is False
    assert Terminal(io.StringIO(), {}).styled is False
    assert Terminal(io.StringIO(), {"FORCE_COLOR": "1"}).colour is True
    assert width_of(io.StringIO(), {"COLUMNS": "42"}) == 42
    assert width_of(io.StringIO(), {}) == 80


def test_write_colours_styled_runs_only_when_asked() -> None:
    line = Line((("✗ Conflict: ", "bad"), ("Homeroom", "")))
    plain, coloured = io.StringIO(), io.StringIO()
    Terminal(plain, {}).write_lines([line])
    Terminal(coloured, {"FORCE_COLOR": "1"}).write_lines([line])
    assert plain.getvalue() == "✗ Conflict: Homeroom\n"
    assert coloured.getvalue() == "\x1b[1;31m✗ Conflict:\x1b[0m Homeroom\n"
