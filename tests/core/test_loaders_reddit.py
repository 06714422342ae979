"""Reddit thread JSON: the post as article, nested replies, more stubs, deleted and removed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from moderator.core import InputError, Thread
from moderator.io import detect_format, load, load_text

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
REDDIT = DATA / "reddit-thread.json"


def shape(thread: Thread) -> list[tuple[str, str, int, str]]:
    return [(c.id, c.parent_id, c.depth, c.status) for c in thread]


def listing(*children: Any) -> dict[str, Any]:
    return {"kind": "Listing", "data": {"children": list(children)}}


def t1(cid: str, body: str, parent: str, replies: Any = "", **extra: Any) -> dict[str, Any]:
    return {"kind": "t1", "data": {"id": cid, "name": f"t1_{cid}", "parent_id": parent,
                                   "body": body, "author": "u", "created_utc": 1707130800.0,
                                   "replies": replies, **extra}}


def test_one_thread_named_by_the_post_id() -> None:
    result = load(REDDIT)
    assert result.format == "reddit"
    assert [t.id for t in result.threads] == ["1aqz3kd"]
    assert result.comment_count == 7


def test_nesting_depths_and_statuses() -> None:
    thread = load(REDDIT).thread()
    assert shape(thread) == [
        ("kq1a001", "", 0, ""), ("kq1b002", "kq1a001", 1, ""),
        ("kq1c003", "kq1b002", 2, "deleted"), ("kq1d004", "kq1c003", 3, ""),
        ("kq2a005", "", 0, "removed"), ("kq2b006", "kq2a005", 1, ""),
        ("kq3a007", "", 0, ""),
    ]
    assert {c.thread_id for c in thread} == {"1aqz3kd"}
    deleted, removed = thread.get("kq1c003"), thread.get("kq2a005")
    assert deleted is not None and (deleted.author, deleted.body) == ("[deleted]", "[deleted]")
    assert removed is not None and (removed.author, removed.body) == ("[deleted]", "[removed]")


def test_more_stubs_are_counted_not_loaded() -> None:
    assert load(REDDIT).messages == (
        "9 replies not loaded (Reddit 'more' links)",
        "1 deeper reply chain not loaded (Reddit 'continue this thread' links)",
    )


def test_article_is_the_post_and_escapes_are_undone() -> None:
    result = load(REDDIT)
    article = result.thread().article
    assert article.title == "Council approves the new bike lanes on Elm Street & Main Road"
    assert article.url == ("https://www.reddit.com/r/riverside/comments/1aqz3kd/"
                           "council_approves_the_new_bike_lanes/")
    assert article.body == ("The council voted 7 to 2 on Monday. Work starts in May & should "
                            "end by September.\n\n> Construction will take six weeks per street.")
    first = result.thread().comments[0]
    assert (first.author, first.body) == ("maria_r",
                                          "Finally! Elm & Main has been a nightmare for years.")
    assert (first.posted_at, first.posted_at_raw) == ("2024-02-05T11:00:00+00:00", "1707130800")
    assert result.thread().get("kq3a007").body == (  # type: ignore[union-attr]
        "Great <3 news for commuters > drivers will adapt.")


def test_a_single_comment_page_hangs_the_reply_at_top_level() -> None:
    result = load(DATA / "reddit-comment-page.json")
    assert shape(result.thread()) == [("kq1b002", "", 0, "")]
    assert result.messages == ("1 reply whose parent is missing shown at top level",)


def test_detected_before_generic_json_even_as_a_misleading_name(tmp_path: Path) -> None:
    text = REDDIT.read_text(encoding="utf-8")
    assert detect_format(text) == "reddit"
    compact = json.dumps(json.loads(text), sort_keys=True)  # "kind" no longer first
    assert detect_format(compact) == "reddit"
    assert load_text(compact).comment_count == 7
    for name in ("thread.csv", "thread.txt", "thread.xml"):
        path = tmp_path / name
        shutil.copy(REDDIT, path)
        assert load(path).format == "reddit"
    assert detect_format('{"comments": [{"body": "kind of"}]}') == "json"
    # our own JSON layout holding comments copied from Reddit stays JSON
    assert detect_format('{"comments": [{"id": "b", "parent_id": "t1_a", "body": "x"}]}') == "json"


def test_comments_listing_alone_and_moderator_flags() -> None:
    text = json.dumps(listing(
        t1("a", "spam here", "t3_zz", spam=True),
        t1("b", "ok", "t3_zz", approved=True, replies=listing(
            t1("c", "mod removed this", "t1_b", removed=True))),
        {"kind": "more", "data": {"count": 1, "children": ["d"]}},
    ))
    result = load_text(text, path="listing.json")
    assert result.thread().id == "zz"  # from the t3_ the comments reply to
    assert shape(result.thread()) == [("a", "", 0, "spam"), ("b", "", 0, "approved"),
                                      ("c", "b", 1, "removed")]
    assert result.messages == ("1 reply not loaded (Reddit 'more' links)",)


def test_flat_parent_links_and_odd_entries() -> None:
    text = json.dumps([listing(), listing(
        t1("a", "top", "t3_p"), t1("b", "reply by link", "t1_a"), "junk", {"kind": "t9"})])
    result = load_text(text, path="odd.json")
    assert shape(result.thread()) == [("a", "", 0, ""), ("b", "a", 1, "")]
    assert result.thread().id == "p"
    assert result.messages == ("2 entries that are not comments skipped",)


def test_deep_replies_and_json_too_deep_to_read() -> None:
    node: Any = ""
    for n in range(150, 0, -1):
        node = listing(t1(f"c{n}", "x", f"t1_c{n - 1}", replies=node))
    result = load_text(json.dumps([listing(), node]))
    assert result.comment_count == 150
    assert result.thread().comments[-1].depth == 149
    hostile = '[{"kind": "Listing", "data": {"children": ' + "[" * 100_000 + "]" * 100_000 + "}}]"
    with pytest.raises(InputError, match="nested too deeply"):
        load_text(hostile)


@pytest.mark.parametrize("text, message", [
    ('[{"kind": "Listing", "data": {"children": []}}, {"kind": "t1"}]', "expected a Reddit thread"),
    ('[{"kind": "Listing", "data": {"children": [', "broken JSON"),
    ('{"kind": "t1", "data": {}}', "expected a Reddit thread"),
])
def test_broken_files_say_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        load_text(text, path="r.json", format="reddit")
    assert err.value.path == "r.json"


def test_truncated_file_names_the_line() -> None:
    text = REDDIT.read_text(encoding="utf-8")
    cut = text[: text.index('"kq2b006"')]
    with pytest.raises(InputError, match="broken JSON.*cut short") as err:
        load_text(cut, path="cut.json")
    assert err.value.line == cut.count("\n") + 1
