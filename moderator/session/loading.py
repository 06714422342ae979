"""Read a thread and its rules without scoring it: the first half of opening a large thread, so
the app can list its comments while :func:`moderator.session.analysis.score_all` runs."""

from __future__ import annotations

from pathlib import Path

from moderator.io import load
from moderator.rules.config import RulesConfig, load_config
from moderator.session.analysis import Analysis, Progress


def load_unscored(path: str | Path, *, fmt: str | None = None, rules: str | Path | None = None,
                  config: RulesConfig | None = None, progress: Progress | None = None
                  ) -> Analysis:
    """An :class:`Analysis` with no scores yet (``scores`` is empty). Raises the project's own
    errors; the rules are read first, so a broken rules file is reported before the thread."""
    if config is None:
        config = load_config(rules)
    if progress is not None:
        progress("loading", 0, 0)
    return Analysis(load(path, fmt), {}, config)
