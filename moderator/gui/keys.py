"""Single-key shortcuts (A, X, 1, Backspace...) must not fire while someone types: a text field
with this guard takes every plain key itself, and leaves the rest (Ctrl+Z, F1, Esc...) to the
window's actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)
_ALWAYS_SHORTCUTS = {Qt.Key.Key_Escape, *(getattr(Qt.Key, f"Key_F{i}") for i in range(1, 13))}


class TypingGuard(QObject):
    """Install on a text field; ``pass_keys`` still reach the window (e.g. Up/Down in the
    one-line search box, to move through the results)."""

    def __init__(self, parent: QObject | None = None,
                 pass_keys: frozenset[Qt.Key] = frozenset()) -> None:
        super().__init__(parent)
        self._pass = {int(k.value) for k in (_ALWAYS_SHORTCUTS | set(pass_keys))}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            plain = not (event.modifiers() & COMMAND_MODIFIERS)
            if plain and int(event.key()) not in self._pass:
                event.accept()  # the field gets the key press, no shortcut fires
                return True
        return False


def guard_typing(widget: QObject, pass_keys: frozenset[Qt.Key] = frozenset()) -> TypingGuard:
    guard = TypingGuard(widget, pass_keys)
    widget.installEventFilter(guard)
    return guard
