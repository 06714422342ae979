"""A category's score distribution on the open thread, with its threshold as a line: the bars
right of the line are the comments that flag. Click or drag to move the threshold."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

MAX_SCORE = 100
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 14, 16  # margins around the bars: room for labels
TICKS = (0, 25, 50, 75, 100)
PALE_ALPHA = 70  # bars below the threshold: not flagged


class ScoreHistogram(QWidget):
    """Bars of how many comments score 1 to 100 (square-root heights, so that a handful of
    comments still shows next to thousands; exact counts in the tooltip)."""

    threshold_picked = Signal(int)

    def __init__(self, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor(color)
        self._counts: list[int] = []
        self._threshold = 50
        self._applied = 50
        self.setMouseTracking(True)
        self.setMinimumHeight(72)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:
        return QSize(300, 84)

    def counts(self) -> list[int]:
        return list(self._counts)

    def set_counts(self, counts: list[int]) -> None:
        """Comments per score, index 0 to 100 (empty: no scores yet)."""
        self._counts = list(counts)
        self.update()

    def threshold(self) -> int:
        return self._threshold

    def set_threshold(self, value: int, applied: int | None = None) -> None:
        """The line at ``value``; ``applied``: the threshold in force (a faint mark while
        another one is being tried)."""
        self._threshold = value
        if applied is not None:
            self._applied = applied
        self.update()

    # -- geometry -----------------------------------------------------------------------------
    def _plot(self) -> QRectF:
        return QRectF(LEFT, TOP, max(1, self.width() - LEFT - RIGHT),
                      max(1, self.height() - TOP - BOTTOM))

    def _x(self, score: float) -> float:
        """Left edge of the bar of ``score`` (1-100); 101 is the right edge of the plot."""
        plot = self._plot()
        return plot.left() + (score - 1) * plot.width() / MAX_SCORE

    def score_at(self, x: float) -> int:
        plot = self._plot()
        score = 1 + int((x - plot.left()) * MAX_SCORE / plot.width())
        return max(1, min(MAX_SCORE, score))

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        plot = self._plot()
        pal = self.palette()
        p.fillRect(plot, pal.color(QPalette.ColorRole.Base))
        flagged_zone = QColor(self._color)
        flagged_zone.setAlpha(22)
        p.fillRect(QRectF(self._x(self._threshold), plot.top(),
                          plot.right() - self._x(self._threshold), plot.height()), flagged_zone)
        self._paint_bars(p, plot)
        self._paint_axis(p, plot, pal)
        self._paint_line(p, plot, self._applied, faint=True)
        self._paint_line(p, plot, self._threshold, faint=False)
        p.end()

    def _paint_bars(self, p: QPainter, plot: QRectF) -> None:
        bars = self._counts[1:MAX_SCORE + 1]
        top = max(bars, default=0)
        if top == 0:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            text = "No scores yet" if not self._counts else "No comment scores in this category"
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, text)
            return
        pale = QColor(self._color)
        pale.setAlpha(PALE_ALPHA)
        width = plot.width() / MAX_SCORE
        for score, n in enumerate(bars, 1):
            if not n:
                continue
            h = max(2.0, plot.height() * math.sqrt(n / top))
            color = self._color if score >= self._threshold else pale
            p.fillRect(QRectF(self._x(score), plot.bottom() - h, max(1.0, width - 0.5), h),
                       color)

    def _paint_axis(self, p: QPainter, plot: QRectF, pal: QPalette) -> None:
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        font = p.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        p.setFont(font)
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        for t in TICKS:
            x = self._x(max(t, 1) if t else 1) if t < MAX_SCORE else plot.right()
            align = Qt.AlignmentFlag.AlignLeft if t == 0 else (
                Qt.AlignmentFlag.AlignRight if t == MAX_SCORE else Qt.AlignmentFlag.AlignHCenter)
            box = QRectF(x - 20 if t else x, plot.bottom() + 1, 40 if t else 30, BOTTOM - 1)
            if t == MAX_SCORE:
                box.moveRight(plot.right())
            p.drawText(box, align | Qt.AlignmentFlag.AlignTop, str(t))

    def _paint_line(self, p: QPainter, plot: QRectF, value: int, *, faint: bool) -> None:
        x = round(self._x(value)) - 0.5
        if faint:
            if value == self._threshold:
                return
            pen = QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            return
        dark = self._color.darker(160)
        p.setPen(QPen(dark, 2))
        p.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom()))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setBrush(dark)
        p.drawPolygon(QPolygonF([QPointF(x - 5, 0), QPointF(x + 5, 0),
                                 QPointF(x, TOP - 4)]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        label = QRectF(x + 7, 0, 60, TOP)
        align = Qt.AlignmentFlag.AlignLeft
        if label.right() > self.width():
            label.moveRight(x - 7)
            align = Qt.AlignmentFlag.AlignRight
        p.setPen(dark)
        p.drawText(label, align | Qt.AlignmentFlag.AlignVCenter, f"≥ {value} flags")

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.threshold_picked.emit(self.score_at(event.position().x()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        score = self.score_at(event.position().x())
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.threshold_picked.emit(score)
        n = self._counts[score] if score < len(self._counts) else 0
        QToolTip.showText(event.globalPosition().toPoint(),
                          f"Score {score}: {n} comment{'s' if n != 1 else ''}", self)
