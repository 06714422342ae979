"""Scoring a large thread in two processes gives exactly what one process gives."""

from __future__ import annotations

import os

import pytest

from moderator.core import Article, Comment, Thread
from moderator.rules import processes
from moderator.rules import scorer as scorer_module
from moderator.rules.scorer import Scorer

TEXTS = [
    "You are a moron and an idiot, go away.",
    "The amnesty before the Sochi Olympics is a publicity stunt and nothing more than that.",
    "Check out my new channel, link in my profile, subscribe for daily videos!",
    "Putin freed the oligarch because the Olympics needed good press in the West.",
    "Earn 500 dollars a day working from home, visit www.example-cash.biz now",
]


def big_thread(n: int = 400) -> Thread:
    comments = tuple(
        Comment(f"c{i}", f"{TEXTS[i % len(TEXTS)]} ({i % 7})", author=f"u{i % 13}",
                parent_id=f"c{i - 1}" if i % 3 else "", depth=1 if i % 3 else 0, position=i)
        for i in range(n))
    return Thread("big", Article(title="Putin's amnesty", body="Putin freed prisoners before "
                                 "the Sochi Olympics: Pussy Riot, Greenpeace."), comments)


@pytest.fixture
def small_parallel(monkeypatch):
    monkeypatch.setattr(scorer_module, "PARALLEL_MIN", 100)
    monkeypatch.setattr(scorer_module, "_CHUNK", 37)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_two_processes_score_like_one(small_parallel):
    thread = big_thread()
    scorer = Scorer()
    one = scorer.score_thread(thread)
    two = scorer.score_thread(thread, workers=2)
    assert two == one
    assert list(two.by_comment) == list(one.by_comment)
    assert any(s.flags for s in one.by_comment.values())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_rules_that_need_no_thread_statistics_find_words_as_they_check(small_parallel,
                                                                        monkeypatch):
    """With only insult rules on, nothing needs every comment's words before checking: the
    processes tokenise what they check, and score as one process does."""
    from dataclasses import replace

    from moderator.core import Category
    from moderator.rules.config import load_config

    config = load_config()
    config = replace(config, rules={rid: s if rid.startswith("insult.") else
                                    replace(s, enabled=False)
                                    for rid, s in config.rules.items()})
    scorer = Scorer(config)
    assert not scorer.ruleset.thread_rules
    one = scorer.score_thread(big_thread())
    calls = []
    monkeypatch.setattr(scorer_module, "words_forked", lambda *a: calls.append(a))
    two = scorer.score_thread(big_thread(), workers=2)
    assert calls == []
    assert two == one
    assert any(Category.INSULT in s.flags for s in two.by_comment.values())


def test_no_fork_scores_in_one_process(small_parallel, monkeypatch):
    def refuse() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(os, "fork", refuse, raising=False)
    thread = big_thread()
    assert Scorer().score_thread(thread, workers=2) == Scorer().score_thread(thread)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_failed_second_process_leaves_its_share_to_the_first(small_parallel, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the child cannot send")

    monkeypatch.setattr(processes.pickle, "dump", broken)
    thread = big_thread()
    assert Scorer().score_thread(thread, workers=2) == Scorer().score_thread(thread)


def test_small_threads_stay_in_process(monkeypatch):
    def forbidden() -> int:
        raise AssertionError("forked for a small thread")

    monkeypatch.setattr(os, "fork", forbidden, raising=False)
    Scorer().score_thread(big_thread(50), workers=2)


def test_the_collector_is_left_as_it_was():
    import gc

    thread = big_thread(20)
    assert gc.isenabled()
    Scorer().score_thread(thread)
    assert gc.isenabled()
    gc.disable()
    try:
        Scorer().score_thread(thread)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rules_skipped_by_their_screen_would_not_have_fired(monkeypatch):
    """The scorer skips a rule when the screen it shares with others finds none of its words
    (``Rule.screen``): scoring every rule on every comment gives the same scores."""
    from moderator.io import load
    from moderator.resources_access import sample_thread_path
    from moderator.rules.base import Rule
    from moderator.rules.insult.screen import ScreenedRule

    threads = [big_thread(), *load(sample_thread_path()).threads]
    screened = [Scorer().score_thread(t) for t in threads]
    monkeypatch.setattr(Rule, "screen", lambda self: None)
    monkeypatch.setattr(ScreenedRule, "screen", lambda self: None)
    every = [Scorer().score_thread(t) for t in threads]
    assert screened == every
    assert sum(len(s.flagged()) for s in every) > 10


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_two_processes_hand_back_their_work_or_say_they_failed():
    assert processes.in_two(lambda: [1, 2], lambda: "mine") == ("mine", [1, 2])

    def fails() -> None:
        raise RuntimeError("the copy breaks")

    assert processes.in_two(fails, lambda: 3) == (3, processes.FAILED)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_cancelled_large_thread_stops_both_processes(small_parallel):
    """Cancelling while two processes share a thread stops the work (the copy is killed
    and waited for) instead of hanging on it."""
    from moderator.rules.scorer import Cancelled

    with pytest.raises(Cancelled):
        Scorer().score_thread(big_thread(), workers=2, cancelled=lambda: True)
