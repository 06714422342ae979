"""Compile the rules and the score rows' writers to C with mypyc, into ``moderator/_compiled/``
(see ``moderator.compiled``).

    python scripts/compile.py          # build when missing or stale (about a minute)
    python scripts/compile.py --force  # build again regardless
    python scripts/compile.py --check  # exit 0 when the build is current, 1 when not

Needs mypy (which carries mypyc), setuptools, a C compiler and the Python headers: the
``compile`` extra of pyproject.toml, and gcc on Debian. The build goes to a new folder that
replaces the old one only once complete, so a failed build leaves the last good one (or none).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from moderator import compiled

GROUP = "moderator_rules"  # the name of the library the compiled modules share


def build(force: bool = False) -> int:
    if not force and compiled.state() == "current":
        print("compile: the compiled rules are current")
        return 0
    from mypyc.build import mypycify  # the compile extra: imported only to build
    from setuptools import setup

    root = compiled.PACKAGE_DIR.parent
    before = compiled.digest()  # what is built: taken first, so an edit meanwhile shows stale
    started = time.monotonic()
    os.chdir(root)  # mypy names modules by their path from here
    paths = [str(Path(*name.split(".")).with_suffix(".py")) for name in compiled.MODULES]
    new = Path(tempfile.mkdtemp(prefix="_compiled.", dir=compiled.PACKAGE_DIR))
    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o777 & ~umask)  # readable as the rest of the package is, not only by its builder
    try:
        work = new / "work"
        extensions = mypycify(paths, opt_level="3", group_name=GROUP,
                              target_dir=str(work / "c"))
        setup(name="moderator-compiled", ext_modules=extensions, script_name="compile.py",
              script_args=["-q", "build_ext", "--build-lib", str(new),
                           "--build-temp", str(work / "temp")])
        shutil.rmtree(work)
        suffix = compiled.interpreter_tag().removeprefix(sys.implementation.cache_tag)
        files = {}
        for lib in sorted(new.rglob("*" + suffix)):
            rel = lib.relative_to(new).as_posix()
            files[rel.removesuffix(suffix).replace("/", ".")] = rel
        missing = set(compiled.MODULES) - set(files)
        if missing:
            raise RuntimeError(f"mypyc built no module for {', '.join(sorted(missing))}")
        manifest = {
            "interpreter": compiled.interpreter_tag(),
            "digest": before,
            "mypy": version("mypy"),
            "files": files,
            "runtime": sorted(set(files) - set(compiled.MODULES)),
        }
        (new / compiled.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        old = compiled.BUILD_DIR.with_name("_compiled.old")
        shutil.rmtree(old, ignore_errors=True)
        if compiled.BUILD_DIR.exists():
            compiled.BUILD_DIR.rename(old)
        new.rename(compiled.BUILD_DIR)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    print(f"compile: {len(compiled.MODULES)} modules compiled in "
          f"{time.monotonic() - started:.0f} s into {compiled.BUILD_DIR}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="build even when current")
    parser.add_argument("--check", action="store_true", help="only say whether current")
    args = parser.parse_args()
    if args.check:
        found = compiled.state()
        print(f"compile: the compiled rules are {found}")
        return 0 if found == "current" else 1
    return build(args.force)


if __name__ == "__main__":
    sys.exit(main())
