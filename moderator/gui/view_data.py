"""What the queue, the tree and the rules panel show, prepared as plain data (no Qt).

At 100,000 comments building the queue's rows and the tree takes about a second of Python, so
the background job that loads or scores a thread builds them too: the GUI thread only swaps
them in. The :class:`ScoreIndex` puts every comment in a bucket per category score; it draws
the rules panel's histograms and tells which comments a threshold move can re-flag, so moving
a threshold touches those comments only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from moderator.core import Category, Comment, CommentScore, Thread, ThreadScores
from moderator.gui.status import RowState

Key = tuple[str, str]
MAX_SCORE = 100
NO_PARENT = -1


@dataclass(slots=True)
class QueueRow:
    """What the queue needs of one comment, gathered once (the state again after a decision)."""

    key: Key
    comment: Comment
    score: CommentScore | None
    position: int  # order in the file
    priority: int = 0
    flags: frozenset[Category] = frozenset()
    state: RowState | None = None  # None: to be read again from the controller
    _search: str | None = None

    @classmethod
    def build(cls, key: Key, comment: Comment, score: CommentScore | None,
              position: int) -> QueueRow:
        if score is None:
            return cls(key, comment, None, position)
        return cls(key, comment, score, position, score.priority, score.flags)

    @property
    def search(self) -> str:
        """What the search box matches, case-folded (made on first use)."""
        if self._search is None:
            c = self.comment
            self._search = f"{c.author}\n{c.id}\n{c.body}".casefold()
        return self._search

    def set_score(self, score: CommentScore | None) -> None:
        self.score = score
        self.priority = score.priority if score else 0
        self.flags = score.flags if score else frozenset()
        self.state = None


def build_rows(threads: Sequence[Thread], scores: dict[str, ThreadScores],
               *, with_search: bool = False) -> list[QueueRow]:
    """Every comment in queue order: highest priority first, then file order."""
    rows = []
    for t in threads:
        ts = scores.get(t.id)
        by_comment = ts.by_comment if ts else {}
        for c in t.comments:
            rows.append(QueueRow.build((t.id, c.id), c, by_comment.get(c.id), len(rows)))
    if scores:
        # One int a row rather than a (-priority, position) tuple: the comparisons then run on
        # small ints. This runs in a background job, and a sort is one C call that holds the
        # GIL throughout, which the window needs to paint: 100,000 tuples take 170 ms, ints 27.
        # Priorities are scores, 0 to 100; positions are below len(rows).
        n = len(rows)
        rows.sort(key=lambda r: (100 - r.priority) * n + r.position)
    if with_search:
        for r in rows:
            _ = r.search
    return rows


@dataclass
class TreeData:
    """Replies under their parents, as parallel lists indexed by node id (cheap to build at
    100,000 comments). With several threads, each thread is a top-level node (key None)."""

    thread_of: list[str] = field(default_factory=list)
    key: list[Key | None] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    row: list[int] = field(default_factory=list)
    children: dict[int, list[int]] = field(default_factory=dict)
    top: list[int] = field(default_factory=list)
    node_of: dict[Key, int] = field(default_factory=dict)

    def add(self, thread_id: str, key: Key | None, parent: int) -> int:
        nid = len(self.key)
        siblings = self.top if parent == NO_PARENT else self.children.setdefault(parent, [])
        self.thread_of.append(thread_id)
        self.key.append(key)
        self.parent.append(parent)
        self.row.append(len(siblings))
        siblings.append(nid)
        if key is not None:
            self.node_of[key] = nid
        return nid

    def children_of(self, nid: int) -> list[int]:
        return self.top if nid == NO_PARENT else self.children.get(nid, _NONE)

    def sibling_lists(self) -> Iterable[list[int]]:
        yield self.top
        yield from self.children.values()


_NONE: list[int] = []


def build_tree(threads: Sequence[Thread]) -> TreeData:
    tree = TreeData()
    several = len(threads) > 1
    for thread in threads:
        tid = thread.id
        base = tree.add(tid, None, NO_PARENT) if several else NO_PARENT
        node_of = tree.node_of
        for c in thread.comments:
            parent = node_of.get((tid, c.parent_id), base) if c.parent_id else base
            tree.add(tid, (tid, c.id), parent)
    return tree


class ScoreIndex:
    """Per category, the comments at each score from 1 to 100 (a comment scoring 0 never
    flags, so only its count is kept)."""

    def __init__(self, scores: dict[str, ThreadScores]) -> None:
        self.buckets: dict[Category, list[list[Key]]] = {
            c: [[] for _ in range(MAX_SCORE + 1)] for c in Category}
        self.zero: dict[Category, int] = dict.fromkeys(Category, 0)
        for tid, ts in scores.items():
            for cid, s in ts.by_comment.items():
                for cat, value in s.scores.items():
                    if value > 0:
                        self.buckets[cat][min(value, MAX_SCORE)].append((tid, cid))
                    else:
                        self.zero[cat] += 1

    def histogram(self, category: Category) -> list[int]:
        """Comments per score, index 0 to 100 (index 0: no points in this category)."""
        counts = [len(b) for b in self.buckets[category]]
        counts[0] = self.zero[category]
        return counts

    def at_or_above(self, category: Category, threshold: int) -> int:
        """How many comments a threshold flags in this category."""
        return sum(len(b) for b in self.buckets[category][max(1, threshold):])

    def between(self, category: Category, a: int, b: int) -> list[Key]:
        """Comments whose score lies between two thresholds: the only ones a move from one
        to the other can flag or unflag."""
        lo, hi = max(1, min(a, b)), max(a, b)
        return [k for bucket in self.buckets[category][lo:hi] for k in bucket]


def flagged_keys(scores: dict[str, ThreadScores]) -> set[Key]:
    return {(tid, cid) for tid, ts in scores.items()
            for cid, s in ts.by_comment.items() if s.flags}


@dataclass(frozen=True)
class Reflagged:
    scores: dict[str, ThreadScores]
    changed: list[Key]  # comments whose automatic flags changed


def reflag(scores: dict[str, ThreadScores], index: ScoreIndex,
           thresholds: dict[Category, int]) -> Reflagged:
    """The same scores flagged at other thresholds: :meth:`ThreadScores.with_thresholds` run
    on the comments a move can change only (their scores lie between the old and the new
    threshold), so a move costs what it changes, not the size of the thread."""
    candidates: dict[str, set[str]] = {}
    for cat in Category:
        olds = {tid: ts.thresholds.get(cat) for tid, ts in scores.items()}
        for old in set(olds.values()) - {thresholds[cat]}:
            if old is None:  # never flagged at known thresholds: look at every comment
                keys: Iterable[Key] = ((t, c) for t in olds for c in scores[t].by_comment)
            else:
                keys = index.between(cat, old, thresholds[cat])
            for tid, cid in keys:
                if olds[tid] == old:
                    candidates.setdefault(tid, set()).add(cid)
    out: dict[str, ThreadScores] = {}
    changed: list[Key] = []
    for tid, ts in scores.items():
        ids = candidates.get(tid, ())
        by_comment = ts.by_comment
        if ids:
            part = ThreadScores(tid, {cid: by_comment[cid] for cid in ids}, ts.thresholds,
                                ts.notes).with_thresholds(thresholds)
            moved = {cid: s for cid, s in part.by_comment.items() if s is not by_comment[cid]}
            if moved:
                by_comment = {**by_comment, **moved}
                changed += [(tid, cid) for cid in moved]
        out[tid] = ThreadScores(tid, by_comment, dict(thresholds), ts.notes)
    return Reflagged(out, changed)


@dataclass(frozen=True)
class ViewData:
    """Everything the models need after a load or a re-score. ``tree`` is None after a
    re-score (the thread's structure has not changed)."""

    rows: list[QueueRow]
    row_of: dict[Key, int]  # the row of each comment in ``rows``
    index: ScoreIndex
    flagged: set[Key]
    tree: TreeData | None = None


def build_view(threads: Sequence[Thread], scores: dict[str, ThreadScores], *,
               with_tree: bool = True, with_search: bool = False) -> ViewData:
    rows = build_rows(threads, scores, with_search=with_search)
    return ViewData(rows, {r.key: i for i, r in enumerate(rows)}, ScoreIndex(scores),
                    flagged_keys(scores), build_tree(threads) if with_tree else None)
