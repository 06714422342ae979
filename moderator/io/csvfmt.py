"""CSV thread files: a header row, then one comment per row.

    comment_id,parent_id,author,posted_at,body
    k1,,user1,2014-01-04T03:31:00,"First line
    second line of the same comment"
    k2,k1,user2,1455029564375,a reply

Columns are matched by name, ignoring case, spaces and ``_`` (aliases in
``moderator.io.fields``: ``text``/``content``/``message``/``comment`` for the body,
``user``/``username``/``name`` for the author, ``date``/``created_at``/``timestamp`` for the
time, ``parent``/``reply_to`` for the parent...). Only a text column is required. The delimiter
is whatever separates the header names: ``,``, ``;``, tab or ``|``. Quoted fields may span
lines (RFC 4180). A ``thread_id`` column splits the file into threads (in order of first
appearance; rows without one go to a thread named after the file). CSV has no article.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from moderator.core import Article, InputError, LoadResult, Thread
from moderator.io.common import thread_id_from_path
from moderator.io.fields import TEXT_COLUMNS, match_names
from moderator.io.tree import RawComment, build_thread

NAME = "csv"
ALIASES = ("tsv",)
EXTENSIONS = (".csv", ".tsv")

_DELIMITERS = (",", ";", "\t", "|")
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
_LARGE = 1 << 20  # characters: read line by line, counted a slice at a time


def sniff(text: str) -> bool:
    """The first non-blank line is a header: a recognised text column, or at least two
    recognised names among short cells (so a file without a text column gets the CSV error)."""
    line = _first_line(text)
    if _header_delimiter(line) is not None:
        return True
    for delimiter in _DELIMITERS:
        if delimiter in line:
            names = next(csv.reader([line], delimiter=delimiter))
            if all(len(n) <= 40 for n in names) and len(match_names(names)) >= 2:
                return True
    return False


def parse(text: str, path: str) -> LoadResult:
    csv.field_size_limit(_FIELD_LIMIT)
    first = _first_line(text)
    delimiter = _header_delimiter(first) or max(_DELIMITERS, key=first.count)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        columns = header_columns(reader, path)
        groups = _rows(reader, columns, thread_id_from_path(path), text, path)
    except csv.Error as exc:
        raise InputError(f"broken CSV: {exc}", path=path, line=reader.line_num) from None
    threads: list[Thread] = []
    messages: list[str] = []
    for thread_id, raws in groups.items():
        thread, notes = build_thread(thread_id, Article(), raws)
        prefix = f"thread {thread_id}: " if len(groups) > 1 else ""
        messages.extend(prefix + note for note in notes)
        threads.append(thread)
    return LoadResult(path=path, format=NAME, threads=tuple(threads), messages=tuple(messages))


def _lines(text: str) -> Iterable[str]:
    """The text's lines for the csv reader. A large text with ``\\n`` line ends only (as the
    loaders get it) is cut here: a StringIO would copy it whole, in one call (holding the GIL
    for 100-200 ms at 60 MB)."""
    if len(text) < _LARGE or any(text.find("\r", at, at + _LARGE) >= 0
                                 for at in range(0, len(text), _LARGE)):
        return io.StringIO(text, newline="")
    return _split_lines(text)


def _split_lines(text: str) -> Iterator[str]:
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


def _first_line(text: str) -> str:
    for line in text[:65536].split("\n"):
        if line.strip():
            return line
    return ""


def _header_delimiter(line: str) -> str | None:
    for delimiter in _DELIMITERS:
        if delimiter in line:
            names = next(csv.reader([line], delimiter=delimiter))
            if len(names) >= 2 and "body" in match_names(names):
                return delimiter
    return None


def header_columns(reader: Any, path: str) -> dict[str, int]:
    """Read the header row: field name -> column index. Raises when no column holds the text."""
    header, header_line = _header(reader)
    columns = match_names(header)
    if "body" not in columns:
        found = ", ".join(h.strip() for h in header if h.strip()) or "no names"
        raise InputError(f"no comment text column in the header row; expected one of: "
                         f"{', '.join(TEXT_COLUMNS)} (found: {found})",
                         path=path, line=header_line)
    return columns


def _header(reader: Any) -> tuple[list[str], int]:
    for row in reader:
        if any(cell.strip() for cell in row):
            return row, reader.line_num
    return [], 1


def _rows(reader: Any, columns: dict[str, int], default_thread: str, text: str,
          path: str) -> dict[str, list[RawComment]]:
    def cell(row: list[str], field: str) -> str:
        index = columns.get(field)
        return row[index] if index is not None and index < len(row) else ""

    groups: dict[str, list[RawComment]] = {}
    last_line = (sum(text.count("\n", at, at + _LARGE) for at in range(0, len(text), _LARGE))
                 + (0 if text.endswith("\n") else 1))
    start = reader.line_num + 1
    for row in reader:
        if any(c.strip() for c in row):
            time = cell(row, "posted_at").strip()
            raw = RawComment(
                body=cell(row, "body"), id=cell(row, "id").strip(),
                parent_id=cell(row, "parent_id").strip(), author=cell(row, "author").strip(),
                posted_at_raw=time, status=cell(row, "status").strip(), line=start,
            )
            groups.setdefault(cell(row, "thread_id").strip() or default_thread, []).append(raw)
        if reader.line_num >= last_line > start and _unclosed(text, start):
            raise InputError('a quoted field starting on this line is never closed '
                             '(expected a closing ")', path=path, line=start)
        start = reader.line_num + 1
    return groups


def _unclosed(text: str, start: int) -> bool:
    """For the last record, which spans several lines: does it hold an unclosed quote? (The
    csv module reads an unclosed quote to the end of the file without complaint.)"""
    record = text.split("\n", start - 1)[-1]
    return record.count('"') % 2 == 1
