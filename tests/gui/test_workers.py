"""Loading and scoring run on the thread pool and report through signals."""

from __future__ import annotations

import threading
from pathlib import Path

from moderator.gui.jobs import Loaded, OpenRequest, load_thread
from moderator.gui.workers import JobRunner

from .conftest import SAMPLE, SAMPLE_COMMENTS


def test_job_reports_progress_then_the_analysis(qtbot) -> None:
    runner = JobRunner()
    stages: list[tuple[str, int, int]] = []
    runner.progress.connect(lambda *a: stages.append(a))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
        with qtbot.waitSignal(runner.progress, timeout=30_000):
            runner.start(lambda p, c: load_thread(OpenRequest(str(SAMPLE)), p, c))
    result = finished.args[0]
    assert isinstance(result, Loaded) and result.scored
    assert result.analysis.loaded.comment_count == SAMPLE_COMMENTS
    assert len(result.view.rows) == SAMPLE_COMMENTS
    assert ("scoring", SAMPLE_COMMENTS, SAMPLE_COMMENTS) in stages
    assert not runner.is_busy()


def test_broken_file_fails_with_a_message(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"comments": [\n  {"id": "a", "body": "hi"},\n  {"id": \n', "utf-8")
    runner = JobRunner()
    with qtbot.waitSignal(runner.failed, timeout=30_000) as failed:
        runner.start(lambda p, c: load_thread(OpenRequest(str(broken)), p, c))
    message = failed.args[0]
    assert "broken.json" in message and "line" in message
    assert "Traceback" not in message


def test_a_newer_job_drops_the_stale_one(qtbot) -> None:
    runner = JobRunner()
    release = threading.Event()
    results: list[object] = []
    runner.finished.connect(results.append)

    def slow(progress, cancelled):
        release.wait(10)
        return "stale"

    runner.start(slow)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.start(lambda p, c: "fresh")
        release.set()
    runner.wait()
    qtbot.wait(50)
    assert results == ["fresh"]


def test_cancel_frees_the_window_at_once(qtbot) -> None:
    runner = JobRunner()
    seen_cancel = threading.Event()

    def endless(progress, cancelled):
        while not cancelled():
            progress("scoring", 1, 10)
            seen_cancel.wait(0.01)
        seen_cancel.set()
        return "too late"

    results: list[object] = []
    runner.finished.connect(results.append)
    runner.start(endless)
    with qtbot.waitSignal(runner.cancelled, timeout=1000):
        runner.cancel()
    assert not runner.is_busy()
    assert runner.wait(5000) and seen_cancel.is_set()
    qtbot.wait(50)
    assert results == []
