"""Off-topic rules: low relevance to the article and parent, empty and meta posts, spam."""

from moderator.rules.base import Rule
from moderator.rules.off_topic.empty import Empty
from moderator.rules.off_topic.meta import Meta
from moderator.rules.off_topic.relevance import LowRelevance
from moderator.rules.off_topic.spam import Link, Spam

RULES: list[type[Rule]] = [LowRelevance, Empty, Meta, Spam, Link]
