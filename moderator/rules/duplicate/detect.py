"""Finding near-duplicate comments without comparing every pair.

Each comment is reduced to its lower-case words. Candidates come from an index of sampled word
3-shingles: a shingle is sampled when its first word is one of a fixed eighth of all words
(chosen by a stable hash), so two texts that are nearly the same share most of their sampled
shingles while the index stays an eighth of the size. Posting lists are scanned at their ends
only (the earliest and latest texts with that shingle), so a stock phrase shared by thousands of
comments costs little; the rarest few shingles of a text (those it shares only with its own
copies) are scanned whole. Each candidate pair is confirmed with rapidfuzz's ``fuzz.ratio`` on the
texts; ``fuzz.ratio`` measures the whole text, so a reply that quotes a sentence of another
comment and adds its own words scores low and is not a repost (``token_set_ratio`` would call it
one: it detects quoting, not reposting).

``benchmarks/bench_reposts.py`` measures the recall against comparing every pair.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

_SAMPLE_MASK = 7  # one word in eight anchors sampled shingles
_ENDS = 8  # posting-list entries scanned at each end of a common shingle's list
_RAREST = 3  # the rarest shingles of a text have their lists scanned whole ...
_FULL_SCAN = 400  # ... up to this many entries
_anchors: dict[str, bool] = {}  # word -> does it anchor a sampled shingle (stable: crc32)


@dataclass(frozen=True)
class Match:
    """``copy`` repeats ``original`` (the earliest of its cluster) at ``similarity`` percent."""

    copy: int
    original: int
    similarity: float


def _sampled_shingles(words: Sequence[str]) -> set[tuple[str, str, str]]:
    anchors = _anchors
    for word in words:
        if word not in anchors:
            anchors[word] = not zlib.crc32(word.encode("utf-8")) & _SAMPLE_MASK
    sampled = {(a, b, c) for a, b, c in zip(words, words[1:], words[2:], strict=False)
               if anchors[a]}
    if len(sampled) < 4:  # short texts: every shingle (they are few)
        sampled = set(zip(words, words[1:], words[2:], strict=False))
    return sampled


def find_reposts(words: Sequence[Sequence[str]], order: Sequence[int], *,
                 min_similarity: float = 85.0, min_words: int = 6) -> list[Match]:
    """Reposts among texts given as their lower-case word lists.

    ``order`` lists indexes from earliest to latest; the earliest copy of a cluster is its
    original and is never reported. Texts of fewer than ``min_words`` words ("Thanks!", "+1")
    are too short to call a repost.
    """
    canon = [" ".join(w) for w in words]
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    exact: dict[str, int] = {}
    root: dict[int, int] = {}  # text -> original of its cluster
    sizes: dict[int, int] = {}
    matches: list[Match] = []
    for i in order:
        w = words[i]
        if len(w) < min_words:
            continue
        text = canon[i]
        shingles = _sampled_shingles(w)
        best: tuple[float, int] | None = None
        j = exact.get(text)
        if j is not None:
            best = (100.0, j)
        else:
            counts: dict[int, int] = defaultdict(int)
            lists = sorted((p for p in map(index.get, shingles) if p), key=len)
            for rank, postings in enumerate(lists):
                if rank >= _RAREST and len(postings) > 2 * _ENDS:
                    postings = postings[:_ENDS] + postings[-_ENDS:]
                for j in postings[:_FULL_SCAN]:
                    counts[j] += 1
            need = max(1, len(shingles) // 2)
            for j, n in counts.items():
                if n < need or n * 2 < sizes[j]:
                    continue
                sim = fuzz.ratio(text, canon[j], score_cutoff=min_similarity)
                if sim and (best is None or sim > best[0] or (sim == best[0] and j < best[1])):
                    best = (sim, j)
        if best is not None:
            sim, j = best
            original = root.get(j, j)
            root[i] = original
            if original != j:
                sim = fuzz.ratio(text, canon[original]) or sim
            matches.append(Match(i, original, round(sim, 1)))
        else:
            exact.setdefault(text, i)
        sizes[i] = len(shingles)
        for s in shingles:
            index[s].append(i)
    return matches
