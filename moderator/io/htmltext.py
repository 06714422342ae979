"""Comment and article HTML (WordPress, Disqus) to the plain text a moderator reads.

- ``<br>`` is a line break (with the newline typed after it, if any); ``<p>``, ``<div>``,
  ``<blockquote>``, list items, headings and table rows are paragraphs (a blank line between
  them); other tags are dropped, their text kept. Newlines typed in the source stay: WordPress
  stores comments with the commenter's own line breaks and adds ``<p>`` only when it shows them.
- A link keeps its address, since spam is often nothing but links: ``<a href="u">cheap</a>``
  -> ``cheap (u)``; a link whose text is its address stays as it is. An image gives its
  ``alt`` text, if any. ``<script>`` and ``<style>`` contents and HTML comments (Gutenberg's
  ``<!-- wp:paragraph -->``) are dropped.
- Entities are unescaped (``&amp;`` -> ``&``); a ``<`` that starts no tag (``3 < 5``) stays.
- Trailing spaces on a line go, runs of blank lines become one, the ends are trimmed.

Text without ``<`` or ``&`` is returned trimmed and otherwise untouched. One regular
expression finds the tags (a comment can be large and an export holds millions of them, so no
per-character parser); anything that is not a well-formed tag is text.
"""

from __future__ import annotations

import html
import re

_BLOCKS = frozenset({"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                     "h6", "tr", "table", "pre", "figure", "figcaption", "section", "article",
                     "header", "footer", "dl", "dt", "dd", "hr"})
_DROP = frozenset({"script", "style", "template"})
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comment (an unclosed one runs to the end, as in browsers)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^<>]*>"  # doctype, processing instruction
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)"  # a tag; no part of it runs past a "<", so that text
    r"((?:\s+[^\s=/<>]+(?:\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'|[^\s<>]+))?)*)"  # full of "<" is
    r"\s*/?>",  # read in linear time
    re.DOTALL,
)
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(source: str) -> str:
    if "<" not in source:
        return html.unescape(source).strip() if "&" in source else source.strip()
    parts: list[str] = []
    links: list[tuple[str, int]] = []  # href, index in parts where the link's text starts
    dropping = 0
    after_br = False
    at = 0
    for m in _MARKUP.finditer(source):
        if m.start() > at and not dropping:
            data = html.unescape(source[at:m.start()])
            parts.append(data[1:] if after_br and data.startswith("\n") else data)
        at = m.end()
        after_br = False
        closing, tag = m.group(1), (m.group(2) or "").lower()
        if not tag:
            continue  # comment, doctype, processing instruction
        if tag in _DROP:
            dropping = max(0, dropping + (-1 if closing else 1))
        elif dropping:
            continue
        elif tag == "br":
            parts.append("\n")
            after_br = True
        elif tag in _BLOCKS:
            parts.append("\n\n")
        elif tag == "a":
            if closing:
                _close_link(parts, links)
            else:
                links.append((_attr(m.group(3), "href"), len(parts)))
        elif tag == "img" and not closing:
            parts.append(_attr(m.group(3), "alt"))
    if at < len(source) and not dropping:
        data = html.unescape(source[at:])
        parts.append(data[1:] if after_br and data.startswith("\n") else data)
    text = _TRAILING_SPACE.sub("\n", "".join(parts))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _attr(attributes: str, name: str) -> str:
    for m in _ATTR.finditer(attributes or ""):
        if m.group(1).lower() == name:
            value = next((g for g in m.groups()[1:] if g is not None), "")
            return html.unescape(value).strip()
    return ""


def _close_link(parts: list[str], links: list[tuple[str, int]]) -> None:
    if not links:
        return
    href, start = links.pop()
    shown = "".join(parts[start:]).strip()
    if not href or shown.rstrip("/") in (href.rstrip("/"), href.removeprefix("mailto:")):
        return
    parts.append(f" ({href})" if shown else href)
