"""insult.personal_attack: the reader called an insulting name."""

from __future__ import annotations

from typing import Any, ClassVar

from moderator.core import Category, Hit
from moderator.rules.base import CommentContext
from moderator.rules.config import Lexicon, RuleSettings
from moderator.rules.insult.aim import FILLER, SCORNED, SCORNED_MANY, SCORNED_ONE, AttackGrammar
from moderator.rules.insult.grammar import ARTICLES, OF_WHAT, YOUR
from moderator.rules.insult.odd_spelling import OddSpelling, phrase_spelling, readings
from moderator.rules.insult.phrases import Phrases, rarest
from moderator.rules.insult.profanity_words import ProfanityMatcher
from moderator.rules.insult.screen import spelled_out
from moderator.rules.insult.shared import forms, quoted
from moderator.rules.insult.view import View, positions, view

_MANY = frozenset({"people", "men", "women", "children", "folk", "folks"})


class PersonalAttack(AttackGrammar):
    """Names the reader as something contemptible: second person plus an insult word.

    Patterns: "you are (a) ... IDIOT", "you're so STUPID", "you MORON", "are you RETARDED",
    "how STUPID are you", "MORONS like you", "don't be such a PUSSY", "your IGNORANCE",
    "your IDIOTIC post", "your MOM is ...", "your dad is a JERK", an insult said on its own
    (", TRASH.", "Hey MORON,", "What a LOSER.", "Truly DELUSIONAL."), a sentence to the reader
    that ends calling them a name ("go back to school MORON!"), a plain word for a person
    said with contempt ("you are a WRETCHED little PERSON"), and the phrases of
    ``insult_attack_phrases`` ("you suck", "you're not very smart"). Leetspeak and stretched
    letters count ("you m0r0n", "stuuupid"). Words: ``insult_nouns`` (and ``insult_slurs``),
    ``insult_adjectives``, ``insult_faults``, ``insult_modifiers``, ``insult_you``,
    ``insult_you_are``, ``insult_your_mother``, ``insult_your_family``,
    ``insult_contributions``, ``insult_person_nouns`` with ``insult_contempt_adjectives``,
    ``insult_thing_nouns`` (insult nouns that also name things: never a bare call).

    False positives that shaped it: "you are not an idiot" and "if you think he's an idiot"
    are not attacks on the reader (a negation or another person stops the pattern); "you
    troll so hard" and "if you throw trash out" use the word as a verb or an object; "you
    are sick" can be about health, so "sick" only modifies an insult ("you sick fuck"); and a
    word in quotes is mentioned, not said ('he called me a "moron"', 'he yelled "you
    idiot!"'). An insult word alone counts only when it stands apart, as said to someone:
    "Congress is full of idiots" is not aimed at the reader.

    Fires: you're an idiot
    Fires: Your article is dillusional at best and demonstrates you are a Putin tool.
    Fires: Away with you, trash.
    Fires: morons like you never learn
    Fires: you are a complete m0r0n
    Okay: you are not an idiot, you just disagree
    Okay: if you think he is an idiot, say so
    Okay: Congress is full of idiots.
    Okay: if you throw trash out of your window you get a ticket
    Fires: you are a wretched little man
    Fires: you are not very bright
    Fires: you never learned anything troll.
    Okay: the poor old man lost his home
    Okay: you eat trash.
    Okay: he called me a "moron" and left
    Okay: the anchor shouted "You're a fascist!" at his guest
    Fires: How stupid can you be?
    Fires: you have the IQ of a potato
    Okay: nobody cares what Putin thinks
    Okay: how smart can you be if you never read
    Fires: you are brain dead
    Okay: the patient was declared brain dead
    """

    id = "insult.personal_attack"
    category = Category.INSULT
    default_points = 60
    summary = "Calls the reader an insulting name (you + insult noun or adjective)."
    default_params: ClassVar[dict[str, Any]] = {"window": 6}

    def __init__(self, settings: RuleSettings, lexicon: Lexicon) -> None:
        super().__init__(settings, lexicon)
        words = lexicon.words
        self.nouns = forms(words("insult_nouns") | words("insult_slurs"))
        self.adjectives = words("insult_adjectives")
        self.faults = forms(words("insult_faults"))
        self.mothers = forms(words("insult_your_mother"))
        self.family = forms(words("insult_your_family")) | self.mothers
        self.contributions = forms(words("insult_contributions"))
        self.modifiers = words("insult_modifiers") | ARTICLES | {FILLER}
        self.you = words("insult_you")
        self.you_are = words("insult_you_are")
        # two-word names ("keyboard warrior"): by last word, the words before it
        self.compounds: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        compound_gates: set[str] = set()
        self.compound_pairs: list[tuple[frozenset[str], frozenset[str]]] = []
        for entry in words("insult_compound_nouns"):
            hyphened = "-" in entry  # "a-hole": written with the hyphen only
            parts = tuple(entry.replace("-", " ").split())
            if len(parts) > 1:
                for last in forms([parts[-1]]):
                    self.compounds.setdefault(last, []).append((parts[:-1], hyphened))
                compound_gates |= rarest([p] for p in parts)
                self.compound_pairs.append((rarest([p] for p in parts),
                                            forms([parts[-1]])))
        self.nouns = self.nouns | {" ".join((*before, last))
                                   for last, entries in self.compounds.items()
                                   for before, _ in entries}
        self.targets = self.nouns | self.adjectives
        self.triggers = self.targets | self.faults | self.mothers
        self.phrases = Phrases(words("insult_attack_phrases"), lexicon)
        # leetspeak and stretched spellings of the insult words ("m0r0n", "stuuupid"), and
        # words coined from them ("REIDtard", "libidiot", "fuckingloser")
        nouns = words("insult_nouns")
        endings = {}
        for ending in words("insult_coined_endings"):
            meaning = min((n for n in nouns if n.endswith(ending)), key=len, default="")
            if meaning:
                endings[ending] = meaning
        self.spelling = ProfanityMatcher(
            [*nouns, *words("insult_adjectives"), *words("insult_faults"),
             *words("insult_slurs")], endings=endings,
            glued=[w for w in (*words("insult_adjectives"), *words("insult_glued"))
                   if len(w) >= 3], unglued=words("insult_coined_ignore"))
        # odd spellings of the words between ("sooo stupid", "f*cking idiot")
        self.modifier_spelling = OddSpelling(ProfanityMatcher(words("insult_modifiers"),
                                                              swaps=False))
        self.phrase_reading = phrase_spelling(self.phrases.vocabulary())
        self.compound_gates = frozenset(compound_gates)
        # what a look back from an insult word starts at: "you", "your", "your dad", "this
        # post", "don't be", "stop being"
        self.leaders = frozenset(self.you | self.you_are | YOUR | self.family |
                                 self.contributions | {"be", "being"})
        # "a horrible little PERSON", "you miserable HUMAN being": a plain word for a person
        # said with contempt is an insult noun
        self.persons = frozenset(words("insult_person_nouns"))
        # insult nouns that also name things ("trash", "joke"): never a call on their own
        self.things = forms(words("insult_thing_nouns"))
        self.second_person = frozenset(self.you | self.you_are | YOUR)
        self.contempt = words("insult_contempt_adjectives") | words("insult_adjectives")
        self.nouns = self.nouns | SCORNED
        self.targets = self.targets | SCORNED
        self.watch = frozenset(self.triggers | self.phrases.gate_words | compound_gates |
                               self.contempt)
        self.window = int(self.params["window"])

    letters = True  # "m o r o n"

    def watched(self) -> tuple[frozenset[str], list[Any]]:
        return self.triggers, [self.spelling, self.modifier_spelling, self.phrase_reading]

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        return [*self.phrases.pairs, *self.compound_pairs, (self.contempt, self.persons)]

    def check(self, ctx: CommentContext) -> Hit | None:
        seen = self.seen(ctx)
        if not seen:
            return None
        spelled = self._spelled(seen)
        odd = readings(self.phrase_reading, seen)
        runs = spelled_out(ctx)
        if self.watch.isdisjoint(seen) and not spelled and not odd and not runs:
            return None
        v = view(ctx)
        said = self.phrases.find(v, ctx.words, odd, seen)
        found: list[tuple[int, int, int]] = [(f.first, f.last, -1) for f in said]
        texts = [spelled.get(w, w) for w in v.words] if spelled else v.words
        present = set(self.triggers & seen)
        if spelled:  # "m0r0n"; but not "sooo" (a modifier spelled oddly, not an insult)
            present.update(w for w in spelled.values() if w in self.triggers)
        compounds = self.compounds.keys() & ctx.words if not \
            self.compound_gates.isdisjoint(seen) else None
        if compounds:
            texts, named = self._compounded(texts, compounds, v)
            present |= named
        if not self.contempt.isdisjoint(seen) and not self.persons.isdisjoint(ctx.words):
            texts, scorned = self._scorned(texts, v, ctx.words)
            present |= scorned
        if runs:  # insult words spelled out: "you are a born m o r o n"
            for m in self.spelling.find(v, seen, ctx.words, runs):
                if m.first < m.last:
                    texts = list(texts)
                    texts[m.first:m.last] = [FILLER] * (m.last - m.first)
                    texts[m.last] = m.word
                    present.add(m.word)
        last = -1
        for k in positions(texts, present):
            if k <= last or _inside(k, found):
                continue
            where = self._attack_on(k, texts, v)
            if where is not None:
                found.append((*where, k))
                last = where[1]
        if found:  # words in quotes are reported, not said to the reader
            found = [f for f in found if not v.in_quotes(f[0])]
            said = [f for f in said if not v.in_quotes(f.first)]
        if not found:
            return None
        found.sort()
        names = quoted(v.raw(self._named_from(k, texts), k) for _, _, k in found if k >= 0)
        phrases = quoted(v.raw(f.first, f.last) for f in said)
        if names and all(texts[k] in self.mothers for _, _, k in found if k >= 0):
            reason = f"insults the reader's family: {names}"
        else:
            reason = f"calls the reader {names}" if names else ""
        if phrases:
            reason = f"{reason}; says {phrases}" if reason else f"says to the reader {phrases}"
        return self.hit(reason, [v.span(a, b) for a, b, _ in found])

    def _spelled(self, words: frozenset[str]) -> dict[str, str]:
        """Words of the comment that spell an insult word or a modifier oddly ("m0r0n" ->
        "moron", "sooo" -> "so"), or are coined from an insult word ("REIDtard")."""
        out = {}
        for w in words - self.spelling.clean:
            if w in self.triggers:
                continue
            plain = self.spelling.word(w)
            if plain and plain != w:
                out[w] = plain
        for w in words - self.modifier_spelling.clean:
            if w not in out:
                plain = self.modifier_spelling.word(w)
                if plain:
                    out[w] = plain
        return out

    def _scorned(self, texts: list[str], v: View,
                 words: frozenset[str]) -> tuple[list[str], set[str]]:
        """A word for a person after a contemptuous adjective ("a horrible little person",
        "miserable human being") stands for an insult noun; the words before it become
        fillers (part of the name)."""
        out = None
        found = set()
        persons, contempt, modifiers = self.persons, self.contempt, self.modifiers
        for k in positions(texts, persons & words):
            j = k - 1
            while j >= 0 and j >= k - 3 and (texts[j] in persons or texts[j] in modifiers and
                                             texts[j] not in ARTICLES and texts[j] not in
                                             contempt):
                j -= 1
            if j < 0 or texts[j] not in contempt or v.breaks_within(j, k):
                continue
            if out is None:
                out = list(texts)
            out[j:k] = [FILLER] * (k - j)
            name = SCORNED_MANY if texts[k].endswith("s") or texts[k] in _MANY else SCORNED_ONE
            out[k] = name
            found.add(name)
        return (texts, found) if out is None else (out, found)

    @staticmethod
    def _named_from(k: int, texts: list[str]) -> int:
        """Where the name said at word ``k`` starts: "keyboard warrior", "m o r o n",
        "piece of shit"."""
        first = k
        while first and texts[first - 1] == FILLER:
            first -= 1
        if first >= 2 and texts[first - 1] == "of" and texts[first - 2] in OF_WHAT:
            first -= 2
        return first

    def _compounded(self, texts: list[str], lasts: set[str],
                    v: View) -> tuple[list[str], set[str]]:
        """Two-word names read as one ("keyboard warrior", "a-hole"): the last word stands
        for the whole, the words before it become fillers."""
        texts = list(texts)
        named = set()
        for k in positions(texts, lasts):
            for before, hyphened in self.compounds[texts[k]]:
                n = len(before)
                if k >= n and tuple(texts[k - n:k]) == before and (
                        not hyphened or v.gap(k).strip() == "-"):
                    name = " ".join((*before, texts[k]))
                    texts[k - n:k] = [FILLER] * n
                    texts[k] = name
                    named.add(name)
                    break
        return texts, named


def _inside(k: int, found: list[tuple[int, int, int]]) -> bool:
    for a, b, _ in found:
        if a <= k <= b:
            return True
    return False
