"""The main window: composition only. It builds the panes, the actions and the menus and
connects them; what the actions do lives in :mod:`.review_flow` and :mod:`.file_flow`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTreeView,
    QWidget,
)

from moderator.gui.actions import SHORTCUTS, ActionId, Group, create_actions
from moderator.gui.controller import ReviewController
from moderator.gui.detail_pane import DetailPane
from moderator.gui.file_flow import FileFlow, dropped_path
from moderator.gui.help_overlay import HelpOverlay
from moderator.gui.keys import guard_typing
from moderator.gui.messages import show_error
from moderator.gui.queue_model import QueueModel
from moderator.gui.queue_panel import QueuePanel
from moderator.gui.review_flow import ReviewFlow
from moderator.gui.rules_panel import RulesPanel
from moderator.gui.settings import AppSettings, SettingKey
from moderator.gui.status_bar import ReviewStatusBar
from moderator.gui.tree_model import ThreadTreeModel, TreeColumn

APP_TITLE = "Moderator"
MENU_ORDER = (Group.FILE, Group.EDIT, Group.DECIDE, Group.MOVE, Group.VIEW, Group.HELP)
MENU_TITLES = {Group.FILE: "&File", Group.EDIT: "&Edit", Group.DECIDE: "&Review",
               Group.MOVE: "&Go", Group.VIEW: "&View", Group.HELP: "&Help"}
RULES_FILE_ACTIONS = (ActionId.OPEN_RULES, ActionId.RELOAD_RULES, ActionId.SAVE_RULES)
TREE_WIDTHS = {TreeColumn.FLAGS: 118, TreeColumn.STATUS: 72}
SEPARATE_BEFORE = {ActionId.EXPORT, ActionId.CANCEL, ActionId.OPEN_RULES, ActionId.QUIT,
                   ActionId.REVIEWER, ActionId.RESET, ActionId.NOTE, ActionId.SELECT_CLUSTER,
                   ActionId.SEARCH}


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings | None = None,
                 controller: ReviewController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self.controller = controller or ReviewController(self.settings.reviewer(), self)
        self.last_message: QMessageBox | None = None
        self.setWindowTitle(APP_TITLE)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1400, 900)
        self._build_panes()
        self.actions_by_id = create_actions(self, self.controller.undo_stack)
        self._build_rules_dock()
        self.status = ReviewStatusBar(self)
        self.setStatusBar(self.status)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.flow = ReviewFlow(self.controller, self.queue, self.tree, self.tree_model,
                               self.detail, self)
        self.files = FileFlow(self, self.controller, self.settings, self.recent_menu)
        self.help_overlay = HelpOverlay(self)
        self._build_menus()
        self._connect()
        self._restore_layout()
        self._on_busy(False)

    # -- building -----------------------------------------------------------------------------
    def _build_panes(self) -> None:
        self.queue_model = QueueModel(self.controller, self)
        self.queue = QueuePanel(self.queue_model, self)
        self.detail = DetailPane(self)
        guard_typing(self.detail.note_edit)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([340, 520])
        self.setCentralWidget(self.splitter)

        self.tree_model = ThreadTreeModel(self.controller, self)
        self.tree = QTreeView()
        self.tree.setObjectName("threadTree")
        self.tree.setModel(self.tree_model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(12)  # a reply seven levels deep still shows its author
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TreeColumn.COMMENT, QHeaderView.ResizeMode.Stretch)
        for column, width in TREE_WIDTHS.items():  # not ResizeToContents: that reads 1,000
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)  # rows
            header.resizeSection(column, width)  # on every change, seconds at 10,000 comments
        self.tree_dock = QDockWidget("Thread", self)
        self.tree_dock.setObjectName("threadDock")
        self.tree_dock.setWidget(self.tree)
        self.tree_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                   | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                   | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)
        self.resizeDocks([self.tree_dock], [330], Qt.Orientation.Horizontal)

    def _build_rules_dock(self) -> None:
        """The rules panel in a dock on the right, hidden until R (or View ▸ Rules panel)."""
        self.rules_panel = RulesPanel(self.controller,
                                      [self.actions_by_id[a] for a in RULES_FILE_ACTIONS], self)
        self.rules_dock = QDockWidget("Rules", self)
        self.rules_dock.setObjectName("rulesDock")
        self.rules_dock.setWidget(self.rules_panel)
        self.rules_dock.setFeatures(self.tree_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.rules_dock)
        self.resizeDocks([self.rules_dock], [460], Qt.Orientation.Horizontal)
        self.rules_dock.hide()
        toggle = self.actions_by_id[ActionId.RULES_PANEL]
        toggle.toggled.connect(self.show_rules)
        self.rules_dock.toggleViewAction().toggled.connect(toggle.setChecked)  # closed by its
        # title bar's button, or shown by restoreState: the action follows

    @Slot(bool)
    def show_rules(self, show: bool = True) -> None:
        self.rules_dock.setVisible(show)
        if show:
            self.rules_dock.raise_()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for group in MENU_ORDER:
            menu = bar.addMenu(MENU_TITLES[group])
            for s in (x for x in SHORTCUTS if x.group is group):
                if s.id in SEPARATE_BEFORE:
                    menu.addSeparator()
                menu.addAction(self.actions_by_id[s.id])
                if s.id is ActionId.OPEN_SESSION:
                    menu.addMenu(self.recent_menu)
            if group is Group.VIEW:
                menu.addAction(self.tree_dock.toggleViewAction())
        self.addActions(list(self.actions_by_id.values()))  # shortcuts work with menus hidden

    def _connect(self) -> None:
        a, flow, files = self.actions_by_id, self.flow, self.files
        slots = {
            ActionId.NEXT: flow.next, ActionId.PREVIOUS: flow.previous,
            ActionId.SELECT_CLUSTER: flow.select_cluster, ActionId.SELECT_ALL: flow.select_all,
            ActionId.SEARCH: flow.search, ActionId.FOCUS_QUEUE: self.back_to_queue,
            ActionId.ACCEPT: flow.accept, ActionId.KEEP: flow.keep, ActionId.REMOVE: flow.remove,
            ActionId.TOGGLE_INSULT: flow.toggle_insult,
            ActionId.TOGGLE_OFF_TOPIC: flow.toggle_off_topic,
            ActionId.TOGGLE_DUPLICATE: flow.toggle_duplicate,
            ActionId.RESET: flow.reset, ActionId.NOTE: flow.edit_note,
            ActionId.SAVE_NOTE: flow.save_note, ActionId.OPEN: files.open_dialog,
            ActionId.OPEN_SESSION: files.open_session_dialog, ActionId.EXPORT: files.export_dialog,
            ActionId.REVIEWER: files.reviewer_dialog, ActionId.CANCEL: self.controller.cancel,
            ActionId.OPEN_RULES: files.open_rules_dialog,
            ActionId.RELOAD_RULES: files.reload_rules, ActionId.SAVE_RULES: files.save_rules_dialog,
            ActionId.HELP: self.help_overlay.toggle, ActionId.QUIT: self.close,
        }
        for action_id, slot in slots.items():
            a[action_id].triggered.connect(slot)
        ctl = self.controller
        ctl.counts_changed.connect(self.status.set_counts)
        ctl.busy_changed.connect(self._on_busy)
        ctl.progress.connect(self.status.set_progress)
        ctl.notice.connect(self.status.notify)
        ctl.error.connect(self.show_error)
        ctl.session_opened.connect(self._on_session_opened)
        self.status.cancel_requested.connect(ctl.cancel)

    # -- reacting -----------------------------------------------------------------------------
    @Slot(str, str)
    def show_error(self, title: str, text: str) -> None:
        self.last_message = show_error(self, title, text)

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.status.set_busy(busy)
        self.actions_by_id[ActionId.CANCEL].setEnabled(busy)

    @Slot()
    def _on_session_opened(self) -> None:
        source = Path(self.controller.source_path())
        self.setWindowTitle(f"{source.name} — {APP_TITLE}")

    @Slot()
    def back_to_queue(self) -> None:
        if self.help_overlay.isVisible():
            self.help_overlay.hide()
        self.flow.focus_queue()

    def open_path(self, path: str | Path, *, session_path: str | None = None,
                  fmt: str | None = None, rules: str | None = None) -> None:
        """Open a thread (in the background); the current session stays until it is ready."""
        self.flow.flush_note()
        self.files.open_path(path, session_path=session_path, fmt=fmt, rules=rules)

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_path(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_path(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_path(path)

    # -- layout -------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        s = self.settings
        if (geometry := s.layout(SettingKey.GEOMETRY)) is not None:
            self.restoreGeometry(geometry)
        if (state := s.layout(SettingKey.WINDOW_STATE)) is not None:
            self.restoreState(state)
        if (sizes := s.layout(SettingKey.MAIN_SPLITTER)) is not None:
            self.splitter.restoreState(sizes)
        if (detail := s.layout(SettingKey.DETAIL_SPLITTER)) is not None:
            self.detail.splitter.restoreState(detail)
        self.actions_by_id[ActionId.RULES_PANEL].setChecked(not self.rules_dock.isHidden())

    def save_layout(self) -> None:
        s = self.settings
        s.set_layout(SettingKey.GEOMETRY, QByteArray(self.saveGeometry()))
        s.set_layout(SettingKey.WINDOW_STATE, QByteArray(self.saveState()))
        s.set_layout(SettingKey.MAIN_SPLITTER, QByteArray(self.splitter.saveState()))
        s.set_layout(SettingKey.DETAIL_SPLITTER, QByteArray(self.detail.splitter.saveState()))
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flow.flush_note()
        self.save_layout()
        self.controller.shutdown()
        super().closeEvent(event)

