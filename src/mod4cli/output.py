"""Printing a result once, as JSON or for a person; JSON never loads the renderers or Rich."""

from __future__ import annotations

import sys

from mod4cli.results import Result


def emit(result: Result, as_json: bool) -> None:
    """Print a result: one JSON document, or the drawing of it for the terminal's width."""
    if as_json:
        import json

        sys.stdout.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n")
        return
    from mod4cli import console
    from mod4cli.render import draw

    out = console.stdout()
    out.print(draw(result, out.width))
