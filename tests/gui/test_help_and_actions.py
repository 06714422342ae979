"""One table of actions feeds the menus, the shortcuts, the help overlay and the README."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from moderator.gui.actions import SHORTCUTS, ActionId, key_text, shortcuts_markdown
from moderator.gui.help_overlay import shortcuts_html
from moderator.gui.main_window import MainWindow


def test_help_overlay_lists_every_action(qtbot, window: MainWindow) -> None:
    overlay = window.help_overlay
    assert not overlay.isVisible()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_F1)
    assert overlay.isVisible()
    text = overlay.plain_text()
    html = overlay.body.text()
    for s in SHORTCUTS:
        assert s.title in text and s.help in text
        for k in s.keys:
            assert key_text(k) in text
            assert key_text(k).replace("&", "&amp;") in html or key_text(k) in html
    decided = window.controller.counts()[0]
    qtbot.keyClick(overlay, Qt.Key.Key_A)  # no decision behind the overlay
    assert window.controller.counts()[0] == decided
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_every_action_has_its_keys_and_a_menu(window: MainWindow) -> None:
    in_menus = {a for menu in window.menuBar().findChildren(type(window.recent_menu))
                for a in menu.actions()}
    for s in SHORTCUTS:
        action = window.actions_by_id[s.id]
        assert [k.toString() for k in action.shortcuts()] == [
            QKeySequence(k).toString() for k in s.keys]
        assert action in in_menus, s.id


def test_readme_table_has_every_action() -> None:
    md = shortcuts_markdown()
    assert md.startswith("| Keys | Action |")
    for s in SHORTCUTS:
        assert s.title in md
        for k in s.keys:
            assert f"`{k}`" in md
    assert len(md.strip().splitlines()) == len(SHORTCUTS) + 2
    assert "Keyboard shortcuts" in shortcuts_html()


def test_no_two_actions_share_a_key() -> None:
    keys = [QKeySequence(k).toString() for s in SHORTCUTS for k in s.keys]
    assert len(keys) == len(set(keys))
    assert {s.id for s in SHORTCUTS} == set(ActionId)
