"""Large files are decoded and parsed a piece at a time (so the GUI thread gets the GIL between
pieces): the pieces are made tiny here, and everything must come out as from whole-text calls."""

from __future__ import annotations

import codecs
import importlib
import json
import random
from pathlib import Path

import pytest

from moderator.core import InputError
from moderator.io import jsonfmt, load, reddit

decode_module = importlib.import_module("moderator.io.decode")  # the package exports decode()
jsonwalk = importlib.import_module("moderator.io.jsonwalk")

_ALPHABET = ["a", "b", " ", "\n", "\r", "\r\n", "\u00e9", "\u20ac", "\U0001f600", "\x01",
             "\ufeff", "\t"]


def _outcome(data: bytes) -> tuple[object, ...]:
    try:
        return ("ok", decode_module.decode(data, "f.txt"))
    except InputError as exc:
        return ("error", str(exc), exc.line)


def _samples(rng: random.Random) -> list[bytes]:
    text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 40)))
    stray = bytearray(text.encode("utf-8"))
    for _ in range(rng.randrange(1, 4)):
        if stray:
            stray[rng.randrange(len(stray))] = rng.randrange(128, 256)
    declared = (b'<?xml version="1.0" encoding="' + rng.choice([b"ISO-8859-1", b"shift_jis"])
                + b'"?>' + "\u00e9\u3053 x\r\n".encode("shift_jis", "replace") * 3)
    return [text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"),
            codecs.BOM_UTF16_LE + text.encode("utf-16-le") + rng.choice([b"", b"x"]),
            text.encode("utf-16-be"), text.encode("cp1252", "replace"), bytes(stray),
            bytes(rng.randrange(256) for _ in range(rng.randrange(1, 30))), declared]


def test_decoding_in_chunks_gives_the_whole_file_results(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    rng = random.Random(5)
    for _ in range(400):
        for data in _samples(rng):
            whole = _outcome(data)
            monkeypatch.setattr(decode_module, "CHUNK", rng.choice([1, 2, 3, 5, 8]))
            assert _outcome(data) == whole, data
            text = data.decode("utf-8", "replace")
            try:
                expected: object = decode_module.prepare(text, "t")
            except InputError as exc:
                expected = str(exc)
            monkeypatch.undo()
            try:
                assert decode_module.prepare(text, "t") == expected
            except InputError as exc:
                assert str(exc) == expected


def _json_outcome(text: str, walk: frozenset[tuple[str, ...]]) -> tuple[object, ...]:
    try:
        return ("ok", json.dumps(jsonwalk.loads(text, walk)))
    except json.JSONDecodeError as exc:
        return ("error", exc.msg, exc.pos, exc.lineno, exc.colno)


@pytest.mark.parametrize("walk", [jsonfmt._WALK, reddit._WALK])
def test_walking_json_gives_json_loads_values_and_errors(monkeypatch: pytest.MonkeyPatch,
                                                         walk: frozenset[tuple[str, ...]]
                                                         ) -> None:
    docs = [{"article": {"title": "t"},
             "comments": [{"id": "a", "body": "x\ny", "replies": [{"id": "b"}]}, {"id": "c"}, 3]},
            {"threads": [{"id": "1", "comments": [{"body": "a"}]}, {"comments": []}, 5]},
            [{"body": "a"}, {"body": "b"}], [], {}, "text", 3,
            [{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"body": "x"}}]}}]]
    rng = random.Random(9)
    for _ in range(1500):
        text = json.dumps(rng.choice(docs), indent=rng.choice([None, 1, "\t"]))
        chars = list(text)
        for _ in range(rng.randrange(0, 3)):  # damage it
            at = rng.randrange(len(chars) + 1)
            if rng.random() < 0.5 and chars:
                del chars[min(at, len(chars) - 1)]
            else:
                chars.insert(at, rng.choice(list(' \n,:[]{}"1a')))
        text = rng.choice(["", " ", "\n"]) + "".join(chars) + rng.choice(["", " ", "\n "])
        monkeypatch.setattr(jsonwalk, "WALK_FROM", 1 << 30)
        whole = _json_outcome(text, walk)
        monkeypatch.setattr(jsonwalk, "WALK_FROM", 0)
        assert _json_outcome(text, walk) == whole, text


def test_walking_keeps_duplicate_keys_as_json_loads_does(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    monkeypatch.setattr(jsonwalk, "WALK_FROM", 0)
    text = '{"comments": [1], "article": {}, "comments": [2, 3]}'
    assert list(jsonwalk.loads(text, jsonfmt._WALK).items()) == list(json.loads(text).items())


def test_a_large_thread_loads_as_a_small_one(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    comments = [{"id": f"c{i}", "parent_id": f"c{i - 1}" if i % 3 else None, "author": "ann",
                 "body": f"caf\u00e9 \U0001f600 number {i}\r\nsecond line"} for i in range(60)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"article": {"title": "T"}, "comments": comments},
                               ensure_ascii=False), encoding="utf-8", newline="")
    broken = tmp_path / "broken.json"
    broken.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    whole = load(path)
    with pytest.raises(InputError) as whole_error:
        load(broken)
    monkeypatch.setattr(decode_module, "CHUNK", 7)
    monkeypatch.setattr(jsonwalk, "WALK_FROM", 0)
    assert load(path) == whole
    with pytest.raises(InputError) as error:
        load(broken)
    assert (str(error.value), error.value.line) == (str(whole_error.value),
                                                     whole_error.value.line)


def test_a_large_csv_reads_as_a_small_one(monkeypatch: pytest.MonkeyPatch) -> None:
    csvfmt = importlib.import_module("moderator.io.csvfmt")
    texts = ['id,parent_id,body\nk1,,"first\nsecond"\nk2,k1,reply\n\nk3,,"x ""q"" y"',
             'id,body\nk1,fine\nk2,"never\nclosed\n']
    outcomes = []
    for large in (1 << 30, 1):
        monkeypatch.setattr(csvfmt, "_LARGE", large)
        for text in texts:
            try:
                outcomes.append(csvfmt.parse(text, "t.csv"))
            except InputError as exc:
                outcomes.append((str(exc), exc.line))
    assert outcomes[:2] == outcomes[2:]
