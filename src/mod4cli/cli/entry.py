"""The `mod4` console script: the quick path for everyday commands, else the full Typer app.

Ctrl-C and a closed pipe (`mod4 week 3 | head -1`) end the process the way Unix tools end:
quietly, by the signal (exit status 130 and 141 in the shell), never with a traceback.
"""

import os
import signal
import sys


def main() -> None:
    """Run mod4 with the process's arguments."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if not os.environ.get("MOD4_NO_QUICK_PATH"):
        from mod4cli.cli.quick import run

        code = run(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from mod4cli.cli.typer_app import app

    app(prog_name="mod4")
