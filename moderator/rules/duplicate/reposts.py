"""The two repost rules. Both read one detection pass per thread (see :mod:`.detect`)."""

from __future__ import annotations

from datetime import datetime

from moderator.core import Category, Hit
from moderator.rules.base import ThreadContext, ThreadRule
from moderator.rules.duplicate.detect import Match, find_reposts
from moderator.rules.text import lower

_CACHE_KEY = "duplicate.matches"
DETECT_PARAMS = {"min_similarity": 85.0, "min_words": 6}


def _time_key(value: str) -> float | None:
    try:
        return datetime.fromisoformat(value).timestamp() if value else None
    except ValueError:
        return None


def _matches(thread: ThreadContext, params: dict) -> list[Match]:
    """Run detection once per thread, shared by both rules (they may set the same params)."""
    key = (_CACHE_KEY, params["min_similarity"], params["min_words"])
    found = thread.cache.get(key)
    if found is None:
        comments = thread.thread.comments
        times = [_time_key(c.posted_at) for c in comments]
        if all(t is not None for t in times):
            order = sorted(range(len(comments)), key=lambda i: (times[i], i))
        else:  # without a time on every comment, thread order is the best evidence
            order = list(range(len(comments)))
        words = [thread.word_list(c) for c in comments]
        found = find_reposts(words, order, min_similarity=params["min_similarity"],
                             min_words=params["min_words"])
        thread.cache[key] = found
    return found


class _RepostRule(ThreadRule):
    category = Category.DUPLICATE
    default_params = DETECT_PARAMS
    same_author: bool

    def check_thread(self, thread: ThreadContext) -> dict[str, Hit]:
        comments = thread.thread.comments
        out = {}
        for m in _matches(thread, self.params):
            copy, original = comments[m.copy], comments[m.original]
            same = bool(copy.author) and lower(copy.author.strip()) == \
                lower(original.author.strip())
            if same != self.same_author:
                continue
            out[copy.id] = self.hit(
                self.reason(original.author, original.id, m.similarity),
                spans=[thread.context(copy).span(0, len(thread.context(copy).text))],
                duplicate_of=original.id,
                similarity=m.similarity,
            )
        return out

    def reason(self, author: str, original_id: str, similarity: float) -> str:
        raise NotImplementedError


class SameAuthorRepost(_RepostRule):
    """The author posted (nearly) the same text before; the earliest copy stays unflagged.

    Catches a reader who reposts a comment as a reply and again at top level, or resubmits
    after an edit. Texts under ``min_words`` words ("Thanks!") are never reposts.
    """

    id = "duplicate.same_author_repost"
    default_points = 60
    summary = "The same author posted nearly the same text earlier."
    same_author = True

    def reason(self, author: str, original_id: str, similarity: float) -> str:
        return f"reposts their own comment {original_id} ({similarity:.0f}% the same)"


class CopiedText(_RepostRule):
    """Another author posted nearly the same text earlier: copy-paste campaigns, spam waves.

    A reply that quotes a sentence of another comment and adds its own words is not a copy:
    the whole texts are compared, not the shared part.
    """

    id = "duplicate.copied_text"
    default_points = 50
    summary = "Nearly the same text as an earlier comment by another author."
    same_author = False

    def reason(self, author: str, original_id: str, similarity: float) -> str:
        who = f" by {author}" if author else ""
        return f"copies comment {original_id}{who} ({similarity:.0f}% the same)"
