"""Is an insult word aimed at the reader? The grammar :class:`.PersonalAttack` reads a
name-calling with: "you are a ... IDIOT", "how STUPID are you", ", TRASH.", "your dad is a JERK",
and what stops it ("you are not an idiot", "if you think he is an idiot")."""

from __future__ import annotations

from moderator.rules.insult.grammar import (
    ARTICLES,
    BE_LIKE,
    BEFORE_A_NOUN,
    COORDINATORS,
    DETERMINERS,
    DONT,
    IMPERATIVE_LEADS,
    IMPERATIVES,
    INTERJECTIONS,
    LINKS,
    MOTHER_VERBS,
    NEGATIONS,
    NOT_AFTER_VOCATIVE,
    OTHERS,
    PLACES_HERE,
    QUESTION_LEADS,
    QUOTES,
    STOP_BEING,
    STOPS,
    TAKING_PART,
    THIS_YOUR,
    VOCATIVE_LEADS,
    YOU_ARE_AFTER,
    YOUR,
    YOUR_AS_YOU_ARE,
    YOURSELF,
    adjective_like,
)
from moderator.rules.insult.screen import ScreenedRule
from moderator.rules.insult.view import View

FILLER = ""  # stands for the first words of a two-word name ("keyboard" warrior)
# A person spoken of with contempt ("a pathetic little MAN", "you disgusting PEOPLE").
SCORNED_ONE = "\x00scorned"
SCORNED_MANY = "\x00scorneds"
SCORNED = frozenset({SCORNED_ONE, SCORNED_MANY})


class AttackGrammar(ScreenedRule):
    """Where an insult word stands in a sentence to the reader: the base of
    :class:`.PersonalAttack`, which sets the word sets below from its word lists (a base, not
    a mixin: the compiled rules allow one base class).

    ``nouns``, ``adjectives``, ``targets`` (both), ``faults``, ``mothers``, ``family``,
    ``contributions``, ``modifiers``, ``you``, ``you_are``, ``second_person``, ``leaders``
    (what a look back from an insult word starts at), ``things`` (insult nouns that also
    name things) and ``window`` (how far back "you" may stand).
    """

    nouns: frozenset[str]
    adjectives: frozenset[str]
    targets: frozenset[str]
    faults: frozenset[str]
    mothers: frozenset[str]
    family: frozenset[str]
    contributions: frozenset[str]
    modifiers: frozenset[str]
    you: frozenset[str]
    you_are: frozenset[str]
    second_person: frozenset[str]
    leaders: frozenset[str]
    things: frozenset[str]
    window: int

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
        if w in self.adjectives and k >= 2 and texts[k - 1] in ("a", "an") and \
                texts[k - 2] in ("what", "such") and after in self.you and \
                texts[k + 3:k + 4] and texts[k + 3] in BE_LIKE:
            return self._unbroken(k - 2, k + 3, v)  # "what a smug jerk you are"
        if nxt == "as" and after in self.you and k and texts[k - 1] == "as":
            return self._unbroken(k - 1, k + 2, v)  # "as stupid as you"
        if nxt in self.you_are and v.pause_after(k + 1):
            return self._unbroken(k, k + 1, v)  # "fool you're."
        if nxt in YOUR and after in self.contributions and w in self.adjectives:
            first = k - 1 if k and texts[k - 1] in ("how", "so") else k
            return self._unbroken(first, k + 2, v)  # "how retarded your argument is"
        if w in self.nouns and w.endswith("s") and w not in self.adjectives:
            end = self._taking_part(k, texts)  # "the idiots posting here"
            if end is not None:
                return self._unbroken(k, end, v)
            if k and texts[k - 1] in OTHERS and self._you_nearby(k, texts, v):
                return k - 1, k  # "you and the other idiots"
        head = k  # the window counts from where the name starts ("m o r o n")
        while head and texts[head - 1] == FILLER:
            head -= 1
        # "you", "your", "your dad", "this post", "don't be" in reach? (else no need to look)
        near = not self.leaders.isdisjoint(texts[max(0, head - 1 - self.window):k])
        first = self._you_before(k, texts, v) if near else None
        if first is not None and v.breaks_within(first, k):
            first = None
        if first is None and near and w in self.adjectives:
            first = self._your_before(k, texts, v)  # "your stupid comment"
            if first is not None and (v.breaks_within(first, k) or not (
                    nxt in self.nouns or nxt in self.contributions or v.pause_after(k))):
                first = None
        if first is None and w in self.adjectives and nxt in self.contributions and k and \
                not nxt.endswith("s") and texts[k - 1] in DETERMINERS:
            return self._unbroken(k - 1, k + 1, v)  # "that idiotic comment"
        if first is None and w in self.nouns and w not in self.adjectives and \
                w not in INTERJECTIONS and (nxt in IMPERATIVES or v.may_pause_after(v.words[k])):
            first = self._vocative(k, texts, v)
        if first is None and w in self.adjectives and v.may_pause_after(v.words[k]) and \
                v.pause_after(k):
            first = self._verdict(k, texts, v)
        if first is None or v.breaks_within(first, k):
            return None
        if w in SCORNED and not all(t in LINKS or t in self.you or t in self.you_are or
                                     t in YOUR or self._modifies(t) or t in ARTICLES or
                                     _adverb(t) for t in texts[first:k]):
            return None  # a plain word for a person: no guessing at the words between
        return first, k

    @staticmethod
    def _taking_part(k: int, texts: list[str]) -> int | None:
        """Insult nouns for the people taking part in the thread: "morons posting on this
        site", "what dummies are on here", "the retards in the audience". Where the words
        that say so end."""
        n = len(texts)
        j = k + 1
        if j < n and texts[j] in ("are", "r", "who", "that"):
            j += 1
        if j >= n:
            return None
        w = texts[j]
        if w in TAKING_PART:
            return j
        nxt = texts[j + 1] if j + 1 < n else ""
        if w in ("on", "in") and nxt in ("here", "this", "these", "the"):
            if nxt == "here":
                return j + 1
            if j + 2 < n and texts[j + 2] in PLACES_HERE:
                return j + 2
        return None

    def _you_nearby(self, k: int, texts: list[str], v: View) -> bool:
        """A second-person word in the same sentence as word ``k``."""
        for j in range(max(0, k - 12), min(len(texts), k + 12)):
            w = texts[j]
            if (w in self.you or w in YOUR or w in self.you_are) and not \
                    v.breaks_within(min(j, k), max(j, k)):
                return True
        return False

    @staticmethod
    def _unbroken(first: int, last: int, v: View) -> tuple[int, int] | None:
        return None if v.breaks_within(first, last) else (first, last)

    def _you_before(self, k: int, texts: list[str], v: View) -> int | None:
        """``you ... <k>`` with only words that lead to what the reader is said to be."""
        noun = texts[k] in self.nouns
        head = k  # the window counts from where the name starts ("m o r o n")
        while head and texts[head - 1] == FILLER:
            head -= 1
        for j in range(k - 1, max(-1, head - 1 - self.window), -1):
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
            if w in ("this", "that") and not noun and self._only_modifiers(texts, j + 1, k):
                continue  # "are you really this stupid", "that fucking stupid"
            if w in NEGATIONS and not _nothing_but(texts, j):
                return None
            if w == "to" and not (texts[j + 1] in BE_LIKE or j and texts[j - 1] in LINKS):
                return None  # "your parents TO the nazis"; but "starting to sound like"
            if w in STOPS and w not in LINKS and w not in self.modifiers and not (
                    w == "but" and j and texts[j - 1] == "nothing") and not (
                    w in COORDINATORS and (_coordinated(texts, j, k) or j and self._modifies(
                        texts[j - 1]) and self._modifies(texts[j + 1]) or
                        self._only_modifiers(texts, j + 1, k))):
                return None  # "if you think HE is an idiot"; but "you piece OF shit"
        return None

    def _linked(self, between: list[str], noun: bool) -> bool:
        """After "you are": modifiers, and up to two other words among the adjectives right
        before a noun ("a typical socialist idiot", "a Putin tool")."""
        unknown = 0
        joined = False
        last = len(between) - 1
        while last > 0 and between[last] == FILLER:
            last -= 1  # the first words of the name ("a miserable human being")
        for n, w in enumerate(between):
            if w == FILLER:
                continue  # the first words of a name ("dumb" ass)
            if w == "nothing" and n < last and between[n + 1] == "but" or \
                    w == "but" and n and between[n - 1] == "nothing":
                continue
            if w in ("this", "that") and not noun and self._only_modifiers(between, n + 1,
                                                                             last + 1):
                continue  # "are you really this stupid", "that fucking stupid"
            if not noun and n == last and _adverb(w):
                continue  # "a hideously ugly"
            if w in COORDINATORS and n and between[n - 1] in self.targets:
                continue  # "you are ignorant and pathetic"
            if w in COORDINATORS and n and n < last and self._modifies(between[n - 1]) and \
                    self._modifies(between[n + 1]):
                continue  # "a complete and utter moron"
            if w in COORDINATORS and (n == last or n == last - 1 and between[last] in ARTICLES
                                      or self._only_modifiers(between, n + 1, last + 1)):
                joined = True  # "a white devil or cracker", "so shallow and pathetic",
                continue  # "joking or just dumb"
            if w in NEGATIONS or (w in STOPS and w not in LINKS and w not in self.modifiers):
                return False
            if w in self.targets:
                continue
            if w in LINKS or w in self.modifiers:
                if unknown and not joined and not (n == last and w in ARTICLES and noun):
                    return False  # other words only among the insult's adjectives
                continue
            unknown += 1
        return unknown == 0 or ((noun or joined) and unknown <= 2)

    def _modifies(self, word: str) -> bool:
        """A word that may qualify an insult ("complete", "utter", "stupid")."""
        return word in self.targets or word in self.modifiers and word not in ARTICLES

    def _only_modifiers(self, texts: list[str], first: int, end: int) -> bool:
        for i in range(first, end):
            if texts[i] not in self.modifiers or texts[i] in ARTICLES:
                return False
        return True

    def _vocative_path(self, between: list[str], noun: bool, k: int, texts: list[str],
                       v: View) -> bool:
        """``you (a) stupid fucking moron``: only modifiers between, or adjective-looking
        words when the insult ends the phrase ("you tedious old hack.")."""
        guessed = 0
        last = len(between) - 1
        for n, w in enumerate(between):
            if w in ARTICLES and n == 0 or w == FILLER:
                continue
            if w in self.modifiers and w not in ARTICLES or w in self.targets:
                continue
            if noun and w not in STOPS and (adjective_like(w) or (
                    n == last and n and between[n - 1] not in ARTICLES)):
                guessed += 1  # "you tedious old hack.", "you effing link whore."
                continue
            if not noun and n == last and _adverb(w):
                continue  # "you incredibly stupid"
            return False
        return guessed == 0 or (guessed <= 2 and v.pause_after(k))

    def _your_before(self, k: int, texts: list[str], v: View) -> int | None:
        """``your (utter) stupidity``, ``your idiotic post``."""
        for j in range(k - 1, max(-1, k - 4), -1):
            w = texts[j]
            if w in YOUR:
                return j
            if (w not in self.modifiers or w in ARTICLES) and w != "own":
                return None  # but "your own stupidity"
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
        if j > 1 and texts[j - 1] in self.targets and v.gap(j).strip() == "," and \
                texts[j - 2] in ARTICLES:
            return None  # adjectives in a list, not a call: "for a stupid, ugly girl, she"
        if v.pause(j) or texts[j - 1] in VOCATIVE_LEADS:
            return j
        if j >= 2 and texts[j - 1] in ("a", "an") and texts[j - 2] == "what" and (
                v.pause(j - 2) or texts[j - 3] in VOCATIVE_LEADS):
            return j - 2  # "What a loser!"
        for back in (2, 3):  # "Hey right wing moron"
            if j - back >= 0 and texts[j - back] in VOCATIVE_LEADS and v.pause(j - back) and \
                    not any(v.pause(i) for i in range(j - back + 1, j + 1)):
                return j - back
        if texts[j - 1] not in BEFORE_A_NOUN and texts[k] not in self.things and \
                not texts[j - 1].endswith("'s") and self._said_to_you(j, texts, v) and \
                v.sentence_break(k + 1):
            return j  # a sentence to the reader that ends calling them: "... you have, troll."
        return None

    def _said_to_you(self, j: int, texts: list[str], v: View) -> bool:
        """Is the sentence before word ``j`` addressed to the reader (a second-person word in
        it, not right before ``j``)?"""
        second = self.second_person
        for i in range(j - 2, max(-1, j - 40), -1):
            if texts[i] in second:
                return not v.breaks_within(i, j)
        return False


def _quoted(v: View, k: int) -> bool:
    """Word ``k`` stands in quotes: mentioned, not used."""
    before = v.gap(k)
    after = v.gap(k + 1) if k + 1 < len(v.words) else v.text[v.offset(k)[1]:]
    return any(q in before for q in QUOTES) and any(q in after for q in QUOTES)


def _adverb(word: str) -> bool:
    """An adverb in -ly before an adjective ("hideously ugly", "painfully stupid")."""
    return len(word) > 4 and word.endswith("ly")


def _coordinated(texts: list[str], j: int, k: int) -> bool:
    """"and"/"or" at ``j`` joins the insult word at ``k`` to what came before ("you are a
    white devil OR cracker", "you are tall AND ugly")."""
    return j == k - 1 or (j == k - 2 and texts[k - 1] in ARTICLES)


def _nothing_but(texts: list[str], j: int) -> bool:
    return texts[j] == "nothing" and j + 1 < len(texts) and texts[j + 1] == "but"
