"""The thread as a tree: replies under their parent, for context. With several threads in the
file, each thread is a top-level node."""

from __future__ import annotations

from dataclasses import dataclass, field
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

Key = tuple[str, str]
Index = QModelIndex | QPersistentModelIndex

NO_PARENT = -1


class TreeColumn(IntEnum):
    COMMENT = 0
    FLAGS = 1
    STATUS = 2


TREE_HEADERS = {TreeColumn.COMMENT: "Thread", TreeColumn.FLAGS: "Flags",
                TreeColumn.STATUS: "Decision"}


@dataclass
class _Node:
    thread_id: str
    key: Key | None  # None for a thread node
    parent: int  # node id of the parent, NO_PARENT at the top
    row: int
    children: list[int] = field(default_factory=list)


class ThreadTreeModel(QAbstractItemModel):
    """Node ids (indexes into a flat list) travel in ``internalId``: no Python pointers."""

    def __init__(self, controller: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._node_of: dict[Key, int] = {}
        controller.session_opened.connect(self.reload)
        controller.decisions_changed.connect(self.refresh)
        controller.scores_changed.connect(self.refresh_all)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.beginResetModel()
        self._nodes, self._top, self._node_of = [], [], {}
        threads = self._controller.threads()
        several = len(threads) > 1
        for thread in threads:
            base = NO_PARENT
            if several:
                base = self._add(_Node(thread.id, None, NO_PARENT, 0))
            for c in thread.comments:
                parent = self._node_of.get((thread.id, c.parent_id), base) if c.parent_id \
                    else base
                self._node_of[(thread.id, c.id)] = self._add(
                    _Node(thread.id, (thread.id, c.id), parent, 0))
        self.endResetModel()

    def _add(self, node: _Node) -> int:
        nid = len(self._nodes)
        siblings = self._top if node.parent == NO_PARENT else self._nodes[node.parent].children
        node.row = len(siblings)
        siblings.append(nid)
        self._nodes.append(node)
        return nid

    @Slot(list)
    def refresh(self, keys: list[Key]) -> None:
        for key in keys:
            index = self.index_of(key)
            if index.isValid():
                self.dataChanged.emit(index.siblingAtColumn(TreeColumn.FLAGS),
                                      index.siblingAtColumn(TreeColumn.STATUS))

    @Slot()
    def refresh_all(self) -> None:
        """New scores: every node's flags may have changed (the structure has not): one
        dataChanged per list of siblings."""
        for children in [self._top, *(n.children for n in self._nodes)]:
            if children:
                first, last = children[0], children[-1]
                self.dataChanged.emit(self.createIndex(0, TreeColumn.FLAGS, first),
                     self.createIndex(len(children) - 1, TreeColumn.STATUS, last))

    def index_of(self, key: Key) -> QModelIndex:
        nid = self._node_of.get(key)
        if nid is None:
            return QModelIndex()
        return self.createIndex(self._nodes[nid].row, 0, nid)

    def key_of(self, index: Index) -> Key | None:
        return self._nodes[index.internalId()].key if index.isValid() else None

    # -- structure ----------------------------------------------------------------------------
    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._top
        if parent.column() != 0:
            return []
        return self._nodes[parent.internalId()].children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(TreeColumn)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        pid = self._nodes[index.internalId()].parent
        if pid == NO_PARENT:
            return QModelIndex()
        return self.createIndex(self._nodes[pid].row, 0, pid)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(TreeColumn)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return bool(self._children(parent))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(TreeColumn):
                return TREE_HEADERS[TreeColumn(section)]
        return None

    # -- data ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        column = TreeColumn(index.column())
        if node.key is None:
            return self._thread_data(node, column, role)
        key = node.key
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

    def _thread_data(self, node: _Node, column: TreeColumn, role: int) -> Any:
        if column is not TreeColumn.COMMENT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            for t in self._controller.threads():
                if t.id == node.thread_id:
                    return f"{self._controller.thread_label(t)} ({len(t)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None
