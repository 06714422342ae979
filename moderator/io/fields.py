"""Comment field names as JSON keys and CSV columns spell them.

Names match ignoring case, spaces, ``_``, ``-`` and ``.``: ``Comment ID``, ``comment_id`` and
``commentId`` are one name. For each field the first alias present wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "comment_id", "cid", "_id"),
    "body": ("body", "text", "content", "message", "comment", "comment_text", "comment_body",
             "msg"),
    "author": ("author", "user", "username", "user_name", "name", "author_name", "screen_name",
               "display_name", "by"),
    "posted_at": ("posted_at", "date", "created_at", "created", "timestamp", "time", "datetime",
                  "created_utc", "published", "published_at", "posted"),
    "parent_id": ("parent_id", "parent", "reply_to", "in_reply_to", "parent_comment_id",
                  "in_reply_to_id"),
    "status": ("status", "state"),
    "thread_id": ("thread_id", "thread", "article_id"),
}
TEXT_COLUMNS = ALIASES["body"]

_SEPARATORS = re.compile(r"[\s_.\-]+")


def norm(name: str) -> str:
    """``Comment ID`` -> ``commentid``."""
    return _SEPARATORS.sub("", name.strip().strip("\ufeff\"'").lower())


_NORMED = {field: tuple(norm(a) for a in aliases) for field, aliases in ALIASES.items()}


@lru_cache(maxsize=256)
def _match(names: tuple[str, ...]) -> dict[str, int]:
    normed = [norm(n) for n in names]
    found: dict[str, int] = {}
    used: set[int] = set()
    for field, aliases in _NORMED.items():
        for alias in aliases:
            if alias in normed and normed.index(alias) not in used:
                found[field] = normed.index(alias)
                used.add(found[field])
                break
    return found


def match_names(names: Iterable[str]) -> dict[str, int]:
    """Field -> index of the name (column or key) that holds it, for the fields present."""
    return _match(tuple(names))


def pick(obj: Mapping[str, object], field: str) -> object:
    """The value of ``field`` in a JSON object under any alias, or ``None``."""
    keys = tuple(obj)
    index = match_names(keys).get(field)
    return None if index is None else obj[keys[index]]


def as_text(value: object) -> str:
    """A scalar as text: ``None`` -> ``""``, ``12.0`` -> ``12``; strings kept as written."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        for key in ("name", "username", "display_name", "displayName", "text", "id"):
            if key in value:
                return as_text(value[key])
    return ""


def as_id(value: object) -> str:
    return as_text(value).strip()
