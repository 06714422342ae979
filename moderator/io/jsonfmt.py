"""JSON thread files.

    {"article": {"title": "...", "url": "...", "body": "..."},
     "comments": [{"id": "a1", "parent_id": null, "author": "ann",
                   "posted_at": "1455029564375", "body": "...",
                   "replies": [{"id": "a2", "author": "bob", "body": "..."}]}]}

Comments may link to their parent by ``parent_id`` (flat), nest under ``replies`` or
``children``, or both. Field names take the aliases in ``moderator.io.fields`` (``text``,
``user``, ``created_at``...). ``posted_at`` may be ISO 8601 or epoch seconds/milliseconds as a
number or a string (read as UTC). Also accepted: ``{"threads": [thread, ...]}``, a list of
threads, and a bare list of comments. The thread id is the thread's ``id`` (or
``thread_id``), else the file name without extension.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from moderator.core import Article, InputError, LoadResult, Thread
from moderator.io.common import plural, release, thread_id_from_path, unique
from moderator.io.fields import as_id, as_text, match_names
from moderator.io.jsonwalk import ITEM, loads
from moderator.io.times import raw_text, to_iso
from moderator.io.tree import RawComment, build_thread

NAME = "json"
ALIASES = ("js",)
EXTENSIONS = (".json",)

_START = re.compile(r"\s*(\{|\[\s*([\[\{\]\"\d-]|$|true|false|null))")
_REPLIES = ("replies", "children", "responses")
_FIELDS = ("body", "id", "parent_id", "author", "posted_at", "status")
# Read member by member in a large file (see moderator.io.jsonwalk): the thread object and its
# comments list, and a "threads" list of such objects. A bare list's elements are read whole.
_WALK = frozenset({(), ("comments",), ("threads",), ("threads", ITEM),
                   ("threads", ITEM, "comments")})


def sniff(text: str) -> bool:
    """Starts like a JSON object, or like an array of values (not a '[Note] ...' line)."""
    return _START.match(text[:200]) is not None


def parse(text: str, path: str) -> LoadResult:
    data = _loads(text, path)
    stem = thread_id_from_path(path)
    thread_objs = _thread_objects(data, path)
    taken: set[str] = set()
    threads: list[Thread] = []
    messages: list[str] = []
    for n, obj in enumerate(thread_objs, start=1):
        fallback = stem if len(thread_objs) == 1 else f"{stem}-{n}"
        thread_id = unique(as_id(obj.get("id") or obj.get("thread_id")) or fallback, taken)
        items = obj.get("comments") or []
        raws, skipped = _flatten(items)
        thread, notes = build_thread(thread_id, _article(obj.get("article")), raws)
        release(raws)  # the parsed entries, no longer needed: freed a slice at a time
        if type(items) is list:
            release(items)
        if skipped:
            notes.append(f"{plural(skipped, 'entry', 'entries')} in 'comments' that are not "
                         "comment objects skipped")
        prefix = f"thread {thread_id}: " if len(thread_objs) > 1 else ""
        messages.extend(prefix + note for note in notes)
        threads.append(thread)
    return LoadResult(path=path, format=NAME, threads=tuple(threads), messages=tuple(messages))


def _loads(text: str, path: str) -> Any:
    try:
        return loads(text, _WALK)
    except json.JSONDecodeError as exc:
        cut = " (the file looks cut short)" if exc.pos >= len(text.rstrip()) else ""
        raise InputError(f"broken JSON at column {exc.colno}: {exc.msg}{cut}",
                         path=path, line=exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read", path=path) from None


def _thread_objects(data: Any, path: str) -> list[Mapping[str, Any]]:
    """The thread objects in any accepted layout, each with a ``comments`` list."""
    if isinstance(data, Mapping):
        if isinstance(data.get("threads"), list):
            items = data["threads"]
            if all(isinstance(t, Mapping) for t in items):
                return [_as_thread(t) for t in items]
        elif isinstance(data.get("comments"), list):
            return [data]
    elif isinstance(data, list):
        if data and all(isinstance(t, Mapping) and isinstance(t.get("comments"), list)
                        for t in data):
            return list(data)
        return [{"comments": data}]
    if isinstance(data, Mapping):
        found = "an object with keys " + ", ".join(list(map(str, data))[:8]) if data else "{}"
    else:
        kinds = {str: "a string", bool: "true/false", type(None): "null"}
        found = kinds.get(type(data), "a number")
    raise InputError('expected a thread: an object with a "comments" list (or a "threads" '
                     f"list, or a list of comments); found {found}", path=path)


def _as_thread(obj: Mapping[str, Any]) -> Mapping[str, Any]:
    return obj if isinstance(obj.get("comments"), list) else {**obj, "comments": []}


def _article(obj: Any) -> Article:
    if isinstance(obj, str):
        return Article(body=obj)
    if not isinstance(obj, Mapping):
        return Article()
    title = obj.get("title", obj.get("headline"))
    url = obj.get("url", obj.get("link", obj.get("permalink")))
    body = obj.get("body", obj.get("text", obj.get("content")))
    return Article(title=as_text(title), url=as_text(url), body=as_text(body))


def _flatten(items: list[Any]) -> tuple[list[RawComment], int]:
    """Comments in document order (a comment, then its nested replies); and the count of
    entries that are not objects. Iterative, so deep nesting cannot overflow the stack.

    The loop runs once per comment (100,000 in a large thread), so it does little: which keys
    hold which field is worked out once per distinct set of keys, strings (the common case)
    skip the general conversions of ``as_text``/``as_id``, and a time text is parsed once
    however many comments share it (``to_iso`` of a text depends on the text alone)."""
    raws: list[RawComment] = []
    skipped = 0
    layouts: dict[tuple[str, ...], tuple[Any, ...]] = {}
    times: dict[str, tuple[str, str]] = {}  # time text -> (ISO 8601, as written)
    # Iterators of the lists being read, innermost last: a comment's replies are read before
    # the rest of its list (document order).
    stack: list[tuple[Iterator[Any], int | None]] = [(iter(items), None)]
    while stack:
        entries, parent = stack[-1]
        for item in entries:
            if type(item) is not dict and not isinstance(item, Mapping):
                skipped += 1
                continue
            keys = tuple(item)
            layout = layouts.get(keys)
            if layout is None:
                layout = layouts[keys] = _layout(keys)
            k_body, k_id, k_parent, k_author, k_time, k_status, k_replies = layout
            # A missing field's key is None: no JSON key, so .get gives None, read as "".
            body, time = item.get(k_body), item.get(k_time)
            cid, parent_id = item.get(k_id), item.get(k_parent)
            author, status = item.get(k_author), item.get(k_status)
            if type(time) is str:
                pair = times.get(time)
                if pair is None:
                    pair = times[time] = (to_iso(time), time.strip())  # = raw_text(time)
                posted_at, posted_at_raw = pair
            else:
                posted_at, posted_at_raw = to_iso(time), raw_text(time)
            raws.append(RawComment(
                body=body if type(body) is str else as_text(body),
                id=cid.strip() if type(cid) is str else as_id(cid),
                parent_id=parent_id.strip() if type(parent_id) is str else as_id(parent_id),
                parent_index=parent,
                author=(author if type(author) is str else as_text(author)).strip(),
                posted_at=posted_at, posted_at_raw=posted_at_raw,
                status=(status if type(status) is str else as_text(status)).strip(),
            ))
            replies = None
            for k in k_replies:  # the first that holds a list
                if isinstance(item[k], list):
                    replies = item[k]
                    break
            if replies:  # read them now, then the rest of this list
                stack.append((iter(replies), len(raws) - 1))
                break
        else:
            stack.pop()
    return raws, skipped


def _layout(keys: tuple[str, ...]) -> tuple[Any, ...]:
    """The keys holding ``_FIELDS`` (None for a field not present), then the keys that may
    hold replies, in the order they are tried."""
    found = match_names(keys)
    fields = tuple(None if found.get(f) is None else keys[found[f]] for f in _FIELDS)
    return (*fields, tuple(k for k in _REPLIES if k in keys))
