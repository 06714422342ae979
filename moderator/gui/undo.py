"""Decisions on the undo stack: a QUndoCommand wraps one :class:`Change` (one or many comments).

The first ``redo()`` (when the command is pushed) applies the change; later ones replay it and
``undo()`` writes the old decisions back, each through the session so every step is saved and
audited. When a write fails the command marks itself obsolete, so QUndoStack drops it instead of
keeping a step that did not happen, and the failure is reported through ``on_error``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from moderator.session.changes import Change

Key = tuple[str, str]


class ChangeWriter(Protocol):
    def apply(self, change: Change) -> None: ...
    def undo(self, change: Change) -> None: ...
    def redo(self, change: Change) -> None: ...


class ChangeCommand(QUndoCommand):
    def __init__(self, session: ChangeWriter, change: Change,
                 on_done: Callable[[list[Key], bool], None],
                 on_error: Callable[[str, BaseException], None]) -> None:
        super().__init__(describe(change))
        self.change = change
        self._session = session
        self._on_done = on_done  # (keys, replayed: True for undo/redo after the first push)
        self._on_error = on_error
        self._applied_once = False

    def _run(self, write: Callable[[Change], None], what: str) -> None:
        try:
            write(self.change)
        except Exception as exc:  # disk full, read-only file, locked database...
            self.setObsolete(True)
            self._on_error(what, exc)
            return
        self._on_done(self.change.keys, self._applied_once)

    def redo(self) -> None:
        if not self._applied_once:
            self._run(self._session.apply, self.text())
            self._applied_once = True
        else:
            self._run(self._session.redo, f"redo {self.text()}")

    def undo(self) -> None:
        self._run(self._session.undo, f"undo {self.text()}")


def describe(change: Change) -> str:
    """Menu text: ``Accept flags on c12`` or ``Keep 3 comments``."""
    keys = change.keys
    what = change.description[:1].upper() + change.description[1:]
    target = keys[0][1] if len(keys) == 1 else f"{len(keys)} comments"
    return f"{what} ({target})"
