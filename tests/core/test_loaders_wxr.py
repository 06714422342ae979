"""WordPress WXR exports: threads per post, statuses, pingbacks, HTML, times, hostile XML."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from moderator.core import InputError, Thread
from moderator.io import detect_format, load, load_text

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
WXR = DATA / "wordpress-export.xml"


def shape(thread: Thread) -> list[tuple[str, str, int, str]]:
    return [(c.id, c.parent_id, c.depth, c.status) for c in thread]


def minimal(comments: str, namespace: str = "http://wordpress.org/export/1.2/") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="{namespace}">'
            f"\n<channel>\n<item><title>T</title><wp:post_id>1</wp:post_id>\n{comments}\n"
            "</item>\n</channel>\n</rss>\n")


def comment(cid: str, body: str, parent: str = "0", approved: str = "1",
            kind: str = "comment") -> str:
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
            f"<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved>"
            f"<wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")


def test_threads_one_per_post_and_page_not_attachments_or_menu_items() -> None:
    result = load(WXR)
    assert result.format == "wxr"
    assert [t.id for t in result.threads] == ["post-123", "post-45", "post-130"]
    assert [len(t) for t in result.threads] == [7, 0, 2]
    assert result.comment_count == 9


def test_nesting_statuses_and_the_orphan_reply() -> None:
    result = load(WXR)
    thread = result.thread("post-123")
    assert shape(thread) == [
        ("17", "", 0, "approved"), ("18", "17", 1, "approved"), ("20", "18", 2, "unapproved"),
        ("25", "17", 1, "approved"), ("21", "", 0, "spam"), ("22", "", 0, "trash"),
        ("24", "", 0, "approved"),  # its parent 99 is not in the file
    ]
    assert [c.position for c in thread] == list(range(7))
    assert {c.thread_id for c in result.thread("post-130")} == {"post-130"}
    assert shape(result.thread("post-130")) == [("32", "", 0, "approved"),
                                                ("33", "32", 1, "approved")]


def test_messages_count_pingbacks_and_name_the_orphan() -> None:
    assert load(WXR).messages == (
        "3 pingbacks and trackbacks skipped",
        "thread post-123: 1 reply whose parent is missing shown at top level",
    )


def test_article_title_link_and_body_as_text() -> None:
    article = load(WXR).thread("post-123").article
    assert article.title == "Council approves the new bike lanes"
    assert article.url == "https://riverside-gazette.example/2024/02/05/bike-lanes/"
    assert article.body == ("The council voted 7 to 2 on Monday to build protected bike lanes "
                            "on Elm Street & Main Road.\n\nWork starts in May.\n"
                            "The lanes should open by September.")
    assert load(WXR).thread("post-45").article.body == "The Riverside Gazette is run by volunteers."


def test_comment_html_becomes_plain_text_keeping_links() -> None:
    thread = load(WXR).thread("post-123")
    assert thread.get("18").body == ("Agreed & about time.\n"  # type: ignore[union-attr]
                                     "The new signals at Main Road help too.")
    assert thread.get("20").body == ("Who is paying for this? "  # type: ignore[union-attr]
                                     "Cheap loans here (http://cheap-loans.example/)")
    assert thread.get("25").body == ("Same here.\n\nI cross there every "  # type: ignore[union-attr]
                                     "morning with two kids & a dog.")
    bob = load(WXR).thread("post-130").get("33")
    assert bob is not None and bob.body == "Yes!\n\nOpen till 9 < 10 hours a day, mind."


def test_authors_and_times_gmt_first_then_local() -> None:
    thread = load(WXR).thread("post-123")
    maria, sara = thread.get("17"), thread.get("25")
    assert maria is not None and sara is not None
    assert (maria.author, maria.posted_at, maria.posted_at_raw) == (
        "maria", "2024-02-05T10:15:00+00:00", "2024-02-05 10:15:00")
    # comment_date_gmt is 0000-00-00 00:00:00: the site's local time, without a zone
    assert (sara.posted_at, sara.posted_at_raw) == ("2024-02-06T09:45:00", "2024-02-06 09:45:00")


def test_one_pingback_message_and_older_namespaces() -> None:
    for version in ("1.0", "1.1", "1.2"):
        text = minimal(comment("1", "hello") + comment("2", "[...] linked", kind="pingback"),
                       namespace=f"http://wordpress.org/export/{version}/")
        assert detect_format(text) == "wxr"
        result = load_text(text, path="old.xml")
        assert (result.comment_count, result.messages) == (1, ("1 pingback or trackback skipped",))


def test_post_trashed_and_unknown_statuses() -> None:
    text = minimal(comment("1", "a", approved="post-trashed") + comment("2", "b", approved="X"))
    assert [c.status for c in load_text(text).thread()] == ["trash", "x"]


def test_detected_from_content_with_a_misleading_extension(tmp_path: Path) -> None:
    for name in ("export.txt", "export.json", "export.csv"):
        path = tmp_path / name
        shutil.copy(WXR, path)
        result = load(path)
        assert (result.format, result.comment_count) == ("wxr", 9)


def test_format_can_be_named() -> None:
    text = WXR.read_text(encoding="utf-8")
    assert load_text(text, format="wordpress").format == "wxr"
    with pytest.raises(InputError, match="expected a WordPress export.*found <disqus>"):
        load_text((DATA / "disqus-export.xml").read_text(encoding="utf-8"), format="wxr")


def test_utf16_and_bom_exports(tmp_path: Path) -> None:
    text = WXR.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    for data in (text.encode("utf-16"), b"\xef\xbb\xbf" + WXR.read_bytes()):
        path = tmp_path / "export.xml"
        path.write_bytes(data)
        assert load(path).comment_count == 9


def test_truncated_export_names_the_line() -> None:
    text = WXR.read_text(encoding="utf-8")
    cut = text[: text.index("<wp:comment_id>25")]
    with pytest.raises(InputError) as err:
        load_text(cut, path="cut.xml")
    assert err.value.line == cut.count("\n") + 1
    assert "broken XML" in str(err.value) and "cut short" in str(err.value)
    assert str(err.value).startswith(f"cut.xml, line {err.value.line}: ")


def test_mismatched_tag_names_its_line() -> None:
    text = minimal(comment("1", "a")).replace("</item>", "</itemm>")
    with pytest.raises(InputError, match="broken XML.*mismatched tag") as err:
        load_text(text)
    assert err.value.line == 6  # the </itemm> line


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">\n'
              for i in range(1, 10))
    + ']>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
    "<title>&lol9;</title></item></channel></rss>\n"
)


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="entity declarations are not allowed") as err:
        load_text(BILLION_LAUGHS, path="lol.xml")
    assert time.perf_counter() - start < 0.5
    assert err.value.line == 3


@pytest.mark.parametrize("declaration", [
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
    '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">',
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
    '<!ENTITY logo SYSTEM "http://127.0.0.1:9/logo.gif" NDATA gif>',
])
def test_external_entities_are_refused_never_fetched(declaration: str) -> None:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + declaration + "\n]>\n"
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
            "<title>&xxe;</title></item></channel></rss>\n")
    with pytest.raises(InputError, match="entity declarations are not allowed"):
        load_text(text, path="xxe.xml", format="wxr")


def test_external_dtd_is_not_fetched_and_undefined_entities_are_errors() -> None:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">\n'
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n'
            "<item><title>&nbsp;</title></item></channel></rss>\n")
    with pytest.raises(InputError, match="undefined entity") as err:
        load_text(text)
    assert err.value.line == 4


def test_control_characters_xml_forbids_are_shown_not_fatal() -> None:
    text = minimal(comment("1", "form\x0cfeed") + comment("2", "fine"))
    result = load_text(text)
    assert [c.body for c in result.thread()] == ["form\ufffdfeed", "fine"]
    assert result.messages == ("1 character that XML does not allow (control characters) "
                               "shown as \ufffd (first on line 5)",)


def test_an_export_without_items_is_an_error() -> None:
    text = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Empty</title>'
            "</channel></rss>")
    with pytest.raises(InputError, match="without any <item>"):
        load_text(text)


def test_large_export_streams(tmp_path: Path) -> None:
    """Many items: each is dropped once read (the tree never holds the whole file)."""
    items = "".join(
        f"<item><title>Post {n}</title><wp:post_id>{n}</wp:post_id>"
        + comment(f"{n}01", "x " * 50) + comment(f"{n}02", "y", parent=f"{n}01") + "</item>\n"
        for n in range(3000))
    text = ('<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n' + items
            + "</channel></rss>\n")
    result = load_text(text)
    assert len(result.threads) == 3000 and result.comment_count == 6000
    assert [c.depth for c in result.thread("post-2999")] == [0, 1]
