"""Time loading and scoring a large thread, per category and all together, exporting the
decisions file (CSV, JSON), and the command line end to end (``moderator score FILE -o
out.csv``: load, score, write) with its peak memory.

    python benchmarks/bench_engine.py                    # 10,000 comments
    python benchmarks/bench_engine.py --n 100000 --repeat 1
    python benchmarks/bench_engine.py --no-cli           # in-process figures only
    python benchmarks/bench_engine.py --cli-only --n 100000
    python benchmarks/bench_engine.py --workers 2        # in-process figures in 2 processes
    python benchmarks/bench_engine.py --cli-only --file threads.csv   # any thread file

Run by hand; figures go in the README (medians of --repeat runs, and the best run). Never a
timing assert. Other work on the machine makes the numbers noisy: the load average is printed
with them, and so is the time a fixed Python loop takes before and after (``probe``): on a
shared virtual machine the same work can take twice as long from one minute to the next.
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
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build  # noqa: E402

from moderator import compiled  # noqa: E402
from moderator.core import Category  # noqa: E402
from moderator.io import load  # noqa: E402
from moderator.io.export import export  # noqa: E402
from moderator.rules.config import load_config  # noqa: E402
from moderator.rules.registry import rule_classes  # noqa: E402
from moderator.rules.scorer import Scorer  # noqa: E402


def only(config, category: Category | None):
    if category is None:
        return config
    ids = {c.id for c in rule_classes() if c.category is category}
    rules = {rid: (s if rid in ids else replace(s, enabled=False))
             for rid, s in config.rules.items()}
    return replace(config, rules=rules)


def times_of(fn, repeat: int) -> tuple[float, float]:
    """Median and best wall time of ``repeat`` runs (the best is the least disturbed by other
    work on a shared machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def rate(label: str, n: int, times: tuple[float, float]) -> str:
    median, best = times
    return (f"{label:<12} {median:7.3f} s  {n / median:>10,.0f} comments/s  "
            f"(best {n / best:,.0f})")


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _loop() -> float:
    t0 = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t0


def probe() -> str:
    """The seconds a fixed pure-Python loop (5 million additions) takes now, alone and run by
    two processes at once: the machine's speed at the moment, to read the other figures by
    (lower is quicker; two at once as quick as one alone when both cores are there)."""
    alone = _loop()
    if not hasattr(os, "fork"):
        return f"{alone:.2f} s"
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _loop()
        os._exit(0)
    _loop()
    os.waitpid(pid, 0)
    return f"{alone:.2f} s alone, {time.perf_counter() - t0:.2f} s two at once"


def run_cli(path: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one ``moderator score`` process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "moderator", "score", str(path),
                             "-o", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"moderator score failed ({proc.returncode}): {err}")
    return seconds, usage.ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file", type=Path, help="a thread file instead of a generated one")
    ap.add_argument("--no-cli", action="store_true", help="skip the command-line run")
    ap.add_argument("--cli-only", action="store_true", help="only the command-line run")
    ap.add_argument("--workers", type=int, default=1,
                    help="processes for the in-process figures (the command line forks a "
                         "second one for a large thread when it has 2 cores)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file
        if path is None:
            path = Path(tmp) / f"thread-{args.n}.json"
            path.write_text(json.dumps(build(args.n)), encoding="utf-8")
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {os.cpu_count()} cores, "
              f"Python {sys.version.split()[0]}, load average {load_average()}")
        print("rules: " + ("compiled (mypyc)" if compiled.active() else
                           f"Python source (compiled: {compiled.state()})"))
        print(f"probe (a fixed Python loop, lower is quicker): {probe()}")
        if not args.cli_only:
            t_load = times_of(lambda: load(path), args.repeat)
            loaded = load(path)
            n = loaded.comment_count
            print(rate("load", n, t_load))
            config = load_config()
            for cat in (Category.INSULT, Category.OFF_TOPIC, Category.DUPLICATE, None):
                scorer = Scorer(only(config, cat))

                def score_all(s: Scorer = scorer) -> None:
                    for thread in loaded.threads:
                        s.score_thread(thread, workers=args.workers)

                print(rate(cat.value if cat else "all three", n, times_of(score_all, args.repeat)))
            scores = {th.id: scorer.score_thread(th) for th in loaded.threads}
            for fmt in ("csv", "json"):
                out = Path(tmp) / f"decisions.{fmt}"

                def write(o: Path = out) -> None:
                    export(o, loaded.threads, scores, {})

                print(rate("export " + fmt, n, times_of(write, args.repeat)))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{'peak memory':<12} {peak:7.0f} MB (this process, all of the above)")
        if not args.no_cli:
            runs = [run_cli(path, Path(tmp) / "out.csv") for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(f"{'cli score':<12} {seconds:7.3f} s  peak {peak:,.0f} MB  "
                  f"(moderator score FILE -o out.csv, median of {len(runs)}; "
                  f"load average now {load_average()})")
        print(f"probe now: {probe()}")


if __name__ == "__main__":
    main()
