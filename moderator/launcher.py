"""The ``moderator`` command: ``gui`` opens the desktop app, anything else is the command line.

It sits above both front ends so that neither imports the other.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "gui":
        from moderator.gui.app import main as gui_main

        return gui_main(args[1:])
    from moderator.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
