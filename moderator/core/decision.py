"""A reviewer's decision on a comment."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from moderator.core.thread import Category


class DecisionKind(StrEnum):
    PENDING = "pending"
    ACCEPT = "accept"  # the automatic flags stand
    OVERRIDE = "override"  # the reviewer's labels replace them (empty = keep)


class Action(StrEnum):
    KEEP = "keep"
    REMOVE = "remove"


@dataclass(frozen=True)
class Decision:
    comment_id: str
    kind: DecisionKind
    labels: frozenset[Category] = frozenset()  # the reviewer's own labels, for OVERRIDE
    note: str = ""
    reviewer: str = ""
    decided_at: str = ""  # ISO 8601, UTC
    thread_id: str = ""

    def final_labels(self, auto_flags: frozenset[Category]) -> frozenset[Category]:
        if self.kind is DecisionKind.ACCEPT:
            return auto_flags
        if self.kind is DecisionKind.OVERRIDE:
            return self.labels
        return frozenset()

    def action(self, auto_flags: frozenset[Category]) -> Action | None:
        if self.kind is DecisionKind.PENDING:
            return None
        return Action.REMOVE if self.final_labels(auto_flags) else Action.KEEP


def format_categories(categories: frozenset[Category] | set[Category]) -> str:
    """``;``-separated names in a fixed order (insult, off_topic, duplicate)."""
    return ";".join(c.value for c in Category if c in categories)


def parse_categories(text: str) -> frozenset[Category]:
    return frozenset(Category.parse(p) for p in text.split(";") if p.strip())
