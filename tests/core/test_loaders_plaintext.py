"""The plain-text page format, exact on the sample thread and the four related pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.core import Comment, Thread
from moderator.io import load, load_text

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"
SAMPLE = SAMPLES / "russia-amnesty-cnn-2014.txt"
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def thread() -> Thread:
    result = load(SAMPLE)
    assert result.format == "text"
    assert result.messages == ()
    assert len(result.threads) == 1
    return result.thread()


def one(thread: Thread, author: str, raw_time: str) -> Comment:
    found = [c for c in thread if c.author == author and c.posted_at_raw == raw_time]
    assert len(found) == 1, (author, raw_time)
    return found[0]


def test_sample_counts(thread: Thread) -> None:
    assert thread.id == "russia-amnesty-cnn-2014"
    assert len(thread) == 49
    assert sum(c.depth == 0 for c in thread) == 30
    assert max(c.depth for c in thread) == 2


def test_sample_ids_positions_and_thread_order(thread: Thread) -> None:
    assert [c.id for c in thread] == [f"c{n}" for n in range(1, 50)]
    assert [c.position for c in thread] == list(range(49))
    assert all(c.thread_id == "russia-amnesty-cnn-2014" for c in thread)
    seen: set[str] = set()
    for c in thread:
        assert (c.parent_id == "") == (c.depth == 0)
        if c.parent_id:
            assert c.parent_id in seen
            assert thread.parent(c).depth == c.depth - 1  # type: ignore[union-attr]
        seen.add(c.id)


def test_vlad_replies_to_joes_7_04_pm_comment(thread: Thread) -> None:
    vlad = one(thread, "Vlad", "January 5, 2014 at 2:39 am")
    joe = one(thread, "joe", "January 4, 2014 at 7:04 pm")
    assert vlad.parent_id == joe.id
    assert vlad.depth == 2


def test_patricks_5_08_pm_reply_parent_is_joseph_mccarthys_3_07_pm(thread: Thread) -> None:
    patrick = one(thread, "Patrick", "January 4, 2014 at 5:08 pm")
    joseph = one(thread, "Joseph McCarthy", "January 4, 2014 at 3:07 pm")
    assert patrick.parent_id == joseph.id
    assert thread.parent(joseph).author == "Syd Chaden"  # type: ignore[union-attr]


def test_socrates_empty_comment_is_kept(thread: Thread) -> None:
    socrates = one(thread, "Socrates", "January 4, 2014 at 1:08 pm")
    assert socrates.body == ""
    assert socrates.depth == 0


def test_times_are_iso_and_raw_is_kept(thread: Thread) -> None:
    first = thread.comments[0]
    assert (first.author, first.posted_at, first.posted_at_raw) == (
        "Enitan", "2014-01-04T03:31:00", "January 4, 2014 at 3:31 am")
    assert one(thread, "Vlad", "January 5, 2014 at 2:39 am").posted_at == "2014-01-05T02:39:00"
    assert all(c.posted_at and c.posted_at_raw for c in thread)


def test_bodies_keep_paragraphs_without_indentation(thread: Thread) -> None:
    alex = one(thread, "Alex279", "January 5, 2014 at 2:07 pm")
    paragraphs = alex.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[2].startswith("P.S.: FSB of Dagestan")
    assert not any(line.startswith(" ") for line in alex.body.split("\n"))
    hunucru = one(thread, "hunucru", "January 4, 2014 at 4:05 am")
    assert hunucru.body.split("\n")[1] == "What two people do in the privacy of their own lives?"
    assert one(thread, "Danram", "January 5, 2014 at 11:24 am").body == (
        'At least we know the difference between "your" and "you\'re".')


def test_article_text_is_kept(thread: Thread) -> None:
    assert thread.article.body.startswith("By Matthew Rojansky, Special to CNN")
    assert thread.article.body.endswith("new push for engagement with Russia.")
    assert "Enitan" not in thread.article.body


@pytest.mark.parametrize("name, title", [
    ("related-magnitsky-act-csc-2013", "Center for Strategic Communication"),
    ("related-realist-prism-wpr-2013",
     "The Realist Prism: Narrowed Focus in U.S.-Russia Relations Proves Productive"),
    ("related-reset-cfr-2012", "Reassessing the U.S.-Russia \u2019Reset\u2019"),
    ("related-values-gap-carnegie-2010", "A Reset for the U.S.-Russia Values Gap"),
])
def test_related_pages_are_threads_of_zero_comments(name: str, title: str) -> None:
    result = load(SAMPLES / f"{name}.txt")
    thread = result.thread()
    assert (result.format, thread.id, len(thread)) == ("text", name, 0)
    assert thread.article.title == title
    assert title not in thread.article.body  # the repeated title line is dropped too
    assert len(thread.article.body) > 1000


def test_related_page_bullets_stay_article_text() -> None:
    thread = load(SAMPLES / "related-realist-prism-wpr-2013.txt").thread()
    assert "  \u2022 Completely ad-free reading." in thread.article.body


def test_lists_in_article_and_body_and_footer() -> None:
    result = load(DATA / "tricky-page.txt")
    thread = result.thread()
    assert [(c.author, c.depth) for c in thread] == [("maria", 0), ("tom", 1), ("lee", 0)]
    assert thread.article.title == "Three Things the Council Got Right"
    assert "  1. Protected lanes" in thread.article.body
    assert thread.comments[0].body == "My three points:\n1. safer\n\u2022 cheaper"
    assert thread.comments[1].posted_at == "2014-01-04T15:40:00"  # "Jan 4, 2014 at 3:40 PM |"
    assert any("2 lines after the last comment" in m and "line 29" in m
               for m in result.messages)


def test_reply_markers_without_indentation_attach_to_the_last_top_level() -> None:
    text = ("Title of the piece here\n\nArticle.\n\n"
            "  1. ann\n\n    Hi.\n\n    May 1, 2020 at 1:00 pm\n"
            "  \u2022 bob\n\n    Flat reply.\n\n    May 1, 2020 at 2:00 pm | Reply\n")
    thread = load_text(text).thread()
    assert [(c.author, c.parent_id, c.depth) for c in thread] == [("ann", "", 0),
                                                                 ("bob", "c1", 1)]


def test_last_comment_without_time_line_is_kept() -> None:
    text = "Article.\n\n  1. ann\n\n    Hi.\n\n    May 1, 2020 at 1:00 pm\n  2. bob\n\n    Cut"
    result = load_text(text)
    assert [c.body for c in result.thread()] == ["Hi.", "Cut"]
    assert result.thread().comments[1].posted_at == ""
    assert any("no time line" in m for m in result.messages)


def test_times_without_comment_headers_are_reported() -> None:
    result = load_text("Article.\n\nann\nHello\nMay 1, 2020 at 1:00 pm | Reply\n")
    assert len(result.thread()) == 0
    assert any("no comments recognised" in m for m in result.messages)


def test_tab_indentation_and_tabs_inside_bodies() -> None:
    text = ("Art.\n\n\t1. ann\n\n\t\tHi\tthere.\n\t\t  indented more\n\n"
            "\t\tMay 1, 2020 at 1:00 pm\n\t\t\u2022 bob\n\n\t\t\tyo\n\n"
            "\t\t\tMay 1, 2020 at 2:00 pm |\n")
    thread = load_text(text).thread()
    assert [(c.author, c.depth, c.body) for c in thread] == [
        ("ann", 0, "Hi\tthere.\n  indented more"), ("bob", 1, "yo")]
