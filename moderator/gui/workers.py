"""Long work off the GUI thread: a job on its own thread reports through queued signals.

A :class:`Job` runs a plain function ``work(progress, cancelled) -> result`` (plain data in,
plain data out; it never touches a widget or the session's SQLite connection). A
:class:`JobRunner` starts one job at a time: starting another cancels the previous one and bumps
a generation counter, so a stale job's late results are dropped instead of shown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from moderator.core import ModeratorError
from moderator.gui import background
from moderator.rules.scorer import Cancelled

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


class JobSignals(QObject):
    """Emitted from the worker thread; connected receivers run on their own (GUI) thread.

    Every signal carries the job's generation first, so receivers can drop stale ones.
    """

    progress = Signal(int, str, int, int)  # generation, stage, done, total
    finished = Signal(int, object)  # generation, result
    failed = Signal(int, str)  # generation, message for the user
    cancelled = Signal(int)


def describe_error(exc: BaseException) -> str:
    """A message for the user: the project's errors already name file and line."""
    if isinstance(exc, ModeratorError):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, ValueError | KeyError):
        return str(exc).strip("'\"")
    return f"{type(exc).__name__}: {exc}"


class Job:
    """One run of ``work`` on its own Python thread. It reports through the runner's
    :class:`JobSignals`, a QObject that lives as long as the runner: no Qt object is made or
    destroyed per job, so nothing is freed on the worker thread while Qt still uses it."""

    def __init__(self, work: Work, generation: int, signals: JobSignals) -> None:
        self.work = work
        self.generation = generation
        self.signals = signals
        self._cancel = threading.Event()
        self.thread = threading.Thread(target=self.run, name=f"moderator-job-{generation}",
                                       daemon=True)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.signals.progress.emit(self.generation, stage, done, total)

    def run(self) -> None:
        gen = self.generation
        background.job_started()  # see there: the GUI thread must keep running
        try:
            result = self.work(self._progress, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit(gen)
        except Exception as exc:  # reported to the user, never swallowed
            if not isinstance(exc, ModeratorError | OSError | ValueError):
                log.exception("background job failed")
            self.signals.failed.emit(gen, describe_error(exc))
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit(gen)
            else:
                self.signals.finished.emit(gen, result)
        finally:
            background.job_ended()


class JobRunner(QObject):
    """Runs one job at a time and forwards only the current generation's signals."""

    progress = Signal(str, int, int)  # stage, done, total
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = JobSignals(self)  # emitted from job threads, received here
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._generation = 0
        self._jobs: dict[int, Job] = {}  # alive until their last signal arrives
        self._threads: list[threading.Thread] = []  # started, maybe not yet ended

    @property
    def generation(self) -> int:
        return self._generation

    def is_busy(self) -> bool:
        return self._generation in self._jobs

    def start(self, work: Work) -> int:
        """Cancel the running job (its results will be dropped) and start ``work``."""
        self._stop_all()
        self._generation += 1
        job = Job(work, self._generation, self._signals)
        self._jobs[job.generation] = job
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(job.thread)
        job.thread.start()
        self.busy_changed.emit(True)
        return job.generation

    def _stop_all(self) -> None:
        for job in self._jobs.values():
            job.cancel()

    def cancel(self) -> None:
        """Stop the current job now: the window is free at once, and whatever the job still
        produces is dropped (it stops at its next check)."""
        self._stop_all()
        if self.is_busy():
            self._generation += 1
            self.busy_changed.emit(False)
            self.cancelled.emit()

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until every job has stopped (on quit, and in tests). False on time-out."""
        deadline = time.monotonic() + msecs / 1000
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self._threads = [t for t in self._threads if t.is_alive()]
        return not self._threads

    def _end(self, generation: int) -> bool:
        """Forget the job; True when it is the current one."""
        self._jobs.pop(generation, None)
        current = generation == self._generation
        if current:
            self.busy_changed.emit(False)
        return current

    @Slot(int, str, int, int)
    def _on_progress(self, generation: int, stage: str, done: int, total: int) -> None:
        if generation == self._generation and generation in self._jobs:
            self.progress.emit(stage, done, total)

    @Slot(int, object)
    def _on_finished(self, generation: int, result: object) -> None:
        if self._end(generation):
            self.finished.emit(result)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._end(generation):
            self.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, generation: int) -> None:
        if self._end(generation):
            self.cancelled.emit()
