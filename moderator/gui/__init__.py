"""The desktop app: a queue of comments, the thread as a tree, and a detail pane explaining every
flag. Everything here sits on top of :mod:`moderator.session`; only :mod:`.controller` talks to
the review session."""

from moderator.compiled import keep_source

# The window's process runs the rules from source, so that scoring a small thread in a
# background thread never holds the GIL for long (see keep_source); large threads are scored
# compiled, in a child process.
keep_source()
