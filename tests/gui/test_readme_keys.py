"""The README's keyboard table is the app's own table of actions (no drift)."""

from __future__ import annotations

from moderator.gui.actions import shortcuts_markdown
from tests.conftest import REPO

BEGIN = "<!-- keys:begin (generated from moderator/gui/actions.py) -->"
END = "<!-- keys:end -->"


def test_readme_lists_every_key_of_the_app():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    current = readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert current == shortcuts_markdown().strip(), (
        "README keyboard table is stale: run scripts/refresh_readme.py")
