"""Scoring in a child process (what the app does for a large thread) gives exactly what scoring
in the calling thread gives, reports progress, can be cancelled, and falls back to scoring in
the calling thread when the child fails."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from moderator.core import LoadResult, Thread
from moderator.io import load, load_text
from moderator.rules.config import load_config
from moderator.rules.scorer import Cancelled
from moderator.session import score_process
from moderator.session.analysis import score_all
from moderator.session.score_process import score_in_process

pytestmark = pytest.mark.skipif(not score_process.supported(), reason="needs POSIX pipes")

DATA = Path(__file__).resolve().parent.parent / "data"


def test_the_sample_scores_the_same_in_a_child_process(sample_path: Path) -> None:
    loaded = load(sample_path)
    config = load_config()
    steps: list[tuple[str, int, int]] = []
    got = score_in_process(loaded, config, lambda *step: steps.append(step))
    assert got == score_all(loaded, config)
    assert list(got["russia-amnesty-cnn-2014"].by_comment) == [
        c.id for c in loaded.threads[0].comments]
    assert any(s.flags for s in got["russia-amnesty-cnn-2014"].by_comment.values())
    assert steps[0] == ("scoring", 0, 49)  # said at once, before the child has started
    assert steps[-1] == ("scoring", 49, 49)
    assert [d for _, d, _ in steps] == sorted(d for _, d, _ in steps)


def test_several_threads_and_a_large_one_split_in_slices(sample_path: Path) -> None:
    """A file of several threads; and a thread of 6,000 comments (made from the sample's),
    sent in slices and scored by two processes in the child."""
    config = load_config()
    multi = load(DATA / "multi-thread.csv")
    assert len(multi.threads) > 1
    assert score_in_process(multi, config) == score_all(multi, config)

    sample = load(sample_path).threads[0]
    comments = tuple(replace(c, id=f"{c.id}-{k}", position=k * len(sample) + c.position,
                             parent_id=f"{c.parent_id}-{k}" if c.parent_id else "")
                     for k in range(123) for c in sample.comments)
    big = LoadResult("big.json", "json", (Thread("big", sample.article, comments),))
    assert big.comment_count == 6027
    got = score_in_process(big, config)
    assert got == score_all(big, config)
    assert sum(bool(s.flags) for s in got["big"].by_comment.values()) > 123


def test_cancelling_stops_the_child(sample_path: Path, monkeypatch) -> None:
    started: list[score_process._Child] = []
    original = score_process._Child.__init__

    def spy(self) -> None:
        original(self)
        started.append(self)

    monkeypatch.setattr(score_process._Child, "__init__", spy)
    begun = time.monotonic()
    with pytest.raises(Cancelled):
        score_in_process(load(sample_path), load_config(),
                         cancelled=lambda: time.monotonic() - begun > 0.05)
    assert started and started[0].proc.poll() is not None  # killed and reaped


@pytest.mark.parametrize("program", [
    "import sys; sys.exit(3)",  # dies at once
    "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write(b'not a message')",
    "import sys, struct; sys.stdin.buffer.read(); "
    "sys.stdout.buffer.write(struct.pack('<Q', 5) + b'\\x80\\x05K\\x01.')",  # not a tuple
])
def test_a_failing_child_leaves_the_scoring_to_the_caller(sample_path: Path, monkeypatch,
                                                          caplog, program: str) -> None:
    monkeypatch.setattr(score_process, "child_command", lambda: [sys.executable, "-c", program])
    loaded, config = load(sample_path), load_config()
    with caplog.at_level(logging.WARNING, logger=score_process.__name__):
        got = score_in_process(loaded, config)
    assert got == score_all(loaded, config)
    assert "scoring in this thread" in caplog.text


def test_an_error_in_the_child_is_logged_and_the_caller_scores(sample_path: Path, monkeypatch,
                                                               caplog) -> None:
    """The child reports its traceback; the caller logs it and scores itself (where the same
    error, if it is one, reaches the user with its usual message)."""
    program = ("import sys; from moderator.session import score_process as s; "
               "s.Scorer = None; sys.exit(s.main())")
    monkeypatch.setattr(score_process, "child_command", lambda: [sys.executable, "-c", program])
    loaded, config = load(sample_path), load_config()
    with caplog.at_level(logging.WARNING, logger=score_process.__name__):
        got = score_in_process(loaded, config)
    assert got == score_all(loaded, config)
    assert "TypeError" in caplog.text and "'NoneType' object is not callable" in caplog.text


def test_the_moderators_own_rules_reach_the_child(sample_path: Path, tmp_path: Path) -> None:
    """A rules file with a pattern of the moderator's own, a rule switched off and other
    points: the child scores with exactly those rules (the app sends the rules in force)."""
    rules = tmp_path / "mine.toml"
    rules.write_text('[rules."insult.personal_attack"]\nenabled = false\n\n'
                     '[rules."insult.profanity"]\npoints = 45\n\n'
                     '[[patterns]]\nid = "custom.putin"\ncategory = "off_topic"\npoints = 70\n'
                     'reason = "names Putin"\nregex = \'\\bputin\\b\'\n', encoding="utf-8")
    loaded, config = load(sample_path), load_config(rules)
    got = score_in_process(loaded, config)
    assert got == score_all(loaded, config)
    fired = {h.rule_id for s in got["russia-amnesty-cnn-2014"].by_comment.values()
             for h in s.hits}
    assert "custom.putin" in fired and "insult.personal_attack" not in fired
    assert got != score_all(loaded, load_config())


def test_the_child_reads_the_file_and_notices_when_it_changed(sample_path: Path, tmp_path: Path,
                                                              caplog) -> None:
    """The child reads the thread from its file (nothing is sent). When the file changed
    after it was opened (another size or time), the threads as opened are sent instead,
    and the scores are those of the threads as opened."""
    copy = tmp_path / "thread.txt"
    copy.write_bytes(sample_path.read_bytes())
    loaded, config = load(copy), load_config()
    sent: list[int] = []
    original_send = score_process.send

    def counting_send(pipe, value):
        sent.append(1)
        original_send(pipe, value)

    score_process.send = counting_send
    try:
        assert score_in_process(loaded, config) == score_all(loaded, config)
        assert len(sent) == 1  # the request alone: the child read the file
        sent.clear()
        copy.write_text(sample_path.read_text(encoding="utf-8").replace(
            "Away with you, trash.", "Thank you, that was helpful."), encoding="utf-8")
        with caplog.at_level(logging.INFO, logger=score_process.__name__):
            got = score_in_process(loaded, config)
    finally:
        score_process.send = original_send
    assert got == score_all(loaded, config)
    assert "changed since it was opened" in caplog.text
    assert len(sent) > 1  # the request, then the comments
    assert load(copy).stamp != loaded.stamp


def test_a_loaded_file_carries_its_size_and_time(sample_path: Path) -> None:
    loaded = load(sample_path)
    assert loaded.stamp == (sample_path.stat().st_size, sample_path.stat().st_mtime_ns)
    assert load_text(sample_path.read_text(encoding="utf-8")).stamp is None
