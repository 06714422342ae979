"""Runs the rules over a thread and combines their points into category scores and flags.

A category's score is the sum of its rules' points, capped at 100; amplifier rules count only
when a non-amplifier rule of the same category fired. A comment is flagged in a category when
its score reaches the category's threshold. Deterministic: same input and rules, same output.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from moderator.core import Category, CommentScore, Hit, Thread, ThreadScores
from moderator.rules.base import RuleSet, ThreadContext
from moderator.rules.config import RulesConfig, load_config
from moderator.rules.custom import PatternRule
from moderator.rules.plan import amplified, plan, run_steps, steps_of
from moderator.rules.processes import FAILED, can_fork, in_two, words_forked
from moderator.rules.registry import build_ruleset

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Scoring was cancelled by the caller."""


_CATEGORIES = tuple(Category)
_NO_FLAGS: frozenset[Category] = frozenset()
# Copied, not built: a copy does not hash the categories again (an enum hashes in Python).
_ZEROS: dict[Category, int] = dict.fromkeys(_CATEGORIES, 0)


def combine(hits: list[Hit], amplifiers: set[str], thresholds: dict[Category, int],
            comment_id: str) -> CommentScore:
    """Category scores and flags from one comment's hits."""
    if not hits:  # most comments
        return CommentScore(comment_id, (), _ZEROS.copy(), _NO_FLAGS)
    points = _ZEROS.copy()
    real: set[Category] = set()  # categories where a non-amplifier rule fired
    for h in hits:
        points[h.category] += h.points
        if h.rule_id not in amplifiers:
            real.add(h.category)
    scores = {c: min(100, points[c]) if c in real else 0 for c in _CATEGORIES}
    kept = tuple(h for h in hits if scores[h.category] > 0)
    flags = frozenset(c for c, s in scores.items() if s > 0 and s >= thresholds[c])
    return CommentScore(comment_id, kept, scores, flags)


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while scoring: a thread of 100,000 comments makes millions
    of small objects, and each collection would walk them all again. Reference counting still
    frees what is dropped. Nested and concurrent pauses (the GUI scores in a worker thread)
    count: the last one out restores the collector's state as the first one in found it."""
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def allowlist_pattern(phrases: frozenset[str]) -> re.Pattern | None:
    """Whole-word, any-case matcher of the allowlist (phrases may span several spaces)."""
    if not phrases:
        return None
    alts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


def drop_allowed(hits: list[Hit], body: str, allowed: re.Pattern) -> list[Hit]:
    """Hits whose every evidence span lies inside an allowlisted word or phrase are dropped:
    what the moderator allowed never counts."""
    regions = [m.span() for m in allowed.finditer(body)]
    if not regions:
        return hits

    def covered(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in regions)

    return [h for h in hits
            if not h.spans or not all(covered(sp.start, sp.end) for sp in h.spans)]


class Scorer:
    """Scores threads with one rules configuration."""

    def __init__(self, config: RulesConfig | None = None) -> None:
        self.config = config if config is not None else load_config()
        self.ruleset: RuleSet = build_ruleset(self.config)
        self._amplifiers = {r.id for r in self.ruleset.comment_rules if r.amplifier}
        self._plan = plan(self.ruleset)
        self._allowed = allowlist_pattern(self.config.lexicon.allowlist)

    def score_thread(self, thread: Thread, progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None, *,
                     workers: int = 1) -> ThreadScores:
        """Scores of every comment. ``workers=2`` checks the second half of a large thread
        in a forked process (where the platform forks; the result is the same)."""
        with gc_paused():
            return self._score(thread, progress, cancelled, workers)

    def _score(self, thread: Thread, progress: Progress | None,
               cancelled: Callable[[], bool] | None, workers: int) -> ThreadScores:
        tctx = ThreadContext(thread)
        rules = self.ruleset.comment_rules
        comments = thread.comments
        total = len(comments)
        forking = workers > 1 and total >= PARALLEL_MIN and can_fork()
        digests = [(r.id, d) for r in (*rules, *self.ruleset.thread_rules)
                   if (d := r.digest()) is not None]
        if forking and (digests or self.ruleset.thread_rules):
            # something needs every comment's words before any comment is checked: the two
            # processes find them first. Otherwise each checking process finds the words of
            # the comments it checks, and none are sent between them.
            words_forked(tctx, digests)
        for rule in (*rules, *self.ruleset.thread_rules):
            rule.prepare(tctx)
        shared = None
        if forking and rules:
            shared = self._check_forked(tctx, progress, cancelled)
        if shared is not None:
            found, thread_hits = shared
        else:
            found = self._check(tctx, 0, total, progress, cancelled)
            thread_hits = None
        hits = {c.id: f for c, f in zip(comments, found, strict=True)}
        if thread_hits is None:
            thread_hits = []
            for trule in self.ruleset.thread_rules:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                thread_hits.append(trule.check_thread(tctx))
        for by_id in thread_hits:
            for cid, h in by_id.items():
                hits[cid].append(h)
        if progress is not None:
            progress(total, total)
        amplifiers, thresholds = self._amplifiers, self.config.thresholds
        by_comment = {cid: combine(found, amplifiers, thresholds, cid)
                      for cid, found in hits.items()}
        notes = []
        for rule in rules:
            if isinstance(rule, PatternRule) and rule.timeouts:
                notes.append(f"{rule.id} ran past its time limit on {len(rule.timeouts)} "
                             f"comment(s) and skipped them: {', '.join(rule.timeouts[:5])}")
                rule.timeouts.clear()
        return ThreadScores(thread.id, by_comment, dict(self.config.thresholds), tuple(notes))

    def _check(self, tctx: ThreadContext, start: int, stop: int, progress: Progress | None,
               cancelled: Callable[[], bool] | None, scale: int = 1) -> list[list[Hit]]:
        """The per-comment rules' hits on comments ``start:stop``, in thread order."""
        runs = [steps_of(rules) for rules in self._plan[0]]
        later = self._plan[1]
        steps = runs[-1] if not later else []
        total = len(tctx.thread.comments)
        every = max(1, total // (100 * scale))
        allowed = self._allowed
        context, release = tctx.context, tctx.release
        out: list[list[Hit]] = []
        for i in range(start, stop):
            if i % every == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(i * scale, total)
            comment = tctx.thread.comments[i]
            ctx = context(comment)
            found: list[Hit] = []
            if later:
                marks = []
                for run in runs:
                    run_steps(run, ctx, found)
                    marks.append(len(found))
                if found:
                    found = amplified(found, marks, later, ctx)
            else:
                run_steps(steps, ctx, found)
            if found and allowed is not None:
                found = drop_allowed(found, comment.body, allowed)
            out.append(found)
            release()
        return out

    def _check_forked(self, tctx: ThreadContext, progress: Progress | None,
                      cancelled: Callable[[], bool] | None
                      ) -> tuple[list[list[Hit]], list[dict[str, Hit]]] | None:
        """Two processes share the work: a forked copy of this one (which has the prepared
        thread already) runs the thread rules, then both take chunks of comments from a shared
        counter until none are left; the child's results come back pickled through a pipe.
        ``None`` when no process could be forked."""
        comments = tctx.thread.comments
        total = len(comments)
        chunks = list(range(0, total, _CHUNK))
        patterns = [r for r in self.ruleset.comment_rules if isinstance(r, PatternRule)]
        try:
            claimed = multiprocessing.get_context("fork").Value("q", 0)
        except OSError:
            return None

        def theirs() -> tuple[list[dict[str, Hit]], dict[int, _Chunk]]:
            thread_hits = [r.check_thread(tctx) for r in self.ruleset.thread_rules]
            return thread_hits, self._chunks(tctx, claimed, chunks, patterns, None)

        shared = in_two(theirs, lambda: self._chunks(tctx, claimed, chunks, patterns,
                                                       cancelled, progress))
        if shared is None:
            return None
        done, sent = shared
        thread_hits, theirs_done = (None, {}) if sent is FAILED else sent
        done.update(theirs_done)
        for start in chunks:  # what a failed child left undone
            if start not in done:
                done[start] = self._chunk(tctx, start, patterns)
        found: list[list[Hit]] = []
        for start in chunks:  # thread order, and timeouts as one process would list them
            hits, skipped = done[start]
            found += hits
            for rule, ids in zip(patterns, skipped, strict=True):
                rule.timeouts.extend(ids)
        if thread_hits is None:
            thread_hits = [r.check_thread(tctx) for r in self.ruleset.thread_rules]
        return found, thread_hits

    def _chunks(self, tctx: ThreadContext, claimed: Any, chunks: list[int],
                patterns: list[PatternRule], cancelled: Callable[[], bool] | None,
                progress: Progress | None = None) -> dict[int, _Chunk]:
        """Chunks of comments taken from the shared counter until none are left."""
        total = len(tctx.thread.comments)
        done: dict[int, _Chunk] = {}
        while True:
            with claimed.get_lock():
                n = claimed.value
                claimed.value = n + 1
            if n >= len(chunks):
                return done
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(min(total, n * _CHUNK), total)
            done[chunks[n]] = self._chunk(tctx, chunks[n], patterns)

    def _chunk(self, tctx: ThreadContext, start: int, patterns: list[PatternRule]) -> _Chunk:
        """Hits of comments ``start:start + _CHUNK``, and the ids each pattern skipped."""
        before = [len(r.timeouts) for r in patterns]
        stop = min(start + _CHUNK, len(tctx.thread.comments))
        hits = self._check(tctx, start, stop, None, None)
        skipped = [r.timeouts[n:] for r, n in zip(patterns, before, strict=True)]
        for r, n in zip(patterns, before, strict=True):
            del r.timeouts[n:]
        return hits, skipped


_Chunk = tuple[list[list[Hit]], list[list[str]]]
_CHUNK = 500  # comments taken at a time by each process
PARALLEL_MIN = 5_000  # comments: below this a forked process costs more than it saves


