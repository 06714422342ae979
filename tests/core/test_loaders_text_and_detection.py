"""Reading bytes (encodings, binary, empty files) and telling formats apart by content."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from moderator.core import InputError
from moderator.io import FORMATS, detect_format, load, load_text

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SAMPLE = REPO / "resources" / "samples" / "russia-amnesty-cnn-2014.txt"
CSV = "id,parent_id,author,body\n1,,ann,café crème\n2,1,bob,ça va\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def bodies(path: Path) -> list[str]:
    return [c.body for c in load(path).thread()]


# --- encodings --------------------------------------------------------------------------------

def test_cp1252_file_loads_with_a_message(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.csv", CSV.encode("cp1252"))
    result = load(path)
    assert [c.body for c in result.thread()] == ["café crème", "ça va"]
    assert any("read as cp1252" in m for m in result.messages)


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b"\xff\xfe"), ("utf-32", b""),
])
def test_boms_are_read_and_dropped(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = write(tmp_path, "bom.csv", prefix + CSV.encode(encoding))
    result = load(path)
    assert result.messages == ()
    assert [c.body for c in result.thread()] == ["café crème", "ça va"]
    assert result.thread().comments[0].id == "1"  # the BOM is not part of the first column


def test_utf16_without_bom(tmp_path: Path) -> None:
    result = load(write(tmp_path, "u16.csv", CSV.encode("utf-16-le")))
    assert [c.body for c in result.thread()] == ["café crème", "ça va"]
    assert any("UTF-16" in m for m in result.messages)


def test_utf8_bom_on_the_sample_page(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    thread = load(path).thread()
    assert len(thread) == 49
    assert thread.article.body.startswith("By Matthew")


def test_crlf_line_ends_on_the_sample_page(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes().replace(b"\n", b"\r\n")
    thread = load(write(tmp_path, "page.txt", data)).thread()
    assert len(thread) == 49
    assert "\r" not in "".join(c.body for c in thread)


def test_invalid_bytes_never_crash(tmp_path: Path) -> None:
    # 0x81 and 0x8d are undefined in cp1252, so this is neither UTF-8 nor cp1252
    path = write(tmp_path, "bad.csv", CSV.encode() + b"3,,cy,bad \x81\x8d bytes\n")
    result = load(path)
    assert result.thread().comments[2].body == "bad \ufffd\ufffd bytes"
    assert any("not valid UTF-8" in m and "line 4" in m for m in result.messages)


def test_bodies_are_kept_as_written_not_normalised(tmp_path: Path) -> None:
    decomposed = "cafe\u0301"
    path = write(tmp_path, "nfd.csv", f"id,text\n1,{decomposed}\n".encode())
    assert bodies(path) == [decomposed]


# --- not text, empty --------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    bytes(range(256)) * 8,
    b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100,
])
def test_binary_file_is_not_a_text_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "picture.csv", data)
    with pytest.raises(InputError, match="not a text file") as err:
        load(path)
    assert err.value.path == str(path)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \n\n\t \r\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.json", data)
    with pytest.raises(InputError, match="the file is empty"):
        load(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        load(tmp_path / "nope.json")
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)


def test_random_damage_gives_a_result_or_an_input_error(tmp_path: Path) -> None:
    rng = random.Random(7)
    sources = [SAMPLE.read_bytes()[:6000], (DATA / "flat.json").read_bytes(),
               (DATA / "aliases.csv").read_bytes(), (DATA / "nested.json").read_bytes()]
    for n in range(300):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            action = rng.randrange(3)
            if action == 0:
                data[at] = rng.randrange(256)
            elif action == 1:
                del data[at:at + rng.randint(1, 50)]
            else:
                data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        data = data[: rng.randint(1, len(data))] if rng.random() < 0.3 else data
        path = write(tmp_path, f"damaged{n}.dat", bytes(data))
        try:
            load(path)
        except InputError as err:
            assert err.path == str(path)


# --- format detection -------------------------------------------------------------------------

def test_formats_are_listed() -> None:
    assert FORMATS == ("reddit", "json", "wxr", "disqus", "csv", "text")


@pytest.mark.parametrize("text, expected", [
    ('{"comments": []}', "json"),
    ('  [\n {"id": 1, "body": "x"}]', "json"),
    ("[]", "json"),
    ("[Editor's note] this page was updated.", "text"),
    ("id,body\n1,hi\n", "csv"),
    ("Comment ID;User;Message\n", "csv"),
    ("thread_id\tcontent\n", "csv"),
    ("comment_id,author,date\n", "csv"),  # no text column: CSV, and CSV's error follows
    ("Hello, world, and welcome to the page.\n", "text"),
    ("By Matthew Rojansky, Special to CNN\n\nText.", "text"),
])
def test_detect_format_from_content(text: str, expected: str) -> None:
    assert detect_format(text) == expected


@pytest.mark.parametrize("fixture, wrong_name, expected", [
    ("flat.json", "flat.csv", "json"),
    ("aliases.csv", "aliases.json", "csv"),
    ("nested.json", "nested.txt", "json"),
])
def test_misleading_extension(tmp_path: Path, fixture: str, wrong_name: str,
                              expected: str) -> None:
    path = tmp_path / wrong_name
    shutil.copy(DATA / fixture, path)
    result = load(path)
    assert result.format == expected
    assert result.comment_count == load(DATA / fixture).comment_count


def test_page_saved_as_csv_is_still_a_page(tmp_path: Path) -> None:
    path = tmp_path / "thread.csv"
    shutil.copy(SAMPLE, path)
    result = load(path)
    assert (result.format, result.comment_count) == ("text", 49)


def test_format_can_be_named() -> None:
    text = "id,text\n1,hello\n"
    assert load_text(text, format="csv").format == "csv"
    assert load_text(text, format="TEXT").format == "text"
    assert load_text("text\nhello\nworld\n", format="csv").comment_count == 2
    with pytest.raises(InputError, match="broken JSON"):
        load_text(text, format="json")


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match="unknown format 'xml'; known formats: "
                       "reddit, json, wxr, disqus, csv, text"):
        load(SAMPLE, format="xml")


def test_load_text_defaults() -> None:
    result = load_text("{\"comments\": [{\"body\": \"hi\"}]}")
    assert (result.path, result.thread().id, result.thread().comments[0].id) == (
        "<text>", "thread", "c1")
