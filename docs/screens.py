"""Render the README's pictures from mod4's real output.

Run from the repository root with mod4 installed: `python docs/screens.py`. The commands run
in-process with a recording console at 80 columns, a private MOD4_HOME and a fixed MOD4_NOW,
so the pictures show the same student every time.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from mod4cli.cli.typer_app import app
from mod4cli.show.terminal import Line, Terminal, text, wrap

HERE = Path(__file__).parent


def lines_text(lines: Iterable[Line], width: int) -> list[Text]:
    """Lines of styled text wrapped to `width` as Rich Texts, one a row (a link runs past it)."""
    rows = []
    for line in lines:
        for row in wrap(line, width):
            joined = Text(no_wrap=True, overflow="ignore")
            for piece, style in row:
                joined.append(text(piece, style))
            rows.append(joined)
    return rows


def main() -> None:
    recorder = Console(
        record=True, width=80, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    Terminal.draw = lambda self, drawing: recorder.print(drawing)  # type: ignore[method-assign]

    def record_lines(self: Terminal, lines: Iterable[Line]) -> None:
        for row in lines_text(lines, recorder.width):
            recorder.print(row, crop=False, overflow="ignore", no_wrap=True)

    Terminal.write_lines = record_lines  # type: ignore[method-assign]
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as home:
        env = {"MOD4_HOME": home, "MOD4_NOW": "2027-01-25T09:00", "NO_COLOR": None, "MOD4_SCHEDULE": None}
        for args in (
            ["init", "--start", "2027-01-04"],
            ["done", "linkedin"],
            ["stage", "portfolio", "review-requested"],
            ["coach", "book", "Tracey", "week 4 tue 14:00", "--topic", "mock"],
        ):
            runner.invoke(app, args, env=env, catch_exceptions=False)
        recorder.export_text(clear=True)
        for name, args in (("status", ["status"]), ("week-grid", ["week", "4", "--grid"])):
            runner.invoke(app, args, env=env, catch_exceptions=False)
            recorder.save_svg(str(HERE / f"{name}.svg"), title="mod4 " + " ".join(args))
            print(f"wrote docs/{name}.svg")


if __name__ == "__main__":
    main()
