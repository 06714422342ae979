"""What every loader module provides, and small helpers they share."""

from __future__ import annotations

from pathlib import PurePath
from typing import Protocol

from moderator.core import LoadResult


class Loader(Protocol):
    """A thread format: one module with these names, listed in ``moderator.io.LOADERS``.

    ``sniff`` looks only at the start of the text and must be cheap; ``parse`` raises
    ``InputError`` (with ``path`` and, when known, ``line``) for anything it cannot read.
    """

    NAME: str
    ALIASES: tuple[str, ...]
    EXTENSIONS: tuple[str, ...]  # lower case, with the dot; a hint only (see moderator.io)

    def sniff(self, text: str) -> bool: ...

    def parse(self, text: str, path: str) -> LoadResult: ...


def thread_id_from_path(path: str) -> str:
    """``/x/russia-amnesty-cnn-2014.txt`` -> ``russia-amnesty-cnn-2014``; ``<text>`` -> thread."""
    if not path or path.startswith("<"):
        return "thread"
    return PurePath(path).stem or "thread"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``plural(1, "reply", "replies")`` -> ``1 reply``; ``plural(3, "line")`` -> ``3 lines``."""
    word = one if count == 1 else (many or one + "s")
    return f"{count} {word}"


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... the first not in ``taken`` (which gains it)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


RELEASE_SLICE = 2000  # items freed a step: a couple of milliseconds


def release(items: list) -> None:
    """Empty ``items``, a large list of the caller's own (nothing else may hold it), a slice
    at a time. Freeing a parsed file's 100,000 comments at once is one cascade of
    deallocations in C that holds the GIL for about 100 ms, and the app's window (which needs
    the GIL for every paint) freezes for as long; between slices the window can run."""
    while items:
        del items[-RELEASE_SLICE:]
