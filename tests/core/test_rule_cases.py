"""Rule test cases (``moderator test-rules``): the shipped cases pass on the default rules, and
a failing case gives a readable diff and exit code 1."""

from __future__ import annotations

import pytest

from moderator.cli import main
from moderator.core import RulesError
from moderator.resources_access import resource
from moderator.rules.cases import read_cases, run_case
from moderator.rules.config import load_config
from moderator.rules.scorer import Scorer

SHIPPED = str(resource("rule-cases.toml"))


def test_the_shipped_cases_pass_on_the_default_rules(capsys):
    assert main(["test-rules", SHIPPED]) == 0, capsys.readouterr().out
    assert " passed, 0 failed" in capsys.readouterr().out


def test_each_shipped_case_individually():
    config = load_config()
    scorer = Scorer(config)
    failures = [o for o in (run_case(scorer, c) for c in read_cases(SHIPPED, config.rule_ids))
                if not o.passed]
    assert not failures, [(o.case.name, o.problems) for o in failures]


def test_a_failing_case_exits_1_with_a_readable_diff(tmp_path, capsys):
    cases = tmp_path / "cases.toml"
    cases.write_text('[[case]]\nname = "quiet note"\ntext = "Thanks for the article."\n'
                     'flags = ["insult"]\n', encoding="utf-8")
    assert main(["test-rules", str(cases)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL quiet note ({cases}, line 1)" in out
    assert "expected flag insult, not flagged" in out
    assert "0 passed, 1 failed" in out


def test_a_broken_cases_file_names_the_line(tmp_path):
    cases = tmp_path / "cases.toml"
    cases.write_text('[[case]]\ntext = "hi"\n\n[[case]]\ntext = "x"\nflags = ["rude"]\n',
                     encoding="utf-8")
    with pytest.raises(RulesError) as err:
        read_cases(cases, load_config().rule_ids)
    assert f"{cases}, line 4" in str(err.value) and "unknown category" in str(err.value)
    assert main(["test-rules", str(cases)]) == 2
