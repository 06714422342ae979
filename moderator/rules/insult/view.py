"""A text's words as the insult rules read them, and where they stand in it.

Rules match on the comment's lower-case words in order (``ctx.word_list``, shared by every
rule); where the words sit in the text (for sentence breaks and evidence) is worked out only
when a pattern has matched on the words alone, so a clean comment never pays for offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from moderator.core import Span
from moderator.rules.base import CommentContext
from moderator.rules.text import lower, words_of

# The framework's word pattern (moderator.rules.text), for offsets of the same words.
_WORD = re.compile(r"[\w$@*]+(?:['’][\w$@*]+)*")
# A full stop ends a sentence when space or more dots follow it: "U.S." and "a.rat's.ass"
# are one stretch of words.
_SENTENCE_END = re.compile(r"[!?;\n…]|\.(?:\s|\.)")
_PAUSE = re.compile(r"[!?;:,\n()\[\]\"“”…—–]|\.(?:\s|\.)|\s-\s")
_VIEW_KEY = "insult.view"


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


def positions(words: list[str], wanted: Collection[str]) -> list[int]:
    """Where the words of ``wanted`` occur in ``words``, in order: for one word, C-speed
    searches (a count, then an index for each); for more, one pass (each search compares
    every word it passes, as text when not the same object)."""
    if len(wanted) > 1:
        return [i for i, w in enumerate(words) if w in wanted]
    out = []
    for w in wanted:
        at = -1
        for _ in range(words.count(w)):
            at = words.index(w, at + 1)
            out.append(at)
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


def text_view(text: str) -> View:
    """A view of any text (the article)."""
    low = lower(text)
    return View(text, words_of(low), low)
