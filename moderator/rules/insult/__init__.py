"""Insult rules: profanity, attacks on a person or a group, dehumanising talk, threats."""

from moderator.rules.base import Rule

RULES: list[type[Rule]] = []
