"""The order the scorer checks a comment in: rules that share a screen taken together, and
amplifiers left until a rule of their category has fired."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moderator.core import Hit
from moderator.rules.base import CommentContext, Rule, RuleSet

# Rules checked together: those that share a screen (see Rule.screen), each with its bit, or
# one rule alone (no screen, bit 0).
Step = tuple[Any, list[tuple[int, Callable[[CommentContext], Hit | None]]]]


def steps_of(rules: list[Rule]) -> list[Step]:
    """Rules in order, those next to each other that share a screen taken together: the
    screen is asked once per comment, and a rule whose bit it lacks is not called."""
    steps: list[Step] = []
    for rule in rules:
        screened = rule.screen()
        scr, bit = screened if screened is not None else (None, 0)
        if scr is not None and steps and steps[-1][0] is scr:
            steps[-1][1].append((bit, rule.check))
        else:
            steps.append((scr, [(bit, rule.check)]))
    return steps


def run_steps(steps: list[Step], ctx: CommentContext, found: list[Hit]) -> None:
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


def plan(ruleset: RuleSet) -> tuple[list[list[Rule]], list[Rule]]:
    """The per-comment rules in runs, and the amplifiers left for later, one after each run
    but the last: an amplifier counts only beside a non-amplifier hit of its category
    (``scorer.combine``), so it is checked only on the comments that have one, and its hit
    then takes its rule's place among the hits. An amplifier whose category has a thread rule is
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


def amplified(found: list[Hit], marks: list[int], later: list[Rule],
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
