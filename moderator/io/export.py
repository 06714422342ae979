"""Decisions out: one row per comment in thread order, as CSV (RFC 4180) or JSON.

Cells a spreadsheet would run as a formula are neutralised with a leading apostrophe. Files are
written to a temporary file beside the target and renamed over it, so a failed export never
leaves half a file over a good one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
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


_FLAG_TEXT: dict[frozenset[Category], str] = {}  # flags -> "insult;duplicate" (8 at most)


def _flag_text(flags: frozenset[Category]) -> str:
    text = _FLAG_TEXT.get(flags)
    if text is None:
        text = _FLAG_TEXT[flags] = format_categories(flags)
    return text


def comment_row(thread: Thread, comment_id: str, score: CommentScore | None,
                decision: Decision | None) -> dict[str, object]:
    c = thread.get(comment_id)
    assert c is not None
    flags = score.flags if score else frozenset()
    kind = decision.kind if decision else DecisionKind.PENDING
    action = decision.action(flags) if decision else None
    return {
        "thread_id": thread.id,
        "comment_id": c.id,
        "parent_id": c.parent_id,
        "depth": c.depth,
        "author": c.author,
        "posted_at": c.posted_at or c.posted_at_raw,
        "auto_flags": _flag_text(flags),
        "insult_score": score.score(Category.INSULT) if score else 0,
        "off_topic_score": score.score(Category.OFF_TOPIC) if score else 0,
        "duplicate_score": score.score(Category.DUPLICATE) if score else 0,
        "duplicate_of": score.duplicate_of if score else "",
        "reasons": score.reasons() if score else "",
        "decision": kind.value,
        "final_labels": format_categories(decision.final_labels(flags)) if decision else "",
        "action": action.value if action else "",
        "note": decision.note if decision else "",
        "reviewer": decision.reviewer if decision and kind is not DecisionKind.PENDING else "",
        "decided_at": decision.decided_at if decision and kind is not DecisionKind.PENDING
        else "",
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
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    for row in rows:
        w.writerow(neutralised(row, columns))
    return buf.getvalue()


def json_text(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """The same data as the CSV, not neutralised (JSON is not run by spreadsheets)."""
    out = []
    for row in rows:
        item = {c: row[c] for c in columns}
        for key in ("auto_flags", "final_labels"):
            item[key] = [p for p in str(item[key]).split(";") if p]
        out.append(item)
    return json.dumps({"columns": list(columns), "rows": out}, ensure_ascii=False, indent=1)


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temporary file beside ``path``, then rename it over."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                               dir=str(target.parent or "."))
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
