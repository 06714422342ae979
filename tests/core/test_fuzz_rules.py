"""Property tests for the rules file parser: any file either loads or raises RulesError (a
ModeratorError) with a message, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator.core import ModeratorError
from moderator.rules.config import load_config

DEFAULTS = (Path(__file__).resolve().parents[2] / "resources" / "rules.toml").read_text(
    encoding="utf-8").splitlines()
FUZZ = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOML_LINES = st.sampled_from([
    "[thresholds]", "insult = 60", "off_topic = -1", "duplicate = 1000", "insult = \"x\"",
    '[rules."insult.profanity"]', '[rules."no.such_rule"]', "enabled = false", "points = 30",
    "points = 3.5", "min_similarity = 90", "[words]", "[words_add]", "[words_remove]",
    'insult_nouns = ["numpty"]', "insult_nouns = 5", 'allowlist = ["Scunthorpe"]',
    "allowlist = 3", "[[patterns]]", 'id = "custom.x"', 'category = "insult"',
    'category = "nope"', 'reason = "r"', 'phrases = ["bitcoin doubler"]', 'regex = ["("]',
    'regex = "a+"', "[meta]", "[unknown]", "= broken", "[", '"', "a.b.c = 1", "x = [1, 2",
    "\x00", "\ufeff", "# comment",
])


VALUES = st.sampled_from(["0", "-5", "101", "3.5", "1e400", "nan", "true", '"x"', "[]",
                          '["a", 1]', "{}", "{ a = 1 }", "1979-05-27", '"""', "'", ""])


@st.composite
def edited_defaults(draw: st.DrawFn) -> str:
    """The shipped rules file as a user might mangle a copy of it: lines dropped, values
    changed, lines added."""
    lines = list(DEFAULTS)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.integers(0, 2))
        if action == 0:
            del lines[at]
        elif action == 1 and "=" in lines[at]:
            key = lines[at].split("=", 1)[0]
            lines[at] = f"{key}= {draw(VALUES)}"
        else:
            lines.insert(at, draw(TOML_LINES))
    return "\n".join(lines)


@st.composite
def rules_files(draw: st.DrawFn) -> bytes:
    roll = draw(st.integers(0, 4))
    if roll == 0:
        return draw(st.binary(max_size=300))
    if roll <= 2:
        return draw(edited_defaults()).encode()
    lines = draw(st.lists(TOML_LINES | st.text(max_size=30), max_size=14))
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@FUZZ
@given(data=rules_files())
def test_rules_file_parser(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.toml"
        path.write_bytes(data)
        try:
            load_config(path)
        except ModeratorError as err:
            assert err.message.strip()
