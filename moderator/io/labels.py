"""Labels for evaluation: ``comment_id,insult,off_topic,duplicate_of`` with ``1``/``0``/``?``.

``?`` (or an empty cell) means "not labelled" and the comment is left out of that category.
``duplicate_of`` names the original for a repost; empty means not a repost, except in a file
where no row names any original: there the column was not labelled at all (the insult and
off-topic sets carry it empty), and reposts are left out of the figures.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from moderator.core import Category, InputError
from moderator.io.textfile import read_utf8

Labels = dict[str, dict[Category, bool | None]]


def _flag(value: str, path: str, line: int, column: str) -> bool | None:
    v = value.strip().lower()
    if v in ("1", "yes", "true", "y"):
        return True
    if v in ("0", "no", "false", "n"):
        return False
    if v in ("?", ""):
        return None
    raise InputError(f"expected 1, 0 or ? in column {column!r}, got {value!r}", path=path,
                     line=line)


def read_labels(path: str | Path) -> Labels:
    p = str(path)
    text = read_utf8(path, "labels")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise InputError("the labels file is empty", path=p, line=1) from None
    if "comment_id" not in header:
        raise InputError("expected a header with comment_id and one of insult, off_topic, "
                         "duplicate_of", path=p, line=1)
    idx = {name: header.index(name) for name in header}
    out: Labels = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        cid = row[idx["comment_id"]].strip()
        labels: dict[Category, bool | None] = {}
        if "insult" in idx:
            labels[Category.INSULT] = _flag(row[idx["insult"]], p, line, "insult")
        if "off_topic" in idx:
            labels[Category.OFF_TOPIC] = _flag(row[idx["off_topic"]], p, line, "off_topic")
        if "duplicate_of" in idx:
            dup = row[idx["duplicate_of"]].strip()
            labels[Category.DUPLICATE] = None if dup == "?" else bool(dup)
        out[cid] = labels
    if "duplicate_of" in idx and not any(lab.get(Category.DUPLICATE) for lab in out.values()):
        for lab in out.values():
            lab[Category.DUPLICATE] = None
    return out
