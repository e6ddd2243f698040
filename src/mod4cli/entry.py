"""The `mod4` console script: the quick path for everyday commands, else the full Typer app."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run mod4 with the process's arguments."""
    if not os.environ.get("MOD4_NO_FASTPATH"):
        from mod4cli.fastpath import run

        code = run(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
            sys.exit(code)
    from mod4cli.cli import app

    app(prog_name="mod4")
