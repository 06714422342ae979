"""insult.dismissal: telling the reader to shut up or go away."""

from __future__ import annotations

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.grammar import IMPERATIVE_LEADS, MAY, TOLD, YOU_AND_ALL, YOU_WORDS
from moderator.rules.insult.phrase_rule import PhraseRule
from moderator.rules.insult.profanity_words import ProfanityMatcher
from moderator.rules.insult.screen import spelled_out
from moderator.rules.insult.shared import quoted
from moderator.rules.insult.view import View, view


class Dismissal(PhraseRule):
    """Tells someone to shut up or go away: "shut up", "get lost", "away with you".

    Phrases: ``insult_dismissals`` (phrase syntax in :mod:`.phrases`). Only a command counts:
    the phrase starts a sentence or follows "oh", "just", "please", "why don't you", a comma,
    a name, or "you need to".

    False positive that shaped it: "the pain will go away" and "they told him to shut up"
    are not said to the reader; a phrase in the middle of a sentence does not count.

    Fires: Oh, shut up! Nobody asked.
    Fires: hey joe, why don't you stay off this blog
    Fires: Get lost.
    Fires: you really need to grow up
    Fires: f*** you buddy
    Okay: the problem will not go away by itself
    Okay: they told the protesters to shut up
    Okay: the radio played "fuck you" by Cee Lo at the break
    """

    id = "insult.dismissal"
    category = Category.INSULT
    default_points = 50
    summary = "Tells the reader to shut up, get lost or go away."

    # odd spellings of the phrases' words ("shut the fuuuck up", "f*ck off"), and one-word
    # commands spelled out ("S T F U", "s..t..f..u")
    phrases_list = "insult_dismissals"
    letters = True  # "S T F U"

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.spelling = ProfanityMatcher(w for w in lexicon.words(self.phrases_list)
                                         if w.isalpha())

    def check(self, ctx: CommentContext) -> Hit | None:
        seen, odd, gated = self.candidates(ctx)
        if not seen:
            return None
        runs = spelled_out(ctx)
        if not gated and not runs:
            return None
        v = view(ctx)
        found = [(f.first, f.last) for f in self.phrases.find(v, ctx.words, odd, seen)
                 if _commanded(v, f.first)] if gated else []
        if runs:
            found += [(m.first, m.last) for m in self.spelling.find(v, seen, ctx.words, runs)
                      if m.first != m.last and not _inside(m.first, found) and
                      _commanded(v, m.first)]
        found = [f for f in found if not v.in_quotes(f[0])]  # quoted, not said to anyone
        if not found:
            return None
        found.sort()
        said = quoted(v.raw(a, b) for a, b in found)
        return self.hit(f"tells the reader {said}", [v.span(a, b) for a, b in found])


def _inside(i: int, found: list[tuple[int, int]]) -> bool:
    for a, b in found:
        if a <= i <= b:
            return True
    return False


def _commanded(v: View, i: int) -> bool:
    """Is the phrase at word ``i`` a command: at the start of a sentence or clause, after
    "oh", "just", "please", "why don't you", or "you (really) need to"?"""
    words = v.words
    if i and words[i - 1] in IMPERATIVE_LEADS:
        return True
    j = i - 1
    while j >= 0 and words[j] in ("to", "really", "just", "seriously", "all", "both"):
        j -= 1
    if j >= 1 and (words[j] in TOLD or words[j] in MAY):
        j -= 1
        while j >= 0 and words[j] in YOU_AND_ALL:
            j -= 1
        if j >= 0 and words[j] in YOU_WORDS:
            return True  # "you need to grow up", "y'all can suck my dick"
    return v.pause(i)
