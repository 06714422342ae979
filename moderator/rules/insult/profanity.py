"""insult.profanity: better-profanity's words (and ours), in tiers by how abusive they are."""

from __future__ import annotations

from typing import Any, ClassVar

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext, ThreadContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.profanity_words import Match, ProfanityMatcher, better_profanity_words
from moderator.rules.insult.screen import ScreenedRule, spelled_out
from moderator.rules.insult.shared import quoted
from moderator.rules.insult.view import View, text_view, view

_NAMES_KEY = "insult.profanity.article_names"


class Profanity(ScreenedRule):
    """Swear words, vulgar words and slurs: better-profanity's list with its leetspeak.

    Strong words give ``points``, each further distinct one ``each_more_points``, up to
    ``max_points`` (under the threshold: swearing alone is not an insult); a slur (word list
    ``insult_slurs``) gives at least ``slur_points``, enough to flag on its own. Mild or
    ambiguous words (``insult_profanity_mild``: "gay", "god", "hell", "murder", "drunk",
    "slave", ...) give ``mild_points``, too few to flag anything alone. Words on the
    library's list that are plain vocabulary ("vodka", "organ", "virgin") never count
    (``insult_profanity_ignore``).

    False positives that shaped it: better-profanity flags on-topic sentences such as "there
    are gay clubs in Russia" and the band "Pussy Riot"; a capitalised name that the article
    uses is not an insult, and words the article uses itself count as mild at most. Swearing
    that is not aimed at anyone ("this is fucking great") is not an insult by itself, so
    strong words stay under the threshold unless another insult rule fires.

    Fires: you fuckin a$$hole
    Fires: what a load of sh1t
    Fires: f u c k this
    Fires: opinions are like ASS HOLES everybody has one
    Okay: the assassin was from Scunthorpe and loved classic cocktails
    Okay: Dickens wrote about Sussex; my analysis is done
    Okay: Pussy Riot were released || article: the amnesty frees the punk band Pussy Riot
    Fires: there are gay clubs in Russia
    """

    id = "insult.profanity"
    category = Category.INSULT
    default_points = 20
    summary = "Swear words, vulgar words and slurs (better-profanity's list, leetspeak too)."
    default_params: ClassVar[dict[str, Any]] = {"mild_points": 5, "slur_points": 50,
                                                "each_more_points": 5, "max_points": 25}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        ignore = lexicon.words("insult_profanity_ignore")
        words = [w for w in (*better_profanity_words(), *lexicon.words("insult_profanity_extra"),
                             *lexicon.words("insult_slurs")) if w not in ignore]
        self.matcher = ProfanityMatcher(words, spoken=lexicon.words("insult_profanity_spoken"))
        self.mild = lexicon.words("insult_profanity_mild")
        self.slurs = lexicon.words("insult_slurs")
        self.names = lexicon.words("insult_profanity_names")

    letters = True

    def watched(self) -> tuple[frozenset[str], list[ProfanityMatcher]]:
        return frozenset(), [self.matcher]  # every listed word, through the matcher

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        return self.matcher.pairs()  # "blow job", "ASS HOLES"

    def prepare(self, thread: ThreadContext) -> None:
        super().prepare(thread)
        if _NAMES_KEY in thread.cache:
            return
        v = text_view(thread.article_text)
        names: set[tuple[str, ...]] = set()
        topic: set[str] = set()
        words = v.words
        for m in self.matcher.find(v, frozenset(words)):
            topic.add(m.word)
            if v.capitalised(m.first):
                a, b = m.first, m.last
                while a > 0 and v.capitalised(a - 1) and not v.sentence_break(a):
                    a -= 1
                while b + 1 < len(words) and v.capitalised(b + 1) and not v.sentence_break(b + 1):
                    b += 1
                if b > a:
                    names.add(tuple(words[a:b + 1]))
        in_names = frozenset(w for name in names for w in name)
        thread.cache[_NAMES_KEY] = (names, frozenset(topic), in_names)

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        if not seen:
            return None
        v = view(ctx)
        matches = self.matcher.find(v, seen, ctx.words, spelled_out(ctx))
        if not matches:
            return None
        names, topic, in_names = ctx.thread.cache.get(_NAMES_KEY) or (set(), frozenset(),
                                                                     frozenset())
        strong: list[Match] = []
        slurs: list[Match] = []
        mild: list[Match] = []
        for m in matches:
            if (m.word in self.names or v.words[m.first] in in_names) and \
                    self._is_name(m, v, names) or self._allowed(m, v):
                continue
            if m.word in self.slurs and m.word not in topic:
                slurs.append(m)
            elif m.word in self.mild or m.word in topic:
                mild.append(m)
            else:
                strong.append(m)
        if not (strong or slurs or mild):
            return None
        counted = slurs + strong
        if counted:
            distinct = len({m.word for m in counted})
            points = self.points + self.params["each_more_points"] * (distinct - 1)
            if slurs:
                points = max(points, self.params["slur_points"])
            else:
                points = min(points, self.params["max_points"])
            shown = counted + mild
        else:
            points = self.params["mild_points"]
            shown = mild
        parts = []
        for group, one, many in ((slurs, "a slur", "slurs"),
                                 (strong, "a swear word", "swear words"),
                                 (mild, "a mild word", "mild words")):
            if group:
                said = quoted(v.raw(m.first, m.last) for m in group)
                parts.append(f"{many if len({m.word for m in group}) > 1 else one}: {said}")
        shown.sort(key=lambda m: m.first)
        return self.hit("uses " + "; ".join(parts), [v.span(m.first, m.last) for m in shown],
                        points=min(100, points))

    def _is_name(self, m: Match, v: View, names: set[tuple[str, ...]]) -> bool:
        """Part of a capitalised name: one the article uses, or a first name ("Dick Smith")."""
        if not v.capitalised(m.first):
            return False
        words = v.words
        if m.word in self.names and m.last + 1 < len(words) and v.capitalised(m.last + 1) \
                and not v.sentence_break(m.last + 1):
            return True
        for name in names:
            for start in range(max(0, m.first - len(name) + 1), m.first + 1):
                if tuple(words[start:start + len(name)]) == name:
                    return True
        return False

    def _allowed(self, m: Match, v: View) -> bool:
        if not self.lexicon.allowlist:
            return False
        if self.lexicon.allowed(m.word) or any(
                self.lexicon.allowed(v.words[i]) for i in range(m.first, m.last + 1)):
            return True
        start, end = v.offset(m.first)[0], v.offset(m.last)[1]
        for phrase in self.lexicon.allowlist:
            if " " in phrase:
                at = v.lower.find(phrase)
                while at != -1:
                    if at <= start and end <= at + len(phrase):
                        return True
                    at = v.lower.find(phrase, at + 1)
        return False
