"""The rules in force, changed in memory and saved as a user rules file (plain Python).

A saved file holds only what differs from the shipped defaults, written by hand as TOML that
:func:`moderator.rules.config.load_config` reads back to the same rules, so a setup tuned in the
app is reused with ``--rules FILE``.

TODO(rules): :func:`user_file_text` belongs in ``moderator.rules`` (the command line could
write a tuned file too); it lives here until then.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from moderator.core import Category
from moderator.io.export import write_atomic
from moderator.rules.config import RulesConfig, load_config


def with_threshold(config: RulesConfig, category: Category, value: int) -> RulesConfig:
    return replace(config, thresholds={**config.thresholds, category: value})


def with_rule(config: RulesConfig, rule_id: str, enabled: bool | None = None,
              points: int | None = None) -> RulesConfig:
    """``config`` with one rule (built in or a custom pattern) switched or re-weighted; the
    same object when nothing changes."""
    changes = {k: v for k, v in (("enabled", enabled), ("points", points)) if v is not None}
    old = config.rules.get(rule_id)
    if old is not None:
        new = replace(old, **changes)
        return config if new == old else replace(config, rules={**config.rules, rule_id: new})
    patterns = tuple(replace(p, **changes) if p.id == rule_id else p for p in config.patterns)
    return config if patterns == config.patterns else replace(config, patterns=patterns)


def read_from(config: RulesConfig, path: str | Path) -> RulesConfig:
    """``config`` as now read from the defaults and ``path`` (after saving it there)."""
    return replace(config, sources=(config.sources[0] if config.sources else "",
                                    str(Path(path))))


@functools.cache
def _defaults() -> RulesConfig:
    return load_config()


# -- TOML by hand (tomllib reads; nothing in the standard library writes) ----------------------
def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else list(value)
        return "[" + ", ".join(_value(v) for v in items) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _table(header: str, values: dict[str, Any]) -> list[str]:
    if not values:
        return []
    return ["", header, *(f"{_key(k)} = {_value(v)}" for k, v in values.items())]


def _key(name: str) -> str:
    bare = name.replace("_", "").replace("-", "").isalnum() and name.isascii()
    return name if bare else _string(name)


def user_file_text(config: RulesConfig, defaults: RulesConfig | None = None) -> str:
    """The rules file that layers ``config`` over the defaults: what differs, nothing else."""
    base = defaults or _defaults()
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    lines = ["# Moderator rules, saved from the app on " + stamp + ".",
             "# Layered over the shipped defaults: only what differs from them is here.",
             "# Use it with: moderator score THREAD --rules THIS_FILE (or moderator gui --rules)"]
    allow = config.lexicon.allowlist - base.lexicon.allowlist
    if allow:
        lines += ["", f"allowlist = {_value(allow)}"]
    lines += _table("[thresholds]", {c.value: v for c, v in config.thresholds.items()
                                     if base.thresholds.get(c) != v})
    for rule_id, s in config.rules.items():
        d = base.rules.get(rule_id)
        diff: dict[str, Any] = {}
        if d is None or s.enabled != d.enabled:
            diff["enabled"] = s.enabled
        if d is None or s.points != d.points:
            diff["points"] = s.points
        diff |= {k: v for k, v in s.params.items() if d is None or d.params.get(k) != v}
        lines += _table(f"[rules.{_string(rule_id)}]", diff)
    lines += _word_tables(config, base)
    for p in config.patterns:
        item: dict[str, Any] = {"id": p.id, "category": p.category.value, "points": p.points,
                                "reason": p.reason}
        if p.phrases:
            item["phrases"] = list(p.phrases)
        if p.regex:
            item["regex"] = p.regex
        if not p.enabled:
            item["enabled"] = False
        lines += _table("[[patterns]]", item)
    return "\n".join(lines) + "\n"


def _word_tables(config: RulesConfig, base: RulesConfig) -> list[str]:
    replaced, added, removed = {}, {}, {}
    for name, words in config.lexicon.lists.items():
        if name not in base.lexicon.lists:
            replaced[name] = words
            continue
        default = base.lexicon.lists[name]
        if words - default:
            added[name] = words - default
        if default - words:
            removed[name] = default - words
    return (_table("[words]", replaced) + _table("[words_add]", added)
            + _table("[words_remove]", removed))


def save(config: RulesConfig, path: str | Path) -> None:
    """Write the user file atomically: a failed save never leaves half a file over a good one.
    Raises OSError."""
    write_atomic(path, user_file_text(config))
