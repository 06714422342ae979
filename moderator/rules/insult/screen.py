"""The screen the insult rules share: which of a comment's words any of them needs to look at,
so that a clean comment costs one set difference for all of them together."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from typing import Any

from moderator.rules.base import CommentContext, Rule, ThreadContext
from moderator.rules.config import Lexicon
from moderator.rules.insult.view import positions

# One-letter words (and stretched ones: "f uuu c k"): letters spelled out one by one.
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
SINGLES = frozenset([*_LETTERS, *"0123456789$@*",
                     *(c * n for c in _LETTERS for n in (2, 3, 4) if c * n not in ("ll",))])
COMMON_SINGLES = frozenset("ai")  # a comment with fewer than two others spells nothing out
RARE_SINGLES = SINGLES - COMMON_SINGLES


def _may_spell(singles: frozenset[str], words: list[str]) -> bool:
    """May the rare one-letter words ``singles`` spell something out? Two different ones, or
    one used twice ("A S S")."""
    n = len(singles)
    return n >= 2 or n == 1 and words.count(next(iter(singles))) >= 2


def letter_runs(words: list[str], present: frozenset[str]) -> list[list[int]]:
    """Runs of three or more one-letter words ("f u c k", "s..t..f..u") among ``words``;
    ``present``: the rare one-letter words of the text."""
    runs: list[list[int]] = []
    n = len(words)
    covered = -1
    for p in positions(words, present):
        if p <= covered:
            continue
        a = b = p
        while a and words[a - 1] in SINGLES:
            a -= 1
        while b + 1 < n and words[b + 1] in SINGLES:
            b += 1
        covered = b
        if b - a >= 2:
            runs.append(list(range(a, b + 1)))
    return runs


_SEEN_KEY = "insult.seen"
_MAX_PLAIN = 200_000


class Screen:
    """Which of a comment's words any insult rule needs to look at, shared by the rules built
    from one word list configuration (one :class:`Lexicon`), across threads.

    Each rule registers the words without which it cannot fire, its spelling matchers (for
    "m0r0n", "f*ck" and "REIDtard"), groups of words that set it off only together (every
    word a phrase needs: "nobody" with "likes" and "you"; one choice of each), and whether
    letters spelled out one by one concern it. A word that no rule wants is remembered as
    plain, a wanted one with the rules that want it. A comment then costs one set difference
    against the plain words for all the insult rules together, and the scorer does not call
    a rule none of whose words are in it (the common case: see ``Rule.screen``). A word is
    classified once, the first time any comment uses it.
    """

    def __init__(self) -> None:
        self.rules: list[tuple[frozenset[str], list[tuple[Any, bool]]]] = []
        self.bits: dict[str, int] = {}  # rule id -> its bit
        # word -> (bit, the other words needed with it: one of each set)
        self.pairs: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        self.spelling = 0  # bits of the rules that read letters spelled out
        self.plain: set[str] = set()
        self.wanted: dict[str, int] = {}  # word -> bits of the rules it alone sets off
        self.token = object()  # a new one whenever the vocabulary changes

    def register(self, rule_id: str, words: Iterable[str], matchers: Iterable[Any] = (),
                 pairs: Iterable[tuple[Iterable[str], ...]] = (),
                 letters: bool = False) -> int:
        """Registers a rule (once); its bit. ``pairs``: groups of choices (two or more) that
        set the rule off when the comment has a word of each."""
        bit = self.bits.get(rule_id)
        if bit is None:
            bit = self.bits[rule_id] = 1 << len(self.rules)
            self.rules.append((frozenset(words), [(m, bool(getattr(m, "odd_only", False)))
                                                  for m in matchers]))
            for first, *others in pairs:
                needed = tuple(frozenset(o) for o in others)
                for w in first:
                    self.pairs.setdefault(w, []).append((bit, needed))
            if letters:
                self.spelling |= bit
            self.plain.clear()
            self.wanted.clear()
            self.token = object()
        return bit

    def seen(self, ctx: CommentContext) -> tuple[object, frozenset[str], int]:
        """The comment's words that some registered rule may care about, and the bits of
        the rules they set off (with this screen's token, as cached in the comment)."""
        cached = ctx.cache.get(_SEEN_KEY)
        if cached is not None and cached[0] is self.token:
            return cached
        words = ctx.words
        got = words - self.plain
        bits = 0
        if got:
            wanted = self.wanted
            fresh = got.difference(wanted)  # by the few words of got: never by all of wanted
            if fresh:
                self._classify(fresh)
                got = got - self.plain
            pairs = self.pairs
            for w in got:
                bits |= wanted[w]
                if w in pairs:
                    for bit, needed in pairs[w]:
                        if not bits & bit:
                            for choices in needed:  # a word of each
                                if choices.isdisjoint(words):
                                    break
                            else:
                                bits |= bit
            if self.spelling & ~bits:
                singles = got & RARE_SINGLES
                if _may_spell(singles, ctx.word_list):
                    runs = letter_runs(ctx.word_list, singles)
                    ctx.cache[_LETTERS_KEY] = runs
                    if runs:
                        bits |= self.spelling
        cached = ctx.cache[_SEEN_KEY] = (self.token, got, bits)
        return cached

    def mask(self, ctx: CommentContext) -> int:
        """The bits of the rules that may fire on the comment (see :meth:`seen`)."""
        cached = ctx.cache.get(_SEEN_KEY)
        if cached is None or cached[0] is not self.token:
            cached = self.seen(ctx)
        return cached[2]

    def _classify(self, fresh: Iterable[str]) -> None:
        if len(self.plain) > _MAX_PLAIN:
            self.plain.clear()
        pairs = self.pairs
        for w in fresh:
            bits = 0
            # matchers of odd spellings only ("sooo", "f*ck") have nothing to read in a word
            # of plain letters: one test here instead of one in each of them
            odd = not w.isalpha() or _STRETCH.search(w) is not None
            for n, (vocab, matchers) in enumerate(self.rules):
                if w in vocab:
                    bits |= 1 << n
                    continue
                for m, odd_only in matchers:
                    if (odd or not odd_only) and m.word(w):
                        bits |= 1 << n
                        break
            if bits or w in pairs or w in SINGLES:
                self.wanted[w] = bits
            else:
                self.plain.add(w)


_LETTERS_KEY = "insult.letters"
_STRETCH = re.compile(r"(.)\1{2,}")  # a letter written three times or more ("stuuupid")


def spelled_out(ctx: CommentContext) -> list[list[int]]:
    """Runs of letters spelled out in the comment (see :func:`letter_runs`)."""
    runs = ctx.cache.get(_LETTERS_KEY)
    if runs is None:
        screened = ctx.cache.get(_SEEN_KEY)  # the screen keeps every one-letter word
        singles = (ctx.words if screened is None else screened[1]) & RARE_SINGLES
        runs = letter_runs(ctx.word_list, singles) if _may_spell(singles, ctx.word_list) else []
        ctx.cache[_LETTERS_KEY] = runs
    return runs


# One screen per word list configuration, alive as long as its Lexicon.
_SCREENS: dict[int, tuple[weakref.ref[Lexicon], Screen]] = {}


def screen_for(lexicon: Lexicon) -> Screen:
    """The screen shared by the insult rules built from ``lexicon``."""
    key = id(lexicon)
    got = _SCREENS.get(key)
    if got is not None and got[0]() is lexicon:
        return got[1]
    scr = Screen()

    def forget(_ref: weakref.ref[Lexicon]) -> None:
        _SCREENS.pop(key, None)

    _SCREENS[key] = (weakref.ref(lexicon, forget), scr)
    return scr


class ScreenedRule(Rule):
    """An insult rule that looks at a comment only when the shared :class:`Screen` finds
    one of the words it watches (:meth:`watched`)."""

    _screen: Screen | None = None
    _bit = 0

    letters = False  # do letters spelled out one by one ("m o r o n") concern the rule?

    def watched(self) -> tuple[Iterable[str], Iterable[Any]]:
        """The words that can set the rule off alone, and matchers for odd spellings."""
        raise NotImplementedError

    def paired(self) -> list[tuple[frozenset[str], ...]]:
        """Groups of choices that set the rule off together, a word of each (phrases)."""
        return []

    def prepare(self, thread: ThreadContext) -> None:
        if self._screen is None:
            self._register()

    def _register(self) -> Screen:
        scr = self._screen = screen_for(self.lexicon)
        self._bit = scr.register(self.id, *self.watched(), pairs=self.paired(),
                                 letters=self.letters)
        return scr

    def screen(self) -> tuple[Screen, int]:
        scr = self._screen
        if scr is None:
            scr = self._register()
        return scr, self._bit

    def seen(self, ctx: CommentContext) -> frozenset[str]:
        """The comment's words worth a look when some of them are this rule's (registering
        the rule when not prepared), else nothing."""
        scr = self._screen
        if scr is None:
            scr = self._register()
        cached = ctx.cache.get(_SEEN_KEY)
        if cached is None or cached[0] is not scr.token:
            cached = scr.seen(ctx)
        return cached[1] if cached[2] & self._bit else _NOTHING


_NOTHING: frozenset[str] = frozenset()
