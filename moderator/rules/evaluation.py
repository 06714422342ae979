"""Precision, recall and F1 per category against labels, with the comments behind the numbers,
and per-rule figures (how often each rule fired, and how often on comments labelled clean)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from moderator.core import Category, ThreadScores

Labels = dict[str, dict[Category, bool | None]]


@dataclass
class CategoryReport:
    category: Category
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_flags: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def labelled(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def clean_flag_rate(self) -> float:
        """Share of comments labelled clean that were flagged anyway."""
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0


@dataclass
class RuleReport:
    rule_id: str
    category: Category
    fired: int = 0
    on_clean: int = 0  # fired on a comment labelled clean in the rule's category
    on_positive: int = 0


@dataclass
class EvalReport:
    categories: dict[Category, CategoryReport]
    rules: dict[str, RuleReport]
    unlabelled: int = 0  # scored comments without any label row


def evaluate(scores: Iterable[ThreadScores], labels: Labels) -> EvalReport:
    cats = {c: CategoryReport(c) for c in Category}
    rules: dict[str, RuleReport] = {}
    unlabelled = 0
    for ts in scores:
        for cid, s in ts.by_comment.items():
            lab = labels.get(cid)
            if lab is None:
                unlabelled += 1
                continue
            for h in s.hits:
                rr = rules.setdefault(h.rule_id, RuleReport(h.rule_id, h.category))
                rr.fired += 1
                truth = lab.get(h.category)
                if truth is False:
                    rr.on_clean += 1
                elif truth is True:
                    rr.on_positive += 1
            for cat, rep in cats.items():
                truth = lab.get(cat)
                if truth is None:
                    continue
                flagged = cat in s.flags
                if flagged and truth:
                    rep.tp += 1
                elif flagged:
                    rep.fp += 1
                    rep.false_flags.append(cid)
                elif truth:
                    rep.fn += 1
                    rep.misses.append(cid)
                else:
                    rep.tn += 1
    return EvalReport(cats, dict(sorted(rules.items())), unlabelled)


@dataclass(frozen=True)
class Flip:
    comment_id: str
    before: frozenset[Category]
    after: frozenset[Category]


def compare(old: Iterable[ThreadScores], new: Iterable[ThreadScores]) -> list[Flip]:
    """Comments whose flags differ between two scorings of the same threads."""
    before = {cid: s.flags for ts in old for cid, s in ts.by_comment.items()}
    flips = []
    for ts in new:
        for cid, s in ts.by_comment.items():
            if before.get(cid, frozenset()) != s.flags:
                flips.append(Flip(cid, before.get(cid, frozenset()), s.flags))
    return flips
