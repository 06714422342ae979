"""Regenerate the README's generated parts: the rule reference (from the rule units) and the
keyboard table (from the app's one table of actions). Tests check both are current.

    .venv/bin/python scripts/refresh_readme.py
"""

from pathlib import Path

from moderator.gui.actions import shortcuts_markdown
from moderator.rules.catalog import README_BEGIN, README_END, as_markdown, rule_infos
from moderator.rules.config import load_config

KEYS_BEGIN = "<!-- keys:begin (generated from moderator/gui/actions.py) -->"
KEYS_END = "<!-- keys:end -->"


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}{end}{tail}"


readme = Path(__file__).resolve().parent.parent / "README.md"
config = load_config()
text = readme.read_text(encoding="utf-8")
text = replace_between(text, README_BEGIN, README_END,
                       as_markdown(rule_infos(config), config.thresholds))
text = replace_between(text, KEYS_BEGIN, KEYS_END, shortcuts_markdown())
readme.write_text(text, encoding="utf-8")
print(f"rule reference and keyboard table refreshed in {readme}")
