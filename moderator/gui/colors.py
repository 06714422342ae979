"""One palette for the whole app: a category has the same colour in the queue's chips, the
highlighted evidence and the rule breakdown."""

from __future__ import annotations

from PySide6.QtGui import QColor

from moderator.core import Action, Category

CATEGORY_HEX: dict[Category, str] = {
    Category.INSULT: "#c0392b",  # red
    Category.OFF_TOPIC: "#b7770d",  # amber
    Category.DUPLICATE: "#6a4fc2",  # violet
}

KEPT_HEX = "#2e7d4f"
REMOVED_HEX = "#a93226"
PENDING_HEX = "#6b7280"
MUTED_HEX = "#8a8f98"

HIGHLIGHT_ALPHA = 85  # evidence behind text: readable over the category colour
CHIP_ALPHA = 38


def category_color(category: Category) -> QColor:
    """The strong colour of a category (text, chip borders)."""
    return QColor(CATEGORY_HEX[category])


def category_tint(category: Category, alpha: int = CHIP_ALPHA) -> QColor:
    """A translucent tint of the category colour (chip fill, evidence highlight)."""
    c = QColor(CATEGORY_HEX[category])
    c.setAlpha(alpha)
    return c


def highlight_color(category: Category) -> QColor:
    return category_tint(category, HIGHLIGHT_ALPHA)


def action_color(action: Action | None) -> QColor:
    if action is Action.REMOVE:
        return QColor(REMOVED_HEX)
    if action is Action.KEEP:
        return QColor(KEPT_HEX)
    return QColor(PENDING_HEX)
