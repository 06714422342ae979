"""A thread file as a text stream, read again from the start as often as a loader needs,
without holding the whole file: for ``moderator.io.stream``.

Only files whose encoding is certain from the start are streamed: a byte-order mark (UTF-8,
UTF-16, UTF-32), or UTF-8 throughout (checked in one pass of bounded memory). The rest (cp1252,
stray bytes, UTF-16 without a mark) is read whole by ``moderator.io.load``, which says how it
read them. Line ends become ``\\n`` as when the file is read whole.
"""

from __future__ import annotations

import codecs
import io
import os
from typing import TextIO

from moderator.io.decode import prepare

_CHUNK = 1 << 20
HEAD_CHARS = 65_536  # what format detection looks at
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


class TextSource:
    """``open()`` gives a fresh text stream of the file; ``head`` is its start, checked like a
    whole file (``InputError`` for an empty file or one that is no text)."""

    def __init__(self, path: str, encoding: str, head: str) -> None:
        self.path = path
        self.encoding = encoding
        self.head = head
        self.size = os.path.getsize(path)
        self._raw: list[io.BufferedReader] = []

    def open(self) -> TextIO:
        raw = open(self.path, "rb")  # noqa: SIM115 - closed with the text stream
        self._raw.append(raw)
        return io.TextIOWrapper(raw, encoding=self.encoding, errors="strict", newline=None)

    def bytes_read(self) -> int:
        """How far the latest stream has read (for progress)."""
        for raw in reversed(self._raw):
            try:
                return raw.tell()
            except (OSError, ValueError):  # closed: it read everything
                return self.size
        return 0


def open_source(path: str) -> TextSource | None:
    """The file as a ``TextSource``, or ``None`` when it must be read whole to be understood."""
    if os.path.isdir(path):
        return None
    with open(path, "rb") as f:
        start = f.read(4)
    encoding = next((enc for bom, enc in _BOMS if start.startswith(bom)), None)
    if encoding is None:
        if not _utf8_throughout(path):
            return None
        encoding = "utf-8"
    try:
        with open(path, encoding=encoding, errors="strict", newline=None) as fh:
            head = fh.read(HEAD_CHARS)
    except UnicodeDecodeError:
        return None
    if not head.strip():  # empty, or blank for a long way: let the whole-file reader judge
        return None
    prepare(head, path)  # the same refusals as a whole file: control characters...
    return TextSource(path, encoding, head)


def _utf8_throughout(path: str) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
