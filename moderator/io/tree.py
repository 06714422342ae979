"""Comments as a loader read them (document order) to a Thread in thread order.

Rules shared by every format:
- ids: from the source, else ``c1``, ``c2``... by document position (skipping ids the source
  uses); a repeated id gets a suffix (``k7-2``) and a message; replies by id go to the first.
- parents: a structural parent (nesting, indentation) wins over a ``parent_id`` link; a parent
  that does not exist, and links in a loop, leave the reply at top level with ``parent_id`` ""
  and a message: a reply is never dropped. ``0``, ``null`` and ``none`` mean "no parent" unless a
  comment has that id.
- order: depth first, a comment followed by its replies, siblings in document order.
- depth: 0 at top level, from the parent chain. ``position``: index in thread order.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderator.core import Article, Comment, Thread
from moderator.io.common import plural, unique
from moderator.io.times import to_iso

_NO_PARENT = frozenset({"", "0", "null", "none", "nil"})


@dataclass(slots=True)
class RawComment:
    """One comment in document order, before threading."""

    body: str
    id: str = ""
    parent_id: str = ""
    parent_index: int | None = None  # index of the structural parent in the list, if any
    author: str = ""
    posted_at: str = ""  # ISO 8601 when the loader already knows it; else parsed from raw
    posted_at_raw: str = ""
    status: str = ""
    line: int | None = None  # where the comment starts in the file, when known


def build_thread(thread_id: str, article: Article,
                 raws: list[RawComment]) -> tuple[Thread, list[str]]:
    """The thread and messages for the user about anything that was repaired."""
    messages: list[str] = []
    ids = _assign_ids(raws, messages)
    parents = _resolve_parents(raws, ids, messages)
    order, depths = _order(parents, messages)
    parent_ids = ["" if p is None else ids[p] for p in parents]
    times: dict[str, str] = {}  # each time text parsed once, however many comments share it
    comments = []
    unread_times = 0
    for position, i in enumerate(order):
        raw = raws[i]
        posted_at = raw.posted_at
        if not posted_at and raw.posted_at_raw:
            posted_at = times.get(raw.posted_at_raw)
            if posted_at is None:
                posted_at = times[raw.posted_at_raw] = to_iso(raw.posted_at_raw)
            if not posted_at:
                unread_times += 1
        comments.append(Comment(
            id=ids[i], body=raw.body, author=raw.author, parent_id=parent_ids[i],
            depth=depths[i], posted_at=posted_at, posted_at_raw=raw.posted_at_raw,
            position=position, thread_id=thread_id, status=raw.status,
        ))
    if unread_times:
        messages.append(f"{plural(unread_times, 'comment time')} not understood "
                        "(kept as written, no date)")
    return Thread(id=thread_id, article=article, comments=tuple(comments)), messages


def _assign_ids(raws: list[RawComment], messages: list[str]) -> list[str]:
    source = [r.id for r in raws]
    given = set(source)
    if len(given) == len(source) and "" not in given:
        return source  # the common case: every comment has an id of its own, kept as it is
    given.discard("")
    taken: set[str] = set()
    ids = []
    repeats: list[str] = []
    for n, raw in enumerate(raws, start=1):
        if raw.id:
            if raw.id in taken:
                where = f" (line {raw.line})" if raw.line is not None else ""
                repeats.append(f"{raw.id!r}{where}")
            ids.append(unique(raw.id, taken))
        else:
            ids.append(unique(_free_id(n, given), taken))
    if repeats:
        shown = ", ".join(repeats[:3]) + (", ..." if len(repeats) > 3 else "")
        messages.append(f"{plural(len(repeats), 'repeated comment id')} made unique "
                        f"with a suffix: {shown}")
    return ids


def _free_id(n: int, given: set[str]) -> str:
    candidate = f"c{n}"
    while candidate in given:
        candidate += "x"
    return candidate


def _resolve_parents(raws: list[RawComment], ids: list[str],
                     messages: list[str]) -> list[int | None]:
    count = len(raws)
    # The first comment with each source id: built from the end, so earlier ones win.
    first_by_source_id = dict(zip(reversed([raw.id for raw in raws]), range(count - 1, -1, -1),
                                  strict=True))
    first_by_source_id.pop("", None)
    parents: list[int | None] = []
    missing = 0
    for raw in raws:
        index = raw.parent_index
        if index is not None and 0 <= index < count:
            parents.append(index)
            continue
        ref = raw.parent_id.strip()
        target = first_by_source_id.get(ref) if ref else None
        if target is None and ref.lower() not in _NO_PARENT:
            missing += 1
        parents.append(target)
    if missing:
        messages.append(f"{plural(missing, 'reply', 'replies')} whose parent is missing "
                        "shown at top level")
    return parents


def _order(parents: list[int | None], messages: list[str]) -> tuple[list[int], list[int]]:
    """Depth-first thread order and depths. Parent links in a loop are cut first, at the loop's
    first comment in the file, so the walk always ends.

    The walk from the top-level comments reaches every comment unless there is a loop (the
    common case: one walk); else the loops are cut and the thread walked again."""
    children = _children(parents)
    order = _preorder(parents, children)
    if len(order) < len(parents):
        seen = [False] * len(parents)
        for i in order:
            seen[i] = True
        looped = 0
        for i, was_seen in enumerate(seen):
            if not was_seen:  # i is in a loop or hangs below one
                cut = _loop_start(i, parents)
                parents[cut] = None
                looped += 1
                _walk(cut, children, seen)
        messages.append(f"{plural(looped, 'reply loop')} broken: the first comment of each "
                        "loop shown at top level")
        children = _children(parents)
        order = _preorder(parents, children)
    depths = [0] * len(parents)
    for i in order:  # a parent comes before its replies
        parent = parents[i]
        if parent is not None:
            depths[i] = depths[parent] + 1
    return order, depths


def _preorder(parents: list[int | None], children: dict[int, list[int]]) -> list[int]:
    """Each top-level comment followed by its replies (depth first), siblings in file order."""
    stack = [i for i, p in enumerate(parents) if p is None]
    stack.reverse()
    order: list[int] = []
    while stack:
        i = stack.pop()
        order.append(i)
        replies = children.get(i)
        if replies:
            stack.extend(reversed(replies))
    return order


def _children(parents: list[int | None]) -> dict[int, list[int]]:
    """Replies by parent, in file order; comments without replies are not keys."""
    children: dict[int, list[int]] = {}
    for i, p in enumerate(parents):
        if p is not None:
            replies = children.get(p)
            if replies is None:
                children[p] = [i]
            else:
                replies.append(i)
    return children


def _walk(root: int, children: dict[int, list[int]], seen: list[bool]) -> None:
    stack = [root]
    while stack:
        i = stack.pop()
        if not seen[i]:
            seen[i] = True
            stack.extend(children.get(i, ()))


def _loop_start(i: int, parents: list[int | None]) -> int:
    """The member of the loop above ``i`` that comes first in the file."""
    path: dict[int, int] = {}
    node: int | None = i
    while node is not None and node not in path:
        path[node] = len(path)
        node = parents[node]
    if node is None:  # cannot happen for a comment the walk from the roots did not see
        return i
    loop = [k for k, pos in path.items() if pos >= path[node]]
    return min(loop)
