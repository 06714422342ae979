"""Decisions survive closing and reopening the window; layout and recent files are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from moderator.core import DecisionKind
from moderator.gui.queue_model import Column
from moderator.gui.settings import SettingKey

from .conftest import SAMPLE, SAMPLE_COMMENTS


def test_decisions_persist_across_reopening(qtbot, make_window, session_path, settings) -> None:
    first = make_window(SAMPLE, session_path)
    view = first.queue.view
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.keyClick(view, Qt.Key.Key_O)
    qtbot.keyClick(view, Qt.Key.Key_N)
    qtbot.keyClicks(first.detail.note_edit, "seen before")
    qtbot.keyClick(first.detail.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    decided = dict(first.controller._session.decisions)  # noqa: SLF001 (test inspection)
    assert len(decided) == 3
    first.close()

    second = make_window(SAMPLE, session_path)
    ctl = second.controller
    assert ctl.undo_stack.count() == 0, "undo history starts afresh"
    for key, decision in decided.items():
        assert ctl.decision(key) == decision
    assert ctl.counts()[:2] == (2, SAMPLE_COMMENTS)
    assert second.status.counts_label.text().startswith(f"Reviewed 2 / {SAMPLE_COMMENTS}")
    accepted = next(k for k, d in decided.items() if d.kind is DecisionKind.ACCEPT)
    row = second.queue.row_of(accepted)
    assert second.queue.proxy.index(row, Column.STATUS).data().startswith("Removed")
    assert str(SAMPLE.resolve()) in settings.recent_files()
    assert settings.layout(SettingKey.GEOMETRY) is not None
    assert settings.layout(SettingKey.MAIN_SPLITTER) is not None


def test_layout_is_restored(qtbot, make_window, session_path, settings) -> None:
    first = make_window(SAMPLE, session_path)
    first.resize(760, 560)  # inside the offscreen screen, so restoring needs no clamping
    qtbot.waitUntil(lambda: first.width() == 760)
    first.splitter.setSizes([300, 150])
    sizes = first.splitter.sizes()
    first.close()
    second = make_window(SAMPLE, session_path)
    assert second.size() == first.size()
    assert second.splitter.sizes() == sizes


def test_reopening_the_open_thread_keeps_its_decisions(qtbot, tmp_path):
    """The session file is locked to one process; reopening the same thread in the same
    window hands the lock over instead of failing."""
    from moderator.gui.controller import ReviewController

    controller = ReviewController(reviewer="ana")
    errors: list[tuple[str, str]] = []
    controller.error.connect(lambda title, message: errors.append((title, message)))
    session = tmp_path / "same.sqlite"
    with qtbot.waitSignal(controller.session_opened, timeout=30000):
        controller.open_file(SAMPLE, session_path=str(session))
    thread = controller.threads()[0]
    key = (thread.id, thread.comments[0].id)
    assert controller.accept([key])
    with qtbot.waitSignal(controller.session_opened, timeout=30000):
        controller.open_file(SAMPLE, session_path=str(session))
    assert not errors
    assert controller.decision(key).kind is DecisionKind.ACCEPT
    controller.shutdown()
