"""Plain-text page: an article as copied from a news site, then its reader comments.

    By Matthew Rojansky, Special to CNN          <- article text (title: see below)

    There are plenty of reasons ...

      1. Enitan                                  <- top level: indented "N. Author"

        You westerners are sick ...              <- body, indented deeper than its header

        January 4, 2014 at 3:31 am | Reply       <- time line closes the comment
        • Danram                                 <- reply: indented "• Author"

          At least we know ...

          January 5, 2014 at 11:24 am | Reply

Nesting comes from indentation: a ``•`` reply belongs to the nearest comment above it whose
header is indented less. The body (which may be empty) runs to the time line; ``| Reply`` may be
missing or be a bare ``|``. The comments start at the first ``N. Author`` line whose body is
indented deeper and closed by a time line, so numbered or bulleted lists in the article stay
article text. A page without comments is a thread of zero comments.

Ids are ``c1``, ``c2``... in document order; the thread id is the file name without extension.
The article title is the first short line of at least three words at the top (not a byline
such as "By ..."), dropped from the body together with an immediate repeat of it.
"""

from __future__ import annotations

import re

from moderator.core import Article, LoadResult
from moderator.io.common import plural, thread_id_from_path
from moderator.io.tree import RawComment, build_thread

NAME = "text"
ALIASES = ("txt", "plain", "plaintext", "page")
EXTENSIONS = (".txt",)

_TOP = re.compile(r"^(?P<indent>\s*)\d{1,5}\.(?:\s+(?P<author>.*?))?\s*$")
_REPLY = re.compile(r"^(?P<indent>\s*)[•◦‣·](?:\s+(?P<author>.*?))?\s*$")
_TIME = re.compile(
    r"^\s*(?P<time>[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4},?(?:\s+at)?\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"\s*[AaPp]\.?\s?[Mm]\.?)\s*(?:\|\s*(?:Reply\s*)?)?$"
)
_TITLE_MAX = 150


def sniff(text: str) -> bool:
    """Any text can be a page (perhaps of zero comments): this format is the fallback."""
    return True


def parse(text: str, path: str) -> LoadResult:
    lines = text.split("\n")
    start = _first_comment(lines)
    messages: list[str] = []
    raws: list[RawComment] = []
    if start is None:
        start = len(lines)
        times = sum(1 for line in lines if _TIME.match(line))
        if times:
            verb = "looks" if times == 1 else "look"
            messages.append(f"no comments recognised, although {plural(times, 'line')} {verb} "
                            "like comment times; expected an indented 'N. Author' or '• Author' "
                            "line above each comment")
    else:
        _read_comments(lines, start, raws, messages)
    thread_id = thread_id_from_path(path)
    thread, notes = build_thread(thread_id, _article(lines[:start]), raws)
    return LoadResult(path=path, format=NAME, threads=(thread,), messages=(*messages, *notes))


def _indent(line: str) -> int:
    """Width of the leading white space (a tab counts to the next multiple of 4)."""
    return len(_lead(line).expandtabs(4))


def _lead(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _header(line: str) -> tuple[int, bool, str] | None:
    """(indentation, top level?, author) of a comment header line."""
    for pattern, top in ((_TOP, True), (_REPLY, False)):
        m = pattern.match(line)
        if m:
            return _indent(line), top, (m["author"] or "")
    return None


def _first_comment(lines: list[str]) -> int | None:
    """Index of the first 'N. Author' line with a deeper-indented body closed by a time line."""
    for i, line in enumerate(lines):
        if not _TOP.match(line):
            continue
        indent = _indent(line)
        for following in lines[i + 1:]:
            if _TIME.match(following):
                return i
            if following.strip() and _indent(following) <= indent:
                break
    return None


def _read_comments(lines: list[str], start: int, raws: list[RawComment],
                   messages: list[str]) -> None:
    stack: list[tuple[int, int]] = []  # (header indentation, index in raws) of open ancestors
    i, n = start, len(lines)
    while i < n:
        if not lines[i].strip():
            i += 1
            continue
        header = _header(lines[i])
        end, time = _time_line(lines, i + 1)
        if header is None or (end is None and _has_header(lines, i + 1)):
            rest = sum(1 for line in lines[i:] if line.strip())
            messages.append(f"{plural(rest, 'line')} after the last comment not read "
                            f"(from line {i + 1}: expected an 'N. Author' or '• Author' line "
                            "and a time line closing the comment)")
            return
        indent, top, author = header
        if top:
            stack.clear()
        while len(stack) > 1 and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack and not top else None
        if end is None:
            messages.append(f"the last comment (line {i + 1}) has no time line")
            end = n
        raws.append(RawComment(body=_body(lines[i + 1:end]), author=author, posted_at_raw=time,
                               parent_index=parent, line=i + 1))
        stack.append((indent, len(raws) - 1))
        i = end + 1


def _time_line(lines: list[str], start: int) -> tuple[int | None, str]:
    """Index and time text of the first time line from ``start``; (None, "") if there is none."""
    for j in range(start, len(lines)):
        m = _TIME.match(lines[j])
        if m:
            return j, m["time"]
    return None, ""


def _has_header(lines: list[str], start: int) -> bool:
    return any(_header(line) for line in lines[start:])


def _body(lines: list[str]) -> str:
    """Body lines without their common indentation and the blank lines around them."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return ""
    lines = [_lead(line).expandtabs(4) + line.lstrip() if line.strip() else "" for line in lines]
    cut = min(_indent(line) for line in lines if line)
    return "\n".join(line[cut:] for line in lines)


def _article(lines: list[str]) -> Article:
    """Title (see the module docstring) and the rest of the article text as its body."""
    body = list(lines)
    title_at = _title_line(body)
    title = ""
    if title_at is not None:
        title = body[title_at].strip()
        nxt = next((k for k in range(title_at + 1, len(body)) if body[k].strip()), None)
        if nxt is not None and body[nxt].strip() == title:
            del body[title_at + 1:nxt + 1]  # the repeat and the blank lines before it
        del body[title_at]
        if title_at < len(body) and not body[title_at].strip():
            del body[title_at]  # the blank line that set the title apart
    return Article(title=title, body="\n".join(body).strip("\n"))


def _title_line(lines: list[str]) -> int | None:
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if len(text) > _TITLE_MAX or text.endswith((".", ":", ";", ",")):
            return None  # the first paragraph: no title line above it
        if len(text.split()) >= 3 and not text.lower().startswith("by "):
            return k
    return None
