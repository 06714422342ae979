"""Every Qt model and proxy passes pytest-qt's model tester, on the real sample and on a file of
several threads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from moderator.core import Category
from moderator.gui.breakdown_model import BreakdownModel
from moderator.gui.controller import ReviewController
from moderator.gui.queue_model import Column, QueueModel, Role
from moderator.gui.queue_proxy import QueueProxy
from moderator.gui.status import CategoryFilter, StatusFilter
from moderator.gui.tree_model import ThreadTreeModel
from moderator.session.review import ReviewSession

from .conftest import SAMPLE_COMMENTS


def open_controller(analysis, session_path: Path) -> ReviewController:
    controller = ReviewController("tester")
    controller.open_analysis_session(ReviewSession.open(analysis, session_path, "tester"))
    return controller


def test_queue_model_and_proxy(qtmodeltester, sample_analysis, session_path) -> None:
    ctl = open_controller(sample_analysis, session_path)
    model = QueueModel(ctl)
    assert model.rowCount() == SAMPLE_COMMENTS
    qtmodeltester.check(model)
    proxy = QueueProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    priorities = [proxy.index(r, 0).data(Role.PRIORITY) for r in range(proxy.rowCount())]
    assert priorities == sorted(priorities, reverse=True), "highest priority first"
    proxy.set_category(CategoryFilter.FLAGGED)
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < SAMPLE_COMMENTS
    assert all(proxy.index(r, 0).data(Role.FLAGS) for r in range(proxy.rowCount()))
    proxy.set_category(CategoryFilter.UNFLAGGED)
    assert all(not proxy.index(r, 0).data(Role.FLAGS) for r in range(proxy.rowCount()))
    proxy.set_category(CategoryFilter.ALL)
    proxy.set_search("victor")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() >= 4
    ctl.shutdown()


def test_decision_emits_data_changed_for_its_row_only(qtbot, sample_analysis, session_path
                                                      ) -> None:
    ctl = open_controller(sample_analysis, session_path)
    model = QueueModel(ctl)
    proxy = QueueProxy()
    proxy.setSourceModel(model)
    proxy.set_status(StatusFilter.PENDING)
    key = model.key_at(7)
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))
    ctl.keep([key])
    assert changes == [(7, 7)]
    assert proxy.rowCount() == SAMPLE_COMMENTS - 1, "decided rows leave the pending view"
    assert model.index(7, Column.STATUS).data() == "Kept · override"
    ctl.shutdown()


def test_tree_model_single_thread(qtmodeltester, sample_analysis, session_path) -> None:
    ctl = open_controller(sample_analysis, session_path)
    model = ThreadTreeModel(ctl)
    qtmodeltester.check(model)
    thread = ctl.threads()[0]
    top = [c for c in thread.comments if not c.parent_id]
    assert model.rowCount() == len(top)
    reply = next(c for c in thread.comments if c.depth == 2)
    index = model.index_of((thread.id, reply.id))
    assert model.key_of(index.parent()) == (thread.id, reply.parent_id)
    assert model.key_of(index.parent().parent()) is not None
    ctl.shutdown()


def test_tree_model_several_threads(qtmodeltester, tmp_path: Path) -> None:
    from moderator.session.analysis import analyse

    path = tmp_path / "site.json"
    path.write_text(
        '{"threads": ['
        '{"id": "t1", "article": {"title": "First"}, "comments": ['
        '{"id": "a", "author": "ann", "body": "hello", "replies": ['
        '{"id": "b", "author": "bob", "body": "hi ann"}]}]},'
        '{"id": "t2", "article": {"title": "Second"}, "comments": ['
        '{"id": "a", "author": "cy", "body": "same id, other thread"}]}]}', encoding="utf-8")
    ctl = open_controller(analyse(path), tmp_path / "s.sqlite")
    model = ThreadTreeModel(ctl)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "First (2)"
    assert model.key_of(model.index_of(("t2", "a"))) == ("t2", "a")
    queue = QueueModel(ctl)
    qtmodeltester.check(queue)
    proxy = QueueProxy()
    proxy.setSourceModel(queue)
    proxy.set_thread("t2")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    ctl.shutdown()


def test_breakdown_model(qtmodeltester, sample_analysis) -> None:
    model = BreakdownModel()
    qtmodeltester.check(model)
    scores = next(iter(sample_analysis.scores.values()))
    flagged = next(s for s in scores.by_comment.values() if s.flags)
    model.set_score(flagged)
    qtmodeltester.check(model)
    assert model.rowCount() == len(flagged.hits)
    hit = max(flagged.hits, key=lambda h: h.points)
    assert model.index(0, 0).data() == hit.rule_id
    assert model.index(0, 2).data() == f"+{hit.points}"
    assert model.index(0, 3).data() == hit.reason
    assert model.index(0, 1).data() in {c.label for c in Category}
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_queue_order_is_priority_then_file_order_across_threads() -> None:
    """The queue's order: highest priority first (100 down to 0), ties in file order, over
    every thread of a file."""
    from moderator.core import Article, Comment, CommentScore, Thread, ThreadScores
    from moderator.gui.view_data import build_rows

    pri = {"a1": 0, "a2": 100, "a3": 60, "b1": 60, "b2": 0, "b3": 100, "b4": 5}
    threads, scores = [], {}
    for tid in ("a", "b"):
        comments = tuple(Comment(cid, "text", position=i)
                         for i, cid in enumerate(c for c in pri if c[0] == tid))
        threads.append(Thread(tid, Article(), comments))
        scores[tid] = ThreadScores(tid, {
            c.id: CommentScore(c.id, (), {Category.INSULT: pri[c.id]}, frozenset())
            for c in comments})
    order = [r.key[1] for r in build_rows(threads, scores)]
    assert order == ["a2", "b3", "a3", "b1", "b4", "a1", "b2"]


def test_rows_wait_while_a_job_runs_and_fill_when_it_ends(qtbot, monkeypatch, sample_analysis,
                                                          session_path) -> None:
    """The first rows show at once; the rest come in chunks, but not while a job (scoring)
    runs: each chunk's repaint would wait on the job for the GIL."""
    import moderator.gui.queue_model as qm

    monkeypatch.setattr(qm, "FIRST_ROWS", 10)
    monkeypatch.setattr(qm, "CHUNK_ROWS", 7)
    ctl = open_controller(sample_analysis, session_path)
    busy = [True]
    monkeypatch.setattr(ctl, "is_busy", lambda: busy[0])
    model = QueueModel(ctl)
    assert model.rowCount() == 10
    qtbot.wait(50)
    assert model.rowCount() == 10 and not model.is_filled(), "no rows while the job runs"
    busy[0] = False
    with qtbot.waitSignal(model.filled, timeout=5000):
        ctl.busy_changed.emit(False)
    assert model.rowCount() == SAMPLE_COMMENTS


def test_the_count_says_when_rows_wait_for_scoring(qtbot, monkeypatch, sample_analysis,
                                                   session_path) -> None:
    import moderator.gui.queue_model as qm
    from moderator.gui.queue_panel import QueuePanel

    monkeypatch.setattr(qm, "FIRST_ROWS", 10)
    ctl = open_controller(sample_analysis, session_path)
    busy = [True]
    monkeypatch.setattr(ctl, "is_busy", lambda: busy[0])
    panel = QueuePanel(QueueModel(ctl))
    qtbot.addWidget(panel)
    panel.model.reload()  # as a session opening does
    assert panel.shown_label.text() == \
        f"10 of {SAMPLE_COMMENTS} shown ({SAMPLE_COMMENTS - 10} more once scoring ends)"
    busy[0] = False
    with qtbot.waitSignal(panel.model.filled, timeout=5000):
        ctl.busy_changed.emit(False)
    assert panel.shown_label.text() == f"{SAMPLE_COMMENTS} of {SAMPLE_COMMENTS} shown"
