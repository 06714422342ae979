"""Coloured category chips: painted in the queue's Flags column and shown above the comment in
the detail pane, in the same colours as the highlighted evidence."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from moderator.core import Category, CommentScore
from moderator.gui.colors import CATEGORY_HEX, category_color, category_tint
from moderator.gui.queue_model import Role

Index = QModelIndex | QPersistentModelIndex
CHIP_PAD = 6
CHIP_GAP = 4


def chip_text(category: Category, points: int) -> str:
    return f"{category.label} {points}"


class FlagsDelegate(QStyledItemDelegate):
    """Paints a rounded chip per automatic flag: ``Insult 65``."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        flags = index.data(Role.FLAGS) or frozenset()
        scores = index.data(Role.SCORES) or {}
        if not flags:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(opt.font)
        rect = opt.rect.adjusted(3, 3, -3, -3)
        x = float(rect.left())
        for cat in Category:
            if cat not in flags:
                continue
            text = chip_text(cat, scores.get(cat, 0))
            width = metrics.horizontalAdvance(text) + 2 * CHIP_PAD
            if x + width > rect.right():
                break
            chip = QRectF(x, rect.top(), width, rect.height())
            painter.setPen(QPen(category_color(cat), 1))
            painter.setBrush(category_tint(cat))
            painter.drawRoundedRect(chip, 7, 7)
            painter.setPen(category_color(cat))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += width + CHIP_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        flags = index.data(Role.FLAGS) or frozenset()
        metrics = QFontMetrics(option.font)
        scores = index.data(Role.SCORES) or {}
        width = sum(metrics.horizontalAdvance(chip_text(c, scores.get(c, 0))) + 2 * CHIP_PAD
                    + CHIP_GAP for c in Category if c in flags)
        return QSize(max(size.width(), width + 8), size.height())


class ChipRow(QWidget):
    """One chip per category that scored: solid when flagged, outlined when below threshold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(CHIP_GAP)
        self._chips: dict[Category, QLabel] = {}
        for cat in Category:
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setObjectName(f"chip_{cat.value}")
            self._chips[cat] = label
            layout.addWidget(label)
        self._none = QLabel("No rule fired", self)
        self._none.setObjectName("chip_none")
        layout.addWidget(self._none)
        layout.addStretch(1)

    def set_score(self, score: CommentScore | None, thresholds: dict[Category, int]) -> None:
        any_shown = False
        for cat, label in self._chips.items():
            points = score.score(cat) if score else 0
            label.setVisible(points > 0)
            if points <= 0:
                continue
            any_shown = True
            flagged = score is not None and cat in score.flags
            limit = thresholds.get(cat)
            suffix = f"  (flags at {limit})" if limit else ""
            label.setText(chip_text(cat, points) + suffix)
            label.setToolTip("Flagged: the score reached the threshold" if flagged
                             else "Scored, but below the threshold: not flagged")
            color = CATEGORY_HEX[cat]
            fill = color if flagged else "transparent"
            text = "white" if flagged else color
            label.setStyleSheet(f"QLabel {{ background: {fill}; color: {text}; border: 1px "
                                f"solid {color}; border-radius: 8px; padding: 1px 8px; }}")
        # no score yet: a large thread's comments show while they are scored
        self._none.setText("No rule fired" if score is not None else "Not scored yet")
        self._none.setVisible(not any_shown)

    def texts(self) -> list[str]:
        return [lb.text() for lb in self._chips.values() if not lb.isHidden()]
