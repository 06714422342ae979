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
    comments = []
    unread_times = 0
    for position, i in enumerate(order):
        raw = raws[i]
        posted_at = raw.posted_at or to_iso(raw.posted_at_raw)
        if raw.posted_at_raw and not posted_at:
            unread_times += 1
        parent = parents[i]
        comments.append(Comment(
            id=ids[i], body=raw.body, author=raw.author,
            parent_id="" if parent is None else ids[parent], depth=depths[i],
            posted_at=posted_at, posted_at_raw=raw.posted_at_raw, position=position,
            thread_id=thread_id, status=raw.status,
        ))
    if unread_times:
        messages.append(f"{plural(unread_times, 'comment time')} not understood "
                        "(kept as written, no date)")
    return Thread(id=thread_id, article=article, comments=tuple(comments)), messages


def _assign_ids(raws: list[RawComment], messages: list[str]) -> list[str]:
    given = {r.id for r in raws if r.id}
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
    first_by_source_id: dict[str, int] = {}
    for i, raw in enumerate(raws):
        if raw.id:
            first_by_source_id.setdefault(raw.id, i)
    parents: list[int | None] = []
    missing = 0
    for raw in raws:
        if raw.parent_index is not None and 0 <= raw.parent_index < len(raws):
            parents.append(raw.parent_index)
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
    first comment in the file, so the walk always ends."""
    seen = [False] * len(parents)
    children = _children(parents)
    for root in (i for i, p in enumerate(parents) if p is None):
        _walk(root, children, seen)
    looped = 0
    for i, was_seen in enumerate(seen):
        if not was_seen:  # i is in a loop or hangs below one
            cut = _loop_start(i, parents)
            parents[cut] = None
            looped += 1
            _walk(cut, children, seen)
    if looped:
        messages.append(f"{plural(looped, 'reply loop')} broken: the first comment of each "
                        "loop shown at top level")
        children = _children(parents)
    order: list[int] = []
    depths = [0] * len(parents)
    for root in (i for i, p in enumerate(parents) if p is None):
        stack = [(root, 0)]
        while stack:
            i, depth = stack.pop()
            depths[i] = depth
            order.append(i)
            stack.extend((c, depth + 1) for c in reversed(children[i]))
    return order, depths


def _children(parents: list[int | None]) -> list[list[int]]:
    children: list[list[int]] = [[] for _ in parents]
    for i, p in enumerate(parents):
        if p is not None:
            children[p].append(i)
    return children


def _walk(root: int, children: list[list[int]], seen: list[bool]) -> None:
    stack = [root]
    while stack:
        i = stack.pop()
        if not seen[i]:
            seen[i] = True
            stack.extend(children[i])


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
