"""Decisions out: SPEC 4 columns, thread order, formula neutralising, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import os
import random

import pytest

from moderator.core import Article, Category, Comment, Decision, DecisionKind, Thread
from moderator.core.scoring import CommentScore, Hit, ThreadScores
from moderator.io.export import COLUMNS, csv_records, export, neutralise, neutralised


def _thread() -> tuple[Thread, ThreadScores]:
    comments = (
        Comment("c1", "=HYPERLINK(\"http://evil\",\"click\")", author="+cmd", position=0),
        Comment("c2", "you are a moron, \"quoted\"\nsecond line", author="@SUM(A1)",
                parent_id="c1", depth=1, position=1, posted_at="2014-01-04T03:31:00"),
        Comment("c3", "\tleading tab", author="-minus", position=2),
    )
    t = Thread("t1", Article("A", "", "body"), comments)
    hit = Hit("insult.personal_attack", Category.INSULT, 60, 'calls the reader "moron"')
    scores = ThreadScores("t1", {
        "c1": CommentScore("c1", (), {c: 0 for c in Category}, frozenset()),
        "c2": CommentScore("c2", (hit,), {Category.INSULT: 60, Category.OFF_TOPIC: 0,
                                          Category.DUPLICATE: 0}, frozenset({Category.INSULT})),
        "c3": CommentScore("c3", (), {c: 0 for c in Category}, frozenset()),
    })
    return t, scores


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_has_the_spec_columns_in_thread_order(tmp_path):
    t, scores = _thread()
    decisions = {("t1", "c2"): Decision("c2", DecisionKind.ACCEPT, reviewer="ana",
                                        decided_at="2026-11-23T10:00:00Z", note="=1+1")}
    out = tmp_path / "d.csv"
    assert export(out, [t], {"t1": scores}, decisions) == 3
    with open(out, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == COLUMNS
    rows = _read(out)
    assert [r["comment_id"] for r in rows] == ["c1", "c2", "c3"]
    r1, r2, r3 = rows
    assert r1["decision"] == "pending" and r1["action"] == "" and r1["final_labels"] == ""
    assert r2["decision"] == "accept" and r2["final_labels"] == "insult"
    assert r2["action"] == "remove" and r2["auto_flags"] == "insult"
    assert r2["insult_score"] == "60" and r2["reviewer"] == "ana"
    assert r2["body"] == "you are a moron, \"quoted\"\nsecond line"  # RFC 4180 round trip
    assert 'calls the reader "moron"' in r2["reasons"]


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil","click")', "+cmd", "@SUM(A1)",
                                  "\tleading tab", "-minus", "\rcr"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_formula_cells_never_reach_the_file_raw(tmp_path):
    t, scores = _thread()
    decisions = {("t1", "c2"): Decision("c2", DecisionKind.OVERRIDE, frozenset(), note="=1+1")}
    out = tmp_path / "d.csv"
    export(out, [t], {"t1": scores}, decisions)
    rows = _read(out)
    assert rows[0]["body"].startswith("'=HYPERLINK")
    assert rows[0]["author"] == "'+cmd"
    assert rows[1]["author"] == "'@SUM(A1)" and rows[1]["note"] == "'=1+1"
    assert rows[2]["body"] == "'\tleading tab" and rows[2]["author"] == "'-minus"
    assert rows[1]["action"] == "keep" and rows[1]["final_labels"] == ""


def test_json_carries_the_same_data(tmp_path):
    t, scores = _thread()
    out = tmp_path / "d.json"
    export(out, [t], {"t1": scores}, {})
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["columns"] == list(COLUMNS)
    assert data["rows"][1]["auto_flags"] == ["insult"]
    assert data["rows"][0]["body"].startswith("=HYPERLINK")  # JSON is data, not run


def test_several_threads_gain_a_thread_id_column(tmp_path):
    t, scores = _thread()
    t2 = Thread("t2", Article(), (Comment("d1", "hello", position=0),))
    s2 = ThreadScores("t2", {"d1": CommentScore("d1", (), {c: 0 for c in Category},
                                                frozenset())})
    out = tmp_path / "d.csv"
    export(out, [t, t2], {"t1": scores, "t2": s2}, {})
    rows = _read(out)
    assert [(r["thread_id"], r["comment_id"]) for r in rows] == [
        ("t1", "c1"), ("t1", "c2"), ("t1", "c3"), ("t2", "d1")]


def test_a_failed_export_leaves_the_old_file_whole(tmp_path, monkeypatch):
    t, scores = _thread()
    out = tmp_path / "d.csv"
    out.write_text("the good export\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        export(out, [t], {"t1": scores}, {})
    assert out.read_text() == "the good export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]  # no temp file left behind


def _csv_writer_text(rows, columns):
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(
        neutralised(row, columns) for row in rows)
    return buf.getvalue()


def test_csv_records_are_the_bytes_csv_writer_writes():
    """The string-method CSV writer against ``csv.writer`` itself, on cells made of the
    characters that matter: quotes, separators, line ends, formula starts."""
    rng = random.Random(4)
    pieces = ["", "a", " ", ",", '"', "\r", "\n", "\r\n", "'", "=", "+", "-", "@", "\t", ";",
              "\x00", "é", "\u2028", "\ud800", "\U0001f600", "moron", "1,5"]
    others = [0, 7, -3, 10**30, True, False, None, 1.5, -0.0, float("nan"), Category.INSULT,
              DecisionKind.ACCEPT.value]

    def cell():
        if rng.random() < 0.15:
            return rng.choice(others)
        return "".join(rng.choice(pieces) for _ in range(rng.randrange(6)))

    for width in (1, 2, 3, 19):
        columns = [f"k{i}" for i in range(width)]
        rows = [{c: cell() for c in columns} for _ in range(3000)]
        assert csv_records(rows, columns) == _csv_writer_text(rows, columns)
        plain = [{c: v for c, v in row.items() if type(v) in (str, int)} for row in rows]
        plain = [row for row in plain if len(row) == width]  # the fast path throughout
        assert csv_records(plain, columns) == _csv_writer_text(plain, columns)
    assert csv_records([], COLUMNS) == ""
