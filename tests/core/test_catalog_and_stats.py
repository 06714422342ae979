"""`moderator rules` (generated from the rule units; the README's reference kept in sync) and
`moderator stats` (which rules the reviewer overrides)."""

from __future__ import annotations

from moderator.cli import main
from moderator.core import Category
from moderator.rules.catalog import README_BEGIN, README_END, as_markdown, rule_infos
from moderator.rules.config import load_config
from moderator.rules.registry import rule_classes
from moderator.session import ReviewSession
from moderator.session.analysis import analyse
from tests.conftest import REPO


def test_rules_lists_every_rule_with_examples(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for cls in rule_classes():
        assert cls.id in out
    assert "thresholds: insult" in out


def test_rules_reflects_a_users_file(tmp_path, capsys):
    p = tmp_path / "r.toml"
    p.write_text('[rules."duplicate.copied_text"]\npoints = 7\nenabled = false\n')
    assert main(["rules", "--rules", str(p)]) == 0
    out = capsys.readouterr().out
    assert "duplicate.copied_text  (duplicate, 7 points)  [disabled]" in out


def test_readme_rule_reference_is_generated_and_current():
    config = load_config()
    expected = as_markdown(rule_infos(config), config.thresholds)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert README_BEGIN in readme and README_END in readme
    current = readme.split(README_BEGIN, 1)[1].split(README_END, 1)[0].strip()
    assert current == expected.strip(), (
        "README rule reference is stale: run `moderator rules --markdown` and paste it "
        "between the rules markers")


def test_stats_counts_upheld_and_overridden_flags(sample_path, tmp_path, capsys):
    session_path = tmp_path / "s.sqlite"
    s = ReviewSession.open(analyse(sample_path), session_path, reviewer="ana")
    flagged = [(t.id, c.id) for t in s.threads for c in t.comments
               if Category.DUPLICATE in s.auto_flags((t.id, c.id))]
    assert flagged
    s.apply(s.change_keep(flagged))  # the reviewer overrides the repost flag
    s.close()
    assert main(["stats", str(session_path)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("duplicate.same_author_repost"))
    decided, upheld, overridden = line.split()[1:4]
    assert (decided, upheld, overridden) == (str(len(flagged)), "0", str(len(flagged)))
    assert line.split()[-1] == "100%"
