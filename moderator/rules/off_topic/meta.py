"""``off_topic.meta``: a post about the site or its moderation, not about the article."""

from __future__ import annotations

from typing import Any, ClassVar

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule, ThreadContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.off_topic.phrases import PhraseMatcher, quoted


class Meta(Rule):
    """About the site or the moderation, in a post of at most ``max_words`` words: the
    comment section, the moderators, censorship of the poster (``off_topic_meta_phrases``),
    or the poster's own earlier post (``off_topic_meta_own_posts``: "posted a comment") with
    what became of it (``off_topic_meta_gone``: "not there", "deleted", "vanished").

    Fires: Funny, posted a comment and it's not there.
    Fires: Why was I censored? My comment vanished again.
    Fires: Wow. Comments section on this still active.
    Fires: My previous post disappeared, can someone fix it?
    Fires: Dear mods, stop removing my links
    Okay: Putin's amnesty is a publicity stunt before Sochi.
    Okay: As I said in my comment above, the amnesty is a stunt.
    Okay: my last post on the bike lanes got 40 likes
    Okay: The Kremlin censored me and my paper. || article: Who was censored? Me, says a reporter.

    Shaped by false positives: an article about censorship or the press makes "censored"
    and "moderators" the subject, so a phrase whose every word is in the article does not
    count; "my comment above" refers to an argument, so the poster's own post counts only
    with what became of it; and a long argument that complains in passing is about the
    article, hence ``max_words``.
    """

    id = "off_topic.meta"
    category = Category.OFF_TOPIC
    default_points = 60
    summary = "About the site or its moderation (a vanished comment, censorship of the poster)."
    default_params: ClassVar[dict[str, Any]] = {"max_words": 40}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        common = lexicon.words("off_topic_stopwords") | lexicon.words("off_topic_common")
        self.matcher = PhraseMatcher((p for p in lexicon.words("off_topic_meta_phrases")
                                      if not lexicon.allowed(p)), common)
        self.own_posts = PhraseMatcher(lexicon.words("off_topic_meta_own_posts"), common)
        self.gone = PhraseMatcher(lexicon.words("off_topic_meta_gone"), common)
        self._keys = self.matcher.keys | self.own_posts.keys

    def prepare(self, thread: ThreadContext) -> None:
        article = {t.text for t in thread.article_tokens}
        thread.cache[self.id] = frozenset(
            phrase for phrase, words in self.matcher.phrases_keyed(self.matcher.keys & article)
            if article.issuperset(words))

    def check(self, ctx: CommentContext) -> Hit | None:
        words = ctx.word_list
        if len(words) > self.params["max_words"] or self._keys.isdisjoint(words):
            return None  # the first look: long, or no phrase's key word (nearly every comment)
        skip = ctx.thread.cache.get(self.id)
        if skip is None:
            self.prepare(ctx.thread)
            skip = ctx.thread.cache[self.id]
        found = self.matcher.find(ctx, skip)
        own = self.own_posts.find(ctx)
        if own:
            gone = self.gone.find(ctx)
            if gone:
                found = sorted([*found, *own, *gone], key=lambda f: f.start)
        if not found:
            return None
        return self.hit(f"is about the site or its moderation: {quoted(found)}",
                        [ctx.span(f.start, f.end) for f in found])
