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
"""

from __future__ import annotations

import codecs
import re

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
            return _strict(data[len(bom):], encoding, name, path), []
    if b"\x00" in data:
        encoding = _bomless_utf16(data)
        if encoding is None:
            raise InputError(f"not a text file (it contains NUL bytes); {_EXPECTED}", path=path)
        text = _strict(data, encoding, "UTF-16", path)
        return text, ["read as UTF-16 (the file has no byte-order mark)"]
    try:
        return prepare(data.decode("utf-8"), path), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    declared = _declared(data)
    if declared is not None:
        return prepare(declared, path), []
    escaped = data.decode("utf-8", errors="surrogateescape")
    if _NON_ASCII.search(escaped):
        return _mixed(escaped, path)
    try:
        text = prepare(data.decode("cp1252"), path)
    except UnicodeDecodeError:
        pass
    else:
        return text, ["read as cp1252 (the file is not valid UTF-8)"]
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 20):
        raise InputError(f"not a text file (mostly bytes that are not text); {_EXPECTED}",
                         path=path)
    line = data[:first_bad].count(b"\n") + 1
    note = (f"{bad} byte{'s' if bad != 1 else ''} that are not valid UTF-8 shown as \ufffd "
            f"(first on line {line})")
    return prepare(text, path), [note]


def prepare(text: str, path: str) -> str:
    """Checks and normalises text however it was obtained (a file or a caller's string)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("the file is empty", path=path)
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in _CONTROL_OK)
    if "\x00" in sample or controls > len(sample) // 10:
        raise InputError(f"not a text file (it contains control characters); {_EXPECTED}",
                         path=path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _strict(data: bytes, encoding: str, name: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        raise InputError(f"not valid {name} text (bad bytes at byte {exc.start})",
                         path=path, line=line) from None
    return prepare(text, path)


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


def _declared(data: bytes) -> str | None:
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
            return data.decode(encoding)
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
    positions = [m.start() for m in _ESCAPED.finditer(escaped)]
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

    text = _ESCAPED.sub(as_cp1252, escaped)
    lines: list[int] = []
    line, last = 1, 0
    for at in positions:
        line, last = line + escaped.count("\n", last, at), at
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
    return prepare(text, path), [note]
