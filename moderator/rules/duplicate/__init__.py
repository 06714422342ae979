"""Repost rules: the same text posted again by its author, or copied by someone else."""

from moderator.rules.base import Rule
from moderator.rules.duplicate.reposts import CopiedText, SameAuthorRepost

RULES: list[type[Rule]] = [SameAuthorRepost, CopiedText]
