"""Threads and comments as loaded from a file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    """The three kinds of trouble a comment can be flagged for."""

    INSULT = "insult"
    OFF_TOPIC = "off_topic"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return {"insult": "Insult", "off_topic": "Off-topic", "duplicate": "Repost"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Category:
        """``insult``, ``off-topic``, ``off_topic``, ``Duplicate`` ... to a Category."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"offtopic": "off_topic", "repost": "duplicate", "insults": "insult"}
        key = aliases.get(key, key)
        try:
            return cls(key)
        except ValueError:
            names = ", ".join(c.value for c in cls)
            raise ValueError(f"unknown category {text!r} (expected one of {names})") from None


@dataclass(frozen=True)
class Article:
    title: str = ""
    url: str = ""
    body: str = ""


@dataclass(frozen=True, init=False)
class Comment:
    """One reader comment. ``parent_id`` is ``""`` at top level; ``depth`` is 0 there.

    ``posted_at`` is ISO 8601 when the source time could be parsed, else ``""``;
    ``posted_at_raw`` keeps the source text. ``position`` is the 0-based index in thread order.
    ``status`` is the platform's status where the source has one (``approved``, ``spam``...).
    """

    id: str
    body: str
    author: str = ""
    parent_id: str = ""
    depth: int = 0
    posted_at: str = ""
    posted_at_raw: str = ""
    position: int = 0
    thread_id: str = ""
    status: str = ""

    def __init__(self, id: str, body: str, author: str = "", parent_id: str = "",
                 depth: int = 0, posted_at: str = "", posted_at_raw: str = "",
                 position: int = 0, thread_id: str = "", status: str = "") -> None:
        # Frozen, but set at once rather than a field at a time through object.__setattr__
        # (see moderator.core.scoring): loading 100,000 comments makes 100,000 of these.
        d = self.__dict__
        d["id"] = id
        d["body"] = body
        d["author"] = author
        d["parent_id"] = parent_id
        d["depth"] = depth
        d["posted_at"] = posted_at
        d["posted_at_raw"] = posted_at_raw
        d["position"] = position
        d["thread_id"] = thread_id
        d["status"] = status


@dataclass(frozen=True)
class Thread:
    """An article and its comments in thread order (a parent always before its replies)."""

    id: str
    article: Article
    comments: tuple[Comment, ...]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {c.id: i for i, c in enumerate(self.comments)})

    def __len__(self) -> int:
        return len(self.comments)

    def __iter__(self) -> Iterator[Comment]:
        return iter(self.comments)

    def get(self, comment_id: str) -> Comment | None:
        i = self._index.get(comment_id)
        return None if i is None else self.comments[i]

    def parent(self, comment: Comment) -> Comment | None:
        return self.get(comment.parent_id) if comment.parent_id else None

    def children(self, comment_id: str) -> list[Comment]:
        return [c for c in self.comments if c.parent_id == comment_id]


@dataclass(frozen=True)
class LoadResult:
    """What a loader read from one file: one or more threads, and notes for the user
    (for example "3 pingbacks skipped", "12 replies not loaded")."""

    path: str
    format: str
    threads: tuple[Thread, ...]
    messages: tuple[str, ...] = ()
    # the file's size and modification time (ns) as it was read; None for text not read from
    # a file. Not part of equality: the same threads are equal wherever they came from.
    stamp: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def comment_count(self) -> int:
        return sum(len(t) for t in self.threads)

    def thread(self, thread_id: str | None = None) -> Thread:
        """The thread named ``thread_id``, or the only/first one when none is named."""
        if thread_id is None:
            return self.threads[0]
        for t in self.threads:
            if t.id == thread_id:
                return t
        known = ", ".join(t.id for t in self.threads)
        raise KeyError(f"no thread {thread_id!r} in {self.path} (threads: {known})")
