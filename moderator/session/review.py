"""The review session: the one object both the GUI and the command line go through.

It holds the threads, their scores and the decisions; every change is written to the session
file before the call returns, with an audit row. Changes are :class:`Change` objects so the GUI
can put them on its undo stack; undoing writes the old decision back (and is audited too).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from moderator.core import Category, Decision, DecisionKind, Thread, ThreadScores
from moderator.core.decision import format_categories
from moderator.io.export import export as export_rows
from moderator.rules.config import RulesConfig
from moderator.session.analysis import Analysis
from moderator.session.changes import Change
from moderator.session.store import SessionStore, utc_now

Key = tuple[str, str]  # (thread_id, comment_id)

SESSION_SUFFIX = ".moderator.sqlite"


def _user_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "moderator" / "sessions"


def default_session_path(thread_path: str | Path) -> Path:
    """Beside the thread file when that folder is writable, else in the user's data folder."""
    p = Path(thread_path).resolve()
    beside = p.with_name(p.name + SESSION_SUFFIX)
    if os.access(p.parent, os.W_OK) and "site-packages" not in p.parts:
        return beside
    digest = hashlib.sha1(str(p).encode("utf-8")).hexdigest()[:10]
    return _user_data_dir() / f"{p.stem}-{digest}{SESSION_SUFFIX}"


class ReviewSession:
    def __init__(self, analysis: Analysis, store: SessionStore, reviewer: str = "") -> None:
        self.loaded = analysis.loaded
        self.scores: dict[str, ThreadScores] = dict(analysis.scores)
        self.config: RulesConfig = analysis.config
        self.store = store
        self.reviewer = reviewer
        self.decisions: dict[Key, Decision] = store.load()
        if not store.read_only:
            if store.meta("source") is None:
                store.set_meta("source", str(Path(self.loaded.path).resolve()))
            if len(self.config.sources) > 1:  # a user's rules file: export re-scores with it
                store.set_meta("rules", str(Path(self.config.sources[-1]).resolve()))

    @classmethod
    def open(cls, analysis: Analysis, session_path: str | Path | None = None,
             reviewer: str = "", *, read_only: bool = False) -> ReviewSession:
        """Open (or create) the session; ``read_only`` to export or report from a session that
        may be open for review elsewhere."""
        path = session_path or default_session_path(analysis.loaded.path)
        return cls(analysis, SessionStore(path, read_only=read_only), reviewer)

    def close(self) -> None:
        self.store.close()

    # -- reading -----------------------------------------------------------------------------
    @property
    def threads(self) -> tuple[Thread, ...]:
        return self.loaded.threads

    def thread(self, thread_id: str) -> Thread:
        return self.loaded.thread(thread_id)

    def decision(self, key: Key) -> Decision | None:
        return self.decisions.get(key)

    def kind(self, key: Key) -> DecisionKind:
        d = self.decisions.get(key)
        return d.kind if d else DecisionKind.PENDING

    def auto_flags(self, key: Key) -> frozenset[Category]:
        ts = self.scores.get(key[0])
        s = ts.get(key[1]) if ts else None
        return s.flags if s else frozenset()

    def final_labels(self, key: Key) -> frozenset[Category]:
        """What stands now: the decision's labels, or the automatic flags while pending."""
        d = self.decisions.get(key)
        flags = self.auto_flags(key)
        if d is None or d.kind is DecisionKind.PENDING:
            return flags
        return d.final_labels(flags)

    def counts(self) -> tuple[int, int, int]:
        """(reviewed, total, flagged still pending)."""
        total = reviewed = flagged_pending = 0
        for t in self.threads:
            ts = self.scores.get(t.id)
            for c in t.comments:
                total += 1
                if self.kind((t.id, c.id)) is not DecisionKind.PENDING:
                    reviewed += 1
                elif ts is not None and ts[c.id].flags:
                    flagged_pending += 1
        return reviewed, total, flagged_pending

    # -- building changes (nothing is written until apply) ----------------------------------
    def _decision(self, key: Key, kind: DecisionKind, labels: frozenset[Category],
                  note: str | None = None) -> Decision:
        old = self.decisions.get(key)
        return Decision(key[1], kind, labels if kind is DecisionKind.OVERRIDE else frozenset(),
                        old.note if note is None and old else (note or ""), self.reviewer,
                        utc_now(), key[0])

    def change_decide(self, keys: Iterable[Key], kind: DecisionKind,
                      labels: frozenset[Category] = frozenset(), description: str = "") -> Change:
        keys = list(keys)
        after = {k: self._decision(k, kind, labels) for k in keys}
        desc = description or f"{kind.value} {len(keys)} comment(s)"
        return Change(desc, {k: self.decisions.get(k) for k in keys}, after)

    def change_accept(self, keys: Iterable[Key]) -> Change:
        return self.change_decide(keys, DecisionKind.ACCEPT, description="accept flags")

    def change_keep(self, keys: Iterable[Key]) -> Change:
        return self.change_decide(keys, DecisionKind.OVERRIDE, frozenset(), "keep")

    def change_remove(self, keys: Iterable[Key]) -> Change | None:
        """Remove: the flags stand where there are any; an unflagged comment is removed for
        its highest-scoring category. None when a comment has no score in any category (the
        reviewer must pick a label)."""
        keys = list(keys)
        after = {}
        for k in keys:
            flags = self.auto_flags(k)
            if flags:
                after[k] = self._decision(k, DecisionKind.ACCEPT, frozenset())
                continue
            s = self.scores[k[0]].get(k[1])
            if s is None or s.priority == 0:
                return None
            best = max(Category, key=lambda c: (s.score(c), -list(Category).index(c)))
            after[k] = self._decision(k, DecisionKind.OVERRIDE, frozenset({best}))
        return Change("remove", {k: self.decisions.get(k) for k in keys}, after)

    def change_toggle(self, keys: Iterable[Key], category: Category) -> Change:
        """Toggle one label on the labels that stand now; the result is an override."""
        keys = list(keys)
        after = {}
        for k in keys:
            labels = set(self.final_labels(k))
            labels ^= {category}
            after[k] = self._decision(k, DecisionKind.OVERRIDE, frozenset(labels))
        return Change(f"toggle {category.label}", {k: self.decisions.get(k) for k in keys}, after)

    def change_note(self, key: Key, note: str) -> Change:
        old = self.decisions.get(key)
        new = (replace(old, note=note, reviewer=self.reviewer, decided_at=utc_now()) if old
               else Decision(key[1], DecisionKind.PENDING, frozenset(), note, self.reviewer,
                             utc_now(), key[0]))
        return Change("note", {key: old}, {key: new})

    def change_reset(self, keys: Iterable[Key]) -> Change:
        """Back to pending (the note is dropped with the decision)."""
        keys = list(keys)
        return Change("reset", {k: self.decisions.get(k) for k in keys}, dict.fromkeys(keys))

    # -- writing -----------------------------------------------------------------------------
    def apply(self, change: Change, *, what: str | None = None) -> None:
        """Write ``change.after`` and keep it in memory. Raises if the write fails (then
        nothing changed)."""
        auto = {}
        for k in change.after:
            ts = self.scores.get(k[0])
            s = ts.get(k[1]) if ts else None
            if s is not None:
                auto[k] = (format_categories(s.flags),
                           ";".join(sorted({h.rule_id for h in s.hits})))
        self.store.write(((k, change.before.get(k), v) for k, v in change.after.items()),
                         what=what or change.description, reviewer=self.reviewer, auto=auto)
        for k, v in change.after.items():
            if v is None:
                self.decisions.pop(k, None)
            else:
                self.decisions[k] = v

    def undo(self, change: Change) -> None:
        self.apply(change.inverse(), what=f"undo {change.description}")

    def redo(self, change: Change) -> None:
        self.apply(change, what=f"redo {change.description}")

    # -- re-scoring and export ----------------------------------------------------------------
    def set_scores(self, scores: dict[str, ThreadScores], config: RulesConfig) -> None:
        """New scores after a rules change: decisions are never dropped or changed."""
        self.scores = dict(scores)
        self.config = config

    def export(self, path: str | Path, fmt: str | None = None,
               thread_id: str | None = None) -> int:
        threads = [self.thread(thread_id)] if thread_id else list(self.threads)
        return export_rows(path, threads, self.scores, self.decisions, fmt)
