"""The detail pane: one comment as plain text with its evidence highlighted, why it was flagged,
the rule breakdown, the parent it replies to, the original of a repost, the note and the
decision. User text is only ever shown as plain text (never as HTML)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator.core import Category
from moderator.gui.breakdown_model import BreakdownColumn, BreakdownModel
from moderator.gui.chips import ChipRow
from moderator.gui.colors import action_color
from moderator.gui.details import CommentDetails
from moderator.gui.highlight import evidence, highlight_evidence, highlight_ranges, shared_runs
from moderator.gui.queue_model import short_time

Key = tuple[str, str]
EMPTY_TEXT = "Open a thread to start: File ▸ Open (Ctrl+O), or drop a file on this window."


def plain_label(text: str = "", object_name: str = "") -> QLabel:
    """A QLabel that can never interpret its text as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


def reader(object_name: str) -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setObjectName(object_name)
    view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return view


class DetailPane(QWidget):
    note_saved = Signal(object, str)  # key, note text
    note_done = Signal()  # leave the note editor (saved or discarded): back to the queue

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._details: CommentDetails | None = None
        self._note_key: Key | None = None
        self._note_saved_text = ""
        self.breakdown_model = BreakdownModel(self)
        self._stack = QStackedWidget(self)
        self.empty_label = plain_label(EMPTY_TEXT, "emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

    def _build_content(self) -> QWidget:
        self.header = plain_label(object_name="commentHeader")
        self.status_label = plain_label(object_name="decisionStatus")
        self.chips = ChipRow()
        self.parent_view = reader("parentView")
        self.parent_view.setMaximumHeight(90)
        self.parent_box = QGroupBox("In reply to")
        QVBoxLayout(self.parent_box).addWidget(self.parent_view)
        self.body_view = reader("bodyView")
        self.body_view.setPlaceholderText("(empty comment)")
        self.body_box = QGroupBox("Comment")
        QVBoxLayout(self.body_box).addWidget(self.body_view)
        self.original_view = reader("originalView")
        self.original_box = QGroupBox("Original")
        QVBoxLayout(self.original_box).addWidget(self.original_view)
        self.text_split = QSplitter(Qt.Orientation.Horizontal)
        self.text_split.addWidget(self.body_box)
        self.text_split.addWidget(self.original_box)

        self.breakdown = QTableView()
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setModel(self.breakdown_model)
        self.breakdown.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.breakdown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.breakdown.verticalHeader().hide()
        self.breakdown.setWordWrap(False)
        header = self.breakdown.horizontalHeader()
        for col in BreakdownColumn:
            mode = (QHeaderView.ResizeMode.Stretch if col is BreakdownColumn.REASON
                    else QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(col, mode)
        rules_box = QGroupBox("Why: the rules that fired")
        QVBoxLayout(rules_box).addWidget(self.breakdown)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText("A note on this comment (N to write, Ctrl+Enter to "
                                          "save, Esc to discard)")
        self.note_edit.installEventFilter(self)
        self.save_note_button = QPushButton("Save note")
        self.save_note_button.clicked.connect(self.save_note)
        self.note_edit.textChanged.connect(self._update_note_button)
        note_box = QGroupBox("Note")
        note_layout = QVBoxLayout(note_box)
        note_layout.addWidget(self.note_edit)
        note_layout.addWidget(self.save_note_button, 0, Qt.AlignmentFlag.AlignRight)
        self.bottom_split = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_split.addWidget(rules_box)
        self.bottom_split.addWidget(note_box)
        self.bottom_split.setStretchFactor(0, 3)
        self.bottom_split.setStretchFactor(1, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.parent_box)
        self.splitter.addWidget(self.text_split)
        self.splitter.addWidget(self.bottom_split)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)

        self.status_label.setWordWrap(False)
        second = QHBoxLayout()
        second.addWidget(self.chips, 1)
        second.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignRight)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.header)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)
        return content

    # -- showing ------------------------------------------------------------------------------
    @property
    def details(self) -> CommentDetails | None:
        return self._details

    def current_key(self) -> Key | None:
        return self._details.key if self._details else None

    def show_details(self, details: CommentDetails | None) -> None:
        """Show a comment (None: the empty state). A note being written for the same comment
        is left as it is."""
        same = details is not None and self._details is not None and \
            details.key == self._details.key
        self._details = details
        if details is None:
            self._stack.setCurrentIndex(0)
            self.breakdown_model.set_score(None)
            self._load_note(None, "")
            return
        self._stack.setCurrentIndex(1)
        c = details.comment
        where = f" · in {details.thread_title}" if details.thread_title else ""
        depth = f" · reply, level {c.depth}" if c.depth else ""
        self.header.setText(f"{c.author or '(no name)'} · {short_time(c) or 'no time'} · "
                            f"{c.id}{depth}{where}")
        self._show_status(details)
        self.chips.set_score(details.score, details.thresholds)
        self.breakdown_model.set_score(details.score)
        self._show_parent(details)
        self._show_texts(details)
        if not (same and self.note_dirty()):
            self._load_note(details.key, details.state.note)

    def _show_status(self, details: CommentDetails) -> None:
        state = details.state
        by = ""
        if not state.pending:
            when = details.decided_at.replace("T", " ")[:16]
            by = f" — {details.reviewer or 'no name'}, {when} UTC" if when else ""
        self.status_label.setText(state.text + by)
        self.status_label.setStyleSheet(f"color: {action_color(state.action).name()};")

    def _show_parent(self, details: CommentDetails) -> None:
        parent = details.parent
        self.parent_box.setVisible(parent is not None)
        if parent is not None:
            self.parent_box.setTitle(f"In reply to {parent.author or parent.id} ({parent.id})")
            self.parent_view.setPlainText(parent.body)

    def _show_texts(self, details: CommentDetails) -> None:
        body = details.comment.body
        self.body_view.setPlainText(body)
        spans = evidence(details.score, body)
        original = details.original
        self.original_box.setVisible(original is not None)
        if original is None:
            self.body_box.setTitle("Comment")
            highlight_evidence(self.body_view, body, spans)
            return
        similarity = details.score.similarity if details.score else 0.0
        self.original_box.setTitle(f"Original: {original.id} by {original.author or '?'} "
                                   f"· {similarity:.0f}% the same")
        self.body_box.setTitle("Comment (shared text marked)")
        self.original_view.setPlainText(original.body)
        mine, theirs = shared_runs(body, original.body)
        spans = [s for s in spans if s[2] is not Category.DUPLICATE]
        spans = [(a, b, Category.DUPLICATE) for a, b in mine] + spans
        highlight_evidence(self.body_view, body, spans)
        highlight_ranges(self.original_view, original.body, theirs, Category.DUPLICATE)

    # -- the note -----------------------------------------------------------------------------
    def _load_note(self, key: Key | None, text: str) -> None:
        self._note_key = key
        self._note_saved_text = text
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(text)
        self.note_edit.blockSignals(False)
        self._update_note_button()

    def note_dirty(self) -> bool:
        return self._note_key is not None and \
            self.note_edit.toPlainText() != self._note_saved_text

    def _update_note_button(self) -> None:
        self.save_note_button.setEnabled(self.note_dirty())

    def focus_note(self) -> None:
        if self._details is None:
            return
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.selectAll()

    def save_note(self) -> None:
        if self.note_dirty() and self._note_key is not None:
            text = self.note_edit.toPlainText()
            self._note_saved_text = text
            self._update_note_button()
            self.note_saved.emit(self._note_key, text)

    def take_unsaved_note(self) -> tuple[Key, str] | None:
        """The note typed but not saved (before moving to another comment), if any."""
        if not self.note_dirty() or self._note_key is None:
            return None
        text = self.note_edit.toPlainText()
        self._note_saved_text = text
        return self._note_key, text

    def discard_note(self) -> None:
        self._load_note(self._note_key, self._note_saved_text)
        self.note_done.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the note: Ctrl+Enter saves, Esc discards (both go back to the queue)."""
        if watched is self.note_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
                self.save_note()
                self.note_done.emit()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.discard_note()
                return True
        return super().eventFilter(watched, event)
