"""Off-topic rules: low relevance to the article and parent, empty and meta posts, spam."""

from moderator.rules.base import Rule

RULES: list[type[Rule]] = []
