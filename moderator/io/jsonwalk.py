"""``json.loads`` for a large text, read piece by piece so that no single call holds the GIL
for long.

``json.loads`` parses a whole document in one call into the C scanner: about 250 ms for a
66 MB thread of 100,000 comments, and the GUI thread (which needs the GIL for every paint)
cannot run meanwhile. :func:`loads` walks the containers a format names (the thread object,
its ``comments`` list...) in Python and has the scanner read each of their members (one
comment, say) on its own: the same values, with a break between members.

The walker reads only well-formed JSON of the shapes it is told about. Anything else (a
syntax error, a text that is not the expected shape, a deep nesting) it leaves to
``json.loads`` on the whole text, so results and errors are exactly those of ``json.loads``.
Texts under :data:`WALK_FROM` characters are read by ``json.loads`` directly.
"""

from __future__ import annotations

import json
import re
from typing import Any

WALK_FROM = 1 << 20  # characters
ITEM = "*"  # in a walk path: any element of an array

Path = tuple[str, ...]

_scan = json.JSONDecoder().scan_once  # (text, index) -> (value, end); StopIteration if none
_space = re.compile(r"[ \t\n\r]*").match  # what json counts as white space
_comma = re.compile(r"[ \t\n\r]*,[ \t\n\r]*").match  # between members: one call, not three


class _Unread(Exception):
    """The walker does not read this text: ``json.loads`` will."""


def loads(text: str, walk: frozenset[Path]) -> Any:
    """``json.loads(text)``: the same value, or the same ``JSONDecodeError`` or
    ``RecursionError``. ``walk`` names the containers read member by member, as paths of
    object keys and :data:`ITEM` from the top (``()`` the document itself,
    ``("comments",)`` the top object's ``comments``, ``("threads", "*")`` each element of
    ``threads``; a path is walked only when its parent is). Anything else is read whole."""
    if len(text) >= WALK_FROM:
        try:
            return _document(text, walk)
        except (_Unread, StopIteration, ValueError, IndexError, RecursionError):
            pass  # json.loads says what is wrong, exactly as for a small text
    return json.loads(text)


def _document(text: str, walk: frozenset[Path]) -> Any:
    value, end = _value(text, _space(text, 0).end(), (), walk)
    if _space(text, end).end() != len(text):
        raise _Unread
    return value


def _value(text: str, idx: int, path: Path, walk: frozenset[Path]) -> tuple[Any, int]:
    if path in walk:
        ch = text[idx:idx + 1]
        if ch == "{":
            return _object(text, idx + 1, path, walk)
        if ch == "[":
            return _array(text, idx + 1, path, walk)
    return _scan(text, idx)


def _array(text: str, idx: int, path: Path, walk: frozenset[Path]) -> tuple[list[Any], int]:
    items: list[Any] = []
    idx = _space(text, idx).end()
    if text[idx:idx + 1] == "]":
        return items, idx + 1
    child = (*path, ITEM)
    nested = child in walk
    append, scan, next_comma = items.append, _scan, _comma  # run once per comment: kept tight
    while True:
        value, idx = _value(text, idx, child, walk) if nested else scan(text, idx)
        append(value)
        comma = next_comma(text, idx)
        if comma is None:
            return items, _close(text, idx, "]")
        idx = comma.end()


def _close(text: str, idx: int, bracket: str) -> int:
    """Just past ``bracket`` (after any white space from ``idx``), else ``_Unread``."""
    idx = _space(text, idx).end()
    if text[idx:idx + 1] != bracket:
        raise _Unread
    return idx + 1


def _object(text: str, idx: int, path: Path, walk: frozenset[Path]
            ) -> tuple[dict[str, Any], int]:
    obj: dict[str, Any] = {}
    idx = _space(text, idx).end()
    if text[idx:idx + 1] == "}":
        return obj, idx + 1
    while True:
        if text[idx:idx + 1] != '"':
            raise _Unread
        key, idx = _scan(text, idx)
        idx = _space(text, idx).end()
        if text[idx:idx + 1] != ":":
            raise _Unread
        obj[key], idx = _value(text, _space(text, idx + 1).end(), (*path, key), walk)
        comma = _comma(text, idx)
        if comma is None:
            return obj, _close(text, idx, "}")
        idx = comma.end()
