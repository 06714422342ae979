"""A moderator's own patterns from the rules file: whole-word phrases and regular expressions
in any category, with their own points and reason::

    [[patterns]]
    id = "custom.crypto_spam"        # must start with "custom."
    category = "off_topic"
    points = 60
    reason = "promotes a crypto scheme"
    phrases = ["bitcoin doubler", "send btc"]   # whole words, any case
    regex = 'earn \\$\\d+ (a|per) day'           # optional; Python syntax, any case

Regular expressions run with a time limit (the ``regex`` package's ``timeout``): a pattern that
backtracks catastrophically is reported when the rules are loaded, and if it still runs away on
some comment, that comment is skipped for that pattern and the skip is reported. Never a hang.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule
from moderator.rules.config import Lexicon, RuleSettings

MATCH_TIMEOUT = 0.05  # seconds per comment and pattern
_PROBES = ("a" * 3000 + "!", "ab" * 1500 + "!", " " * 3000 + "!", "x1" * 1500 + "\n!")
_KEYS = {"id", "category", "points", "reason", "phrases", "regex", "enabled"}


class PatternTimeout(Exception):
    """A custom regular expression ran past its time limit."""


@dataclass(frozen=True)
class PatternSpec:
    id: str
    category: Category
    points: int
    reason: str
    phrases: tuple[str, ...]
    regex: str
    source: str
    line: int | None
    enabled: bool = True


def compile_spec(spec: PatternSpec) -> regex.Pattern:
    parts = [r"(?<!\w)" + regex.escape(p).replace(r"\ ", r"\s+") + r"(?!\w)"
             for p in spec.phrases]
    if spec.regex:
        parts.append(f"(?:{spec.regex})")
    return regex.compile("|".join(parts), regex.IGNORECASE | regex.VERSION0)


def runs_away(pattern: regex.Pattern) -> bool:
    """True when the pattern takes too long on text built to make backtracking explode."""
    for probe in _PROBES:
        try:
            pattern.search(probe, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            return True
    return False


class PatternRule(Rule):
    """A custom pattern from the rules file (see the module docstring); one instance each."""

    amplifier = False
    default_params: ClassVar[dict[str, Any]] = {}

    def __init__(self, spec: PatternSpec, lexicon: Lexicon) -> None:
        self.id = spec.id  # type: ignore[misc]  # per instance: one class, many patterns
        self.category = spec.category  # type: ignore[misc]
        self.summary = spec.reason  # type: ignore[misc]
        self.default_points = spec.points  # type: ignore[misc]
        super().__init__(RuleSettings(spec.enabled, spec.points, {}), lexicon)
        self.spec = spec
        self.pattern = compile_spec(spec)
        self.timeouts: list[str] = []  # comment ids skipped because the pattern ran away

    def check(self, ctx: CommentContext) -> Hit | None:
        try:
            found = list(self.pattern.finditer(ctx.text, timeout=MATCH_TIMEOUT))
        except TimeoutError:
            self.timeouts.append(ctx.comment.id)
            return None
        if not found:
            return None
        words = ", ".join(dict.fromkeys(f'"{m.group()}"' for m in found))
        return self.hit(f"{self.spec.reason}: {words}",
                        [ctx.span(m.start(), m.end()) for m in found])


def _table_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines(), 1)
            if line.strip().startswith("[[patterns]]")]


def parse_patterns(layers: list[tuple[str, str, Any]], taken: set[str]) -> tuple[PatternSpec, ...]:
    """``[[patterns]]`` tables of each layer (source, text, value); a later layer's pattern
    replaces an earlier one of the same id. Errors name the file, line and key."""
    from moderator.core import RulesError

    specs: dict[str, PatternSpec] = {}
    for source, text, value in layers:
        lines = _table_lines(text)
        if not isinstance(value, list):
            raise RulesError("expected [[patterns]] tables", path=source, key="patterns")
        for n, item in enumerate(value):
            line = lines[n] if n < len(lines) else None

            def bad(message: str, key: str = "", line: int | None = line, n: int = n,
                    source: str = source
                    ) -> RulesError:
                return RulesError(message, path=source, line=line,
                                  key=f"patterns[{n + 1}]" + (f".{key}" if key else ""))

            if not isinstance(item, dict):
                raise bad("expected a table")
            unknown = set(item) - _KEYS
            if unknown:
                raise bad(f"unknown key(s) {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(_KEYS))})")
            pid = item.get("id")
            if not isinstance(pid, str) or not regex.fullmatch(r"custom\.[a-z0-9_]+", pid):
                raise bad("id must look like custom.some_name (lower case, digits, _)", "id")
            if pid in taken:
                raise bad(f"{pid} is a built-in rule id", "id")
            try:
                category = Category.parse(str(item.get("category", "")))
            except ValueError as exc:
                raise bad(str(exc), "category") from None
            points = item.get("points")
            if isinstance(points, bool) or not isinstance(points, int) or not 0 <= points <= 100:
                raise bad("points: expected a whole number from 0 to 100", "points")
            reason = item.get("reason", "")
            if not isinstance(reason, str) or not reason.strip():
                raise bad("every pattern needs a reason a moderator can read", "reason")
            phrases = item.get("phrases", [])
            if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                        for p in phrases):
                raise bad("phrases: expected a list of non-empty strings", "phrases")
            rx = item.get("regex", "")
            if not isinstance(rx, str):
                raise bad("regex: expected a string", "regex")
            if not phrases and not rx:
                raise bad("a pattern needs phrases or a regex")
            enabled = item.get("enabled", True)
            if not isinstance(enabled, bool):
                raise bad("enabled: expected true or false", "enabled")
            spec = PatternSpec(pid, category, points, reason.strip(),
                               tuple(p.strip() for p in phrases), rx, source, line, enabled)
            try:
                pattern = compile_spec(spec)
            except regex.error as exc:
                raise bad(f"regex does not compile: {exc}", "regex") from None
            if pattern.search("") is not None:
                raise bad("the pattern matches empty text, so it would fire on every comment",
                          "regex")
            if runs_away(pattern):
                raise bad("the regex can run away (catastrophic backtracking, e.g. nested "
                          "repeats like (a+)+); rewrite it without nested repeats", "regex")
            specs[pid] = spec
    return tuple(specs.values())
