"""The detail pane shows comment text literally and explains each flag."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextEdit

from moderator.core import Category
from moderator.gui.colors import highlight_color
from moderator.gui.highlight import doc_offset, highlight_evidence, shared_runs
from moderator.gui.main_window import MainWindow
from moderator.gui.queue_model import Column

from .conftest import write_json_thread

HTML_BODY = ('<b>bold</b> and <img src="file:///tmp/evil.png"> and '
             '<a href="http://example.com">a link</a> &amp; <script>alert(1)</script>')


def has_image(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                return True
            it += 1
        block = block.next()
    return False


def test_html_in_comments_shows_literally(qtbot, make_window, tmp_path: Path) -> None:
    path = write_json_thread(tmp_path / "html.json", [
        {"id": "h1", "author": "<i>Mallory</i>", "body": HTML_BODY},
        {"id": "h2", "parent_id": "h1", "author": "bob", "body": "<h1>Shouting</h1> reply"},
    ])
    window: MainWindow = make_window(path, tmp_path / "html.sqlite")
    detail = window.detail
    window.queue.select_keys([("html", "h2")])
    assert detail.parent_view.toPlainText() == HTML_BODY
    assert not has_image(detail.parent_view.document())
    window.queue.select_keys([("html", "h1")])
    assert detail.body_view.toPlainText() == HTML_BODY
    assert not has_image(detail.body_view.document())
    assert "<img" not in detail.body_view.document().toHtml()
    assert detail.header.textFormat() == Qt.TextFormat.PlainText
    assert "<i>Mallory</i>" in detail.header.text()
    row = window.queue.row_of(("html", "h1"))
    assert window.queue.proxy.index(row, Column.AUTHOR).data() == "<i>Mallory</i>"
    assert window.last_message is None


def test_evidence_is_highlighted_in_its_category_colour(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    key = next(k for k in window.queue.visible_keys()
               if any(h.spans and not h.duplicate_of for h in ctl.score(k).hits))
    window.queue.select_keys([key])
    body = ctl.comment(key).body
    expected = {(s.start, s.end, h.category) for h in ctl.score(key).hits for s in h.spans}
    selections = window.detail.body_view.extraSelections()
    assert len(selections) == len(expected)
    painted = set()
    for sel in selections:
        start, end = sel.cursor.selectionStart(), sel.cursor.selectionEnd()
        category = next(c for c in Category
                        if sel.format.background().color() == highlight_color(c))
        painted.add((start, end, category))
    assert painted == {(doc_offset(body, s), doc_offset(body, e), c) for s, e, c in expected}
    rows = window.detail.breakdown_model.rowCount()
    assert rows == len(ctl.score(key).hits)
    assert window.detail.chips.texts(), "the flag chips say which category and how much"


def test_repost_shows_its_original_with_shared_text(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    repost = next(k for k in window.queue.visible_keys() if ctl.score(k).duplicate_of)
    original = ctl.comment((repost[0], ctl.score(repost).duplicate_of))
    window.queue.select_keys([repost])
    detail = window.detail
    assert detail.original_box.isVisibleTo(window)
    assert original.id in detail.original_box.title()
    assert detail.original_view.toPlainText() == original.body
    assert detail.original_view.extraSelections()
    assert detail.body_view.extraSelections()
    window.queue.select_keys([next(k for k in window.queue.visible_keys()
                                   if not ctl.score(k).duplicate_of)])
    assert not detail.original_box.isVisibleTo(window)


def test_reply_shows_its_parent_and_the_tree_follows(qtbot, window: MainWindow) -> None:
    ctl = window.controller
    reply = next(k for k in window.queue.visible_keys() if ctl.comment(k).depth == 2)
    window.queue.select_keys([reply])
    parent = ctl.comment((reply[0], ctl.comment(reply).parent_id))
    assert window.detail.parent_box.isVisibleTo(window)
    assert window.detail.parent_view.toPlainText() == parent.body
    tree_index = window.tree.currentIndex()
    assert window.tree_model.key_of(tree_index) == reply
    assert window.tree.isExpanded(tree_index.parent())
    # and the other way: choosing in the tree selects in the queue
    window.tree.setCurrentIndex(window.tree_model.index_of((reply[0], parent.id)))
    assert window.queue.current_key() == (reply[0], parent.id)
    assert window.detail.current_key() == (reply[0], parent.id)


def test_doc_offsets_count_utf16_and_crlf(qtbot) -> None:
    text = "a😀b\r\ncd"
    assert doc_offset(text, 2) == 3  # the emoji is two UTF-16 units
    assert doc_offset(text, 5) == 5  # \r\n is one paragraph break
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(text)
    highlight_evidence(edit, text, [(2, 3, Category.INSULT), (5, 7, Category.OFF_TOPIC)])
    assert [s.cursor.selectedText() for s in edit.extraSelections()] == ["b", "cd"]


def test_shared_runs_mark_the_copied_text_and_not_what_was_added() -> None:
    """A repost that copies a comment and adds words of its own: the copied stretches are
    marked in both texts, the added words in neither, short chance overlaps not at all."""
    original = ("Putin freed Khodorkovsky and the two Pussy Riot members to polish his image "
                "before the Sochi Olympics. Nobody should be fooled by this amnesty.")
    added = " I said this yesterday and I say it again:"
    repost = original[:76] + added + original[76:]
    mine, theirs = shared_runs(repost, original)
    assert mine == [(0, 76), (76 + len(added), len(repost))]
    assert theirs == [(0, 76), (76, len(original))]
    assert shared_runs("the amnesty", "a fine day at sea") == ([], [])
