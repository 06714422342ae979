"""Finding near-duplicate comments without comparing every pair.

Each comment is reduced to its lower-case words. An exact copy (the same words) is found by a
hash of its words. For the others, candidates come from an index of sampled keys: a key is
five words in a row starting at a long word (9 letters or more; 7 in a text with few of those;
every run of five in a text with few of either). Sampling by length is content-defined, so a
word inserted or dropped moves no other key, and it costs one ``len`` per word instead of a
hash; each tier's keys include the tier before's, so a copy and its original meet whichever
tier each falls in. Five words in a row are rarely shared by chance, but a copy shares most of
its original's keys: the words its author changed touch only the keys around them.

Each key keeps only the earliest ``_POSTINGS`` texts that have it, so a stock phrase shared by
thousands of comments costs no more than a rare one, and memory stays bounded. A candidate must
share at least ``_SHARE`` of the smaller text's keys; the best ``_VERIFY`` of them are
confirmed with rapidfuzz's ``fuzz.ratio`` on the texts. ``fuzz.ratio`` measures the whole text,
so a reply that quotes a sentence of another comment and adds its own words scores low and is
not a repost (``token_set_ratio`` would call it one: it detects quoting, not reposting).

``benchmarks/bench_reposts.py`` measures the recall against comparing every pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress

from rapidfuzz import fuzz

_KEY_WORDS = 5  # a key: this many words in a row ...
_ANCHOR_LENGTHS = (9, 7)  # ... starting at a word of at least this many characters, or this
_MIN_KEYS = 3  # a text with fewer long words than this keys every run of _KEY_WORDS words
_POSTINGS = 4  # the earliest texts remembered per key
_SHARE = 0.34  # a candidate shares at least this share of the smaller text's keys
_VERIFY = 3  # candidates confirmed with fuzz.ratio, most keys shared first
_LONG = tuple(bytes(int(n >= length) for n in range(256)) for length in _ANCHOR_LENGTHS)


@dataclass(frozen=True)
class Match:
    """``copy`` repeats ``original`` (the earliest of its cluster) at ``similarity`` percent."""

    copy: int
    original: int
    similarity: float


def sampled_keys(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The keys of a text: runs of ``_KEY_WORDS`` words that start at a long word (every run,
    when the text has fewer than ``_MIN_KEYS`` long words; the whole text when it is
    shorter than one run)."""
    n = len(words)
    if n <= _KEY_WORDS:
        return {tuple(words)}
    last = n - _KEY_WORDS + 1
    try:
        lengths = bytes(map(len, words))
    except ValueError:  # a word of 256 characters or more
        lengths = bytes(min(255, len(w)) for w in words)
    starts: Sequence[int] = range(last)
    for table in _LONG:  # each tier's starts include the one before's: copies still meet
        found = list(compress(range(last), lengths.translate(table)))
        if len(found) >= _MIN_KEYS:
            starts = found
            break
    w = words
    return {(w[p], w[p + 1], w[p + 2], w[p + 3], w[p + 4]) for p in starts}


def find_reposts(words: Sequence[Sequence[str]], order: Sequence[int], *,
                 min_similarity: float = 85.0, min_words: int = 6) -> list[Match]:
    """Reposts among texts given as their lower-case word lists.

    ``order`` lists indexes from earliest to latest; the earliest copy of a cluster is its
    original and is never reported. Texts of fewer than ``min_words`` words ("Thanks!", "+1")
    are too short to call a repost.
    """
    exact: dict[int, int] = {}  # hash of a text's words -> its first index
    index: dict[tuple[str, ...], int | list[int]] = {}  # key -> earliest texts with it
    sizes = [0] * len(words)  # number of keys of each indexed text
    root: dict[int, int] = {}  # copy -> original of its cluster
    canon: dict[int, str] = {}  # the texts compared so far, as one string each
    matches: list[Match] = []

    def text(i: int) -> str:
        t = canon.get(i)
        if t is None:
            t = canon[i] = " ".join(words[i])
        return t

    for i in order:
        w = words[i]
        if len(w) < min_words:
            continue
        h = hash(tuple(w))
        j = exact.get(h)
        if j is not None and words[j] == w:  # the same words again: no index work
            original = root.get(j, j)
            root[i] = original
            sim = 100.0 if original == j else fuzz.ratio(text(i), text(original)) or 100.0
            matches.append(Match(i, original, round(sim, 1)))
            continue
        exact.setdefault(h, i)
        keys = sampled_keys(w)
        counts: dict[int, int] = {}
        get = counts.get
        for key in keys:
            p = index.get(key)
            if p is None:
                index[key] = i
            elif isinstance(p, int):
                counts[p] = get(p, 0) + 1
                index[key] = [p, i]
            else:
                for j in p:
                    counts[j] = get(j, 0) + 1
                if len(p) < _POSTINGS:
                    p.append(i)
        n = sizes[i] = len(keys)
        if not counts:
            continue
        need = _SHARE * n
        candidates = [(-c, j) for j, c in counts.items() if c >= need or c >= _SHARE * sizes[j]]
        if len(candidates) > 1:
            candidates.sort()
            del candidates[_VERIFY:]
        best: tuple[float, int] | None = None
        for _, j in candidates:
            sim = fuzz.ratio(text(i), text(j), score_cutoff=min_similarity)
            if sim and (best is None or sim > best[0] or (sim == best[0] and j < best[1])):
                best = (sim, j)
        if best is not None:
            sim, j = best
            original = root.get(j, j)
            root[i] = original
            if original != j:
                sim = fuzz.ratio(text(i), text(original)) or sim
            matches.append(Match(i, original, round(sim, 1)))
    return matches
