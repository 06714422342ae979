"""The session file: SQLite, one row per decided comment, and an append-only audit log.

Every write is its own committed transaction (``synchronous=FULL``), so a decision survives a
crash or a kill the moment the call returns. The audit table refuses updates and deletes.
A file that is not a moderator session is refused, never overwritten. A session is open for
writing in one process at a time (an advisory lock on the file, released by the system even if
the process is killed); reading it (``read_only=True``: export, stats) is always allowed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from moderator.core import Decision, DecisionKind, InputError
from moderator.core.decision import format_categories, parse_categories

APPLICATION_ID = 0x4D4F4452  # "MODR"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    thread_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT '',
    auto_flags TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (thread_id, comment_id)
);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    what TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _decision_json(d: Decision | None) -> str | None:
    if d is None:
        return None
    return json.dumps({"kind": d.kind.value, "labels": format_categories(d.labels),
                       "note": d.note, "reviewer": d.reviewer, "decided_at": d.decided_at},
                      ensure_ascii=False)


def _lock(path: Path) -> int | None:
    """An exclusive advisory lock on the session file, or InputError if another process has
    it. None where the platform has no flock (SQLite still keeps the file consistent)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise InputError("this session is open in another moderator window or process; close "
                         "it there first (exporting it is fine while it is open)",
                         path=str(path)) from None
    return fd


class SessionStore:
    """One open session file. Keep it on the thread that opened it (SQLite's rule)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock_fd: int | None = None
        existed = self.path.exists() and self.path.stat().st_size > 0
        if existed:
            self._check_header()
        elif read_only:
            raise InputError("the session file is empty" if self.path.exists() else
                             "no such session file", path=str(self.path))
        if read_only:
            self._open_read_only()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _lock(self.path)
        try:
            self._open(existed)
        except BaseException:
            self._unlock()
            raise

    def _open_read_only(self) -> None:
        try:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                       isolation_level=None, timeout=5.0)
            if self._db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                self._db.close()
                raise InputError("this SQLite file is not a moderator session; it was left "
                                 "untouched", path=str(self.path))
        except sqlite3.DatabaseError as exc:
            raise InputError(f"cannot read the session: {exc}", path=str(self.path)) from None

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the lock
            self._lock_fd = None

    def _open(self, existed: bool) -> None:
        try:
            self._db = sqlite3.connect(str(self.path), isolation_level=None, timeout=5.0)
            if existed:
                app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
                if app_id != APPLICATION_ID:
                    self._db.close()
                    raise InputError("this SQLite file is not a moderator session; it was "
                                     "left untouched", path=str(self.path))
                version = int(self._meta("schema_version") or 0)
                if version > SCHEMA_VERSION:
                    self._db.close()
                    raise InputError(f"session written by a newer moderator (schema {version})",
                                     path=str(self.path))
            else:
                self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            # only now that the file is known to be ours may anything be written to it
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            if not existed:
                self.set_meta("schema_version", str(SCHEMA_VERSION))
                self.set_meta("created_at", utc_now())
        except sqlite3.DatabaseError as exc:
            raise InputError(f"cannot open the session: {exc}", path=str(self.path)) from None

    def _check_header(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise InputError(f"cannot read the session: {exc.strerror}", path=str(self.path)
                             ) from None
        if head != b"SQLite format 3\x00":
            raise InputError("not a moderator session file (not SQLite); it was left untouched",
                             path=str(self.path))

    def close(self) -> None:
        self._db.close()
        self._unlock()

    # -- meta ---------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def meta(self, key: str) -> str | None:
        return self._meta(key)

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- decisions ----------------------------------------------------------------------------
    def load(self) -> dict[tuple[str, str], Decision]:
        rows = self._db.execute(
            "SELECT thread_id, comment_id, kind, labels, note, reviewer, decided_at "
            "FROM decisions").fetchall()
        out = {}
        for thread_id, cid, kind, labels, note, reviewer, at in rows:
            try:
                d = Decision(cid, DecisionKind(kind), parse_categories(labels), note, reviewer,
                             at, thread_id)
            except ValueError as exc:
                raise InputError(f"damaged decision for comment {cid}: {exc}",
                                 path=str(self.path)) from None
            out[(thread_id, cid)] = d
        return out

    def write(self, changes: Iterable[tuple[tuple[str, str], Decision | None, Decision | None]],
              *, what: str, reviewer: str, auto: dict[tuple[str, str], tuple[str, str]]
              | None = None) -> None:
        """Write decisions (None removes one) and their audit rows in one transaction.

        ``auto`` gives, per key, the automatic flags and the rule ids that stood when the
        decision was made (what ``moderator stats`` counts).
        """
        at = utc_now()
        auto = auto or {}
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for (thread_id, cid), before, after in changes:
                if after is None:
                    db.execute("DELETE FROM decisions WHERE thread_id=? AND comment_id=?",
                               (thread_id, cid))
                else:
                    flags, rules = auto.get((thread_id, cid), ("", ""))
                    db.execute(
                        "INSERT OR REPLACE INTO decisions VALUES (?,?,?,?,?,?,?,?,?)",
                        (thread_id, cid, after.kind.value, format_categories(after.labels),
                         after.note, after.reviewer, after.decided_at, flags, rules))
                db.execute(
                    "INSERT INTO audit(at, reviewer, thread_id, comment_id, what, before, after)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (at, reviewer, thread_id, cid, what, _decision_json(before),
                     _decision_json(after)))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def audit(self) -> list[dict[str, str | None]]:
        cur = self._db.execute(
            "SELECT seq, at, reviewer, thread_id, comment_id, what, before, after FROM audit "
            "ORDER BY seq")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def decided_auto(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Per decided comment: the automatic flags and rule ids it was decided against."""
        rows = self._db.execute(
            "SELECT thread_id, comment_id, auto_flags, rules FROM decisions").fetchall()
        return {(t, c): (f, r) for t, c, f, r in rows}
