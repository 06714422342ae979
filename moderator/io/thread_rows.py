"""A scored thread's rows into a :class:`RowWriter`, a batch at a time, by two processes when
the thread is large: a forked copy makes the second half while this process makes the first
(the same bytes as one process writes)."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile

from moderator.core import Thread, ThreadScores
from moderator.io.export import comment_row
from moderator.io.rowstream import RowWriter

BATCH = 2_000  # rows made and written at a time
WRITE_FORK_MIN = 20_000  # comments: a thread this large has its rows made by 2 processes


def write_rows(rows_out: RowWriter, thread: Thread, scores: ThreadScores, flagged: bool, *,
               workers: int = 1) -> None:
    """The rows of a scored thread (only the flagged ones when ``flagged``), in thread order;
    made by two processes when ``workers`` > 1 and the thread is large."""
    comments = thread.comments
    half = len(comments) // 2
    if workers > 1 and len(comments) >= WRITE_FORK_MIN and hasattr(os, "fork"):
        if write_forked(rows_out, thread, scores, flagged, half):
            return
    write_range(rows_out, thread, scores, flagged, 0, len(comments))


def write_range(rows_out: RowWriter, thread: Thread, scores: ThreadScores, flagged: bool,
                start: int, stop: int) -> None:
    """The rows of comments ``start:stop``."""
    comments = thread.comments
    for at in range(start, stop, BATCH):
        rows = [comment_row(thread, c.id, scores.get(c.id), None)
                for c in comments[at:min(stop, at + BATCH)]]
        rows_out.write([r for r in rows if r["auto_flags"]] if flagged else rows)


def write_forked(rows_out: RowWriter, thread: Thread, scores: ThreadScores, flagged: bool,
                 half: int) -> bool:
    """Rows of a large thread made by two processes: a forked copy writes the second half
    into a temporary file while this one writes the first half; the file is then appended
    (the same bytes as one process writes). False, with nothing written, when no process
    could be forked; a child that failed leaves its half to be written here."""
    comments = thread.comments

    def counts(start: int, stop: int) -> tuple[int, int]:
        marked = sum(1 for c in comments[start:stop] if (s := scores.get(c.id)) and s.flags)
        return (marked if flagged else stop - start), marked

    try:
        fd, tmp = tempfile.mkstemp(prefix=".moderator-rows.", suffix=".part")
    except OSError:
        return False
    try:
        os.close(fd)
        try:
            pid = os.fork()
        except OSError:
            return False
        if pid == 0:  # the child: the second half into the file, then leave at once
            code = 1
            try:
                with open(tmp, "w", encoding="utf-8", newline="") as part:
                    rows_out.out = part
                    rows_out.written_elsewhere(*counts(0, half))
                    write_range(rows_out, thread, scores, flagged, half, len(comments))
                code = 0
            finally:
                os._exit(code)
        try:
            write_range(rows_out, thread, scores, flagged, 0, half)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        _pid, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            write_range(rows_out, thread, scores, flagged, half, len(comments))
            return True
        with open(tmp, encoding="utf-8", newline="") as part:
            shutil.copyfileobj(part, rows_out.out, 1 << 20)
        rows_out.written_elsewhere(*counts(half, len(comments)))
        return True
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
