"""Runs the rules over a thread and combines their points into category scores and flags.

A category's score is the sum of its rules' points, capped at 100; amplifier rules count only
when a non-amplifier rule of the same category fired. A comment is flagged in a category when
its score reaches the category's threshold. Deterministic: same input and rules, same output.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from moderator.core import Category, CommentScore, Hit, Thread, ThreadScores
from moderator.rules.base import RuleSet, ThreadContext
from moderator.rules.config import RulesConfig, load_config
from moderator.rules.custom import PatternRule
from moderator.rules.registry import build_ruleset

Progress = Callable[[int, int], None]


class Cancelled(Exception):
    """Scoring was cancelled by the caller."""


def combine(hits: list[Hit], amplifiers: set[str], thresholds: dict[Category, int],
            comment_id: str) -> CommentScore:
    """Category scores and flags from one comment's hits."""
    scores: dict[Category, int] = {}
    for cat in Category:
        own = [h for h in hits if h.category is cat]
        if not any(h.rule_id not in amplifiers for h in own):
            own = []
        scores[cat] = min(100, sum(h.points for h in own))
    kept = tuple(h for h in hits if scores[h.category] > 0)
    flags = frozenset(c for c, s in scores.items() if s > 0 and s >= thresholds[c])
    return CommentScore(comment_id, kept, scores, flags)


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
        self._allowed = allowlist_pattern(self.config.lexicon.allowlist)

    def score_thread(self, thread: Thread, progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ThreadScores:
        tctx = ThreadContext(thread)
        rules = self.ruleset.comment_rules
        for rule in (*rules, *self.ruleset.thread_rules):
            rule.prepare(tctx)
        total = len(thread.comments)
        every = max(1, total // 100)
        hits: dict[str, list[Hit]] = {}
        for i, comment in enumerate(thread.comments):
            if i % every == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress is not None:
                    progress(i, total)
            ctx = tctx.context(comment)
            found = []
            for rule in rules:
                h = rule.check(ctx)
                if h is not None:
                    found.append(h)
            if found and self._allowed is not None:
                found = drop_allowed(found, comment.body, self._allowed)
            hits[comment.id] = found
        for trule in self.ruleset.thread_rules:
            if cancelled is not None and cancelled():
                raise Cancelled()
            for cid, h in trule.check_thread(tctx).items():
                hits[cid].append(h)
        if progress is not None:
            progress(total, total)
        by_comment = {
            c.id: combine(hits[c.id], self._amplifiers, self.config.thresholds, c.id)
            for c in thread.comments
        }
        notes = []
        for rule in rules:
            if isinstance(rule, PatternRule) and rule.timeouts:
                notes.append(f"{rule.id} ran past its time limit on {len(rule.timeouts)} "
                             f"comment(s) and skipped them: {', '.join(rule.timeouts[:5])}")
                rule.timeouts.clear()
        return ThreadScores(thread.id, by_comment, dict(self.config.thresholds), tuple(notes))
