"""Runs the rules over a thread and combines their points into category scores and flags.

A category's score is the sum of its rules' points, capped at 100; amplifier rules count only
when a non-amplifier rule of the same category fired. A comment is flagged in a category when
its score reaches the category's threshold. Deterministic: same input and rules, same output.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from moderator.core import Category, CommentScore, Hit, Thread, ThreadScores
from moderator.rules.base import CommentContext, Rule, RuleSet, ThreadContext
from moderator.rules.config import RulesConfig, load_config
from moderator.rules.custom import PatternRule
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
        self._plan = _plan(self.ruleset)
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
        forking = workers > 1 and total >= PARALLEL_MIN and _can_fork()
        digests = [(r.id, d) for r in (*rules, *self.ruleset.thread_rules)
                   if (d := r.digest()) is not None]
        if forking and (digests or self.ruleset.thread_rules):
            # something needs every comment's words before any comment is checked: the two
            # processes find them first. Otherwise each checking process finds the words of
            # the comments it checks, and none are sent between them.
            _words_forked(tctx, digests)
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
        runs = [_steps(run) for run in self._plan[0]]
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
            found = []
            if later:
                marks = []
                for run in runs:
                    _run(run, ctx, found)
                    marks.append(len(found))
                if found:
                    found = _amplified(found, marks, later, ctx)
            else:
                _run(steps, ctx, found)
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


# Rules checked together: those that share a screen (see Rule.screen), each with its bit, or
# one rule alone (no screen, bit 0).
_Step = tuple[Any, list[tuple[int, Callable[[CommentContext], Hit | None]]]]


def _steps(rules: list[Rule]) -> list[_Step]:
    """Rules in order, those next to each other that share a screen taken together: the
    screen is asked once per comment, and a rule whose bit it lacks is not called."""
    steps: list[_Step] = []
    for rule in rules:
        screened = rule.screen()
        scr, bit = screened if screened is not None else (None, 0)
        if scr is not None and steps and steps[-1][0] is scr:
            steps[-1][1].append((bit, rule.check))
        else:
            steps.append((scr, [(bit, rule.check)]))
    return steps


def _run(steps: list[_Step], ctx: CommentContext, found: list[Hit]) -> None:
    """The hits of the rules of ``steps`` on one comment, appended to ``found`` in order."""
    for scr, rules in steps:
        if scr is None:
            h = rules[0][1](ctx)
            if h is not None:
                found.append(h)
            continue
        mask = scr.mask(ctx)
        if mask:
            for bit, check in rules:
                if mask & bit:
                    h = check(ctx)
                    if h is not None:
                        found.append(h)


def _plan(ruleset: RuleSet) -> tuple[list[list[Rule]], list[Rule]]:
    """The per-comment rules in runs, and the amplifiers left for later, one after each run
    but the last: an amplifier counts only beside a non-amplifier hit of its category
    (:func:`combine`), so it is checked only on the comments that have one, and its hit then
    takes its rule's place among the hits. An amplifier whose category has a thread rule is
    not left: a thread rule's hit, found later, may be the one it counts beside."""
    by_thread = {r.category for r in ruleset.thread_rules}
    runs: list[list[Rule]] = [[]]
    later: list[Rule] = []
    for rule in ruleset.comment_rules:
        if rule.amplifier and rule.category not in by_thread:
            later.append(rule)
            runs.append([])
        else:
            runs[-1].append(rule)
    return runs, later


def _amplified(found: list[Hit], marks: list[int], later: list[Rule],
               ctx: CommentContext) -> list[Hit]:
    """``found`` (the hits of the rules run on every comment, in rule order) with the hits of
    the amplifiers ``later`` whose category has a hit there, each in its rule's place: after
    the first ``marks[n]`` hits."""
    cats = {h.category for h in found}
    out: list[Hit] | None = None
    done = 0
    for n, rule in enumerate(later):
        if rule.category in cats:
            mark = marks[n]
            h = rule.check(ctx)
            if h is not None:
                if out is None:
                    out = []
                out += found[done:mark]
                out.append(h)
                done = mark
    if out is None:
        return found
    out += found[done:]
    return out


def _words_forked(tctx: ThreadContext,
                  digests: list[tuple[str, Callable[[list[str]], Any]]]) -> None:
    """The words of every comment, and the rules' digests of them (``Rule.digest``), found
    by two processes: a forked copy does the second half of the thread and sends its lists
    back while this one does the first. Tokenising is the largest share of the work every
    rule needs, and the thread rules (reposts, the relevance statistics) need it for every
    comment before any comment can be checked. Whatever the child fails to send is left to
    be found here later: the same words."""
    comments = tctx.thread.comments
    half = len(comments) // 2

    def theirs() -> tuple[list[list[str]], list[list[Any]]]:
        words = list(map(tctx.word_list, comments[half:]))
        return words, [list(map(digest, words)) for _key, digest in digests]

    def mine() -> None:
        first = comments[:half]
        words = list(map(tctx.word_list, first))
        tctx.found(first, words, {key: map(digest, words) for key, digest in digests})

    shared = in_two(theirs, mine)
    if shared is None:
        return
    sent = shared[1]  # FAILED when the copy failed: its half is found later
    if not (isinstance(sent, tuple) and len(sent) == 2 and
            len(sent[0]) == len(comments) - half and len(sent[1]) == len(digests)):
        return
    their_words, their_digests = sent
    tctx.found(comments[half:], their_words,
               {key: found for (key, _digest), found in zip(digests, their_digests, strict=True)})


_T = TypeVar("_T")
FAILED: Any = object()  # what in_two gives for the forked copy's part when the copy failed


def in_two(theirs: Callable[[], Any], mine: Callable[[], _T]) -> tuple[_T, Any] | None:
    """Runs ``theirs`` in a forked copy of this process while this one runs ``mine``:
    ``(mine's result, theirs')``, the copy's result pickled back through a pipe, or
    :data:`FAILED` when the copy failed (its work is then left to the caller). ``None``,
    with nothing run, when no process could be forked. An exception in ``mine`` kills the
    copy and goes on up."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the copy: work, send, leave at once (no cleanup of the parent's)
        code = 1
        try:
            os.close(read)
            result = theirs()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        try:
            got = mine()
            try:
                sent = pickle.load(pipe)
            except Exception:  # noqa: BLE001 - the copy failed before it could send
                sent = FAILED
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            raise
        finally:
            os.waitpid(pid, 0)
    return got, sent


_Chunk = tuple[list[list[Hit]], list[list[str]]]
_CHUNK = 500  # comments taken at a time by each process
PARALLEL_MIN = 5_000  # comments: below this a forked process costs more than it saves


def _can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()
