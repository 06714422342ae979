"""The plain data the engine hands around stays frozen, comparable and picklable (their
initialisers are written by hand for speed, so this holds them to what a dataclass gives)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from moderator.core import Category, Comment, CommentScore, Hit, Span


def examples() -> list[object]:
    hit = Hit("insult.profanity", Category.INSULT, 20, 'uses a swear word: "crap"',
              (Span(4, 8),))
    return [
        Span(4, 8),
        hit,
        Hit("duplicate.same_author", Category.DUPLICATE, 60, "posted before",
            duplicate_of="c1", similarity=97.5),
        CommentScore("c2", (hit,), {Category.INSULT: 20}, frozenset({Category.INSULT})),
        Comment("c2", "what a load of crap", author="joe", parent_id="c1", depth=1,
                posted_at="2014-01-04T10:00:00", posted_at_raw="10:00", position=1,
                thread_id="t", status="approved"),
    ]


@pytest.mark.parametrize("obj", examples(), ids=lambda o: type(o).__name__)
def test_frozen_comparable_and_picklable(obj):
    fields = dataclasses.fields(obj)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, fields[0].name, None)
    copy = dataclasses.replace(obj)
    assert copy == obj and copy is not obj
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert list(vars(obj)) == [f.name for f in fields]  # every field set, in order
    assert repr(obj).startswith(f"{type(obj).__name__}({fields[0].name}=")


def test_defaults_and_keywords_as_declared():
    assert Hit("r", Category.INSULT, 5, "why") == Hit(
        rule_id="r", category=Category.INSULT, points=5, reason="why", spans=(),
        duplicate_of="", similarity=0.0)
    c = Comment("c1", "hello")
    assert (c.author, c.parent_id, c.depth, c.position, c.status) == ("", "", 0, 0, "")
    assert hash(Span(1, 2)) == hash(Span(1, 2)) and Span(1, 2) != Span(1, 3)
    assert dataclasses.replace(c, depth=2).depth == 2
