"""The one place that reads packaged files (``resources/`` in the repo, ``moderator.resources``
once installed), so nothing depends on the current directory."""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

_PACKAGE = "moderator.resources"

SAMPLE_THREAD = "samples/russia-amnesty-cnn-2014.txt"
DEFAULT_RULES = "rules.toml"


def resource(name: str) -> Traversable:
    """The packaged file ``name`` (a ``/``-separated path inside ``resources/``)."""
    node = files(_PACKAGE)
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def read_text(name: str) -> str:
    return resource(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    return resource(name).read_bytes()


def sample_thread_path() -> Path:
    """A real filesystem path to the bundled sample thread (packages are plain folders here)."""
    with as_file(resource(SAMPLE_THREAD)) as path:
        return Path(path)


def default_rules_text() -> str:
    return read_text(DEFAULT_RULES)
