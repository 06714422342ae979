"""Finding near-duplicate comments without comparing every pair.

Candidates come from an index of word 3-shingles (shingles shared by very many comments are
ignored: they are stock phrases, not reposts); each candidate pair is confirmed with rapidfuzz's
``fuzz.ratio`` on the normalised text. ``fuzz.ratio`` measures the whole text, so a reply that
quotes a sentence of another comment and adds its own words scores low and is not a repost
(``token_set_ratio`` would call it one: it detects quoting, not reposting).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """``copy`` repeats ``original`` (the earliest of its cluster) at ``similarity`` percent."""

    copy: int
    original: int
    similarity: float


def canonical(text: str) -> str:
    """Lower case words separated by single spaces: what 'the same text' means here."""
    return " ".join(_WORD.findall(text.lower()))


def find_reposts(texts: Sequence[str], order: Sequence[int], *, min_similarity: float = 85.0,
                 min_words: int = 6, max_postings: int = 50) -> list[Match]:
    """Reposts among ``texts``.

    ``order`` lists indexes of ``texts`` from earliest to latest; the earliest copy of a
    cluster is its original and is never reported. Texts of fewer than ``min_words`` words
    ("Thanks!", "+1") are too short to call a repost.
    """
    canon = [canonical(t) for t in texts]
    words = [c.split() for c in canon]
    index: dict[int, list[int]] = defaultdict(list)  # shingle hash -> earlier texts (by rank)
    exact: dict[str, int] = {}
    root: dict[int, int] = {}  # text -> original of its cluster
    matches: list[Match] = []
    for i in order:
        w = words[i]
        if len(w) < min_words:
            continue
        text = canon[i]
        shingles = {hash((w[k], w[k + 1], w[k + 2])) for k in range(len(w) - 2)}
        best: tuple[float, int] | None = None
        j = exact.get(text)
        if j is not None:
            best = (100.0, j)
        else:
            counts: dict[int, int] = defaultdict(int)
            for s in shingles:
                postings = index.get(s)
                if postings and len(postings) <= max_postings:
                    for j in postings:
                        counts[j] += 1
            need = max(1, int(len(shingles) * 0.3))
            for j, n in counts.items():
                if n < need or n * 3 < len(words[j]) - 2:
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
        for s in shingles:
            index[s].append(i)
    return matches
