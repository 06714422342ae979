"""Rule test cases: a TOML file of texts and the flags they must (not) get.

::

    [[case]]
    name = "a direct insult"          # optional
    text = "you are a moron"
    parent = "..."                    # optional: the comment it replies to
    article = "..."                   # optional: the article it sits under
    flags = ["insult"]                # categories it must be flagged for
    not_flags = ["off_topic"]         # categories it must not be flagged for
    rules = ["insult.personal_attack"]  # optional: rule ids that must fire
    not_rules = ["insult.profanity"]    # optional: rule ids that must not fire
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moderator.core import Category, CommentScore, RulesError
from moderator.io.textfile import read_utf8
from moderator.rules.config import parse_toml
from moderator.rules.scorer import Scorer
from moderator.rules.single import score_text

_KEYS = {"name", "text", "parent", "article", "flags", "not_flags", "rules", "not_rules"}


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    line: int
    parent: str = ""
    article: str = ""
    flags: frozenset[Category] = frozenset()
    not_flags: frozenset[Category] = frozenset()
    rules: frozenset[str] = frozenset()
    not_rules: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outcome:
    case: Case
    score: CommentScore
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def read_cases(path: str | Path, known_rules: set[str]) -> list[Case]:
    p = str(path)
    text = read_utf8(path, "cases", RulesError)
    doc = parse_toml(text, p)
    starts = [i for i, line in enumerate(text.splitlines(), 1)
              if line.strip().startswith("[[case]]")]
    raw = doc.get("case")
    if not isinstance(raw, list) or not raw:
        raise RulesError("expected one or more [[case]] tables", path=p, line=1)
    cases = []
    for n, item in enumerate(raw):
        line = starts[n] if n < len(starts) else None
        cases.append(_CaseReader(item, p, n, line, known_rules).case())
    return cases


class _CaseReader:
    """Checks one [[case]] table; every error names the file, the line and the key."""

    def __init__(self, item: dict, path: str, index: int, line: int | None,
                 known_rules: set[str]) -> None:
        self.item, self.path, self.index, self.line = item, path, index, line
        self.known_rules = known_rules

    def bad(self, message: str, key: str | None = None) -> RulesError:
        where = f"case {self.index + 1}" + (f".{key}" if key else "")
        return RulesError(message, path=self.path, line=self.line, key=where)

    def cats(self, key: str) -> frozenset[Category]:
        value = self.item.get(key, [])
        if not isinstance(value, list):
            raise self.bad("expected a list of categories", key)
        try:
            return frozenset(Category.parse(v) for v in value)
        except (ValueError, AttributeError) as exc:
            raise self.bad(str(exc), key) from None

    def ids(self, key: str) -> frozenset[str]:
        value = self.item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.bad("expected a list of rule ids", key)
        for v in value:
            if v not in self.known_rules:
                raise self.bad(f"unknown rule {v!r}; `moderator rules` lists them", key)
        return frozenset(value)

    def case(self) -> Case:
        item = self.item
        if not isinstance(item, dict):
            raise self.bad("expected a table")
        unknown = set(item) - _KEYS
        if unknown:
            raise self.bad(f"unknown key(s) {', '.join(sorted(unknown))} (known: "
                           f"{', '.join(sorted(_KEYS))})")
        if not isinstance(item.get("text"), str):
            raise self.bad("every case needs a text", "text")
        return Case(str(item.get("name") or item["text"][:50]), item["text"], self.line or 0,
                    str(item.get("parent", "")), str(item.get("article", "")),
                    self.cats("flags"), self.cats("not_flags"), self.ids("rules"),
                    self.ids("not_rules"))


def run_case(scorer: Scorer, case: Case) -> Outcome:
    score = score_text(scorer, case.text, parent=case.parent, article=case.article)
    fired = {h.rule_id for h in score.hits}
    problems = []
    for cat in Category:
        if cat in case.flags and cat not in score.flags:
            problems.append(f"expected flag {cat.value}, not flagged (score {score.score(cat)}, "
                            f"threshold {scorer.config.thresholds[cat]})")
        if cat in case.not_flags and cat in score.flags:
            problems.append(f"flagged {cat.value} but must not be (score {score.score(cat)})")
    for rid in sorted(case.rules - fired):
        problems.append(f"expected rule {rid} to fire; it did not")
    for rid in sorted(case.not_rules & fired):
        problems.append(f"rule {rid} fired but must not")
    return Outcome(case, score, tuple(problems))


def format_outcome(outcome: Outcome, path: str) -> str:
    c = outcome.case
    lines = [f"FAIL {c.name} ({path}, line {c.line})", f"  text:     {c.text!r}"]
    if c.parent:
        lines.append(f"  parent:   {c.parent!r}")
    for p in outcome.problems:
        lines.append(f"  - {p}")
    got = ";".join(x.value for x in Category if x in outcome.score.flags) or "(none)"
    lines.append(f"  flags:    {got}")
    for h in sorted(outcome.score.hits, key=lambda h: (-h.points, h.rule_id)):
        lines.append(f"  hit:      {h.rule_id} +{h.points}: {h.reason}")
    return "\n".join(lines)
