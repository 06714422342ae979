"""Thread files read one thread at a time, for files too large to hold: ``iter_threads``.

CSV files (see ``moderator.io.csvstream``), WordPress exports (WXR: one thread per
``<item>``) and Disqus exports (``moderator.io.disqusstream``) are streamed: only the threads
being read are in memory. JSON and Reddit JSON (one document each), and files whose encoding
is only known from the whole file (see ``moderator.io.textsource``), are read whole by
``moderator.io.load`` and handed over one thread at a time: the same threads either way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from moderator.core import InputError, Thread
from moderator.io import _detect, _named, csvfmt, disqus, load, wxr
from moderator.io.csvstream import iter_csv
from moderator.io.disqusstream import iter_disqus
from moderator.io.textsource import open_source

_CHUNK = 1 << 20  # characters read at a time from an XML file


class ThreadStream:
    """The threads of one file, each with the messages about it; ``notes`` are about the file
    as a whole (known once iteration has started). ``bytes_read`` and ``size`` are for
    progress."""

    def __init__(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        self.path = os.fspath(path)
        self.format_name = format
        self.notes: list[str] = []
        self.format = ""
        self.streamed = False
        self._source = None
        self._done = False
        try:
            self.size = os.path.getsize(self.path)
        except OSError:
            self.size = 0

    def bytes_read(self) -> int:
        if self._done:
            return self.size
        return self._source.bytes_read() if self._source is not None else 0

    def __iter__(self) -> Iterator[tuple[Thread, list[str]]]:
        name = self.path
        loader = _named(self.format_name, name) if self.format_name else None
        try:
            source = open_source(name)
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise InputError(f"cannot read the file: {reason}", path=name) from None
        chosen = None if source is None else (loader or _detect(source.head))
        if source is not None and chosen is csvfmt:
            self._source, self.format, self.streamed = source, csvfmt.NAME, True
            yield from iter_csv(source, name)
        elif source is not None and chosen is wxr:
            self._source, self.format, self.streamed = source, wxr.NAME, True
            with source.open() as fh:
                yield from wxr.iter_parse(iter(lambda: fh.read(_CHUNK), ""), name, self.notes)
        elif source is not None and chosen is disqus:
            self._source, self.format, self.streamed = source, disqus.NAME, True

            def chunks() -> Iterator[str]:
                with source.open() as fh:
                    yield from iter(lambda: fh.read(_CHUNK), "")

            yield from iter_disqus(chunks, name, self.notes)
        else:
            result = load(name, self.format_name)
            self.format = result.format
            self.notes.extend(result.messages)
            self._done = True
            for thread in result.threads:
                yield thread, []
        self._done = True


def iter_threads(path: str | os.PathLike[str], format: str | None = None) -> ThreadStream:
    """The threads of ``path`` one at a time: ``for thread, messages in iter_threads(p)``."""
    return ThreadStream(path, format)
