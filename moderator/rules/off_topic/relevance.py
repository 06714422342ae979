"""``off_topic.low_relevance``: a comment that shares (almost) no content words with its
article, its parent or the rest of the thread."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any, ClassVar

from moderator.core import Category, Comment, Hit
from moderator.rules.base import CommentContext, Rule, ThreadContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.off_topic.words import ContentWords, word_spans
from moderator.rules.text import tokenize

# Comments counted per call. One C call holds the GIL throughout, and while the app scores in
# a background thread its window needs the GIL for every call into Python (each cell it
# paints, a hundred or more a repaint): each may wait for a whole call. 100,000 comments in
# one call take 250 ms; 20 take some 50 us.
_COUNT_BATCH = 20


@dataclass
class ThreadWords:
    """What one thread says, worked out once per thread in :meth:`LowRelevance.prepare`."""

    article: frozenset[str]  # content stems of the article (title and body)
    stems: dict[str, set[str]]  # comment id -> its content stems
    df: Counter[str]  # stem -> how many comments use it
    weight: dict[str, float]  # stem -> its weight as evidence of relevance (capped)
    replies: dict[str, set[str]]  # comment id -> content stems of its direct replies
    silent: bool = False  # too little to measure against: no comment is judged


class LowRelevance(Rule):
    """Shares (almost) none of its content words with the article, its parent or the thread.

    Content words are the comment's words less stop words and common words
    (``off_topic_stopwords``, ``off_topic_common``), each reduced to a stem and counted once.
    Each one is evidence of relevance, weighted by where else it occurs:

    * in the article (title and body): ``article_weight`` x log2(1 + times used there), so the
      article's own subject ("Putin", "media") counts more than a word it uses once;
    * in the parent, for a reply (the parent's author's name too): ``parent_weight``;
    * in other comments: up to ``thread_weight``, reached when at least ``thread_min_comments``
      others (or ``thread_share`` of the thread, when more) use it. A thread's discussion
      wanders from the article ("Obama", "Olympics") and stays on topic.

    A word counts at most ``word_cap``. The relevance is the sum divided by
    (number of content words) ^ ``length_exponent``; below ``min_relevance`` the rule fires,
    unless at least ``on_topic_share`` of the words are the article's or the parent's (a
    short article uses each word once, so its words weigh little).
    An article of fewer than ``article_full_words`` content words (a title only; none at all
    in a Disqus or CSV export) says little, so the weight of the thread's words rises towards
    ``thread_weight_alone``; with fewer than ``article_min_words`` and a thread of fewer than
    ``thin_min_comments`` comments there is nothing to measure against, and the rule is silent.
    The statistics (article counts, how many comments use each word, replies) are worked out
    once per thread in :meth:`prepare`.

    Fires: Katy Perry rocks || article: Putin freed Riot, Kremlin foes, oligarchs pre-Sochi
    Fires: Cheap tyres in Doha? || article: Putin freed Riot, Kremlin foes, oligarchs pre-Sochi
    Okay: Kremlin foes freed || article: Putin freed Riot, Kremlin foes, oligarchs pre-Sochi
    Okay: Well put, nathan. How true that rings! || parent: What about drone strikes in Pakistan?

    Shaped by false positives:

    * Short replies ("Beautifully said, Joseph. Thanks a million!", "The curtain was sold 20
      years ago. So, don't worry.") share few words with anything and are the conversation
      itself. A reply, and a top-level comment that drew a reply using its words ("Iron
      Curtain closes after Soji final ceremonies.."), is judged only from
      ``reply_min_words`` content words on, and only below ``reply_min_relevance``.
    * A comment with fewer than ``min_words`` content words is not judged (empty posts are
      ``off_topic.empty``'s), and one of at most ``short_words`` that uses a key word of the
      article and thread (weight >= ``key_weight``: "Olympics" in a thread on Sochi) is on
      topic however few its other words.
    * "think", "people", "time", "country" are in nearly every comment and made unrelated
      posts look relevant: they are in ``off_topic_common``.
    * Without the article (the sample thread with a title only), a thread of 49 comments
      flagged a dozen on-topic posts: hence the thin-article rules above.
    """

    id = "off_topic.low_relevance"
    category = Category.OFF_TOPIC
    default_points = 60
    summary = "Shares (almost) no content words with the article, its parent or the thread."
    default_params: ClassVar[dict[str, Any]] = {
        "min_relevance": 0.55,
        "min_words": 3,
        "on_topic_share": 0.34,
        "article_weight": 0.5,
        "parent_weight": 1.0,
        "thread_weight": 0.25,
        "thread_min_comments": 2,
        "thread_share": 0.02,
        "article_full_words": 100,
        "thread_weight_alone": 1.0,
        "article_min_words": 8,
        "thin_min_comments": 100,
        "word_cap": 2.0,
        "length_exponent": 0.7,
        "short_words": 5,
        "key_weight": 1.0,
        "reply_min_words": 15,
        "reply_min_relevance": 0.1,
    }

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.words = ContentWords(lexicon.words("off_topic_stopwords")
                                  | lexicon.words("off_topic_common"))

    def digest(self) -> Callable[[list[str]], set[str]]:
        return self.words.stems  # a comment's content stems

    def prepare(self, thread: ThreadContext) -> None:
        p = self.params
        tw = self._thread_words(thread)
        # nothing to measure against: no article and a short thread
        tw.silent = (len(tw.article) < p["article_min_words"]
                     and len(thread.thread.comments) < p["thin_min_comments"])
        thread.cache[self.id] = tw

    def check(self, ctx: CommentContext) -> Hit | None:
        tw: ThreadWords | None = ctx.thread.cache.get(self.id)
        if tw is None or ctx.comment.id not in tw.stems:  # scored outside a prepared thread
            self.prepare(ctx.thread)
            tw = ctx.thread.cache[self.id]
        if tw.silent:
            return None
        found = self._judge(ctx.thread, tw, ctx.comment)
        return None if found is None else self._hit(ctx, tw, *found)

    def _thread_words(self, thread: ThreadContext) -> ThreadWords:
        p = self.params
        stem = self.words.stem
        article_tf = Counter(map(stem, (t.text for t in thread.article_tokens)))
        del article_tf[""]
        comments = thread.thread.comments
        content = self.words.stems
        found = thread.digests(self.id, content)  # each comment's distinct stems
        stems: dict[str, set[str]] = dict(zip((c.id for c in comments), found, strict=True))
        df: Counter[str] = Counter()
        for at in range(0, len(found), _COUNT_BATCH):  # one C call at a time holds the GIL:
            df.update(chain.from_iterable(found[at:at + _COUNT_BATCH]))  # keep each short
        replies: dict[str, set[str]] = {}
        for c in comments:
            parent = c.parent_id
            if parent in stems:
                theirs = replies.get(parent)
                if theirs is None:
                    replies[parent] = set(stems[c.id])
                else:
                    theirs.update(stems[c.id])
        k = max(float(p["thread_min_comments"]), p["thread_share"] * len(comments), 1.0)
        a, t, cap = p["article_weight"], p["thread_weight"], p["word_cap"]
        # A thin article (a title only, or none: Disqus and CSV exports) says little: the
        # thread's own vocabulary carries the weight instead.
        thin = max(0.0, 1.0 - len(article_tf) / max(1, p["article_full_words"]))
        t += (p["thread_weight_alone"] - t) * thin
        log2 = math.log2
        weight = {
            w: min(cap, a * log2(1 + article_tf.get(w, 0)) + t * min(1.0, (n - 1) / k))
            for w, n in df.items()
        }
        return ThreadWords(frozenset(article_tf), stems, df, weight, replies)

    def _judge(self, thread: ThreadContext, tw: ThreadWords, c: Comment
               ) -> tuple[set[str], set[str], float, float] | None:
        """(content stems, those shared with the parent, relevance, threshold) when comment
        ``c`` is off topic, else None. Judged as each comment is checked (in both processes
        when a large thread is split), from the thread's statistics."""
        p = self.params
        weight, stems = tw.weight, tw.stems
        s = stems[c.id]
        n = len(s)
        parent = c.parent_id if c.parent_id in stems else ""
        if parent or not s.isdisjoint(tw.replies.get(c.id, ())):  # a conversation
            min_words, threshold = p["reply_min_words"], p["reply_min_relevance"]
        else:
            min_words, threshold = p["min_words"], p["min_relevance"]
        if n < min_words or n == 0:
            return None
        scale = n ** p["length_exponent"]
        get = weight.__getitem__
        total = sum(map(get, s))
        if total >= threshold * scale:  # most comments stop here
            return None
        in_parent: set[str] = set()
        if parent:  # the parent's words (and its author's name) count more
            cap, pw = p["word_cap"], p["parent_weight"]
            in_parent = s & (stems[parent] | self._name(thread.thread.get(parent)))
            total += sum(min(cap, weight[w] + pw) - weight[w] for w in in_parent)
        relevance = total / scale
        if relevance >= threshold:
            return None
        if len(s & tw.article) + len(in_parent - tw.article) >= p["on_topic_share"] * n:
            return None
        if n <= p["short_words"] and max(map(get, s)) >= p["key_weight"]:
            return None
        return s, in_parent, relevance, threshold

    def _name(self, comment: Comment | None) -> set[str]:
        """The stems of an author's name ("Well put, nathan" answers nathan)."""
        if comment is None or not comment.author:
            return set()
        return {s for tok in tokenize(comment.author) if (s := self.words.stem(tok.text))}

    def _hit(self, ctx: CommentContext, tw: ThreadWords, s: set[str], in_parent: set[str],
             relevance: float, threshold: float) -> Hit:
        shared = (s & tw.article) | in_parent
        elsewhere = {w for w in s - shared if tw.df[w] > 1}
        where = "the article or its parent" if ctx.comment.parent_id else "the article"
        reason = f"shares {len(shared)} of its {len(s)} content words with {where}"
        if elsewhere:
            reason += f"; {len(elsewhere)} more are used in other comments"
        reason += f" (relevance {relevance:.2f}, below {threshold:.2f})"
        unmatched = (s - shared - elsewhere) or (s - shared)
        words = self.words.having(ctx.words, unmatched)
        return self.hit(reason, [ctx.span(i, j) for i, j in word_spans(ctx, words)])
