"""Decisions out a thread at a time: the CSV and JSON of ``moderator.io.export`` written in
pieces (the same bytes as ``csv_text``/``json_text`` of all the rows at once), or the table
``moderator score`` prints, into a file that appears only when complete (``AtomicFile``), or
onto a stream."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO

from moderator.io.export import COLUMNS, csv_records, csv_text, temp_beside


def csv_piece(rows: Iterable[Mapping[str, object]], columns: Sequence[str], *,
              header: bool = False) -> str:
    """The CSV records of ``rows`` (see ``csv_records``), after the header when ``header``."""
    return csv_text(rows, columns) if header else csv_records(rows, columns)


class JsonPieces:
    """``{"columns": [...], "rows": [...]}`` as ``json_text`` lays it out, in pieces."""

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self._rows = 0

    def head(self) -> str:
        whole = json.dumps({"columns": self.columns, "rows": []}, ensure_ascii=False, indent=1)
        return whole[:whole.rindex("[]") + 1]

    def rows(self, rows: Iterable[Mapping[str, object]]) -> str:
        out = []
        for row in rows:
            item = {c: row[c] for c in self.columns}
            for key in ("auto_flags", "final_labels"):
                item[key] = [p for p in str(item[key]).split(";") if p]
            text = json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
            out.append(("\n  " if not self._rows else ",\n  ") + text)
            self._rows += 1
        return "".join(out)

    def tail(self) -> str:
        return "\n ]\n}" if self._rows else "]\n}"


_TABLE_HEAD = f"{'id':<10} {'author':<16} {'ins':>3} {'off':>3} {'dup':>3}  {'flags':<18} reasons"


def _table_lines(rows: list[dict[str, object]], multi: bool) -> str:
    lines = []
    for r in rows:
        reasons = str(r["reasons"]) or "-"
        if len(reasons) > 90:
            reasons = reasons[:89] + "…"
        line = (f"{str(r['comment_id'])[:10]:<10} {str(r['author'])[:16]:<16} "
                f"{r['insult_score']:>3} {r['off_topic_score']:>3} {r['duplicate_score']:>3}  "
                f"{str(r['auto_flags']) or '-':<18} {reasons}")
        if multi:
            line = f"{str(r['thread_id'])[:14]:<14} " + line
        lines.append(line + "\n")
    return "".join(lines)


class RowWriter:
    """Rows out as ``csv``, ``json`` or a ``table`` for the terminal, a batch at a time; the
    columns (``thread_id`` first for several threads) are fixed by :meth:`begin`."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.count = self.flagged = 0
        self._json: JsonPieces | None = None
        self._cols: tuple[str, ...] = ()
        self._multi = False
        self.started = False

    def begin(self, *, multi: bool) -> None:
        self.started, self._multi = True, multi
        self._cols = ("thread_id", *COLUMNS) if multi else COLUMNS
        if self.fmt == "csv":
            self.out.write(csv_piece((), self._cols, header=True))
        elif self.fmt == "json":
            self._json = JsonPieces(self._cols)
            self.out.write(self._json.head())
        else:
            self.out.write((f"{'thread':<14} " if multi else "") + _TABLE_HEAD + "\n")

    def write(self, rows: list[dict[str, object]]) -> None:
        self.count += len(rows)
        self.flagged += sum(1 for r in rows if r["auto_flags"])
        if self.fmt == "csv":
            self.out.write(csv_piece(rows, self._cols))
        elif self._json is not None:
            self.out.write(self._json.rows(rows))
        else:
            self.out.write(_table_lines(rows, self._multi))

    def written_elsewhere(self, rows: int, flagged: int) -> None:
        """Count ``rows`` (``flagged`` of them flagged) that another process wrote in this
        writer's place, as if written here (the JSON rows after them follow with a comma)."""
        self.count += rows
        self.flagged += flagged
        if self._json is not None:
            self._json._rows += rows

    def end(self) -> None:
        if self._json is not None:
            self.out.write(self._json.tail())
        elif self.fmt == "table":
            self.out.write(f"{self.count} comments, {self.flagged} flagged\n")


class AtomicFile:
    """A text file written under a temporary name beside ``path`` and renamed over it when
    the ``with`` block ends without an error (else removed): never half a file."""

    def __init__(self, path: str | Path) -> None:
        self.target = Path(path)
        fd, self._tmp = temp_beside(self.target)
        self.file: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._keep = True

    def discard(self) -> None:
        """Leave the target as it was when the block ends."""
        self._keep = False

    def __enter__(self) -> TextIO:
        return self.file

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            keep = kind is None and self._keep
            if keep:
                self.file.flush()
                os.fsync(self.file.fileno())
            self.file.close()
            if keep:
                os.replace(self._tmp, self.target)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)
