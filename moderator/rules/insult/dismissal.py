"""insult.dismissal: telling the reader to shut up or go away."""

from __future__ import annotations

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.grammar import IMPERATIVE_LEADS, TOLD, YOU_WORDS
from moderator.rules.insult.shared import Phrases, ScreenedRule, View, quoted, view


class Dismissal(ScreenedRule):
    """Tells someone to shut up or go away: "shut up", "get lost", "away with you".

    Phrases: ``insult_dismissals`` (phrase syntax in :mod:`.shared`). Only a command counts:
    the phrase starts a sentence or follows "oh", "just", "please", "why don't you", a comma,
    a name, or "you need to".

    False positive that shaped it: "the pain will go away" and "they told him to shut up"
    are not said to the reader; a phrase in the middle of a sentence does not count.

    Fires: Oh, shut up! Nobody asked.
    Fires: hey joe, why don't you stay off this blog
    Fires: Get lost.
    Fires: you really need to grow up
    Okay: the problem will not go away by itself
    Okay: they told the protesters to shut up
    """

    id = "insult.dismissal"
    category = Category.INSULT
    default_points = 50
    summary = "Tells the reader to shut up, get lost or go away."

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.phrases = Phrases(lexicon.words("insult_dismissals"), lexicon)

    def watched(self) -> tuple[frozenset[str], tuple[()]]:
        return self.phrases.gate_words, ()

    def check(self, ctx: CommentContext) -> Hit | None:
        if self.phrases.gate_words.isdisjoint(self.seen(ctx)):
            return None
        v = view(ctx)
        found = [f for f in self.phrases.find(v, ctx.words) if _commanded(v, f.first)]
        if not found:
            return None
        said = quoted(v.raw(f.first, f.last) for f in found)
        return self.hit(f"tells the reader {said}", [v.span(f.first, f.last) for f in found])


def _commanded(v: View, i: int) -> bool:
    """Is the phrase at word ``i`` a command: at the start of a sentence or clause, after
    "oh", "just", "please", "why don't you", or "you (really) need to"?"""
    words = v.words
    if i and words[i - 1] in IMPERATIVE_LEADS:
        return True
    j = i - 1
    while j >= 0 and words[j] in ("to", "really", "just", "seriously", "all", "both"):
        j -= 1
    if j >= 1 and words[j] in TOLD:
        j -= 1
        while j >= 0 and words[j] in ("really", "just", "seriously", "all", "both", "guys"):
            j -= 1
        if j >= 0 and words[j] in YOU_WORDS:
            return True
    return v.pause(i)
