#!/usr/bin/env bash
# Set up moderator on a fresh machine: the system libraries Qt needs and a C compiler (Debian/
# Ubuntu, when run as root or with sudo), a virtual environment in .venv, the package with its
# dependencies, and the rules compiled to C (scripts/compile.py; the source runs without them).
#   scripts/setup.sh app   - what the app needs (a real window: Xvfb libraries too)
#   scripts/setup.sh test  - what the tests need (offscreen Qt, pytest, ruff, import-linter)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"

# Qt's offscreen platform needs these; a real window needs the xcb ones as well.
offscreen_libs=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
                libxkbcommon0)
window_libs=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
             libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
             libxkbcommon-x11-0)
libs=("${offscreen_libs[@]}")
[ "$what" = app ] && libs+=("${window_libs[@]}")
python="${PYTHON:-python3}"
# Compiling the rules needs a C compiler and the interpreter's headers; without them the rules
# run from their source, so failing to install these is no reason to stop.
compiler=()
command -v gcc >/dev/null 2>&1 || compiler+=(gcc libc6-dev)
include="$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null ||
           true)"
if [[ "$include" == /usr/include/* ]] && [ ! -e "$include/Python.h" ]; then
    compiler+=(python3-dev)  # Debian's own python3 keeps its headers apart
fi

apt_updated=""
# apt_install WHAT PACKAGE...: installs those of the packages that are missing.
apt_install() {
    local what="$1" missing=() pkg sudo=""
    shift
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing $what: ${missing[*]}" >&2
    if [ -z "$apt_updated" ]; then
        $sudo apt-get update -qq || return 1
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}
if command -v dpkg-query >/dev/null 2>&1; then
    apt_install "system libraries for Qt" "${libs[@]}"
    if [ ${#compiler[@]} -gt 0 ] && ! apt_install "a C compiler" "${compiler[@]}"; then
        echo "setup: could not install ${compiler[*]}: the rules will run from source" >&2
    fi
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "setup: moderator needs Python 3.11 or newer ($python is $("$python" --version 2>&1))" >&2
    exit 2
fi
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv" >&2
    "$python" -m venv .venv
fi
extra="[compile]"
[ "$what" = test ] && extra="[test,compile]"
stamp=".venv/.installed-$what-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -e "$stamp" ]; then
    echo "setup: installing moderator$extra and its dependencies into .venv (once)" >&2
    log=.venv/install.log
    if ! { .venv/bin/python -m pip install --upgrade pip &&
           .venv/bin/python -m pip install -e ".$extra"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "setup: installing failed; the whole log is in $log" >&2
        exit 1
    fi
    touch "$stamp"
fi

# The rules compiled to C: the app and the command line check comments half again as fast. About
# a minute, the first time and whenever the rules' source has changed since.
if ! .venv/bin/python scripts/compile.py --check >/dev/null 2>&1; then
    echo "setup: compiling the rules to C with mypyc (about a minute)" >&2
    if ! .venv/bin/python scripts/compile.py >.venv/compile.log 2>&1; then
        tail -n 15 .venv/compile.log >&2
        echo "setup: compiling the rules failed (the whole log is in .venv/compile.log);" \
             "moderator runs their Python source instead, a third slower" >&2
    fi
fi
