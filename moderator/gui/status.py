"""Where a comment stands in the review, as the queue shows and filters it (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from moderator.core import Action, Category, Decision, DecisionKind


@dataclass(frozen=True)
class RowState:
    """A comment's review state: the decision kind, the action it leads to (None while
    pending), the labels that stand now (the automatic flags while pending) and the note."""

    kind: DecisionKind
    action: Action | None
    labels: frozenset[Category]
    note: str = ""

    @classmethod
    def of(cls, decision: Decision | None, auto_flags: frozenset[Category]) -> RowState:
        if decision is None or decision.kind is DecisionKind.PENDING:
            return cls(DecisionKind.PENDING, None, auto_flags, decision.note if decision else "")
        return cls(decision.kind, decision.action(auto_flags), decision.final_labels(auto_flags),
                   decision.note)

    @property
    def pending(self) -> bool:
        return self.kind is DecisionKind.PENDING

    @property
    def short_text(self) -> str:
        if self.pending:
            return "Pending"
        return "Removed" if self.action is Action.REMOVE else "Kept"

    @property
    def text(self) -> str:
        """``Pending``, ``Removed · accepted``, ``Kept · override``, ``Removed · Insult``..."""
        if self.pending:
            return "Pending"
        verb = self.short_text
        if self.kind is DecisionKind.ACCEPT:
            return f"{verb} · accepted"
        names = ", ".join(c.label for c in Category if c in self.labels)
        return f"{verb} · {names}" if names else f"{verb} · override"


class CategoryFilter(Enum):
    """Which automatic flags the queue shows."""

    ALL = "All comments"
    FLAGGED = "Flagged (any)"
    INSULT = Category.INSULT.label
    OFF_TOPIC = Category.OFF_TOPIC.label
    DUPLICATE = Category.DUPLICATE.label
    UNFLAGGED = "Unflagged"

    def matches(self, flags: frozenset[Category]) -> bool:
        if self is CategoryFilter.ALL:
            return True
        if self is CategoryFilter.FLAGGED:
            return bool(flags)
        if self is CategoryFilter.UNFLAGGED:
            return not flags
        return Category[self.name] in flags


class StatusFilter(Enum):
    """Which review states the queue shows."""

    ALL = "Any status"
    PENDING = "Pending"
    DECIDED = "Decided"
    ACCEPTED = "Flags accepted"
    OVERRIDDEN = "Overridden"
    KEPT = "Kept"
    REMOVED = "Removed"

    def matches(self, state: RowState) -> bool:
        match self:
            case StatusFilter.ALL:
                return True
            case StatusFilter.PENDING:
                return state.pending
            case StatusFilter.DECIDED:
                return not state.pending
            case StatusFilter.ACCEPTED:
                return state.kind is DecisionKind.ACCEPT
            case StatusFilter.OVERRIDDEN:
                return state.kind is DecisionKind.OVERRIDE
            case StatusFilter.KEPT:
                return state.action is Action.KEEP
            case StatusFilter.REMOVED:
                return state.action is Action.REMOVE
        return False
