"""Reddit thread JSON: what ``https://www.reddit.com/r/SUB/comments/ID/SLUG/.json`` serves.

    [ {"kind": "Listing", "data": {"children": [                       <- the post
          {"kind": "t3", "data": {"id": "1ab2cd", "name": "t3_1ab2cd", "title": "...",
                                  "selftext": "...", "url": "...", "permalink": "/r/...",
                                  "author": "...", "created_utc": 1707127200.0}}]}},
      {"kind": "Listing", "data": {"children": [                       <- the comments
          {"kind": "t1", "data": {"id": "k1", "name": "t1_k1", "parent_id": "t3_1ab2cd",
                                  "author": "maria", "body": "...", "created_utc": 1707130800.0,
                                  "depth": 0,
                                  "replies": "" or {"kind": "Listing", "data": {"children": [
                                      ... t1 replies, nested the same way ...]}}}},
          {"kind": "more", "data": {"count": 7, "children": ["k9", "k10", ...],
                                    "parent_id": "t3_1ab2cd"}}]}} ]

Also accepted: the comments Listing alone (no post), and a single-comment page whose first
comment replies to a comment the page does not include (it hangs at top level).

What is read:
- One thread, id the post's ``id`` (else the ``t3_`` the comments reply to, else the file
  name). Article: the post's title, ``url`` (the linked page; for a text post its own address)
  or else the permalink, and ``selftext`` (Markdown, kept as written).
- Comments in the nesting order; ``id`` without the ``t1_`` prefix. Reddit escapes ``&``, ``<``
  and ``>`` in its JSON (``&amp;``...); they are unescaped in bodies and titles.
- ``status``: ``deleted`` for a ``[deleted]`` body, ``removed`` for ``[removed]`` (or a
  moderator's ``removed: true``), ``spam`` for ``spam: true``, ``approved`` for
  ``approved: true`` (those flags appear only in a moderator's download); else empty. Such
  comments are kept: their replies stand on them.
- ``more`` stubs are not comments: "12 replies not loaded (Reddit 'more' links)" (the sum of
  their counts); "continue this thread" stubs (count 0) are counted as deeper chains not loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from moderator.core import Article, InputError, LoadResult
from moderator.io.common import plural, thread_id_from_path
from moderator.io.fields import as_id, as_text
from moderator.io.jsonwalk import ITEM, loads
from moderator.io.times import raw_text, to_iso
from moderator.io.tree import RawComment, build_thread

NAME = "reddit"
ALIASES = ("reddit-json",)
EXTENSIONS = ()

_START = re.compile(r"\s*[\[{]")
_KIND = re.compile(r'"kind"\s*:\s*"(?:Listing|t1|t3)"')
_SORTED = re.compile(r'\s*\[?\s*\{\s*"data"\s*:')  # keys sorted: "data" before "kind"
_FULL_NAME = re.compile(r'"(?:name|link_id|parent_id)"\s*:\s*"t[13]_')
# Read member by member in a large file (see moderator.io.jsonwalk): down to the Listings'
# children, each top-level comment (with its replies) read whole.
_WALK = frozenset({(), (ITEM,), (ITEM, "data"), (ITEM, "data", "children"), ("data",),
                   ("data", "children")})
_SITE = "https://www.reddit.com"
_EXPECTED = ("expected a Reddit thread: the list of two Listings (the post, then its "
             "comments) that a thread's .json address serves")


def sniff(text: str) -> bool:
    """JSON with a Reddit ``kind`` (``Listing``, ``t1``, ``t3``) near the start; or, when the
    keys were sorted (``data`` before ``kind``), a ``t3_``/``t1_`` full name near the start."""
    if _START.match(text) is None:
        return False
    head = text[:4096]
    if _KIND.search(head):
        return True
    return _SORTED.match(head) is not None and _FULL_NAME.search(head) is not None


def parse(text: str, path: str) -> LoadResult:
    data = _loads(text, path)
    post, comments = _listings(data, path)
    article, thread_id = _article(post)
    raws: list[RawComment] = []
    stubs = _Stubs()
    _walk(comments, raws, stubs)
    if not thread_id:
        thread_id = next((r.parent_id[3:] for r in raws if r.parent_id.startswith("t3_")), "")
    thread_id = thread_id or thread_id_from_path(path)
    for raw in raws:
        raw.parent_id = "" if raw.parent_id.startswith("t3_") else raw.parent_id[3:]
    thread, notes = build_thread(thread_id, article, raws)
    messages = stubs.messages() + notes
    return LoadResult(path=path, format=NAME, threads=(thread,), messages=tuple(messages))


def _loads(text: str, path: str) -> Any:
    try:
        return loads(text, _WALK)
    except json.JSONDecodeError as exc:
        cut = " (the file looks cut short)" if exc.pos >= len(text.rstrip()) else ""
        raise InputError(f"broken JSON at column {exc.colno}: {exc.msg}{cut}", path=path,
                         line=exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path=path) from None


def _children(listing: Any) -> list[Any] | None:
    """The ``children`` of a ``Listing``, or ``None`` when ``listing`` is not one."""
    if not isinstance(listing, Mapping) or listing.get("kind") != "Listing":
        return None
    data = listing.get("data")
    children = data.get("children") if isinstance(data, Mapping) else None
    return children if isinstance(children, list) else []


def _listings(data: Any, path: str) -> tuple[Mapping[str, Any], list[Any]]:
    """The post's data (``{}`` when there is none) and the top-level comment things."""
    listings = data if isinstance(data, list) else [data]
    parts = [_children(item) for item in listings]
    if not listings or any(part is None for part in parts):
        raise InputError(_EXPECTED, path=path)
    post: Mapping[str, Any] = {}
    comments: list[Any] = []
    for part in parts:
        for thing in part or []:
            kind = thing.get("kind") if isinstance(thing, Mapping) else None
            if kind == "t3" and not post and isinstance(thing.get("data"), Mapping):
                post = thing["data"]
            elif kind != "t3":
                comments.append(thing)
    return post, comments


def _article(post: Mapping[str, Any]) -> tuple[Article, str]:
    permalink = as_text(post.get("permalink")).strip()
    if permalink.startswith("/"):
        permalink = _SITE + permalink
    url = as_text(post.get("url")).strip() or permalink
    article = Article(title=_unescape(as_text(post.get("title"))), url=url,
                      body=_unescape(as_text(post.get("selftext"))))
    return article, as_id(post.get("id"))


class _Stubs:
    """``more`` things met on the way."""

    def __init__(self) -> None:
        self.replies = 0
        self.chains = 0
        self.other = 0

    def add(self, data: Any) -> None:
        count = data.get("count") if isinstance(data, Mapping) else None
        if isinstance(count, int) and not isinstance(count, bool) and count > 0:
            self.replies += count
        else:
            self.chains += 1

    def messages(self) -> list[str]:
        notes = []
        if self.replies:
            notes.append(f"{plural(self.replies, 'reply', 'replies')} not loaded "
                         "(Reddit 'more' links)")
        if self.chains:
            notes.append(f"{plural(self.chains, 'deeper reply chain')} not loaded "
                         "(Reddit 'continue this thread' links)")
        if self.other:
            notes.append(f"{plural(self.other, 'entry', 'entries')} that are not comments "
                         "skipped")
        return notes


def _walk(things: list[Any], raws: list[RawComment], stubs: _Stubs) -> None:
    """Comments in document order, a comment then its replies; iterative, so deep nesting
    cannot overflow the stack. ``parent_id`` keeps Reddit's ``t1_``/``t3_`` prefix here."""
    stack: list[tuple[Any, int | None]] = [(thing, None) for thing in reversed(things)]
    while stack:
        thing, parent = stack.pop()
        kind = thing.get("kind") if isinstance(thing, Mapping) else None
        data = thing.get("data") if isinstance(thing, Mapping) else None
        if kind == "more":
            stubs.add(data)
            continue
        if kind != "t1" or not isinstance(data, Mapping):
            stubs.other += 1
            continue
        raws.append(_comment(data, parent))
        index = len(raws) - 1
        replies = _children(data.get("replies")) or []
        stack.extend((reply, index) for reply in reversed(replies))


def _comment(data: Mapping[str, Any], parent: int | None) -> RawComment:
    body = as_text(data.get("body"))
    time = data.get("created_utc", data.get("created"))
    comment_id = as_id(data.get("id")) or as_id(data.get("name")).removeprefix("t1_")
    parent_id = as_id(data.get("parent_id"))
    if not parent_id.startswith(("t1_", "t3_")):
        parent_id = "t1_" + parent_id if parent_id else ""
    return RawComment(
        body=_unescape(body), id=comment_id, parent_id=parent_id, parent_index=parent,
        author=as_text(data.get("author")).strip(), posted_at=to_iso(time),
        posted_at_raw=raw_text(time), status=_status(data, body.strip()),
    )


def _status(data: Mapping[str, Any], body: str) -> str:
    if data.get("spam") is True:
        return "spam"
    if body == "[removed]" or data.get("removed") is True:
        return "removed"
    if body == "[deleted]":
        return "deleted"
    if data.get("approved") is True:
        return "approved"
    return ""


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
