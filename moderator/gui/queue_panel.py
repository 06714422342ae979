"""The queue: a filter bar (thread, flag, status, search) over a sortable table of comments.

It knows rows and keys, not decisions: the review flow asks it what is selected and where to go
next, and tells it what to select.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator.core import Thread
from moderator.gui.chips import FlagsDelegate
from moderator.gui.keys import guard_typing
from moderator.gui.queue_model import Column, QueueModel, Role
from moderator.gui.queue_proxy import QueueProxy
from moderator.gui.status import CategoryFilter, StatusFilter

Key = tuple[str, str]
ALL_THREADS = "All threads"
COLUMN_WIDTHS = {Column.PRIORITY: 62, Column.FLAGS: 140, Column.STATUS: 185, Column.AUTHOR: 115,
                 Column.POSTED: 118, Column.WHY: 255}

_SELECT_ROWS = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)


class QueuePanel(QWidget):
    current_changed = Signal(object)  # the key under the cursor, or None
    search_done = Signal()  # Enter in the search box

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QueueProxy(self)
        self.proxy.setSourceModel(model)
        self._build_filters()
        self._build_view()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._filters)
        layout.addWidget(self.view, 1)

    def _build_filters(self) -> None:
        self.thread_combo = QComboBox()
        self.thread_combo.setObjectName("threadFilter")
        self.thread_combo.currentIndexChanged.connect(self._on_thread_chosen)
        self.thread_combo.hide()
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryFilter")
        for f in CategoryFilter:
            self.category_combo.addItem(f.value, f)
        self.category_combo.currentIndexChanged.connect(self._on_category_chosen)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        for f in StatusFilter:
            self.status_combo.addItem(f.value, f)
        self.status_combo.currentIndexChanged.connect(self._on_status_chosen)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Search text or author  ( / )")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_search)
        self.search_edit.returnPressed.connect(self.search_done)
        guard_typing(self.search_edit, frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down}))
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownCount")
        self._filters = QHBoxLayout()
        self._filters.setContentsMargins(0, 0, 0, 0)
        self._filters.addWidget(self.thread_combo)
        self._filters.addWidget(QLabel("Flag:"))
        self._filters.addWidget(self.category_combo)
        self._filters.addWidget(QLabel("Status:"))
        self._filters.addWidget(self.status_combo)
        self._filters.addWidget(self.search_edit, 1)
        self._filters.addWidget(self.shown_label)

    def _build_view(self) -> None:
        view = QTableView(self)
        view.setObjectName("queue")
        view.setModel(self.proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setSortingEnabled(True)
        view.sortByColumn(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setShowGrid(False)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(26)
        view.setItemDelegateForColumn(Column.FLAGS, FlagsDelegate(view))
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in COLUMN_WIDTHS.items():
            view.setColumnWidth(column, width)
        view.selectionModel().currentRowChanged.connect(self._on_current_row)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged, self.model.waiting_changed):
            signal.connect(self._update_shown)
        self.view = view

    # -- filters ------------------------------------------------------------------------------
    def set_threads(self, threads: Iterable[Thread], label_of: dict[str, str]) -> None:
        """A thread chooser for files of several threads; hidden for one."""
        threads = list(threads)
        self.thread_combo.blockSignals(True)
        self.thread_combo.clear()
        self.thread_combo.addItem(ALL_THREADS, None)
        for t in threads:
            self.thread_combo.addItem(f"{label_of.get(t.id, t.id)} ({len(t)})", t.id)
        self.thread_combo.setCurrentIndex(0)
        self.thread_combo.blockSignals(False)
        self.thread_combo.setVisible(len(threads) > 1)
        self.proxy.set_thread(None)

    @Slot(int)
    def _on_thread_chosen(self, _index: int) -> None:
        self.proxy.set_thread(self.thread_combo.currentData())

    @Slot(int)
    def _on_category_chosen(self, _index: int) -> None:
        self.proxy.set_category(self.category_combo.currentData())

    @Slot(int)
    def _on_status_chosen(self, _index: int) -> None:
        self.proxy.set_status(self.status_combo.currentData())

    def set_category_filter(self, value: CategoryFilter) -> None:
        self.category_combo.setCurrentIndex(self.category_combo.findData(value))

    def set_status_filter(self, value: StatusFilter) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(value))

    @Slot()
    def _update_shown(self) -> None:
        total = self.model.total()
        more = total - self.model.rowCount()
        self.shown_label.setText(f"{self.proxy.rowCount()} of {total} shown" + (
            f" ({more} more once scoring ends)" if more and self.model.waiting() else ""))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def focus_queue(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- rows and keys ------------------------------------------------------------------------
    def key_at(self, row: int) -> Key | None:
        index = self.proxy.index(row, 0)
        return index.data(Role.KEY) if index.isValid() else None

    def row_of(self, key: Key) -> int | None:
        source_row = self.model.row_of(key)
        if source_row is None:
            return None
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        return index.row() if index.isValid() else None

    def current_key(self) -> Key | None:
        index = self.view.currentIndex()
        return index.data(Role.KEY) if index.isValid() else None

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.view.selectionModel().selectedRows())

    def selected_keys(self) -> list[Key]:
        """Selected comments in the queue's order."""
        return [k for r in self.selected_rows() if (k := self.key_at(r)) is not None]

    def visible_keys(self) -> list[Key]:
        return [k for r in range(self.proxy.rowCount()) if (k := self.key_at(r)) is not None]

    def select_keys(self, keys: Iterable[Key], current: Key | None = None) -> bool:
        """Select the rows of ``keys`` that the queue shows; the cursor goes to ``current``
        (or the first). False when none is shown."""
        rows = [r for k in keys if (r := self.row_of(k)) is not None]
        if not rows:
            return False
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        for r in rows:
            selection.select(self.proxy.index(r, 0), self.proxy.index(r, last))
        cursor_row = self.row_of(current) if current is not None else None
        cursor_row = rows[0] if cursor_row is None else cursor_row
        sm = self.view.selectionModel()
        sm.setCurrentIndex(self.proxy.index(cursor_row, 0),
                           QItemSelectionModel.SelectionFlag.NoUpdate)
        sm.select(selection, _SELECT_ROWS)
        self.view.scrollTo(self.proxy.index(cursor_row, 0))
        return True

    def select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            key = self.key_at(row)
            if key is not None:
                self.select_keys([key])

    def step(self, delta: int) -> None:
        """Move the cursor ``delta`` rows (and select only that row)."""
        if self.proxy.rowCount() == 0:
            return
        current = self.view.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        self.select_row(max(0, min(self.proxy.rowCount() - 1, row)))

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(current.data(Role.KEY) if current.isValid() else None)
