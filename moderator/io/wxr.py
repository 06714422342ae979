"""WordPress export files (WXR: WordPress eXtended RSS, versions 1.0 to 1.2).

    <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
         xmlns:content="http://purl.org/rss/1.0/modules/content/" ...>
      <channel>
        <title>Site</title> ... <wp:author>...</wp:author>    <- site data (not read)
        <item>                                                <- one post, page, attachment...
          <title>Council approves the new bike lanes</title>
          <link>https://example.org/2024/02/bike-lanes/</link>
          <content:encoded><![CDATA[<p>The article, as HTML</p>]]></content:encoded>
          <wp:post_id>123</wp:post_id>  <wp:post_name>bike-lanes</wp:post_name>
          <wp:post_type>post</wp:post_type>
          <wp:comment>
            <wp:comment_id>17</wp:comment_id>
            <wp:comment_author><![CDATA[maria]]></wp:comment_author>
            <wp:comment_date>2024-02-05 11:15:00</wp:comment_date>          <- site time
            <wp:comment_date_gmt>2024-02-05 10:15:00</wp:comment_date_gmt>  <- UTC
            <wp:comment_content><![CDATA[Finally!]]></wp:comment_content>
            <wp:comment_approved>1</wp:comment_approved>    <- 1, 0, spam, trash
            <wp:comment_type>comment</wp:comment_type>      <- "", comment, pingback, trackback
            <wp:comment_parent>0</wp:comment_parent>        <- 0: top level
          </wp:comment>
        </item>
      </channel>
    </rss>

What is read:
- Threads: one per item, in file order: every item with reader comments, and every post, page
  or custom post type even without comments (they are the site's articles). WordPress's own
  item types (attachments, menu items, revisions, ``wp_*`` blocks and templates...),
  auto-drafts and trashed items become threads only when they have comments. The thread id is
  ``post-<wp:post_id>`` (else the slug, else ``item-N``); the article is the item's title,
  link and ``content:encoded`` as text.
- Comments: pingbacks and trackbacks are not reader comments: skipped and counted
  ("3 pingbacks and trackbacks skipped"). All others are kept whatever their approval, with
  ``status`` ``approved`` (1), ``unapproved`` (0), ``spam`` or ``trash`` (also for
  ``post-trashed``); any other value is kept as written. The time is ``comment_date_gmt`` (UTC),
  else ``comment_date`` (the site's local time, no zone). Bodies are HTML-ish text, shown as
  plain text (see ``moderator.io.htmltext``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

from moderator.core import Article, InputError, LoadResult, Thread
from moderator.io.common import unique
from moderator.io.htmltext import html_to_text
from moderator.io.times import to_iso
from moderator.io.tree import RawComment, build_thread
from moderator.io.xmlsafe import (
    Document,
    child,
    child_text,
    fields,
    local,
    namespace,
    records,
    root_tag,
    stream_records,
    text_of,
)

NAME = "wxr"
ALIASES = ("wordpress", "wp")
EXTENSIONS = (".wxr", ".xml")

_SNIFF = re.compile(r"<rss\b[^>]*wordpress\.org/export/")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_PINGS = frozenset({"pingback", "trackback"})
_STATUS = {"1": "approved", "0": "unapproved", "spam": "spam", "trash": "trash",
           "post-trashed": "trash", "approve": "approved", "hold": "unapproved"}
_INTERNAL_TYPES = frozenset({"attachment", "nav_menu_item", "revision", "custom_css",
                             "customize_changeset", "oembed_cache", "user_request"})
_LEFTOVER_STATUSES = frozenset({"auto-draft", "trash"})
_NO_TIME = "0000-00-00 00:00:00"


def sniff(text: str) -> bool:
    """An ``<rss>`` root element that declares a WordPress export namespace."""
    return _SNIFF.match(root_tag(text)) is not None


def parse(text: str, path: str) -> LoadResult:
    doc = Document()
    threads: list[Thread] = []
    messages: list[str] = []
    file_notes: list[str] = []
    elements = records(text, path, 2, doc, lambda tag: _check_root(tag, path))
    for thread, notes in _threads(elements, path, file_notes):
        threads.append(thread)
        messages.extend(notes)
    return LoadResult(path=path, format=NAME, threads=tuple(threads),
                      messages=(*doc.notes, *file_notes, *messages))


def iter_parse(chunks: Iterable[str], path: str,
               file_notes: list[str]) -> Iterator[tuple[Thread, list[str]]]:
    """``parse`` a thread at a time, of a file read in pieces: each thread with its messages.
    Messages about the file as a whole are added to ``file_notes`` at the end."""
    doc = Document()
    elements = stream_records(chunks, path, 2, doc, lambda tag: _check_root(tag, path))
    tail: list[str] = []
    yield from _threads(elements, path, tail)
    file_notes.extend([*doc.notes, *tail])


def _threads(elements: Iterator[ET.Element], path: str,
             file_notes: list[str]) -> Iterator[tuple[Thread, list[str]]]:
    taken: set[str] = set()
    pings = 0
    items = 0
    for element in elements:
        if local(element.tag) != "item":
            continue
        items += 1
        raws, skipped = _comments(element)
        pings += skipped
        if not raws and not _article_item(element):
            continue
        thread_id = unique(_thread_id(element, items), taken)
        thread, notes = build_thread(thread_id, _article(element), raws)
        yield thread, [f"thread {thread_id}: {note}" for note in notes]
    if not items:
        raise InputError("a WordPress export without any <item> (post or page) in its "
                         "<channel>", path=path)
    if pings:
        what = ("pingback or trackback" if pings == 1 else "pingbacks and trackbacks")
        file_notes.append(f"{pings} {what} skipped")


def _check_root(tag: str, path: str) -> None:
    if local(tag) != "rss":
        raise InputError(f"expected a WordPress export (an <rss> file with wp: elements); "
                         f"found <{local(tag)}>", path=path)


def _article_item(item: ET.Element) -> bool:
    """A post, page or custom post type, not WordPress's own machinery or a leftover."""
    post_type = child_text(item, "post_type").lower() or "post"
    status = child_text(item, "status").lower()
    return not (post_type in _INTERNAL_TYPES or post_type.startswith("wp_")
                or status in _LEFTOVER_STATUSES)


def _thread_id(item: ET.Element, n: int) -> str:
    post_id = child_text(item, "post_id")
    if post_id:
        return f"post-{post_id}"
    return child_text(item, "post_name") or f"item-{n}"


def _article(item: ET.Element) -> Article:
    body = next((sub for sub in item
                 if local(sub.tag) == "encoded" and namespace(sub.tag) == _CONTENT_NS), None)
    if body is None:  # no content namespace (hand-made files): any <encoded>, else <description>
        body = child(item, "encoded")
    if body is None:
        body = child(item, "description")
    return Article(title=html_to_text(child_text(item, "title")),
                   url=child_text(item, "link"),
                   body=html_to_text(text_of(body)))


def _comments(item: ET.Element) -> tuple[list[RawComment], int]:
    raws: list[RawComment] = []
    pings = 0
    for element in item:
        if local(element.tag) != "comment":
            continue
        f = fields(element)
        if f.get("comment_type", "").lower() in _PINGS:
            pings += 1
            continue
        approved = f.get("comment_approved", "").lower()
        gmt = f.get("comment_date_gmt", "")
        posted_at, raw_time = "", f.get("comment_date", "")
        if gmt and gmt != _NO_TIME:
            posted_at, raw_time = _utc(gmt), gmt
        raws.append(RawComment(
            body=html_to_text(f.get("comment_content", "")),
            id=f.get("comment_id", ""),
            parent_id=f.get("comment_parent", ""),
            author=f.get("comment_author", ""),
            posted_at=posted_at,
            posted_at_raw="" if raw_time == _NO_TIME else raw_time,
            status=_STATUS.get(approved, approved),
        ))
    return raws, pings


def _utc(gmt: str) -> str:
    """``2024-02-05 10:15:00`` (WordPress's GMT column) -> ``2024-02-05T10:15:00+00:00``."""
    return to_iso(gmt + "+00:00") or to_iso(gmt)
