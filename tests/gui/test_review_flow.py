"""How the window moves and reports while a moderator works."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from moderator.gui.main_window import MainWindow
from moderator.gui.status import StatusFilter

from .conftest import SAMPLE, SAMPLE_COMMENTS


def test_pending_view_moves_on_as_rows_leave_it(qtbot, window: MainWindow) -> None:
    queue = window.queue
    queue.set_status_filter(StatusFilter.PENDING)
    order = queue.visible_keys()
    qtbot.keyClick(queue.view, Qt.Key.Key_A)
    assert queue.proxy.rowCount() == SAMPLE_COMMENTS - 1
    assert order[0] not in queue.visible_keys()
    assert queue.current_key() == order[1]
    assert queue.selected_keys() == [order[1]]
    assert window.detail.current_key() == order[1]
    qtbot.keyClick(queue.view, Qt.Key.Key_X)
    assert queue.current_key() == order[2]


def test_decision_from_the_tree_when_the_queue_hides_it(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    queue = window.queue
    qtbot.keyClick(queue.view, Qt.Key.Key_O)
    queue.set_status_filter(StatusFilter.PENDING)
    decided = next(key for key in queue.model.keys() if not ctl.state(key).pending)
    window.tree.setCurrentIndex(window.tree_model.index_of(decided))
    assert window.detail.current_key() == decided
    assert "hidden by the queue's filters" in window.status.notice_label.text()
    qtbot.keyClick(window.tree, Qt.Key.Key_Backspace)
    assert ctl.state(decided).pending


def test_progress_and_cancel_keep_the_open_session(qtbot, window: MainWindow,
                                                  tmp_path: Path) -> None:
    ctl = window.controller
    window.open_path(SAMPLE, session_path=str(tmp_path / "other.sqlite"))
    assert window.status.progress_bar.isVisible() and window.status.cancel_button.isVisible()
    with qtbot.waitSignal(ctl.busy_changed) as busy:
        qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    assert busy.args == [False]
    assert not window.status.progress_bar.isVisible()
    assert window.status.notice_label.text() == "Loading cancelled."
    ctl.runner.wait()
    qtbot.wait(50)
    assert ctl.session_path() != str(tmp_path / "other.sqlite"), "the stale load was dropped"
    qtbot.keyClick(window.queue.view, Qt.Key.Key_A)
    assert ctl.counts()[0] == 1


def test_reviewer_name_is_kept_and_signed(qtbot, window: MainWindow) -> None:
    window.files.set_reviewer("Kim")
    qtbot.keyClick(window.queue.view, Qt.Key.Key_A)
    decided = [k for k in window.queue.model.keys() if window.controller.decision(k)]
    assert [window.controller.decision(k).reviewer for k in decided] == ["Kim"]
    assert window.settings.reviewer() == "Kim"
    window.queue.select_keys(decided)
    assert "Kim" in window.detail.status_label.text()


def test_export_remembers_its_folder_and_reports_errors(qtbot, window: MainWindow,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "out" / "decisions.json"
    out.parent.mkdir()
    assert window.files.export_to(str(out)) == SAMPLE_COMMENTS
    assert window.settings.export_folder() == str(out.parent)
    assert '"rows"' in out.read_text(encoding="utf-8")
    with qtbot.waitSignal(window.controller.error) as error:
        assert window.files.export_to(str(tmp_path / "missing-dir" / "x.csv")) is None
    assert error.args[0] == "Export failed" and "missing-dir" in error.args[1]
    assert "Traceback" not in error.args[1]


def test_rescoring_keeps_decisions_and_updates_flags(qtbot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    ctl = window.controller
    qtbot.keyClick(window.queue.view, Qt.Key.Key_O)
    decided = {k: ctl.decision(k) for k in window.queue.model.keys() if ctl.decision(k)}
    flagged_before = sum(1 for k in window.queue.model.keys() if ctl.score(k).flags)
    strict = tmp_path / "strict.toml"
    strict.write_text("[thresholds]\ninsult = 99\noff_topic = 99\nduplicate = 99\n", "utf-8")
    shown = window.detail.current_key()
    with qtbot.waitSignal(ctl.scores_changed, timeout=30_000):
        ctl.rescore(str(strict))
    flagged_after = sum(1 for k in window.queue.model.keys() if ctl.score(k).flags)
    assert flagged_after < flagged_before
    assert {k: ctl.decision(k) for k in decided} == decided
    assert window.detail.current_key() == shown
    assert ctl.counts()[2] == sum(1 for k in window.queue.model.keys()
                                  if ctl.score(k).flags and ctl.state(k).pending)


def test_broken_rules_file_is_reported(qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[thresholds]\ninsult = = 3\n", "utf-8")
    with qtbot.waitSignal(window.controller.error, timeout=30_000) as error:
        window.controller.rescore(str(bad))
    assert error.args[0] == "Cannot load the rules"
    assert "stay as they were" in error.args[1]
    assert "bad.toml" in error.args[1] and "line 2" in error.args[1]
