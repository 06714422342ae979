"""Every rule moderator knows, registered explicitly (no directory scanning).

Adding a rule: write the class in its category's package, add it to that package's ``RULES``,
and give it an entry in ``resources/rules.toml``.
"""

from __future__ import annotations

from moderator.rules import duplicate, insult, off_topic
from moderator.rules.base import Rule, RuleSet, ThreadRule
from moderator.rules.config import RulesConfig
from moderator.rules.custom import PatternRule


def rule_classes() -> list[type[Rule]]:
    """All rule classes in a fixed order: insults, off-topic, reposts."""
    return [*insult.RULES, *off_topic.RULES, *duplicate.RULES]


def build_ruleset(config: RulesConfig) -> RuleSet:
    rs = RuleSet()
    for cls in rule_classes():
        settings = config.settings(cls.id)
        if settings is None or not settings.enabled:
            continue
        rule = cls(settings, config.lexicon)
        if isinstance(rule, ThreadRule):
            rs.thread_rules.append(rule)
        else:
            rs.comment_rules.append(rule)
    rs.comment_rules += [PatternRule(spec, config.lexicon) for spec in config.patterns
                         if spec.enabled]
    return rs
