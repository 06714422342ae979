"""Scoring one text on its own, with optional article and parent: rule examples, rule tests."""

from __future__ import annotations

from moderator.core import Article, Comment, CommentScore, Thread
from moderator.rules.scorer import Scorer


def one_comment_thread(text: str, *, parent: str = "", article: str = "",
                       author: str = "reader") -> Thread:
    """A thread holding ``text`` (as a reply to ``parent`` when given) under ``article``."""
    comments = []
    if parent:
        comments.append(Comment("parent", parent, author="someone else", position=0))
    comments.append(Comment("text", text, author=author, parent_id="parent" if parent else "",
                            depth=1 if parent else 0, position=len(comments)))
    return Thread("example", Article(title="", body=article), tuple(comments))


def score_text(scorer: Scorer, text: str, *, parent: str = "", article: str = "") -> CommentScore:
    thread = one_comment_thread(text, parent=parent, article=article)
    return scorer.score_thread(thread)["text"]
