"""Every rule's docstring examples run as tests: an example marked ``Fires:`` must make that
rule fire, one marked ``Okay:`` must not (pycodestyle's way: docs cannot drift from behaviour)."""

from __future__ import annotations

import pytest

from moderator.rules.base import ThreadRule
from moderator.rules.config import load_config
from moderator.rules.registry import rule_classes
from moderator.rules.scorer import Scorer
from moderator.rules.single import score_text

CASES = [
    pytest.param(cls, ex, id=f"{cls.id}:{'fires' if ex.fires else 'okay'}:{ex.text[:40]}")
    for cls in rule_classes()
    if not issubclass(cls, ThreadRule)
    for ex in cls.examples()
]


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer(load_config())


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_docstring_example(scorer, rule, example):
    score = score_text(scorer, example.text, parent=example.parent, article=example.article)
    fired = {h.rule_id for h in score.hits}
    # amplifiers only show up beside a real hit; check the raw rule for them
    if rule.amplifier:
        ctx_rule = next(r for r in scorer.ruleset.comment_rules if r.id == rule.id)
        from moderator.rules.base import ThreadContext
        from moderator.rules.single import one_comment_thread

        t = one_comment_thread(example.text, parent=example.parent, article=example.article)
        tctx = ThreadContext(t)
        ctx_rule.prepare(tctx)
        fired = {rule.id} if ctx_rule.check(tctx.context(t.get("text"))) else set()
    assert (rule.id in fired) is example.fires, (
        f"{rule.id} {'should' if example.fires else 'should not'} fire on {example.text!r}; "
        f"hits: {score.reasons() or 'none'}"
    )


def test_every_rule_has_examples_both_ways():
    for cls in rule_classes():
        if issubclass(cls, ThreadRule):
            continue
        kinds = {ex.fires for ex in cls.examples()}
        assert kinds == {True, False}, f"{cls.id} needs a Fires: and an Okay: example"


def test_every_rule_is_configured_in_the_shipped_rules_file():
    import tomllib

    from moderator.resources_access import default_rules_text

    shipped = tomllib.loads(default_rules_text())["rules"]
    for cls in rule_classes():
        assert cls.id in shipped, f"{cls.id} has no entry in resources/rules.toml"
