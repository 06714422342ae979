"""insult.sexual: sexual insults aimed at the reader ("suck my dick", "you take it up the ass")."""

from __future__ import annotations

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.insult.grammar import IMPERATIVE_LEADS, STOPS, YOU_AND_ALL, YOU_WORDS
from moderator.rules.insult.phrase_rule import PhraseRule
from moderator.rules.insult.shared import quoted
from moderator.rules.insult.view import View, view

# What may stand between the reader and a sexual phrase: "you CAN suck", "you REALLY
# SHOULDN'T suck", "you ALREADY LOOK LIKE YOU take".
_BETWEEN = frozenset({"can", "could", "should", "shouldn't", "must", "may", "might", "will",
                      "would", "wanna", "gonna", "go", "just", "still", "probably", "already",
                      "like", "to", "love", "want", "wants", "likes", "keep", "prefer",
                      "used", "obviously", "clearly", "surely", "definitely", "also", "even",
                      "rather", "better", "betta", "need", "needs", "gotta", "and",
                      "really", "never", "only"}) | YOU_AND_ALL
# Commands that lead into one: "GO eat a dick", "STOP sucking", "KEEP telling yourself".
_LEADS = IMPERATIVE_LEADS | {"stop", "quit", "keep", "go", "get", "and", "now"}


class Sexual(PhraseRule):
    """Sexual insults aimed at the reader: "suck my dick", "you take it up the ass", "get that
    dick out of your mouth".

    Phrases: ``insult_sexual_phrases`` (phrase syntax in :mod:`.phrases`). A phrase counts when
    it is said to the reader: "you" (or "y'all") is its subject, it is a command ("go eat a
    dick"), or it names the reader's mouth or backside.

    False positive that shaped it: sex talk about others is not an insult ("they suck donkey
    balls in the halfcourt", "having a man sucking your dick is a favour?"): the phrase needs
    the reader as its subject, and "sucking YOUR dick" is not said against the reader.

    Fires: y'all can suck my dick
    Fires: you already look like you take dick in the ass
    Fires: now go eat a dick
    Okay: they suck donkey balls in the halfcourt
    Okay: he said his dog likes to lick the balls of the cat
    """

    id = "insult.sexual"
    category = Category.INSULT
    default_points = 50
    summary = "Sexual insults aimed at the reader (suck my ..., ... in your mouth)."

    phrases_list = "insult_sexual_phrases"

    def check(self, ctx: CommentContext) -> Hit | None:
        seen, odd, gated = self.candidates(ctx)
        if not gated:
            return None
        v = view(ctx)
        found = [f for f in self.phrases.find(v, ctx.words, odd, seen)
                 if _at_reader(v, f.first, f.last)]
        found = [f for f in found if not v.in_quotes(f.first)]  # reported speech
        if not found:
            return None
        said = quoted(v.raw(f.first, f.last) for f in found)
        return self.hit(f"sexual insult: {said}", [v.span(f.first, f.last) for f in found])


_YOURS = frozenset({"your", "ur", "yo", "yer", "yourself", "urself"})


def _at_reader(v: View, first: int, last: int) -> bool:
    """Is the phrase at words ``first..last`` said against the reader?"""
    words = v.words
    for i in range(first, last + 1):
        if words[i] in _YOURS:
            return True  # "... in your mouth"
    if v.sentence_break(first) or words[first - 1] in _LEADS and (
            first < 2 or v.pause(first - 1) or words[first - 2] in _LEADS):
        return True  # a command: "Suck my dick.", "now go eat a dick"
    for j in range(first - 1, max(-1, first - 7), -1):
        w = words[j]
        if v.sentence_break(j + 1):
            return False
        if w in YOU_WORDS:
            return True  # "y'all can suck my dick"
        if w in STOPS and w not in _BETWEEN:
            return False  # "they suck ...", "he said his dog likes to lick ..."
        if w not in _BETWEEN:
            return False
    return False
