"""How background jobs share the Python interpreter with the GUI thread without freezing it.

Two things stop the GUI thread while a job runs Python code, both measured on a thread of
10,000-100,000 comments:

* The GIL hand-off. PySide takes the GIL for every call from Qt into Python (a model's
  ``data()``, ``flags()``, a proxy's override check) and gives it back after. With a job
  computing, each of those calls waited for the job to let go of the GIL: up to the switch
  interval, 5 ms by default. Painting the queue makes hundreds of such calls: 2 s freezes.
  While jobs run the interval is :data:`SWITCH_INTERVAL` (the job is interrupted only when the
  GUI thread asks for the GIL).
* Full garbage collections walk every object with the GIL held: 0.8-1.3 s each while scoring
  100,000 comments (1.8 million objects), several times. While jobs run, automatic collection
  is off (reference counting frees memory as usual). When the last job ends, what survived
  (the threads and scores: long-lived data) is frozen with :func:`gc.freeze`, so later
  collections never walk it again, and collection resumes for new objects. This relies on the
  engine leaving no reference cycles behind (see ``ThreadContext`` in ``moderator.rules.base``).
"""

from __future__ import annotations

import gc
import sys
import threading

SWITCH_INTERVAL = 0.00002  # seconds

_lock = threading.Lock()
_depth = 0
_collecting = False
_interval = 0.005


def job_started() -> None:
    """A job starts (any thread)."""
    global _depth, _collecting, _interval
    with _lock:
        if _depth == 0:
            _collecting = gc.isenabled()
            gc.disable()
            _interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
        _depth += 1


def job_ended() -> None:
    """A job ended (any thread); the last one out puts things back."""
    global _depth
    with _lock:
        _depth = max(0, _depth - 1)
        if _depth == 0:
            sys.setswitchinterval(_interval)
            if _collecting:
                gc.freeze()
                gc.enable()


def jobs_running() -> bool:
    with _lock:
        return _depth > 0
