"""Load and score: the pure, long-running half of opening a thread (safe to run off the GUI
thread: plain data in, plain data out, no database)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from moderator.core import LoadResult, ThreadScores
from moderator.io import load
from moderator.rules.config import RulesConfig, load_config
from moderator.rules.scorer import Scorer, gc_paused

Progress = Callable[[str, int, int], None]  # stage, done, total


@dataclass(frozen=True)
class Analysis:
    loaded: LoadResult
    scores: dict[str, ThreadScores]
    config: RulesConfig


def score_all(loaded: LoadResult, config: RulesConfig, progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None, *,
              workers: int = 1) -> dict[str, ThreadScores]:
    """Scores of every thread. ``workers=2`` lets a large thread's scoring fork a second
    process (never from a process that runs other threads, like the app)."""
    scorer = Scorer(config)
    total = loaded.comment_count
    done = 0
    out = {}
    for thread in loaded.threads:
        base = done

        def step(i: int, _n: int, base: int = base) -> None:
            if progress is not None:
                progress("scoring", base + i, total)

        out[thread.id] = scorer.score_thread(thread, step, cancelled, workers=workers)
        done += len(thread)
    return out


def analyse(path: str | Path, *, fmt: str | None = None, rules: str | Path | None = None,
            config: RulesConfig | None = None, progress: Progress | None = None,
            cancelled: Callable[[], bool] | None = None, workers: int = 1) -> Analysis:
    """Read ``path`` and score every thread in it. Raises the project's own errors.

    The cyclic garbage collector rests meanwhile (see ``gc_paused``): loading and scoring make
    millions of objects and little cyclic garbage."""
    if config is None:
        config = load_config(rules)
    if progress is not None:
        progress("loading", 0, 0)
    with gc_paused():
        loaded = load(path, fmt)
        scores = score_all(loaded, config, progress, cancelled, workers=workers)
    return Analysis(loaded, scores, config)
