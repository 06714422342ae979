"""Learning from overrides: per rule, how many of its flags the reviewer let stand and how many
were overridden, so a moderator sees which rule is noisy."""

from __future__ import annotations

from dataclasses import dataclass

from moderator.core import Category, Decision, DecisionKind
from moderator.core.decision import parse_categories
from moderator.rules.registry import rule_classes

_CATEGORY = {cls.id: cls.category for cls in rule_classes()}


@dataclass
class RuleStats:
    rule_id: str
    category: Category
    upheld: int = 0  # decided with the rule's category standing
    overridden: int = 0  # decided with the rule's category taken away

    @property
    def decided(self) -> int:
        return self.upheld + self.overridden

    @property
    def override_rate(self) -> float:
        return self.overridden / self.decided if self.decided else 0.0


def rule_stats(decisions: dict[tuple[str, str], Decision],
               decided_auto: dict[tuple[str, str], tuple[str, str]]) -> list[RuleStats]:
    """``decided_auto``: per comment, the flags and rule ids that stood when it was decided
    (as :meth:`SessionStore.decided_auto` gives them)."""
    stats: dict[str, RuleStats] = {}
    for key, (flags_text, rules_text) in decided_auto.items():
        d = decisions.get(key)
        if d is None or d.kind is DecisionKind.PENDING:
            continue
        flags = parse_categories(flags_text)
        final = d.final_labels(flags)
        for rid in filter(None, rules_text.split(";")):
            cat = _CATEGORY.get(rid)
            if cat is None or cat not in flags:
                continue  # the rule fired, but its category was not flagged: no verdict on it
            s = stats.setdefault(rid, RuleStats(rid, cat))
            if cat in final:
                s.upheld += 1
            else:
                s.overridden += 1
    return sorted(stats.values(), key=lambda s: (-s.override_rate, -s.decided, s.rule_id))
