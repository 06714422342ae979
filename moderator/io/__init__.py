"""Reading thread files: ``load(path)`` -> ``LoadResult`` (one or more threads, and notes).

The format is detected from the content, not the file name: each loader module in
``LOADERS`` offers ``sniff(text) -> bool`` and the first that says yes parses the text with
``parse(text, path) -> LoadResult``. A caller (or user) may name the format instead.

Formats: Reddit thread JSON, JSON, WordPress WXR, Disqus XML, CSV and the plain-text page.
Adding one: write a module with ``NAME``, ``ALIASES``, ``EXTENSIONS``, ``sniff`` and ``parse``
(see ``moderator.io.common.Loader``) and list it in ``LOADERS`` before any more general format
it could be mistaken for (Reddit JSON before JSON). The plain-text page accepts anything and
stays last.

The file name counts only when no format claims the content and the text is no page with
comments either: then a ``.csv`` or ``.json`` file gets that format's error (a CSV without a
text column, say) instead of loading as an empty page.

Every problem is an ``InputError`` naming the file (and the line when known), never a traceback.
"""

from __future__ import annotations

import dataclasses
import os

from moderator.compiled import activate

activate()  # the compiled row writers (and rules), when built and current, before they load

from moderator.core import InputError, LoadResult
from moderator.io import csvfmt, disqus, jsonfmt, plaintext, reddit, wxr
from moderator.io.common import Loader
from moderator.io.decode import decode, prepare

# Reddit JSON before generic JSON; the XML exports before CSV; the plain-text page last.
LOADERS: tuple[Loader, ...] = (reddit, jsonfmt, wxr, disqus, csvfmt, plaintext)
FORMATS: tuple[str, ...] = tuple(loader.NAME for loader in LOADERS)
FALLBACK: Loader = plaintext

__all__ = ["FORMATS", "LOADERS", "detect_format", "load", "load_text"]


def load(path: str | os.PathLike[str], format: str | None = None) -> LoadResult:
    """Read a thread file (once), detect or apply ``format``, and parse it."""
    name = os.fspath(path)
    loader = _named(format, name) if format else None
    try:
        data, stamp = _read(name)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(f"cannot read the file: {reason}", path=name) from None
    text, notes = decode(data, name)
    del data  # a large export: hold its text only, not its bytes as well, while parsing
    return dataclasses.replace(_parse(text, name, loader, notes), stamp=stamp)


def load_text(text: str, path: str = "<text>", format: str | None = None) -> LoadResult:
    """Parse text already in memory (tests, the clipboard); ``path`` names it in messages."""
    loader = _named(format, path) if format else None
    return _parse(prepare(text, path), path, loader, [])


def detect_format(text: str) -> str:
    """The name of the first format whose ``sniff`` accepts the text (``text`` at worst)."""
    return _detect(text.lstrip("\ufeff")).NAME


def _read(path: str) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes, and its size and modification time as it was opened."""
    if os.path.isdir(path):
        raise IsADirectoryError(21, "it is a folder, not a file")
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        return f.read(), (st.st_size, st.st_mtime_ns)


def _named(format: str, path: str) -> Loader:
    key = format.strip().lower().lstrip(".")
    for loader in LOADERS:
        if key == loader.NAME or key in loader.ALIASES:
            return loader
    raise InputError(f"unknown format {format!r}; known formats: {', '.join(FORMATS)}",
                     path=path)


def _detect(text: str) -> Loader:
    for loader in LOADERS:
        if loader.sniff(text):
            return loader
    return FALLBACK


def _by_extension(path: str) -> Loader | None:
    suffix = os.path.splitext(path)[1].lower()
    for loader in LOADERS:
        if loader is not FALLBACK and suffix in loader.EXTENSIONS:
            return loader
    return None


def _parse(text: str, path: str, loader: Loader | None, notes: list[str]) -> LoadResult:
    if loader is not None:
        result = loader.parse(text, path)
    else:
        result = _detect(text).parse(text, path)
        hinted = _by_extension(path)
        if result.format == FALLBACK.NAME and not result.comment_count and hinted:
            # No format claimed the text and it is no page with comments either: the file
            # name's format says best what is wrong (for example a CSV without a text column).
            result = hinted.parse(text, path)
    if notes:
        result = dataclasses.replace(result, messages=(*notes, *result.messages))
    return result
