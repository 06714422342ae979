"""A moderator reviews the sample thread with the keyboard only, then exports."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from moderator.core import Category, DecisionKind
from moderator.core.decision import format_categories
from moderator.gui.main_window import MainWindow

from .conftest import SAMPLE_COMMENTS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, window: MainWindow, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.queue.view, key, modifier)


def current(window: MainWindow) -> tuple[str, str]:
    key = window.queue.current_key()
    assert key is not None
    return key


def labels(names: frozenset[Category]) -> str:
    return format_categories(names)


def test_keyboard_only_review_then_export(qtbot, window: MainWindow, tmp_path: Path) -> None:
    ctl = window.controller
    assert window.queue.proxy.rowCount() == SAMPLE_COMMENTS
    assert window.status.counts_label.text().startswith(f"Reviewed 0 / {SAMPLE_COMMENTS}")
    expected: dict[str, tuple[str, str, str]] = {}  # comment id -> decision, labels, action

    # The queue opens on its highest priority comment, which is flagged.
    first = current(window)
    flags1 = ctl.score(first).flags
    assert flags1, "the top of the queue is a flagged comment"
    assert window.queue.selected_rows() == [0]

    # a: accept the flags (remove); the cursor moves on to the next pending comment.
    press(qtbot, window, Qt.Key.Key_A)
    expected[first[1]] = ("accept", labels(flags1), "remove")
    second = current(window)
    assert second != first and ctl.state(second).pending
    assert window.queue.row_of(second) == 1

    # o: keep it (override every flag).
    press(qtbot, window, Qt.Key.Key_O)
    expected[second[1]] = ("override", "", "keep")
    third = current(window)

    # x: remove for its flags.
    flags3 = ctl.score(third).flags
    press(qtbot, window, Qt.Key.Key_X)
    expected[third[1]] = ("accept", labels(flags3), "remove") if flags3 else expected.get(
        third[1], ("override", "", "remove"))
    fourth = current(window)

    # 1: toggle Insult on what stands (no advance), 2 twice: Off-topic on and off again.
    standing = ctl.state(fourth).labels
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_2)
    assert current(window) == fourth
    toggled = frozenset(standing ^ {Category.INSULT})
    expected[fourth[1]] = ("override", labels(toggled), "remove" if toggled else "keep")
    assert ctl.state(fourth).labels == toggled

    # j: next comment; Delete: remove it; undo, redo (both shortcuts), undo, redo.
    press(qtbot, window, Qt.Key.Key_J)
    fifth = current(window)
    assert fifth != fourth
    press(qtbot, window, Qt.Key.Key_Delete)
    assert ctl.state(fifth).action is not None
    removed_labels = ctl.state(fifth).labels
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert ctl.state(fifth).pending
    assert current(window) == fifth, "undo puts the cursor on what it changed"
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert not ctl.state(fifth).pending
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert ctl.state(fifth).pending
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert ctl.state(fifth).labels == removed_labels
    kind5 = ctl.decision(fifth).kind.value
    expected[fifth[1]] = (kind5, labels(removed_labels), "remove")

    # k goes back up; Backspace resets that comment to pending; undo brings the decision back.
    press(qtbot, window, Qt.Key.Key_K)
    press(qtbot, window, Qt.Key.Key_K)
    back = current(window)
    before = ctl.decision(back)
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert ctl.state(back).pending
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert ctl.decision(back).kind is before.kind

    # One more accept, undone: that comment ends pending.
    press(qtbot, window, Qt.Key.Key_End, CTRL)  # the last row
    last = current(window)
    assert ctl.decision(last) is None
    press(qtbot, window, Qt.Key.Key_A)
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert ctl.decision(last) is None

    reviewed, total, _ = ctl.counts()
    assert (reviewed, total) == (len(expected), SAMPLE_COMMENTS)
    assert window.status.counts_label.text().startswith(f"Reviewed {reviewed} / {total}")

    # Ctrl+E with the file dialog answered: the command line's CSV writer.
    out = tmp_path / "decisions.csv"
    window.files.ask_export_path = lambda: str(out)  # type: ignore[method-assign]
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = {r["comment_id"]: r for r in csv.DictReader(fh)}
    assert len(rows) == SAMPLE_COMMENTS
    for cid, (decision, final, action) in expected.items():
        row = rows[cid]
        got = (row["decision"], row["final_labels"], row["action"])
        assert got == (decision, final, action), cid
    for cid, row in rows.items():
        if cid not in expected:
            assert (row["decision"], row["final_labels"], row["action"]) == ("pending", "", "")
    assert rows[first[1]]["reviewer"] == ctl.reviewer()


def test_bulk_decision_is_one_undo_step(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    view = window.queue.view
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    keys = window.queue.selected_keys()
    assert len(keys) == 3
    depth = ctl.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert all(ctl.decision(k).kind is DecisionKind.OVERRIDE for k in keys)
    assert ctl.undo_stack.count() == depth + 1
    assert "3 comments" in ctl.undo_stack.undoText()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert all(ctl.decision(k) is None for k in keys)
    assert sorted(window.queue.selected_keys()) == sorted(keys), "undo selects what it changed"


def test_select_repost_cluster_and_remove_it(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    repost = next(k for k in window.queue.visible_keys()
                  if ctl.score(k) and ctl.score(k).duplicate_of)
    window.queue.select_keys([repost])
    qtbot.keyClick(window.queue.view, Qt.Key.Key_C)
    cluster = window.queue.selected_keys()
    original = (repost[0], ctl.score(repost).duplicate_of)
    assert set(cluster) == {repost, original}
    qtbot.keyClick(window.queue.view, Qt.Key.Key_3)  # label both as reposts: one step
    assert all(Category.DUPLICATE in ctl.state(k).labels for k in cluster)
    assert ctl.undo_stack.count() == 1


def test_remove_without_any_score_asks_for_a_label(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    calm = next(k for k in window.queue.visible_keys() if ctl.score(k).priority == 0)
    window.queue.select_keys([calm])
    qtbot.keyClick(window.queue.view, Qt.Key.Key_X)
    assert ctl.decision(calm) is None
    assert "Pick a label" in window.status.notice_label.text()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_2)
    assert ctl.state(calm).labels == {Category.OFF_TOPIC}


def test_note_is_one_undoable_change(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    key = current(window)
    qtbot.keyClick(window.queue.view, Qt.Key.Key_N)
    note = window.detail.note_edit
    assert note.hasFocus()
    qtbot.keyClicks(note, "ax1 checked")  # letters that are shortcuts elsewhere just type
    assert note.toPlainText() == "ax1 checked"
    assert ctl.decision(key) is None
    qtbot.keyClick(note, Qt.Key.Key_Return, CTRL)
    assert ctl.decision(key).note == "ax1 checked"
    assert ctl.state(key).pending, "a note alone decides nothing"
    assert window.queue.view.hasFocus()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_Z, CTRL)
    assert ctl.decision(key) is None
    assert note.toPlainText() == ""


def test_search_filters_and_typing_does_not_decide(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    qtbot.keyClick(window.queue.view, Qt.Key.Key_Slash)
    search = window.queue.search_edit
    assert search.hasFocus()
    qtbot.keyClicks(search, "Victor")
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(search, "r")
    assert ctl.counts()[0] == 0, "typing in the search box decided nothing"
    shown = window.queue.visible_keys()
    assert shown and all(ctl.comment(k).author == "Victor" or "victor" in
                         ctl.comment(k).body.casefold() for k in shown)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.queue.view.hasFocus()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_F, CTRL)
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert window.queue.proxy.rowCount() == SAMPLE_COMMENTS


def test_decision_keys_work_from_the_reading_panes(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    key = current(window)
    window.detail.body_view.setFocus()
    qtbot.keyClick(window.detail.body_view, Qt.Key.Key_A)
    assert ctl.decision(key) is not None
    other = current(window)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_O)
    assert ctl.state(other).labels == frozenset()
    qtbot.keyClick(window.tree, Qt.Key.Key_Escape)
    assert window.queue.view.hasFocus()
