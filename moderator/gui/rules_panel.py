"""The rules panel: a moderator owns the rules. Per category, the threshold over a histogram of
the open thread's scores (a move re-flags the queue at once); the rules with their switch, their
points and how often reviewers overrode their flags in this session (a switch or points change
re-scores in the background); and the rules file: open, reload, save as.

Rule changes are not decisions: no decision is dropped or changed by them, and they are not on
the undo stack. Everything goes through the controller.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator.core import Category
from moderator.gui.controller import ReviewController
from moderator.gui.keys import guard_typing
from moderator.gui.rules_model import RuleColumn, RulesModel
from moderator.gui.threshold_editor import ThresholdEditor

STATS_AFTER_MS = 300  # decisions come in bursts: the per-rule counts follow after a pause
RULE_WIDTHS = {RuleColumn.ON: 34, RuleColumn.RULE: 190, RuleColumn.POINTS: 52,
               RuleColumn.UPHELD: 56, RuleColumn.OVERRIDDEN: 78, RuleColumn.RATE: 92}
STATS_HINT = ("Upheld / overridden: what the reviewers made of each rule's flags in this "
              "session. ⚠ marks a rule overridden more often than not.")


class PointsDelegate(QStyledItemDelegate):
    """Points from 0 to 100; typing digits never toggles a label on the comment on show."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index) -> QWidget:  # noqa: ANN001 - a model index
        editor = QSpinBox(parent)
        editor.setRange(0, 100)
        editor.setFrame(False)
        guard_typing(editor)
        return editor


class RulesPanel(QWidget):
    def __init__(self, controller: ReviewController, file_actions: list[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesPanel")
        self.controller = controller
        self.source_label = QLabel()
        self.source_label.setObjectName("rulesSource")
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)
        self.source_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in file_actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.editors = {c: ThresholdEditor(c) for c in Category}
        thresholds = QGroupBox("Thresholds: a comment is flagged from this score")
        box = QVBoxLayout(thresholds)
        for editor in self.editors.values():
            editor.chosen.connect(self._on_threshold_chosen)
            box.addWidget(editor)

        self.model = RulesModel(controller, self)
        self.table = self._build_table()
        hint = QLabel(STATS_HINT)
        hint.setObjectName("statsHint")
        hint.setWordWrap(True)
        rules = QGroupBox("Rules: switch, points, and how often reviewers overrode them")
        rules_box = QVBoxLayout(rules)
        rules_box.addWidget(self.table)
        rules_box.addWidget(hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.source_label)
        layout.addLayout(buttons)
        layout.addWidget(thresholds)
        layout.addWidget(rules, 1)

        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(STATS_AFTER_MS)
        self._stats_timer.timeout.connect(self.refresh_stats)
        controller.rules_changed.connect(self.refresh)
        for signal in (controller.session_opened, controller.scores_changed):
            signal.connect(self.refresh)
            signal.connect(self._stats_timer.start)
        controller.flags_changed.connect(self.refresh)
        controller.decisions_changed.connect(self._stats_timer.start)
        self.refresh()

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("rulesTable")
        table.setModel(self.model)
        table.setItemDelegateForColumn(RuleColumn.POINTS, PointsDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.SelectedClicked)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in RULE_WIDTHS.items():  # never narrower than the column's title
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        header.setSectionResizeMode(RuleColumn.ON, QHeaderView.ResizeMode.Fixed)
        return table

    # -- following the controller -------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Thresholds in force, the histograms and the rules file's name."""
        ctl = self.controller
        config = ctl.rules_config()
        index = ctl.score_index()
        for category, editor in self.editors.items():
            applied = config.thresholds.get(category, 50) if config else 50
            editor.set_state(applied, index)
        self.source_label.setText(self.source_text())

    def source_text(self) -> str:
        ctl = self.controller
        path = ctl.rules_path()
        where = f"Rules: {Path(path).name} over the defaults" if path else \
            "Rules: the defaults"
        if ctl.rules_dirty():
            where += " · changed here, not saved (Save rules as… keeps them)"
        return where

    @Slot()
    def refresh_stats(self) -> None:
        """Per-rule upheld / overridden counts (read when the panel is on show)."""
        if self.isVisible():
            self.model.set_stats(self.controller.rule_stats())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._stats_timer.start()

    @Slot(object, int)
    def _on_threshold_chosen(self, category: Category, value: int) -> None:
        self.controller.set_threshold(category, value)
