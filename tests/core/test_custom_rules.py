"""A moderator's own rules: custom phrases and regexes, the allowlist, runaway patterns."""

from __future__ import annotations

import time

import pytest

from moderator.core import Category, RulesError
from moderator.rules.config import load_config
from moderator.rules.scorer import Scorer
from moderator.rules.single import score_text

ARTICLE = "Bitcoin prices fell sharply on Tuesday as regulators in Asia announced new rules."


def rules_file(tmp_path, text):
    p = tmp_path / "mine.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_custom_phrase_and_regex_fire_with_their_points_and_reason(tmp_path):
    p = rules_file(tmp_path, r'''
[[patterns]]
id = "custom.crypto_spam"
category = "off_topic"
points = 60
reason = "promotes a crypto scheme"
phrases = ["bitcoin doubler", "send btc"]
regex = 'earn \$\d+ (a|per) day'
''')
    scorer = Scorer(load_config(p))
    text = "Try the Bitcoin   Doubler today, earn $500 a day!"
    s = score_text(scorer, text, article=ARTICLE)
    hit = next(h for h in s.hits if h.rule_id == "custom.crypto_spam")
    assert hit.points == 60 and hit.category is Category.OFF_TOPIC
    assert "promotes a crypto scheme" in hit.reason and "Bitcoin   Doubler" in hit.reason
    assert [text[sp.start:sp.end] for sp in hit.spans] == ["Bitcoin   Doubler",
                                                           "earn $500 a day"]
    assert Category.OFF_TOPIC in s.flags
    quiet = score_text(scorer, "The bitcoin doublers' claims were false.", article=ARTICLE)
    assert "custom.crypto_spam" not in {h.rule_id for h in quiet.hits}  # whole words only


def test_disabled_pattern_does_not_run(tmp_path):
    p = rules_file(tmp_path, '[[patterns]]\nid = "custom.x"\ncategory = "insult"\npoints = 50\n'
                             'reason = "x"\nphrases = ["flibbertigibbet"]\nenabled = false\n')
    s = score_text(Scorer(load_config(p)), "you flibbertigibbet")
    assert "custom.x" not in {h.rule_id for h in s.hits}


@pytest.mark.parametrize(("body", "words"), [
    ('id = "bad id"\ncategory = "insult"\npoints = 5\nreason = "r"\nphrases = ["x"]',
     "custom.some_name"),
    ('id = "custom.a"\ncategory = "rude"\npoints = 5\nreason = "r"\nphrases = ["x"]',
     "unknown category"),
    ('id = "custom.a"\ncategory = "insult"\npoints = 5\nreason = "r"\nregex = "(unclosed"',
     "does not compile"),
    ('id = "custom.a"\ncategory = "insult"\npoints = 5\nreason = "r"\nregex = "x*"',
     "matches empty text"),
    ('id = "custom.a"\ncategory = "insult"\npoints = 5\nreason = ""\nphrases = ["x"]',
     "needs a reason"),
    ('id = "custom.a"\ncategory = "insult"\npoints = 5\nreason = "r"', "phrases or a regex"),
])
def test_pattern_mistakes_name_file_line_and_key(tmp_path, body, words):
    p = rules_file(tmp_path, "# my patterns\n\n[[patterns]]\n" + body + "\n")
    with pytest.raises(RulesError) as err:
        load_config(p)
    assert f"{p}, line 3" in str(err.value) and words in str(err.value)
    assert "patterns[1]" in str(err.value)


def test_a_runaway_regex_is_reported_at_load_not_a_hang(tmp_path):
    p = rules_file(tmp_path, '[[patterns]]\nid = "custom.slow"\ncategory = "insult"\n'
                             'points = 5\nreason = "r"\nregex = \'(a|aa)+$\'\n')
    start = time.monotonic()
    with pytest.raises(RulesError, match="run away"):
        load_config(p)
    assert time.monotonic() - start < 30  # bounded (generous: this is not a benchmark)


def test_allowlist_stops_a_word_from_counting(tmp_path):
    p = rules_file(tmp_path, '[[patterns]]\nid = "custom.fish"\ncategory = "insult"\n'
                             'points = 60\nreason = "fish insult"\nphrases = ["cod"]\n')
    assert Category.INSULT in score_text(Scorer(load_config(p)), "you cod").flags
    p2 = rules_file(tmp_path, 'allowlist = ["cod"]\n' + p.read_text())
    s = score_text(Scorer(load_config(p2)), "you cod")
    assert Category.INSULT not in s.flags and not s.hits


def test_a_rules_file_is_data_it_cannot_run_code(tmp_path):
    """Everything in a rules file is read as text, numbers and patterns: nothing in it is
    evaluated, imported or run, wherever it stands."""
    marker = tmp_path / "pwned"
    payload = f"__import__('os').system('touch {marker}')"
    p = rules_file(tmp_path, f'''
allowlist = ["{payload}"]
[words_add]
insult_nouns = ["{payload}"]
[[patterns]]
id = "custom.payload"
category = "insult"
points = 10
reason = "{payload}"
phrases = ["{payload}"]
regex = 'eval\\(.*\\)'
''')
    config = load_config(p)
    s = score_text(Scorer(config), f"{payload} and eval(1)")
    assert not marker.exists()
    assert any(h.rule_id == "custom.payload" for h in s.hits)  # matched as plain text
