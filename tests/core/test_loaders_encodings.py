"""Bytes to text for the exports: declared XML encodings, mixed and invalid bytes with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import InputError
from moderator.io import load
from moderator.io.decode import decode

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def disqus(encoding: str, message: str) -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n'
            '<thread dsq:id="1"><title>T</title></thread>\n'
            f'<post dsq:id="2"><message>{message}</message><thread dsq:id="1"/></post>\n'
            "</disqus>\n")


@pytest.mark.parametrize("encoding, message", [
    ("ISO-8859-1", "Caf\u00e9 cr\u00e8me \u2019quoted\u2019"),  # cp1252 quotes, as browsers read it
    ("windows-1252", "\u201cSmart\u201d \u20ac5"),
    ("KOI8-R", "\u043f\u0440\u0438\u0432\u0435\u0442"),
    ("ISO-8859-15", "\u20ac and \u0153"),
    ("Shift_JIS", "\u3053\u3093\u306b\u3061\u306f"),
])
def test_xml_declared_encoding_is_respected(tmp_path: Path, encoding: str, message: str) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(disqus(encoding, message).encode(
        "cp1252" if encoding == "ISO-8859-1" else encoding))
    result = load(path)
    assert result.thread().comments[0].body == message
    assert result.messages == ()


def test_a_wrong_declaration_does_not_beat_valid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(disqus("ISO-8859-1", "na\u00efve").encode("utf-8"))
    assert load(path).thread().comments[0].body == "na\u00efve"


@pytest.mark.parametrize("encoding", ["rot13", "base64", "no-such-codec", "unicode_escape",
                                      "cp037"])  # cp037: EBCDIC, its declaration unreadable
def test_odd_declarations_fall_back_with_a_note(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(disqus(encoding, "caf\u00e9").encode("cp1252"))
    result = load(path)
    assert result.thread().comments[0].body == "caf\u00e9"
    assert result.messages == ("read as cp1252 (the file is not valid UTF-8)",)


def test_mixed_utf8_and_cp1252_bytes_are_read_and_the_lines_named(tmp_path: Path) -> None:
    text = disqus("UTF-8", "Caf\u00e9 ok").encode("utf-8")
    text = text.replace(b"</disqus>", b'<post dsq:id="3"><message>\x93smart\x94 quotes</message>'
                        b'<thread dsq:id="1"/></post>\n</disqus>')
    path = tmp_path / "mixed.xml"
    path.write_bytes(text)
    result = load(path)
    assert [c.body for c in result.thread()] == ["Caf\u00e9 ok", "\u201csmart\u201d quotes"]
    assert result.messages == ("2 bytes that are not valid UTF-8 read as cp1252 (line 5)",)


def test_mixed_bytes_on_several_lines_and_bytes_cp1252_lacks() -> None:
    data = "caf\u00e9\n".encode() + b"a \x81\nb \x92\nc\nd \x8d\n"
    text, notes = decode(data, "x.txt")
    assert text == "caf\u00e9\na \ufffd\nb \u2019\nc\nd \ufffd\n"
    assert notes == ["3 bytes that are not valid UTF-8 read as cp1252 or shown as \ufffd "
                     "(lines 2, 3, 5)"]


def test_invalid_bytes_in_an_export_never_crash(tmp_path: Path) -> None:
    good = "Gr\u00fc\u00dfe! Great ".encode()
    data = (DATA / "wordpress-export.xml").read_bytes().replace(b"Great ", good + b"\xff\xfe ")
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    result = load(path)
    assert result.thread("post-130").get("32").body == (  # type: ignore[union-attr]
        "Gr\u00fc\u00dfe! Great \u00ff\u00fe news for students.")
    line = data[: data.index(b"\xff\xfe")].count(b"\n") + 1
    assert result.messages[0] == f"2 bytes that are not valid UTF-8 read as cp1252 (line {line})"


def test_mostly_invalid_bytes_are_not_a_text_file() -> None:
    data = "\u00e9".encode() + bytes(range(0x80, 0x100)) * 4
    with pytest.raises(InputError, match="not a text file"):
        decode(data, "x.xml")


def test_utf16_export_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(disqus("UTF-16", "hello").encode("utf-16-le"))
    result = load(path)
    assert result.thread().comments[0].body == "hello"
    assert result.messages == ("read as UTF-16 (the file has no byte-order mark)",)
