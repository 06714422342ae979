#!/usr/bin/env bash
# Set up (first run only) and open the app on the bundled sample thread, or on FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-app: no display here; opening the app on a virtual screen (Xvfb)." >&2
    echo "run-app: it runs until you stop it (Ctrl+C); on a desktop it opens a window." >&2
    exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/moderator gui "$@"
fi
exec .venv/bin/moderator gui "$@"
