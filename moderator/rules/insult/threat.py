"""insult.threat: threats and wishes of harm."""

from __future__ import annotations

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.profanity_words import OddSpelling, phrase_spelling, readings
from moderator.rules.insult.shared import Phrases, ScreenedRule, quoted, view


class Threat(ScreenedRule):
    """Threatens or wishes harm: "I will find you", "you deserve to die", "kill yourself".

    Phrases: ``insult_threats`` (phrase syntax in :mod:`.shared`).

    False positive that shaped it: talk about violence is not a threat ("Putin ordered to
    kill Politkovskaya", "terrorists were killed in a shoot out"); a phrase needs a speaker
    or a target in it: I/we will ..., you deserve ..., ... yourself, should be shot.

    Fires: I will find you and you will regret it
    Fires: you deserve to die
    Okay: Putin ordered to kill Politkovskaya because she criticized him
    Okay: terrorists were killed in a shoot out
    """

    id = "insult.threat"
    category = Category.INSULT
    default_points = 60
    summary = "Threatens the reader or wishes them harm."

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.phrases = Phrases(lexicon.words("insult_threats"), lexicon)
        self.reading = phrase_spelling(self.phrases.vocabulary())  # "kil urself", "d1e"

    def watched(self) -> tuple[frozenset[str], list[OddSpelling]]:
        return frozenset(), [self.reading]

    def paired(self) -> list[tuple[frozenset[str], frozenset[str]]]:
        return self.phrases.pairs

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        if not seen:
            return None
        gates = self.phrases.gate_words
        odd = readings(self.reading, seen)
        if gates.isdisjoint(seen) and not (odd and not gates.isdisjoint(odd.values())):
            return None
        v = view(ctx)
        found = self.phrases.find(v, ctx.words, odd, seen)
        found = [f for f in found if not v.in_quotes(f.first)]  # reported speech
        if not found:
            return None
        said = quoted(v.raw(f.first, f.last) for f in found)
        return self.hit(f"threatens: {said}", [v.span(f.first, f.last) for f in found])
