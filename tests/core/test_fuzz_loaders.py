"""Property tests: whatever the input, every loader either loads or raises the project's own
error with a message; never another exception, never a hang (the rules file: test_fuzz_rules).

Inputs: random text and bytes, fixtures damaged (cut, bytes flipped, junk inserted, pieces
repeated or dropped), and structured documents shaped like each format with random content.
Each property is kept to a modest number of examples so the suite stays fast; the long run
(10,000+ inputs per loader) is ``benchmarks/fuzz_loaders.py``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator.core import LoadResult, ModeratorError, Thread
from moderator.io import FORMATS, load, load_text

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
FIXTURES = [DATA / name for name in (
    "wordpress-export.xml", "disqus-export.xml", "disqus-latin1.xml", "reddit-thread.json",
    "reddit-comment-page.json", "flat.json", "nested.json", "threads.json", "aliases.csv",
    "multi-thread.csv", "tricky-page.txt")] + [REPO / "resources" / "samples" /
                                                "russia-amnesty-cnn-2014.txt"]
SEEDS = [path.read_bytes()[:12_000] for path in FIXTURES]
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_thread(thread: Thread) -> None:
    """What every loader promises about a thread it returns."""
    seen: dict[str, int] = {}
    for position, c in enumerate(thread):
        assert c.position == position and c.thread_id == thread.id
        assert c.id and c.id not in seen
        if c.parent_id:
            assert c.parent_id in seen and thread.comments[seen[c.parent_id]].depth == c.depth - 1
        else:
            assert c.depth == 0
        seen[c.id] = position


def loads_or_refuses(call: Any) -> LoadResult | None:
    try:
        result = call()
    except ModeratorError as err:
        assert err.message.strip(), "an error without a message"
        return None
    assert isinstance(result, LoadResult)
    assert len({t.id for t in result.threads}) == len(result.threads)
    for thread in result.threads:
        check_thread(thread)
    assert all(isinstance(m, str) and m for m in result.messages)
    return result


# --- mutations of real fixtures ---------------------------------------------------------------

@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "delete", "insert", "repeat", "cut", "markup"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 400))] * draw(st.integers(1, 4))
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(MARKUP)).encode()
    return bytes(data)


MARKUP = ["<", ">", "&", "&amp;", "&#0;", "&#x110000;", "]]>", "<![CDATA[", "<!--", "-->",
          "<!DOCTYPE x [<!ENTITY e 'x'>]>", "&e;", "<?xml version='1.0'?>", '"', "'", "{", "}",
          "[", "]", ",", ":", "null", '"kind": "more"', '"replies": ""', "\x00", "\ufeff",
          "\r", "\n\n", "\t", '"t1_', "</wp:comment>", "<wp:comment>", "<post>", "</thread>",
          'dsq:id="', "1.", "\u2022 ", "January 4, 2014 at 3:31 am | Reply"]


@FUZZ
@given(data=damaged())
def test_damaged_fixtures_load_or_refuse(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thread.dat"
        path.write_bytes(data)
        loads_or_refuses(lambda: load(path))


@FUZZ
@given(data=damaged(), fmt=st.sampled_from(FORMATS))
def test_damaged_fixtures_under_every_named_format(data: bytes, fmt: str) -> None:
    text = data.decode("utf-8", errors="replace")
    loads_or_refuses(lambda: load_text(text, path="x", format=fmt))


# --- random input -----------------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thread"
        path.write_bytes(data)
        loads_or_refuses(lambda: load(path))


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(text=st.text(max_size=800))
def test_arbitrary_text_per_loader(fmt: str, text: str) -> None:
    loads_or_refuses(lambda: load_text(text, path="x", format=fmt))


# --- structured documents shaped like each format -----------------------------------------------

WORDS = st.sampled_from(["", "0", "1", "-1", "x", "t1_a", "t3_p", "a", "b", "post-1", "spam",
                         "trash", "true", "false", "[deleted]", "[removed]", "pingback",
                         "2024-02-05 10:15:00", "0000-00-00 00:00:00", "1707130800",
                         "<p>hi</p>", "&amp;", "<a href='u'>l</a>", "\u00e9", " "])
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | WORDS
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["kind", "data", "children", "replies", "id", "name", "parent_id",
                         "body", "author", "count", "created_utc", "title", "selftext", "url",
                         "permalink", "comments", "threads", "article", "removed", "spam"]),
        inner, max_size=4),
    max_leaves=12,
)


@st.composite
def reddit_things(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    kind = draw(st.sampled_from(["t1", "t1", "more", "t3", "Listing", "x"]))
    data: dict[str, Any] = draw(st.dictionaries(
        st.sampled_from(["id", "name", "parent_id", "body", "author", "count", "created_utc",
                         "spam", "removed", "approved", "children"]),
        SCALARS, max_size=5))
    if draw(st.integers(0, 9)) == 0:
        data["replies"] = draw(JSON_VALUES)
    elif kind == "t1" and depth < 3 and draw(st.booleans()):
        data["replies"] = {"kind": "Listing", "data": {"children": draw(
            st.lists(reddit_things(depth + 1), max_size=3))}}
    return {"kind": kind, "data": data}


@FUZZ
@given(listings=st.lists(st.fixed_dictionaries({
    "kind": st.sampled_from(["Listing", "Listing", "t3"]),
    "data": st.fixed_dictionaries({"children": st.lists(reddit_things(), max_size=4)}),
}), max_size=3) | JSON_VALUES)
def test_reddit_shaped_json(listings: Any) -> None:
    text = json.dumps(listings)
    loads_or_refuses(lambda: load_text(text, path="r.json", format="reddit"))
    loads_or_refuses(lambda: load_text(text, path="r.json"))


XML_TAGS = ["rss", "channel", "item", "wp:comment", "wp:comment_id", "wp:comment_parent",
            "wp:comment_content", "wp:comment_type", "wp:comment_approved", "wp:post_id",
            "wp:post_type", "content:encoded", "title", "link", "disqus", "thread", "post",
            "message", "parent", "id", "isDeleted", "isSpam", "author", "name", "createdAt"]
NAMESPACES = ('xmlns:wp="http://wordpress.org/export/1.2/" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dsq="http://disqus.com/disqus-internals"')


@st.composite
def xml_elements(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(XML_TAGS))
    attrs = draw(st.sampled_from(["", ' dsq:id="1"', ' dsq:id="2"', ' dsq:id=""']))
    if depth >= 3 or draw(st.booleans()):
        text = draw(WORDS | st.text(max_size=20))
        body = (f"<![CDATA[{text}]]>" if draw(st.booleans()) and "]]>" not in text else
                text.replace("&", "&amp;").replace("<", "&lt;"))
    else:
        body = "".join(draw(st.lists(xml_elements(depth + 1), max_size=3)))
    return f"<{tag}{attrs}>{body}</{tag}>"


@FUZZ
@given(root=st.sampled_from(["rss", "disqus", "other"]),
       children=st.lists(xml_elements(), max_size=4),
       damage=st.sampled_from(["", "cut", "doctype"]))
def test_export_shaped_xml(root: str, children: list[str], damage: str) -> None:
    inner = "".join(children)
    if root == "rss":
        inner = f"<channel>{inner}</channel>"
    text = f'<?xml version="1.0"?>\n<{root} {NAMESPACES}>\n{inner}\n</{root}>\n'
    if damage == "cut":
        text = text[: len(text) * 2 // 3]
    elif damage == "doctype":
        text = text.replace("?>\n", "?>\n<!DOCTYPE x [<!ENTITY e 'boom'>]>\n", 1)
    for fmt in ("wxr", "disqus", None):
        loads_or_refuses(lambda fmt=fmt: load_text(text, path="e.xml", format=fmt))
