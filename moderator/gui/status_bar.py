"""Always visible: reviewed / total and flagged still pending; while loading, a progress bar
and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from moderator.gui.counts import UNKNOWN

STAGES = {"loading": "Reading the file…", "scoring": "Scoring comments…"}
NOTICE_MS = 8000


class ReviewStatusBar(QStatusBar):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("notice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("loadProgress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("cancelLoad")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.counts_label = QLabel("No thread open")
        self.counts_label.setObjectName("reviewCounts")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.addWidget(self.notice_label, 1)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            self.addPermanentWidget(w)
        self.addPermanentWidget(self.counts_label)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice_label.clear)
        self.set_busy(False)

    @Slot(int, int, int)
    def set_counts(self, reviewed: int, total: int, flagged_pending: int) -> None:
        flagged = "scoring…" if flagged_pending == UNKNOWN else str(flagged_pending)
        self.counts_label.setText(f"Reviewed {reviewed} / {total}   ·   "
                                  f"Flagged, still pending: {flagged}")

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.setVisible(busy)
        if busy:
            self.set_progress("loading", 0, 0)

    @Slot(str, int, int)
    def set_progress(self, stage: str, done: int, total: int) -> None:
        self.progress_label.setText(STAGES.get(stage, stage))
        self.progress_bar.setRange(0, max(total, 0))  # 0..0: busy indicator
        self.progress_bar.setValue(done)

    @Slot(str)
    def notify(self, message: str) -> None:
        self.notice_label.setText(message)
        self._notice_timer.start(NOTICE_MS)
