"""Words spelled oddly ("fuuuck", "f*ck", "sooo") read as the listed words they stand for, when
the plain words themselves are too common to look at (a phrase's words, the modifiers)."""

from __future__ import annotations

from collections.abc import Iterable

from moderator.rules.insult.profanity_words import STRETCHED, ProfanityMatcher, remember


def readings(matcher: OddSpelling, words: frozenset[str]) -> dict[str, str]:
    """The words of ``words`` that ``matcher`` reads as another word ("fuuuck" -> "fuck")."""
    out = {}
    for w in words - matcher.clean:
        hit = matcher.word(w)
        if hit:
            out[w] = hit
    return out


def phrase_spelling(vocabulary: Iterable[str]) -> OddSpelling:
    """Reads odd spellings ("fuuuck", "f*ck", "stfuuu") of a phrase list's longer words."""
    return OddSpelling(ProfanityMatcher((w for w in vocabulary if len(w) > 2 and w.isalpha()),
                                        swaps=False))


class OddSpelling:
    """A matcher's words, but only as spelled oddly ("sooo", "f*cking"): the words themselves
    (and their plurals) are too common to look at."""

    odd_only = True  # a word of plain letters, not stretched, is never read as another

    def __init__(self, matcher: ProfanityMatcher) -> None:
        self.matcher = matcher
        self.clean: set[str] = set()
        self._memo: dict[str, str] = {}

    def word(self, text: str) -> str:
        hit = self._memo.get(text)
        if hit is None:
            hit = ""
            if (not text.isalpha() or STRETCHED.search(text)) and \
                    not self.matcher.lookup(text):  # "what's" is only "what"
                hit = self.matcher.word(text)
                if hit == text:
                    hit = ""
            remember(self._memo, self.clean, text, hit)
        return hit
