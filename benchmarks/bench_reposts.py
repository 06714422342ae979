"""Reposts at scale: the shingle-index candidates confirmed with rapidfuzz, against the
exhaustive answer (rapidfuzz ``fuzz.ratio`` on every earlier/later pair).

    python benchmarks/bench_reposts.py            # 10,000 comments (exhaustive: a few min)
    python benchmarks/bench_reposts.py --n 2000

Recall = the share of comments the exhaustive answer calls a repost (an earlier comment at
>= min_similarity, both of at least min_words words) that the fast method also finds.

The exhaustive answer is kept in ``--cache`` (a folder; default: the system's temp folder) per
size, seed and parameters, so a second run after a change to the fast method takes seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build  # noqa: E402

from moderator.rules.duplicate.detect import find_reposts  # noqa: E402
from moderator.rules.text import words_of  # noqa: E402


def exhaustive(canon: list[str], min_words: int, min_similarity: float) -> set[int]:
    """Every comment with an earlier one at >= min_similarity (both long enough)."""
    eligible = [i for i, c in enumerate(canon) if len(c.split()) >= min_words]
    truth: set[int] = set()
    for k in range(1, len(eligible)):  # every pair once: each comment against all earlier ones
        earlier = [canon[j] for j in eligible[:k]]
        if process.extractOne(canon[eligible[k]], earlier, scorer=fuzz.ratio,
                              score_cutoff=min_similarity) is not None:
            truth.add(eligible[k])
    return truth


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-similarity", type=float, default=85.0)
    ap.add_argument("--min-words", type=int, default=6)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()),
                    help="folder for the exhaustive answer ('' to recompute it)")
    args = ap.parse_args()
    texts = [c["body"] for c in build(args.n, args.seed)["comments"]]
    order = list(range(len(texts)))
    words = [words_of(t.lower()) for t in texts]
    timings = []
    for _ in range(3):
        t0 = time.perf_counter()
        fast = find_reposts(words, order, min_similarity=args.min_similarity,
                            min_words=args.min_words)
        timings.append(time.perf_counter() - t0)
    t_fast = sorted(timings)[1]
    found = {m.copy for m in fast}
    canon = [" ".join(w) for w in words]
    name = f"reposts-truth-{args.n}-{args.seed}-{args.min_similarity}-{args.min_words}.json"
    cached = args.cache / name if str(args.cache) else None
    t0 = time.perf_counter()
    if cached is not None and cached.exists():
        truth = set(json.loads(cached.read_text()))
        how = "cached"
    else:
        truth = exhaustive(canon, args.min_words, args.min_similarity)
        how = f"{time.perf_counter() - t0:.1f} s"
        if cached is not None:
            cached.write_text(json.dumps(sorted(truth)))
    recall = len(found & truth) / len(truth) if truth else 1.0
    extra = len(found - truth)
    print(f"{args.n:,} comments; exhaustive: {len(truth)} reposts ({how}); "
          f"shingle index + rapidfuzz: {len(found)} in {t_fast:.3f} s "
          f"({t_fast / args.n * 1e6:.1f} us/comment, median of 3); recall {recall:.3f}; "
          f"{extra} found that the exhaustive answer does not have")


if __name__ == "__main__":
    main()
