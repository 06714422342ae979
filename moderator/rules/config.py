"""Rules configuration: the shipped ``resources/rules.toml`` with a user's file layered on top.

A user file may set any of:

* ``[thresholds]``: a category's score (0-100) at which a comment is flagged;
* ``[rules."ID"]``: ``enabled``, ``points`` and the rule's own parameters;
* ``[words]``: replace a named word list; ``[words_add]`` / ``[words_remove]``: edit one;
* ``allowlist``: words and phrases that never count towards any rule.

Every mistake is a :class:`RulesError` naming the file, the line and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moderator.core import Category, RulesError
from moderator.io.textfile import read_utf8
from moderator.resources_access import DEFAULT_RULES, default_rules_text


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    points: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lexicon:
    """Named word lists (lower case) and the allowlist, shared by all rules."""

    lists: dict[str, frozenset[str]]
    allowlist: frozenset[str] = frozenset()

    def words(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())

    def allowed(self, word_or_phrase: str) -> bool:
        return word_or_phrase.lower() in self.allowlist


@dataclass(frozen=True)
class RulesConfig:
    thresholds: dict[Category, int]
    rules: dict[str, RuleSettings]
    lexicon: Lexicon
    sources: tuple[str, ...] = ()  # files it was read from, defaults first
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # merged TOML, for extensions
    patterns: tuple[Any, ...] = ()  # PatternSpec: the moderator's own [[patterns]]

    def settings(self, rule_id: str) -> RuleSettings | None:
        return self.rules.get(rule_id)

    @property
    def rule_ids(self) -> set[str]:
        """Built-in rules and custom patterns."""
        return set(self.rules) | {p.id for p in self.patterns}


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(m.group(1)) if m else None
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        col = f" (column {m.group(2)})" if m else ""
        raise RulesError(f"not valid TOML: {msg}{col}", path=source, line=line) from None


def _line_of(text: str, *names: str) -> int | None:
    """The line where a table header or key mentioning the last of ``names`` appears."""
    if not text:
        return None
    needle = names[-1]
    quoted = re.escape(needle)
    pat = re.compile(r'^\s*(\[+[^\]]*' + quoted + r'|"?' + quoted + r'"?\s*=)')
    for i, line in enumerate(text.splitlines(), 1):
        if pat.search(line):
            return i
    return None


class _Reader:
    """Validates one TOML document and folds it into the merged state."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def error(self, message: str, *keys: str) -> RulesError:
        return RulesError(message, path=self.source, line=_line_of(self.text, *keys),
                          key=".".join(keys) if keys else None)


def _as_int(reader: _Reader, value: Any, *keys: str, lo: int = 0, hi: int = 100) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise reader.error(f"expected a whole number from {lo} to {hi}, got {value!r}", *keys)
    if not lo <= value <= hi:
        raise reader.error(f"expected a whole number from {lo} to {hi}, got {value}", *keys)
    return value


def _word_list(reader: _Reader, value: Any, *keys: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise reader.error("expected a list of strings", *keys)
    return [v.strip().lower() for v in value if v.strip()]


KNOWN_TOP = {"thresholds", "rules", "words", "words_add", "words_remove", "allowlist",
             "patterns", "meta"}


def load_config(user_file: str | Path | None = None, *, known_rules: dict[str, Any] | None = None
                ) -> RulesConfig:
    """The shipped defaults, with ``user_file`` layered on top when given.

    ``known_rules`` maps rule ids to rule classes (defaults to the registry) so that unknown
    ids and parameters are reported instead of silently ignored.
    """
    if known_rules is None:
        from moderator.rules.registry import rule_classes

        known_rules = {cls.id: cls for cls in rule_classes()}

    layers = [(default_rules_text(), f"<defaults>/{DEFAULT_RULES}")]
    if user_file is not None:
        layers.append((read_utf8(user_file, "rules file", RulesError), str(user_file)))

    thresholds: dict[Category, int] = {}
    rules: dict[str, RuleSettings] = {}
    lists: dict[str, set[str]] = {}
    allow: set[str] = set()
    merged: dict[str, Any] = {}

    for text, source in layers:
        doc = parse_toml(text, source)
        r = _Reader(text, source)
        for key in doc:
            if key not in KNOWN_TOP:
                raise r.error(f"unknown section {key!r} (expected one of "
                              f"{', '.join(sorted(KNOWN_TOP))})", key)
        for name, value in doc.get("thresholds", {}).items():
            try:
                cat = Category.parse(name)
            except ValueError as exc:
                raise r.error(str(exc), "thresholds", name) from None
            thresholds[cat] = _as_int(r, value, "thresholds", name, lo=1)
        for rule_id, table in doc.get("rules", {}).items():
            cls = known_rules.get(rule_id)
            if cls is None:
                raise r.error(f"unknown rule {rule_id!r}; `moderator rules` lists them",
                              "rules", rule_id)
            if not isinstance(table, dict):
                raise r.error("expected a table of settings", "rules", rule_id)
            old = rules.get(rule_id, RuleSettings(True, cls.default_points, {}))
            enabled, points, params = old.enabled, old.points, dict(old.params)
            for key, value in table.items():
                if key == "enabled":
                    if not isinstance(value, bool):
                        raise r.error("expected true or false", "rules", rule_id, key)
                    enabled = value
                elif key == "points":
                    points = _as_int(r, value, "rules", rule_id, key)
                elif key in cls.default_params:
                    default = cls.default_params[key]
                    if type(default) is float and isinstance(value, int) and not isinstance(
                            value, bool):
                        value = float(value)
                    if type(value) is not type(default):
                        raise r.error(f"expected {type(default).__name__}, got {value!r}",
                                      "rules", rule_id, key)
                    params[key] = value
                else:
                    known = ", ".join(["enabled", "points", *cls.default_params]) or "none"
                    raise r.error(f"unknown setting {key!r} for rule {rule_id} "
                                  f"(known: {known})", "rules", rule_id, key)
            rules[rule_id] = RuleSettings(enabled, points, params)
        for name, words in doc.get("words", {}).items():
            lists[name] = set(_word_list(r, words, "words", name))
        for section, op in (("words_add", set.update), ("words_remove", set.difference_update)):
            for name, words in doc.get(section, {}).items():
                if name not in lists:
                    raise r.error(f"no word list named {name!r} to edit "
                                  f"(known: {', '.join(sorted(lists))})", section, name)
                op(lists[name], _word_list(r, words, section, name))
        if "allowlist" in doc:
            allow.update(_word_list(r, doc["allowlist"], "allowlist"))
        for key in ("patterns", "meta"):
            if key in doc:
                merged.setdefault(key, []).append((source, text, doc[key]))

    for rule_id, cls in known_rules.items():
        rules.setdefault(rule_id, RuleSettings(True, cls.default_points, {}))
    for cat in Category:
        thresholds.setdefault(cat, 50)
    lexicon = Lexicon({k: frozenset(v) for k, v in lists.items()}, frozenset(allow))
    from moderator.rules.custom import parse_patterns  # it builds on this module

    patterns = parse_patterns(merged.get("patterns", []), set(known_rules))
    return RulesConfig(thresholds, rules, lexicon, tuple(s for _, s in layers), merged,
                       patterns)
