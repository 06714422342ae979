"""Undo and redo through the session; a failed write is reported and never pushed."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from moderator.gui.main_window import MainWindow
from moderator.gui.undo import describe
from moderator.session.changes import Change

CTRL = Qt.KeyboardModifier.ControlModifier


def fail_writes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    store = window.controller._session.store  # noqa: SLF001 (simulating a full disk)

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "write", full)


def test_failed_write_is_reported_and_not_pushed(qtbot, window: MainWindow,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = window.controller
    key = window.queue.current_key()
    fail_writes(window, monkeypatch)
    with qtbot.waitSignal(ctl.error) as error:
        qtbot.keyClick(window.queue.view, Qt.Key.Key_A)
    assert error.args[0] == "Decision not saved"
    assert "disk is full" in error.args[1] and "Nothing was changed" in error.args[1]
    assert window.last_message is not None and window.last_message.isVisible()
    assert ctl.undo_stack.count() == 0 and not ctl.undo_stack.canUndo()
    assert ctl.decision(key) is None
    assert window.queue.current_key() == key, "the cursor stays on the undecided comment"
    assert ctl.counts()[0] == 0


def test_failed_undo_keeps_the_decision_and_says_so(qtbot, window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = window.controller
    key = window.queue.current_key()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_O)
    decision = ctl.decision(key)
    assert ctl.undo_stack.count() == 1
    fail_writes(window, monkeypatch)
    with qtbot.waitSignal(ctl.error):
        ctl.undo_stack.undo()
    assert ctl.decision(key) == decision, "nothing changed"
    assert ctl.undo_stack.count() == 0, "the step that could not be undone is dropped"
    monkeypatch.undo()
    qtbot.keyClick(window.last_message, Qt.Key.Key_Return)


def test_undo_text_names_the_change(sample_analysis) -> None:
    one = Change("accept flags", {("t", "c1"): None}, {("t", "c1"): None})
    many = Change("keep", {("t", "a"): None, ("t", "b"): None},
                  {("t", "a"): None, ("t", "b"): None})
    assert describe(one) == "Accept flags (c1)"
    assert describe(many) == "Keep (2 comments)"
