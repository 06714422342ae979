"""The rule breakdown of one comment: rule, category, points and reason, strongest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from moderator.core import CommentScore, Hit
from moderator.gui.colors import category_color, category_tint
from moderator.gui.queue_model import rich_tooltip

Index = QModelIndex | QPersistentModelIndex


class BreakdownColumn(IntEnum):
    RULE = 0
    CATEGORY = 1
    POINTS = 2
    REASON = 3


BREAKDOWN_HEADERS = ("Rule", "Category", "Points", "Reason")


class BreakdownModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._flagged: frozenset = frozenset()

    def set_score(self, score: CommentScore | None) -> None:
        self.beginResetModel()
        self._hits = sorted(score.hits, key=lambda h: (-h.points, h.rule_id)) if score else []
        self._flagged = score.flags if score else frozenset()
        self.endResetModel()

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BreakdownColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(BREAKDOWN_HEADERS):
                return BREAKDOWN_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = BreakdownColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case BreakdownColumn.RULE:
                    return hit.rule_id
                case BreakdownColumn.CATEGORY:
                    return hit.category.label
                case BreakdownColumn.POINTS:
                    return f"+{hit.points}"
                case BreakdownColumn.REASON:
                    return hit.reason
        if role == Qt.ItemDataRole.ForegroundRole and column in (BreakdownColumn.CATEGORY,
                                                                 BreakdownColumn.POINTS):
            return category_color(hit.category)
        if role == Qt.ItemDataRole.BackgroundRole and column is BreakdownColumn.CATEGORY:
            return category_tint(hit.category)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is BreakdownColumn.POINTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is BreakdownColumn.REASON:
            return rich_tooltip(hit.reason)
        return None
