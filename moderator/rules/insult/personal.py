"""insult.personal_attack: the reader called an insulting name."""

from __future__ import annotations

from typing import Any

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.grammar import (
    ARTICLES,
    BE_LIKE,
    DETERMINERS,
    DONT,
    IMPERATIVE_LEADS,
    IMPERATIVES,
    INTERJECTIONS,
    LINKS,
    MOTHER_VERBS,
    NEGATIONS,
    NOT_AFTER_VOCATIVE,
    QUESTION_LEADS,
    QUOTES,
    STOP_BEING,
    STOPS,
    THIS_YOUR,
    VOCATIVE_LEADS,
    YOU_ARE_AFTER,
    YOUR,
    YOUR_AS_YOU_ARE,
    YOURSELF,
    adjective_like,
)
from moderator.rules.insult.profanity_words import ProfanityMatcher
from moderator.rules.insult.shared import (
    Phrases,
    ScreenedRule,
    View,
    forms,
    positions,
    quoted,
    view,
)


class PersonalAttack(ScreenedRule):
    """Names the reader as something contemptible: second person plus an insult word.

    Patterns: "you are (a) ... IDIOT", "you're so STUPID", "you MORON", "are you RETARDED",
    "how STUPID are you", "MORONS like you", "don't be such a PUSSY", "your IGNORANCE",
    "your IDIOTIC post", "your MOM is ...", "your dad is a JERK", an insult said on its own
    (", TRASH.", "Hey MORON,", "What a LOSER.", "Truly DELUSIONAL."), and the phrases of
    ``insult_attack_phrases`` ("you suck"). Leetspeak and stretched letters count ("you
    m0r0n", "stuuupid"). Words: ``insult_nouns`` (and ``insult_slurs``),
    ``insult_adjectives``, ``insult_faults``, ``insult_modifiers``, ``insult_you``,
    ``insult_you_are``, ``insult_your_mother``, ``insult_your_family``,
    ``insult_contributions``.

    False positives that shaped it: "you are not an idiot" and "if you think he's an idiot"
    are not attacks on the reader (a negation or another person stops the pattern); "you
    troll so hard" and "if you throw trash out" use the word as a verb or an object; "you
    are sick" can be about health, so "sick" only modifies an insult ("you sick fuck"); and a
    word in quotes is mentioned, not said ('he called me a "moron"'). An insult word alone
    counts only when it stands apart, as said to someone: "Congress is full of idiots" is not
    aimed at the reader.

    Fires: you're an idiot
    Fires: Your article is dillusional at best and demonstrates you are a Putin tool.
    Fires: Away with you, trash.
    Fires: morons like you never learn
    Fires: you are a complete m0r0n
    Okay: you are not an idiot, you just disagree
    Okay: if you think he is an idiot, say so
    Okay: Congress is full of idiots.
    Okay: if you throw trash out of your window you get a ticket
    Okay: he called me a "moron" and left
    """

    id = "insult.personal_attack"
    category = Category.INSULT
    default_points = 60
    summary = "Calls the reader an insulting name (you + insult noun or adjective)."
    default_params: dict[str, Any] = {"window": 6}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        words = lexicon.words
        self.nouns = forms(words("insult_nouns") | words("insult_slurs"))
        self.adjectives = words("insult_adjectives")
        self.faults = forms(words("insult_faults"))
        self.mothers = forms(words("insult_your_mother"))
        self.family = forms(words("insult_your_family")) | self.mothers
        self.contributions = forms(words("insult_contributions"))
        self.targets = self.nouns | self.adjectives
        self.modifiers = words("insult_modifiers") | ARTICLES
        self.you = words("insult_you")
        self.you_are = words("insult_you_are")
        self.triggers = self.targets | self.faults | self.mothers
        self.phrases = Phrases(words("insult_attack_phrases"), lexicon)
        # leetspeak and stretched spellings of the insult words ("m0r0n", "stuuupid")
        self.spelling = ProfanityMatcher([*words("insult_nouns"), *words("insult_adjectives"),
                                          *words("insult_faults"), *words("insult_slurs"),
                                          *words("insult_modifiers")])
        self.window = int(self.params["window"])

    def watched(self) -> tuple[frozenset[str], list[ProfanityMatcher]]:
        return self.triggers | self.phrases.gate_words, [self.spelling]

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        spelled = self._spelled(seen)
        if self.triggers.isdisjoint(seen) and not spelled and \
                self.phrases.gate_words.isdisjoint(seen):
            return None
        v = view(ctx)
        said = self.phrases.find(v, ctx.words)
        found: list[tuple[int, int, int]] = [(f.first, f.last, -1) for f in said]
        texts = [spelled.get(w, w) for w in v.words] if spelled else v.words
        present = (self.triggers & seen) | set(spelled.values())
        last = -1
        for k in positions(texts, present):
            if k <= last or any(a <= k <= b for a, b, _ in found):
                continue
            where = self._attack_on(k, texts, v)
            if where is not None:
                found.append((*where, k))
                last = where[1]
        if not found:
            return None
        found.sort()
        names = quoted(v.raw(k, k) for _, _, k in found if k >= 0)
        phrases = quoted(v.raw(f.first, f.last) for f in said)
        if names and all(texts[k] in self.mothers for _, _, k in found if k >= 0):
            reason = f"insults the reader's family: {names}"
        else:
            reason = f"calls the reader {names}" if names else ""
        if phrases:
            reason = f"{reason}; says {phrases}" if reason else f"says to the reader {phrases}"
        return self.hit(reason, [v.span(a, b) for a, b, _ in found])

    def _spelled(self, words: frozenset[str]) -> dict[str, str]:
        """Words of the comment that spell an insult word oddly ("m0r0n" -> "moron")."""
        out = {}
        for w in words - self.spelling.clean:
            plain = self.spelling.word(w)
            if plain and plain != w and w not in self.triggers:
                out[w] = plain
        return out

    # -- is the insult word at ``k`` aimed at the reader? (first, last) or None -----------
    def _attack_on(self, k: int, texts: list[str], v: View) -> tuple[int, int] | None:
        w = texts[k]
        n = len(texts)
        nxt = texts[k + 1] if k + 1 < n else ""
        if w in self.mothers:  # "your mom is ...", "ask your mom."
            if k and texts[k - 1] in YOUR and (nxt in MOTHER_VERBS or v.pause_after(k)):
                return k - 1, k
            return None
        if w in self.faults and w not in self.targets:
            first = self._your_before(k, texts, v)
            return None if first is None else (first, k)
        after = texts[k + 2] if k + 2 < n else ""
        if nxt == "like" and after in self.you | YOURSELF and w in self.nouns:
            return self._unbroken(k, k + 2, v)  # "morons like you"
        if nxt in QUESTION_LEADS and after in self.you and w in self.adjectives:
            return self._unbroken(k, k + 2, v)  # "how stupid are you"
        if nxt in self.you and after in BE_LIKE and (w in self.adjectives or
                                                     v.pause_after(k + 2)):
            return self._unbroken(k, k + 2, v)  # "how stupid you are", "little fool you are"
        if nxt == "as" and after in self.you and k and texts[k - 1] == "as":
            return self._unbroken(k - 1, k + 2, v)  # "as stupid as you"
        if nxt in self.you_are and v.pause_after(k + 1):
            return self._unbroken(k, k + 1, v)  # "fool you're."
        first = self._you_before(k, texts, v)
        if first is not None and v.breaks_within(first, k):
            first = None
        if first is None and w in self.adjectives:
            first = self._your_before(k, texts, v)  # "your stupid comment"
            if first is not None and (v.breaks_within(first, k) or not (
                    nxt in self.nouns or nxt in self.contributions or v.pause_after(k))):
                first = None
        if first is None and w in self.adjectives and nxt in self.contributions and k and \
                not nxt.endswith("s") and texts[k - 1] in DETERMINERS:
            return self._unbroken(k - 1, k + 1, v)  # "that idiotic comment"
        if first is None and w in self.nouns and w not in self.adjectives and \
                w not in INTERJECTIONS and (nxt in IMPERATIVES or v.may_pause_after(w)):
            first = self._vocative(k, texts, v)
        if first is None and w in self.adjectives and v.may_pause_after(w) and \
                v.pause_after(k):
            first = self._verdict(k, texts, v)
        if first is None or v.breaks_within(first, k):
            return None
        return first, k

    @staticmethod
    def _unbroken(first: int, last: int, v: View) -> tuple[int, int] | None:
        return None if v.breaks_within(first, last) else (first, last)

    def _you_before(self, k: int, texts: list[str], v: View) -> int | None:
        """``you ... <k>`` with only words that lead to what the reader is said to be."""
        noun = texts[k] in self.nouns
        for j in range(k - 1, max(-1, k - 1 - self.window), -1):
            w = texts[j]
            between = texts[j + 1:k]
            if (w == "be" and j and texts[j - 1] in DONT) or (
                    w == "being" and j and texts[j - 1] in STOP_BEING):
                if self._linked(between, noun) and (v.pause(j - 1) or
                                                    texts[j - 2] in IMPERATIVE_LEADS):
                    return j - 1  # "don't be such a pussy", "stop being an idiot"
                return None
            if w in self.you_are or (w in YOUR and between and between[0] in YOUR_AS_YOU_ARE):
                return j if self._linked(between, noun) else None
            if w in YOUR and not between and not noun and (
                    texts[k + 1:k + 2] and texts[k + 1] in YOU_ARE_AFTER or v.pause_after(k)):
                return j  # "your stupid.", "your ignorant as fuck" ("you're")
            if w in self.family and j and texts[j - 1] in YOUR and between and \
                    between[0] in LINKS:
                return j - 1 if self._linked(between, noun) else None  # "your dad is a jerk"
            if w in self.contributions and j and texts[j - 1] in THIS_YOUR and between and \
                    between[0] in ("is", "was", "sounds", "seems"):
                return j - 1 if self._linked(between, noun) else None  # "this post is dumb"
            if w in self.you:
                if j and texts[j - 1] in QUESTION_LEADS and self._linked(between, noun):
                    return j  # "are you really that stupid"
                if between and between[0] in LINKS:
                    return j if self._linked(between, noun) else None
                if self._vocative_path(between, noun, k, texts, v) and (
                        k + 1 >= len(texts) or texts[k + 1] not in NOT_AFTER_VOCATIVE or
                        v.pause_after(k)):
                    return j
                return None
            if w in ("this", "that") and j == k - 1 and not noun:
                continue  # "are you really this stupid"
            if (w in NEGATIONS and not _nothing_but(texts, j)) or w in STOPS:
                return None
        return None

    def _linked(self, between: list[str], noun: bool) -> bool:
        """After "you are": modifiers, and up to two other words among the adjectives right
        before a noun ("a typical socialist idiot", "a Putin tool")."""
        unknown = 0
        last = len(between) - 1
        for n, w in enumerate(between):
            if w == "nothing" and n < last and between[n + 1] == "but" or \
                    w == "but" and n and between[n - 1] == "nothing":
                continue
            if w in ("this", "that") and n == last and not noun:
                continue  # "are you really this stupid"
            if w in ("and", "or", "but") and n and between[n - 1] in self.targets:
                continue  # "you are ignorant and pathetic"
            if w in NEGATIONS or (w in STOPS and w not in LINKS):
                return False
            if w in self.targets:
                continue
            if w in LINKS or w in self.modifiers:
                if unknown:
                    return False  # other words only among the insult's adjectives
                continue
            unknown += 1
        return unknown == 0 or (noun and unknown <= 2)

    def _vocative_path(self, between: list[str], noun: bool, k: int, texts: list[str],
                       v: View) -> bool:
        """``you (a) stupid fucking moron``: only modifiers between, or adjective-looking
        words when the insult ends the phrase ("you tedious old hack.")."""
        guessed = 0
        for n, w in enumerate(between):
            if w in ARTICLES and n == 0:
                continue
            if w in self.modifiers and w not in ARTICLES or w in self.targets:
                continue
            if noun and adjective_like(w) and w not in STOPS:
                guessed += 1
                continue
            return False
        return guessed == 0 or (guessed <= 2 and v.pause_after(k))

    def _your_before(self, k: int, texts: list[str], v: View) -> int | None:
        """``your (utter) stupidity``, ``your idiotic post``."""
        for j in range(k - 1, max(-1, k - 4), -1):
            w = texts[j]
            if w in YOUR:
                return j
            if w not in self.modifiers or w in ARTICLES:
                return None
        return None

    def _verdict(self, k: int, texts: list[str], v: View) -> int | None:
        """A bare verdict on the speaker: "Truly delusional.", "Pathetic!" (a sentence of
        at most one modifier and the insulting adjective)."""
        if v.sentence_break(k) and not _quoted(v, k):
            return k
        if k and texts[k - 1] in self.modifiers and texts[k - 1] not in ARTICLES and \
                v.sentence_break(k - 1):
            return k - 1
        return None

    def _vocative(self, k: int, texts: list[str], v: View) -> int | None:
        """An insult said on its own: ", trash.", "Hey moron,", "What a loser!"."""
        if not v.pause_after(k) and (k + 1 >= len(texts) or texts[k + 1] not in IMPERATIVES
                                     or texts[k].endswith("s")):
            return None
        if _quoted(v, k):
            return None  # a word mentioned, not said to anyone: called me a "moron"
        j = k
        guessed = 0
        while j > 0 and not v.pause(j):
            w = texts[j - 1]
            if w in self.targets or w in self.modifiers and w not in ARTICLES:
                j -= 1
            elif guessed < 2 and adjective_like(w) and w not in STOPS:
                guessed += 1  # "Foolish rube.", "OVER promoted idiot -"
                j -= 1
            else:
                break
        if v.pause(j) or texts[j - 1] in VOCATIVE_LEADS:
            return j
        if j >= 2 and texts[j - 1] in ("a", "an") and texts[j - 2] == "what" and (
                v.pause(j - 2) or texts[j - 3] in VOCATIVE_LEADS):
            return j - 2  # "What a loser!"
        for back in (2, 3):  # "Hey right wing moron"
            if j - back >= 0 and texts[j - back] in VOCATIVE_LEADS and v.pause(j - back) and \
                    not any(v.pause(i) for i in range(j - back + 1, j + 1)):
                return j - back
        return None


def _quoted(v: View, k: int) -> bool:
    """Word ``k`` stands in quotes: mentioned, not used."""
    before = v.gap(k)
    after = v.gap(k + 1) if k + 1 < len(v.words) else v.text[v.offset(k)[1]:]
    return any(q in before for q in QUOTES) and any(q in after for q in QUOTES)


def _nothing_but(texts: list[str], j: int) -> bool:
    return texts[j] == "nothing" and j + 1 < len(texts) and texts[j + 1] == "but"
