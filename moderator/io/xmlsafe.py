"""Reading XML exports safely and in bounded memory.

Safety: a document whose DOCTYPE declares entities is refused before any of it is parsed
("entity declarations are not allowed"), so nothing is ever expanded (billion laughs, quadratic
blow-up) and no external entity or DTD is ever fetched (expat loads nothing by itself, and an
external entity has to be declared first). A DOCTYPE without declarations is harmless and read.
The check is a stdlib ``pyexpat`` parser that stops at the root element, where the DOCTYPE
(the only place for declarations) has ended; the document is then parsed by ElementTree's C
pull parser, so no third-party package is needed.

Memory: ``records`` yields each element at a given depth (a WXR ``<item>``, a Disqus ``<post>``)
once it is complete, then drops it, so only one record is ever held as a tree. Text is fed in
chunks; everything outside the records (site metadata) is dropped as soon as it ends.

Characters that XML forbids (control characters, lone surrogates), which real exports do
contain, are replaced by U+FFFD with a note naming the first line, instead of failing the file.
Any other fault is an ``InputError`` with the line and column.
"""

from __future__ import annotations

import itertools
import pyexpat
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from moderator.core import InputError
from moderator.io.common import plural

_CHUNK = 1 << 20
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CUT_SHORT = frozenset({
    pyexpat.errors.codes[pyexpat.errors.XML_ERROR_NO_ELEMENTS],
    pyexpat.errors.codes[pyexpat.errors.XML_ERROR_UNCLOSED_TOKEN],
    pyexpat.errors.codes[pyexpat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
    pyexpat.errors.codes[pyexpat.errors.XML_ERROR_PARTIAL_CHAR],
})


_PROLOG = re.compile(
    r"\ufeff?\s*(?:<\?xml\s[^>]*\?>\s*)?"
    r"(?:(?:<!--.*?-->|<\?.*?\?>|<!DOCTYPE\b[^\[>]*(?:\[.*?\])?\s*>)\s*)*",
    re.DOTALL,
)


def root_tag(text: str, limit: int = 16384) -> str:
    """The start of the root element's tag (``<rss version="2.0" xmlns:wp=...>``) after the
    XML declaration, comments and DOCTYPE, or ``""`` when the text does not start so."""
    head = text[:limit]
    start = _PROLOG.match(head)
    at = start.end() if start else 0
    if not head.startswith("<", at):
        return ""
    end = head.find(">", at)
    return head[at:] if end < 0 else head[at:end + 1]


def local(tag: object) -> str:
    """``{http://wordpress.org/export/1.2/}comment`` -> ``comment``."""
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag[tag.find("}") + 1:] if tag[:1] == "{" else tag


def namespace(tag: object) -> str:
    """``{http://wordpress.org/export/1.2/}comment`` -> ``http://wordpress.org/export/1.2/``."""
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def text_of(element: ET.Element | None) -> str:
    """All the text inside an element (CDATA included), ``""`` for none."""
    return "" if element is None else "".join(element.itertext())


def child(element: ET.Element, name: str) -> ET.Element | None:
    """The first direct child with this local name, whatever its namespace."""
    for sub in element:
        if local(sub.tag) == name:
            return sub
    return None


def child_text(element: ET.Element, name: str) -> str:
    return text_of(child(element, name)).strip()


def children(element: ET.Element) -> dict[str, ET.Element]:
    """Local name -> the first direct child of that name: one pass for a record read by name."""
    found: dict[str, ET.Element] = {}
    for sub in element:
        found.setdefault(local(sub.tag), sub)
    return found


def fields(element: ET.Element) -> dict[str, str]:
    """Local name -> stripped text of each direct child (the first of a name wins): one pass
    for a record with many fields."""
    found: dict[str, str] = {}
    for sub in element:
        found.setdefault(local(sub.tag), "".join(sub.itertext()).strip())
    return found


@dataclass
class Document:
    """What ``records`` learnt on the way: notes for the user."""

    notes: list[str] = field(default_factory=list)


def records(text: str, path: str, depth: int, doc: Document,
            check_root: Callable[[str], None] | None = None) -> Iterator[ET.Element]:
    """Each complete element at ``depth`` (the root is depth 0), in document order.

    A yielded element is cleared once the caller moves on: keep what you need from it, not
    the element. ``check_root`` sees the root's tag first and may raise to refuse the file.
    """
    text = _clean(text, doc)
    chunks = (text[at:at + _CHUNK] for at in range(0, len(text), _CHUNK))
    yield from _records(chunks, path, depth, check_root)


def stream_records(chunks: Iterable[str], path: str, depth: int, doc: Document,
                   check_root: Callable[[str], None] | None = None) -> Iterator[ET.Element]:
    """``records`` of a document given as pieces of text (a file read a piece at a time):
    only the record being read is held. The note about characters XML does not allow is
    added to ``doc`` at the end."""
    cleaning = _Cleaning()
    yield from _records(map(cleaning.clean, chunks), path, depth, check_root)
    if cleaning.count:
        doc.notes.append(cleaning.note())


def _records(chunks: Iterator[str], path: str, depth: int,
             check_root: Callable[[str], None] | None) -> Iterator[ET.Element]:
    head: list[str] = []  # what the declaration check read: the parser reads it again
    refuse_declarations(_kept(chunks, head), path)
    parser = ET.XMLPullParser(events=("start", "end"))
    stack: list[ET.Element] = []
    try:
        for chunk in itertools.chain(head, chunks):
            parser.feed(chunk)
            yield from _events(parser, stack, depth, check_root)
        parser.close()
        yield from _events(parser, stack, depth, check_root)
    except ET.ParseError as exc:
        raise _error(exc, path) from None


def _kept(chunks: Iterator[str], kept: list[str]) -> Iterator[str]:
    for chunk in chunks:
        kept.append(chunk)
        yield chunk


def _events(parser: ET.XMLPullParser, stack: list[ET.Element], depth: int,
            check_root: Callable[[str], None] | None) -> Iterator[ET.Element]:
    for event, element in parser.read_events():
        if event == "start":
            if not stack and check_root is not None:
                check_root(element.tag)
            stack.append(element)
            continue
        stack.pop()
        level = len(stack)
        if level > depth:
            continue  # inside a record: kept until the record ends
        if level == depth:
            yield element
        element.clear()
        if stack:
            stack[-1].remove(element)


class _Refused(Exception):
    pass


class _RootReached(Exception):
    pass


def refuse_declarations(text: str | Iterable[str], path: str) -> None:
    """Read the prolog up to the root element; refuse entity declarations found there.
    ``text`` may be pieces of the document: they are read only up to the root element."""
    probe = pyexpat.ParserCreate()

    def declared(*_args: object) -> None:
        raise _Refused("entity declarations are not allowed (<!ENTITY> in the DOCTYPE); "
                       "the file was refused before anything was expanded or fetched")

    def external(*_args: object) -> int:
        raise _Refused("external entities are not allowed")

    def root(*_args: object) -> None:
        raise _RootReached

    probe.EntityDeclHandler = declared
    probe.UnparsedEntityDeclHandler = declared
    probe.ExternalEntityRefHandler = external
    probe.StartElementHandler = root
    if isinstance(text, str):
        text = (text[at:at + _CHUNK] for at in range(0, len(text), _CHUNK))
    try:
        for chunk in text:
            probe.Parse(chunk, False)
        probe.Parse("", True)
    except _RootReached:
        return
    except _Refused as exc:
        raise InputError(str(exc), path=path, line=probe.CurrentLineNumber) from None
    except pyexpat.ExpatError as exc:
        message = pyexpat.errors.messages[exc.code]
        cut = " (the file looks cut short)" if exc.code in _CUT_SHORT else ""
        raise InputError(f"broken XML at column {exc.offset + 1}: {message}{cut}", path=path,
                         line=exc.lineno) from None


def _clean(text: str, doc: Document) -> str:
    cleaning = _Cleaning()
    text = cleaning.clean(text)
    if cleaning.count:
        doc.notes.append(cleaning.note())
    return text


class _Cleaning:
    """Characters XML does not allow replaced by U+FFFD, piece by piece, counted, with the
    line of the first."""

    def __init__(self) -> None:
        self.count = 0
        self.first_line = 0
        self._lines = 0  # lines before the current piece

    def clean(self, text: str) -> str:
        first = _ILLEGAL.search(text)
        if first is not None:
            if not self.count:
                self.first_line = self._lines + text.count("\n", 0, first.start()) + 1
            text, count = _ILLEGAL.subn("\ufffd", text)
            self.count += count
        self._lines += text.count("\n")
        return text

    def note(self) -> str:
        return (f"{plural(self.count, 'character')} that XML does not allow (control "
                f"characters) shown as \ufffd (first on line {self.first_line})")


def _error(exc: ET.ParseError, path: str) -> InputError:
    line, column = exc.position
    message = re.sub(r":? line \d+, column \d+$", "", str(exc))
    cut = " (the file looks cut short)" if exc.code in _CUT_SHORT else ""
    return InputError(f"broken XML at column {column + 1}: {message}{cut}", path=path, line=line)
