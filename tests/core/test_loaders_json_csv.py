"""JSON and CSV thread files: layouts, field aliases, times, threads, broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator.core import InputError, Thread
from moderator.io import load, load_text

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"


def shape(thread: Thread) -> list[tuple[str, str, int]]:
    return [(c.id, c.parent_id, c.depth) for c in thread]


# --- JSON -------------------------------------------------------------------------------------

def test_json_flat_parent_links_in_thread_order() -> None:
    result = load(DATA / "flat.json")
    thread = result.thread()
    assert result.format == "json"
    assert thread.id == "flat"
    assert thread.article.title == "Council approves the new bike lanes"
    assert thread.article.url == "https://example.org/news/bike-lanes"
    assert thread.article.body.endswith("Work starts in May.")
    assert shape(thread) == [("a1", "", 0), ("a2", "a1", 1), ("a4", "a2", 2), ("a6", "a1", 1),
                             ("a3", "", 0), ("a5", "", 0)]
    assert [c.position for c in thread] == list(range(6))
    assert thread.get("a6").body == ""  # type: ignore[union-attr]
    assert thread.get("a3").body == "Seven to two is a clear vote.\n\nGood work, council."  # type: ignore[union-attr]


def test_json_orphan_reply_hangs_at_top_level_with_a_message() -> None:
    result = load(DATA / "flat.json")
    orphan = result.thread().get("a5")
    assert orphan is not None and (orphan.parent_id, orphan.depth) == ("", 0)
    assert "1 reply whose parent is missing shown at top level" in result.messages


def test_json_times_epoch_ms_seconds_iso_and_raw_kept() -> None:
    result = load(DATA / "flat.json")
    thread = result.thread()
    times = {c.id: (c.posted_at, c.posted_at_raw) for c in thread}
    assert times["a1"] == ("2016-02-09T14:52:44.375+00:00", "1455029564375")
    assert times["a2"] == ("2016-02-09T15:55:04+00:00", "1455033304")
    assert times["a3"] == ("2016-02-09T16:00:00+00:00", "2016-02-09T16:00:00Z")
    assert times["a4"] == ("2016-02-09T15:05:00+00:00", "2016-02-09T16:05:00+01:00")
    assert times["a5"] == ("", "yesterday")
    assert times["a6"] == ("", "")
    assert any("1 comment time not understood" in m for m in result.messages)


def test_json_nested_replies_and_aliases() -> None:
    result = load(DATA / "nested.json")
    thread = result.thread()
    assert result.messages == ()
    assert thread.id == "bike-lanes-nested"
    assert thread.article.title == "Council approves the new bike lanes"
    assert thread.article.url == "https://example.org/b"
    assert shape(thread) == [("101", "", 0), ("102", "101", 1), ("103", "102", 2),
                             ("104", "101", 1), ("107", "101", 1), ("105", "", 0),
                             ("106", "105", 1)]
    first = thread.comments[0]
    assert (first.author, first.body, first.posted_at) == ("maria", "Finally!",
                                                           "2016-02-09T14:52:44")


def test_json_several_threads() -> None:
    result = load(DATA / "threads.json")
    assert [t.id for t in result.threads] == ["t-one", "t-two"]
    assert result.comment_count == 3
    assert result.thread("t-two").comments[0].thread_id == "t-two"
    assert shape(result.thread("t-one")) == [("1", "", 0), ("2", "1", 1)]


def test_json_bare_list_of_comments() -> None:
    result = load_text('[{"text": "one"}, {"cid": 5, "text": "two"}, {"text": "3", "parent": 5}]')
    assert result.format == "json"
    assert shape(result.thread()) == [("c1", "", 0), ("5", "", 0), ("c3", "5", 1)]


def test_json_truncated_names_the_line() -> None:
    text = (DATA / "flat.json").read_text(encoding="utf-8")
    cut = text[: text.index('"a4"')]
    with pytest.raises(InputError) as err:
        load_text(cut, path="cut.json")
    assert err.value.path == "cut.json"
    assert err.value.line == cut.count("\n") + 1
    assert "broken JSON" in str(err.value) and "cut short" in str(err.value)
    assert str(err.value).startswith(f"cut.json, line {err.value.line}: ")


def test_json_without_comments_says_what_was_expected() -> None:
    with pytest.raises(InputError, match='"comments" list.*found an object with keys foo'):
        load_text('{"foo": 1}', path="x.json")


def test_json_reply_loop_and_duplicate_ids_never_hang_or_crash() -> None:
    comments = [
        {"id": "a", "parent_id": "c", "body": "1"},
        {"id": "b", "parent_id": "a", "body": "2"},
        {"id": "c", "parent_id": "b", "body": "3"},
        {"id": "d", "parent_id": "d", "body": "replies to itself"},
        {"id": "a", "body": "same id again"},
        {"body": "no id"},
    ]
    result = load_text(json.dumps({"comments": comments}))
    thread = result.thread()
    assert shape(thread) == [("a", "", 0), ("b", "a", 1), ("c", "b", 2), ("d", "", 0),
                             ("a-2", "", 0), ("c6", "", 0)]
    assert any("2 reply loops broken" in m for m in result.messages)
    assert any("1 repeated comment id made unique" in m for m in result.messages)


def test_json_very_long_reply_chain() -> None:
    comments = [{"id": str(i), "parent_id": str(i - 1) if i else "", "body": "x"}
                for i in range(5000)]
    thread = load_text(json.dumps({"comments": comments})).thread()
    assert thread.comments[-1].depth == 4999


# --- CSV --------------------------------------------------------------------------------------

def test_csv_aliases_semicolons_crlf_and_quoted_newlines() -> None:
    result = load(DATA / "aliases.csv")
    thread = result.thread()
    assert (result.format, thread.id, result.messages) == ("csv", "aliases", ())
    assert shape(thread) == [("k1", "", 0), ("k2", "k1", 1), ("k3", "k2", 2), ("k4", "", 0)]
    k1 = thread.comments[0]
    assert k1.body == 'A long comment\n\nthat spans "three" lines; with a semicolon'
    assert (k1.author, k1.status) == ("ann", "approved")
    assert (k1.posted_at, k1.posted_at_raw) == ("2012-06-18T19:21:55+00:00", "20120618192155Z")
    assert thread.comments[1].posted_at == "2012-06-18T19:30:00"
    assert thread.comments[2].status == "spam"


def test_csv_thread_id_column_gives_several_threads() -> None:
    result = load(DATA / "multi-thread.csv")
    assert [t.id for t in result.threads] == ["news-1", "news-2", "multi-thread"]
    assert shape(result.thread("news-1")) == [("1", "", 0), ("2", "1", 1)]
    assert result.thread("news-2").comments[0].thread_id == "news-2"


def test_csv_without_text_column_names_file_line_1_and_expected_columns() -> None:
    path = DATA / "no-text-column.csv"
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.line == 1
    message = str(err.value)
    assert message.startswith(f"{path}, line 1: ")
    assert "body, text, content, message, comment" in message
    assert "found: id, author, posted_at, score" in message


def test_csv_without_text_column_is_an_error_whatever_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("comment_id,author,date\n1,ann,2016-02-09\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: no comment text column"):
        load(path)


def test_csv_large_fields_and_tabs(tmp_path: Path) -> None:
    big = "word " * 100_000
    path = tmp_path / "big.tsv"
    path.write_text(f"id\tcontent\n1\t\"{big}\"\n2\tsmall\n", encoding="utf-8")
    thread = load(path).thread()
    assert [len(c.body) for c in thread] == [len(big), 5]


def test_csv_unclosed_quote_names_its_line() -> None:
    with pytest.raises(InputError) as err:
        load_text('id,body\n1,fine\n2,"never closed\n3,x\n', path="q.csv")
    assert err.value.line == 3
    assert "never closed" in str(err.value)


def test_csv_orphan_reply_and_short_rows() -> None:
    result = load_text("id,parent,text\n1,,hello\n2,99,orphan\n3,1\n")
    assert shape(result.thread()) == [("1", "", 0), ("3", "1", 1), ("2", "", 0)]
    assert result.thread().get("3").body == ""  # type: ignore[union-attr]
    assert "1 reply whose parent is missing shown at top level" in result.messages


def test_csv_duplicate_ids_are_made_unique_with_line() -> None:
    result = load_text("id,text\n7,a\n7,b\n", path="d.csv")
    assert [c.id for c in result.thread()] == ["7", "7-2"]
    assert any("'7' (line 3)" in m for m in result.messages)


def test_times_already_in_iso_form_are_kept_and_checked():
    from moderator.io.times import to_iso

    assert to_iso("2014-01-04T00:01:00") == "2014-01-04T00:01:00"
    assert to_iso("2014-13-04T00:01:00") == ""  # no 13th month
    assert to_iso("1900-01-04T00:01:00") == ""  # out of the years comments are from
    assert to_iso("2014-01-04 00:01:00") == "2014-01-04T00:01:00"


def test_json_comments_with_different_keys_each_read_their_own(tmp_path):
    from moderator.io import load

    path = tmp_path / "mixed.json"
    path.write_text(json.dumps({"comments": [
        {"id": "a", "text": "first", "user": "ann", "date": "2014-01-04T00:01:00",
         "children": [{"comment_id": "b", "body": "second", "author": "bob", "state": "spam"}]},
        {"id": "c", "message": "third", "parent": "a", "replies": []},
    ]}), encoding="utf-8")
    t = load(path).threads[0]
    got = [(c.id, c.body, c.author, c.parent_id, c.posted_at, c.status) for c in t.comments]
    assert got == [("a", "first", "ann", "", "2014-01-04T00:01:00", ""),
                   ("b", "second", "bob", "a", "", "spam"),
                   ("c", "third", "", "a", "", "")]


def test_json_replies_are_the_first_list_and_read_in_document_order():
    comments = [
        {"id": "a", "posted_at": "2014-01-04T00:01:00", "replies": None,
         "children": [{"id": "b", "posted_at": "2014-01-04T00:01:00"}, 5,
                      {"id": "c", "posted_at": " 1389744000 ", "replies": [],
                       "children": [{"id": "d", "posted_at": True}]}]},
        {"id": "e", "posted_at": " 1389744000 ", "replies": "not a list",
         "children": [{"id": "f", "posted_at": "soon"}]},
    ]
    result = load_text(json.dumps({"comments": comments}))
    got = [(c.id, c.parent_id, c.depth, c.posted_at, c.posted_at_raw) for c in result.thread()]
    assert got == [("a", "", 0, "2014-01-04T00:01:00", "2014-01-04T00:01:00"),
                   ("b", "a", 1, "2014-01-04T00:01:00", "2014-01-04T00:01:00"),
                   ("c", "a", 1, "2014-01-15T00:00:00+00:00", "1389744000"),
                   ("e", "", 0, "2014-01-15T00:00:00+00:00", "1389744000"),
                   ("f", "e", 1, "", "soon")]  # c's empty "replies" list hides "children"
    assert result.messages == ("1 comment time not understood (kept as written, no date)",
                               "1 entry in 'comments' that are not comment objects skipped")
