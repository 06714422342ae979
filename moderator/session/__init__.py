"""The review session: decisions saved at once in SQLite, an append-only audit log, and
changes that can be undone. :class:`ReviewSession` is the single entry point for the GUI and the
command line."""

from moderator.session.changes import Change
from moderator.session.review import ReviewSession, default_session_path
from moderator.session.store import SessionStore

__all__ = ["Change", "ReviewSession", "SessionStore", "default_session_path"]
