"""Regenerate the README's rule reference from the rule units (a test checks it is current).

    .venv/bin/python scripts/refresh_readme.py
"""

from pathlib import Path

from moderator.rules.catalog import README_BEGIN, README_END, as_markdown, rule_infos
from moderator.rules.config import load_config

readme = Path(__file__).resolve().parent.parent / "README.md"
config = load_config()
text = readme.read_text(encoding="utf-8")
head, rest = text.split(README_BEGIN, 1)
_, tail = rest.split(README_END, 1)
table = as_markdown(rule_infos(config), config.thresholds)
readme.write_text(f"{head}{README_BEGIN}\n{table}{README_END}{tail}", encoding="utf-8")
print(f"rule reference refreshed in {readme}")
