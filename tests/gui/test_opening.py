"""Opening files: drag and drop, recent files, the command line, and bad files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from moderator.gui import app as gui_app
from moderator.gui.main_window import MainWindow

from .conftest import SAMPLE, SAMPLE_COMMENTS, write_json_thread


def drop(window: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_dropping_a_file_opens_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    other = write_json_thread(tmp_path / "dropped.json", [
        {"id": "d1", "author": "ann", "body": "The amnesty is good news for prisoners."},
        {"id": "d2", "author": "bob", "body": "I agree about the prisoners."}])
    with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
        assert drop(window, other)
    assert window.queue.proxy.rowCount() == 2
    assert window.controller.source_path() == str(other)
    assert "dropped.json" in window.windowTitle()
    assert str(other.resolve()) in window.settings.recent_files()
    assert not drop(window, tmp_path / "missing.txt"), "nothing to open: the drop is refused"


def test_bad_file_shows_an_error_and_keeps_the_session(qtbot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    ctl = window.controller
    qtbot.keyClick(window.queue.view, Qt.Key.Key_A)
    decided = dict(ctl._session.decisions)  # noqa: SLF001 (test inspection)
    bad = tmp_path / "bad.json"
    bad.write_text('{"comments": [\n  {"id": "x", "body": "fine"},\n  oops\n]}', "utf-8")
    with qtbot.waitSignal(ctl.error, timeout=30_000) as error:
        window.open_path(bad)
    title, message = error.args
    assert "bad.json" in message and "line" in message
    box = window.last_message
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText and "bad.json" in box.text()
    assert ctl.source_path() == str(SAMPLE)
    assert dict(ctl._session.decisions) == decided  # noqa: SLF001
    assert window.queue.proxy.rowCount() == SAMPLE_COMMENTS
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    window.activateWindow()  # a window manager does this; offscreen Qt has none
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.queue.view, Qt.Key.Key_O)  # still reviewing
    assert ctl.counts()[0] == 2


def test_recent_files_menu_reopens(qtbot, window: MainWindow, tmp_path: Path) -> None:
    menu = window.recent_menu
    paths = [a.data() for a in menu.actions() if a.data()]
    assert paths == [str(SAMPLE.resolve())]
    other = write_json_thread(tmp_path / "other.json", [{"id": "o1", "body": "hello"}])
    with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
        window.open_path(other, session_path=str(tmp_path / "other.sqlite"))
    first = next(a for a in window.recent_menu.actions() if a.data())
    assert first.data() == str(other.resolve())
    sample_action = next(a for a in window.recent_menu.actions() if a.data() == str(SAMPLE))
    window.files.open_path = lambda p, **kw: window.controller.open_file(  # type: ignore
        p, session_path=str(tmp_path / "sample-again.sqlite"))
    with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
        sample_action.trigger()
    assert window.controller.source_path() == str(SAMPLE)


def test_several_threads_get_a_thread_chooser(qtbot, make_window, tmp_path: Path) -> None:
    path = tmp_path / "site.json"
    path.write_text(
        '{"threads": [{"id": "t1", "article": {"title": "First"}, "comments": ['
        '{"id": "a", "body": "one"}, {"id": "b", "body": "two"}]},'
        '{"id": "t2", "article": {"title": "Second"}, "comments": [{"id": "a", "body": "x"}]}]}',
        "utf-8")
    window = make_window(path, tmp_path / "site.sqlite")
    combo = window.queue.thread_combo
    assert combo.isVisibleTo(window)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All threads", "First (2)", "Second (1)"]
    combo.setCurrentIndex(2)
    assert window.queue.visible_keys() == [("t2", "a")]


def test_single_thread_has_no_thread_chooser(window: MainWindow) -> None:
    assert not window.queue.thread_combo.isVisibleTo(window)


def test_command_line(qtbot, tmp_path: Path, settings, monkeypatch) -> None:
    assert gui_app.main(["--help"]) == 0
    assert gui_app.main(["--no-such-option"]) == 2
    args = gui_app.build_parser().parse_args(
        [str(SAMPLE), "--session", str(tmp_path / "cli.sqlite"), "--reviewer", "Dana"])
    window = gui_app.create_window(args, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
        pass
    assert window.controller.session_path() == str(tmp_path / "cli.sqlite")
    assert window.controller.reviewer() == "Dana" == settings.reviewer()
    window.controller.shutdown()


def test_no_file_opens_the_sample(qtbot, tmp_path: Path, settings) -> None:
    args = gui_app.build_parser().parse_args(["--session", str(tmp_path / "s.sqlite")])
    window = gui_app.create_window(args, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.session_opened, timeout=30_000):
        pass
    assert Path(window.controller.source_path()) == SAMPLE
    assert window.queue.proxy.rowCount() == SAMPLE_COMMENTS
    window.controller.shutdown()


def test_style_and_icon_load_from_resources(qapp) -> None:
    icon = gui_app.app_icon()
    assert not icon.isNull() and 256 in [s.width() for s in icon.availableSizes()]
    assert "QTableView" in gui_app.read_text(gui_app.STYLESHEET)
