"""Disqus XML exports: threads and posts by dsq:id, statuses, encodings, hostile XML."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from moderator.core import InputError, Thread
from moderator.io import detect_format, load, load_text

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
DISQUS = DATA / "disqus-export.xml"
HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals">\n')


def shape(thread: Thread) -> list[tuple[str, str, int, str]]:
    return [(c.id, c.parent_id, c.depth, c.status) for c in thread]


def test_threads_with_posts_in_file_order() -> None:
    result = load(DISQUS)
    assert result.format == "disqus"
    assert [t.id for t in result.threads] == ["7001", "7002"]
    assert [len(t) for t in result.threads] == [6, 2]


def test_nesting_statuses_deleted_spam_and_the_orphan() -> None:
    thread = load(DISQUS).thread("7001")
    assert shape(thread) == [
        ("9001", "", 0, "approved"), ("9002", "9001", 1, "approved"),
        ("9003", "9002", 2, "deleted"), ("9005", "9003", 3, "approved"),
        ("9004", "", 0, "spam"),
        ("9006", "", 0, "approved"),  # its parent 8999 is not in the export
    ]
    assert {c.thread_id for c in thread} == {"7001"}
    assert thread.get("9003").body == ("Cyclists should pay road tax "  # type: ignore[union-attr]
                                       "before they get anything.")


def test_messages() -> None:
    assert load(DISQUS).messages == (
        "1 thread without posts left out",
        "thread 7001: 1 reply whose parent is missing shown at top level",
    )


def test_articles_authors_times_and_html() -> None:
    result = load(DISQUS)
    first, second = result.threads
    assert first.article.title == "Council approves the new bike lanes"
    assert first.article.url == "https://riverside-gazette.example/2024/02/05/bike-lanes/"
    assert first.article.body == ""
    assert second.article.title == "Library opening hours extended \u2013 Riverside Gazette"
    assert second.article.body == "From March the library stays open until 9 pm."
    dan = first.get("9002")
    assert dan is not None
    assert (dan.author, dan.posted_at, dan.posted_at_raw) == (
        "Dan", "2024-02-05T10:40:00+00:00", "2024-02-05T10:40:00Z")
    assert dan.body == ("Agreed, about time.\nThe signals at Main Road "
                        "(https://riverside-gazette.example/2023/11/signals/) help too.")
    assert first.get("9004").body == ("Make $500 a day from home! "  # type: ignore[union-attr]
                                      "easy-money.example (http://easy-money.example/)")
    assert first.get("9006").author == "Guest"  # type: ignore[union-attr]
    assert second.get("9102").author == "bob_b"  # type: ignore[union-attr]  # empty <name>


def test_iso_8859_1_export_uses_its_declared_encoding() -> None:
    result = load(DATA / "disqus-latin1.xml")
    assert result.messages == ()  # the file says what it is: no "read as cp1252" note
    thread = result.thread()
    assert thread.article.title == "Le caf\u00e9 des Arts rouvre ses portes"
    assert [(c.author, c.parent_id) for c in thread] == [("Ren\u00e9e", ""),
                                                         ("J\u00fcrgen", "6601")]
    assert thread.comments[1].body == ("Gr\u00fc\u00dfe aus M\u00fcnchen, na\u00efve "
                                       "question: \u00bfopen on Sundays?")


def test_references_by_site_identifier_as_in_the_disqus_documentation() -> None:
    # Disqus's own example: <thread>1</thread> names the thread by its <id>, and
    # <parent>2</parent> names the parent post by its <id>.
    text = HEAD + (
        '<thread dsq:id="2"><id>1</id><title>T</title></thread>\n'
        '<post><id>2</id><message>Mother Russia</message><thread>1</thread>'
        "<isSpam>true</isSpam></post>\n"
        "<post><id>1</id><message>Yo dude</message><parent>2</parent><thread>1</thread></post>\n"
        '<post><id>3</id><message/><thread dsq:id="2"/></post>\n'
        "</disqus>\n")
    result = load_text(text)
    assert [t.id for t in result.threads] == ["2"]
    assert shape(result.thread()) == [("2", "", 0, "spam"), ("1", "2", 1, "approved"),
                                      ("3", "", 0, "approved")]


def test_posts_of_a_thread_not_in_the_file_still_load() -> None:
    text = HEAD + ('<post dsq:id="1"><message>hi</message><thread dsq:id="77"/></post>\n'
                   '<post dsq:id="2"><message>no thread</message></post>\n</disqus>')
    result = load_text(text, path="posts.xml")
    assert [(t.id, len(t)) for t in result.threads] == [("77", 1), ("posts", 1)]
    assert result.messages == ("2 posts in threads the file does not describe (no title or link)",)


def test_an_export_of_threads_only_keeps_them_all() -> None:
    text = HEAD + ('<thread dsq:id="1"><title>A</title></thread>\n'
                   '<thread dsq:id="2"><title>B</title></thread>\n</disqus>')
    result = load_text(text)
    assert [(t.id, len(t)) for t in result.threads] == [("1", 0), ("2", 0)]
    with pytest.raises(InputError, match="without any <thread> or <post>"):
        load_text(HEAD + "</disqus>")


def test_is_approved_false_is_unapproved() -> None:
    text = HEAD + ('<thread dsq:id="1"/><post dsq:id="5"><message>wait</message>'
                   '<isApproved>false</isApproved><thread dsq:id="1"/></post></disqus>')
    assert load_text(text).thread().comments[0].status == "unapproved"


def test_detected_from_content_with_a_misleading_extension(tmp_path: Path) -> None:
    assert detect_format(DISQUS.read_text(encoding="utf-8")) == "disqus"
    for name in ("comments.json", "comments.csv", "comments.txt", "comments.wxr"):
        path = tmp_path / name
        shutil.copy(DISQUS, path)
        assert (load(path).format, load(path).comment_count) == ("disqus", 8)


def test_wrong_root_when_named() -> None:
    with pytest.raises(InputError, match="expected a Disqus export.*found <rss>"):
        load(DATA / "wordpress-export.xml", format="disqus")


def test_truncated_export_names_the_line() -> None:
    text = DISQUS.read_text(encoding="utf-8")
    cut = text[: text.index("<isSpam>true")]
    with pytest.raises(InputError, match="broken XML.*cut short") as err:
        load_text(cut, path="cut.xml")
    assert err.value.line == cut.count("\n") + 1


def test_billion_laughs_and_external_entities_are_refused_quickly() -> None:
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE disqus [\n<!ENTITY a "' + "x" * 1000 + '">\n'
           + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 100}">\n'
                     for p, c in zip("abcdefg", "bcdefgh", strict=True))
           + ']>\n<disqus><thread dsq:id="1" xmlns:dsq="d"><title>&h;</title></thread></disqus>')
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE disqus [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
           '<disqus><thread dsq:id="1" xmlns:dsq="d"><title>&x;</title></thread></disqus>')
    for text in (lol, xxe):
        start = time.perf_counter()
        with pytest.raises(InputError, match="entity declarations are not allowed"):
            load_text(text, path="evil.xml")
        assert time.perf_counter() - start < 0.5
