"""better-profanity's word list, matched through our own tokens at set-lookup speed.

better-profanity (0.7) scans a comment character by character and compares every word with
~900 variant patterns: 11-28 comments a second. Here the same list and the same leetspeak
map are turned into plain dictionaries once, so a comment costs a set difference against
words already known to be clean; a word never seen before is classified once and remembered.

What counts as a match (better-profanity's behaviour, plus our additions):

* a whole token equal to a listed word or one of its leetspeak spellings (``CHARS_MAPPING``:
  ``a->@*4, i->*l1, o->*0@, u->*v, v->*u, l->1, e->*3, s->$5, t->7``): ``sh1t``, ``a$$``,
  ``fvck``; never a word inside a longer word (``assassin``, ``Scunthorpe``, ``classic``);
* a plural or possessive of a listed word (``assholes``, ``bitch's``) and stretched letters
  (``fuuuuck``);
* a ``*``-masked word whose visible letters fit exactly one listed word (``f**k``), or with
  stars put between its letters (``dou*che*bag``); words joined by underscores;
* letters spelled out one by one (``f u c k``, ``s.h.i.t``, ``s..t..f..u``) and listed
  two-word entries (``blow job``, ``ASS HOLES``), which span several tokens.

Tokens without a single letter (``455``, ``$5``) are numbers and money, not words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from moderator.rules.insult.phrases import rarest
from moderator.rules.insult.screen import RARE_SINGLES, letter_runs
from moderator.rules.insult.view import View, positions
from moderator.rules.text import lower

# better_profanity.Profanity().CHARS_MAPPING, copied so that scoring never instantiates the
# library (that alone builds ~5 MB of objects); a test checks the two stay equal.
CHARS_MAPPING: dict[str, tuple[str, ...]] = {
    "a": ("a", "@", "*", "4"),
    "i": ("i", "*", "l", "1"),
    "o": ("o", "*", "0", "@"),
    "u": ("u", "*", "v"),
    "v": ("v", "*", "u"),
    "l": ("l", "1"),
    "e": ("e", "*", "3"),
    "s": ("s", "$", "5"),
    "t": ("t", "7"),
}

# The reverse: which letters a non-letter may stand for.
_STANDS_FOR: dict[str, str] = {}
for _letter, _options in CHARS_MAPPING.items():
    for _option in _options:
        if not _option.isalpha():
            _STANDS_FOR[_option] = _STANDS_FOR.get(_option, "") + _letter

STRETCHED = re.compile(r"(.)\1{2,}")  # a letter three times or more ("fuuuck")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_MAX_SPELLINGS = 256  # a token with more possible readings than this is not read as leetspeak
MAX_MEMO = 200_000  # words remembered per matcher before the memory starts afresh


def remember(memo: dict[str, str], clean: set[str], text: str, found: str) -> str:
    """``found`` (what ``text`` reads as, ``""`` for nothing) kept in ``memo``, and ``text``
    in ``clean`` when it reads as nothing; both start afresh when the memo is full."""
    if len(memo) > MAX_MEMO:
        memo.clear()
        clean.clear()
    memo[text] = found
    if not found:
        clean.add(text)
    return found


def better_profanity_words() -> list[str]:
    """The default word list of the installed better-profanity package (lower case)."""
    text = files("better_profanity").joinpath("profanity_wordlist.txt").read_text("utf-8")
    return [lower(w.strip()) for w in text.splitlines() if w.strip()]


def _letter_spellings(word: str) -> list[str]:
    """``word`` with the letter-for-letter swaps of the map (``u``/``v``, ``i`` as ``l``)."""
    options = [tuple(c for c in CHARS_MAPPING.get(ch, (ch,)) if c.isalpha()) for ch in word]
    return ["".join(combo) for combo in itertools.islice(itertools.product(*options), 64)]


@dataclass(frozen=True, slots=True)
class Match:
    """Listed ``word`` found at tokens ``first..last`` (inclusive) of a comment."""

    word: str
    first: int
    last: int


class ProfanityMatcher:
    """Finds listed words among a comment's tokens.

    ``words``: the list (single words and multi-word entries); ``spoken``: real words that a
    letter swap would otherwise turn into a listed one (``gal`` is not ``gai``).
    """

    odd_only = False  # reads plain words too (see OddSpelling)

    def __init__(self, words: Iterable[str], spoken: Iterable[str] = (), *,
                 endings: dict[str, str] | None = None, glued: Iterable[str] = (),
                 unglued: Iterable[str] = (), swaps: bool = True) -> None:
        self.listed: dict[str, str] = {}  # spelling -> listed word
        # coinages (see coined): word ending -> what it means, words glued in front of a
        # listed word, and real words that look like coinages
        self._endings = sorted((endings or {}).items(), key=lambda kv: -len(kv[0]))
        self._glued = frozenset(glued)
        self._glued_sizes = sorted({len(g) for g in self._glued})
        self._unglued = frozenset(unglued)
        self.spelled_out: dict[str, str] = {}  # letters joined ("sob" from "s.o.b.") -> word
        # first token -> (tokens, listed word, written with its hyphens only)
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self._masked: dict[tuple[int, str, str], list[str]] = {}
        spoken = set(spoken)
        for raw in words:
            word = lower(raw.strip())
            parts = re.findall(r"[\w$@*]+", word)
            if not parts:
                continue
            if len(parts) == 1 and parts[0] == word:
                for spelling in _letter_spellings(word) if swaps else ():
                    if spelling == word or spelling not in spoken:
                        self.listed.setdefault(spelling, word)
                self.listed[word] = word
                if word.isalpha():
                    self._masked.setdefault((len(word), word[0], word[-1]), []).append(word)
            elif all(len(p) == 1 for p in parts):  # f-u-c-k, s.o.b.
                self.spelled_out["".join(parts)] = word
            elif len(parts) > 1:  # blow job, son-of-a-bitch, sh!t (never "sh" alone)
                # "a-hole", "g-spot": a short first part takes the hyphen ("a hole" is English)
                tight = "-" in word and len(parts[0]) <= 2
                self.phrases.setdefault(parts[0], []).append((tuple(parts), word, tight))
        # a multi-word entry is looked for only when its least common word is there
        self.phrase_gates = frozenset(w for entries in self.phrases.values()
                                      for parts, _, _ in entries
                                      for w in rarest([p] for p in parts))
        self._memo: dict[str, str] = {}
        self._pairs_memo: dict[tuple[str, str], str] = {}
        self.clean: set[str] = set()

    # -- one word ---------------------------------------------------------------------------
    def word(self, text: str) -> str:
        """The listed word that token ``text`` (lower case) spells, or ``""``."""
        found = self._memo.get(text)
        if found is None:
            found = remember(self._memo, self.clean, text, self._classify(text))
        return found

    def lookup(self, text: str) -> str:
        """A listed word, its plural or possessive: no leetspeak."""
        listed = self.listed
        hit = listed.get(text)
        if hit:
            return hit
        last = text[-1:]
        if last == "s":
            if text[-2:-1] in ("'", "’"):  # "bitch's"
                return listed.get(text[:-2], "")
            if len(text) > 3:
                hit = listed.get(text[:-1])
                if hit:
                    return hit
                if text[-2:-1] == "e":  # "bitches"
                    return listed.get(text[:-2], "")
        elif last == "'":
            return listed.get(text[:-1], "")
        return ""

    def joined(self, first: str, second: str) -> str:
        """The listed word two neighbouring tokens spell together ("ASS" + "HOLES"), or
        ``""`` (remembered: the same pairs come back)."""
        key = (first, second)
        hit = self._pairs_memo.get(key)
        if hit is None:
            hit = self.lookup(first + second)
            if len(self._pairs_memo) > MAX_MEMO:
                self._pairs_memo.clear()
            self._pairs_memo[key] = hit
        return hit

    def _classify(self, text: str) -> str:
        hit = self.lookup(text)
        if hit:
            return hit
        plain = text.isalpha()  # letters only (most words): no leetspeak to read
        if not plain and not _HAS_LETTER.search(text):
            return ""
        stretched = STRETCHED.search(text)
        if plain and not stretched:
            return self.coined(text)
        if stretched:
            for squeezed in (STRETCHED.sub(r"\1\1", text), STRETCHED.sub(r"\1", text)):
                hit = self._classify(squeezed)
                if hit:
                    return hit
        if "*" in text.strip("*"):  # stars put inside a word: "dou*che*bag", "jer*k"
            hit = self.lookup(text.replace("*", ""))
            if hit:
                return hit
        if "_" in text.strip("_"):  # words joined by underscores: "gay_pussy"
            for part in text.split("_"):
                hit = self.word(part) if part else ""
                if hit:
                    return hit
            return ""
        odd = [i for i, c in enumerate(text) if c in _STANDS_FOR]
        if not odd:
            return ""
        readings = 1
        for i in odd:
            readings *= len(_STANDS_FOR[text[i]])
        if readings <= _MAX_SPELLINGS:
            chars = list(text)
            for combo in itertools.product(*(_STANDS_FOR[text[i]] for i in odd)):
                for i, c in zip(odd, combo, strict=True):
                    chars[i] = c
                hit = self.lookup("".join(chars))
                if hit:
                    return hit
        return self._unmask(text)

    def _unmask(self, text: str) -> str:
        """``f**k``: stars hiding letters between visible ones, when only one word fits."""
        core = text.strip("*")
        if core != text or "*" not in text or text.count("*") * 2 > len(text):
            return ""
        fits = [w for w in self._masked.get((len(text), text[0], text[-1]), ())
                if all(c == "*" or c == d for c, d in zip(text, w, strict=True))]
        return fits[0] if len(fits) == 1 else ""

    def coined(self, text: str) -> str:
        """A word coined from a listed one: an insulting ending ("REIDtard", "libidiot",
        "Hanniturd", "dumbwit") or a listed word with an intensifier glued on its front
        ("fuckingloser", "stupididiot"). What it means, or ``""``."""
        if not (self._endings or self._glued) or text in self._unglued:
            return ""
        single = text[:-1] if text.endswith("s") and len(text) > 4 else text
        if single in self._unglued:
            return ""
        for ending, meaning in self._endings:
            if single.endswith(ending) and len(single) - len(ending) >= 2:
                return meaning
        for size in self._glued_sizes:
            if len(text) - size < 4:
                break
            if text[:size] in self._glued:
                hit = self.lookup(text[size:])
                if hit:
                    return hit
        return ""

    # -- a whole text ----------------------------------------------------------------------
    @property
    def gates(self) -> frozenset[str]:
        """Words that start a look beyond single words (phrases, letters spelled out)."""
        return self.phrase_gates | RARE_SINGLES

    def pairs(self) -> list[tuple[frozenset[str], ...]]:
        """For each multi-word entry its words, the least common first (see
        :class:`.Screen`)."""
        out: list[tuple[frozenset[str], ...]] = []
        for entries in self.phrases.values():
            for parts, _, _ in entries:
                first = rarest([p] for p in parts)
                out.append((first, *(frozenset([p]) for p in parts if p not in first)))
        return out

    def find(self, v: View, words: frozenset[str], every: frozenset[str] | None = None,
             runs: list[list[int]] | None = None) -> list[Match]:
        """Every listed word among the words of ``v``; ``words``: their set, or at least
        those of them that are not plainly clean (see :class:`.screen.Screen`); ``every``:
        the set of all of them when ``words`` is only that part; ``runs``: the runs of
        letters spelled out, when known (:func:`.screen.spelled_out`)."""
        every = words if every is None else every
        found = {}
        clean = self.clean
        for w in words:
            if w not in clean:
                hit = self.word(w)
                if hit:
                    found[w] = hit
        if runs is None:
            singles = every & RARE_SINGLES
            runs = letter_runs(v.words, singles) if len(singles) >= 2 or singles and \
                v.words.count(next(iter(singles))) >= 2 else []
        gated = not self.phrase_gates.isdisjoint(words)
        if not (found or runs or gated):
            return []
        out: list[Match] = []
        if found:
            out = [Match(found[v.words[i]], i, i) for i in positions(v.words, found)]
        if gated:
            out.extend(self._phrases(v, every))
        if runs:
            out.extend(self._spelled_out(v, runs))
        if out:
            if gated or runs:  # single words never overlap: only longer matches may
                out = _outermost(out)
            out = _joined(self, out, v)
        return out

    def _phrases(self, v: View, every: frozenset[str]) -> list[Match]:
        out = []
        words = v.words
        for i in positions(words, self.phrases.keys() & every):
            for parts, word, tight in self.phrases[words[i]]:
                j = i + len(parts) - 1
                if j < len(words) and all(words[i + k] == p for k, p in enumerate(parts)) \
                        and _close(v, i, j, gap=1 if tight else 3) and \
                        not (tight and _spaced(v, i, j)):
                    out.append(Match(word, i, j))
        return out

    def _spelled_out(self, v: View, runs: list[list[int]]) -> list[Match]:
        """Runs of one-letter words (``f u c k``, ``s..t..f..u``) read as one word."""
        words = v.words
        out = []
        for run in runs:
            letters = [words[i][0] for i in run]
            best = None
            for a in range(len(run)):  # the longest word inside the run wins
                for b in range(len(run), a + 2, -1):
                    if best is not None and b - a <= best.last - best.first + 1:
                        break
                    joined = "".join(letters[a:b])
                    hit = self.word(joined) or self.spelled_out.get(joined)
                    if hit and _close(v, run[a], run[b - 1], gap=4):
                        best = Match(hit, run[a], run[b - 1])
            if best is not None:
                out.append(best)
        return out


def _close(v: View, i: int, j: int, gap: int = 3) -> bool:
    """Words ``i..j`` follow each other with only short, same-line separators between."""
    for k in range(i + 1, j + 1):
        between = v.gap(k)
        if len(between) > gap or "\n" in between:
            return False
    return True


def _spaced(v: View, i: int, j: int) -> bool:
    """Is there a space between words ``i..j``?"""
    for k in range(i + 1, j + 1):
        if not v.gap(k).strip():
            return True
    return False


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop matches inside a longer one (``shit`` inside ``bull shit``)."""
    matches.sort(key=lambda m: (m.first, -m.last))
    out: list[Match] = []
    for m in matches:
        if out and m.first <= out[-1].last:
            continue
        out.append(m)
    return out


def _joined(matcher: ProfanityMatcher, matches: list[Match], v: View) -> list[Match]:
    """``ASS HOLES``, ``dumb ass``: a hit glued to its neighbour may spell a longer word."""
    out: list[Match] = []
    words = v.words
    for m in matches:
        if m.first == m.last:
            i = m.first
            if i + 1 < len(words):
                longer = matcher.joined(words[i], words[i + 1])
                if longer and _close(v, i, i + 1, gap=1):
                    m = Match(longer, i, i + 1)
            if m.first == m.last and i > 0 and (not out or out[-1].last < i - 1):
                longer = matcher.joined(words[i - 1], words[i])
                if longer and _close(v, i - 1, i, gap=1):
                    m = Match(longer, i - 1, i)
        out.append(m)
    return out
