"""The rules (and the score rows' writers) compiled to C, used in place of their source when
built and current.

``scripts/setup.sh`` compiles the modules of :data:`MODULES` with mypyc (``scripts/compile.py``)
into ``moderator/_compiled/``, beside a manifest of what they were built from. The compiled
modules behave as the source does (tests compare their scores on real threads) and check
comments about half again as fast. They are used only when

- the manifest's interpreter tag is this interpreter's (an extension built for another Python
  cannot load), and
- every file they were built from is unchanged (compiled modules call each other directly,
  so one edited source makes the whole build stale);

otherwise the source runs, and a stale build says so once on stderr. ``MODERATOR_PURE=1`` runs
the source regardless, and so does the app's own process (:func:`keep_source`).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

# The modules compiled: the per-comment work of every rule, the scorer's loop, and the rows
# written for every comment (``moderator score``, ``export``).
MODULES = (
    "moderator.rules.text",
    "moderator.rules.plan",
    "moderator.rules.processes",
    "moderator.rules.scorer",
    "moderator.rules.insult.aim",
    "moderator.rules.insult.amplifiers",
    "moderator.rules.insult.dismissal",
    "moderator.rules.insult.grammar",
    "moderator.rules.insult.group",
    "moderator.rules.insult.odd_spelling",
    "moderator.rules.insult.personal",
    "moderator.rules.insult.phrase_rule",
    "moderator.rules.insult.phrases",
    "moderator.rules.insult.profanity",
    "moderator.rules.insult.profanity_words",
    "moderator.rules.insult.screen",
    "moderator.rules.insult.sexual",
    "moderator.rules.insult.shared",
    "moderator.rules.insult.threat",
    "moderator.rules.insult.view",
    "moderator.rules.off_topic.empty",
    "moderator.rules.off_topic.meta",
    "moderator.rules.off_topic.phrases",
    "moderator.rules.off_topic.relevance",
    "moderator.rules.off_topic.spam",
    "moderator.rules.off_topic.words",
    "moderator.rules.duplicate.clusters",
    "moderator.rules.duplicate.detect",
    "moderator.rules.duplicate.reposts",
    "moderator.io.export",
    "moderator.io.rowstream",
    "moderator.io.thread_rows",
)
# What the compiled code was checked against (mypyc reads the types of everything they
# import): a change in any of these makes a build stale.
SOURCE_DIRS = ("core", "io", "rules")

PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR / "_compiled"
MANIFEST = "manifest.json"
PURE_ENV = "MODERATOR_PURE"


def sources(root: Path = PACKAGE_DIR) -> list[Path]:
    """The files a build depends on, in a fixed order."""
    return sorted(p for d in SOURCE_DIRS for p in (root / d).rglob("*.py"))


def digest(root: Path = PACKAGE_DIR) -> str:
    """One hash of every file :func:`sources` lists, names included."""
    h = hashlib.sha256()
    for path in sources(root):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def interpreter_tag() -> str:
    """What an extension module must have been built for to load here."""
    return f"{sys.implementation.cache_tag}{importlib.machinery.EXTENSION_SUFFIXES[0]}"


def read_manifest(build: Path = BUILD_DIR) -> dict | None:
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def state(build: Path = BUILD_DIR, root: Path = PACKAGE_DIR) -> str:
    """``"current"``, ``"missing"`` (never built, or built for another interpreter) or
    ``"stale"`` (a source changed since)."""
    return _checked(build, root)[0]


def _checked(build: Path, root: Path) -> tuple[str, dict]:
    """:func:`state`, and the manifest read to tell it."""
    manifest = read_manifest(build)
    if manifest is None or manifest.get("interpreter") != interpreter_tag():
        return "missing", {}
    files = manifest.get("files")
    if not isinstance(files, dict) or not all((build / f).is_file() for f in files.values()):
        return "missing", manifest
    return ("current" if manifest.get("digest") == digest(root) else "stale"), manifest


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules (and the runtime they share) in the build folder."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


_active: list[str] | None = None


def activate(build: Path = BUILD_DIR, root: Path = PACKAGE_DIR) -> list[str]:
    """Puts the compiled modules in place of their source when they are current (see the
    module's docstring); the names of those now compiled. Once per process: later calls
    return the first answer. Call it before any module of :data:`MODULES` is imported."""
    global _active
    if _active is not None:
        return _active
    _active = []
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return _active
    found, manifest = _checked(build, root)
    if found == "stale":
        print("moderator: the compiled rules are older than their source, so the source runs "
              "(slower); scripts/setup.sh compiles them again", file=sys.stderr)
    if found != "current":
        return _active
    files = {name: build / rel for name, rel in manifest["files"].items()}
    if any(name in sys.modules for name in files):
        return _active  # too late: the source is loaded already
    finder = _Finder(files)
    sys.meta_path.insert(0, finder)
    try:  # the library the compiled modules share: if it cannot load, none can
        for name in manifest.get("runtime", []):
            importlib.import_module(name)
    except ImportError as exc:
        sys.meta_path.remove(finder)
        print(f"moderator: the compiled rules cannot load ({exc}), so the source runs "
              "(slower); scripts/setup.sh compiles them again", file=sys.stderr)
        return _active
    _active = sorted(name for name in files if name in MODULES)
    return _active


def keep_source() -> None:
    """This process runs the rules from source even when compiled ones are built. For a
    process whose other threads must stay responsive, the app's: the interpreter hands the
    GIL to another thread every few milliseconds, compiled code only when it returns, so a
    compiled rule run in a background thread would freeze the window until it ends. (The app
    scores large threads in a child process, which runs them compiled.) No effect once the
    compiled modules are in place."""
    global _active
    if _active is None:
        _active = []


def class_doc(cls: type) -> str:
    """The docstring of ``cls`` as its source has it: compiled classes keep none, and a
    rule's examples are written there."""
    return _docstrings(cls.__module__).get(cls.__qualname__, "")


@functools.cache
def _docstrings(module: str) -> dict[str, str]:
    path = PACKAGE_DIR.parent.joinpath(*module.split(".")).with_suffix(".py")
    try:
        tree = ast.parse(path.read_bytes(), str(path))
    except (OSError, SyntaxError, ValueError):
        return {}
    return {node.name: ast.get_docstring(node, clean=False) or "" for node in tree.body
            if isinstance(node, ast.ClassDef)}


def active() -> list[str]:
    """The modules running compiled in this process (empty when the source runs)."""
    return list(_active or [])
