"""The background halves of the controller's work: plain functions run on the thread pool,
plain data in and out (frozen threads and scores; never a widget or the session's SQLite).

Opening a large thread is two jobs: :func:`load_thread` reads it and prepares the queue's rows
(unscored, in file order) so the moderator sees the comments within seconds; then
:func:`score_thread` scores it and prepares the rows again, sorted by priority. A small thread is
scored in the first job: it opens sorted, with nothing to wait for. A large thread is scored in a
process of its own (:func:`moderator.session.score_process.score_in_process`): a thread running
the rules would hold the GIL that every repaint of the window needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from moderator.core import LoadResult, ThreadScores
from moderator.gui.view_data import ViewData, build_view
from moderator.gui.workers import Progress
from moderator.rules.config import RulesConfig, load_config
from moderator.rules.scorer import Cancelled
from moderator.session.analysis import Analysis, score_all
from moderator.session.loading import load_unscored
from moderator.session.score_process import score_in_process

SCORE_WHILE_LOADING = 2000  # comments: bigger threads show their rows before they are scored
FIRST_PAINT_S = 0.2  # scoring right after a load waits this long: the window paints first


class JobKind(Enum):
    OPEN = "Cannot open the file"
    SCORE = "Cannot re-score"
    RULES = "Cannot load the rules"


@dataclass(frozen=True)
class OpenRequest:
    path: str
    fmt: str | None = None
    rules: str | None = None
    session_path: str | None = None
    config: RulesConfig | None = None  # the rules in force in the app (used unless rules)


@dataclass(frozen=True)
class Loaded:
    """A thread read (and, when small, scored): ``analysis.scores`` is empty when not."""

    request: OpenRequest
    analysis: Analysis
    view: ViewData
    scored: bool


@dataclass(frozen=True)
class Rescored:
    """New scores for the threads already open."""

    loaded: LoadResult
    scores: dict[str, ThreadScores]
    config: RulesConfig
    view: ViewData


def load_thread(request: OpenRequest, progress: Progress, cancelled: Callable[[], bool]
                ) -> Loaded:
    config = request.config if request.rules is None else None
    analysis = load_unscored(request.path, fmt=request.fmt, rules=request.rules, config=config,
                             progress=progress)
    loaded = analysis.loaded
    if loaded.comment_count > SCORE_WHILE_LOADING:
        return Loaded(request, analysis, build_view(loaded.threads, {}), scored=False)
    scores = score_all(loaded, analysis.config, progress, cancelled)
    return Loaded(request, Analysis(loaded, scores, analysis.config),
                  build_view(loaded.threads, scores, with_search=True), scored=True)


def score_thread(loaded: LoadResult, rules: str | None, config: RulesConfig | None,
                 progress: Progress, cancelled: Callable[[], bool], *,
                 after_load: bool = False) -> Rescored:
    """Score the open threads with ``config``, or with the defaults and the rules file
    ``rules`` read afresh (the threads are frozen data, safe to share).

    ``after_load``: the rows were just handed to the window. Its first paint of them makes
    thousands of calls into Python (the models' ``data()``), and each would wait for this job
    to hand over the GIL: a pause first (the GIL free) lets the window paint at full speed."""
    if after_load:
        time.sleep(FIRST_PAINT_S)
        if cancelled():
            raise Cancelled
    config = config if config is not None else load_config(rules)
    if loaded.comment_count > SCORE_WHILE_LOADING:
        scores = score_in_process(loaded, config, progress, cancelled)
    else:
        scores = score_all(loaded, config, progress, cancelled)
    return Rescored(loaded, scores, config,
                    build_view(loaded.threads, scores, with_tree=False, with_search=True))
