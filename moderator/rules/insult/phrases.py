"""Phrases the insult rules look for (threats, dismissals, attacks), found among a text's words.

Phrases are data (lists in ``rules.toml``) in a small syntax, one word per slot::

    shut the|your fuck|hell|mouth? up     "|" separates choices; "?" makes a slot optional
    {insult_you} deserve to die           {name} is any word of the word list ``name``
    i will * you                          "*" is any one word
    i will find you $                     "$" (last slot only): a pause or the end follows

A phrase never runs across the end of a sentence (``.``, ``!``, ``?``, ``;``, a new line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from moderator.rules.config import Lexicon
from moderator.rules.insult.view import View, positions


@dataclass(frozen=True, slots=True)
class Found:
    """A phrase found at words ``first..last``; ``pattern`` is the phrase as written."""

    first: int
    last: int
    pattern: str


_ANY: frozenset[str] = frozenset()
_END: frozenset[str] = frozenset({"$"})
# How common words are, to pick each phrase's telling word (see Phrases.find): words of the
# first list are in nearly every comment, those of the second in many.
_VERY_COMMON = frozenset("""a an the i you u ya your we he she it they them me my our is are
be was were am to of in on at for and or but not no so just go get will would do don't can
this that there what who all up out off down with have has had 'll when""".split())
_COMMON = frozenset("""think know like people time make made way want need say said see look
come back live life one two more most other some any only also very really much many well even
still now then than because about over after before where when how why which should could
into from by as if their been being us him her his its it's i'm can't going gonna got good
right new first last long great little own same big old every never always nothing something
anything everyone anyone someone man men world year years day days thing things work home
place country state money family kids children guy guys better best take give keep let put
tell you're youre you'll youll i'll ill i'd id im we'll yours yourself here face head open
fire watch find hope wish play stop learn full likes sick hell ass school bed sleep book site
page thread box eat kind human trees crawl cry away lost along came asked cares""".split())

Slots = list[tuple[frozenset[str], bool]]


def commonness(choices: Iterable[str]) -> tuple[int, int, int]:
    """How often a slot's words turn up in comments (for choosing which word a phrase is
    screened on: the least common): very common words, common words, then how many."""
    choices = frozenset(choices)
    return (len(choices & _VERY_COMMON), len(choices & _COMMON), len(choices))


def rarest(slots: Iterable[Iterable[str]]) -> frozenset[str]:
    """The least common of a phrase's required slots (the last of equals)."""
    return min((frozenset(c) for c in reversed(list(slots))), key=commonness)


class Phrases:
    """A list of phrases in the syntax above, found among a text's words.

    Finding costs one set test per comment unless the comment has a telling word of some
    phrase (its least common required slot); then only the phrases that may be there are
    tried, on the words alone, and a match is checked for sentence breaks last.
    """

    def __init__(self, patterns: Iterable[str], lexicon: Lexicon) -> None:
        self.patterns: list[tuple[str, Slots]] = []
        self.by_first: dict[str, list[int]] = {}
        self.by_gate: dict[str, list[int]] = {}
        self.required: list[list[frozenset[str]]] = []
        self.probes: list[tuple[str, ...] | None] = []
        # each phrase's required slots, its least common first: the screen looks for all
        self.pairs: list[tuple[frozenset[str], ...]] = []
        for pattern in sorted(patterns):
            slots = []
            for part in pattern.split():
                optional = part.endswith("?") and len(part) > 1
                part = part[:-1] if optional else part
                if part == "*":
                    choices = _ANY
                elif part == "$":
                    choices = _END
                elif part.startswith("{") and part.endswith("}"):
                    choices = lexicon.words(part[1:-1])
                else:
                    choices = frozenset(part.split("|"))
                slots.append((choices, optional))
            if not slots or slots[0][1] or slots[0][0] in (_ANY, _END):
                raise ValueError(f"a phrase must start with a word: {pattern!r}")
            n = len(self.patterns)
            self.patterns.append((pattern, slots))
            for w in slots[0][0]:
                self.by_first.setdefault(w, []).append(n)
            required = [c for c, opt in slots if not opt and c not in (_ANY, _END)]
            gate = rarest(required)
            for w in gate:
                self.by_gate.setdefault(w, []).append(n)
            self.pairs.append((gate, *(c for c in required if c != gate)))
            self.required.append(required)
            self.probes.append(_probes(slots))
        self.gate_words = frozenset(self.by_gate)

    def find(self, v: View, words: frozenset[str], readings: dict[str, str] | None = None,
             seen: frozenset[str] | None = None) -> list[Found]:
        """Every phrase occurrence (longest at each start), left to right, not overlapping.

        ``words`` is the set of ``v.words``; ``readings`` maps words spelled oddly to the
        words they stand for ("fuuuck" -> "fuck", "f*ck" -> "fuck"); ``seen``: the part of
        ``words`` that holds every gate word there is (:class:`Screen`), when known.
        """
        texts = v.words
        if readings:
            texts = [readings.get(w, w) for w in texts]
            words = words | frozenset(readings.values())
            seen = None
        gates = self.gate_words & (words if seen is None else seen)
        if not gates:
            return []
        maybe = set()
        lower = None
        for w in gates:
            for n in self.by_gate[w]:
                probes = None if readings else self.probes[n]
                if probes is None:
                    for slot in self.required[n]:
                        if slot.isdisjoint(words):
                            break
                    else:
                        maybe.add(n)
                else:
                    if lower is None:
                        lower = v.lower
                    for p in probes:
                        if p in lower:
                            maybe.add(n)
                            break
                    else:  # words may stand apart otherwise ("go\u00a0away", "go  away")
                        if v.odd_spaces():
                            for slot in self.required[n]:
                                if slot.isdisjoint(words):
                                    break
                            else:
                                maybe.add(n)
        if not maybe:
            return []
        firsts = {w for n in maybe for w in self.patterns[n][1][0][0]}
        starts = positions(texts, firsts & words)
        out: list[Found] = []
        after = -1
        for i in starts:
            if i <= after:
                continue
            best, best_pattern = -1, ""
            for k in self.by_first[texts[i]]:
                if k in maybe:
                    pattern, slots = self.patterns[k]
                    for end in _ends(slots, 1, i + 1, texts):
                        if end > best and not v.breaks_within(i, end - 1) and \
                                _ends_ok(slots, i, end, v):
                            best, best_pattern = end, pattern
            if best >= 0:
                out.append(Found(i, best - 1, best_pattern))
                after = best - 1
        return out

    def vocabulary(self) -> frozenset[str]:
        """Every word the phrases name (for reading odd spellings of them)."""
        out: set[str] = set()
        for _, slots in self.patterns:
            for choices, _ in slots:
                if choices is not _ANY and choices is not _END:
                    out |= choices
        return frozenset(out)


def _probes(slots: Slots) -> tuple[str, ...] | None:
    """Few texts one of which a phrase must contain: its first two words ("go away"), when
    they are plain words with few choices (a substring test is cheaper than a word test)."""
    if len(slots) < 2 or slots[1][1] or slots[1][0] in (_ANY, _END):
        return None
    first, second = slots[0][0], slots[1][0]
    if len(first) * len(second) > 4:
        return None
    return tuple(sorted(f"{a} {b}" for a in first for b in second))


def _ends(slots: Slots, s: int, t: int, words: list[str]) -> list[int]:
    """Where ``slots[s:]`` can end when matched from word ``t`` (words only)."""
    if s == len(slots):
        return [t]
    choices, optional = slots[s]
    out = []
    if choices is _END:
        out = _ends(slots, s + 1, t, words)
    elif t < len(words) and (choices is _ANY or words[t] in choices):
        out = _ends(slots, s + 1, t + 1, words)
    if optional:
        out = out + _ends(slots, s + 1, t, words)
    return out


def _ends_ok(slots: Slots, first: int, end: int, v: View) -> bool:
    """A phrase ending in ``$`` needs a pause after its last word."""
    return slots[-1][0] is not _END or v.pause_after(end - 1)
