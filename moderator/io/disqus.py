"""Disqus XML exports (Admin > Moderation > Export; schema http://disqus.com/api/schemas/1.0/).

    <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
      <category dsq:id="1">...</category>                   <- not read
      <thread dsq:id="7001">                                <- one article (page) of the site
        <id>post-123</id>                                   <- the site's identifier, if any
        <link>https://example.org/bike-lanes/</link>
        <title>Council approves the new bike lanes</title>
        <message><![CDATA[<p>optional article text</p>]]></message>
        <createdAt>2024-02-05T09:00:00Z</createdAt> ...
      </thread>
      <post dsq:id="9001">                                  <- one comment
        <id/>
        <message><![CDATA[<p>Finally!</p>]]></message>
        <createdAt>2024-02-05T10:15:00Z</createdAt>
        <isDeleted>false</isDeleted>  <isSpam>false</isSpam>
        <author><name>Maria</name><isAnonymous>false</isAnonymous><username>maria</username>
        </author>
        <thread dsq:id="7001"/>
        <parent dsq:id="9000"/>                              <- only on replies
      </post>
    </disqus>

What is read:
- Threads: one per ``<thread>`` that has posts, in file order, with the id ``dsq:id`` (unique
  in an export; the site's ``<id>`` may be empty or repeated). Disqus creates a thread for every
  page its box was shown on, so threads without posts are left out and counted (kept, all of
  them, only when no thread has posts). The article is the title, link and message as text.
- Posts name their thread by ``dsq:id`` (``<thread dsq:id="7001"/>``) or by the site's
  identifier (``<thread>post-123</thread>``), and their parent likewise by ``dsq:id`` or by the
  parent's ``<id>``. A post whose thread is not in the file still gets a thread (no article).
- ``status``: ``spam`` (isSpam), ``deleted`` (isDeleted), ``unapproved`` (isApproved false,
  where an export has it), else ``approved``. Deleted and spam posts are kept, text and all.
- Author: ``<name>``, else ``<username>``. Messages are HTML, shown as plain text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from moderator.core import Article, InputError, LoadResult, Thread
from moderator.io.common import plural, thread_id_from_path, unique
from moderator.io.htmltext import html_to_text
from moderator.io.times import to_iso
from moderator.io.tree import RawComment, build_thread
from moderator.io.xmlsafe import (
    Document,
    child_text,
    children,
    local,
    records,
    root_tag,
    text_of,
)

NAME = "disqus"
ALIASES = ("dsq",)
EXTENSIONS = (".xml",)

_SNIFF = re.compile(r"<disqus[\s/>]")
_TRUE = frozenset({"true", "1", "yes"})


def sniff(text: str) -> bool:
    """A ``<disqus>`` root element."""
    return _SNIFF.match(root_tag(text)) is not None


@dataclass
class _ThreadInfo:
    key: str
    article: Article
    raws: list[RawComment] = field(default_factory=list)
    described: bool = True


def parse(text: str, path: str) -> LoadResult:
    doc = Document()
    by_dsq: dict[str, _ThreadInfo] = {}
    by_identifier: dict[str, _ThreadInfo] = {}
    threads: list[_ThreadInfo] = []
    posts: list[tuple[RawComment, str, str, str]] = []  # raw, identifier, thread ref, parent
    for element in records(text, path, 1, doc, lambda tag: _check_root(tag, path)):
        name = local(element.tag)
        if name == "thread":
            info = _ThreadInfo(_dsq_id(element) or child_text(element, "id"), _article(element))
            threads.append(info)
            by_dsq.setdefault(_dsq_id(element), info)
            by_identifier.setdefault(child_text(element, "id"), info)
        elif name == "post":
            posts.append(_post(element))
    if not threads and not posts:
        raise InputError("a Disqus export without any <thread> or <post>", path=path)
    by_dsq.pop("", None)
    by_identifier.pop("", None)
    identifiers = {ident: raw.id for raw, ident, _, _ in posts if ident and raw.id}
    undescribed: dict[str, _ThreadInfo] = {}
    for raw, _ident, thread_ref, parent_ref in posts:
        if parent_ref.startswith("@"):  # the parent's site <id>, not its dsq:id
            raw.parent_id = identifiers.get(parent_ref[1:], parent_ref[1:])
        else:
            raw.parent_id = parent_ref
        info = _thread_for(thread_ref, by_dsq, by_identifier)
        if info is None:
            key = thread_ref.lstrip("@") or thread_id_from_path(path)
            info = undescribed.get(key)
            if info is None:
                info = undescribed[key] = _ThreadInfo(key, Article(), described=False)
                threads.append(info)
        info.raws.append(raw)
    return _result(path, threads, doc.notes)


def _result(path: str, infos: list[_ThreadInfo], notes: list[str]) -> LoadResult:
    with_posts = [info for info in infos if info.raws]
    empty = len(infos) - len(with_posts)
    messages = list(notes)
    if with_posts and empty:
        messages.append(f"{plural(empty, 'thread')} without posts left out")
    undescribed = sum(len(info.raws) for info in with_posts if not info.described)
    if undescribed:
        messages.append(f"{plural(undescribed, 'post')} in threads the file does not describe "
                        "(no title or link)")
    taken: set[str] = set()
    threads: list[Thread] = []
    for n, info in enumerate(with_posts or infos, start=1):
        thread_id = unique(info.key or f"thread-{n}", taken)
        thread, thread_notes = build_thread(thread_id, info.article, info.raws)
        messages.extend(f"thread {thread_id}: {note}" for note in thread_notes)
        threads.append(thread)
    return LoadResult(path=path, format=NAME, threads=tuple(threads), messages=tuple(messages))


def _check_root(tag: str, path: str) -> None:
    if local(tag) != "disqus":
        raise InputError(f"expected a Disqus export (a <disqus> file); found <{local(tag)}>",
                         path=path)


def _dsq_id(element: ET.Element | None) -> str:
    if element is None:
        return ""
    for key, value in element.attrib.items():
        if local(key) == "id":
            return value.strip()
    return ""


def _ref(element: ET.Element | None) -> str:
    """A reference by ``dsq:id`` (as is), or by the site's identifier (``@`` + it)."""
    if element is None:
        return ""
    dsq = _dsq_id(element)
    if dsq:
        return dsq
    text = "".join(element.itertext()).strip()
    return f"@{text}" if text else ""


def _thread_for(ref: str, by_dsq: dict[str, _ThreadInfo],
                by_identifier: dict[str, _ThreadInfo]) -> _ThreadInfo | None:
    if not ref:
        return None
    if ref.startswith("@"):
        return by_identifier.get(ref[1:]) or by_dsq.get(ref[1:])
    return by_dsq.get(ref)


def _article(thread: ET.Element) -> Article:
    return Article(title=child_text(thread, "title"), url=child_text(thread, "link"),
                   body=html_to_text(child_text(thread, "message")))


def _post(post: ET.Element) -> tuple[RawComment, str, str, str]:
    parts = children(post)
    f = {name: text_of(element).strip() for name, element in parts.items()}
    author = parts.get("author")
    name = ""
    if author is not None:
        name = child_text(author, "name") or child_text(author, "username")
    identifier = f.get("id", "")
    time = f.get("createdAt", "")
    raw = RawComment(
        body=html_to_text(f.get("message", "")),
        id=_dsq_id(post) or identifier,
        author=name,
        posted_at=to_iso(time),
        posted_at_raw=time,
        status=_status(f),
    )
    return raw, identifier, _ref(parts.get("thread")), _ref(parts.get("parent"))


def _status(f: dict[str, str]) -> str:
    def flag(name: str) -> bool | None:
        value = f.get(name, "").lower()
        return None if not value else value in _TRUE

    if flag("isSpam"):
        return "spam"
    if flag("isDeleted"):
        return "deleted"
    if flag("isApproved") is False:
        return "unapproved"
    return "approved"
