"""The bytes of a thread file to text, or an InputError that says why not.

- UTF-8, with or without a BOM.
- UTF-32 / UTF-16 with a BOM; UTF-16 without one when its NUL bytes give it away.
- An XML file that declares its encoding (``<?xml version="1.0" encoding="ISO-8859-1"?>``)
  and is not valid UTF-8: the declared encoding, when the bytes read cleanly in it
  (ISO-8859-1 as cp1252, its superset, as browsers do). No note: the file says so itself.
- Mixed: valid UTF-8 with some bytes that are not (a cp1252 paste in a UTF-8 file): the UTF-8
  kept, each bad byte read as cp1252 (U+FFFD where cp1252 has no character), noted with the
  lines ("3 bytes that are not valid UTF-8 read as cp1252 (lines 4, 9)").
- Otherwise cp1252 when every byte reads cleanly as cp1252 (noted: "read as cp1252").
- Otherwise UTF-8 with the bad bytes replaced by U+FFFD (noted, with the first line).
- NUL bytes in anything but UTF-16/32, or mostly control characters: "not a text file".
- Nothing but blank space: "the file is empty".

Line ends become ``\\n``; nothing else in the text is changed (no Unicode normalisation).

A large file is decoded and scanned :data:`CHUNK` bytes (or characters) at a time: one call
over 66 MB holds the GIL for 50-300 ms, and the GUI thread cannot paint meanwhile. The results
are those of whole-text calls.
"""

from __future__ import annotations

import codecs
import re
from typing import AnyStr

from moderator.core import InputError

_EXPECTED = ("expected a thread file: a plain-text page, JSON, CSV, or a WordPress, Disqus or "
             "Reddit export")

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_SAMPLE = 8192
CHUNK = 1 << 22  # bytes or characters per decoding or scanning call (a few ms each)
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
_XML_DECLARATION = re.compile(
    rb"\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]{0,39})[\"']")
# Labels that name no byte encoding of a whole file, or ones handled before the declaration.
_NOT_DECLARABLE = frozenset({"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32",
                             "utf_32_le", "utf_32_be", "utf_8_sig", "unicode_escape",
                             "raw_unicode_escape", "idna", "punycode", "undefined", "utf_7"})
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, after surrogateescape
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """Text of a file's bytes and notes for the user about how it was read."""
    if not data:
        raise InputError("the file is empty", path=path)
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name, path, len(bom)), []
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise InputError(f"not a text file (it contains NUL bytes); {_EXPECTED}", path=path)
        text = _strict(data, encoding, "UTF-16", path)
        return text, ["read as UTF-16 (the file has no byte-order mark)"]
    try:
        parts = _decode(data, "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        return _finish(parts, path), []
    declared = _declared(data)
    if declared is not None:
        return _finish(declared, path), []
    escaped = "".join(_decode(data, "utf-8", "surrogateescape"))
    if any(_NON_ASCII.search(escaped, at, at + CHUNK) for at in range(0, len(escaped), CHUNK)):
        return _mixed(escaped, path)
    del escaped
    try:
        parts = _decode(data, "cp1252")
    except UnicodeDecodeError:
        pass
    else:
        return _finish(parts, path), ["read as cp1252 (the file is not valid UTF-8)"]
    parts = _decode(data, "utf-8", "replace")
    bad = sum(part.count("\ufffd") for part in parts)
    if bad > max(8, sum(map(len, parts)) // 20):
        raise InputError(f"not a text file (mostly bytes that are not text); {_EXPECTED}",
                         path=path)
    line = _count(data, b"\n", 0, first_bad) + 1
    note = (f"{bad} byte{'s' if bad != 1 else ''} that are not valid UTF-8 shown as \ufffd "
            f"(first on line {line})")
    return _finish(parts, path), [note]


def prepare(text: str, path: str) -> str:
    """Checks and normalises text however it was obtained (a file or a caller's string)."""
    return _finish([text[at:at + CHUNK] for at in range(0, len(text), CHUNK)]
                   if len(text) > CHUNK else [text], path)


def _finish(parts: list[str], path: str) -> str:
    """:func:`prepare` for a text in consecutive parts (of a large file), joined once."""
    parts = [part for part in parts if part]
    if parts and parts[0].startswith("\ufeff"):
        parts[0] = parts[0][1:]
    if all(not part or part.isspace() for part in parts):  # not strip(): it copies the text
        raise InputError("the file is empty", path=path)
    sample = ""
    for part in parts:
        sample += part[:_SAMPLE - len(sample)]
        if len(sample) >= _SAMPLE:
            break
    controls = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    if "\x00" in sample or controls > len(sample) // 10:
        raise InputError(f"not a text file (it contains control characters); {_EXPECTED}",
                         path=path)
    if len(parts) == 1:
        text = parts[0]
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    carry = ""  # a "\r" that ended the last part: the next may start with its "\n"
    for n, part in enumerate(parts):
        part = carry + part if carry else part
        carry = "\r" if part.endswith("\r") else ""
        if carry:
            part = part[:-1]
        if "\r" in part:
            part = part.replace("\r\n", "\n").replace("\r", "\n")
        parts[n] = part
    return "".join(parts) + ("\n" if carry else "")


def _decode(data: bytes, encoding: str, errors: str = "strict", skip: int = 0) -> list[str]:
    """``data[skip:].decode(encoding, errors)`` in parts, :data:`CHUNK` bytes per call. A
    ``UnicodeDecodeError``'s ``start`` and ``end`` count from ``skip``, as for the whole."""
    if len(data) - skip <= CHUNK:
        return [data[skip:].decode(encoding, errors)]
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    parts: list[str] = []
    for start in range(skip, len(data), CHUNK):
        held = len(decoder.getstate()[0])  # the bytes of a character cut by the last chunk
        try:
            parts.append(decoder.decode(data[start:start + CHUNK], start + CHUNK >= len(data)))
        except UnicodeDecodeError as exc:
            at = start - held - skip
            raise UnicodeDecodeError(exc.encoding, data[skip:skip + at + exc.end],
                                     at + exc.start, at + exc.end, exc.reason) from None
    return parts


def _count(text: AnyStr, what: AnyStr, start: int = 0, end: int | None = None) -> int:
    """``text.count(what, start, end)`` for a single character, :data:`CHUNK` at a time."""
    end = len(text) if end is None else min(end, len(text))
    return sum(text.count(what, at, min(at + CHUNK, end)) for at in range(start, end, CHUNK))


def _strict(data: bytes, encoding: str, name: str, path: str, skip: int = 0) -> str:
    """``data[skip:]`` (after a byte-order mark) read in ``encoding``, or an InputError."""
    try:
        parts = _decode(data, encoding, skip=skip)
    except UnicodeDecodeError as exc:
        head = _decode(data[skip:skip + exc.start], encoding, "replace")
        line = sum(part.count("\n") for part in head) + 1
        raise InputError(f"not valid {name} text (bad bytes at byte {exc.start})",
                         path=path, line=line) from None
    return _finish(parts, path)


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit in every other byte as in ASCII-range UTF-16."""
    head = data[:_SAMPLE]
    if len(data) % 2 or len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= half * 0.6 and even == 0:
        return "utf-16-le"
    if even >= half * 0.6 and odd == 0:
        return "utf-16-be"
    return None


def _declared(data: bytes) -> list[str] | None:
    """The text in the encoding an XML declaration names, if the bytes read cleanly in it."""
    m = _XML_DECLARATION.match(data[:512])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name.replace("-", "_")
    except LookupError:
        return None
    if name in _NOT_DECLARABLE or not _ascii_compatible(name):
        return None
    candidates = ("cp1252", "latin_1") if name in ("latin_1", "iso8859_1") else (name,)
    for encoding in candidates:
        try:
            return _decode(data, encoding)
        except (UnicodeError, LookupError):  # LookupError: not a text encoding (rot13...)
            continue
    return None


def _ascii_compatible(encoding: str) -> bool:
    """Whether the declaration could be read as ASCII in it (not EBCDIC, say)."""
    try:
        return "<?xml encoding=".encode(encoding) == b"<?xml encoding="
    except (UnicodeError, LookupError):
        return False


def _mixed(escaped: str, path: str) -> tuple[str, list[str]]:
    """UTF-8 text with stray bytes (held as U+DC80..U+DCFF): each read as cp1252."""
    positions = [m.start() for at in range(0, len(escaped), CHUNK)
                 for m in _ESCAPED.finditer(escaped, at, at + CHUNK)]
    if len(positions) > max(8, len(escaped) // 20):
        raise InputError(f"not a text file (mostly bytes that are not text); {_EXPECTED}",
                         path=path)
    unknown = 0

    def as_cp1252(m: re.Match[str]) -> str:
        nonlocal unknown
        try:
            return bytes([ord(m.group()) - 0xDC00]).decode("cp1252")
        except UnicodeDecodeError:
            unknown += 1
            return "\ufffd"

    parts = [_ESCAPED.sub(as_cp1252, escaped[at:at + CHUNK])
             for at in range(0, len(escaped), CHUNK)]
    lines: list[int] = []
    line, last = 1, 0
    for at in positions:
        line, last = line + _count(escaped, "\n", last, at), at
        if line not in lines:
            lines.append(line)
            if len(lines) > 5:
                break
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    where = f"line {shown}" if len(lines) == 1 else f"lines {shown}"
    n = len(positions)
    how = ("shown as \ufffd" if unknown == n else
           "read as cp1252" if not unknown else "read as cp1252 or shown as \ufffd")
    what = "1 byte that is" if n == 1 else f"{n} bytes that are"
    note = f"{what} not valid UTF-8 {how} ({where})"
    return _finish(parts, path), [note]
