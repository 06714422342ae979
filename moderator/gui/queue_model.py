"""The review queue as a table model: one row per comment of every thread, in queue order.

Sorting and filtering happen in :mod:`.queue_proxy`; this model only adapts the controller's
data (its rows are built in the background, see :mod:`.view_data`). After a decision or a
threshold move it emits ``dataChanged`` for the changed rows only.
"""

from __future__ import annotations

import html
import sys
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from moderator.core import Category, Comment, CommentScore
from moderator.gui.colors import action_color, category_color
from moderator.gui.controller import ReviewController
from moderator.gui.status import RowState
from moderator.gui.view_data import QueueRow
from moderator.io.common import RELEASE_SLICE

Key = tuple[str, str]
Index = QModelIndex | QPersistentModelIndex

SNIPPET_CHARS = 160
FIRST_ROWS = 1000  # rows shown at once after a reset; the rest follow in chunks
CHUNK_ROWS = 1000


class Column(IntEnum):
    PRIORITY = 0
    FLAGS = 1
    STATUS = 2
    AUTHOR = 3
    POSTED = 4
    WHY = 5
    TEXT = 6


HEADERS = {
    Column.PRIORITY: "Priority",
    Column.FLAGS: "Flags",
    Column.STATUS: "Decision",
    Column.WHY: "Why",
    Column.AUTHOR: "Author",
    Column.POSTED: "Posted",
    Column.TEXT: "Comment",
}


class Role(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # (thread_id, comment_id)
    PRIORITY = Qt.ItemDataRole.UserRole + 2  # int
    FLAGS = Qt.ItemDataRole.UserRole + 3  # frozenset[Category], the automatic flags
    SCORES = Qt.ItemDataRole.UserRole + 4  # dict[Category, int]
    STATE = Qt.ItemDataRole.UserRole + 5  # RowState
    SORT = Qt.ItemDataRole.UserRole + 6  # a comparable value for the column
    SEARCH = Qt.ItemDataRole.UserRole + 7  # lower-case text the search matches
    THREAD = Qt.ItemDataRole.UserRole + 8  # thread id
    POSITION = Qt.ItemDataRole.UserRole + 9  # int: order in the file


def one_line(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def short_time(comment: Comment) -> str:
    iso = comment.posted_at
    if len(iso) >= 16 and iso[10] == "T":
        return f"{iso[:10]} {iso[11:16]}"
    return iso or comment.posted_at_raw


def top_reason(score: CommentScore | None) -> str:
    if score is None or not score.hits:
        return ""
    best = max(score.hits, key=lambda h: (h.points, h.category in score.flags))
    more = len(score.hits) - 1
    return best.reason + (f" (+{more} more)" if more else "")


def flags_text(score: CommentScore | None) -> str:
    if score is None:
        return ""
    return "  ".join(f"{c.label} {score.score(c)}" for c in Category if c in score.flags)


def rich_tooltip(text: str) -> str:
    """Tooltips are rich text when Qt guesses so: escape and say so, never guess."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>" if text else ""


class QueueModel(QAbstractTableModel):
    """Rows in queue order (highest priority first, then file order), so the proxy's default
    sort costs nothing even on a file of 100,000 comments.

    A big file's rows come in chunks: the first :data:`FIRST_ROWS` at once, then
    :data:`CHUNK_ROWS` per turn of the event loop (the proxy filters every row it is given,
    a Python call each: 100,000 at once froze the window for half a second). The chunks are
    small because a job may run meanwhile: each of those calls then waits for the job to hand
    over the GIL (5,000 rows at once stalled the window for ~150 ms at 10,000 comments, when
    the app scored in a thread). While a job runs (the thread being scored after it opens)
    the rest wait: each chunk's repaint made a hundred or more calls into Python, each
    waiting for the job, some 100 ms a chunk at 100,000 comments in a slow hour. ``filled``
    says when every row is in."""

    filled = Signal()
    waiting_changed = Signal()  # rows started or stopped waiting for a job to end

    def __init__(self, controller: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[QueueRow] = []
        self._row_of: dict[Key, int] = {}
        self._shown = 0  # rows given to views so far
        self._filler = QTimer(self)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._add_chunk)
        # rows replaced by a reload, freed a slice per turn of the event loop (see reload)
        self._released: list[QueueRow] = []
        self._releaser = QTimer(self)
        self._releaser.setInterval(0)
        self._releaser.timeout.connect(self._release_some)
        controller.session_opened.connect(self.reload)
        controller.scores_changed.connect(self.reload)
        controller.decisions_changed.connect(self.refresh)
        controller.flags_changed.connect(self.update_flags)
        controller.busy_changed.connect(self._on_busy)
        self.reload()

    # -- structure ----------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        """New session or new scores: the rows the controller prepared, in queue order."""
        self._filler.stop()
        self.beginResetModel()
        old = self._rows
        self._rows, self._row_of = self._controller.queue_rows()
        self._shown = min(len(self._rows), FIRST_ROWS)
        self.endResetModel()
        # Freeing 100,000 rows at once takes ~85 ms in C, the window frozen meanwhile. When
        # this model held the last reference to them (the getrefcount call and ``old``
        # aside), nothing else can see the list: it is emptied a slice per turn instead.
        if len(old) > RELEASE_SLICE and sys.getrefcount(old) == 2:
            self._released += old
            old.clear()  # the rows live on in _released; this list goes empty
            self._releaser.start()
        if self._shown < len(self._rows):
            self._filler.start()
        else:
            self.filled.emit()

    @Slot()
    def _release_some(self) -> None:
        del self._released[-RELEASE_SLICE:]
        if not self._released:
            self._releaser.stop()

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        if not busy and not self.is_filled():
            self._filler.start()
        self.waiting_changed.emit()

    def waiting(self) -> bool:
        """Are rows waiting for a job to end?"""
        return not self.is_filled() and self._controller.is_busy()

    @Slot()
    def _add_chunk(self) -> None:
        if self._controller.is_busy():  # the rest when the job ends (see the class)
            self._filler.stop()
            return
        first, last = self._shown, min(len(self._rows), self._shown + CHUNK_ROWS) - 1
        self.beginInsertRows(QModelIndex(), first, last)
        self._shown = last + 1
        self.endInsertRows()
        if self._shown == len(self._rows):
            self._filler.stop()
            self.filled.emit()

    def total(self) -> int:
        """Every row there is, given to the views or still to come."""
        return len(self._rows)

    def is_filled(self) -> bool:
        return self._shown == len(self._rows)

    @Slot(list)
    def refresh(self, keys: list[Key]) -> None:
        """A decision changed: read the state of these rows again."""
        rows = sorted(self._row_of[k] for k in keys if k in self._row_of)
        for r in rows:
            self._rows[r].state = None
        self._emit_changed(rows)

    @Slot(list)
    def update_flags(self, keys: list[Key]) -> None:
        """A threshold moved: these rows' automatic flags changed (their order has not: the
        priority is the highest score, whatever the thresholds)."""
        rows = sorted(self._row_of[k] for k in keys if k in self._row_of)
        for r in rows:
            row = self._rows[r]
            row.set_score(self._controller.score(row.key))
        self._emit_changed(rows)

    def _emit_changed(self, rows: list[int]) -> None:
        """dataChanged for sorted ``rows`` given to views, one signal per run of adjacent
        rows (rows still to come are read when they come)."""
        rows = [r for r in rows if r < self._shown]
        last = self.columnCount() - 1
        start = prev = None
        for r in [*rows, None]:
            if start is not None and (r is None or r != prev + 1):
                self.dataChanged.emit(self.index(start, 0), self.index(prev, last))
                start = None
            if r is not None and start is None:
                start = r
            prev = r

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def row(self, row: int) -> QueueRow:
        return self._rows[row]

    def state(self, row: int) -> RowState:
        r = self._rows[row]
        if r.state is None:
            r.state = self._controller.state(r.key)
        return r.state

    def key_at(self, row: int) -> Key:
        return self._rows[row].key

    def row_of(self, key: Key) -> int | None:
        row = self._row_of.get(key)
        return row if row is not None and row < self._shown else None

    def keys(self) -> list[Key]:
        return [r.key for r in self._rows[:self._shown]]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(Column):
                return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- data ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        r = self._rows[index.row()]
        column = Column(index.column())
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return self.display(index.row(), column)
            case Role.KEY:
                return r.key
            case Role.PRIORITY:
                return r.priority
            case Role.FLAGS:
                return r.flags
            case Role.SCORES:
                return dict(r.score.scores) if r.score else {}
            case Role.STATE:
                return self.state(index.row())
            case Role.SORT:
                return self.sort_value(index.row(), column)
            case Role.SEARCH:
                return r.search
            case Role.THREAD:
                return r.key[0]
            case Role.POSITION:
                return r.position
            case Qt.ItemDataRole.ForegroundRole:
                return self._foreground(index.row(), column)
            case Qt.ItemDataRole.TextAlignmentRole if column is Column.PRIORITY:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            case Qt.ItemDataRole.ToolTipRole if column is Column.WHY and r.score:
                return rich_tooltip("\n".join(
                    f"{h.rule_id} +{h.points}: {h.reason}" for h in r.score.hits))
        return None

    def display(self, row: int, column: Column) -> str:
        r = self._rows[row]
        match column:
            case Column.PRIORITY:
                if r.score is None:
                    return "…"  # not scored yet
                return str(r.priority) if r.priority else "·"
            case Column.FLAGS:
                return flags_text(r.score)
            case Column.STATUS:
                return self.state(row).text
            case Column.WHY:
                return top_reason(r.score)
            case Column.AUTHOR:
                return r.comment.author
            case Column.POSTED:
                return short_time(r.comment)
            case Column.TEXT:
                return one_line(r.comment.body) if r.comment.body.strip() else "(empty)"
        return ""

    def sort_value(self, row: int, column: Column) -> Any:
        """A value of one type per column, for the proxy's comparisons."""
        r = self._rows[row]
        match column:
            case Column.PRIORITY:
                return r.priority
            case Column.FLAGS:
                return len(r.flags) * 1000 + r.priority
            case Column.POSTED:
                return r.comment.posted_at or r.comment.posted_at_raw
            case Column.STATUS:
                return self.state(row).text
        return self.display(row, column).casefold()

    def _foreground(self, row: int, column: Column) -> Any:
        r = self._rows[row]
        if column is Column.STATUS:
            return action_color(self.state(row).action)
        if column is Column.PRIORITY and r.score and r.flags:
            return category_color(max(r.flags, key=r.score.score))
        return None
