"""The keyboard help overlay (? or F1): every row of the actions table, grouped, over the
window. Built from :data:`moderator.gui.actions.SHORTCUTS`, like the README's key map."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from moderator.gui.actions import SHORTCUTS, ActionSpec, Group, key_text
from moderator.gui.keys import COMMAND_MODIFIERS as _COMMAND_MODIFIERS

COLUMNS = ((Group.DECIDE, Group.EDIT, Group.VIEW), (Group.MOVE, Group.FILE, Group.HELP))


def _keys(s: ActionSpec) -> str:
    return " / ".join(key_text(k) for k in s.keys) or "menu"


def shortcuts_html() -> str:
    """Our own text (escaped all the same), one table per group, two groups side by side."""
    blocks: dict[Group, str] = {}
    for group in Group:
        rows = "".join(
            f"<tr><td width='120'><b>{html.escape(_keys(s))}</b></td>"
            f"<td>{html.escape(s.title)}<br><span style='color:#6b7280'>"
            f"{html.escape(s.help)}</span></td></tr>"
            for s in SHORTCUTS if s.group is group)
        blocks[group] = (f"<h3>{html.escape(group.value)}</h3>"
                         f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
    left = "".join(blocks[g] for g in COLUMNS[0])
    right = "".join(blocks[g] for g in COLUMNS[1])
    return (f"<table width='100%'><tr><td valign='top' width='50%'>{left}</td>"
            f"<td valign='top' width='50%'>{right}</td></tr></table>")


def shortcuts_plain() -> str:
    return "\n".join(f"{_keys(s)}\t{s.title}\t{s.help}" for s in SHORTCUTS)


class HelpOverlay(QWidget):
    """Covers its parent with a dimmed backdrop; a click, Esc, ? or F1 closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.panel = QFrame(self)
        self.panel.setObjectName("helpPanel")
        title = QLabel("Keyboard shortcuts")
        title.setObjectName("helpTitle")
        self.body = QLabel(shortcuts_html())
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        hint = QLabel("Press ? , F1 or Esc to close. Every decision is saved as you make it.")
        hint.setObjectName("helpHint")
        layout = QVBoxLayout(self.panel)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(self.body, 1)
        layout.addWidget(hint)
        parent.installEventFilter(self)
        self.hide()

    def plain_text(self) -> str:
        return shortcuts_plain()

    def toggle(self) -> None:
        self.set_open(not self.isVisible())

    def set_open(self, show: bool) -> None:
        if show:
            self._fit()
            self.show()
            self.raise_()
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.hide()

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.setGeometry(parent.rect())
        w = min(self.width() - 40, 980)
        h = min(self.height() - 40, 720)
        self.panel.setGeometry((self.width() - w) // 2, (self.height() - h) // 2, w, h)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():
            self._fit()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 24, 32, 140))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def event(self, event: QEvent) -> bool:
        """While open, no single-key decision fires behind it; only ? and F1 (which close it
        through their action) pass."""
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            plain = not (event.modifiers() & _COMMAND_MODIFIERS)
            if plain and event.key() not in (Qt.Key.Key_Question, Qt.Key.Key_F1):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question, Qt.Key.Key_F1):
            self.hide()
        event.accept()
