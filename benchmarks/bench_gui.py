"""Time the desktop app on a large thread, offscreen: what a moderator waits for.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py                 # 10,000 and 100,000
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py --n 10000 --repeat 5

For each size it generates a thread (``generate.build``, written as JSON to a temporary folder),
opens it in the app's :class:`MainWindow` (rules panel shown) and measures:

* first rows: from asking to open the file to the first event-loop turn with rows in the queue;
* scored: until the queue is sorted by priority and decisions are open;
* longest stall: the biggest gap between ticks of a 10 ms timer, from asking to open until half a
  second after scoring (the window repaints and answers between ticks; a gap is a freeze);
* GUI time on arrival: the GUI thread's work when the load result (session opened, models
  built) and the scores arrive;
* threshold move: ``set_threshold`` until the next timer tick (re-flagged, queue and counts
  updated, repainted), in queue order and sorted by the Flags column with the Flagged filter;
* decision: accepting the current comment until the counts are updated (median and worst of 20).

Each run is a fresh process; the table shows medians of ``--repeat`` runs. Run by hand, never
a timing assert. The machine has 2 cores and others run tests on it: the load average is shown.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TICK_MS = 10
ROWS = [("first rows visible", "first_rows", "s"), ("scored, queue sorted", "scored", "s"),
        ("longest stall loading+scoring", "stall", "ms"),
        ("GUI time: session + models", "gui_open", "ms"),
        ("GUI time: scores in", "gui_scores", "ms"),
        ("threshold move (queue order)", "threshold", "ms"),
        ("  comments re-flagged", "reflagged", ""),
        ("threshold move (Flagged, by Flags)", "threshold_sorted", "ms"),
        ("decision, median of 20", "decision", "ms"),
        ("decision, worst of 20", "decision_max", "ms"),
        ("peak memory", "rss", "MB"),
        ("peak memory, scoring process", "rss_child", "MB")]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def thread_file(n: int, folder: Path) -> Path:
    from generate import build

    path = folder / f"thread-{n}.json"
    if not path.exists():
        path.write_text(json.dumps(build(n)), encoding="utf-8")
    return path


def run_once(path: Path, work: Path) -> dict[str, float]:  # noqa: PLR0915 - one scenario
    from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from moderator.core import Category
    from moderator.gui.controller import ReviewController
    from moderator.gui.jobs import Loaded, Rescored
    from moderator.gui.main_window import MainWindow
    from moderator.gui.queue_model import Column
    from moderator.gui.settings import AppSettings
    from moderator.gui.status import CategoryFilter

    app = QApplication.instance() or QApplication([])
    out: dict[str, float] = {}

    class TimedController(ReviewController):
        def _on_job_done(self, result: object) -> None:
            t = time.perf_counter()
            super()._on_job_done(result)
            name = "gui_open" if isinstance(result, Loaded) else \
                "gui_scores" if isinstance(result, Rescored) else ""
            if name:
                out[name] = max(out.get(name, 0.0), (time.perf_counter() - t) * 1000)

    settings = AppSettings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(settings, TimedController(settings.reviewer()))
    window.resize(1400, 900)
    window.show()
    if hasattr(window, "rules_dock"):
        window.rules_dock.show()
    ctl = window.controller
    ticks: list[float] = []
    clock = QElapsedTimer()

    def tick() -> None:
        ticks.append(clock.nsecsElapsed() / 1e9)
        if "first_rows" not in out and window.queue.proxy.rowCount() > 0:
            out["first_rows"] = ticks[-1]

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)

    def wait_until(done, timeout: float = 600.0) -> None:
        end = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > end:
                raise TimeoutError("the app did not finish in time")
            app.processEvents()
            time.sleep(0.001)

    def max_gap(since: float) -> float:
        times = [t for t in ticks if t >= since]
        return max((b - a for a, b in zip(times, times[1:], strict=False)), default=0.0)

    def settle(seconds: float) -> None:
        end = time.perf_counter() + seconds
        wait_until(lambda: time.perf_counter() > end)

    def next_tick_after(call) -> float:
        """Seconds from calling ``call`` to the next timer tick (the loop free again)."""
        before = len(ticks)
        t = clock.nsecsElapsed() / 1e9
        call()
        wait_until(lambda: len(ticks) > before and ticks[-1] > t)
        return ticks[-1] - t

    shown = time.perf_counter() + 0.5  # the window's first paint is not part of loading
    while time.perf_counter() < shown:
        app.processEvents()
        time.sleep(0.001)
    clock.start()
    timer.start(TICK_MS)
    window.open_path(path, session_path=str(work / "session.sqlite"))
    wait_until(lambda: ctl.is_scored() and not ctl.is_busy())
    out["scored"] = clock.nsecsElapsed() / 1e9
    settle(0.5)
    out["stall"] = max_gap(0.0) * 1000

    category = Category.INSULT
    old = ctl.rules_config().thresholds[category]
    flagged_before = ctl.counts()[2]
    out["threshold"] = next_tick_after(lambda: ctl.set_threshold(category, old - 20)) * 1000
    out["reflagged"] = abs(ctl.counts()[2] - flagged_before)
    settle(0.2)
    window.queue.set_category_filter(CategoryFilter.FLAGGED)
    window.queue.view.sortByColumn(Column.FLAGS, Qt.SortOrder.DescendingOrder)
    settle(0.2)
    out["threshold_sorted"] = next_tick_after(lambda: ctl.set_threshold(category, old)) * 1000
    window.queue.set_category_filter(CategoryFilter.ALL)
    window.queue.view.sortByColumn(Column.PRIORITY, Qt.SortOrder.DescendingOrder)
    settle(0.2)

    window.queue.select_row(0)
    times = []
    for _ in range(20):
        reviewed = ctl.counts()[0]
        t = time.perf_counter()
        window.flow.accept()
        times.append((time.perf_counter() - t) * 1000)
        assert ctl.counts()[0] == reviewed + 1, "the accept was counted"
        app.processEvents()
    out["decision"] = statistics.median(times)
    out["decision_max"] = max(times)
    out["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["rss_child"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    timer.stop()
    window.close()
    return out


def _rules_state() -> str:
    from moderator import compiled

    if os.environ.get(compiled.PURE_ENV, "") not in ("", "0"):
        return "from source (MODERATOR_PURE)"
    found = compiled.state()
    return ("compiled in the scoring process (the window's own from source)"
            if found == "current" else f"from source (compiled: {found})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a single run, JSON out
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        folder = Path(args.folder)
        with tempfile.TemporaryDirectory() as work:
            print(json.dumps(run_once(thread_file(args.one, folder), Path(work))))
        return

    results: dict[int, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in args.n:
            thread_file(n, Path(folder))
            for _ in range(args.repeat):
                run = subprocess.run([sys.executable, __file__, "--one", str(n),
                                      "--folder", folder], capture_output=True, text=True,
                                     check=True)
                results.setdefault(n, []).append(json.loads(run.stdout.strip().splitlines()[-1]))
                print(f"  {n:>7,} comments: run {len(results[n])} done "
                      f"(load average {load_average()})", file=sys.stderr)
    print(f"\nmoderator GUI, offscreen, {os.cpu_count()} CPUs, load average {load_average()}, "
          f"medians of {args.repeat} run(s), rules {_rules_state()}\n")
    head = f"{'':38}" + "".join(f"{n:>14,}" for n in args.n)
    print(head)
    print("-" * len(head))
    for label, key, unit in ROWS:
        cells = []
        for n in args.n:
            values = [r[key] for r in results[n] if key in r]
            value = statistics.median(values) if values else float("nan")
            digits = 2 if unit == "s" else 0
            cells.append(f"{value:>11.{digits}f} {unit:<2}")
        print(f"{label:38}" + "".join(cells))


if __name__ == "__main__":
    main()
