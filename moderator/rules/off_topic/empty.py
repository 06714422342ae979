"""``off_topic.empty``: a post with nothing to read."""

from __future__ import annotations

import re

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule
from moderator.rules.config import Lexicon, RuleSettings

# Laughter and letters held down: "hahaha", "loool", "aaaahh", "xDDD".
_NOISE = re.compile(r"(?:[ha]*h[ha]*|(?:he)+h?|lo+l|x+d+|(.)\1{2,}.*|.*(.)\2{3,}.*)")


class Empty(Rule):
    """Empty or content-free: no letters or digits at all (blank, only punctuation or
    emoji), or, at top level, nothing but filler (``off_topic_filler``: "lol", "test",
    "bump", laughter such as "hahaha").

    Fires: !!!! ???
    Fires:
    Fires: lol hahaha
    Okay: I agree || parent: Putin should free every political prisoner, not just a few.
    Okay: No.
    Okay: lol || parent: Putin will ride a bear at the closing ceremony.

    Shaped by false positives: "lol" and "haha" answering a comment react to it, so filler
    counts only at top level; "No.", "I agree" and "+1" say something and never fire.
    """

    id = "off_topic.empty"
    category = Category.OFF_TOPIC
    default_points = 60
    summary = "Empty, or nothing but punctuation, emoji or filler."

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.filler = lexicon.words("off_topic_filler")

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        if not any(map(str.isalnum, text)):
            if not text.strip():
                return self.hit("is empty")
            start = len(text) - len(text.lstrip())
            end = len(text.rstrip())
            return self.hit("has no words, only symbols or emoji", [ctx.span(start, end)])
        if ctx.comment.parent_id or len(text) > 200 or len(ctx.words) > 6:
            return None
        words = ctx.words - self.filler
        if any(not _NOISE.fullmatch(w) for w in words):
            return None
        shown = ", ".join(f'"{t.raw}"' for t in ctx.tokens[:3])
        return self.hit(f"says nothing: only {shown}" + (" ..." if len(ctx.tokens) > 3 else ""),
                        [ctx.span(t.start, t.end) for t in ctx.tokens])
