"""The one object that talks to the review session: opens threads (loading and scoring in the
background), reads decisions for the models, turns reviewer actions into undoable changes,
changes the rules in force (thresholds re-flag at once; rule switches and points re-score in
the background) and exports. Widgets and models never touch SQLite, rules or files themselves.

Rule changes are not review decisions: they are not on the undo stack, and they never drop or
change a decision (the session keeps its decisions whatever the scores).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from moderator.core import (
    Category,
    Comment,
    CommentScore,
    Decision,
    DecisionKind,
    Thread,
    ThreadScores,
)
from moderator.gui import reading, rules_edit
from moderator.gui.counts import ReviewCounts
from moderator.gui.details import CommentDetails
from moderator.gui.jobs import JobKind, Loaded, OpenRequest, Rescored, load_thread, score_thread
from moderator.gui.status import RowState
from moderator.gui.undo import ChangeCommand
from moderator.gui.view_data import QueueRow, ScoreIndex, TreeData, ViewData, build_view, reflag
from moderator.gui.workers import JobRunner, describe_error
from moderator.rules.config import RulesConfig
from moderator.session.changes import Change
from moderator.session.review import ReviewSession, default_session_path
from moderator.session.stats import RuleStats, rule_stats

Key = tuple[str, str]
STILL_SCORING = ("Still scoring: decisions open once every comment is scored (the progress bar "
                 "shows how far it is).")


class ReviewController(QObject):
    session_opened = Signal()  # a new session replaced the old one: models reset
    scores_changed = Signal()  # same comments and decisions, new scores: models reset
    flags_changed = Signal(list)  # keys whose automatic flags changed (a threshold moved)
    rules_changed = Signal()  # the rules in force changed (thresholds, switches, file)
    decisions_changed = Signal(list)  # keys whose decision changed
    replayed = Signal(list)  # keys an undo/redo touched (the window selects them)
    counts_changed = Signal(int, int, int)  # reviewed, total, flagged pending (-1: scoring)
    busy_changed = Signal(bool)
    progress = Signal(str, int, int)
    error = Signal(str, str)  # title, message
    notice = Signal(str)  # a short status-bar message

    def __init__(self, reviewer: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: ReviewSession | None = None
        self._view: ViewData | None = None
        self._scored = False
        self._counts = ReviewCounts()
        self._config: RulesConfig | None = None  # the rules in force, as the panel shows them
        self._rules_dirty = False
        self._reviewer = reviewer
        self._request: OpenRequest | None = None
        self._job = JobKind.OPEN
        self._undo = QUndoStack(self)
        self._runner = JobRunner(self)
        self._runner.progress.connect(self.progress)
        self._runner.busy_changed.connect(self.busy_changed)
        self._runner.finished.connect(self._on_job_done)
        self._runner.failed.connect(self._on_failed)
        self._runner.cancelled.connect(self._on_cancelled)

    # -- state --------------------------------------------------------------------------------
    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo

    @property
    def runner(self) -> JobRunner:
        return self._runner

    def has_session(self) -> bool:
        return self._session is not None

    def is_busy(self) -> bool:
        return self._runner.is_busy()

    def is_scored(self) -> bool:
        """False while a large thread just opened is still being scored."""
        return self._session is not None and self._scored

    def source_path(self) -> str:
        return self._session.loaded.path if self._session else ""

    def session_path(self) -> str:
        return str(self._session.store.path) if self._session else ""

    def reviewer(self) -> str:
        return self._reviewer

    def set_reviewer(self, name: str) -> None:
        self._reviewer = name
        if self._session is not None:
            self._session.reviewer = name

    # -- background jobs ----------------------------------------------------------------------
    def _start(self, kind: JobKind, work: Callable) -> None:
        self._job = kind
        self._runner.start(work)

    def open_file(self, path: str | Path, *, fmt: str | None = None, rules: str | None = None,
                  session_path: str | None = None) -> None:
        """Load (and score) ``path`` in the background; the current session stays open (and
        usable) until the new one is ready, and stays if loading fails. Without ``rules``
        the rules in force in the app apply (a tuned setup carries over to the next thread)."""
        request = OpenRequest(str(path), fmt, rules, session_path, self._config)
        self._request = request
        self._start(JobKind.OPEN, functools.partial(load_thread, request))

    def rescore(self, rules: str | None = None, config: RulesConfig | None = None) -> None:
        """Score the open threads again with ``config``, or with the rules file ``rules`` read
        afresh (None: the defaults), in the background. Decisions are never dropped or
        changed; until the new scores arrive the old ones stay in force."""
        if self._session is None:
            return
        kind = JobKind.SCORE if config is not None else JobKind.RULES
        self._start(kind, functools.partial(score_thread, self._session.loaded, rules, config))

    def cancel(self) -> None:
        self._runner.cancel()

    @Slot(object)
    def _on_job_done(self, result: object) -> None:
        if isinstance(result, Loaded):
            self._on_loaded(result)
        elif isinstance(result, Rescored):
            self._on_rescored(result)

    def _on_loaded(self, result: Loaded) -> None:
        target = result.request.session_path or default_session_path(result.analysis.loaded.path)
        if self._session is not None and \
                Path(self._session.store.path).resolve() == Path(target).resolve():
            # reopening the same thread: one process holds a session's lock at a time
            self._undo.clear()
            self._session.close()
            self._session = None
        try:
            session = ReviewSession.open(result.analysis, target, self._reviewer)
        except Exception as exc:
            self.error.emit("Cannot open the session", describe_error(exc))
            return
        self.open_analysis_session(session, result.view, scored=result.scored)
        if not result.scored:
            self.notify("Showing the comments while they are scored; decisions open when "
                        "scoring is done.")
            self._start(JobKind.SCORE, functools.partial(
                score_thread, session.loaded, None, session.config, after_load=True))

    def open_analysis_session(self, session: ReviewSession, view: ViewData | None = None, *,
                              scored: bool = True) -> None:
        """Replace the current session (undo history starts afresh). ``view``: the models'
        data prepared in the background (built here when not given)."""
        old, self._session = self._session, session
        self._undo.clear()
        if old is not None:
            old.close()
        self._view = view or build_view(session.threads, session.scores)
        self._scored = scored
        self._config = session.config
        self._rules_dirty = False
        decided = [k for k, d in session.decisions.items() if d.kind is not DecisionKind.PENDING]
        self._counts = ReviewCounts(sum(len(t) for t in session.threads), decided,
                                    self._view.flagged if scored else None)
        self.session_opened.emit()
        self.rules_changed.emit()
        if session.loaded.messages:
            self.notify("; ".join(session.loaded.messages))
        self._emit_counts()

    def _on_rescored(self, result: Rescored) -> None:
        s = self._session
        if s is None or s.loaded is not result.loaded:
            return  # another file was opened meanwhile
        thresholds = self._config.thresholds if self._config and self._job is not \
            JobKind.RULES else result.config.thresholds  # moved while it was scoring
        s.set_scores(result.scores, result.config)
        tree = self._view.tree if self._view else None
        self._view = replace(result.view, tree=result.view.tree or tree)
        self._scored = True
        self._counts.set_all_flagged(result.view.flagged)
        self._config = replace(result.config, thresholds=dict(thresholds))
        if self._job is JobKind.RULES:
            self._rules_dirty = False
        self.scores_changed.emit()
        if dict(thresholds) != result.config.thresholds:
            self._apply_thresholds(dict(thresholds))
        self.rules_changed.emit()
        self._emit_counts()
        self.notify("Scores updated; every decision stays as it was.")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self._job is JobKind.OPEN:
            path = f"\n\n({self._request.path})" if self._request else ""
            keep = "\n\nThe session that was open stays open." if self._session else ""
        else:
            path, keep = "", "\n\nThe rules and scores in force stay as they were."
        self.error.emit(self._job.value, f"{message}{path}{keep}")

    @Slot()
    def _on_cancelled(self) -> None:
        if self._job is JobKind.OPEN:
            self.notice.emit("Loading cancelled.")
        elif not self._scored:
            self.notice.emit("Scoring cancelled: the comments are shown unscored. Reload the "
                             "rules (Ctrl+R) to score them.")
        else:
            self.notice.emit("Re-scoring cancelled: the scores in force stay.")

    def shutdown(self) -> None:
        """Stop background work and close the session file (on quit)."""
        self._runner.cancel()
        self._runner.wait()
        self._undo.clear()
        if self._session is not None:
            self._session.close()
            self._session = None

    # -- reading (for models and panes) -------------------------------------------------------
    def threads(self) -> tuple[Thread, ...]:
        return self._session.threads if self._session else ()

    def thread_label(self, thread: Thread) -> str:
        return thread.article.title or thread.id

    def queue_rows(self) -> tuple[list[QueueRow], dict[Key, int]]:
        """The queue's rows in queue order (prepared in the background) and each one's row."""
        if self._view is None or self._session is None:
            return [], {}
        return self._view.rows, self._view.row_of

    def tree_data(self) -> TreeData:
        return self._view.tree if self._view and self._view.tree and self._session \
            else TreeData()

    def comment(self, key: Key) -> Comment | None:
        if self._session is None:
            return None
        return self._session.thread(key[0]).get(key[1])

    def thread_scores(self, thread_id: str) -> ThreadScores | None:
        return self._session.scores.get(thread_id) if self._session else None

    def score(self, key: Key) -> CommentScore | None:
        ts = self._session.scores.get(key[0]) if self._session else None
        return ts.get(key[1]) if ts else None

    def decision(self, key: Key) -> Decision | None:
        return self._session.decision(key) if self._session else None

    def state(self, key: Key) -> RowState:
        score = self.score(key)
        return RowState.of(self.decision(key), score.flags if score else frozenset())

    def counts(self) -> tuple[int, int, int]:
        """(reviewed, total, flagged still pending: -1 while scoring), kept up to date from
        each change instead of recounted."""
        return self._counts.values() if self._session else (0, 0, 0)

    def details(self, key: Key) -> CommentDetails | None:
        s = self._session
        return reading.details(s, key, self.state(key)) if s is not None else None

    def cluster(self, key: Key) -> list[Key]:
        """A repost's cluster in thread order: the original and every copy of it."""
        return reading.cluster(self._session, key) if self._session is not None else []

    # -- the rules in force -------------------------------------------------------------------
    def rules_config(self) -> RulesConfig | None:
        return self._config

    def rules_path(self) -> str:
        """The user's rules file over the defaults ("" for the defaults alone)."""
        sources = self._config.sources if self._config else ()
        return sources[-1] if len(sources) > 1 else ""

    def rules_dirty(self) -> bool:
        """Thresholds or rules changed in the app since the rules file was read or saved."""
        return self._rules_dirty

    def score_index(self) -> ScoreIndex | None:
        return self._view.index if self._view and self._scored else None

    def set_threshold(self, category: Category, value: int) -> None:
        """Flag ``category`` from ``value`` points: the comments re-flag at once from their
        stored scores (no rule runs again)."""
        if self._config is None or self._config.thresholds.get(category) == value:
            return
        self._config = rules_edit.with_threshold(self._config, category, value)
        self._rules_dirty = True
        if self._scored:
            self._apply_thresholds(dict(self._config.thresholds))
            self._emit_counts()
        self.rules_changed.emit()

    def _apply_thresholds(self, thresholds: dict[Category, int]) -> None:
        s, view = self._session, self._view
        if s is None or view is None:
            return
        result = reflag(s.scores, view.index, thresholds)
        s.set_scores(result.scores, replace(s.config, thresholds=dict(thresholds)))
        for key in result.changed:
            self._counts.set_flagged(key, bool(s.auto_flags(key)))
        self.flags_changed.emit(result.changed)

    def set_rule(self, rule_id: str, *, enabled: bool | None = None,
                 points: int | None = None) -> None:
        """Switch a rule on or off or change its points, then re-score in the background."""
        if self._config is None:
            return
        config = rules_edit.with_rule(self._config, rule_id, enabled, points)
        if config is self._config:
            return
        self._config = config
        self._rules_dirty = True
        self.rules_changed.emit()
        self.rescore(config=config)

    def load_rules(self, path: str | None = None) -> None:
        """Read the rules file ``path`` (None: the one in force) afresh and re-score; on an
        error the rules in force stay."""
        if self._session is None:
            self.error.emit(JobKind.RULES.value, "Open a thread first: the rules score it.")
            return
        self.rescore(rules=path if path is not None else (self.rules_path() or None))

    def save_rules(self, path: str | Path) -> bool:
        """Write the rules in force as a user file: only what differs from the defaults."""
        if self._config is None:
            return False
        try:
            rules_edit.save(self._config, path)
        except OSError as exc:
            self.error.emit("Rules not saved", f"Could not write {path}:\n{describe_error(exc)}")
            return False
        self._config = rules_edit.read_from(self._config, path)
        self._rules_dirty = False
        self.rules_changed.emit()
        self.notify(f"Rules saved to {path}; use them with --rules {path}")
        return True

    def rule_stats(self) -> dict[str, RuleStats]:
        """Per rule, this session's verdicts on its flags: upheld or overridden."""
        s = self._session
        if s is None:
            return {}
        return {st.rule_id: st for st in rule_stats(s.decisions, s.store.decided_auto())}

    # -- deciding -----------------------------------------------------------------------------
    def _can_decide(self, keys: list[Key]) -> bool:
        if self._session is None or not keys:
            return False
        if not self._scored:
            self.notice.emit(STILL_SCORING)
            return False
        return True

    def accept(self, keys: Iterable[Key]) -> bool:
        return self._build(ReviewSession.change_accept, keys)

    def keep(self, keys: Iterable[Key]) -> bool:
        return self._build(ReviewSession.change_keep, keys)

    def remove(self, keys: Iterable[Key]) -> bool:
        keys = list(keys)
        if not self._can_decide(keys):
            return False
        change = self._session.change_remove(keys)
        if change is None:
            self.notice.emit("Nothing to remove it for: no rule scored it. Pick a label with "
                             "1 (Insult), 2 (Off-topic) or 3 (Repost).")
            return False
        return self.push(change)

    def toggle(self, keys: Iterable[Key], category: Category) -> bool:
        """Toggle a label. On a mixed selection (some have it, some not) the label is added
        to all, as a checkbox over several items does; one undo step either way."""
        keys = list(keys)
        s = self._session
        if not self._can_decide(keys):
            return False
        have = [category in s.final_labels(k) for k in keys]
        if all(have) or not any(have):
            return self.push(s.change_toggle(keys, category))
        # TODO(session): a ReviewSession.change_set_label(keys, category, on) would do this.
        parts = [s.change_decide([k], DecisionKind.OVERRIDE, s.final_labels(k) | {category})
                 for k in keys]
        before = {k: v for p in parts for k, v in p.before.items()}
        after = {k: v for p in parts for k, v in p.after.items()}
        return self.push(Change(f"label {category.label}", before, after))

    def reset(self, keys: Iterable[Key]) -> bool:
        return self._build(ReviewSession.change_reset, keys)

    def set_note(self, key: Key, text: str) -> bool:
        if self._session is None:
            return False
        d = self._session.decision(key)
        if (d.note if d else "") == text:
            return True
        if not self._can_decide([key]):
            return False
        return self.push(self._session.change_note(key, text))

    def _build(self, make: Callable[[ReviewSession, list[Key]], Change],
               keys: Iterable[Key]) -> bool:
        keys = list(keys)
        if not self._can_decide(keys):
            return False
        return self.push(make(self._session, keys))

    def push(self, change: Change) -> bool:
        """Apply ``change`` as one undo step. False (and an error shown) if the write failed:
        then nothing changed and nothing was pushed."""
        if not self._can_decide(change.keys):
            return False
        failures: list[str] = []
        command = ChangeCommand(self._session, change, self._on_written,
                                functools.partial(self._on_write_failed, failures))
        self._undo.push(command)
        return not failures

    def _on_written(self, keys: list[Key], replayed: bool) -> None:
        s = self._session
        for k in keys:
            self._counts.set_decided(k, s.kind(k) is not DecisionKind.PENDING)
        self.decisions_changed.emit(keys)
        self._emit_counts()
        if replayed:
            self.replayed.emit(keys)

    def _on_write_failed(self, failures: list[str], what: str, exc: BaseException) -> None:
        failures.append(what)
        path = self.session_path()
        self.error.emit("Decision not saved",
                        f"Could not save “{what}” to the session file:\n{describe_error(exc)}"
                        f"\n\n({path})\nNothing was changed.")

    def notify(self, message: str) -> None:
        """A short message for the status bar."""
        self.notice.emit(message)

    def report_error(self, title: str, message: str) -> None:
        self.error.emit(title, message)

    def _emit_counts(self) -> None:
        self.counts_changed.emit(*self.counts())

    # -- export -------------------------------------------------------------------------------
    def export(self, path: str | Path, fmt: str | None = None) -> int | None:
        """Write every decision (CSV or JSON, the command line's writer). Rows written, or
        None with an error shown."""
        if self._session is None:
            self.error.emit("Nothing to export", "Open a thread first.")
            return None
        if not self._scored:
            self.error.emit("Nothing to export yet", STILL_SCORING)
            return None
        try:
            n = self._session.export(path, fmt)
        except Exception as exc:
            self.error.emit("Export failed", f"Could not write {path}:\n{describe_error(exc)}")
            return None
        self.notice.emit(f"Exported {n} comments to {path}")
        return n
