"""One category's threshold: its score histogram, a slider and a spin box, and how many comments
a move would flag before it is made. A value is tried (the line and the count follow at once)
and applied when the slider is let go, Enter is pressed, or a moment after the last change."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QSpinBox, QVBoxLayout, QWidget

from moderator.core import Category
from moderator.gui.colors import category_color
from moderator.gui.histogram import MAX_SCORE, ScoreHistogram
from moderator.gui.keys import guard_typing
from moderator.gui.view_data import ScoreIndex

APPLY_AFTER_MS = 250  # a pause this long after the last change applies the value


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class ThresholdEditor(QWidget):
    chosen = Signal(object, int)  # Category, threshold: apply it

    def __init__(self, category: Category, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self._applied = 50
        self._index: ScoreIndex | None = None
        self.setObjectName(f"threshold_{category.value}")
        title = QLabel(category.label)
        title.setObjectName("thresholdTitle")
        title.setStyleSheet(f"color: {category_color(category).name()}; font-weight: bold;")
        self.histogram = ScoreHistogram(category_color(category))
        self.histogram.setToolTip(
            f"Comments by {category.label} score on the open thread. The line is the threshold:"
            " comments at or right of it are flagged. Click or drag to move it.")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.spin = QSpinBox()
        for w in (self.slider, self.spin):
            w.setRange(1, MAX_SCORE)
            guard_typing(w)  # digits and arrows edit the value, never decide a comment
        self.spin.setPrefix("flag from ")
        self.spin.setSuffix(" points")
        self.count_label = QLabel()
        self.count_label.setObjectName("flagCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(APPLY_AFTER_MS)
        self._timer.timeout.connect(self.apply)
        self.slider.valueChanged.connect(self._try)
        self.spin.valueChanged.connect(self._try)
        self.slider.sliderReleased.connect(self.apply)
        self.spin.editingFinished.connect(self.apply)
        self.histogram.threshold_picked.connect(self.slider.setValue)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.histogram)
        layout.addLayout(row)
        self._show(self._applied)

    def value(self) -> int:
        return self.slider.value()

    def set_state(self, applied: int, index: ScoreIndex | None) -> None:
        """The threshold in force and the scores (None while the thread is being scored). A
        value being tried stays until it is applied."""
        self._applied = applied
        self._index = index
        self.histogram.set_counts(index.histogram(self.category) if index else [])
        self._show(self.value() if self._timer.isActive() else applied)

    def _show(self, value: int) -> None:
        for w in (self.slider, self.spin):
            w.blockSignals(True)
            w.setValue(value)
            w.blockSignals(False)
        self.histogram.set_threshold(value, self._applied)
        self.count_label.setText(self.count_text(value))

    def count_text(self, value: int) -> str:
        if self._index is None:
            return "scoring…"
        now = self._index.at_or_above(self.category, self._applied)
        if value == self._applied:
            return f"{plural(now, 'comment')} flagged"
        would = self._index.at_or_above(self.category, value)
        return f"{plural(would, 'comment')} would be flagged (now {now:,})"

    @Slot(int)
    def _try(self, value: int) -> None:
        self._show(value)
        self._timer.start()

    @Slot()
    def apply(self) -> None:
        self._timer.stop()
        if self.value() != self._applied:
            self.chosen.emit(self.category, self.value())
