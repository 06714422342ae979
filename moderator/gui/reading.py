"""What the controller reads from its session for the detail pane and the cluster key (plain
functions; only the controller calls them, with its own session)."""

from __future__ import annotations

from moderator.gui.details import CommentDetails
from moderator.gui.status import RowState
from moderator.session.review import ReviewSession

Key = tuple[str, str]


def details(s: ReviewSession, key: Key, state: RowState) -> CommentDetails | None:
    thread = s.thread(key[0])
    comment = thread.get(key[1])
    if comment is None:
        return None
    ts = s.scores.get(key[0])
    score = ts.get(key[1]) if ts else None
    original = thread.get(score.duplicate_of) if score and score.duplicate_of else None
    d = s.decision(key)
    return CommentDetails(key, comment, score, state, dict(ts.thresholds) if ts else {},
                          thread.parent(comment), original,
                          thread.article.title or thread.id if len(s.threads) > 1 else "",
                          d.reviewer if d else "", d.decided_at if d else "",
                          scored=ts is not None)


def cluster(s: ReviewSession, key: Key) -> list[Key]:
    """A repost's cluster in thread order: the original and every copy of it."""
    ts = s.scores.get(key[0])
    if ts is None:
        return [key]

    def root(cid: str) -> str:
        seen = set()
        while (sc := ts.get(cid)) is not None and sc.duplicate_of and cid not in seen:
            seen.add(cid)
            cid = sc.duplicate_of
        return cid

    top = root(key[1])
    members = [c.id for c in s.thread(key[0]).comments if root(c.id) == top]
    return [(key[0], cid) for cid in members] if len(members) > 1 else [key]
