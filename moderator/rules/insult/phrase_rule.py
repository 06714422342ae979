"""PhraseRule: an insult rule made of the phrases of one word list (threats, dismissals,
sexual insults), looked at only when the shared screen finds one of their words."""

from __future__ import annotations

from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.odd_spelling import OddSpelling, phrase_spelling, readings
from moderator.rules.insult.phrases import Phrases
from moderator.rules.insult.screen import ScreenedRule


class PhraseRule(ScreenedRule):
    """The phrases of the word list ``phrases_list`` (phrase syntax in :mod:`.phrases`), read
    in odd spellings too ("kil urself", "shut the fuuuck up")."""

    phrases_list = ""  # the name of the rule's word list in the rules file

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.phrases = Phrases(lexicon.words(self.phrases_list), lexicon)
        self.reading = phrase_spelling(self.phrases.vocabulary())

    def watched(self) -> tuple[frozenset[str], list[OddSpelling]]:
        return frozenset(), [self.reading]

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        return self.phrases.pairs

    def candidates(self, ctx: CommentContext) -> tuple[frozenset[str], dict[str, str], bool]:
        """The comment's words worth a look, their odd readings, and whether one of them (as
        written or read) is a word every phrase match needs (a gate word)."""
        seen = self.seen(ctx)
        if not seen:
            return seen, {}, False
        gates = self.phrases.gate_words
        odd = readings(self.reading, seen)
        gated = not gates.isdisjoint(seen) or bool(odd and not gates.isdisjoint(odd.values()))
        return seen, odd, gated
