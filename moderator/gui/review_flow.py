"""What the reviewer's keys do: move through the queue, decide the selected comments (then
move on to the next pending one), keep the tree and the detail pane on the same comment."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Slot
from PySide6.QtWidgets import QTreeView

from moderator.core import Category
from moderator.gui.controller import ReviewController
from moderator.gui.detail_pane import DetailPane
from moderator.gui.queue_panel import QueuePanel
from moderator.gui.tree_model import ThreadTreeModel

Key = tuple[str, str]
EXPAND_ALL_LIMIT = 5000  # comments; bigger trees expand along the selection only


class ReviewFlow(QObject):
    def __init__(self, controller: ReviewController, queue: QueuePanel, tree: QTreeView,
                 tree_model: ThreadTreeModel, detail: DetailPane,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.queue = queue
        self.tree = tree
        self.tree_model = tree_model
        self.detail = detail
        self._syncing = False
        self._unscored = False  # a large thread shown while it is scored
        queue.current_changed.connect(self._on_queue_current)
        queue.search_done.connect(queue.focus_queue)
        tree.selectionModel().currentChanged.connect(self._on_tree_current)
        tree_model.modelReset.connect(self._on_tree_reset)
        controller.session_opened.connect(self._on_session_opened)
        controller.decisions_changed.connect(self._on_decisions_changed)
        controller.scores_changed.connect(self._on_scores_changed)
        controller.flags_changed.connect(self._on_flags_changed)
        controller.replayed.connect(self._on_replayed)
        detail.note_saved.connect(self._on_note_saved)
        detail.note_done.connect(queue.focus_queue)

    def current_key(self) -> Key | None:
        return self.detail.current_key()

    # -- following the cursor -----------------------------------------------------------------
    @Slot()
    def _on_session_opened(self) -> None:
        self._unscored = not self.controller.is_scored()
        threads = self.controller.threads()
        self.queue.set_threads(threads, {t.id: self.controller.thread_label(t) for t in threads})
        self.detail.show_details(None)
        self.queue.select_row(0)
        self.queue.focus_queue()

    @Slot()
    def _on_scores_changed(self) -> None:
        """The queue was rebuilt: stay on the comment on show (a thread just scored starts at
        the top of the queue, now sorted by priority)."""
        key = self.detail.current_key()
        if self._unscored:
            self._unscored = False
            key = None
        if key is None or not self.queue.select_keys([key]):
            self.queue.select_row(0)
        if key is not None:
            self.detail.show_details(self.controller.details(key))

    @Slot(list)
    def _on_flags_changed(self, _keys: list[Key]) -> None:
        """A threshold moved: the comment on show says where it stands against it."""
        key = self.detail.current_key()
        if key is not None:
            self.detail.show_details(self.controller.details(key))

    def _expand_tree(self) -> None:
        if self.tree_model.shown_count() <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()

    @Slot()
    def _on_tree_reset(self) -> None:
        """The tree was refreshed as a whole: expand it again, back on the comment on show."""
        self._expand_tree()
        key = self.detail.current_key()
        if key is not None:
            self._sync_tree(key)

    @Slot(object)
    def _on_queue_current(self, key: Key | None) -> None:
        if key is None:
            return
        self._show(key)
        if not self._syncing:
            self._sync_tree(key)

    @Slot(QModelIndex, QModelIndex)
    def _on_tree_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.tree_model.key_of(current)
        if key is None or self._syncing:
            return
        self._syncing = True
        try:
            if not self.queue.select_keys([key]):
                self._show(key)  # hidden by the queue's filters: show it all the same
                self.controller.notify("That comment is hidden by the queue's filters.")
        finally:
            self._syncing = False

    def _sync_tree(self, key: Key) -> None:
        self.tree_model.focus(key)  # a large file: the tree shows this key's conversation
        index = self.tree_model.index_of(key)
        if not index.isValid():
            return
        self._syncing = True
        try:
            self.tree.scrollTo(index)  # expands the parents
            self.tree.expand(index)  # and shows the replies
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._syncing = False

    def _show(self, key: Key) -> None:
        unsaved = self.detail.take_unsaved_note() if self.detail.current_key() != key else None
        self.detail.show_details(self.controller.details(key))
        if unsaved is not None:
            self.controller.set_note(*unsaved)

    @Slot(list)
    def _on_decisions_changed(self, keys: list[Key]) -> None:
        current = self.detail.current_key()
        if current is not None and current in keys:
            self.detail.show_details(self.controller.details(current))

    @Slot(list)
    def _on_replayed(self, keys: list[Key]) -> None:
        """After undo/redo, put the cursor on what changed so the reviewer sees it."""
        if not self.queue.select_keys(keys):
            self._show(keys[0])

    # -- moving -------------------------------------------------------------------------------
    @Slot()
    def next(self) -> None:
        self.queue.step(+1)

    @Slot()
    def previous(self) -> None:
        self.queue.step(-1)

    @Slot()
    def select_all(self) -> None:
        self.queue.view.selectAll()

    @Slot()
    def select_cluster(self) -> None:
        key = self.current_key()
        if key is None:
            return
        cluster = self.controller.cluster(key)
        if len(cluster) < 2:
            self.controller.notify("This comment is not part of a repost cluster.")
            return
        self.queue.select_keys(cluster, current=key)
        hidden = len(cluster) - len(self.queue.selected_keys())
        tail = f"; {hidden} hidden by the filters" if hidden > 0 else ""
        self.controller.notify(f"Repost cluster: {len(cluster)} comments{tail}.")

    def targets(self) -> list[Key]:
        """What a decision applies to: the queue's selection when the cursor is in it, else
        the comment on show (chosen in the tree)."""
        current = self.current_key()
        selected = self.queue.selected_keys()
        if current is not None and current in selected:
            return selected
        return [current] if current is not None else []

    def _next_pending_after(self, keys: list[Key]) -> Key | None:
        rows = [r for k in keys if (r := self.queue.row_of(k)) is not None]
        n = self.queue.proxy.rowCount()
        start = max(rows) + 1 if rows else 0
        skip = set(keys)
        for i in range(n):
            key = self.queue.key_at((start + i) % n)
            if key is not None and key not in skip and self.controller.state(key).pending:
                return key
        return None

    # -- deciding -----------------------------------------------------------------------------
    def _decide(self, apply: Callable[[list[Key]], bool], advance: bool) -> None:
        keys = self.targets()
        if not keys:
            return
        target = self._next_pending_after(keys) if advance else None
        if not apply(keys) or not advance:
            return
        if target is not None:
            self.queue.select_keys([target])
        else:
            self.controller.notify("Nothing pending left in this view.")

    @Slot()
    def accept(self) -> None:
        self._decide(self.controller.accept, advance=True)

    @Slot()
    def keep(self) -> None:
        self._decide(self.controller.keep, advance=True)

    @Slot()
    def remove(self) -> None:
        self._decide(self.controller.remove, advance=True)

    @Slot()
    def reset(self) -> None:
        self._decide(self.controller.reset, advance=False)

    def toggle(self, category: Category) -> None:
        keys = self.targets()
        if keys:
            self.controller.toggle(keys, category)

    @Slot()
    def toggle_insult(self) -> None:
        self.toggle(Category.INSULT)

    @Slot()
    def toggle_off_topic(self) -> None:
        self.toggle(Category.OFF_TOPIC)

    @Slot()
    def toggle_duplicate(self) -> None:
        self.toggle(Category.DUPLICATE)

    # -- the note and the focus ---------------------------------------------------------------
    @Slot()
    def edit_note(self) -> None:
        self.detail.focus_note()

    @Slot()
    def save_note(self) -> None:
        self.detail.save_note()
        self.queue.focus_queue()

    @Slot(object, str)
    def _on_note_saved(self, key: Key, text: str) -> None:
        self.controller.set_note(key, text)

    def flush_note(self) -> None:
        """Save a note typed but not saved (on quit or before opening another file)."""
        unsaved = self.detail.take_unsaved_note()
        if unsaved is not None:
            self.controller.set_note(*unsaved)

    @Slot()
    def focus_queue(self) -> None:
        """Esc: leave the search (clearing it), the note (discarding it) or the tree."""
        if self.queue.search_edit.hasFocus():
            self.queue.search_edit.clear()
        elif self.detail.note_edit.hasFocus():
            self.detail.discard_note()
        self.queue.focus_queue()

    @Slot()
    def search(self) -> None:
        self.queue.focus_search()
