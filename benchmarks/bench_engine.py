"""Time loading and scoring a large thread, per category and all together.

    python benchmarks/bench_engine.py            # 10,000 comments
    python benchmarks/bench_engine.py --n 100000

Run by hand; figures go in the README (medians of --repeat runs). Never a timing assert.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build  # noqa: E402

from moderator.core import Category  # noqa: E402
from moderator.io import load  # noqa: E402
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


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import json

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"thread-{args.n}.json"
        path.write_text(json.dumps(build(args.n)), encoding="utf-8")
        print(f"{args.n:,} comments, {path.stat().st_size / 1e6:.1f} MB JSON, "
              f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
        t_load = median_time(lambda: load(path), args.repeat)
        thread = load(path).threads[0]
        print(f"{'load':<12} {t_load:7.3f} s  {args.n / t_load:>10,.0f} comments/s")
        config = load_config()
        for cat in (Category.INSULT, Category.OFF_TOPIC, Category.DUPLICATE, None):
            scorer = Scorer(only(config, cat))
            t = median_time(lambda s=scorer: s.score_thread(thread), args.repeat)
            name = cat.value if cat else "all three"
            print(f"{name:<12} {t:7.3f} s  {args.n / t:>10,.0f} comments/s")


if __name__ == "__main__":
    main()
