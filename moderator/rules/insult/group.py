"""Abuse aimed at a group of people, and dehumanising talk."""

from __future__ import annotations

from typing import Any, ClassVar

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.grammar import ARTICLES, NEGATIONS, STOPS
from moderator.rules.insult.phrases import Phrases
from moderator.rules.insult.screen import ScreenedRule
from moderator.rules.insult.shared import forms, quoted
from moderator.rules.insult.view import View, positions, view

# What may link a group to what it is called: "X are (all) (just) (a bunch of) ...".
GROUP_LINKS = frozenset({"are", "r", "were", "is", "be", "being", "all", "just", "such",
                         "so", "too", "way", "extremely", "incredibly", "pretty", "quite",
                         "really", "truly", "nothing", "but", "bunch", "pack", "herd",
                         "of", "mere", "simply", "basically", "like", "as", "always", "still",
                         "most", "more", "very", "total", "complete", "utter", "absolute",
                         "real", "bloody", "fucking", "freaking", "damn", "acting", "act",
                         "behave", "behaving", "becoming", "become", "breed", "breeding"})
# Who may be called vermin: people in the third or second person.
PEOPLE = frozenset({"they", "them", "these", "those", "you", "u", "ya", "people", "folks",
                    "he", "she", "they're", "theyre", "you're", "youre", "he's", "she's",
                    "him", "her", "men", "women", "kids", "guys", "lot", "kind", "ones",
                    "immigrants", "foreigners"})


# "they'll tell you people are born gay": "you" is the object of a verb, not an address.
TOLD_TO = frozenset({"tell", "told", "tells", "thank", "thanks", "show", "showed", "give",
                     "gave", "teach", "taught", "let", "ask", "asked", "remind", "help"})


def _path_ok(between: list[str], allowed: frozenset[str]) -> bool:
    return all(w in allowed and w not in NEGATIONS for w in between)


class GroupAbuse(ScreenedRule):
    """Abuse aimed at a group: "you westerners are SICK", "LIBERALS are all idiots",
    "filthy IMMIGRANTS", and "you people" said to readers.

    Words: ``insult_groups`` (nationalities, religions, parties, ...), insult nouns and
    adjectives, ``insult_group_adjectives`` ("sick", "inferior", "filthy"),
    ``insult_othering`` phrases ("you people", "your kind") which give ``othering_points``.

    False positive that shaped it: naming a group is not abuse: "Russians like any other
    people want a stable country" and "Republicans are determined" stay clean; only an
    insulting word said of the group counts.

    Fires: You westerners are sick and it's incurable!!!
    Fires: liberals are all idiots
    Fires: women are too stupid to vote
    Okay: Russians like any other people simply want a stable country
    Okay: westerners are not stupid
    Okay: women are too busy to vote
    """

    id = "insult.group_abuse"
    category = Category.INSULT
    default_points = 50
    summary = "Insults a group of people (nationality, religion, party, ...)."
    default_params: ClassVar[dict[str, Any]] = {"othering_points": 30, "window": 5}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        words = lexicon.words
        self.groups = forms(words("insult_groups"))
        self.slurs = forms(words("insult_slurs"))
        self.targets = (forms(words("insult_nouns")) | words("insult_adjectives")
                        | words("insult_group_adjectives") | forms(words("insult_dehumanising")))
        self.adjectives = words("insult_adjectives") | words("insult_group_adjectives")
        self.modifiers = words("insult_modifiers")
        self.othering = Phrases(words("insult_othering"), lexicon)
        self.window = int(self.params["window"])

    def watched(self) -> tuple[frozenset[str], tuple[()]]:
        return frozenset(), ()

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        # a group alone is no abuse, nor an insult word alone: both, or "you people"
        return [(self.targets, self.groups), *self.othering.pairs]

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        group_found = not self.targets.isdisjoint(seen) and \
            not self.groups.isdisjoint(ctx.words)
        if not group_found and self.othering.gate_words.isdisjoint(seen):
            return None
        words = ctx.words
        v = view(ctx)
        found: list[tuple[int, int]] = []
        if group_found:
            for g in positions(v.words, self.groups & words):
                span = self._abuse_of(g, v)
                if span is not None and (not found or span[0] > found[-1][1]):
                    found.append(span)
        if found:
            said = quoted(v.raw(a, b) for a, b in found)
            return self.hit(f"insults a group: {said}", [v.span(a, b) for a, b in found])
        othering = [f for f in self.othering.find(v, words, None, seen)
                    if not f.first or v.words[f.first - 1] not in TOLD_TO]
        if not othering:
            return None
        said = quoted(v.raw(f.first, f.last) for f in othering)
        return self.hit(f"sets the reader apart as a group: {said}",
                        [v.span(f.first, f.last) for f in othering],
                        points=self.params["othering_points"])

    def _abuse_of(self, g: int, v: View) -> tuple[int, int] | None:
        words = v.words
        # "westerners are sick": the group, then what it is called
        for k in range(g + 1, min(len(words), g + 1 + self.window)):
            w = words[k]
            if w in self.targets and k > g + 1 and _path_ok(words[g + 1:k], GROUP_LINKS):
                if v.breaks_within(g, k):
                    break
                start = g - 1 if g and words[g - 1] in PEOPLE else g
                return start, k
            if w in NEGATIONS or (w in STOPS and w not in GROUP_LINKS) or \
                    w not in GROUP_LINKS:
                break
        # "filthy immigrants", "stupid fucking liberals": an insulting adjective before it,
        # and the group is what is talked of ("Syrian soldiers" is about soldiers)
        j = g - 1
        while j >= 0 and words[j] in self.modifiers and words[j] not in self.adjectives:
            j -= 1
        if j < 0 or words[j] not in self.adjectives or v.breaks_within(j, g):
            return None
        if g + 1 < len(words) and words[g + 1] not in GROUP_LINKS and \
                words[g + 1] not in STOPS and not v.pause_after(g):
            return None
        return j, g


class Dehumanising(ScreenedRule):
    """Talks of people as vermin, animals or disease, or as a danger to children.

    Patterns: people or a group called one of ``insult_dehumanising`` ("they are all BUGS to
    be squashed", "these ANIMALS"), and the phrases of ``insult_dehumanising_phrases``
    ("groom our children", "their perverted ways", "should be exterminated").

    False positive that shaped it: animals themselves ("even animals know the rule", "watch
    animal planet") are not dehumanising; the word must be said of people.

    Fires: They are all bugs to be squashed on the windshield of life.
    Fires: The LGBT community want to groom our children.
    Fires: They need new recruits to their perverted ways.
    Okay: Watch animal planet even animals know the male and female rule
    """

    id = "insult.dehumanising"
    category = Category.INSULT
    default_points = 50
    summary = "Calls people vermin, animals or a disease; paints a group as preying on children."
    default_params: ClassVar[dict[str, Any]] = {"window": 5}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        self.vermin = forms(lexicon.words("insult_dehumanising"))
        self.people = PEOPLE | forms(lexicon.words("insult_groups"))
        self.phrases = Phrases(lexicon.words("insult_dehumanising_phrases"), lexicon)
        self.links = GROUP_LINKS | ARTICLES | lexicon.words("insult_modifiers") | \
            lexicon.words("insult_group_adjectives") | lexicon.words("insult_adjectives")
        self.window = int(self.params["window"])

    def watched(self) -> tuple[frozenset[str], tuple[()]]:
        return frozenset(), ()

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        return [(self.vermin, self.people), *self.phrases.pairs]  # said of people

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        vermin = not self.vermin.isdisjoint(seen)
        if not vermin and self.phrases.gate_words.isdisjoint(seen):
            return None
        words = ctx.words
        v = view(ctx)
        found = [(f.first, f.last) for f in self.phrases.find(v, words, None, seen)]
        if vermin:
            for k in positions(v.words, self.vermin & words):
                first = self._said_of_people(k, v)
                if first is not None:
                    found.append((first, k))
        if not found:
            return None
        found.sort()
        said = quoted(v.raw(a, b) for a, b in found)
        return self.hit(f"dehumanising: {said}", [v.span(a, b) for a, b in found])

    def _said_of_people(self, k: int, v: View) -> int | None:
        words = v.words
        for j in range(k - 1, max(-1, k - 1 - self.window), -1):
            w = words[j]
            if w in self.people:
                return None if v.breaks_within(j, k) else j
            if w not in self.links or w in NEGATIONS:
                return None
        return None
