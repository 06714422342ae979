"""Evidence offsets point into the body as the moderator sees it, even when the text was
written with decomposed accents (normalised to NFC for scoring)."""

from __future__ import annotations

import unicodedata

from moderator.core import Article, Comment, Thread
from moderator.rules.base import ThreadContext


def context(body: str):
    t = Thread("t", Article(), (Comment("c1", body),))
    return ThreadContext(t).context(t.comments[0])


def test_spans_map_back_over_decomposed_accents():
    shown = "Cafe\u0301 idiots and cre\u0300me bru\u0302le\u0301e"
    ctx = context(shown)
    assert ctx.text == unicodedata.normalize("NFC", shown) != shown
    for word in ("Café", "idiots", "crème", "brûlée"):
        start = ctx.text.index(word)
        span = ctx.span(start, start + len(word))
        assert unicodedata.normalize("NFC", shown[span.start:span.end]) == word


def test_plain_text_spans_are_unchanged():
    ctx = context("you are a moron")
    assert ctx.span(10, 15).start == 10 and ctx.span(10, 15).end == 15
