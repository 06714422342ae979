"""Plain data for the whole app: threads, comments, rule hits, scores and decisions.

No Qt, no I/O: everything here is a frozen dataclass or an Enum.
"""

from moderator.core.decision import Action, Decision, DecisionKind
from moderator.core.errors import InputError, ModeratorError, RulesError
from moderator.core.scoring import CommentScore, Hit, Span, ThreadScores
from moderator.core.thread import Article, Category, Comment, LoadResult, Thread

__all__ = [
    "Action",
    "Article",
    "Category",
    "Comment",
    "CommentScore",
    "Decision",
    "DecisionKind",
    "Hit",
    "InputError",
    "LoadResult",
    "ModeratorError",
    "RulesError",
    "Span",
    "Thread",
    "ThreadScores",
]
