"""Repost clusters: each original with every copy of it, for deciding them at once."""

from __future__ import annotations

from moderator.core import ThreadScores


def clusters(scores: ThreadScores) -> dict[str, list[str]]:
    """Original comment id -> the ids of its copies, both in thread order.

    A copy names its cluster's original (the earliest copy) in ``duplicate_of``; a chain of
    copies (a copy of a copy, from scores made another way) is followed to its start. Only
    originals with at least one copy are listed.
    """
    out: dict[str, list[str]] = {}
    for cid in scores.by_comment:
        root = original_of(scores, cid)
        if root != cid:
            out.setdefault(root, []).append(cid)
    position = {cid: n for n, cid in enumerate(scores.by_comment)}
    return {root: out[root] for root in sorted(out, key=lambda r: position.get(r, -1))}


def original_of(scores: ThreadScores, comment_id: str) -> str:
    """The original of ``comment_id``'s cluster (itself when it copies nothing)."""
    seen = {comment_id}
    score = scores.get(comment_id)
    while score is not None and score.duplicate_of and score.duplicate_of not in seen:
        comment_id = score.duplicate_of
        seen.add(comment_id)
        score = scores.get(comment_id)
    return comment_id


def cluster_of(scores: ThreadScores, comment_id: str) -> list[str]:
    """The original and every copy of ``comment_id``'s cluster, in thread order (just the
    comment when it is in none)."""
    root = original_of(scores, comment_id)
    copies = set(clusters(scores).get(root, ()))
    if not copies:
        return [comment_id]
    return [cid for cid in scores.by_comment if cid == root or cid in copies]
