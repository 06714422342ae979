#!/usr/bin/env bash
# Take the README's screenshot: the app on the bundled sample thread in a real X window (Xvfb),
# captured with ImageMagick's `import`. Needs: apt-get install -y xvfb imagemagick x11-utils
# (and xdotool for KEYS).
#   bash scripts/screenshot.sh [OUT.png] [extra app arguments...]
#   KEYS="r" bash scripts/screenshot.sh docs/rules-panel.png   # press keys first (xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshot.png}"
shift || true
bash scripts/setup.sh app
tmp=$(mktemp -d)
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data"  # a first start, like a new user
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
    .venv/bin/moderator gui --reviewer "ana" --session "$0/review.sqlite" "${@:2}" &
    app=$!
    for _ in $(seq 60); do
        id=$(xwininfo -root -tree | awk "/\"moderator/ {print \$1; exit}")
        [ -n "$id" ] && break
        sleep 0.5
    done
    sleep 4  # loading and scoring, then the first paint
    if [ -n "${KEYS:-}" ]; then
        xdotool windowfocus "$id"; sleep 0.5
        for key in $KEYS; do xdotool key "$key"; sleep 0.5; done
        sleep 1
    fi
    import -window "$id" "$1"
    kill "$app"
' "$tmp" "$out" "$@"
rm -rf "$tmp"
echo "screenshot: $out"
