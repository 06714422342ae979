"""Decisions out: one row per comment in thread order, as CSV (RFC 4180) or JSON.

Cells a spreadsheet would run as a formula are neutralised with a leading apostrophe. Files are
written to a temporary file beside the target and renamed over it, so a failed export never
leaves half a file over a good one.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from pathlib import Path

from moderator.core import Category, CommentScore, Decision, DecisionKind, Thread, ThreadScores
from moderator.core.decision import format_categories

COLUMNS = (
    "comment_id", "parent_id", "depth", "author", "posted_at", "auto_flags", "insult_score",
    "off_topic_score", "duplicate_score", "duplicate_of", "reasons", "decision", "final_labels",
    "action", "note", "reviewer", "decided_at", "body",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)


def neutralise(cell: object) -> object:
    """A text cell starting like a formula gets a leading ``'``; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def neutralised(row: Mapping[str, object], columns: Sequence[str]) -> list[object]:
    """``[neutralise(row[c]) for c in columns]``, the cheap way (most cells are plain)."""
    out = list(map(row.__getitem__, columns))
    for i, cell in enumerate(out):
        if type(cell) is str and cell[:1] in _FORMULA_CHARS:
            out[i] = "'" + cell
        elif type(cell) is not str and type(cell) is not int:
            out[i] = neutralise(cell)
    return out


def csv_records(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    r"""The CSV records (``\r\n`` after each) of ``rows``' ``columns``, neutralised: the bytes
    ``csv.writer(lineterminator="\r\n")`` writes for ``neutralised(row, columns)``.

    Made with string methods rather than by ``csv.writer``, which reads every character of a
    cell one at a time (to see whether it needs quotes, then to copy it): most of the time of
    writing 100,000 comments of some 600 characters. Quoting is ``csv.writer``'s minimal one:
    a text with ``"``, ``,``, ``\r`` or ``\n`` goes in quotes, its ``"`` doubled; a whole
    number is written as ``str`` writes it. A row with any other cell (``None``, a float, a
    ``str`` subclass...) is left to ``csv.writer``. Tests hold the two to the same bytes.
    """
    if len(columns) < 2:  # one cell: csv.writer quotes an empty one
        return "".join([_csv_record(row, columns) for row in rows])
    cells_of = itemgetter(*columns)
    formula_chars = _FORMULA_CHARS
    lines: list[str] = []
    for row in rows:
        cells: list[str] = []
        for cell in cells_of(row):
            if type(cell) is str:
                if cell[:1] in formula_chars:
                    cell = "'" + cell
                if '"' in cell:
                    cell = '"' + cell.replace('"', '""') + '"'
                elif "," in cell or "\n" in cell or "\r" in cell:
                    cell = '"' + cell + '"'
            elif type(cell) is int:
                cell = str(cell)
            else:
                lines.append(_csv_record(row, columns)[:-2])
                break
            cells.append(cell)
        else:
            lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n" if lines else ""


def _csv_record(row: Mapping[str, object], columns: Sequence[str]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(
        neutralised(row, columns))
    return buf.getvalue()


_FLAG_TEXT: dict[frozenset[Category], str] = {}  # flags -> "insult;duplicate" (8 at most)


def _flag_text(flags: frozenset[Category]) -> str:
    text = _FLAG_TEXT.get(flags)
    if text is None:
        text = _FLAG_TEXT[flags] = format_categories(flags)
    return text


_NO_FLAGS: frozenset[Category] = frozenset()
_PENDING = DecisionKind.PENDING.value
# Looked up once: reading a member off an Enum class costs more than the dict lookup it is for.
_INSULT, _OFF_TOPIC, _DUPLICATE = Category.INSULT, Category.OFF_TOPIC, Category.DUPLICATE


def comment_row(thread: Thread, comment_id: str, score: CommentScore | None,
                decision: Decision | None) -> dict[str, object]:
    """The row of one comment (``COLUMNS`` and ``thread_id``). Made for every comment of a
    thread, so the usual case (scored, no decision yet) skips what it cannot need."""
    c = thread.get(comment_id)
    assert c is not None
    if score is None:
        flags = _NO_FLAGS
        insult = off_topic = duplicate = 0
        duplicate_of = reasons = ""
    else:
        flags = score.flags
        insult = score.score(_INSULT)
        off_topic = score.score(_OFF_TOPIC)
        duplicate = score.score(_DUPLICATE)
        if score.hits:  # without hits both are "": no sort, no search
            duplicate_of, reasons = score.duplicate_of, score.reasons()
        else:
            duplicate_of = reasons = ""
    if decision is None:
        kind, final_labels, action, note, reviewer, decided_at = _PENDING, "", "", "", "", ""
    else:
        chosen = decision.action(flags)
        kind = decision.kind.value
        final_labels = format_categories(decision.final_labels(flags))
        action = chosen.value if chosen else ""
        note = decision.note
        decided = decision.kind is not DecisionKind.PENDING
        reviewer = decision.reviewer if decided else ""
        decided_at = decision.decided_at if decided else ""
    return {
        "thread_id": thread.id,
        "comment_id": c.id,
        "parent_id": c.parent_id,
        "depth": c.depth,
        "author": c.author,
        "posted_at": c.posted_at or c.posted_at_raw,
        "auto_flags": _flag_text(flags),
        "insult_score": insult,
        "off_topic_score": off_topic,
        "duplicate_score": duplicate,
        "duplicate_of": duplicate_of,
        "reasons": reasons,
        "decision": kind,
        "final_labels": final_labels,
        "action": action,
        "note": note,
        "reviewer": reviewer,
        "decided_at": decided_at,
        "body": c.body,
    }


def rows_for(threads: Sequence[Thread], scores: Mapping[str, ThreadScores],
             decisions: Mapping[tuple[str, str], Decision]) -> list[dict[str, object]]:
    """Every comment of every thread, in thread order."""
    rows = []
    for t in threads:
        ts = scores.get(t.id)
        for c in t.comments:
            rows.append(comment_row(t, c.id, ts.get(c.id) if ts else None,
                                    decisions.get((t.id, c.id))))
    return rows


def columns_for(threads: Sequence[Thread]) -> tuple[str, ...]:
    """The SPEC columns; a file of several threads gains ``thread_id`` in front."""
    return ("thread_id", *COLUMNS) if len(threads) > 1 else COLUMNS


def csv_text(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow(columns)
    return buf.getvalue() + csv_records(rows, columns)


def json_text(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """The same data as the CSV, not neutralised (JSON is not run by spreadsheets)."""
    out = []
    for row in rows:
        item = {c: row[c] for c in columns}
        for key in ("auto_flags", "final_labels"):
            item[key] = [p for p in str(item[key]).split(";") if p]
        out.append(item)
    return json.dumps({"columns": list(columns), "rows": out}, ensure_ascii=False, indent=1)


def temp_beside(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target`` (to be renamed over it): its descriptor and
    name. What stops it is told about ``target``, the file the user named: a folder there,
    a folder that does not exist, no permission."""
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(target))
    folder = target.parent
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(folder))
    except OSError as exc:
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, f"there is no folder {folder}",
                                    str(target)) from None
        raise OSError(exc.errno, exc.strerror, str(target)) from None


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over."""
    target = Path(path)
    fd, tmp = temp_beside(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def export(path: str | Path, threads: Sequence[Thread], scores: Mapping[str, ThreadScores],
           decisions: Mapping[tuple[str, str], Decision], fmt: str | None = None) -> int:
    """Write decisions to ``path`` as CSV or JSON (by ``fmt`` or the file's suffix).

    Returns the number of rows written.
    """
    fmt = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    rows = rows_for(threads, scores, decisions)
    cols = columns_for(threads)
    if fmt == "json":
        text = json_text(rows, cols)
    elif fmt == "csv":
        text = csv_text(rows, cols)
    else:
        raise ValueError(f"unknown export format {fmt!r} (csv or json)")
    write_atomic(path, text)
    return len(rows)
