"""The thread as a tree: replies under their parent, for context. With several threads in the
file, each thread is a top-level node.

A file of more than :data:`FOCUS_ABOVE` comments shows one conversation at a time (the
top-level comment the current one belongs to, with all its replies): ``QTreeView`` lays out
every top-level row through this model, a few Python calls each, which at 100,000 comments
froze the window for a second on every refresh. :meth:`ThreadTreeModel.focus` follows the
review flow's current comment.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QFont

from moderator.gui.colors import action_color, category_color
from moderator.gui.controller import ReviewController
from moderator.gui.queue_model import Role, flags_text, one_line
from moderator.gui.view_data import NO_PARENT, TreeData

Key = tuple[str, str]
Index = QModelIndex | QPersistentModelIndex

FOCUS_ABOVE = 5000  # comments in the file: more, and the tree shows the current conversation
BULK_CHANGE = 200  # changed comments beyond which the tree is refreshed as a whole


class TreeColumn(IntEnum):
    COMMENT = 0
    FLAGS = 1
    STATUS = 2


COLUMNS = len(TreeColumn)
TREE_HEADERS = {TreeColumn.COMMENT: "Thread", TreeColumn.FLAGS: "Flags",
                TreeColumn.STATUS: "Decision"}
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_ROWS: list[int] = []


class ThreadTreeModel(QAbstractItemModel):
    """Node ids (indexes into flat lists) travel in ``internalId``: no Python pointers."""

    def __init__(self, controller: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._tree = TreeData()
        self._focused = False
        self._top: list[int] = []
        controller.session_opened.connect(self.reload)
        controller.decisions_changed.connect(self.refresh)
        controller.flags_changed.connect(self.refresh)
        controller.scores_changed.connect(self.refresh_all)
        self.reload()

    @Slot()
    def reload(self) -> None:
        """A new session: the structure the controller prepared in the background."""
        self.beginResetModel()
        self._tree = self._controller.tree_data()
        self._thread_labels = {t.id: f"{self._controller.thread_label(t)} ({len(t)})"
                               for t in self._controller.threads()}
        self._focused = len(self._tree.node_of) > FOCUS_ABOVE
        self._top = [] if self._focused else self._tree.top
        self.endResetModel()

    def is_focused(self) -> bool:
        """True when the tree shows one conversation at a time (a large file)."""
        return self._focused

    def focus(self, key: Key) -> None:
        """Show the conversation of ``key`` (a large file; otherwise everything is shown)."""
        nid = self._tree.node_of.get(key)
        if not self._focused or nid is None:
            return
        root = self._conversation(nid)
        if self._top != [root]:
            self.beginResetModel()
            self._top = [root]
            self.endResetModel()

    def _conversation(self, nid: int) -> int:
        tree = self._tree
        while (pid := tree.parent[nid]) != NO_PARENT and tree.key[pid] is not None:
            nid = pid
        return nid

    def shown_count(self) -> int:
        """Comments the tree can show now (the whole file, or the conversation in focus)."""
        if not self._focused:
            return len(self._tree.key)
        count, stack = 0, list(self._top)
        while stack:
            count += 1
            stack += self._tree.children.get(stack.pop(), _NO_ROWS)
        return count

    @Slot(list)
    def refresh(self, keys: list[Key]) -> None:
        """These comments' flags or decisions changed (many at once: see :meth:`refresh_all`)."""
        if len(keys) > BULK_CHANGE:
            self.refresh_all()
            return
        for key in keys:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index.siblingAtColumn(TreeColumn.FLAGS),
                                      index.siblingAtColumn(TreeColumn.STATUS))

    @Slot()
    def refresh_all(self) -> None:
        """Every node's flags may have changed, the structure has not. Announced as a reset:
        one dataChanged per list of siblings costs QTreeView a search each (seconds at
        100,000 comments); the review flow puts the expansion and the selection back."""
        self.beginResetModel()
        self.endResetModel()

    def index_of(self, key: Key) -> QModelIndex:
        nid = self._tree.node_of.get(key)
        if nid is None or (self._focused and self._conversation(nid) not in self._top):
            return QModelIndex()
        return self.createIndex(self._row(nid), 0, nid)

    def key_of(self, index: Index) -> Key | None:
        return self._tree.key[index.internalId()] if index.isValid() else None

    # -- structure ----------------------------------------------------------------------------
    def _row(self, nid: int) -> int:
        return 0 if self._focused and nid in self._top else self._tree.row[nid]

    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._top
        if parent.column() != 0:
            return _NO_ROWS
        return self._tree.children.get(parent.internalId(), _NO_ROWS)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        nid = index.internalId()
        pid = self._tree.parent[nid]
        if pid == NO_PARENT or (self._focused and nid in self._top):
            return QModelIndex()
        return self.createIndex(self._row(pid), 0, pid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return bool(self._children(parent))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < COLUMNS:
                if section == TreeColumn.COMMENT and self._focused:
                    return "Conversation"
                return TREE_HEADERS[TreeColumn(section)]
        return None

    # -- data ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        nid = index.internalId()
        column = TreeColumn(index.column())
        key = self._tree.key[nid]
        if key is None:
            return self._thread_data(self._tree.thread_of[nid], column, role)
        ctl = self._controller
        if role == Role.KEY:
            return key
        if role == Qt.ItemDataRole.DisplayRole:
            comment = ctl.comment(key)
            if comment is None:
                return ""
            match column:
                case TreeColumn.COMMENT:
                    body = one_line(comment.body, 90) or "(empty)"
                    return f"{comment.author or comment.id}: {body}"
                case TreeColumn.FLAGS:
                    return flags_text(ctl.score(key))
                case TreeColumn.STATUS:
                    return ctl.state(key).short_text
        if role == Qt.ItemDataRole.ForegroundRole:
            if column is TreeColumn.STATUS:
                return action_color(ctl.state(key).action)
            score = ctl.score(key)
            if column is TreeColumn.FLAGS and score and score.flags:
                return category_color(max(score.flags, key=score.score))
        return None

    def _thread_data(self, thread_id: str, column: TreeColumn, role: int) -> Any:
        if column is not TreeColumn.COMMENT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._thread_labels.get(thread_id, thread_id)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None
