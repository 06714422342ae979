"""Reposts at scale: the shingle-index candidates confirmed with rapidfuzz, against the
exhaustive answer (rapidfuzz ``fuzz.ratio`` on every earlier/later pair).

    python benchmarks/bench_reposts.py            # 10,000 comments (exhaustive: ~1.5 min)
    python benchmarks/bench_reposts.py --n 2000

Recall = the share of comments the exhaustive answer calls a repost (an earlier comment at
>= min_similarity, both of at least min_words words) that the fast method also finds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import build  # noqa: E402

from moderator.rules.duplicate.detect import find_reposts  # noqa: E402
from moderator.rules.text import words_of  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--min-similarity", type=float, default=85.0)
    ap.add_argument("--min-words", type=int, default=6)
    args = ap.parse_args()
    texts = [c["body"] for c in build(args.n)["comments"]]
    order = list(range(len(texts)))

    t0 = time.perf_counter()
    words = [words_of(t.lower()) for t in texts]
    fast = find_reposts(words, order, min_similarity=args.min_similarity,
                        min_words=args.min_words)
    t_fast = time.perf_counter() - t0
    found = {m.copy for m in fast}

    canon = [" ".join(w) for w in words]
    eligible = [i for i, c in enumerate(canon) if len(c.split()) >= args.min_words]
    t0 = time.perf_counter()
    truth: set[int] = set()
    for k in range(1, len(eligible)):  # every pair once: each comment against all earlier ones
        earlier = [canon[j] for j in eligible[:k]]
        if process.extractOne(canon[eligible[k]], earlier, scorer=fuzz.ratio,
                              score_cutoff=args.min_similarity) is not None:
            truth.add(eligible[k])
    t_all = time.perf_counter() - t0

    recall = len(found & truth) / len(truth) if truth else 1.0
    extra = len(found - truth)
    print(f"{args.n:,} comments; exhaustive: {len(truth)} reposts in {t_all:.1f} s; "
          f"shingle index + rapidfuzz: {len(found)} in {t_fast:.2f} s; recall {recall:.3f}; "
          f"{extra} found that the exhaustive answer does not have")


if __name__ == "__main__":
    main()
