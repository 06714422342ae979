"""The desktop app: a queue of comments, the thread as a tree, and a detail pane explaining every
flag. Everything here sits on top of :mod:`moderator.session`; only :mod:`.controller` talks to
the review session."""
