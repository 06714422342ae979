"""Every user action in one table: its menu text, its keys and what it does.

The menus, the shortcuts, the help overlay and the README's key map are all built from
:data:`SHORTCUTS`, so they cannot drift apart. :func:`shortcuts_markdown` renders the README table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack


class ActionId(StrEnum):
    NEXT = "next"
    PREVIOUS = "previous"
    ACCEPT = "accept"
    KEEP = "keep"
    REMOVE = "remove"
    TOGGLE_INSULT = "toggle_insult"
    TOGGLE_OFF_TOPIC = "toggle_off_topic"
    TOGGLE_DUPLICATE = "toggle_duplicate"
    RESET = "reset"
    NOTE = "note"
    SAVE_NOTE = "save_note"
    SELECT_CLUSTER = "select_cluster"
    SELECT_ALL = "select_all"
    UNDO = "undo"
    REDO = "redo"
    SEARCH = "search"
    FOCUS_QUEUE = "focus_queue"
    OPEN = "open"
    OPEN_SESSION = "open_session"
    EXPORT = "export"
    REVIEWER = "reviewer"
    CANCEL = "cancel"
    OPEN_RULES = "open_rules"
    RELOAD_RULES = "reload_rules"
    SAVE_RULES = "save_rules"
    RULES_PANEL = "rules_panel"
    HELP = "help"
    QUIT = "quit"


class Group(StrEnum):
    MOVE = "Move"
    DECIDE = "Decide"
    EDIT = "Edit"
    FILE = "File"
    VIEW = "View"
    HELP = "Help"


@dataclass(frozen=True)
class ActionSpec:
    id: ActionId
    text: str  # menu text, with & for the mnemonic
    keys: tuple[str, ...]  # QKeySequence portable text; the first is shown in menus
    help: str  # one line for the overlay and the README
    group: Group

    @property
    def title(self) -> str:
        return self.text.replace("&", "").rstrip(".…")


SHORTCUTS: tuple[ActionSpec, ...] = (
    ActionSpec(ActionId.NEXT, "&Next comment", ("J", "Down"), "Next comment in the queue",
               Group.MOVE),
    ActionSpec(ActionId.PREVIOUS, "&Previous comment", ("K", "Up"),
               "Previous comment in the queue", Group.MOVE),
    ActionSpec(ActionId.SELECT_CLUSTER, "Select repost &cluster", ("C",),
               "Select the original and every copy of this repost", Group.MOVE),
    ActionSpec(ActionId.SELECT_ALL, "Select &all shown", ("Ctrl+A",),
               "Select every comment the queue shows (decide them at once)", Group.MOVE),
    ActionSpec(ActionId.SEARCH, "&Search…", ("/", "Ctrl+F"),
               "Search text and authors (Enter: back to the queue, Esc: clear)", Group.MOVE),
    ActionSpec(ActionId.FOCUS_QUEUE, "Back to the &queue", ("Esc",),
               "Back to the queue from the tree, the search or the note", Group.MOVE),
    ActionSpec(ActionId.ACCEPT, "&Accept flags", ("A",),
               "Accept the automatic flags (flagged: removed, unflagged: kept), then next",
               Group.DECIDE),
    ActionSpec(ActionId.KEEP, "&Keep", ("O",), "Keep: override every flag, then next",
               Group.DECIDE),
    ActionSpec(ActionId.REMOVE, "&Remove", ("X", "Del"),
               "Remove for its flags (or its strongest category), then next", Group.DECIDE),
    ActionSpec(ActionId.TOGGLE_INSULT, "Toggle &Insult", ("1",),
               "Add or take away the Insult label", Group.DECIDE),
    ActionSpec(ActionId.TOGGLE_OFF_TOPIC, "Toggle &Off-topic", ("2",),
               "Add or take away the Off-topic label", Group.DECIDE),
    ActionSpec(ActionId.TOGGLE_DUPLICATE, "Toggle Re&post", ("3",),
               "Add or take away the Repost label", Group.DECIDE),
    ActionSpec(ActionId.RESET, "Back to p&ending", ("Backspace",),
               "Undecide: back to pending (drops the note)", Group.DECIDE),
    ActionSpec(ActionId.NOTE, "Edit &note", ("N",),
               "Write a note on this comment", Group.DECIDE),
    ActionSpec(ActionId.SAVE_NOTE, "&Save note", ("Ctrl+Return",),
               "Save the note (one undoable change); Esc in the note discards", Group.DECIDE),
    ActionSpec(ActionId.UNDO, "&Undo", ("Ctrl+Z",), "Undo the last decision (bulk ones too)",
               Group.EDIT),
    ActionSpec(ActionId.REDO, "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo what was undone",
               Group.EDIT),
    ActionSpec(ActionId.REVIEWER, "Reviewer &name…", (), "Set the name written with decisions",
               Group.EDIT),
    ActionSpec(ActionId.OPEN, "&Open thread…", ("Ctrl+O",),
               "Open a thread file (also: drop it on the window)", Group.FILE),
    ActionSpec(ActionId.OPEN_SESSION, "Open with &session…", ("Ctrl+Shift+O",),
               "Open a thread with a session file you choose", Group.FILE),
    ActionSpec(ActionId.EXPORT, "&Export decisions…", ("Ctrl+E",),
               "Write decisions as CSV or JSON", Group.FILE),
    ActionSpec(ActionId.CANCEL, "&Cancel loading", ("Ctrl+.",),
               "Stop loading or scoring (the open session stays)", Group.FILE),
    ActionSpec(ActionId.OPEN_RULES, "Open r&ules file…", (),
               "Score with another rules file (TOML, over the defaults)", Group.FILE),
    ActionSpec(ActionId.RELOAD_RULES, "Re&load rules file", ("Ctrl+R",),
               "Read the rules file again and re-score (no decision changes)", Group.FILE),
    ActionSpec(ActionId.SAVE_RULES, "Save rules &as…", (),
               "Save thresholds, switches and points as a rules file (for --rules)",
               Group.FILE),
    ActionSpec(ActionId.RULES_PANEL, "&Rules panel", ("R",),
               "Show or hide the rules: thresholds over the scores, switches, overrides",
               Group.VIEW),
    ActionSpec(ActionId.QUIT, "&Quit", ("Ctrl+Q",), "Quit (every decision is already saved)",
               Group.FILE),
    ActionSpec(ActionId.HELP, "&Keyboard shortcuts", ("?", "F1"),
               "Show or hide this list", Group.HELP),
)

_BY_ID = {s.id: s for s in SHORTCUTS}


def spec(action_id: ActionId) -> ActionSpec:
    return _BY_ID[action_id]


def key_text(key: str) -> str:
    """A key as a person reads it on this platform (``Ctrl+Z``, ``Down``)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


def shortcuts_markdown() -> str:
    """The key map as a Markdown table (the README's section is generated from this)."""
    lines = ["| Keys | Action | What it does |", "|---|---|---|"]
    for s in SHORTCUTS:
        keys = " / ".join(f"`{k}`" for k in s.keys) or "(menu)"
        lines.append(f"| {keys} | {s.title} | {s.help} |")
    return "\n".join(lines) + "\n"


def create_actions(parent: QObject, undo_stack: QUndoStack) -> dict[ActionId, QAction]:
    """A QAction for every row of :data:`SHORTCUTS` (undo/redo come from the stack)."""
    actions: dict[ActionId, QAction] = {}
    for s in SHORTCUTS:
        if s.id is ActionId.UNDO:
            action = undo_stack.createUndoAction(parent, "&Undo")
        elif s.id is ActionId.REDO:
            action = undo_stack.createRedoAction(parent, "&Redo")
        else:
            action = QAction(s.text, parent)
            action.setCheckable(s.id is ActionId.RULES_PANEL)
        action.setObjectName(f"action_{s.id.value}")
        action.setShortcuts([QKeySequence(k) for k in s.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(s.help)
        actions[s.id] = action
    return actions


if __name__ == "__main__":  # python -m moderator.gui.actions > keys.md (for the README)
    print(shortcuts_markdown(), end="")
