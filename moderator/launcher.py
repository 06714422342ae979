"""The ``moderator`` command: ``gui`` opens the desktop app, anything else is the command line.

It sits above both front ends so that neither imports the other.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "gui":
        from moderator.gui.app import main as gui_main

        return gui_main(args[1:])
    from moderator.cli import main as cli_main

    return cli_main(args)


def run() -> None:
    """The ``moderator`` command: :func:`main`, then exit. The command line leaves at once,
    without the interpreter's teardown freeing every object one by one (0.13 s after scoring
    100,000 comments): by then its files are written and closed, and its output is flushed
    here. The app (``gui``) exits the usual way."""
    args = sys.argv[1:]
    code = main(args)
    if not (args and args[0] == "gui"):
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:  # None: started with the stream closed
                    stream.flush()
        except (OSError, ValueError):
            pass  # a closed stream: the usual exit reports it as it always did
        else:
            os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
