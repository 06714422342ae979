"""The one object that talks to the review session: opens threads (loading and scoring in the
background), reads decisions for the models, turns reviewer actions into undoable changes and
exports. Widgets and models never touch SQLite, rules or files themselves."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from moderator.core import (
    Category,
    Comment,
    CommentScore,
    Decision,
    DecisionKind,
    LoadResult,
    Thread,
    ThreadScores,
)
from moderator.gui.details import CommentDetails
from moderator.gui.status import RowState
from moderator.gui.undo import ChangeCommand
from moderator.gui.workers import JobRunner, Progress, describe_error
from moderator.rules.config import RulesConfig, load_config
from moderator.session.analysis import Analysis, analyse, score_all
from moderator.session.changes import Change
from moderator.session.review import ReviewSession, default_session_path

Key = tuple[str, str]


@dataclass(frozen=True)
class OpenRequest:
    path: str
    fmt: str | None = None
    rules: str | None = None
    session_path: str | None = None


@dataclass(frozen=True)
class Rescored:
    """New scores for the threads already open (the result of a background re-score)."""

    loaded: LoadResult
    scores: dict[str, ThreadScores]
    config: RulesConfig


def _analyse(request: OpenRequest, progress: Progress, cancelled: Callable[[], bool]
             ) -> Analysis:
    """The background half of opening: runs on a pool thread, plain data only."""
    return analyse(request.path, fmt=request.fmt, rules=request.rules, progress=progress,
                   cancelled=cancelled)


def _rescore(loaded: LoadResult, rules: str | None, config: RulesConfig | None,
             progress: Progress, cancelled: Callable[[], bool]) -> Rescored:
    """Score the open threads again with other rules (pool thread; the threads are frozen
    data, safe to share)."""
    config = config if config is not None else load_config(rules)
    return Rescored(loaded, score_all(loaded, config, progress, cancelled), config)


class ReviewController(QObject):
    session_opened = Signal()  # a new session replaced the old one: models reset
    scores_changed = Signal()  # same comments and decisions, new scores: models reset
    decisions_changed = Signal(list)  # keys whose decision changed
    replayed = Signal(list)  # keys an undo/redo touched (the window selects them)
    counts_changed = Signal(int, int, int)  # reviewed, total, flagged still pending
    busy_changed = Signal(bool)
    progress = Signal(str, int, int)
    error = Signal(str, str)  # title, message
    notice = Signal(str)  # a short status-bar message

    def __init__(self, reviewer: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: ReviewSession | None = None
        self._reviewer = reviewer
        self._request: OpenRequest | None = None
        self._undo = QUndoStack(self)
        self._runner = JobRunner(self)
        self._runner.progress.connect(self.progress)
        self._runner.busy_changed.connect(self.busy_changed)
        self._failure_title = ""
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

    # -- opening ------------------------------------------------------------------------------
    def open_file(self, path: str | Path, *, fmt: str | None = None, rules: str | None = None,
                  session_path: str | None = None) -> None:
        """Load and score ``path`` in the background; the current session stays open (and
        usable) until the new one is ready, and stays if loading fails."""
        request = OpenRequest(str(path), fmt, rules, session_path)
        self._request = request
        self._failure_title = "Cannot open the file"
        self._runner.start(functools.partial(_analyse, request))

    def rescore(self, rules: str | None = None, config: RulesConfig | None = None) -> None:
        """Score the open threads again with ``rules`` (a file) or ``config``, in the
        background. Decisions are never dropped or changed (the rules panel builds on this)."""
        if self._session is None:
            return
        self._failure_title = "Cannot re-score"
        self._request = None
        self._runner.start(functools.partial(_rescore, self._session.loaded, rules, config))

    def cancel(self) -> None:
        self._runner.cancel()

    @Slot(object)
    def _on_job_done(self, result: object) -> None:
        if isinstance(result, Analysis):
            self._on_analysed(result)
        elif isinstance(result, Rescored):
            self._on_rescored(result)

    def _on_rescored(self, result: Rescored) -> None:
        if self._session is None or self._session.loaded is not result.loaded:
            return  # another file was opened meanwhile
        self._session.set_scores(result.scores, result.config)
        self.scores_changed.emit()
        self._emit_counts()
        self.notify("Scores updated; every decision stays as it was.")

    def _on_analysed(self, analysis: Analysis) -> None:
        request = self._request
        target = (request.session_path if request else None) or \
            default_session_path(analysis.loaded.path)
        if self._session is not None and \
                Path(self._session.store.path).resolve() == Path(target).resolve():
            # reopening the same thread: one process holds a session's lock at a time
            self._undo.clear()
            self._session.close()
            self._session = None
        try:
            session = ReviewSession.open(analysis, target, self._reviewer)
        except Exception as exc:
            self.error.emit("Cannot open the session", describe_error(exc))
            return
        self.open_analysis_session(session)

    def open_analysis_session(self, session: ReviewSession) -> None:
        """Replace the current session (undo history starts afresh)."""
        old, self._session = self._session, session
        self._undo.clear()
        if old is not None:
            old.close()
        self.session_opened.emit()
        if session.loaded.messages:
            self.notify("; ".join(session.loaded.messages))
        self._emit_counts()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        path = f"\n\n({self._request.path})" if self._request else ""
        keep = "\n\nThe session that was open stays open." if self._session else ""
        self.error.emit(self._failure_title, f"{message}{path}{keep}")

    @Slot()
    def _on_cancelled(self) -> None:
        self.notice.emit("Loading cancelled.")

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
        return self._session.counts() if self._session else (0, 0, 0)

    def details(self, key: Key) -> CommentDetails | None:
        s = self._session
        comment = self.comment(key)
        if s is None or comment is None:
            return None
        thread = s.thread(key[0])
        score = self.score(key)
        ts = s.scores.get(key[0])
        original = thread.get(score.duplicate_of) if score and score.duplicate_of else None
        d = self.decision(key)
        return CommentDetails(key, comment, score, self.state(key),
                              dict(ts.thresholds) if ts else {}, thread.parent(comment),
                              original,
                              self.thread_label(thread) if len(s.threads) > 1 else "",
                              d.reviewer if d else "", d.decided_at if d else "")

    def cluster(self, key: Key) -> list[Key]:
        """A repost's cluster in thread order: the original and every copy of it."""
        s = self._session
        if s is None:
            return []
        ts = s.scores.get(key[0])
        if ts is None:
            return [key]

        def root(cid: str) -> str:
            seen = set()
            while (sc := ts.get(cid)) is not None and sc.duplicate_of and cid not in seen:
                seen.add(cid)
                cid = sc.duplicate_of
            return cid

        top = root(key[1])
        members = [c.id for c in s.thread(key[0]).comments if root(c.id) == top]
        return [(key[0], cid) for cid in members] if len(members) > 1 else [key]

    # -- deciding -----------------------------------------------------------------------------
    def accept(self, keys: Iterable[Key]) -> bool:
        return self._build(ReviewSession.change_accept, keys)

    def keep(self, keys: Iterable[Key]) -> bool:
        return self._build(ReviewSession.change_keep, keys)

    def remove(self, keys: Iterable[Key]) -> bool:
        keys = list(keys)
        if self._session is None or not keys:
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
        if s is None or not keys:
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
        return self.push(self._session.change_note(key, text))

    def _build(self, make: Callable[[ReviewSession, list[Key]], Change],
               keys: Iterable[Key]) -> bool:
        keys = list(keys)
        if self._session is None or not keys:
            return False
        return self.push(make(self._session, keys))

    def push(self, change: Change) -> bool:
        """Apply ``change`` as one undo step. False (and an error shown) if the write failed:
        then nothing changed and nothing was pushed."""
        if self._session is None:
            return False
        failures: list[str] = []
        command = ChangeCommand(self._session, change, self._on_written,
                                functools.partial(self._on_write_failed, failures))
        self._undo.push(command)
        return not failures

    def _on_written(self, keys: list[Key], replayed: bool) -> None:
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
        try:
            n = self._session.export(path, fmt)
        except Exception as exc:
            self.error.emit("Export failed", f"Could not write {path}:\n{describe_error(exc)}")
            return None
        self.notice.emit(f"Exported {n} comments to {path}")
        return n
