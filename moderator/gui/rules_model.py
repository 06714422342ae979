"""The rules in force as a table: switch, points, and what the reviewers made of each rule's
flags in this session (upheld or overridden), so a noisy rule stands out. Switching a rule or
changing its points goes to the controller, which re-scores in the background."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QFont

from moderator.core import Category
from moderator.gui.colors import REMOVED_HEX, category_color
from moderator.gui.controller import ReviewController
from moderator.gui.queue_model import rich_tooltip
from moderator.rules.catalog import rule_infos
from moderator.session.stats import RuleStats

Index = QModelIndex | QPersistentModelIndex

NOISY_RATE = 0.5  # overridden at least this share of the time ...
NOISY_MIN = 3  # ... over at least this many decided flags: the rule stands out


class RuleColumn(IntEnum):
    ON = 0
    RULE = 1
    POINTS = 2
    UPHELD = 3
    OVERRIDDEN = 4
    RATE = 5
    SUMMARY = 6


RULE_HEADERS = {RuleColumn.ON: "On", RuleColumn.RULE: "Rule", RuleColumn.POINTS: "Points",
                RuleColumn.UPHELD: "Upheld", RuleColumn.OVERRIDDEN: "Overridden",
                RuleColumn.RATE: "Overridden %", RuleColumn.SUMMARY: "What it catches"}
HEADER_TIPS = {
    RuleColumn.ON: "Switch the rule on or off (the thread is re-scored)",
    RuleColumn.POINTS: "Points the rule adds to its category's score (double-click to edit)",
    RuleColumn.UPHELD: "Flags of this rule the reviewer let stand in this session",
    RuleColumn.OVERRIDDEN: "Flags of this rule the reviewer took away in this session",
    RuleColumn.RATE: f"Overridden / decided; a rule overridden {NOISY_RATE:.0%} of the time "
                     f"or more (over {NOISY_MIN}+ flags) is marked as noisy",
}
_NUMBERS = {RuleColumn.POINTS, RuleColumn.UPHELD, RuleColumn.OVERRIDDEN, RuleColumn.RATE}


@dataclass(frozen=True)
class RuleRow:
    id: str
    category: Category
    points: int
    enabled: bool
    summary: str
    custom: bool = False


def is_noisy(stats: RuleStats | None) -> bool:
    return stats is not None and stats.decided >= NOISY_MIN and \
        stats.override_rate >= NOISY_RATE


class RulesModel(QAbstractTableModel):
    def __init__(self, controller: ReviewController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._rows: list[RuleRow] = []
        self._stats: dict[str, RuleStats] = {}
        controller.rules_changed.connect(self.reload)
        self.reload()

    def rule_rows(self) -> list[RuleRow]:
        config = self._controller.rules_config()
        if config is None:
            return []
        rows = [RuleRow(i.id, i.category, i.points, i.enabled, i.summary)
                for i in rule_infos(config)]
        rows += [RuleRow(p.id, p.category, p.points, p.enabled, p.reason, custom=True)
                 for p in config.patterns]
        return rows

    @Slot()
    def reload(self) -> None:
        """The rules changed: the same rules only re-read (dataChanged), others reset."""
        rows = self.rule_rows()
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        for i, (a, b) in enumerate(zip(old, rows, strict=True)):
            if a != b:
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(RuleColumn) - 1))

    def set_stats(self, stats: dict[str, RuleStats]) -> None:
        if stats == self._stats:
            return
        self._stats = stats
        if self._rows:
            self.dataChanged.emit(self.index(0, RuleColumn.UPHELD),
                                  self.index(len(self._rows) - 1, RuleColumn.RATE))

    def stats(self, rule_id: str) -> RuleStats | None:
        return self._stats.get(rule_id)

    def row_of(self, rule_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == rule_id), None)

    def rule(self, row: int) -> RuleRow:
        return self._rows[row]

    # -- the model ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RuleColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(RuleColumn):
            return None
        column = RuleColumn(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return RULE_HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == RuleColumn.ON:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == RuleColumn.POINTS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = RuleColumn(index.column())
        stats = self._stats.get(r.id)
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return self.display(r, column, stats)
            case Qt.ItemDataRole.EditRole if column is RuleColumn.POINTS:
                return r.points
            case Qt.ItemDataRole.CheckStateRole if column is RuleColumn.ON:
                return Qt.CheckState.Checked if r.enabled else Qt.CheckState.Unchecked
            case Qt.ItemDataRole.ToolTipRole:  # a pattern's reason is the user's own text
                return rich_tooltip(self.tooltip(r, stats))
            case Qt.ItemDataRole.ForegroundRole:
                return self._foreground(r, column, stats)
            case Qt.ItemDataRole.FontRole if column is RuleColumn.RATE and is_noisy(stats):
                font = QFont()
                font.setBold(True)
                return font
            case Qt.ItemDataRole.TextAlignmentRole if column in _NUMBERS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, r: RuleRow, column: RuleColumn, stats: RuleStats | None) -> str:
        match column:
            case RuleColumn.RULE:
                return r.id
            case RuleColumn.POINTS:
                return str(r.points)
            case RuleColumn.UPHELD:
                return str(stats.upheld) if stats else ""
            case RuleColumn.OVERRIDDEN:
                return str(stats.overridden) if stats else ""
            case RuleColumn.RATE:
                if not stats or not stats.decided:
                    return ""
                return ("⚠ " if is_noisy(stats) else "") + f"{stats.override_rate:.0%}"
            case RuleColumn.SUMMARY:
                return r.summary
        return ""

    def tooltip(self, r: RuleRow, stats: RuleStats | None) -> str:
        lines = [f"{r.id} ({r.category.label}{', your pattern' if r.custom else ''})",
                 r.summary]
        if not r.enabled:
            lines.append("Switched off: it adds no points.")
        if stats and stats.decided:
            lines.append(f"This session: {stats.upheld} of its flags upheld, "
                         f"{stats.overridden} overridden ({stats.override_rate:.0%}).")
            if is_noisy(stats):
                lines.append("Reviewers override it more often than not: fewer points, or "
                             "switch it off?")
        return "\n".join(lines)

    def _foreground(self, r: RuleRow, column: RuleColumn, stats: RuleStats | None) -> Any:
        if not r.enabled and column is not RuleColumn.RATE:
            return QColor("#9aa0a6")
        if column is RuleColumn.RULE:
            return category_color(r.category)
        if column is RuleColumn.RATE and is_noisy(stats):
            return QColor(REMOVED_HEX)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        rule_id = self._rows[index.row()].id
        if index.column() == RuleColumn.ON and role == Qt.ItemDataRole.CheckStateRole:
            state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
            self._controller.set_rule(rule_id, enabled=state == Qt.CheckState.Checked)
            return True
        if index.column() == RuleColumn.POINTS and role == Qt.ItemDataRole.EditRole:
            try:
                points = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= points <= 100:
                return False
            self._controller.set_rule(rule_id, points=points)
            return True
        return False
