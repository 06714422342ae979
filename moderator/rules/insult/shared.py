"""What the insult rules share: a view of the comment's words, sentence breaks, evidence, and
a phrase matcher.

Rules match on the comment's lower-case words in order (``ctx.word_list``, shared by every
rule); where the words sit in the text (for sentence breaks and evidence) is worked out only
when a pattern has matched on the words alone, so a clean comment never pays for offsets.

Phrases are data (lists in ``rules.toml``) in a small syntax, one word per slot::

    shut the|your fuck|hell|mouth? up     "|" separates choices; "?" makes a slot optional
    {insult_you} deserve to die           {name} is any word of the word list ``name``
    i will * you                          "*" is any one word
    i will find you $                     "$" (last slot only): a pause or the end follows

A phrase never runs across the end of a sentence (``.``, ``!``, ``?``, ``;``, a new line).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from moderator.core import Span
from moderator.rules.base import CommentContext, Rule, ThreadContext
from moderator.rules.config import Lexicon
from moderator.rules.text import words_of

# The framework's word pattern (moderator.rules.text), for offsets of the same words.
_WORD = re.compile(r"[\w$@*]+(?:['’][\w$@*]+)*")
# A full stop ends a sentence when space or more dots follow it: "U.S." and "a.rat's.ass"
# are one stretch of words.
_SENTENCE_END = re.compile(r"[!?;\n…]|\.(?:\s|\.)")
_PAUSE = re.compile(r"[!?;:,\n()\[\]\"“”…—–]|\.(?:\s|\.)|\s-\s")
_VIEW_KEY = "insult.view"


def forms(words: Iterable[str]) -> frozenset[str]:
    """Words with their plurals (``idiot``/``idiots``, ``bitch``/``bitches``, ``dummy``/
    ``dummies``) and possessives (``idiot's``)."""
    out = set()
    for w in words:
        out.update((w, w + "s", w + "'s"))
        if w.endswith(("s", "sh", "ch", "x", "z")):
            out.add(w + "es")
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            out.add(w[:-1] + "ies")
    return frozenset(out)


class View:
    """A text's words (``words``, lower case, in order) and, on demand, where they are.

    Offsets are found word by word with ``str.find`` (only the words a rule asks about);
    the whole text is tokenised again only when the lower-case text differs in length.
    """

    def __init__(self, text: str, words: list[str], lower: str | Callable[[], str],
                 span: Callable[[int, int], Span] | None = None) -> None:
        self.text = text
        self.words = words
        # the lower-case text, or how to get it when first asked for (many views never are)
        if isinstance(lower, str):
            self._lower: str | None = lower
            self._lowered: Callable[[], str] = lower.__str__
        else:
            self._lower, self._lowered = None, lower
        self._span = span
        self._found: dict[int, tuple[int, int]] = {}
        self._all: list[tuple[int, int]] | None = None
        self._plain: str | None = None
        self.memo: dict[str, Any] = {}  # what rules work out once per comment

    @property
    def lower(self) -> str:
        """The text in lower case."""
        low = self._lower
        if low is None:
            low = self._lower = self._lowered()
        return low

    def offset(self, i: int) -> tuple[int, int]:
        """(start, end) of word ``i`` in ``text``."""
        hit = self._found.get(i)
        if hit is None:
            hit = self._found[i] = self._locate(i)
        return hit

    def _locate(self, i: int) -> tuple[int, int]:
        if self._all is None and len(self.lower) == len(self.text):
            if self._plain is None:
                self._plain = self.lower.replace("’", "'")
            plain, word = self._plain, self.words[i]
            size = len(word)
            before = self._found.get(i - 1)
            if before is not None:  # the next whole word after the word before it
                at = plain.find(word, before[1])
                while at != -1 and not _whole(plain, at, at + size):
                    at = plain.find(word, at + 1)
                if at != -1:
                    return at, at + size
            after = self._found.get(i + 1)
            if after is not None:  # the last whole word before the word after it
                at = plain.rfind(word, 0, after[0])
                while at != -1 and not _whole(plain, at, at + size):
                    at = plain.rfind(word, 0, at + size - 1)
                if at != -1:
                    return at, at + size
            # the n-th whole-word occurrence of word i, n counted among the earlier words
            wanted = _occurrences_before(self.words, word, i)
            at = plain.find(word)
            while at != -1:
                if _whole(plain, at, at + size):
                    if wanted == 0:
                        return at, at + size
                    wanted -= 1
                at = plain.find(word, at + 1)
        if self._all is None:
            source = self.lower if len(self.lower) == len(self.text) else self.text
            self._all = [m.span() for m in _WORD.finditer(source)]
        return self._all[i]

    def odd_spaces(self) -> bool:
        """Are words ever set apart by other than one plain space ("go\u00a0away")?"""
        got = self.memo.get("odd_spaces")
        if got is None:
            low = self.lower
            got = self.memo["odd_spaces"] = "  " in low or "\xa0" in low or "\t" in low or \
                "\u2009" in low or "\u202f" in low or "’" in low
        return got

    def in_quotes(self, i: int) -> bool:
        """Does word ``i`` stand inside double quotes (reported speech, a title: "he yelled
        "shut up" at them")? An odd number of straight quotes before it, or more opening
        curly quotes than closing ones."""
        text = self.text
        if '"' not in text and "“" not in text:
            return False
        before = text[:self.offset(i)[0]]
        return before.count('"') % 2 == 1 or before.count("“") > before.count("”")

    def gap(self, i: int) -> str:
        """The characters between word ``i - 1`` and word ``i``."""
        return self.text[self.offset(i - 1)[1] if i else 0:self.offset(i)[0]]

    def sentence_break(self, i: int) -> bool:
        """Does a sentence end between word ``i - 1`` and word ``i``? True before the first."""
        return i <= 0 or i >= len(self.words) or _SENTENCE_END.search(self.gap(i)) is not None

    def breaks_within(self, first: int, last: int) -> bool:
        """Does a sentence end anywhere between words ``first`` and ``last``?"""
        if first >= last:
            return False
        stretch = self.text[self.offset(first)[1]:self.offset(last)[0]]
        return _SENTENCE_END.search(stretch) is not None

    def pause(self, i: int) -> bool:
        """A sentence end or a comma-like pause before word ``i`` (True at the ends)."""
        if i <= 0 or i >= len(self.words):
            return True
        return _PAUSE.search(self.gap(i)) is not None

    def pause_after(self, i: int) -> bool:
        """A pause right after word ``i`` (or the text ends there)."""
        return self.pause(i + 1)

    def may_pause_after(self, word: str) -> bool:
        """Cheap test before :meth:`pause_after`: is ``word`` ever followed by punctuation
        (or last)? No offsets needed."""
        low = self.lower
        if low.rstrip(" \t\n.!?)\"'").endswith(word):
            return True
        at = low.find(word)
        while at != -1:
            nxt = low[at + len(word):at + len(word) + 2].lstrip(" ")
            if nxt[:1] in _PUNCT:
                return True
            at = low.find(word, at + 1)
        return False

    def raw(self, first: int, last: int) -> str:
        """The text of words ``first..last`` as written."""
        return self.text[self.offset(first)[0]:self.offset(last)[1]]

    def span(self, first: int, last: int) -> Span:
        """Evidence covering words ``first..last`` in the body as written."""
        start, end = self.offset(first)[0], self.offset(last)[1]
        return Span(start, end) if self._span is None else self._span(start, end)

    def capitalised(self, i: int) -> bool:
        a = self.offset(i)[0]
        return self.text[a:a + 1].isupper()


def positions(words: list[str], wanted: Iterable[str]) -> list[int]:
    """Where the words of ``wanted`` occur in ``words``, in order (C-speed searches)."""
    out = []
    for w in wanted:
        at = -1
        for _ in range(words.count(w)):
            at = words.index(w, at + 1)
            out.append(at)
    if len(out) > 1:
        out.sort()
    return out


def _occurrences_before(words: list[str], word: str, i: int) -> int:
    return words[:i].count(word)


_INSIDE = frozenset("$@*_")


def _whole(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a whole word (as the framework's tokeniser cuts words)?"""
    if start:
        c = text[start - 1]
        if c.isalnum() or c in _INSIDE or (c == "'" and start > 1 and (
                text[start - 2].isalnum() or text[start - 2] in _INSIDE)):
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c in _INSIDE or (c == "'" and end + 1 < len(text) and (
                text[end + 1].isalnum() or text[end + 1] in _INSIDE)):
            return False
    return True


_PUNCT = frozenset(".,!?;:)-\"'\n…")


def view(ctx: CommentContext) -> View:
    """The comment's view, shared by all insult rules."""
    v = ctx.cache.get(_VIEW_KEY)
    if v is None:
        v = ctx.cache[_VIEW_KEY] = View(ctx.text, ctx.word_list, lambda: ctx.lower, ctx.span)
    return v


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
    _SCREENS[key] = (weakref.ref(lexicon, lambda _ref, key=key: _SCREENS.pop(key, None)), scr)
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


def text_view(text: str) -> View:
    """A view of any text (the article)."""
    lower = text.lower()
    return View(text, words_of(lower), lower)


def quoted(texts: Iterable[str], limit: int = 4) -> str:
    """``"moron", "idiot"``: distinct texts in order, at most ``limit`` of them."""
    seen: list[str] = []
    lowered: set[str] = set()
    for t in texts:
        t = " ".join(t.split())
        low = t.lower()
        if low not in lowered:
            lowered.add(low)
            seen.append(t)
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return ", ".join(f'"{t}"' for t in seen[:limit]) + more


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
