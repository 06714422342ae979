"""``off_topic.spam`` (promotion) and ``off_topic.link`` (links to elsewhere)."""

from __future__ import annotations

import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, Rule, ThreadContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.off_topic.phrases import Found, PhraseMatcher, quoted
from moderator.rules.text import lower, words_of

# Words that may begin a money offer.
_MONEY_WORDS = frozenset({"money", "cash"})
# "earn $500 a day", "making £2,000 per week": money offered for a day's or a week's work.
# Hourly and monthly sums are left out: wages are what political threads argue about.
_MONEY_OFFER = re.compile(
    r"\b(?:earn(?:ing|s)?|mak(?:e|es|ing))\s+(?:up\s+to\s+|over\s+|about\s+)?"
    r"[$£€]\s?\d[\d,.]*\s*[k+]?\s*(?:usd|dollars|bucks)?\s*"
    r"(?:a|an|per|/|every|each)\s*(?:day|week)\b|"
    r"\b(?:earn|make)\s+(?:money|cash)\s+(?:online|from\s+home|fast)\b")

# Top-level domains a host name may end in.
_TLDS = ("com", "net", "org", "info", "biz", "io", "co", "ly", "be", "gl", "me", "tv", "ru", "uk",
         "ca", "us", "de", "fr", "xyz", "online", "site", "shop", "app")
# A link: a scheme or www., or a host name ending in a common top-level domain.
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+|"
    r"\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:" + "|".join(_TLDS) + r")"
    r"\b(?:/[^\s<>\"'()]*)?",
    re.IGNORECASE)
# The exact first look, on the lower-cased text: a dot before a known top-level domain, or a
# scheme or "www." anywhere; and a word "http", "www" or a domain among the comment's words.
# Case-sensitive: IGNORECASE makes it 4x slower.
_LINK_WORDS = frozenset({"http", "https", "www", *_TLDS})
_TLD = re.compile(r"\.(?:" + "|".join(_TLDS) + r")\b")
_KELVIN = "\u212a"  # the Kelvin sign: the one character beyond ASCII that lower-cases to "k"


def _any_case(word: str) -> str:
    """``"uk"`` -> ``"[Uu][Kk<Kelvin sign>]"``: each character that lower-cases to each letter."""
    return "".join(f"[{c.upper()}{c}{_KELVIN if c == 'k' else ''}]" for c in word)


# Before it, a cheaper look on the text as written (no lower-cased copy): the same dots and
# "www." in any case, letter by letter (the regex engine skips from dot to dot). It passes
# wherever ``_TLD`` or "www." finds something in the lower-cased text, since lower-casing makes
# an ASCII letter only of that letter in either case and the Kelvin sign ("İ" gives "i" and a
# combining dot, which no domain has after an "i"), "." only of ".", and never a non-word
# character of a word character (``\b`` holds where it held). The exact look follows. After
# most dots comes a space: one look at the next letter rules out every domain at once.
_FIRST_LETTERS = "".join(sorted({c for w in _TLDS for c in (w[0], w[0].upper())}))
_LINK_SHAPE = re.compile(r"\.(?:(?<=[Ww][Ww][Ww]\.)|(?=[" + _FIRST_LETTERS + r"])"
                         r"(?:" + "|".join(map(_any_case, _TLDS)) + r")\b)")


class Spam(Rule):
    """Promotion: "check out my channel", "subscribe", "click here" (phrases in
    ``off_topic_spam_phrases``), or money offered for easy work ("earn $500 a day"), in a
    post of at most ``max_words`` words.

    Fires: Check out my channel for daily reaction videos!
    Fires: I earn $500 a day working from home, ask me how
    Okay: Channel 4 covered the amnesty better than this article.
    Okay: Workers who make $15 an hour cannot afford a newspaper subscription.

    Shaped by false positives: political threads argue about wages ("make $15 an hour"),
    so only daily and weekly sums count as an offer; "subscription" is not "subscribe"; a long
    argument about paywalls that imagines a pop-up ("click here to pay") is no advert, hence
    ``max_words`` (a long advert shares nothing with the article: ``low_relevance``).
    """

    id = "off_topic.spam"
    category = Category.OFF_TOPIC
    default_points = 60
    summary = "Promotes a channel, site or money-making offer."
    default_params: ClassVar[dict[str, Any]] = {"max_words": 80}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        common = lexicon.words("off_topic_stopwords") | lexicon.words("off_topic_common")
        self.matcher = PhraseMatcher((p for p in lexicon.words("off_topic_spam_phrases")
                                      if not lexicon.allowed(p)), common)
        self._keys = self.matcher.keys | _MONEY_WORDS

    def check(self, ctx: CommentContext) -> Hit | None:
        words = ctx.word_list
        if len(words) > self.params["max_words"]:
            return None
        text = ctx.text
        money = "$" in text or "£" in text or "€" in text
        if not money and self._keys.isdisjoint(words):
            return None  # the first look: no key word, no currency sign (nearly every comment)
        found = self.matcher.find(ctx)
        if money or not _MONEY_WORDS.isdisjoint(words):
            found += [Found(m.group(), m.start(), m.end())
                      for m in _MONEY_OFFER.finditer(ctx.lower)]
        if not found:
            return None
        found.sort(key=lambda f: f.start)
        return self.hit(f"promotes something: {quoted(found)}",
                        [ctx.span(f.start, f.end) for f in found])


class Link(Rule):
    """Links to another site. A link alone scores ``points`` (not enough to flag: readers
    cite sources); a post that is little more than a link (at most ``bare_max_words``
    other words) scores ``bare_link_points``. Links to the article's own site never count.

    Fires: New video out now: https://example.com/watch?v=abc123
    Fires: More at www.example.org and in the report.
    Okay: The U.S. and the E.U. disagree, e.g. on Syria.
    Okay: It ended.Then Putin spoke again.

    Shaped by false positives: "U.S.", "e.g." and sentences run together ("ended.Then") look
    like host names to a loose pattern; a host must end in a known top-level domain.
    """

    id = "off_topic.link"
    category = Category.OFF_TOPIC
    default_points = 25
    summary = "Links to another site; a post that is mostly a link scores more."
    default_params: ClassVar[dict[str, Any]] = {"bare_link_points": 50, "bare_max_words": 4}

    def prepare(self, thread: ThreadContext) -> None:
        thread.cache[self.id] = _site(thread.article.url)

    def check(self, ctx: CommentContext) -> Hit | None:
        text = ctx.text
        scheme = ":" in text and "://" in text
        if not scheme and _LINK_SHAPE.search(text) is None:
            return None  # the cheap first look (nearly every comment)
        if _LINK_WORDS.isdisjoint(ctx.word_list):
            return None
        if not scheme:
            low = ctx.lower
            if "www." not in low and not _TLD.search(low):
                return None
        site = ctx.thread.cache.get(self.id)
        if site is None:
            site = _site(ctx.thread.article.url)
        links = []
        for m in _LINK.finditer(text):
            host = _host(m.group())
            if site and (host == site or host.endswith("." + site)):
                continue
            if self.lexicon.allowed(host):
                continue
            links.append((m.start(), m.end(), host))
        if not links:
            return None
        inside = sum(len(words_of(lower(text[s:e]))) for s, e, _ in links)
        others = len(ctx.word_list) - inside
        hosts = ", ".join(dict.fromkeys(h for _, _, h in links))
        points = self.params["bare_link_points"] if others <= self.params["bare_max_words"] \
            else None
        what = "is mostly a link" if points is not None else "links"
        return self.hit(f"{what} to {hosts}", [ctx.span(s, e) for s, e, _ in links],
                        points=points)


def _host(link: str) -> str:
    """``www.example.com/x`` -> ``example.com``; the host of a link, lower case, no ``www.``."""
    url = link if "://" in link else "http://" + link
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    host = lower(host).rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _site(url: str) -> str:
    """The article's site: ``news.example.co.uk`` -> ``example.co.uk``; ``""`` without a URL."""
    host = _host(url) if url else ""
    parts = host.split(".")
    if len(parts) < 2:
        return ""
    keep = 3 if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2 else 2
    return ".".join(parts[-keep:])
