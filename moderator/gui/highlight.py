"""Evidence in colour: turns rule spans and repost overlaps into highlights on a plain-text
editor. Offsets from the engine count Python characters; Qt counts UTF-16 units and folds
``\\r\\n`` into one paragraph break, so every offset is converted first."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit
from rapidfuzz.distance import LCSseq

from moderator.core import Category, CommentScore
from moderator.gui.colors import highlight_color

Range = tuple[int, int]  # start, end in Python characters
MIN_SHARED = 8  # shorter common runs are noise, not copied text


def doc_offset(text: str, i: int) -> int:
    """The position in a QTextDocument (set from ``text``) of Python character ``i``."""
    prefix = text[: max(0, min(i, len(text)))].replace("\r\n", "\n")
    return len(prefix.encode("utf-16-le")) // 2


def evidence(score: CommentScore | None, body: str) -> list[tuple[int, int, Category]]:
    """Every evidence span of every hit, clipped to the body, weakest category first (the
    strongest is painted last, on top)."""
    if score is None:
        return []
    out: list[tuple[int, int, Category]] = []
    for hit in sorted(score.hits, key=lambda h: score.score(h.category)):
        for span in hit.spans:
            item = (max(0, span.start), min(len(body), span.end), hit.category)
            if item[0] < item[1] and item not in out:  # two rules, one word: paint it once
                out.append(item)
    return out


def shared_runs(a: str, b: str, min_size: int = MIN_SHARED) -> tuple[list[Range], list[Range]]:
    """Runs of text two comments share (the longest common subsequence's matching blocks,
    by rapidfuzz: well under a millisecond where difflib took tens of them on long comments,
    in the GUI thread, each time a repost is shown), in ``a`` and in ``b``."""
    blocks = [m for m in LCSseq.opcodes(a, b).as_matching_blocks() if m.size >= min_size]
    return ([(m.a, m.a + m.size) for m in blocks], [(m.b, m.b + m.size) for m in blocks])


def _selection(edit: QPlainTextEdit, text: str, start: int, end: int,
               background: QColor, underline: QColor | None) -> QTextEdit.ExtraSelection:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(doc_offset(text, start))
    cursor.setPosition(doc_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    if underline is not None:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(underline)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
    sel = QTextEdit.ExtraSelection()
    sel.cursor = cursor
    sel.format = fmt
    return sel


def highlight_evidence(edit: QPlainTextEdit, text: str,
                       spans: Iterable[tuple[int, int, Category]]) -> int:
    """Paint each span in its category's colour; returns how many were painted."""
    selections = [_selection(edit, text, s, e, highlight_color(c), None) for s, e, c in spans]
    edit.setExtraSelections(selections)
    return len(selections)


def highlight_ranges(edit: QPlainTextEdit, text: str, ranges: Iterable[Range],
                     category: Category) -> int:
    selections = [_selection(edit, text, s, e, highlight_color(category), None)
                  for s, e in ranges]
    edit.setExtraSelections(selections)
    return len(selections)
