"""moderator: triage reader comments for insults, off-topic posts and reposts."""

__version__ = "0.1.0"
