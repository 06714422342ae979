"""Content words for the off-topic rules: no stop words, no common words, one stem per word.

Relevance compares a comment's *content* words with the article's and the thread's, so
"government"/"governments" and "debate"/"debating" must meet, and "the", "think" or "people",
which every comment uses, must not count. A small suffix stripper does that well enough here:
on the development threads it found as many off-topic posts, with as few false flags, as the
Snowball (Porter 2) stemmer; and each distinct word is stemmed once and remembered, so the
stemmer's speed hardly matters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from moderator.rules.base import CommentContext

# (suffix, replacement), first match wins; the stem left must keep at least 3 letters.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ational", "ate"), ("ization", "ize"), ("iveness", "ive"), ("fulness", "ful"),
    ("ousness", "ous"), ("ations", ""), ("ation", ""), ("ements", ""), ("ement", ""),
    ("ments", ""), ("ment", ""), ("ities", "ity"), ("ingly", ""), ("edly", ""),
    ("sses", "ss"), ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("xes", "x"),
    ("ches", "ch"), ("shes", "sh"),
)
_VOWELS = frozenset("aeiouy")
_MAX_MEMO = 500_000  # distinct words remembered before the memo starts afresh
# Laughter and held-down keys ("hahaha", "aaaahh", "sooooo"): noise, not content.
_NOISE = re.compile(r"(.)\1\1|^(?:[ha]*h[ha]*|(?:he)+h?|lo+l|x+d+)$")


def light_stem(word: str) -> str:
    """A small suffix stripper: plurals, -ing, -ed, -ment, -ation...

    ``light_stem("governments") == light_stem("government") == "govern"``,
    ``light_stem("debating") == light_stem("debate") == "debat"``.
    """
    w = word
    if len(w) <= 3:
        return w
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix):
            rest = w[: -len(suffix)]
            if len(rest) >= 3 and not _VOWELS.isdisjoint(rest):
                w = rest + repl
                break
    else:
        if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 4:
            w = w[:-1]
        if len(w) >= 4 and w.endswith("e"):
            w = w[:-1]  # debate(s) -> debat, like debating; agree -> agre, like agreed
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]  # stopped -> stopp -> stop
    return w


class ContentWords:
    """Maps a token (as :mod:`moderator.rules.text` lower-cases it) to its stem, or to ``""``
    when it is no content word: a stop word or common word, shorter than 3 letters, not made
    of letters ("2014", "a$$"), or noise ("hahaha", "aaaahh"). Each distinct word is worked
    out once.

    A word with the stem of a common word is common too ("thinking", "makes").
    """

    def __init__(self, stopwords: Iterable[str]) -> None:
        self._stop = frozenset(w.replace("’", "'") for w in stopwords)
        self._stop_stems = frozenset(light_stem(w) for w in self._stop)
        self._memo: dict[str, str] = {}

    def stem(self, word: str) -> str:
        s = self._memo.get(word)
        if s is None:
            if len(self._memo) >= _MAX_MEMO:
                self._memo.clear()
            s = self._memo[word] = self._work_out(word)
        return s

    def _work_out(self, word: str) -> str:
        if word in self._stop:
            return ""
        w = word
        if w.endswith(("'s", "'")):  # Putin's, Russians'
            w = w[: w.rindex("'")]
            if w in self._stop:
                return ""
        if len(w) < 3 or not w.isalpha() or _NOISE.search(w):
            return ""
        s = light_stem(w)
        return "" if s in self._stop_stems else s  # "thinking", "makes": common words too

    def stems(self, words: Iterable[str]) -> set[str]:
        """The content stems of a set of words (each word looked up once)."""
        try:
            out = set(map(self._memo.__getitem__, words))
        except KeyError:  # a word not seen before
            out = {self.stem(w) for w in words}
        out.discard("")
        return out

    def having(self, words: Iterable[str], stems: set[str]) -> list[str]:
        """Those of ``words`` whose stem is in ``stems``."""
        words = list(words)
        try:
            found = map(self._memo.__getitem__, words)
            return [w for w, s in zip(words, list(found), strict=True) if s in stems]
        except KeyError:
            return [w for w in words if self.stem(w) in stems]


def _joins(c: str) -> bool:
    """Whether ``c`` belongs to a token, as :mod:`moderator.rules.text` splits words."""
    return c.isalnum() or c in "_$@*"


def word_spans(ctx: CommentContext, targets: Iterable[str]) -> list[tuple[int, int]]:
    """Where the words ``targets`` (lower case, as in ``ctx.words``) stand in the comment, as
    whole tokens: ``(start, end)`` offsets in the normalised text, in text order.

    Evidence for a flag, found with ``str.find`` instead of building the comment's tokens
    (a flagged comment is shown at once; a thread of 10,000 has hundreds).
    """
    text = ctx.lower.replace("’", "'")
    if len(text) != len(ctx.text):  # lower-casing changed lengths: offsets would drift
        wanted = set(targets)
        return [(t.start, t.end) for t in ctx.tokens if t.text in wanted]
    out = []
    size = len(text)
    for word in targets:
        i = text.find(word)
        while i >= 0:
            j = i + len(word)
            before_ok = i == 0 or not (
                _joins(text[i - 1]) or (text[i - 1] == "'" and i >= 2 and _joins(text[i - 2])))
            after_ok = j == size or not (
                _joins(text[j]) or (text[j] == "'" and j + 1 < size and _joins(text[j + 1])))
            if before_ok and after_ok:
                out.append((i, j))
            i = text.find(word, i + 1)
    out.sort()
    return out
