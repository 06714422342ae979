"""Build realistic large threads from the bundled sample thread (real reader text).

Comments are resampled from the sentences of the sample's 49 comments, its article and the four
related articles, and perturbed (sentences recombined, a fifth of the words swapped, words
dropped, case changed), with planted reposts (same author and copied) and planted off-topic
posts, then written as a JSON thread file. Deterministic for a given seed.

    python benchmarks/generate.py 10000 -o /tmp/thread-10k.json
    python benchmarks/generate.py 200000 --threads 100 -o /tmp/threads.csv   # CSV, thread_id
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path

from moderator.io import load
from moderator.resources_access import resource

OFF_TOPIC = [
    "Check out my new channel, link in my profile, subscribe for daily videos!",
    "Does anyone know a good plumber in Doha? My kitchen sink has been leaking for a week.",
    "This song takes me back to summer 2009, still listening in 2016!",
    "Earn 500 dollars a day working from home, visit www.example-cash.biz now",
    "Funny, I posted a comment and it vanished. Why was I censored?",
    "Who else is here after watching the music video? Like if you agree",
]


def _sources() -> tuple[list[str], list[str], list[str]]:
    samples = resource("samples")
    comments, sentences, authors = [], [], []
    for entry in sorted(samples.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):  # a review session left beside a sample, say
            continue
        with_path = Path(str(entry))
        result = load(with_path)
        for t in result.threads:
            text = f"{t.article.title}\n{t.article.body}"
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40]
            for c in t.comments:
                if c.body.strip():
                    comments.append(c.body)
                    authors.append(c.author)
                    sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", c.body)
                                  if len(s) > 20]
    return comments, sentences, authors


def build(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    comments, sentences, authors = _sources()
    vocabulary = sorted({w for s in sentences for w in s.split()})

    def perturb(words: list[str], rate: float) -> list[str]:
        """Swap a share of the words for others from the same texts: real readers rarely
        write the same sentence twice, so neither do these."""
        return [rng.choice(vocabulary) if rng.random() < rate else w for w in words]

    out: list[dict] = []
    for i in range(n):
        cid = f"g{i + 1}"
        roll = rng.random()
        parent = ""
        if out and rng.random() < 0.45:
            parent = out[rng.randrange(max(0, len(out) - 50), len(out))]["id"]
        author = f"{rng.choice(authors)}{rng.randrange(500)}"
        if roll < 0.02 and out:  # same-author repost
            orig = out[rng.randrange(len(out))]
            body = " ".join(perturb(orig["body"].split(), 0.02)) + rng.choice(["", " ", "!"])
            author = orig["author"]
        elif roll < 0.03 and out:  # copied by someone else
            body = " ".join(perturb(out[rng.randrange(len(out))]["body"].split(), 0.03))
        elif roll < 0.05:
            body = rng.choice(OFF_TOPIC)
        else:
            parts = [rng.choice(sentences)]
            target = rng.randrange(300, 600)
            while sum(map(len, parts)) < target:
                parts.append(rng.choice(sentences))
            words = perturb(" ".join(parts).split(), 0.2)
            words = [w for w in words if rng.random() > 0.03]
            if rng.random() < 0.05:
                words = [w.upper() for w in words]
            body = " ".join(words)
        out.append({"id": cid, "parent_id": parent, "author": author,
                    "posted_at": f"2014-01-{4 + i * 20 // max(n, 1):02d}T{(i // 60) % 24:02d}:"
                                 f"{i % 60:02d}:00",
                    "body": body})
    return {"article": {"title": "Russia's amnesty (synthetic thread)", "url": "",
                        "body": " ".join(sentences[:40])},
            "comments": out}


def write_csv(path: str | Path, n: int, threads: int, seed: int = 7) -> None:
    """``n`` comments in ``threads`` threads of equal size, one after the other, as a CSV file
    with a ``thread_id`` column (a reply whose parent is in another thread starts one)."""
    comments = build(n, seed)["comments"]
    size = max(1, -(-n // max(1, threads)))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["thread_id", "id", "parent_id", "author", "posted_at", "body"])
        for k in range(0, n, size):
            block = comments[k:k + size]
            ids = {c["id"] for c in block}
            for c in block:
                parent = c["parent_id"] if c["parent_id"] in ids else ""
                w.writerow([f"t{k // size + 1}", c["id"], parent, c["author"], c["posted_at"],
                            c["body"]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=0,
                    help="write a CSV file of this many threads instead of a JSON thread")
    args = ap.parse_args()
    if args.threads:
        write_csv(args.output, args.n, args.threads, args.seed)
        print(f"wrote {args.n} comments in {args.threads} threads to {args.output}")
        return
    Path(args.output).write_text(json.dumps(build(args.n, args.seed)), encoding="utf-8")
    print(f"wrote {args.n} comments to {args.output}")


if __name__ == "__main__":
    main()
