"""Work shared by two processes where the platform forks: a forked copy of this process takes
part of it and sends its result back through a pipe."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from moderator.rules.base import ThreadContext


def words_forked(tctx: ThreadContext,
                 digests: list[tuple[str, Callable[[list[str]], Any]]]) -> None:
    """The words of every comment, and the rules' digests of them (``Rule.digest``), found
    by two processes: a forked copy does the second half of the thread and sends its lists
    back while this one does the first. Tokenising is the largest share of the work every
    rule needs, and the thread rules (reposts, the relevance statistics) need it for every
    comment before any comment can be checked. Whatever the child fails to send is left to
    be found here later: the same words."""
    comments = tctx.thread.comments
    half = len(comments) // 2

    def theirs() -> tuple[list[list[str]], list[list[Any]]]:
        words = list(map(tctx.word_list, comments[half:]))
        return words, [list(map(digest, words)) for _key, digest in digests]

    def mine() -> None:
        first = comments[:half]
        words = list(map(tctx.word_list, first))
        tctx.found(first, words, {key: map(digest, words) for key, digest in digests})

    shared = in_two(theirs, mine)
    if shared is None:
        return
    sent = shared[1]  # FAILED when the copy failed: its half is found later
    if not (isinstance(sent, tuple) and len(sent) == 2 and
            len(sent[0]) == len(comments) - half and len(sent[1]) == len(digests)):
        return
    their_words, their_digests = sent
    tctx.found(comments[half:], their_words,
               {key: found for (key, _digest), found in zip(digests, their_digests, strict=True)})


_T = TypeVar("_T")
FAILED: Any = object()  # what in_two gives for the forked copy's part when the copy failed


def in_two(theirs: Callable[[], Any], mine: Callable[[], _T]) -> tuple[_T, Any] | None:
    """Runs ``theirs`` in a forked copy of this process while this one runs ``mine``:
    ``(mine's result, theirs')``, the copy's result pickled back through a pipe, or
    :data:`FAILED` when the copy failed (its work is then left to the caller). ``None``,
    with nothing run, when no process could be forked. An exception in ``mine`` kills the
    copy and goes on up."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the copy: work, send, leave at once (no cleanup of the parent's)
        code = 1
        try:
            os.close(read)
            result = theirs()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        try:
            got = mine()
            try:
                sent = pickle.load(pipe)
            except Exception:  # noqa: BLE001 - the copy failed before it could send
                sent = FAILED
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            raise
        finally:
            os.waitpid(pid, 0)
    return got, sent




def can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()
