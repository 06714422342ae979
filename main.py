"""Run the desktop app from a checkout: ``python main.py [FILE]`` (the sample thread by default)."""

import sys

from moderator.gui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
