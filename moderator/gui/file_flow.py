"""Files in and out: open dialogs, recent files, drops, export and the reviewer's name. Paths go
to the controller; nothing here reads or writes a file itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from moderator.gui.controller import ReviewController
from moderator.gui.settings import AppSettings

THREAD_FILTER = ("Threads (*.txt *.json *.csv *.xml *.wxr);;"
                 "All files (*)")
SESSION_FILTER = "Moderator sessions (*.moderator.sqlite *.sqlite);;All files (*)"
EXPORT_FILTER = "CSV (*.csv);;JSON (*.json)"
RULES_FILTER = "Rules files (*.toml);;All files (*)"


def dropped_path(mime: QMimeData) -> str | None:
    """The first local file of a drop, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and Path(url.toLocalFile()).is_file():
            return url.toLocalFile()
    return None


class FileFlow(QObject):
    def __init__(self, window: QWidget, controller: ReviewController, settings: AppSettings,
                 recent_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings
        self.recent_menu = recent_menu
        self._pending_path = ""
        controller.session_opened.connect(self._on_opened)
        self.rebuild_recent()

    # -- opening ------------------------------------------------------------------------------
    def open_path(self, path: str | Path, *, session_path: str | None = None,
                  fmt: str | None = None, rules: str | None = None) -> None:
        self._pending_path = str(path)
        self.settings.set_last_folder(Path(path).resolve().parent)
        self.controller.open_file(path, fmt=fmt, rules=rules, session_path=session_path)

    @Slot()
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open a thread",
                                              self.settings.last_folder(), THREAD_FILTER)
        if path:
            self.open_path(path)

    @Slot()
    def open_session_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open a thread",
                                              self.settings.last_folder(), THREAD_FILTER)
        if not path:
            return
        session, _ = QFileDialog.getSaveFileName(
            self.window, "Session file (an existing one, or a new one to create)",
            str(Path(path).parent), SESSION_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        if session:
            self.open_path(path, session_path=session)

    def open_drop(self, mime: QMimeData) -> bool:
        path = dropped_path(mime)
        if path is None:
            return False
        self.open_path(path)
        return True

    @Slot()
    def _on_opened(self) -> None:
        source = self.controller.source_path()
        if source:
            self.settings.add_recent(source)
            self.rebuild_recent()

    # -- recent files -------------------------------------------------------------------------
    def rebuild_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.settings.recent_files()
        for i, path in enumerate(files, 1):
            action = QAction(f"&{i % 10}  {Path(path).name}", menu)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(self._on_recent)
            menu.addAction(action)
        if files:
            menu.addSeparator()
            menu.addAction("Clear the list", self._clear_recent)
        menu.setEnabled(bool(files))

    @Slot()
    def _on_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.open_path(str(action.data()))

    @Slot()
    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.rebuild_recent()

    # -- export -------------------------------------------------------------------------------
    def ask_export_path(self) -> str:
        source = Path(self.controller.source_path() or "decisions")
        suggestion = Path(self.settings.export_folder()) / f"{source.stem}-decisions.csv"
        path, chosen = QFileDialog.getSaveFileName(self.window, "Export decisions",
                                                   str(suggestion), EXPORT_FILTER)
        if path and not Path(path).suffix:
            path += ".json" if chosen.startswith("JSON") else ".csv"
        return path

    @Slot()
    def export_dialog(self) -> None:
        if not self.controller.has_session():
            self.controller.report_error("Nothing to export", "Open a thread first.")
            return
        path = self.ask_export_path()
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> int | None:
        n = self.controller.export(path)
        if n is not None:
            self.settings.set_export_folder(Path(path).resolve().parent)
        return n

    # -- rules files --------------------------------------------------------------------------
    @Slot()
    def open_rules_dialog(self) -> None:
        if not self.controller.has_session():
            self.controller.report_error("No thread open", "Open a thread first: the rules "
                                         "score it.")
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Score with a rules file",
                                              self.settings.rules_folder(), RULES_FILTER)
        if path:
            self.settings.set_rules_folder(Path(path).resolve().parent)
            self.controller.load_rules(path)

    @Slot()
    def reload_rules(self) -> None:
        """Read the rules file in force again (after editing it) and re-score."""
        self.controller.load_rules()

    @Slot()
    def save_rules_dialog(self) -> None:
        if self.controller.rules_config() is None:
            self.controller.report_error("No rules to save", "Open a thread first.")
            return
        current = self.controller.rules_path()
        suggestion = current or str(Path(self.settings.rules_folder()) / "rules.toml")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save rules as", suggestion,
                                              RULES_FILTER)
        if path:
            self.save_rules_to(path if Path(path).suffix else path + ".toml")

    def save_rules_to(self, path: str) -> bool:
        saved = self.controller.save_rules(path)
        if saved:
            self.settings.set_rules_folder(Path(path).resolve().parent)
        return saved

    # -- reviewer -----------------------------------------------------------------------------
    @Slot()
    def reviewer_dialog(self) -> None:
        name, ok = QInputDialog.getText(self.window, "Reviewer",
                                        "Your name, written with each decision:",
                                        text=self.controller.reviewer())
        if ok:
            self.set_reviewer(name.strip())

    def set_reviewer(self, name: str) -> None:
        self.settings.set_reviewer(name)
        self.controller.set_reviewer(name)
        self.controller.notify(f"Decisions are now signed “{name or '(no name)'}”.")
