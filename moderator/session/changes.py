"""A change of decisions, with what stood before, so it can be applied, undone and redone.

git-cola's commands capture old and new values when they are created; so does a Change. The
GUI wraps each one in a ``QUndoCommand``; a bulk decision is one Change over many comments.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderator.core import Decision


@dataclass(frozen=True)
class Change:
    """``before``/``after`` map (thread_id, comment_id) to a decision, or None for none."""

    description: str
    before: dict[tuple[str, str], Decision | None]
    after: dict[tuple[str, str], Decision | None]

    def inverse(self) -> Change:
        return Change(f"undo {self.description}", self.after, self.before)

    @property
    def keys(self) -> list[tuple[str, str]]:
        return list(self.after)
