"""CSV thread files read one thread at a time (``moderator.io.stream``): the same threads,
comments and messages as ``csvfmt.parse``, with only the threads being read in memory.

Two passes: the first learns where each thread's last row is (threads need not be contiguous
in the file), the second collects rows and hands a thread over once its last row is read, in
order of first appearance like ``csvfmt.parse``. A file without a ``thread_id`` column is one
thread and is read once.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from moderator.core import Article, InputError, Thread
from moderator.io.common import thread_id_from_path
from moderator.io.csvfmt import (
    _DELIMITERS,
    _FIELD_LIMIT,
    _first_line,
    _header,
    _header_delimiter,
    header_columns,
)
from moderator.io.fields import match_names
from moderator.io.textsource import TextSource
from moderator.io.tree import RawComment, build_thread


class _Lines:
    """The lines csv reads, remembering those of the record being read (to report an
    unclosed quote in the last record, as ``csvfmt`` does)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.record: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.record.append(line)
        return line

    def take(self) -> list[str]:
        got, self.record = self.record, []
        return got


def iter_csv(source: TextSource, path: str) -> Iterator[tuple[Thread, list[str]]]:
    """Each thread of a CSV file with the messages about it, in ``csvfmt.parse``'s order."""
    csv.field_size_limit(_FIELD_LIMIT)
    first = _first_line(source.head)
    delimiter = _header_delimiter(first) or max(_DELIMITERS, key=first.count)
    default = thread_id_from_path(path)
    last_rows = _last_rows(source, path, delimiter, default)
    multi = last_rows is not None and len(last_rows) > 1
    groups: dict[str, list[RawComment]] = {}
    complete: set[str] = set()
    with source.open() as fh:
        lines = _Lines(fh)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header, _ = _header(reader)
            columns = match_names(header)
            lines.take()
            record: list[str] = []
            start = record_start = reader.line_num + 1
            n = 0
            for row in reader:
                record, record_start = lines.take(), start
                if any(c.strip() for c in row):
                    raw = _raw(row, columns, start)
                    tid = _cell(row, columns, "thread_id").strip() or default
                    groups.setdefault(tid, []).append(raw)
                    if last_rows is not None and last_rows[tid] == n:
                        complete.add(tid)
                    n += 1
                    while groups and next(iter(groups)) in complete:
                        done = next(iter(groups))
                        yield _thread(done, groups.pop(done), multi)
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(f"broken CSV: {exc}", path=path, line=reader.line_num) from None
    if len(record) > 1 and "".join(record).count('"') % 2 == 1:
        raise InputError('a quoted field starting on this line is never closed '
                         '(expected a closing ")', path=path, line=record_start)
    for tid, raws in groups.items():
        yield _thread(tid, raws, multi)


def _thread(thread_id: str, raws: list[RawComment], multi: bool) -> tuple[Thread, list[str]]:
    thread, notes = build_thread(thread_id, Article(), raws)
    prefix = f"thread {thread_id}: " if multi else ""
    return thread, [prefix + note for note in notes]


def _last_rows(source: TextSource, path: str, delimiter: str,
               default: str) -> dict[str, int] | None:
    """Thread id -> index of its last non-blank row; ``None`` for a file of one thread."""
    with source.open() as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            columns = header_columns(reader, path)
            at = columns.get("thread_id")
            if at is None:
                return None
            last: dict[str, int] = {}
            n = 0
            for row in reader:
                if any(c.strip() for c in row):
                    last[(row[at] if at < len(row) else "").strip() or default] = n
                    n += 1
        except csv.Error as exc:
            raise InputError(f"broken CSV: {exc}", path=path, line=reader.line_num) from None
    return last


def _cell(row: list[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return row[index] if index is not None and index < len(row) else ""


def _raw(row: list[str], columns: dict[str, int], line: int) -> RawComment:
    return RawComment(
        body=_cell(row, columns, "body"), id=_cell(row, columns, "id").strip(),
        parent_id=_cell(row, columns, "parent_id").strip(),
        author=_cell(row, columns, "author").strip(),
        posted_at_raw=_cell(row, columns, "posted_at").strip(),
        status=_cell(row, columns, "status").strip(), line=line)
