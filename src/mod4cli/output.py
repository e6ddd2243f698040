"""Printing a result once, as JSON or for a person; JSON never loads the renderers or Rich."""

from __future__ import annotations

import os
import sys

from mod4cli.results import Result


def emit(result: Result, as_json: bool, *, plain: bool = False) -> None:
    """Print a result: one JSON document, or the drawing of it for the terminal's width.

    `plain` results (a few lines, such as check-conflict's answer) are written without Rich.
    """
    if as_json:
        import json

        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    if plain:
        from mod4cli.render_plain import lines_of
        from mod4cli.styled import width_of, write

        write(lines_of(result, width_of(sys.stdout, os.environ)))
        return
    from mod4cli import console
    from mod4cli.render import draw

    out = console.stdout()
    out.print(draw(result, out.width))
