"""What the rules say about a comment: hits with evidence, category scores and flags."""

from __future__ import annotations

from dataclasses import dataclass, field

from moderator.core.thread import Category

# Spans, hits and comment scores are frozen, but a frozen dataclass's own __init__ sets each
# field through object.__setattr__ (2.4 us a Hit), and a thread of 100,000 comments makes
# hundreds of thousands of them: these write the new instance's __dict__ at once instead
# (as unpickling does). Equality, hashing, repr and dataclasses.replace stay the generated ones.


@dataclass(frozen=True, init=False)
class Span:
    """Evidence: characters ``start:end`` of the comment body (as shown, not normalised)."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end


@dataclass(frozen=True, init=False)
class Hit:
    """One rule that fired on one comment.

    ``spans`` point into the body; a duplicate hit names the earlier comment in
    ``duplicate_of`` with its ``similarity`` in percent.
    """

    rule_id: str
    category: Category
    points: int
    reason: str
    spans: tuple[Span, ...] = ()
    duplicate_of: str = ""
    similarity: float = 0.0

    def __init__(self, rule_id: str, category: Category, points: int, reason: str,
                 spans: tuple[Span, ...] = (), duplicate_of: str = "",
                 similarity: float = 0.0) -> None:
        d = self.__dict__
        d["rule_id"] = rule_id
        d["category"] = category
        d["points"] = points
        d["reason"] = reason
        d["spans"] = spans
        d["duplicate_of"] = duplicate_of
        d["similarity"] = similarity


@dataclass(frozen=True, init=False)
class CommentScore:
    comment_id: str
    hits: tuple[Hit, ...]
    scores: dict[Category, int]
    flags: frozenset[Category]

    def __init__(self, comment_id: str, hits: tuple[Hit, ...], scores: dict[Category, int],
                 flags: frozenset[Category]) -> None:
        d = self.__dict__
        d["comment_id"] = comment_id
        d["hits"] = hits
        d["scores"] = scores
        d["flags"] = flags

    @property
    def priority(self) -> int:
        """The highest category score: the queue sorts on this."""
        return max(self.scores.values(), default=0)

    @property
    def duplicate_of(self) -> str:
        for h in self.hits:
            if h.duplicate_of:
                return h.duplicate_of
        return ""

    @property
    def similarity(self) -> float:
        for h in self.hits:
            if h.duplicate_of:
                return h.similarity
        return 0.0

    def score(self, category: Category) -> int:
        return self.scores.get(category, 0)

    def hits_for(self, category: Category) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.category is category)

    def reasons(self) -> str:
        """All reasons on one line, strongest first: ``insult.profanity +40: ...; ...``."""
        ordered = sorted(self.hits, key=lambda h: (-h.points, h.rule_id))
        return "; ".join(f"{h.rule_id} +{h.points}: {h.reason}" for h in ordered)


@dataclass(frozen=True)
class ThreadScores:
    """Scores of every comment of one thread, keyed by comment id, in thread order."""

    thread_id: str
    by_comment: dict[str, CommentScore] = field(default_factory=dict)
    thresholds: dict[Category, int] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # for the user: e.g. a custom pattern that ran away

    def __getitem__(self, comment_id: str) -> CommentScore:
        return self.by_comment[comment_id]

    def get(self, comment_id: str) -> CommentScore | None:
        return self.by_comment.get(comment_id)

    def flagged(self) -> list[CommentScore]:
        return [s for s in self.by_comment.values() if s.flags]

    def with_thresholds(self, thresholds: dict[Category, int]) -> ThreadScores:
        """The same scores flagged at other thresholds (no rule runs again): what moving a
        threshold slider does."""
        by_comment = {}
        for cid, s in self.by_comment.items():
            flags = frozenset(c for c, v in s.scores.items() if v > 0 and v >= thresholds[c])
            by_comment[cid] = s if flags == s.flags else CommentScore(cid, s.hits, s.scores,
                                                                      flags)
        return ThreadScores(self.thread_id, by_comment, dict(thresholds), self.notes)
