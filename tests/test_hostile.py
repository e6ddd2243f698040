"""Text from outside (calendar summaries, schedule titles) is shown, never obeyed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mod4cli.plan.export import ical_text
from mod4cli.show.terminal import safe
from tests.helpers import Run

RunFn = Callable[..., Run]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("[bold red]loud[/]", "[bold red]loud[/]"),
        ("nul\x00byte", "nul\\x00byte"),
        ("abc\u202edcba", "abc\\u202edcba"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("Kaffee mit Jürgen ☕", "Kaffee mit Jürgen ☕"),
    ],
)
def test_safe_shows_control_characters_as_escapes(raw: str, shown: str) -> None:
    assert safe(raw) == shown


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("\x1b", "\\x1b"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\u061c", "\\u061c"), ("\u2066", "\\u2066")],
)
def test_the_exported_file_escapes_what_the_terminal_escapes(raw: str, shown: str) -> None:
    # One table of control characters for both (review finding 7): a title exported to a file
    # and the same title on a terminal carry the same escapes.
    assert (ical_text(f"a{raw}b"), safe(f"a{raw}b")) == (f"a{shown}b", f"a{shown}b")


def test_very_long_text_is_cut() -> None:
    assert len(safe("x" * 100_000)) == 500
    assert safe("x" * 100_000).endswith("…")


def test_hostile_calendar_summaries_are_printed_harmlessly(
    run: RunFn, tmp_path: Path, schedule_file: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOD4_SCHEDULE", str(schedule_file(start="2027-01-04")))
    monkeypatch.setenv("MOD4_NOW", "2027-01-04T08:00")
    summary = "\x1b[31m[bold]Interview\x1b]8;;http://evil\x07\u202e" + "A" * 5000
    ics = tmp_path / "evil.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20270101T000000Z\r\n"
        f"SUMMARY:{summary}\r\nDTSTART;TZID=America/Denver:20270106T131500\r\n"
        "DTEND;TZID=America/Denver:20270106T134500\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    result = run("check-conflict", "--ics", str(ics))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[31m[bold]Interview" in result.stdout
    # The summary is cut and wrapped; only the file's path, kept whole to be copied, may run longer.
    rows = [line for line in result.stdout.splitlines() if line.strip() != str(ics)]
    assert max(len(line) for line in rows) <= 80
    data = run("check-conflict", "--ics", str(ics), "--json").json()
    assert data["conflicts"][0]["summary"] == summary  # JSON keeps the text, escaped by JSON itself
