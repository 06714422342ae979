"""Scoring in a process of its own, for a caller that must stay responsive (the app).

A thread running the rules holds the GIL for most of its time, and every call Qt makes into
Python (painting the queue, a click) waits for it: the app's window stutters while a large
thread is scored in a worker thread. Here the threads are sent to a fresh Python process
(``python -m moderator.session.score_process``) that scores them, and the scores come back in
small pieces: the caller's thread spends its time waiting on a pipe with the GIL free, and
takes it only to unpickle a thousand comments' scores at a time (a few milliseconds). The
child is single-threaded, so it may fork a second process to use the machine's second core
(``Scorer.score_thread(workers=2)``), as the command line does.

The child runs the same code on the same data, so the scores are the ones :func:`score_all`
gives. Should it fail to start, crash or send something unreadable, the threads are scored in
the calling thread instead: slower to look at, same result. Cancelling kills the child.

The child reads the threads from their file itself when the file is as the caller read it
(the same size and modification time), so the caller pickles nothing (its thread would hold
the GIL for that); when the file has changed since, the threads are sent instead, in slices.

The pipes carry length-prefixed pickles, both ways between two copies of this program (the
child is started by this module, never by anything else): the request (rules, the file or
each thread's comments in slices), then what was read, progress, scores in slices and the
end of each thread.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import moderator
from moderator.core import CommentScore, LoadResult, Thread, ThreadScores
from moderator.io import load
from moderator.rules.config import RulesConfig
from moderator.rules.scorer import Cancelled, Scorer, gc_paused
from moderator.session.analysis import Progress, score_all

log = logging.getLogger(__name__)

SLICE = 1000  # comments (or their scores) a message: ~7 ms to unpickle
POLL_S = 0.05  # how often a wait for the child looks at ``cancelled``
MAX_MESSAGE = 1 << 30  # bytes: anything longer is not from the child
_HEADER = struct.Struct("<Q")


class ChildFailed(Exception):
    """The scoring process died, or sent something this side cannot read."""


class _Stale(ChildFailed):
    """The file the child read does not hold the threads this side has."""


def score_in_process(loaded: LoadResult, config: RulesConfig, progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None, *,
                     workers: int = 2) -> dict[str, ThreadScores]:
    """Scores of every thread, as :func:`score_all` gives them, worked out in a child process
    (``workers``: processes it may use). Raises :class:`Cancelled` when ``cancelled()``
    turns true; scores in this thread when the child cannot be used."""
    if not supported():
        return score_all(loaded, config, progress, cancelled)
    if progress is not None:  # at once: the child's first word comes after it read the file
        progress("scoring", 0, loaded.comment_count)
    child = None
    try:
        # from the file when it was read from one; sent, when the file has changed since
        for from_file in (True, False) if loaded.stamp is not None else (False,):
            if child is not None:
                child.close()
            child = _Child()
            try:
                return child.score(loaded, config, progress, cancelled, workers,
                                   from_file=from_file)
            except _Stale as exc:
                log.info("%s: sending the threads to the scoring process", exc)
    except ChildFailed as exc:
        log.warning("the scoring process failed (%s): scoring in this thread", exc)
    except OSError as exc:
        log.warning("cannot start a scoring process (%s): scoring in this thread", exc)
    finally:
        if child is not None:
            child.close()
    return score_all(loaded, config, progress, cancelled)


def supported() -> bool:
    """Waiting on a pipe with a timeout needs ``select`` on pipes (POSIX)."""
    return os.name == "posix"


def child_command() -> list[str]:
    """How the child is started: this Python, this module (tests point it elsewhere)."""
    return [sys.executable, "-m", __name__]


class _Child:
    def __init__(self) -> None:
        env = dict(os.environ)
        # importable even when the app runs from a source tree that is not installed
        root = str(Path(moderator.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # unbuffered: a message read ahead into a buffer would hide from ``select``
        # in a process group of its own: cancelling kills the second process it forks too
        self.proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, bufsize=0,
                                     start_new_session=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._to, self._from = self.proc.stdin, self.proc.stdout
        self._fd = self._from.fileno()

    def score(self, loaded: LoadResult, config: RulesConfig, progress: Progress | None,
              cancelled: Callable[[], bool] | None, workers: int, *,
              from_file: bool) -> dict[str, ThreadScores]:
        """``from_file``: the child reads the threads from ``loaded.path`` itself (nothing
        sent, nothing for this thread to pickle) when the file is as it was read (the same
        size and modification time; :class:`_Stale` if not); else they are sent in slices."""
        threads = loaded.threads
        source = (loaded.path, loaded.format, loaded.stamp) if from_file else None
        try:
            send(self._to, (config, workers, source,
                            [(t.id, t.article, len(t)) for t in threads]))
            if source is None:
                for thread in threads:
                    for start in range(0, len(thread), SLICE):
                        if cancelled is not None and cancelled():
                            raise Cancelled()
                        send(self._to, thread.comments[start:start + SLICE])
            self._to.close()
        except (BrokenPipeError, OSError) as exc:
            raise ChildFailed(f"it stopped reading: {exc}") from None
        if source is not None:
            message = self._next(cancelled)
            if message[0] == "error":
                raise _Stale(f"the scoring process could not read {loaded.path}")
            if message != ("read",):
                raise _Stale(f"{loaded.path} changed since it was opened")
        out: dict[str, ThreadScores] = {}
        pieces: list[CommentScore] = []
        total = loaded.comment_count
        while True:
            message = self._next(cancelled)
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress("scoring", message[1], total)
            elif kind == "scores":
                pieces += message[1]
            elif kind == "thread":
                _, thread_id, thresholds, notes = message
                thread = threads[len(out)] if len(out) < len(threads) else None
                if thread is None or thread_id != thread.id or \
                        [s.comment_id for s in pieces] != [c.id for c in thread.comments]:
                    raise ChildFailed(f"its scores do not match thread {thread_id!r}")
                out[thread_id] = ThreadScores(thread_id, {s.comment_id: s for s in pieces},
                                              thresholds, notes)
                pieces = []
            elif kind == "done":
                if len(out) != len(threads):
                    raise ChildFailed("it ended before scoring every thread")
                if progress is not None:
                    progress("scoring", total, total)
                return out
            elif kind == "error":
                raise ChildFailed(message[1])
            else:
                raise ChildFailed(f"it sent {kind!r}")

    def _next(self, cancelled: Callable[[], bool] | None) -> tuple[Any, ...]:
        """The child's next message, waited for a slice of time at a time."""
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled()
            ready, _, _ = select.select([self._fd], [], [], POLL_S)
            if ready:
                break
        try:
            message = receive(self._from)
        except (EOFError, OSError, pickle.UnpicklingError, struct.error) as exc:
            code = self.proc.poll()
            raise ChildFailed(f"it ended (exit code {code}): {exc or 'no more output'}") from None
        if not isinstance(message, tuple) or not message:
            raise ChildFailed("it sent something unreadable")
        return message

    def close(self) -> None:
        """Kill the child if it still runs (cancelled, failed) and reap it."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                self.proc.kill()
        for pipe in (self._to, self._from):
            try:
                pipe.close()
            except OSError:
                pass
        self.proc.wait()


def send(pipe: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:  # an unbuffered pipe may take part of it
        view = view[pipe.write(view) or 0:]
    pipe.flush()


def receive(pipe: IO[bytes]) -> Any:
    """The next value :func:`send` wrote; ``EOFError`` at the end of the stream."""
    size = _HEADER.unpack(_read(pipe, _HEADER.size))[0]
    if size > MAX_MESSAGE:
        raise pickle.UnpicklingError(f"a message of {size:,} bytes")
    return pickle.loads(_read(pipe, size))


def _read(pipe: IO[bytes], n: int) -> bytes:
    parts = []
    while n:  # an unbuffered pipe gives what has arrived
        data = pipe.read(min(n, 1 << 20))
        if not data:
            raise EOFError("the stream ended")
        parts.append(data)
        n -= len(data)
    return b"".join(parts)


# -- the child --------------------------------------------------------------------------------
def _request(inp: IO[bytes], out: IO[bytes]) -> tuple[Scorer, int, list[Thread]]:
    """The rules (as a scorer), the processes it may use and the threads: read from the
    file named when it is as the caller read it (no threads when not: the caller sends
    them to another child), or as sent."""
    config, workers, source, heads = receive(inp)
    if source is not None:
        path, fmt, stamp = source
        read = load(path, fmt)
        if read.stamp != stamp:
            send(out, ("changed",))
            return Scorer(config), workers, []
        send(out, ("read",))
        threads = list(read.threads)
    else:
        threads = []
        for thread_id, article, count in heads:
            comments: list = []
            while len(comments) < count:
                comments += receive(inp)
            threads.append(Thread(thread_id, article, tuple(comments)))
    return Scorer(config), workers, threads


def main() -> int:
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but messages on the channel
    try:
        with gc_paused():
            done = 0
            scorer, workers, threads = _request(inp, out)
            for thread in threads:
                def step(i: int, _n: int, base: int = done) -> None:
                    send(out, ("progress", base + i))

                scores = scorer.score_thread(thread, step, workers=workers)
                values = list(scores.by_comment.values())
                for start in range(0, len(values), SLICE):
                    send(out, ("scores", values[start:start + SLICE]))
                send(out, ("thread", scores.thread_id, scores.thresholds, scores.notes))
                done += len(thread)
            send(out, ("done",))
    except BrokenPipeError:  # the caller went away: nothing to tell it, nothing to flush
        os._exit(1)
    except Exception:  # noqa: BLE001 - told to the caller, which scores itself instead
        try:
            send(out, ("error", traceback.format_exc(limit=-3)))
        except OSError:
            pass
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
