"""The review session: decisions saved at once, undo and redo, audit log, crash safety."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from moderator.core import Category, DecisionKind, InputError
from moderator.session import ReviewSession, SessionStore
from moderator.session.analysis import analyse


@pytest.fixture(scope="module")
def analysis(request):
    from tests.conftest import SAMPLES

    return analyse(SAMPLES / "russia-amnesty-cnn-2014.txt")


def _flagged_keys(session):
    return [(t.id, c.id) for t in session.threads for c in t.comments
            if session.auto_flags((t.id, c.id))]


def test_decisions_persist_and_reopen(analysis, tmp_path):
    path = tmp_path / "s.sqlite"
    s = ReviewSession.open(analysis, path, reviewer="ana")
    keys = [(t.id, c.id) for t in s.threads for c in t.comments][:3]
    s.apply(s.change_accept([keys[0]]))
    s.apply(s.change_keep([keys[1]]))
    s.apply(s.change_note(keys[2], "check with the editor"))
    s.close()

    again = ReviewSession.open(analysis, path, reviewer="bo")
    assert again.kind(keys[0]) is DecisionKind.ACCEPT
    assert again.kind(keys[1]) is DecisionKind.OVERRIDE
    assert again.decision(keys[1]).labels == frozenset()
    assert again.decision(keys[2]).note == "check with the editor"
    assert again.decision(keys[0]).reviewer == "ana"
    reviewed, total, _ = again.counts()
    assert (reviewed, total) == (2, 49)  # a note alone does not make a comment reviewed
    again.close()


def test_undo_and_redo_restore_exactly_and_are_audited(analysis, tmp_path):
    s = ReviewSession.open(analysis, tmp_path / "s.sqlite", reviewer="ana")
    keys = [(t.id, c.id) for t in s.threads for c in t.comments][:4]
    first = s.change_toggle(keys[:2], Category.INSULT)
    s.apply(first)
    assert all(s.final_labels(k) >= {Category.INSULT} or Category.INSULT in
               s.auto_flags(k) for k in keys[:2])
    bulk = s.change_keep(keys)
    s.apply(bulk)
    assert all(s.final_labels(k) == frozenset() for k in keys)
    s.undo(bulk)
    assert s.decision(keys[0]) == first.after[keys[0]]
    assert s.decision(keys[3]) is None
    s.redo(bulk)
    assert s.kind(keys[3]) is DecisionKind.OVERRIDE
    whats = [row["what"] for row in s.store.audit()]
    assert whats.count("keep") == 4 and whats.count("undo keep") == 4
    assert whats.count("redo keep") == 4
    s.close()


def test_audit_log_is_append_only(analysis, tmp_path):
    s = ReviewSession.open(analysis, tmp_path / "s.sqlite")
    k = (s.threads[0].id, s.threads[0].comments[0].id)
    s.apply(s.change_accept([k]))
    s.close()
    db = sqlite3.connect(tmp_path / "s.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit SET reviewer='x'")


def test_remove_keeps_the_flags_or_names_the_top_category(analysis, tmp_path):
    s = ReviewSession.open(analysis, tmp_path / "s.sqlite")
    flagged = _flagged_keys(s)
    assert flagged, "the sample thread has flagged comments"
    change = s.change_remove([flagged[0]])
    s.apply(change)
    assert s.final_labels(flagged[0]) == s.auto_flags(flagged[0])
    s.close()


def test_foreign_files_are_refused_and_left_untouched(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("my notes, not a database\n")
    with pytest.raises(InputError, match="not a moderator session"):
        SessionStore(text)
    assert text.read_text() == "my notes, not a database\n"

    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="not a moderator session"):
        SessionStore(other)
    assert other.read_bytes() == before


_CHILD = textwrap.dedent("""
    import sys, time
    from moderator.session import ReviewSession
    from moderator.session.analysis import analyse
    s = ReviewSession.open(analyse(sys.argv[1]), sys.argv[2], reviewer="kim")
    keys = [(t.id, c.id) for t in s.threads for c in t.comments]
    for i, k in enumerate(keys[:10]):
        change = s.change_keep([k]) if i % 2 else s.change_accept([k])
        s.apply(change)
        print("decided", k[1], flush=True)
    print("done", flush=True)
    time.sleep(600)
""")


def test_decisions_survive_sigkill(sample_path, tmp_path):
    """A real process decides ten comments and is killed with SIGKILL mid-session; a new
    process finds every decision."""
    session_path = tmp_path / "killed.sqlite"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(sample_path), str(session_path)],
                             stdout=subprocess.PIPE, text=True)
    decided = []
    try:
        for line in child.stdout:
            if line.startswith("decided"):
                decided.append(line.split()[1])
            if line.startswith("done"):
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert len(decided) == 10
    check = subprocess.run(
        [sys.executable, "-c", textwrap.dedent("""
            import sys
            from moderator.session import SessionStore
            d = SessionStore(sys.argv[1]).load()
            print(" ".join(f"{cid}={dec.kind.value}" for (_, cid), dec in sorted(d.items(),
                  key=lambda kv: int(kv[0][1][1:]))))
        """), str(session_path)], capture_output=True, text=True, check=True)
    got = dict(item.split("=") for item in check.stdout.split())
    assert sorted(got, key=lambda c: int(c[1:])) == decided
    assert [got[c] for c in decided] == ["accept", "override"] * 5


def test_a_session_is_open_for_review_in_one_place_at_a_time(analysis, tmp_path):
    path = tmp_path / "s.sqlite"
    first = ReviewSession.open(analysis, path, reviewer="ana")
    key = (first.threads[0].id, first.threads[0].comments[0].id)
    first.apply(first.change_accept([key]))
    with pytest.raises(InputError, match="open in another moderator"):
        ReviewSession.open(analysis, path, reviewer="bo")
    reader = ReviewSession.open(analysis, path, read_only=True)  # export while it is open
    assert reader.kind(key) is DecisionKind.ACCEPT
    reader.close()
    first.close()
    again = ReviewSession.open(analysis, path, reviewer="bo")  # released on close
    assert again.kind(key) is DecisionKind.ACCEPT
    again.close()


def test_a_killed_process_does_not_keep_the_session_locked(sample_path, tmp_path):
    path = tmp_path / "s.sqlite"
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from moderator.session import SessionStore
        SessionStore(sys.argv[1]); print("open", flush=True); time.sleep(600)
    """), str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(InputError, match="open in another"):
            SessionStore(path)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    SessionStore(path).close()


def test_reading_a_missing_session_is_an_error_not_a_new_file(tmp_path):
    with pytest.raises(InputError, match="no such session"):
        SessionStore(tmp_path / "nope.sqlite", read_only=True)
    assert not (tmp_path / "nope.sqlite").exists()
    (tmp_path / "empty.sqlite").write_bytes(b"")
    with pytest.raises(InputError, match="the session file is empty"):
        SessionStore(tmp_path / "empty.sqlite", read_only=True)
