"""What the detail pane shows about one comment, gathered by the controller (plain data)."""

from __future__ import annotations

from dataclasses import dataclass

from moderator.core import Category, Comment, CommentScore
from moderator.gui.status import RowState

Key = tuple[str, str]


@dataclass(frozen=True)
class CommentDetails:
    key: Key
    comment: Comment
    score: CommentScore | None
    state: RowState
    thresholds: dict[Category, int]
    parent: Comment | None = None
    original: Comment | None = None  # the earlier comment a repost copies
    thread_title: str = ""
    reviewer: str = ""
    decided_at: str = ""
    scored: bool = True  # False while the thread is still being scored

    @property
    def flags(self) -> frozenset[Category]:
        return self.score.flags if self.score else frozenset()

    def why(self) -> str:
        """One line a moderator reads first: which categories reached their threshold."""
        if not self.scored:
            return "Not scored yet: the thread is being scored in the background."
        if self.score is None or not self.score.priority:
            return "Not flagged: no rule fired."
        parts = []
        for cat in Category:
            points = self.score.score(cat)
            if not points:
                continue
            limit = self.thresholds.get(cat)
            mark = "flagged" if cat in self.score.flags else "below threshold"
            of = f" / {limit}" if limit is not None else ""
            parts.append(f"{cat.label} {points}{of} ({mark})")
        head = "Flagged" if self.score.flags else "Not flagged"
        return f"{head}: " + ", ".join(parts)
