"""insult.threat: threats and wishes of harm."""

from __future__ import annotations

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.insult.phrase_rule import PhraseRule
from moderator.rules.insult.shared import quoted
from moderator.rules.insult.view import view


class Threat(PhraseRule):
    """Threatens or wishes harm: "I will find you", "you deserve to die", "kill yourself".

    Phrases: ``insult_threats`` (phrase syntax in :mod:`.phrases`).

    False positive that shaped it: talk about violence is not a threat ("Putin ordered to
    kill Politkovskaya", "terrorists were killed in a shoot out"); a phrase needs a speaker
    or a target in it: I/we will ..., you deserve ..., ... yourself, should be shot.

    Fires: I will find you and you will regret it
    Fires: you deserve to die
    Fires: you deserve to be beaten
    Okay: Putin ordered to kill Politkovskaya because she criticized him
    Okay: terrorists were killed in a shoot out
    """

    id = "insult.threat"
    category = Category.INSULT
    default_points = 60
    summary = "Threatens the reader or wishes them harm."

    phrases_list = "insult_threats"  # "kil urself", "d1e" read too

    def check(self, ctx: CommentContext) -> Hit | None:
        seen, odd, gated = self.candidates(ctx)
        if not gated:
            return None
        v = view(ctx)
        found = self.phrases.find(v, ctx.words, odd, seen)
        found = [f for f in found if not v.in_quotes(f.first)]  # reported speech
        if not found:
            return None
        said = quoted(v.raw(f.first, f.last) for f in found)
        return self.hit(f"threatens: {said}", [v.span(f.first, f.last) for f in found])
